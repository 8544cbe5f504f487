import ArgumentParser
import Foundation
import PhasecheckExpressions
import PhasecheckFormat
import PhasecheckReports
import PhasecheckVerify

/// `phasecheck phase FILE --sign E --grid p=FROM:TO:STEP,q=... [--at T | --step N] [--claimed C]`: a phase
/// diagram over ordinary parameters, each point classified by the sign of E.
struct ParameterPhaseOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Classify each point of a grid over ordinary parameters by the sign of this quantity (an expression of the model; with --at or --step, of the solution there) instead of sweeping width exponents.")
    var sign: String?

    @Option(help: "Classify each point of a grid over ordinary parameters by the stability (stable, saddle, unstable, undecided) of the fixed point a `fixedpoint` or `stationary` claim of the file names, followed across the grid from the point certified at a neighbouring grid point.")
    var stability: String?

    @Option(name: .customLong("at"), parsing: .unconditional, help: "With --sign: take the quantity at this time of the trajectory (closed form, certified; or integration, an estimate).")
    var time: String?

    @Option(name: .customLong("step"), parsing: .unconditional, help: "With --sign: take the quantity at this step of the iteration (interval arithmetic).")
    var step: String?

    @Option(parsing: .unconditional, help: "With --sign: an expression of the parameters whose sign is the claimed phase; points where the signs differ disagree.")
    var claimed: String?

    @Option(help: "With --sign: names of the phases where the quantity is negative and positive, NEG,POS.")
    var phases: String = "negative,positive"

    @Option(help: "With --sign: start from this scenario's values (then --set, then the grid's).")
    var scenario: String?

    @OptionGroup var model: ModelOptions
}

extension PhaseCommand {
    func runParameterSweep() throws {
        let p = parameters
        func expression(_ text: String, _ option: String) throws -> Expr {
            do { return try ExpressionParser.parse(text) } catch { throw UserError("\(option) \(text): \(error)") }
        }
        let mode = p.stability != nil ? "--stability" : "--sign"
        guard let gridText = grid else { throw UserError("\(mode) needs --grid NAME=FROM:TO:STEP,... over parameters of the file") }
        if p.stability != nil && (p.sign != nil || p.claimed != nil || p.time != nil || p.step != nil) {
            throw UserError("--stability classifies by a fixed point's stability; --sign, --claimed, --at and --step go with --sign")
        }
        if p.time != nil && p.step != nil { throw UserError("give --at or --step, not both") }
        let names = p.phases.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard names.count == 2, !names[0].isEmpty, !names[1].isEmpty, names[0] != names[1] else {
            throw UserError("--phases \(p.phases): expected two different names, NEG,POS")
        }
        let derivation = try loadDerivation(file).derivation
        let axes: [GridAxis]
        do { axes = try DerivationSyntax.parseGrid(gridText) } catch { throw argumentError(error, in: gridText, "--grid \(gridText)") }
        var options = VerifyOptions()
        options.digits = try p.model.checkedDigits(5...2000)
        options.overrides = try p.model.overrides()
        let place: QuantityPlace = try p.step.map { .step(try expression($0, "--step")) } ?? p.time.map { .time(try expression($0, "--at")) } ?? .constant
        let sweep: ParameterPhaseSweep
        var printer: ParameterPhasePrinter
        do {
            if let point = p.stability {
                sweep = try ParameterPhaseSweep(derivation, axes: axes, stabilityOf: point, scenario: p.scenario, options: options)
            } else {
                sweep = try ParameterPhaseSweep(derivation, axes: axes, quantity: try expression(p.sign!, "--sign"), at: place, scenario: p.scenario,
                                                claimed: try p.claimed.map { try expression($0, "--claimed") },
                                                phases: (names[0], names[1]), options: options)
            }
            let run = RunRecord(arguments: Array(CommandLine.arguments.dropFirst()), seed: nil, digits: options.digits, files: [file])
            printer = try ParameterPhasePrinter(sweep: sweep, format: format, run: run)
        } catch let error as UserError {
            throw error
        } catch {
            throw UserError("\(error)")
        }
        let output = try Output(path: out)
        var summary = ParameterPhaseSummary(sweep: sweep)
        do {
            try output.write(printer.header())
            var branch = FixedPointBranch()
            for index in 0..<sweep.count {
                let row = try sweep.row(at: index, following: &branch)
                summary.add(row)
                try output.write(printer.row(row))
            }
            try output.write(printer.footer(summary))
            try output.commit()
        } catch {
            output.discard()
            throw UserError("\(error)", status: ExitStatus.failed)
        }
        if format != .text || out != nil { FileHandle.standardError.write(Data(summary.text.utf8)) }
        if !summary.disagreements.isEmpty { throw ExitCode(ExitStatus.failed) }
    }
}
