import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckNumbers
import Synchronization

/// The integrations of one verification run, shared by its claims (issue 15): claims of the same scenario
/// that ask for the model's states at the same times, with the same parameter values and tolerance, use one
/// integration instead of integrating again. Identity, rate and invariant claims sample the same times
/// (`Sampling.times`) and draw the same parameter sets (the same seed), so most integrations are shared.
///
/// Only identical requests are shared, never a longer integration cut short: the values a claim sees are
/// then exactly those it would compute alone, whatever order the claims run in, so reports stay identical.
/// A claim that asks while another computes the same integration waits for it.
package final class SharedIntegrations: Sendable {
    struct Key: Hashable {
        let scenario: String?
        let parameters: [String: Expr]
        let tolerance: Double
        let times: [Expr]
    }

    /// An integration's states at the requested times (in the caller's order) and its switches.
    struct Result: Sendable {
        let states: [[BigFloat]]
        let switches: [SwitchingEvent<BigFloat>]
    }

    /// One integration, computed once (nil until the first caller has its result).
    final class Entry: Sendable {
        let result = Mutex<Result?>(nil)
    }

    private let entries = Mutex<[Key: Entry]>([:])
    /// Integrations computed, and requests served from one already computed (for `--timings` and tests).
    package let computed = Atomic<Int>(0)
    package let reused = Atomic<Int>(0)

    /// The integration for `key`: computed by `integrate` on the first request, the same result after.
    /// An error (a budget ran out) is not kept: the next request tries again with its own budget.
    func states(for key: Key, integrate: () throws -> Result) throws -> Result {
        let entry = entries.withLock { entries in
            if let entry = entries[key] { return entry }
            let entry = Entry()
            entries[key] = entry
            return entry
        }
        // Holding the entry's lock while integrating makes a concurrent request for the same key wait.
        return try entry.result.withLock { slot in
            if let result = slot {
                reused.add(1, ordering: .relaxed)
                return result
            }
            let result = try integrate()
            slot = result
            computed.add(1, ordering: .relaxed)
            return result
        }
    }
}
