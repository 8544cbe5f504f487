import PhasecheckFormat
import PhasecheckExpressions
import PhasecheckNumbers

/// Values of model quantities along one trajectory, as enclosures.
///
/// Along a closed form the enclosures are rigorous (interval arithmetic); along a numerical integration they
/// are the integrator's values as point intervals, good to its tolerance (`isCertified` is false).
protocol Trajectory {
    /// For each time, for each expression (already expanded), its components. Times are constant
    /// expressions (numbers, or expressions in the parameters such as `tau*log(2)`).
    func values(of exprs: [Expr], at times: [Expr], bits: Int) throws -> [[[BigInterval]]]
    var isCertified: Bool { get }
}

extension Trajectory {
    /// How reports name it.
    var name: String { isCertified ? "closed form" : "integration" }
}

struct ClosedFormTrajectory: Trajectory {
    let model: Model
    let closedForm: [String: Expr]
    var isCertified: Bool { true }

    func values(of exprs: [Expr], at times: [Expr], bits: Int) throws -> [[[BigInterval]]] {
        let context = IntervalContext(precision: bits)
        let inputs = try ModelInputs(model: model, context: context)
        var evaluator = try inputs.evaluator(for: exprs.map { $0.substituting(closedForm) })
        return try inputs.constants(times).map { t in evaluator.evaluate(inputs.vector(t: t)) }
    }
}

/// Shared helpers for sampling.
enum Sampling {
    /// `count` equally spaced times in (0, horizon], exact.
    static func times(horizon: BigRational, count: Int) -> [Expr] {
        (1...count).map { Expr.number(horizon * BigRational($0, count)) }
    }

    /// A random value from the domain: uniform on a bounded one, log-uniform over [1/8, 8] (shifted or
    /// reflected) on a half-line, and a random sign times that on the whole line. Returned exactly.
    static func draw(from domain: Domain, _ generator: inout SeededRandom) -> BigRational {
        let u = generator.nextUniform()
        let logUniform = exactRational(Double.exp((2 * u - 1) * Double.log(8)))
        switch (domain.lower, domain.upper) {
        case let (lower?, upper?):
            return lower + (upper - lower) * exactRational(generator.nextUniform())
        case let (lower?, nil):
            return lower + logUniform
        case let (nil, upper?):
            return upper - logUniform
        case (nil, nil):
            return generator.nextUniform() < 0.5 ? -logUniform : logUniform
        }
    }
}

/// The exact rational value of a finite double.
func exactRational(_ x: Double) -> BigRational { BigRational(exactly: BigFloat(x, precision: 53))! }
