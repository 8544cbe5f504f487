import PhasecheckDynamics
import Synchronization

/// Limits on the work of one check (a claim of `verify`) or one `solve`: integration steps, work, working
/// precision and, only where the user sets one, wall-clock time. Exhausting one ends that work with an honest
/// "undecided" (`BudgetExhausted`) naming the option that raises it, instead of running on.
///
/// Everything but the wall clock is counted, so that a file gets the same verdicts and digits on every machine
/// and under any load: steps, precision, and work in units of `TaylorWork` (coefficient multiply-adds times
/// words). `--max-seconds` is a safety net: where it cuts work, the reason says it was the wall clock.
public struct ComputeBudget: Sendable, Hashable {
    /// Most Taylor steps of one integration (`--max-steps`).
    public var maximumSteps: Int = 20_000
    /// Highest working precision in bits that escalation may reach (`--max-bits`); nil: the command's default,
    /// a multiple of the precision the digits need.
    public var maximumBits: Int? = nil
    /// Most work (`--max-work`, units of `TaylorWork`) of one integration, and of the integrations of one
    /// comparison over the precisions it tries: a precision is not tried whose predicted work would pass
    /// what is left (`IntegratedTrajectory.unaffordable`).
    public var maximumWork: Double = TaylorWork.defaultBudget
    /// Most wall-clock seconds (`--max-seconds`) per claim or solve, counted from its start; nil (the default):
    /// no limit, the counted budgets alone decide.
    public var maximumSeconds: Double? = nil
    /// How many seconds the wall-clock limit counts for each second that passes: 1, except in tests that play
    /// a machine that many times slower (the counted budgets must not notice).
    public var wallClockRate: Double = 1

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
    static let reasons: [IntegrationError.Reason] = [.maximumStepsExceeded, .workBudgetExceeded, .timeBudgetExceeded, .stiff]

    /// An integration stopped by its budget; the integrator's message says where, why, and which option
    /// raises it.
    init(_ error: IntegrationError) { description = error.message }

    /// The wall-clock limit of `--max-seconds` stopped the work; `place` says where it stood.
    static func wallClock(_ seconds: Double?, _ place: String) -> BudgetExhausted {
        BudgetExhausted("stopped by the \(wallClockMark) of --max-seconds\(seconds.map { " \($0)" } ?? "") \(place): a limit of time, not of work "
            + "(a faster or less loaded machine gets further); raise or drop --max-seconds")
    }

    /// What every message of a stop by the wall clock says (`IntegrationError.timeBudgetExceeded` too).
    static let wallClockMark = "wall-clock limit"
}

/// The wall-clock part of a budget (`--max-seconds`), started when the work starts: a safety net the user sets.
/// Without it nothing here reads the clock, and nothing the verdict depends on does.
struct Deadline {
    let budget: ComputeBudget
    let start = ContinuousClock.now

    /// The seconds of the limit as the clock counts them (`ComputeBudget.wallClockRate`), nil: none. In
    /// nanoseconds: a limit rounded up to whole milliseconds let a fast claim finish inside a test's
    /// 60 ns limit; clamped below Int64's range (a limit of centuries is no limit).
    private var limit: Duration? {
        budget.maximumSeconds.map { .nanoseconds(Int64(min(($0 * 1e9 / budget.wallClockRate).rounded(.up), 9e18))) }
    }

    /// The seconds spent so far, as the budget counts them.
    private var spent: Double { (ContinuousClock.now - start).seconds * budget.wallClockRate }

    /// Whether the budget's seconds have passed (for loops outside this module, which cannot throw it).
    var isExpired: Bool {
        guard let limit else { return false }
        return ContinuousClock.now - start > limit
    }

    /// The instant the budget's seconds run out (nil: no limit), handed to integrations so that one long
    /// Taylor step cannot overrun the whole check.
    var end: ContinuousClock.Instant? {
        // Beyond 10^9 s (31 years) is no limit, and would overflow the duration.
        guard let limit, let seconds = budget.maximumSeconds, seconds / budget.wallClockRate < 1e9 else { return nil }
        return start + limit
    }

    /// Throws once the budget's seconds have passed; `place` says where the work stood.
    func check(_ place: @autoclosure () -> String) throws(BudgetExhausted) {
        guard let seconds = budget.maximumSeconds, isExpired else { return }
        throw BudgetExhausted.wallClock(seconds, place())
    }

    /// How much longer an attempt at twice the precision takes than the last one, at least: the same work on
    /// numbers twice as long (more for an integration, whose tolerance tightens too).
    static let raiseCost = 1.5

    /// Before raising the precision from `bits`: throws when the values along `trajectory` at twice `bits` would
    /// pass its work budget (`Trajectory.unaffordable`: counted, the same on every machine). Then, with
    /// `--max-seconds`, once its seconds have passed, and also when the next attempt, `raiseCost` times the last
    /// one (which started at `attemptStarted`), would end after them: starting it anyway overran budgets by up
    /// to that whole attempt (55% on a loaded machine).
    func checkBeforeRaising(from bits: Int, along trajectory: Trajectory? = nil, attemptStarted: ContinuousClock.Instant) throws(BudgetExhausted) {
        if let reason = trajectory?.unaffordable(raisingFrom: bits) { throw BudgetExhausted(reason) }
        try check("at \(bits) bits")
        guard let seconds = budget.maximumSeconds, let limit else { return }
        let now = ContinuousClock.now
        if now + (now - attemptStarted) * Self.raiseCost - start > limit {
            throw BudgetExhausted.wallClock(seconds, "at \(bits) bits after \((spent * 10).rounded() / 10) s: the next precision would not finish within it")
        }
    }
}

/// The work (`TaylorWork` units) the integrations of one trajectory did, in all and at each working precision:
/// what the next precision is predicted from (`IntegratedTrajectory.unaffordable`).
final class WorkMeter: Sendable {
    private let state = Mutex((spent: 0.0, atBits: [Int: Double]()))

    var spent: Double { state.withLock { $0.spent } }

    func work(atBits bits: Int) -> Double? { state.withLock { $0.atBits[bits] } }

    /// Counts `work` (also that of a run shared with another claim: the count must not depend on which
    /// claim ran it first).
    func charge(_ work: Double) { state.withLock { $0.spent += work } }

    /// Attributes `work`, already charged, to the precision `bits`.
    func attribute(_ work: Double, toBits bits: Int) { state.withLock { $0.atBits[bits, default: 0] += work } }
}
