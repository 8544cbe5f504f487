/// Limits on the work of one `TaylorIntegrator.integrate` call. Exhausting one stops the integration with
/// an `IntegrationError` that says where it stopped, instead of running on.
///
/// Steps and work are counted, so that whether an integration finishes is the same on every machine and
/// under any load; the wall clock (`maximumSeconds`, `deadline`) applies only where a caller sets it (the
/// user's `--max-seconds`), and stops with a reason of its own (`timeBudgetExceeded`). The defaults end a
/// hopeless integration (a horizon of 10^6 time units, a learning rate of 10^26, thousands of digits) while
/// the bundled derivations need a few dozen steps each.
public struct IntegrationBudget: Sendable, Hashable {
    /// Most Taylor steps.
    public var maximumSteps: Int
    /// Most work in work units (`TaylorWork`): a step starts only if its coefficients fit in what is left.
    public var maximumWork: Double
    /// Most wall-clock seconds (nil: no limit). Checked between steps and, every few orders, while a
    /// step's Taylor coefficients are computed (one step can take minutes at thousands of digits).
    public var maximumSeconds: Double?
    /// An instant at which to stop in any case, even when `maximumSeconds` would allow more (a caller's
    /// wall-clock limit that also covers other work).
    public var deadline: ContinuousClock.Instant?

    public init(maximumSteps: Int = 20_000, maximumWork: Double = TaylorWork.defaultBudget, maximumSeconds: Double? = nil,
                deadline: ContinuousClock.Instant? = nil) {
        self.maximumSteps = maximumSteps
        self.maximumWork = maximumWork
        self.maximumSeconds = maximumSeconds
        self.deadline = deadline
    }

    /// When an integration started at `start` must stop: the earlier of its seconds and the deadline.
    public func end(startingAt start: ContinuousClock.Instant) -> ContinuousClock.Instant? {
        // Beyond 10^9 s (31 years) is no limit, and would overflow the duration.
        let bySeconds = maximumSeconds.flatMap { $0 < 1e9 ? start + .milliseconds(Int64(($0 * 1000).rounded(.up))) : nil }
        switch (bySeconds, deadline) {
        case let (a?, b?): return Swift.min(a, b)
        case let (a, b): return a ?? b
        }
    }
}

/// What one call of `TaylorIntegrator.integrate` did.
public struct IntegrationStatistics: Sendable, Hashable {
    public var order: Int
    public var steps = 0
    /// Smallest and largest step size chosen by the step-size rule (the final step, cut to land on the last
    /// requested time, and steps cut at a switch of a piecewise function, do not count).
    public var smallestStep = Double.infinity
    public var largestStep = 0.0
    /// Steps that ended where a piecewise function (abs, min, max) switched branch.
    public var switches = 0
    /// Work done, in work units (`TaylorWork`): counted, the same on every machine.
    public var work = 0.0
    public init(order: Int) { self.order = order }
}

/// Why an integration stopped, and where.
public struct IntegrationError: Error, CustomStringConvertible, Sendable {
    public enum Reason: Sendable, Equatable {
        case invalidInput
        /// A state value or Taylor coefficient became NaN or infinite (blow-up, or a singular function).
        case nonFiniteValue
        case stepSizeUnderflow
        /// The step budget (`IntegrationBudget.maximumSteps`) ran out.
        case maximumStepsExceeded
        /// The work budget (`IntegrationBudget.maximumWork`) ran out.
        case workBudgetExceeded
        /// The wall-clock limit (`IntegrationBudget.maximumSeconds` or `deadline`) ran out: unlike the
        /// others, where it stops depends on the machine and its load.
        case timeBudgetExceeded
        /// The step sizes collapsed so far below the span left that the step budget cannot cover it:
        /// a stiff flow (a fast rate forces short explicit steps) or a nearby singularity.
        case stiff
        /// A piecewise function's switching argument reaches zero where the switch cannot be located with
        /// certainty (tangential touch, a zero of the argument and its rate together), or the flow on both
        /// sides pushes it back to zero (sliding mode, chattering): the integrator refuses to guess.
        case unresolvedSwitch
    }
    public let reason: Reason
    /// The time reached before the failure (nil for invalid input).
    public let time: Double?
    public let message: String
    public var description: String { message }
}
