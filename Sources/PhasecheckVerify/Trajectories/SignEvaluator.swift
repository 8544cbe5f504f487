import Synchronization
import PhasecheckExpressions
import PhasecheckFormat
import PhasecheckNumbers

/// Where a quantity is taken along a model: a constant (no state, no t), at a time of the trajectory (closed
/// form, else integration), or at a step of the iteration.
public enum QuantityPlace: Sendable {
    case constant, time(Expr), step(Expr)
}

/// The sign of a quantity on a model, decided by raising the precision (along an integration, its
/// tolerance) until its enclosure excludes 0. Threshold and basin claims and parameter phase sweeps use it.
struct SignEvaluator {
    let digits: Int
    let budget: ComputeBudget
    let escalation: Precision.Escalation
    let deadline: Deadline
    /// Checks a closed form at each model before a sign is taken along it, and keeps what it set aside.
    var closedForms = ClosedFormPremise()

    /// The quantity on `model` at `place` once its sign is decided, or nil when the cap leaves it
    /// undecided (a zero there, or lost digits); `certified` is false when the value came from an
    /// integration's error estimate (capped at 4 times the starting precision, as comparisons are).
    /// With `escalating` false only the starting precision is tried.
    func value(of quantity: Expr, on model: Model, at place: QuantityPlace, escalating: Bool = true) throws -> (value: BigInterval?, certified: Bool) {
        let e = try enclosure(of: quantity, on: model, at: place, escalating: escalating)
        return (e.decided ? e.value : nil, e.certified)
    }

    /// As `value`, but with the last enclosure also when the sign stays undecided, so that a report can say
    /// why: not finite (a pole, 0/0) or containing 0 at the precision cap.
    func enclosure(of quantity: Expr, on model: Model, at place: QuantityPlace, escalating: Bool = true) throws -> (value: BigInterval, decided: Bool, certified: Bool) {
        let along: Trajectory, at: Expr
        switch place {
        case .constant: (along, at) = (Trajectories.along(model, moving: false, digits: digits, budget: budget, sharing: closedForms.constantTapes), .number(0))
        case .time(let t): (along, at) = (trajectory(for: model), t)
        case .step(let n): (along, at) = (IteratedTrajectory(model: model), n)
        }
        let attempts = escalating ? escalation.along(along) : Precision.Escalation(start: escalation.start, cap: escalation.start)
        return try attempts.first { bits, isLast in
            let attemptStarted = ContinuousClock.now
            let v = try along.values(of: [quantity], at: [at], bits: bits)[0][0][0]
            if v.lower.sign > 0 || v.upper.sign < 0 { return (v, true, along.isCertified) }
            if isLast { return (v, false, along.isCertified) }
            try deadline.checkBeforeRaising(from: bits, along: along, attemptStarted: attemptStarted)
            return nil
        }
    }
}

extension SignEvaluator {
    /// Along the closed form where it may solve `model`'s flow (a threshold moves a parameter, a basin the initial
    /// values, away from where `solves ode` checked it), else along the integration.
    func trajectory(for model: Model) -> Trajectory {
        if closedForms.mismatch(model, digits: digits, budget: budget) != nil {
            return IntegratedTrajectory(model: model, digits: digits, budget: budget)
        }
        return Trajectories.along(model, digits: digits, budget: budget, sharing: closedForms.closedFormTapes)
    }
}

/// The check of a closed form before signs are taken along it (`ClosedFormMismatch.of`), shared by the evaluators
/// of one claim, which keeps the closed forms it set aside for the claim's report.
final class ClosedFormPremise: Sendable {
    let samples: Int
    private let setAside = Mutex<(count: Int, first: ClosedFormMismatch?)>((0, nil))
    /// The residual, its tapes and scales, the same at every model checked (only values differ).
    private let compilation = ClosedFormCompilation()
    /// The tapes and scales of the quantities whose signs are taken along the closed form, and of those that do not
    /// move, also the same at every model (a basin's starts, a threshold's parameter values): compiled once, not at
    /// each model.
    let closedFormTapes = ClosedFormCompilation()
    let constantTapes = ClosedFormCompilation()

    init(samples: Int = VerifyOptions().timeSamples) { self.samples = samples }

    /// Where `model`'s closed form certainly does not solve its flow (nil: it may, or there is none).
    func mismatch(_ model: Model, digits: Int, budget: ComputeBudget) -> ClosedFormMismatch? {
        guard let mismatch = ClosedFormMismatch.of(model, digits: digits, budget: budget, samples: samples,
                                                         sharing: compilation) else { return nil }
        setAside.withLock { if $0.first == nil { $0.first = mismatch }; $0.count += 1 }
        return mismatch
    }

    /// What a report says when closed forms were set aside: how many times, and the first one's disagreement.
    var note: String? {
        setAside.withLock { entries in
            entries.first.map { "the closed form does not solve the flow at \(entries.count) of the models evaluated (first: \($0)), so the flow was integrated there" }
        }
    }
}

enum Trajectories {
    /// Where trajectories come from: the closed form when the file has one, else the integrator. Quantities
    /// that do not move (`moving` false: no state, no t) need neither, and files without an ODE have only those.
    /// - Parameter compilation: the tapes shared with other models that differ only in their values (for the closed
    ///   form when `moving`, else for quantities that do not move; nil: this trajectory's own).
    static func along(_ model: Model, moving: Bool = true, digits: Int, budget: ComputeBudget,
                      sharing compilation: ClosedFormCompilation? = nil) -> Trajectory {
        if !moving { return ClosedFormTrajectory(model: model, closedForm: [:], sharing: compilation) }
        if let closed = model.closedForm { return ClosedFormTrajectory(model: model, closedForm: closed, sharing: compilation) }
        return IntegratedTrajectory(model: model, digits: digits, budget: budget)
    }
}
