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
    /// Most wall-clock seconds (`--timeout`), checked between precision escalations; nil: no limit.
    public var maximumSeconds: Double? = nil

    public init() {}

    /// The precision cap for work that starts at `startBits`.
    func capBits(startingAt startBits: Int, defaultMultiple: Int) -> Int {
        maximumBits ?? Swift.max(startBits * defaultMultiple, 1 << 16)
    }
}

/// A budget of `ComputeBudget` ran out: the result is undecided, not wrong.
public struct BudgetExhausted: Error, CustomStringConvertible, Sendable {
    public let description: String

    init(_ description: String) { self.description = description }

    /// The step budget ran out inside an integration (the integrator's message says at which t).
    init(_ error: IntegrationError, budget: ComputeBudget) {
        description = "budget exhausted: \(error.message); raise it with --max-steps (now \(budget.maximumSteps))"
    }

    static func bits(_ cap: Int) -> BudgetExhausted {
        BudgetExhausted("budget exhausted: \(cap) bits of working precision did not decide it; raise it with --max-bits")
    }
}

/// The wall-clock part of a budget, started when the work starts.
struct Deadline {
    let budget: ComputeBudget
    let start = ContinuousClock.now

    /// Throws once the budget's seconds have passed; `place` says where the work stood.
    func check(_ place: @autoclosure () -> String) throws(BudgetExhausted) {
        guard let seconds = budget.maximumSeconds else { return }
        if ContinuousClock.now - start > .milliseconds(Int64((seconds * 1000).rounded(.up))) {
            throw BudgetExhausted("budget exhausted after \(seconds) s \(place()); raise it with --timeout")
        }
    }
}
