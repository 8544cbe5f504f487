import ArgumentParser
import PhasecheckExpressions
import PhasecheckFormat
import PhasecheckVerify

/// Options shared by the commands that evaluate a derivation: digits and `--set` overrides. Numeric options
/// take their value unconditionally, so that `--digits -1` is refused with the range, not "Missing value".
struct ModelOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Significant digits every comparison must reach (and that values are printed with); verify compares random draws of the parameters to at most 30.")
    var digits: Int = 30

    @Option(name: .customLong("set"), help: "NAME=VALUE: override a parameter, an initial value (u0=[1,-2,0.5]) or the width (repeatable).")
    var assignments: [String] = []

    /// The digits, checked against the range a command accepts.
    func checkedDigits(_ range: ClosedRange<Int>) throws -> Int {
        guard range.contains(digits) else { throw UserError("--digits must be between \(range.lowerBound) and \(range.upperBound)") }
        return digits
    }

    func overrides() throws -> [(name: String, value: Expr)] { try parseAssignments(assignments) }

    /// Refuses a `--set` name (or a `--scenario`) that the file does not declare, pointing at the argument
    /// and at the declaration of the nearest name, before any model is built.
    func checkNames(in derivation: Derivation, scenario: String? = nil) throws {
        let settable = Model.settableNames(of: derivation)
        for (item, (name, _)) in zip(assignments, try overrides()) where !settable.contains(where: { $0.name == name }) {
            throw unknownName(name, in: "--set \(item)", derivation: derivation, candidates: settable,
                              problem: "cannot set `\(name)`", why: "it is not a parameter, a state variable or its initial value (`u0` for `u`), or the width")
        }
        try checkShapes(in: derivation, scenario: scenario)
        if let scenario, derivation.scenarios[scenario] == nil {
            let scenarios = derivation.scenarios.values.sorted { $0.location < $1.location }.map { ($0.name, $0.location) }
            throw unknownName(scenario, in: "--scenario \(scenario)", derivation: derivation, candidates: scenarios,
                              problem: "unknown scenario `\(scenario)`", why: scenarios.isEmpty ? "the file has no scenario" : "the file's scenarios are " + scenarios.map { "`\($0.0)`" }.joined(separator: ", "))
        }
    }
}

extension ModelOptions {
    /// Refuses a `--set` of a constant vector or matrix (`--set 'S=[[1,0],[0,2]]'`) whose value does not
    /// have the declared shape at the model's sizes, pointing at the value in the argument.
    private func checkShapes(in derivation: Derivation, scenario: String?) throws {
        let assigned = try overrides()
        let shaped = Dictionary(derivation.shapedParameters.map { ($0.name, $0) }) { a, _ in a }
        guard assigned.contains(where: { shaped[$0.name] != nil }) else { return }
        // The sizes come from the file, the scenario and the other assignments; a model that cannot be
        // built for another reason is reported when the command builds it.
        guard let model = try? Model(derivation, scenario: scenario, overrides: assigned.filter { shaped[$0.name] == nil }) else { return }
        for (item, (name, value)) in zip(assignments, assigned) {
            guard let parameter = shaped[name], let problem = model.shapeProblem(assigning: value, to: parameter) else { continue }
            let argument = "--set \(item)"
            let column = argument.firstIndex(of: "=").map { argument.distance(from: argument.startIndex, to: $0) + 1 } ?? 0
            throw UserError("\(argument): \(problem) (declared at \(derivation.file):\(parameter.location.line):\(parameter.location.column))\n  \(argument)\n  \(String(repeating: " ", count: column))^")
        }
    }
}

/// An unknown name in a command-line argument: the argument with a caret under the name, why, and the
/// nearest declared name with its file:line:column.
func unknownName(_ name: String, in argument: String, derivation: Derivation,
                 candidates: [(name: String, location: SourceLocation)], problem: String, why: String) -> UserError {
    // The name is the first word after the option (`--set s=1` points at `s`, not at the s of `--set`).
    let value = argument.firstIndex(of: " ").map { argument.index(after: $0) } ?? argument.startIndex
    let column = argument.range(of: name, range: value..<argument.endIndex).map { argument.distance(from: argument.startIndex, to: $0.lowerBound) } ?? 0
    var message = "\(argument): \(problem) in \(derivation.file): \(why)\n  \(argument)\n  \(String(repeating: " ", count: column))^"
    if let nearest = Suggestions.nearest(to: name, among: candidates.map(\.name)),
       let location = candidates.first(where: { $0.name == nearest })?.location {
        message += "\n  hint: did you mean `\(nearest)`? (declared at \(derivation.file):\(location.line):\(location.column))"
    }
    return UserError(message)
}
