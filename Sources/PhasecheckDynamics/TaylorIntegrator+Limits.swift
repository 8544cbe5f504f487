#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PhasecheckNumbers

/// Where a step must end for the piecewise functions of the right-hand side, and the work budget.
extension TaylorIntegrator {
    enum SwitchVerdict {
        /// No switch within the step.
        case whole
        /// End the step at `fraction` of it; the `kinks` listed switch there (none: the step is only
        /// shortened, short of a point the next step will decide).
        case cut(fraction: Value, kinks: [Int])
        /// The function `kink` sits at its switching point and leaves it on the other branch: recompute
        /// the coefficients on that branch.
        case repin(kink: Int, branch: Int)
    }

    /// Examines every piecewise function over the step just computed (see `SwitchingPolynomial.scan`).
    mutating func examineSwitches(step: Value, time t: Value) throws -> SwitchVerdict {
        var crossings: [(kink: Int, fraction: Value)] = []
        var limit = 1.0
        for (k, kink) in engine.kinks.enumerated() {
            let branch = engine.choices[k]
            var coefficients: [Value] = []
            var power = context.constant(1)
            for j in 0..<order {
                coefficients.append(engine.switchingCoefficient(kink, j) * power)
                power = power * step
            }
            var g = SwitchingPolynomial(coefficients: coefficients, context: context)
            // A branch of 0 means g vanished in every coefficient: both branches agree over the step.
            if g.isIdenticallyZero || branch == 0 { continue }
            if engine.pinned[k] != 0 || Swift.abs(g.relative(coefficients[0])) <= g.noise {
                // The step starts on the switching set: g must leave zero towards the branch's side.
                guard let m = g.leavingOrder else {
                    throw Self.unresolved(time: t, "at t = \(t.doubleValue) the argument of \(kink.kind.rawValue)(...) is at zero "
                        + "and stays there to every computed order: the branch cannot be decided")
                }
                g = g.dividedByPower(m)
                if exactSign(g.coefficients[0]) != branch {
                    guard engine.pinned[k] == 0 else {
                        throw Self.unresolved(time: t, "at t = \(t.doubleValue) the argument of \(kink.kind.rawValue)(...) is at zero "
                            + "and the flow on either side drives it back (sliding mode or chattering): the piecewise ODE "
                            + "has no classical solution past this point")
                    }
                    return .repin(kink: k, branch: -branch)
                }
            }
            switch g.scan(branch: branch) {
            case .clear(let end):
                limit = Swift.min(limit, end)
            case .unresolved(let sigma):
                let where_ = (t + context.constant(dyadic(sigma)) * step).doubleValue
                throw Self.unresolved(time: t, "near t = \(where_) the argument of \(kink.kind.rawValue)(...) comes within "
                    + "rounding of zero without a crossing that can be certified (a tangential touch, or the argument "
                    + "and its rate vanishing together): the branch after it cannot be decided")
            case .crossing(let a, let b):
                guard let root = g.refine(a: a, b: b, branch: branch) else {
                    let where_ = (t + context.constant(dyadic(a)) * step).doubleValue
                    throw Self.unresolved(time: t, "the zero of the argument of \(kink.kind.rawValue)(...) near t = \(where_) "
                        + "could not be located to the working precision")
                }
                crossings.append((k, root))
            }
        }
        guard let first = crossings.min(by: { ($0.fraction - $1.fraction).doubleValue < 0 }),
              first.fraction.doubleValue <= limit else {
            return limit < 1 ? .cut(fraction: context.constant(dyadic(limit)), kinks: []) : .whole
        }
        // Functions whose switching arguments vanish at the same point (to the working precision) switch together.
        let together = exp2(Double(16 - context.precision))
        let kinks = crossings.filter { ($0.fraction - first.fraction).doubleValue <= together }.map(\.kink)
        return .cut(fraction: first.fraction, kinks: kinks)
    }

    static func unresolved(time: Value, _ message: String) -> IntegrationError {
        IntegrationError(reason: .unresolvedSwitch, time: time.doubleValue, message: message)
    }

    /// The error for the wall-clock limit (`IntegrationBudget.maximumSeconds` or its deadline) spent at `t`;
    /// `place` says how far the integration got. It says that it is the wall clock: unlike the work budget,
    /// where it stops depends on the machine and its load.
    func timeBudgetExhausted(at t: Value, start: ContinuousClock.Instant, place: String) -> IntegrationError {
        let raise = "a limit of wall-clock time, not of work (a faster or less loaded machine gets further); raise or drop --max-seconds"
        if let deadline = budget.deadline, deadline <= start {
            // A caller's deadline that had passed before this integration began (spent on earlier work).
            return IntegrationError(reason: .timeBudgetExceeded, time: t.doubleValue,
                                    message: "stopped by the wall-clock limit of --max-seconds before the integration from t = \(t.doubleValue) could start (spent on earlier work of the same check): \(raise)")
        }
        let seconds = (ContinuousClock.now - start).seconds
        return IntegrationError(reason: .timeBudgetExceeded, time: t.doubleValue,
                                message: "stopped by the wall-clock limit of --max-seconds at t = \(t.doubleValue) \(place) (this integration ran \((seconds * 10).rounded() / 10) s): \(raise)")
    }

    /// Counts the work of the Taylor coefficients about to be computed at `t` (`TaylorWork`), or throws when
    /// they would pass the work budget: a step is never started that the budget cannot pay for.
    mutating func chargeCoefficients(at t: Value) throws {
        let work = engine.coefficientWork
        guard statistics.work + work <= budget.maximumWork else {
            throw IntegrationError(reason: .workBudgetExceeded, time: t.doubleValue,
                                   message: "work budget exhausted at t = \(t.doubleValue) after \(statistics.steps) steps: "
                                   + "\(TaylorWork.text(statistics.work)) of \(TaylorWork.text(budget.maximumWork)) work units spent, and the next "
                                   + "step's Taylor coefficients (order \(order), \(context.precision) bits) cost \(TaylorWork.text(work)) "
                                   + "(counted, the same on every machine); raise it with --max-work")
        }
        statistics.work += work
    }

    /// Throws when the budget is spent, or when the last step size shows that the span left needs far more
    /// steps than the budget has left (the step sizes collapsed: stiffness or a nearby singularity).
    /// - Parameter growth: the factor by which the step size has grown per step lately (`StepGrowth`; nil: it has
    ///   not grown): the steps still needed are then those of a geometric series, not of the last step repeated.
    func checkBudget(time t: Value, end: Value, lastStep: Double, growth: Double? = nil, start: ContinuousClock.Instant, stop: ContinuousClock.Instant?) throws {
        let steps = statistics.steps, limit = budget.maximumSteps
        let remaining = Swift.abs((end - t).doubleValue)
        // Steps that keep growing by q cover h (q^N - 1)/(q - 1): a flow decaying like 1/t (its steps grow with t)
        // reaches t = 5 10^6 in a few thousand steps, where the last step repeated would need 10^7.
        let needed = lastStep > 0 ? growth.map { q in log1p(remaining * (q - 1) / lastStep) / log(q) } ?? remaining / lastStep : .infinity
        let at = "t = \(t.doubleValue)"
        let projection = lastStep > 0
            ? "; the last step was h = \(lastStep), so reaching t = \(end.doubleValue) needs about \(Self.rounded(needed)) more steps"
            : ""
        if steps >= limit {
            throw IntegrationError(reason: .maximumStepsExceeded, time: t.doubleValue,
                                   message: "budget exhausted at \(at) after \(steps) steps\(projection); raise it with --max-steps")
        }
        if let stop, ContinuousClock.now > stop {
            throw timeBudgetExhausted(at: t, start: start, place: "after \(steps) steps\(projection)")
        }
        // Projected from the last step size: stop now rather than spend the budget on a span it cannot cover
        // (a margin of 100 for steps that grow later; not before 64 steps, so that a growth of the steps shows).
        if steps >= 64 && needed > 100 * Double(limit - steps) {
            let ratio = remaining / lastStep
            if lastStep * Double(limit) < 1e-3 * remaining {
                throw IntegrationError(reason: .stiff, time: t.doubleValue,
                                       message: "stopped at \(at): the step size has collapsed to h = \(lastStep), \(Self.rounded(ratio)) times "
                                       + "shorter than the span left, so reaching t = \(end.doubleValue) would need about \(Self.rounded(needed)) steps "
                                       + "against a budget of \(limit): a stiff flow (a fast rate forces short explicit steps) or a nearby "
                                       + "singularity; raise the budget with --max-steps")
            }
            throw IntegrationError(reason: .maximumStepsExceeded, time: t.doubleValue,
                                   message: "stopped at \(at): at the current step size h = \(lastStep) reaching t = \(end.doubleValue) needs "
                                   + "about \(Self.rounded(needed)) more steps, far beyond the \(limit - steps) left in the budget (a horizon "
                                   + "long for the flow's time scale); raise it with --max-steps")
        }
    }

    /// The growth of the step size, from the steps at the last two powers of two of the step count: the factor per
    /// step by which it grew since the earlier, when it grew by half at least (nil otherwise: a steady or shrinking step).
    struct StepGrowth {
        var earlier: (steps: Int, step: Double)? = nil
        var later: (steps: Int, step: Double)? = nil

        mutating func record(step: Double, after steps: Int) {
            guard steps >= 4, steps & (steps - 1) == 0, later?.steps != steps else { return }
            (earlier, later) = (later, (steps, step))
        }

        func factor(step: Double, after steps: Int) -> Double? {
            guard let earlier, earlier.step > 0, step >= 1.5 * earlier.step, steps > earlier.steps else { return nil }
            return pow(step / earlier.step, 1 / Double(steps - earlier.steps))
        }
    }

    static func rounded(_ x: Double) -> String {
        x < 1e15 ? String(Int(x.rounded(.up))) : "\(Double(Float(x)))"
    }
}
