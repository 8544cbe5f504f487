import ArgumentParser
import Foundation
import PhasecheckVerify

/// `--max-steps`, `--max-bits`, `--max-work` and `--max-seconds`: the budget of `verify` (per claim) and `solve`.
struct BudgetOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Most Taylor steps of one integration; past it the result is undecided.")
    var maxSteps: Int = ComputeBudget().maximumSteps

    @Option(parsing: .unconditional, help: "Highest working precision in bits for raising the precision (default: 16 to 64 times what the digits need).")
    var maxBits: Int?

    @Option(parsing: .unconditional, help: "Most work of one integration, and of one comparison's integrations over the precisions it tries, in work units (multiply-adds of Taylor coefficients per 64-bit word); counted, so the verdicts are the same on every machine. (default: \(String(format: "%.0e", ComputeBudget().maximumWork)))")
    var maxWork: Double?

    @Option(parsing: .unconditional, help: "A wall-clock safety net: most seconds per claim (verify) or command (solve). Off by default; where it stops a claim, the report says so, and the verdict may differ on another machine.")
    var maxSeconds: Double?

    func budget() throws -> ComputeBudget {
        var budget = ComputeBudget()
        guard maxSteps >= 1 else { throw UserError("--max-steps must be at least 1") }
        budget.maximumSteps = maxSteps
        if let maxBits {
            guard (64...(1 << 24)).contains(maxBits) else { throw UserError("--max-bits must be between 64 and \(1 << 24)") }
            budget.maximumBits = maxBits
        }
        if let maxWork {
            guard maxWork >= 1, maxWork <= 1e18 else { throw UserError("--max-work must be a number of work units from 1 to 1e18") }
            budget.maximumWork = maxWork
        }
        if let maxSeconds {
            // 10^9 s (32 years) is beyond any run; larger values would overflow the clock's arithmetic.
            guard maxSeconds > 0, maxSeconds <= 1e9 else { throw UserError("--max-seconds must be a number of seconds above 0 and at most 1e9") }
            budget.maximumSeconds = maxSeconds
        }
        return budget
    }
}
