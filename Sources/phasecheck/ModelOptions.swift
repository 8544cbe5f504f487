import ArgumentParser
import PhasecheckExpressions

/// Options shared by the commands that evaluate a derivation: digits and `--set` overrides.
struct ModelOptions: ParsableArguments {
    @Option(help: "Significant digits every comparison must reach (and that values are printed with).")
    var digits: Int = 30

    @Option(name: .customLong("set"), help: "NAME=VALUE: override a parameter, an initial value (u0=[1,-2,0.5]) or the width (repeatable).")
    var assignments: [String] = []

    /// The digits, checked against the range a command accepts.
    func checkedDigits(_ range: ClosedRange<Int>) throws -> Int {
        guard range.contains(digits) else { throw UserError("--digits must be between \(range.lowerBound) and \(range.upperBound)") }
        return digits
    }

    func overrides() throws -> [(name: String, value: Expr)] { try parseAssignments(assignments) }
}
