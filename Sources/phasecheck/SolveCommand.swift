import ArgumentParser
import Foundation
import PhasecheckFormat
import PhasecheckReports
import PhasecheckVerify
import PhasecheckExpressions

struct SolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Print the state, every named quantity and the mechanism diagnostics at chosen times or steps."
    )

    @Argument(help: "A derivation file.")
    var file: String

    @OptionGroup var samples: SampleOptions

    @OptionGroup var options: ModelOptions

    @OptionGroup var budget: BudgetOptions

    @Option(help: "closed, integrate or both (both also prints the digits of agreement).")
    var method: Solver.Method = .closed

    @Option(help: "Scenario of the file to use.")
    var scenario: String?

    @Option(help: formatHelp(SolveReport.formats), completion: formatCompletion(SolveReport.formats))
    var format: OutputFormat = .text

    func validate() throws { try requireFormat(format, among: SolveReport.formats) }

    func run() throws {
        let digits = try options.checkedDigits(1...2000)
        let checked = try loadDerivation(file)
        let derivation = checked.derivation
        try options.checkNames(in: derivation, scenario: scenario)
        let times = try samples.times(), steps = try samples.stepNumbers()
        guard (times == nil) != (steps == nil) else {
            throw UserError(times == nil ? "expected --at TIMES (the flow) or --steps STEPS (the iteration)"
                                         : "--at and --steps: give one of them (`phasecheck plot` draws both in one figure)")
        }
        let rows: [Solver.Row]
        do {
            let model = try checked.model(scenario: scenario, overrides: try options.overrides())
            let solver = Solver(model: model, digits: digits, method: method, budget: try budget.budget())
            if let times {
                do { try solver.checkTimes(times) } catch { throw UserError("--at: \(error)") }
                if method == .both, let mismatch = solver.closedFormMismatch() {
                    FileHandle.standardError.write(Data(SourceText.visible("warning: \(mismatch); the closed form's values below are not the state's\n").utf8))
                }
                rows = try solver.rows(at: times)
            } else {
                rows = try solver.rows(atSteps: steps!)
            }
        } catch let error as DerivationError {
            throw UserError(error.description)
        } catch let error as UserError {
            throw error
        } catch let error as Solver.ClosedFormError {
            throw UserError("\(error)\nhint: use --method integrate, or --method both to see the closed form beside the integration",
                            status: ExitStatus.failed)
        } catch {
            throw UserError("\(file): \(error)", status: ExitStatus.failed)
        }
        let run = RunRecord(arguments: Array(CommandLine.arguments.dropFirst()), seed: nil, digits: digits, files: [file])
        try StandardOutput.write(SolveReport.render(rows, format: format, run: run, axis: steps == nil ? .time : .step,
                                                        display: DisplayNames(derivation.widthLimit.displayNames)))
        let uncertified = rows.flatMap(\.quantities).filter { !$0.isCertified }.count
        if uncertified > 0 {
            throw UserError("\(uncertified) value\(uncertified == 1 ? "" : "s") could not be certified to \(digits) digits "
                + "(shown as `uncertified`): raise --max-bits, or ask for fewer --digits", status: ExitStatus.failed)
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
