import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckNumbers
import Synchronization
import Foundation

/// Work of one verification run shared by its claims (issue 15): an integration, an iteration or a run of
/// noisy paths that several claims ask for with the same request is computed once.
///
/// Only identical requests are shared, never a longer run cut short: the values a claim sees are then
/// exactly those it would compute alone, whatever order the claims run in, so reports stay identical.
/// A claim that asks while another computes the same request waits for it, within its own budget. An error
/// (a budget ran out) is not kept: the next request tries again with its own budget.
package final class SharedRuns<Request: Hashable & Sendable, Value: Sendable>: Sendable {
    /// One request's value, computed once (nil until the first caller has it).
    private final class Entry: Sendable {
        let value = Mutex<Value?>(nil)
    }

    private let entries = Mutex<[Request: Entry]>([:])
    /// Values computed, and requests served from one already computed (for `--timings` and tests).
    package let computed = Atomic<Int>(0)
    package let reused = Atomic<Int>(0)

    package init() {}

    /// The value for `request`: computed by `compute` on the first request, the same value after. A request
    /// made while another claim computes the same value waits for it, but only until `deadline` (the asking
    /// claim's own budget), then gives up with `BudgetExhausted`: a claim's `--max-seconds` holds even
    /// when the work it waits for was started, later than it, by a claim with a later deadline.
    func value(for request: Request, deadline: ContinuousClock.Instant? = nil, compute: () throws -> Value) throws -> Value {
        let entry = entries.withLock { entries in
            if let entry = entries[request] { return entry }
            let entry = Entry()
            entries[request] = entry
            return entry
        }
        while true {
            // The entry's lock is held while its value is computed.
            let ready = try entry.value.withLockIfAvailable { (slot: inout Value?) throws -> Value in
                if let value = slot {
                    reused.add(1, ordering: .relaxed)
                    return value
                }
                let value = try compute()
                slot = value
                computed.add(1, ordering: .relaxed)
                return value
            }
            if let ready { return ready }
            if let deadline, ContinuousClock.now >= deadline {
                throw BudgetExhausted.wallClock(nil, "while waiting for a run that another claim is computing")
            }
            Thread.sleep(forTimeInterval: 0.002)
        }
    }
}

/// An integration of the model, asked for by its scenario, parameter values, tolerance and times. Identity,
/// rate and invariant claims sample the same times (`Sampling.times`) and draw the same parameter sets (the
/// same seed), so most integrations are shared.
package struct IntegrationRequest: Hashable, Sendable {
    let scenario: String?
    let parameters: [String: Expr]
    let tolerance: Double
    let times: [Expr]
    /// The accuracy of the fixed-node sums that replace the drifts (`QuadratureFlow.digits`; nil: no drift).
    var quadratureDigits: Int? = nil
}

/// An integration's states at the requested times (in the caller's order) and its switches.
package struct IntegrationResult: Sendable {
    let states: [[BigFloat]]
    let switches: [SwitchingEvent<BigFloat>]
    /// The integration's work (`TaylorWork`), charged to every claim that uses it.
    let work: Double
}

/// An iteration of the model in interval arithmetic, asked for by its scenario, parameter values, learning
/// rate scale, kept steps and precision.
package struct IterationRequest: Hashable, Sendable {
    let scenario: String?
    let parameters: [String: Expr]
    let stepScale: BigRational
    let steps: Set<Int>
    let bits: Int
    /// The states left at their initial values (`IteratedTrajectory.run(steps:bits:reading:)`).
    var frozen: Set<String> = []
}

/// The final states of a run of noisy paths, asked for by scenario, step and number of paths (the seed is
/// the run's).
package struct NoisyRunRequest: Hashable, Sendable {
    let scenario: String?
    let step: Int
    let paths: Int
}

/// What the claims of one verification run share.
package struct SharedWork: Sendable {
    package let integrations = SharedRuns<IntegrationRequest, IntegrationResult>()
    package let iterations = SharedRuns<IterationRequest, MapIterator<IntervalContext>.Run>()
    package let noisyRuns = SharedRuns<NoisyRunRequest, [[Double]]>()

    package init() {}
}
