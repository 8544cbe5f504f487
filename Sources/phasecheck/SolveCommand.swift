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

    @OptionGroup var budget: BudgetOptions

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
        try options.checkNames(in: derivation, scenario: scenario)
        let items = splitTopLevel(at)
        guard !items.contains("") else { throw UserError("--at '\(at)': an empty time; expected times separated by commas (0.5,1,tau*log(2))") }
        let times = try items.map { try parseArgument($0, "--at \($0)") }
        let rows: [Solver.Row]
        do {
            let model = try Model(derivation, scenario: scenario, overrides: try options.overrides())
            let solver = try Solver(model: model, digits: digits, method: method, budget: try budget.budget())
            do { try solver.checkTimes(times) } catch { throw UserError("--at: \(error)") }
            rows = try solver.rows(at: times)
        } catch let error as DerivationError {
            throw UserError(error.description)
        } catch let error as UserError {
            throw error
        } catch {
            throw UserError("\(file): \(error)", status: ExitStatus.failed)
        }
        let run = RunRecord(arguments: Array(CommandLine.arguments.dropFirst()), seed: nil, digits: digits, files: [file])
        try StandardOutput.write(SolveReport.render(rows, format: format, run: run))
        let uncertified = rows.flatMap(\.quantities).filter { !$0.isCertified }.count
        if uncertified > 0 {
            throw UserError("\(uncertified) value\(uncertified == 1 ? "" : "s") could not be certified to \(digits) digits "
                + "(shown as `\(Solver.uncertified)`): raise --max-bits, or ask for fewer --digits", status: ExitStatus.failed)
        }
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
