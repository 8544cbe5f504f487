import PhasecheckExpressions
import PhasecheckFormat
import PhasecheckNumbers

/// What the claims about iterations share: the names they need and the step count.
extension NameScope {
    /// A claim about the iteration needs one: `descent steps N` (gradient descent, or the `map` lines).
    func checkIterationClaim(_ claim: Claim) throws(DerivationError) {
        try checkModelClaim(claim)
        if derivation.training.steps == nil {
            throw error("claim \"\(claim.name)\" is about the iteration; expected `descent steps N` (with `train` rates or `map` lines)", at: claim.location)
        }
    }
}

extension ClaimCheck {
    /// The number of steps the file iterates for (`descent steps N`).
    var iterationSteps: Int { derivation.training.steps?.value ?? 0 }

    /// Whether claims about the states' motion (`identity`, `invariant`) follow the iteration: the file iterates `map`
    /// lines and has no flow, so its states move step by step, not along a time t.
    var movesByItsMaps: Bool { !model.hasFlow && !derivation.training.maps.isEmpty }

    /// The steps at which `what` is compared along the iteration: the first `timeSamples` steps and `timeSamples` spread
    /// over the N steps (`descent steps N`, which must be at least 1). The first steps are where an iteration that settles
    /// still moves: near its limit most claims about the states hold whether or not they are true.
    func stepsSpreadOverTheIteration(for what: String) throws -> [Expr] {
        let n = iterationSteps
        guard n > 0 else { throw CheckError("\(what) is compared along the iteration; expected `descent steps N` with N >= 1") }
        let count = Swift.max(1, Swift.min(options.timeSamples, n))
        let spread = (1...count).map { k in Swift.max(1, (n * k) / count) }
        return Set(Array(1...count) + spread).sorted().map { Expr.number(BigRational($0)) }
    }

    /// The error for a claim along the iteration whose expressions read a state whose map draws noise, or nil.
    func noisyStateError(readBy exprs: [Expr], claim what: String) throws -> CheckError? {
        guard let noisy = try noisyState(readBy: exprs) else { return nil }
        return CheckError("\(what) reads the state `\(noisy.state)`, whose map draws the noise `\(noisy.noise)` ~ \(noisy.law): its iterates are random, "
                          + "so no single value is compared; state a moment instead (`mean of E at step n over N paths == V within k standard errors`)")
    }

    mutating func checkValueAtStep(_ e: Expr, step: Expr, expected: Expr, knownDigits: Int?) throws {
        guard derivation.training.iterates else { throw CheckError("`at step` needs an iteration (`descent steps N` or `map` lines)") }
        let (o, p, n) = try compare([(e, expected)], at: [model.expand(step)], along: iteration(of: model),
                                    decide: roundingDecision(knownDigits: knownDigits, reference: expected))
        record(o, p, count: n) { _ in [("step", timeText(step))] }
        detail = "along the iteration in interval arithmetic; "
            + (knownDigits.map { "reference known to \($0) digits" } ?? "exact reference")
    }

    /// The first state that `exprs` read through the map's dependencies (`IteratedTrajectory.statesRead`) whose map line
    /// draws noise of a spread (standard deviation, uniform width) that may be above 0, with that noise and its law's text; nil when every
    /// state they read is deterministic (a state that does not move them may still be noisy).
    func noisyState(readBy exprs: [Expr]) throws -> (state: String, noise: String, law: String)? {
        let laws = try model.noiseLaws().filter { $0.spread.upper.sign > 0 }
        guard !laws.isEmpty else { return nil }
        let read = try iteration(of: model).statesRead(by: exprs)
        for state in derivation.states where read.contains(state.name) {
            guard let update = derivation.training.maps[state.name].map({ model.expand($0.expr) }) else { continue }
            if let law = laws.first(where: { update.freeSymbols.contains($0.noise.name) }) {
                return (state.name, law.noise.name, Model.spreadText(law.noise.law, law.spread))
            }
        }
        return nil
    }

    /// How the iteration of `model` went over `steps` steps: the step at which it certainly escapes beyond
    /// 10^30, or nil if it stays below, with the largest magnitude of a state entry halfway and at the end.
    /// Interval enclosures widen with each step (the wrapping effect), so a run that ends with a loose
    /// enclosure (wider than 2^-20 of max(1, |x|)), or one that stops being finite, is retried at twice the
    /// precision, up to the cap: a wide enclosure could hide an escape.
    func escapes(_ model: Model, steps: Int) throws -> (at: Int?, halfway: BigFloat, last: BigFloat) {
        for bits in escalation {
            let (_, run) = try iteration(of: model).run(steps: [steps / 2, steps], bits: bits)
            switch run.stop {
            case .escaped(let at)?: return (at, BigFloat(0, precision: bits), BigFloat(0, precision: bits))
            case nil:
                let loose = run.states[steps]!.contains { x in
                    x.width > BigFloat.max(x.magnitudeUpper, BigFloat(1, precision: bits)) * BigFloat(BigRational(1, 1 << 20), precision: bits)
                }
                func largest(_ step: Int) -> BigFloat { run.states[step]!.map(\.magnitudeUpper).reduce(BigFloat(0, precision: bits)) { BigFloat.max($0, $1) } }
                if !loose { return (nil, largest(steps / 2), largest(steps)) }
            case .notFinite?:
                continue
            }
        }
        throw CheckError("the enclosure of the iterate stayed too wide (or not finite) up to \(escalation.cap) bits to tell whether it passed 10^30")
    }
}
