import ArgumentParser
import Foundation
import PhasecheckFormat
import PhasecheckReports
import PhasecheckVerify
import PhasecheckExpressions

struct SolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Print the state, every named quantity and the mechanism diagnostics at chosen times."
    )

    @Argument(help: "A derivation file.")
    var file: String

    /// Unconditional, so that a time may start with a minus (`--at -1`).
    @Option(parsing: .unconditional, help: "Times, comma-separated (expressions allowed: 0.5,1,tau*log(2)).")
    var at: String

    @OptionGroup var options: ModelOptions

    @Option(help: "closed, integrate or both (both also prints the digits of agreement).")
    var method: Solver.Method = .closed

    @Option(help: "Scenario of the file to use.")
    var scenario: String?

    @Option(help: formatHelp(SolveReport.formats))
    var format: OutputFormat = .text

    func validate() throws { try requireFormat(format, among: SolveReport.formats) }

    func run() throws {
        let digits = try options.checkedDigits(1...2000)
        let derivation = try loadDerivation(file)
        let items = splitTopLevel(at)
        guard !items.contains("") else { throw UserError("--at '\(at)': an empty time; expected times separated by commas (0.5,1,tau*log(2))") }
        let times = try items.map { try parseArgument($0, "--at \($0)") }
        let rows: [Solver.Row]
        do {
            let model = try Model(derivation, scenario: scenario, overrides: try options.overrides())
            rows = try Solver(model: model, digits: digits, method: method).rows(at: times)
        } catch let error as DerivationError {
            throw UserError(error.description)
        } catch let error as UserError {
            throw error
        } catch {
            throw UserError("\(file): \(error)", status: ExitStatus.failed)
        }
        try StandardOutput.write(SolveReport.render(rows, format: format))
    }
}

/// Splits `a,b,[c,d]` at the commas outside brackets and parentheses (empty parts kept, for the caller to refuse).
func splitTopLevel(_ text: String) -> [String] {
    var parts: [String] = [], current = "", depth = 0
    for c in text {
        if c == "(" || c == "[" { depth += 1 }
        if c == ")" || c == "]" { depth -= 1 }
        if c == "," && depth == 0 { parts.append(current); current = "" } else { current.append(c) }
    }
    parts.append(current)
    return parts.map { $0.trimmingCharacters(in: .whitespaces) }
}
