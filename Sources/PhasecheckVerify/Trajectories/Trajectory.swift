import Foundation
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
    /// The scale of what cancels in `e` along this trajectory, for a comparison to `digits` (by default
    /// `CancellationScale.of(e, digits:)`).
    func cancellationScale(of e: Expr, digits: Int) -> Expr
    /// Why values at twice `bits` would cost more than the work budget has left (nil: they would not, by default):
    /// a count of the work, the same on every machine, so that the verdict does not depend on its load.
    func unaffordable(raisingFrom bits: Int) -> String?
}

extension Trajectory {
    /// How reports name it.
    var name: String { isCertified ? "closed form" : "integration" }

    func cancellationScale(of e: Expr, digits: Int) -> Expr { CancellationScale.of(e, digits: digits) }

    func unaffordable(raisingFrom bits: Int) -> String? { nil }
}

extension Precision.Escalation {
    /// The precisions for values along `trajectory`: all of them along a closed form; along an integration,
    /// whose values are estimates from two tolerances, two doublings of the start (more buys integrations,
    /// not certainty); along a validated enclosure of one, the same (each precision is a whole interval
    /// integration).
    func along(_ trajectory: Trajectory) -> Self {
        trajectory.isCertified && !(trajectory is ValidatedTrajectory) ? self : Self(start: start, cap: start * 4)
    }
}

struct ClosedFormTrajectory: Trajectory {
    let model: Model
    let closedForm: [String: Expr]
    var isCertified: Bool { true }
    /// The tapes of the last expressions and times asked for: a comparison asks for the same ones at
    /// rising precisions, and a tape does not depend on the precision.
    private let compiled = CompiledTapes()

    init(model: Model, closedForm: [String: Expr]) {
        self.model = model
        self.closedForm = closedForm
    }

    /// The scale of `e` with the states replaced by their closed forms, so that the terms of a closed form
    /// that cancel (min(e^t - 2, 0) at t = ln 2) count too.
    func cancellationScale(of e: Expr, digits: Int) -> Expr { CancellationScale.of(e.substituting(closedForm), digits: digits) }

    func values(of exprs: [Expr], at times: [Expr], bits: Int) throws -> [[[BigInterval]]] {
        let tapes = try compiled.tapes(for: exprs, at: times) {
            (try ModelTape(model: model),
             try Tape(compiling: exprs.map { $0.substituting(closedForm) }, inputs: model.inputShapes, onlyUsedInputs: true),
             try Tape(compiling: times.map(model.expand), inputs: model.inputShapes, onlyUsedInputs: true))
        }
        let context = IntervalContext(precision: bits)
        let inputs = ModelInputs(tapes.model, context: context)
        var evaluator = TapeEvaluator(tape: tapes.exprs, context: context)
        return try inputs.constants(compiled: tapes.times).map { t in evaluator.evaluate(inputs.vector(t: t, reading: tapes.exprs)) }
    }
}

/// The tapes of one set of expressions and times along a closed form, kept for the next precision.
private final class CompiledTapes: @unchecked Sendable {
    typealias Tapes = (model: ModelTape, exprs: Tape, times: Tape)
    private let lock = NSLock()
    private var key: (exprs: [Expr], times: [Expr])?
    private var tapes: Tapes?

    func tapes(for exprs: [Expr], at times: [Expr], compile: () throws -> Tapes) throws -> Tapes {
        lock.lock()
        defer { lock.unlock() }
        if let key, let tapes, key.exprs == exprs, key.times == times { return tapes }
        let compiled = try compile()
        (key, tapes) = ((exprs, times), compiled)
        return compiled
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
