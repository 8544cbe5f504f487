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
    /// The tapes of the expressions and times asked for, and the expressions' cancellation scales: a comparison asks
    /// for the same ones at rising precisions, and neither depends on the precision, nor on the model's values.
    private let compiled: ClosedFormCompilation
    /// The model's own tape of its parameter and initial values, compiled at the first evaluation.
    private let modelTape = ComputedOnce<ModelTape>()

    /// - Parameter compiled: what trajectories of models that differ only in their values share (`ClosedFormPremise`
    ///   checks one closed form at each value of a threshold's parameter); nil: this trajectory's own.
    init(model: Model, closedForm: [String: Expr], sharing compiled: ClosedFormCompilation? = nil) {
        self.model = model
        self.closedForm = closedForm
        self.compiled = compiled ?? ClosedFormCompilation()
    }

    /// The scale of `e` with the states replaced by their closed forms, so that the terms of a closed form
    /// that cancel (min(e^t - 2, 0) at t = ln 2) count too.
    func cancellationScale(of e: Expr, digits: Int) -> Expr {
        compiled.scale(of: e, digits: digits) { CancellationScale.of(e.substituting(closedForm), digits: digits) }
    }

    func values(of exprs: [Expr], at times: [Expr], bits: Int) throws -> [[[BigInterval]]] {
        let tapes = try compiled.tapes(for: exprs, at: times) {
            (try Tape(compiling: exprs.map { $0.substituting(closedForm) }, inputs: model.inputShapes, onlyUsedInputs: true),
             try Tape(compiling: times.map(model.expand), inputs: model.inputShapes, onlyUsedInputs: true))
        }
        let context = IntervalContext(precision: bits)
        let inputs = ModelInputs(try modelTape.value { try ModelTape(model: model) }, context: context)
        var evaluator = TapeEvaluator(tape: tapes.exprs, context: context)
        return try inputs.constants(compiled: tapes.times).map { t in evaluator.evaluate(inputs.vector(t: t, reading: tapes.exprs)) }
    }
}

/// The tapes of the last few sets of expressions and times along one closed form, and the expressions' cancellation
/// scales: none depends on the precision or on the values of the parameters and initial values (inputs of the tapes).
final class ClosedFormCompilation: @unchecked Sendable {
    typealias Tapes = (exprs: Tape, times: Tape)
    private let lock = NSLock()
    private var recent: [(exprs: [Expr], times: [Expr], tapes: Tapes)] = []
    private var scales: [Expr: [Int: Expr]] = [:]
    /// The closed form's residual pairs (`ClaimCheck.residualPairs`), formed once.
    let residualPairs = ComputedOnce<[(Expr, Expr)]>()

    func tapes(for exprs: [Expr], at times: [Expr], compile: () throws -> Tapes) throws -> Tapes {
        lock.lock()
        defer { lock.unlock() }
        if let hit = recent.first(where: { $0.exprs == exprs && $0.times == times }) { return hit.tapes }
        let compiled = try compile()
        recent = Array(([(exprs, times, compiled)] + recent).prefix(4))
        return compiled
    }

    func scale(of e: Expr, digits: Int, make: () -> Expr) -> Expr {
        lock.lock()
        defer { lock.unlock() }
        if let known = scales[e]?[digits] { return known }
        let made = make()
        scales[e, default: [:]][digits] = made
        return made
    }
}

/// A value computed at its first use and kept (a model's `ModelTape`, a closed form's residual pairs).
final class ComputedOnce<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value?

    func value(_ compute: () throws -> Value) throws -> Value {
        lock.lock()
        defer { lock.unlock() }
        if let value { return value }
        let computed = try compute()
        value = computed
        return computed
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
