import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckNumbers
import Testing
import PhasecheckTestSupport

/// Every Taylor recurrence against a closed form: z' = g(t + c), z(0) = 0 gives z(T) = F(c + T) - F(c) for an
/// antiderivative F of g, evaluated directly with MPFR. The time symbol makes these systems non-autonomous.
struct QuadratureCase: Sendable, CustomTestStringConvertible {
    let name: String
    let c: String
    let T: String
    let integrand: @Sendable (Expr) -> Expr
    let antiderivative: @Sendable (BigFloat) -> BigFloat
    var testDescription: String { "\(name) on [\(c), \(c) + \(T)]" }
}

private typealias B = BigFloat
private func n(_ s: String) -> Expr { Expr.number(BigRational(s)!) }
private func q(_ s: String, _ x: BigFloat) -> BigFloat { big(s, x.precision) }
private func f(_ function: ElementaryFunction, _ x: Expr) -> Expr { Expr.call(function, x) }

let quadratureCases: [QuadratureCase] = [
    .init(name: "exp", c: "0.2", T: "1.5", integrand: { f(.exp, $0) }, antiderivative: { B.exp($0) }),
    .init(name: "expm1", c: "-0.3", T: "1", integrand: { f(.expm1, $0) }, antiderivative: { B.exp($0) - $0 }),
    .init(name: "log", c: "0.5", T: "2", integrand: { f(.log, $0) }, antiderivative: { $0 * B.log($0) - $0 }),
    .init(name: "log1p", c: "-0.5", T: "2", integrand: { f(.log1p, $0) },
          antiderivative: { (q("1", $0) + $0) * B.log(onePlus: $0) - $0 }),
    .init(name: "sin", c: "0.1", T: "4", integrand: { f(.sin, $0) }, antiderivative: { -B.cos($0) }),
    .init(name: "cos", c: "0.1", T: "4", integrand: { f(.cos, $0) }, antiderivative: { B.sin($0) }),
    .init(name: "tan", c: "-1", T: "2", integrand: { f(.tan, $0) }, antiderivative: { -B.log(B.cos($0)) }),
    .init(name: "sinh", c: "-1", T: "2", integrand: { f(.sinh, $0) }, antiderivative: { B.cosh($0) }),
    .init(name: "cosh", c: "-1", T: "2", integrand: { f(.cosh, $0) }, antiderivative: { B.sinh($0) }),
    .init(name: "tanh", c: "-1", T: "2", integrand: { f(.tanh, $0) }, antiderivative: { B.log(B.cosh($0)) }),
    .init(name: "atan", c: "-2", T: "4", integrand: { f(.atan, $0) },
          antiderivative: { $0 * B.atan($0) - B.log(q("1", $0) + $0 * $0) / q("2", $0) }),
    .init(name: "asin", c: "-0.7", T: "1.4", integrand: { f(.asin, $0) },
          antiderivative: { $0 * B.asin($0) + B.sqrt(q("1", $0) - $0 * $0) }),
    .init(name: "acos", c: "-0.7", T: "1.4", integrand: { f(.acos, $0) },
          antiderivative: { $0 * B.acos($0) - B.sqrt(q("1", $0) - $0 * $0) }),
    .init(name: "asinh", c: "-2", T: "4", integrand: { f(.asinh, $0) },
          antiderivative: { $0 * B.asinh($0) - B.sqrt(q("1", $0) + $0 * $0) }),
    .init(name: "acosh", c: "1.5", T: "2", integrand: { f(.acosh, $0) },
          antiderivative: { $0 * B.acosh($0) - B.sqrt($0 * $0 - q("1", $0)) }),
    .init(name: "atanh", c: "-0.7", T: "1.4", integrand: { f(.atanh, $0) },
          antiderivative: { $0 * B.atanh($0) + B.log(q("1", $0) - $0 * $0) / q("2", $0) }),
    // erf' = 2/sqrt(pi) exp(-x^2): int erf = x erf(x) + exp(-x^2)/sqrt(pi), int erfc = x erfc(x) - exp(-x^2)/sqrt(pi).
    .init(name: "erf", c: "-1.5", T: "3", integrand: { f(.erf, $0) },
          antiderivative: { $0 * B.erf($0) + B.exp(-$0 * $0) / B.sqrt(B.pi(precision: $0.precision)) }),
    .init(name: "erfc", c: "-0.5", T: "3", integrand: { f(.erfc, $0) },
          antiderivative: { $0 * B.erfc($0) - B.exp(-$0 * $0) / B.sqrt(B.pi(precision: $0.precision)) }),
    .init(name: "sqrt", c: "0.3", T: "2", integrand: { f(.sqrt, $0) },
          antiderivative: { q("2", $0) * $0 * B.sqrt($0) / q("3", $0) }),
    .init(name: "cbrt", c: "-2.5", T: "2", integrand: { f(.cbrt, $0) },
          antiderivative: { q("3", $0) * $0 * B.cbrt($0) / q("4", $0) }),
    .init(name: "abs (negative)", c: "-3", T: "1", integrand: { f(.abs, $0) }, antiderivative: { -$0 * $0 / q("2", $0) }),
    .init(name: "abs from 0 forward", c: "0", T: "1.5", integrand: { f(.abs, $0) }, antiderivative: { $0 * B.abs($0) / q("2", $0) }),
    .init(name: "abs from 0 backward", c: "0", T: "-1.5", integrand: { f(.abs, $0) }, antiderivative: { $0 * B.abs($0) / q("2", $0) }),
    .init(name: "x^5", c: "-1", T: "2", integrand: { Expr.power($0, n("5")) }, antiderivative: { B.pow($0, 6) / q("6", $0) }),
    .init(name: "x^3 from x = 0", c: "0", T: "1.5", integrand: { Expr.power($0, n("3")) }, antiderivative: { B.pow($0, 4) / q("4", $0) }),
    .init(name: "x^-3", c: "0.5", T: "2", integrand: { Expr.power($0, n("-3")) }, antiderivative: { -B.pow($0, -2) / q("2", $0) }),
    .init(name: "x^2.5", c: "0.5", T: "2", integrand: { Expr.power($0, n("2.5")) },
          antiderivative: { B.pow($0, q("3.5", $0)) / q("3.5", $0) }),
    .init(name: "2^x", c: "-1", T: "3", integrand: { Expr.call(.pow, n("2"), $0) },
          antiderivative: { B.pow(q("2", $0), $0) / B.log(q("2", $0)) }),
    .init(name: "x^x (log x + 1)", c: "0.5", T: "1.5", integrand: { Expr.call(.pow, $0, $0) * (f(.log, $0) + n("1")) },
          antiderivative: { B.pow($0, $0) }),
    .init(name: "1/(1 + x^2)", c: "-2", T: "4", integrand: { n("1") / (n("1") + $0 * $0) }, antiderivative: { B.atan($0) }),
    .init(name: "sin x / (2 + cos x)", c: "0", T: "5", integrand: { f(.sin, $0) / (n("2") + f(.cos, $0)) },
          antiderivative: { -B.log(q("2", $0) + B.cos($0)) }),
    .init(name: "atan2(sin x, cos x)", c: "-1", T: "2.5", integrand: { Expr.call(.atan2, f(.sin, $0), f(.cos, $0)) },
          antiderivative: { $0 * $0 / q("2", $0) }),
    .init(name: "min(x, sin x) forward", c: "0", T: "1", integrand: { Expr.call(.min, $0, f(.sin, $0)) },
          antiderivative: { -B.cos($0) }),
    .init(name: "min(x, sin x) backward", c: "0", T: "-1", integrand: { Expr.call(.min, $0, f(.sin, $0)) },
          antiderivative: { $0 * $0 / q("2", $0) }),
    .init(name: "max(x, sin x) forward", c: "0", T: "1", integrand: { Expr.call(.max, $0, f(.sin, $0)) },
          antiderivative: { $0 * $0 / q("2", $0) }),
    .init(name: "max(x, sin x) backward", c: "0", T: "-1", integrand: { Expr.call(.max, $0, f(.sin, $0)) },
          antiderivative: { -B.cos($0) }),
]

@Suite struct ElementaryRecurrenceTests {
    func system(_ testCase: QuadratureCase) throws -> ODESystem {
        try ODESystem(state: [.init("z")], rightHandSides: [testCase.integrand(Expr.symbol("t") + n(testCase.c))])
    }

    func exact(_ testCase: QuadratureCase, bits: Int) -> BigFloat {
        let c = big(testCase.c, bits), end = c + big(testCase.T, bits)
        return testCase.antiderivative(end) - testCase.antiderivative(c)
    }

    @Test(arguments: quadratureCases)
    func mpfrAt200BitsMatchesTheClosedForm(_ testCase: QuadratureCase) throws {
        let context = MPFRContext(precision: 200)
        var integrator = try TaylorIntegrator(system: system(testCase), context: context)
        let result = try integrator.integrate(initial: [context.constant(0)], from: context.constant(0),
                                              to: [context.constant(BigRational(testCase.T)!)])
        let reference = exact(testCase, bits: 300)
        let error = BigFloat.abs(result[0][0].rounded(toPrecision: 300) - reference).doubleValue
            / Swift.max(1, Swift.abs(reference.doubleValue))
        #expect(error < 1e-55, "\(testCase.name): error \(error), \(integrator.statistics.steps) steps")
    }

    /// The relaxed products (`RelaxedProductPolicy`) from blocks of side 2 on, so that every recurrence takes
    /// block products of sides 2 to 64 by Kronecker substitution: against the same closed form, at 400 bits
    /// (order 140), and against the term-by-term products.
    @Test(arguments: quadratureCases)
    func relaxedProductsAt400BitsMatchTheClosedForm(_ testCase: QuadratureCase) throws {
        let context = MPFRContext(precision: 400)
        var results: [BigFloat] = []
        for policy in [RelaxedProductPolicy(smallestBits: 0, smallestOrder: 0, smallestBlock: 2), nil] {
            var integrator = try TaylorIntegrator(system: system(testCase), context: context)
            integrator.relaxedProducts = policy
            let result = try integrator.integrate(initial: [context.constant(0)], from: context.constant(0),
                                                  to: [context.constant(BigRational(testCase.T)!)])
            results.append(result[0][0])
        }
        let reference = exact(testCase, bits: 500)
        let scale = BigFloat.max(BigFloat(1, precision: 500), BigFloat.abs(reference))
        for (result, name) in zip(results, ["relaxed", "term by term"]) {
            let error = BigFloat.abs(result.rounded(toPrecision: 500) - reference) / scale
            #expect(error.isZero || error.logMagnitude < -110 * 2.302585092994046,
                    "\(testCase.name), \(name): \(error.isZero ? 0 : -error.logMagnitude / 2.302585092994046) digits")
        }
    }

    @Test(arguments: quadratureCases)
    func doubleMatchesTheClosedForm(_ testCase: QuadratureCase) throws {
        var integrator = try TaylorIntegrator(system: system(testCase), context: DoubleContext())
        let result = try integrator.integrate(initial: [0], from: 0, to: [Double(testCase.T)!])
        let reference = exact(testCase, bits: 200).doubleValue
        let error = Swift.abs(result[0][0] - reference) / Swift.max(1, Swift.abs(reference))
        #expect(error < 1e-14, "\(testCase.name): error \(error)")
    }

    @Test func coefficientsOfALinearNonAutonomousSystem() throws {
        // x' = cos(t) x, x(0) = 1: x = exp(sin t); also backward to t = -2.
        let x = Expr.symbol("x"), t = Expr.symbol("t")
        let system = try ODESystem(state: [.init("x")], rightHandSides: [Expr.call(.cos, t) * x])
        let context = MPFRContext(precision: 160)
        for times in [["0.5", "3", "10"], ["-0.5", "-2"]] {
            var integrator = try TaylorIntegrator(system: system, context: context)
            let result = try integrator.integrate(initial: [context.constant(1)], from: context.constant(0),
                                                  to: times.map { big($0, 160) })
            for (state, time) in zip(result, times) {
                let exact = BigFloat.exp(BigFloat.sin(big(time, 200)))
                #expect(relativeError(state[0].rounded(toPrecision: 200), exact) < 1e-45, "x(\(time))")
            }
        }
    }

    @Test func exponentialDecayOfTheState() throws {
        // x' = exp(-x), x(0) = 0: x = log(1 + t).
        let x = Expr.symbol("x")
        let system = try ODESystem(state: [.init("x")], rightHandSides: [Expr.call(.exp, -x)], timeSymbol: nil)
        let context = MPFRContext(precision: 160)
        var integrator = try TaylorIntegrator(system: system, context: context)
        let times = ["0.25", "1", "7", "100"]
        let result = try integrator.integrate(initial: [context.constant(0)], from: context.constant(0),
                                              to: times.map { big($0, 160) })
        for (state, time) in zip(result, times) {
            let exact = BigFloat.log(onePlus: big(time, 200))
            #expect(relativeError(state[0].rounded(toPrecision: 200), exact) < 1e-45, "x(\(time))")
        }
    }
}
