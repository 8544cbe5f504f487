import PhasecheckExpressions
import PhasecheckNumbers
import Testing

@Suite struct DifferentiationTests {
    static let bits = 300

    /// (f(x + h) - f(x - h)) / 2h at 300 bits with h = 2^-100: truncation error ~2^-200 f''', rounding ~2^-200 f.
    static func centralDifference(_ e: Expr, at point: [String: BigFloat]) throws -> BigFloat {
        let h = BigFloat.scaled(BigFloat(1, precision: bits), byPowerOfTwo: -100)
        let context = MPFRContext(precision: bits)
        var plus = point, minus = point
        plus["x"] = point["x"]! + h
        minus["x"] = point["x"]! - h
        let difference = try e.evaluate(in: context, at: plus) - e.evaluate(in: context, at: minus)
        return difference / (h + h)
    }

    @Test func derivativeAgreesWithCentralDifference() async throws {
        var compared = 0
        for seed in PropertySeeds.seeds(300, for: "derivativeAgreesWithCentralDifference") {
            var generator = TreeGenerator(seed: seed)
            let f = generator.scalar(depth: 4)
            var rng = SplitMix64(seed: seed ^ 0xD1FF)
            let point = randomPoint(&rng, precision: Self.bits)
            let derivative = try f.derivative(withRespectTo: "x")
            let symbolic = try derivative.evaluate(in: MPFRContext(precision: Self.bits), at: point)
            let numeric = try Self.centralDifference(f, at: point)
            guard symbolic.isFinite, numeric.isFinite else { continue } // outside the domain, or at a kink
            compared += 1
            #expect(agree(symbolic, numeric, tolerance: 1e-30),
                    "seed \(seed): d/dx \(f) = \(derivative): \(symbolic) vs \(numeric)")
        }
        #expect(compared >= 150, "only \(compared) of 300 random trees were finite at their point")
    }

    /// Regression (issue 18): tree seed 7198408181967687393 of the property test above. The first branch
    /// of the min, norm(...)^((y + x)/x^5), is about 10^2400 at this point, so min selects the second,
    /// whose derivative is 1. The old rule (a' + b' - sign(a - b)(a' - b'))/2 gave 0: a' (~10^2400) swamped
    /// b' in 300 bits. The central difference was right; the rule now selects b' without cancellation.
    @Test func minMaxDerivativeKeepsTheSelectedBranch() throws {
        let seed: UInt64 = 7198408181967687393
        var generator = TreeGenerator(seed: seed)
        let f = generator.scalar(depth: 4)
        #expect(f === (try ExpressionParser.parse(
            "min(pow(norm(atan2([1.75, 4, 3.5], x)), (y + x)/x^5), max(exp(5) - -x, -z + expm1(z)))")))
        var rng = SplitMix64(seed: seed ^ 0xD1FF)
        let point = randomPoint(&rng, precision: Self.bits)
        let symbolic = try f.derivative(withRespectTo: "x").evaluate(in: MPFRContext(precision: Self.bits), at: point)
        let numeric = try Self.centralDifference(f, at: point)
        #expect(numeric.isFinite && agree(numeric, BigFloat(1, precision: Self.bits), tolerance: 1e-30), "\(numeric)")
        #expect(agree(symbolic, numeric, tolerance: 1e-30), "\(symbolic) vs \(numeric)")
    }

    /// Values from SymPy 1.14: `python3 Benchmarks/expressions_sympy_reference.py` (d/dx at x = 7/10,
    /// y = 13/10, z = 2/5, 40 digits). Together the expressions use every function.
    static let sympyReference: [(String, String)] = [
        ("sqrt(x^2 + y)*cbrt(x + z)", "0.9586078102280746355314158775747119058291"),
        ("exp(x*y) - expm1(x)/log(x + 2)", "1.582768156694896192464341129083237555480"),
        ("log1p(x^3)*sin(x) + cos(x*y)", "-0.09566062310034637516998340614849329712033"),
        ("tan(x/3) + asin(x/2) - acos(x*z)", "1.302588286263948611301765354018283673415"),
        ("atan(x^2)*sinh(x)/cosh(y - x)", "1.361395930951829586575455759744053711468"),
        ("tanh(x)^3 + asinh(x*y) + acosh(1 + x^2)", "2.924471144138739708638870414277200862232"),
        ("atanh(x/2)*abs(x - y)", "-0.02356341239105428872424379272078737422672"),
        ("pow(x, y) + x^x", "1.669266663021410365454232390891941532182"),
        ("atan2(x, y) + atan2(y*x, x - 2)", "-0.4361942472280505652834942903288448513496"),
        ("min(x, y)*max(x^2, z)", "1.470000000000000000000000000000000000000"),
        ("(x + y)^-2.5 - 1/(x*z)", "4.881069947205734510869634096025908144611"),
        ("exp(-x)*sqrt(1 - x^2)/(1 + x)^3", "-0.2986375855976860262580041503045525188267"),
        ("y^x*log(x)^2", "-1.184411158499189336380475633794351836477"),
        ("-x^2/(1 + abs(sin(x))) + cbrt(y*x)", "-0.2513879123401268600059295692510570212959"),
        ("erf(x*y)*z - erfc(x^2 - y)", "1.076018133032612442039668461440780818979"),
        // sign's derivative is 0 away from its jump (SymPy's DiracDelta(x - y) vanishes at x != y).
        ("sign(x - y)*x^3 + x*sign(z)", "-0.4700000000000000000000000000000000000000"),
        ("(0.125*2.25)*(1.5*((0.6 - 0.2*exp(-z*x)*0.3)/(1 - 0.2*exp(-z*x))) - 0.5/((0.6 - 0.2*exp(-z*x)*0.3)/(1 - 0.2*exp(-z*x))))",
         "-0.01891173387678552911245516256975184779191"),
    ]

    @Test func sympyReferenceCoversEveryFunction() throws {
        var names = Set<String>()
        for (text, _) in Self.sympyReference {
            func visit(_ e: Expr) {
                if case .function(let f) = e.kind { names.insert(f.rawValue) }
                if case .binaryFunction(let f) = e.kind { names.insert(f.rawValue) }
                e.arguments.forEach(visit)
            }
            visit(try ExpressionParser.parse(text))
        }
        let all = Set(ElementaryFunction.allCases.map(\.rawValue) + BinaryFunction.allCases.map(\.rawValue))
        #expect(all.subtracting(names).isEmpty, "not covered: \(all.subtracting(names).sorted())")
    }

    @Test(arguments: sympyReference)
    func agreesWithSympy(text: String, expected: String) throws {
        let bits = 200
        let point = ["x": BigFloat("0.7", precision: bits)!, "y": BigFloat("1.3", precision: bits)!,
                     "z": BigFloat("0.4", precision: bits)!]
        let d = try ExpressionParser.parse(text).derivative(withRespectTo: "x")
        for candidate in [d, d.simplified(), d.simplified(assumingFiniteValues: true)] {
            let value = try candidate.evaluate(in: MPFRContext(precision: bits), at: point)
            #expect(agree(value, BigFloat(expected, precision: bits)!, tolerance: 1e-38), "\(text): \(value)")
        }
    }

    @Test(arguments: [
        ("x^3", "3*x^2"),
        ("sin(x)*x", "x*cos(x) + sin(x)"),
        ("y", "0"),
        ("exp(2*x)", "2*exp(2*x)"),
        ("[x, y, x^2]", "[1, 0, 2*x]"),
        ("dot(u, w)", "0"),
    ])
    func simplifiedDerivatives(text: String, expected: String) throws {
        let d = try ExpressionParser.parse(text).derivative(withRespectTo: "x").simplified(assumingFiniteValues: true)
        #expect(d === (try ExpressionParser.parse(expected)).simplified(assumingFiniteValues: true), "\(d)")
    }

    /// The closed forms u(t) of the flagship model are vector expressions in the vector symbols u0, w0.
    @Test func vectorClosedFormsDifferentiateElementwise() throws {
        let u = try ExpressionParser.parse("u0*cosh(c*t) - r*w0*sinh(c*t)")
        let expected = try ExpressionParser.parse("c*(u0*sinh(c*t) - r*w0*cosh(c*t))")
        let values: [String: [Double]] = ["u0": [1, -2, 0.5], "w0": [0.3, 1, -1], "c": [0.7], "r": [1.5], "t": [0.4]]
        let got = try #require(u.derivative(withRespectTo: "t").tapeValues(DoubleContext(), values))
        let want = try #require(expected.tapeValues(DoubleContext(), values))
        #expect(got.count == 3)
        for (g, w) in zip(got, want) { #expect(Swift.abs(g - w) < 1e-14) }
        // a(t) = gamma dot(u, w): the product rule through dot.
        let a = Expr.dot(u, try ExpressionParser.parse("w0*cosh(c*t) - u0*sinh(c*t)/r"))
        let da = try #require(a.derivative(withRespectTo: "t").tapeValues(DoubleContext(), values))
        let h = 1e-6
        let plus = try #require(a.tapeValues(DoubleContext(), values.merging(["t": [0.4 + h]]) { $1 }))
        let minus = try #require(a.tapeValues(DoubleContext(), values.merging(["t": [0.4 - h]]) { $1 }))
        #expect(Swift.abs(da[0] - (plus[0] - minus[0]) / (2 * h)) < 1e-8)
    }

    /// A scalar derivative of a vector tree (d/dt (u0 + t) = 1) is widened where a reduction needs its length.
    @Test(arguments: [
        ("sum(u0 + t)", 3.0),                       // 1 + 1 + 1
        ("dot(u0 + t, w0)", 0.3),                   // sum(w0)
        ("(u0 - t^2)[2]", -1.0),                    // -2t
        ("norm(u0 + t)", 0.42640143271122083),      // sum(u0 + t) / norm(u0 + t) = 1/sqrt(5.5)
        ("sum(t*u0 + t)", 2.5),                     // sum(u0) + 3
    ])
    func reductionsOfBroadcastDerivatives(text: String, expected: Double) throws {
        let d = try ExpressionParser.parse(text).derivative(withRespectTo: "t")
        let values: [String: [Double]] = ["u0": [1, -2, 0.5], "w0": [0.3, 1, -1], "t": [0.5]]
        for candidate in [d, d.simplified(), d.simplified(assumingFiniteValues: true)] {
            let got = try #require(candidate.tapeValues(DoubleContext(), values), "\(candidate)")
            #expect(got.count == 1 && Swift.abs(got[0] - expected) < 1e-14, "\(candidate) = \(got)")
        }
    }

    @Test func nonDifferentiablePointsGiveNaN() throws {
        let zero = ["x": 0.0, "y": 0.0]
        #expect(try Expr.call(.abs, .symbol("x")).derivative(withRespectTo: "x").evaluate(in: DoubleContext(), at: zero).isNaN)
        let minimum = try ExpressionParser.parse("min(x, y)").derivative(withRespectTo: "x")
        #expect(try minimum.evaluate(in: DoubleContext(), at: zero).isNaN)
        #expect(try minimum.evaluate(in: DoubleContext(), at: ["x": 1, "y": 2]) == 1)
        #expect(try minimum.evaluate(in: DoubleContext(), at: ["x": 3, "y": 2]) == 0)
    }

    @Test func sharedSubtreesAreDifferentiatedOnce() throws {
        var e = Expr.symbol("x")
        for _ in 0..<200 { e = .call(.sin, e) * e } // 2^200 paths, 400 distinct nodes
        var differentiator = Differentiator(variable: "x")
        let d = try differentiator.derivative(of: e)
        #expect(try d.evaluate(in: DoubleContext(), at: ["x": 0.1]).isFinite)
    }
}
