import ArgumentParser
import Foundation
import PhasecheckFormat
import PhasecheckReports
import PhasecheckVerify

struct TableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "table",
        abstract: "The limit table of a derivation's parameterizations: limits, orders, regimes and flags, confirmed numerically."
    )

    @Argument(help: "A derivation file with `parameterization` statements.")
    var file: String

    @Option(help: formatHelp(LimitTable.formats), completion: formatCompletion(LimitTable.formats))
    var format: OutputFormat = .text

    func validate() throws { try requireFormat(format, among: LimitTable.formats) }

    func run() throws {
        let checked = try loadDerivation(file)
        let derivation = checked.derivation
        let table: LimitTable
        do { table = try LimitTable(derivation, widthLimitModel: checked.widthLimitModel) } catch { throw UserError("\(error)") }
        let run = RunRecord(arguments: Array(CommandLine.arguments.dropFirst()), seed: nil, digits: nil, files: [file])
        try StandardOutput.write(table.render(format, run: run))
        if !table.allConfirmed { throw ExitCode(ExitStatus.failed) }
    }
}
