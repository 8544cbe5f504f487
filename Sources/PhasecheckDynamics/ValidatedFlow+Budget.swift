/// How much arithmetic a validated enclosure (`ValidatedFlow`) may do, counted so that it is the same on
/// every machine: whether a verdict along the integrator reaches its certificate must not depend on the
/// machine's speed or load (a wall-clock limit applies only where the user sets one, `--max-seconds`).
///
/// Work is counted in operation-orders (`ValidatedFlow.charge`): each computation of Taylor coefficients
/// costs the operations of its tape times its order (the flow's coefficients at the box's midpoint and over
/// each trial a priori box, the variational system's for the Jacobians, the switching arguments' near
/// kinks). An enclosure may do `steps` steps' worth of its own problem's arithmetic, a step's worth being
/// what a step without retries costs (`ValidatedFlow.stepWork`), so the budget grows with the dimension,
/// the right-hand side and the order like the work it pays for. A run that, at its rate so far (work per
/// unit of time reached), would need more than `overrun` times the work it has left stops at once: it would
/// run out anyway, and a flow whose steps have collapsed says so after its first steps instead of at the end.
/// The projection waits for `projectionSteps` steps or an eighth of the budget (`projectionShare`), whichever
/// comes first: a transient's first step is short (h = 0.05 toward t = 40), and its rate alone says little
/// about the steps that follow. Each step waited for costs a step's worth on a flow whose steps have collapsed
/// (ShiSpringBlockTests' planted failures: 8 s CPU projecting from the first step, 12 s from the 4th, 18 s from the 10th).
public struct ValidatedWorkBudget: Sendable, Hashable {
    public var steps: Int

    public init(steps: Int = 250) { self.steps = steps }

    /// How far beyond the work left a projection may reach before the run stops early.
    static var overrun: Double { 2 }

    /// The steps taken, or the share of the budget spent (1/8), before the rate so far is projected to the horizon.
    static var projectionSteps: Int { 4 }
    static var projectionShare: Int { 8 }

    /// Throws when `spent` operation-orders exceed `allowed`, or when the run, having reached `t` of
    /// `horizon`, would at its rate so far need more than `overrun` times what is left (judged once
    /// `projectionSteps` steps are taken or `1/projectionShare` of `allowed` is spent).
    func check(spent: Int, allowed: Int, at t: Double, toward horizon: Double, steps taken: Int) throws {
        let raise = "raise it with --max-steps, which scales it"
        guard spent <= allowed else {
            throw ValidationRefusal(time: t, message: "the validated integration used its work budget (\(steps) steps' worth of this flow's arithmetic; \(raise)) at t = \(t) after \(taken) steps")
        }
        guard t > 0, taken > 0, horizon > t, taken >= Self.projectionSteps || spent * Self.projectionShare >= allowed else { return }
        let needed = Double(spent) * (horizon - t) / t
        if needed > Self.overrun * Double(allowed - spent) {
            let times = needed / Double(allowed)
            throw ValidationRefusal(time: t, message: "the validated integration would not reach t = \(horizon) within its work budget (\(steps) steps' worth of this flow's arithmetic; \(raise)): at its rate so far (t = \(t) after \(taken) steps) it needs about \(times < 1e6 ? String(format: "%.0f", times.rounded(.up)) : "\(Float(times))") times that budget")
        }
    }
}

extension ValidatedFlow {
    /// The work of one step without retries: the flow's coefficients at the midpoint and over two trial a
    /// priori boxes, and the Jacobians (`charge` counts the same units).
    var stepWork: Int {
        3 * solution.engine.ops.count * solution.order + variational.engine.ops.count * variational.order
    }
}
