import PhasecheckDynamics

/// Limits on the work of one check (a claim of `verify`) or one `solve`: integration steps, working
/// precision and wall-clock time. Exhausting one ends that work with an honest "undecided" (`BudgetExhausted`)
/// naming the option that raises it, instead of running on.
public struct ComputeBudget: Sendable, Hashable {
    /// Most Taylor steps of one integration (`--max-steps`).
    public var maximumSteps: Int = 20_000
    /// Highest working precision in bits that escalation may reach (`--max-bits`); nil: the command's default,
    /// a multiple of the precision the digits need.
    public var maximumBits: Int? = nil
    /// Most wall-clock seconds (`--max-seconds`): per integration (default: the integrator's) and, checked
    /// between precision raises, per claim or solve; nil: no limit on raising the precision.
    public var maximumSeconds: Double? = nil

    public init() {}

    /// The most work the quadratures of one `expectation` claim may do over all the precisions it tries when no
    /// --max-bits is given (`NumericalExpectation.work`: pieces x tape x order^2 x words, counted, not timed):
    /// 10 to 30 s of a debug build's CPU (measured: 25 to 60 s per 10^9, erf(erf(xi)) and tanh(xi)^3 at 148 to 592
    /// bits), enough for two precisions at 30 digits (erf(erf(xi)): 1.4e7 at 148 bits, 1.4e8 at 296, 1.5e9 at 592).
    /// Before, a comparison that no precision decides raised the quadrature's precision towards 65536 bits (hours).
    public var maximumQuadratureWork = 5e8

    /// The precision cap for work that starts at `startBits`.
    func capBits(startingAt startBits: Int, defaultMultiple: Int) -> Int {
        // Never below the start: one evaluation at the precision the digits need always happens.
        Swift.max(maximumBits ?? Swift.max(startBits * defaultMultiple, 1 << 16), startBits)
    }
}

/// A budget of `ComputeBudget` ran out: the result is undecided, not wrong.
public struct BudgetExhausted: Error, CustomStringConvertible, Sendable {
    public let description: String

    init(_ description: String) { self.description = description }

    /// Integrator stops that mean "more work was needed", not "the flow is wrong".
    static let reasons: [IntegrationError.Reason] = [.maximumStepsExceeded, .timeBudgetExceeded, .stiff]

    /// An integration stopped by its budget; the integrator's message says where, why, and which option
    /// raises it.
    init(_ error: IntegrationError) { description = error.message }
}

/// The wall-clock part of a budget, started when the work starts.
struct Deadline {
    let budget: ComputeBudget
    let start = ContinuousClock.now

    /// Whether the budget's seconds have passed (for loops outside this module, which cannot throw it).
    var isExpired: Bool {
        guard let seconds = budget.maximumSeconds else { return false }
        return ContinuousClock.now - start > .milliseconds(Int64((seconds * 1000).rounded(.up)))
    }

    /// The instant the budget's seconds run out (nil: no limit), handed to integrations so that one long
    /// Taylor step cannot overrun the whole check.
    var end: ContinuousClock.Instant? { IntegrationBudget(maximumSeconds: budget.maximumSeconds).end(startingAt: start) }

    /// Throws once the budget's seconds have passed; `place` says where the work stood.
    func check(_ place: @autoclosure () -> String) throws(BudgetExhausted) {
        guard let seconds = budget.maximumSeconds else { return }
        if ContinuousClock.now - start > .milliseconds(Int64((seconds * 1000).rounded(.up))) {
            throw BudgetExhausted("budget exhausted after \(seconds) s \(place()); raise it with --max-seconds")
        }
    }

    /// How much longer an attempt at twice the precision takes than the last one, at least: the same work on
    /// numbers twice as long (more for an integration, whose tolerance tightens too).
    static let raiseCost = 1.5

    /// Before raising the precision from `bits`: throws once the budget's seconds have passed, and also when the
    /// next attempt, `raiseCost` times the last one (which started at `attemptStarted`), would end after them.
    /// Starting it anyway overran budgets by up to that whole attempt (55% on a loaded machine).
    func checkBeforeRaising(from bits: Int, attemptStarted: ContinuousClock.Instant) throws(BudgetExhausted) {
        try check("at \(bits) bits")
        guard let seconds = budget.maximumSeconds else { return }
        let now = ContinuousClock.now
        if now + (now - attemptStarted) * Self.raiseCost - start > .milliseconds(Int64((seconds * 1000).rounded(.up))) {
            let spent = (now - start).seconds
            throw BudgetExhausted("stopped at \(bits) bits after \((spent * 10).rounded() / 10) s: the next precision would not finish within the budget of \(seconds) s; raise it with --max-seconds")
        }
    }
}
