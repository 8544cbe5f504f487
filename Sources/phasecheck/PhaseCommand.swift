import ArgumentParser
import Foundation
import PhasecheckAsymptotics
import PhasecheckFormat
import PhasecheckReports
import PhasecheckVerify
import PhasecheckNumbers

struct PhaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "phase",
        abstract: "Sweep a grid of exponents, classify every point and compare with the claimed phase diagram."
    )

    @Argument(help: "A derivation file with a width-limit section.")
    var file: String

    @Option(help: "Grid axes overriding the file's, NAME=FROM:TO:STEP comma-separated ('alpha=-1:2:1/4,b_u=0:1:1/2').")
    var grid: String?

    @Option(name: .customLong("fix"), help: "NAME=VALUE: fix an exponent (replaces its grid axis; repeatable).")
    var fixes: [String] = []

    @Option(help: formatHelp(PhasePrinter.formats, "json is JSON Lines; svg needs two axes with more than one value (a third gives one panel per value)."), completion: formatCompletion(PhasePrinter.formats))
    var format: OutputFormat = .text

    @Option(help: "Write to this file (through a temporary file renamed at the end).")
    var out: String?

    @Option(help: "With --format svg and --out: a PDF beside the SVG (auto: when a converter is installed; always; never).")
    var pdf: PDFChoice = .auto

    @Option(parsing: .unconditional, help: "Threads (default: the active processor count).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(parsing: .unconditional, help: "I/N: compute only the I-th (1-based) of N equal contiguous parts of the grid.")
    var shard: String?

    @Option(help: "Where to confirm the exact analyses numerically: 'sample' (each cell of exponent space at a sample of its points, docs/phase-diagrams.md) or 'all' (every point).")
    var confirm: ConfirmationScope = .sample

    @ArgumentParser.Flag(help: "Omit the CSV header (by default only shard 1 prints it).")
    var noHeader = false

    @ArgumentParser.Flag(help: "Show progress on stderr even when it is not a terminal.")
    var progress = false

    @ArgumentParser.Flag(help: "Print one row per grid point also on a terminal (where the text format shows only the summary and the disagreements; files and pipes always get the rows).")
    var rows = false

    @OptionGroup(title: "Phase diagrams over ordinary parameters (--sign, --stability)") var parameters: ParameterPhaseOptions

    func validate() throws { try requireFormat(format, among: PhasePrinter.formats) }

    func run() throws {
        guard jobs >= 1 else { throw UserError("--jobs must be at least 1") }
        if parameters.sign != nil || parameters.stability != nil { return try runParameterSweep() }
        let (shardIndex, shardCount) = try parseShard()
        if format == .svg && shardCount > 1 { throw UserError("--shard: an SVG diagram needs the whole slice; shard csv or json instead") }
        // A sweep of exponents reads the width-limit section only: no model is integrated, so its memory is not estimated.
        let checked = try loadDerivation(file, estimatingMemory: false)
        let derivation = checked.derivation
        let overrides: [GridAxis]
        do { overrides = try grid.map(DerivationSyntax.parseGrid) ?? [] } catch {
            throw argumentError(error, in: grid!, "--grid \(grid!)")
        }
        let fixes = try parseFixes()
        let sweep: PhaseSweep
        var printer: PhasePrinter
        do {
            sweep = try PhaseSweep(derivation, widthLimitModel: checked.widthLimitModel, grid: PhaseGrid(section: derivation.widthLimit, grid: overrides, fix: fixes), confirm: confirm)
            let run = RunRecord(arguments: Array(CommandLine.arguments.dropFirst()), seed: nil, digits: nil, files: [file])
            printer = try PhasePrinter(sweep: sweep, format: format, run: run)
        } catch {
            throw UserError("\(error)")
        }
        let indices = sweep.grid.shard(shardIndex, of: shardCount)
        let output = try Output(path: out)
        var summary = PhaseSummary(quantity: sweep.classification.quantity)
        let progressLine = ProgressLine(enabled: progress || ProgressLine.stderrIsTerminal)
        // Tens of thousands of rows scroll past a person; the summary and the disagreements are what they read.
        let showRows = rows || out != nil || format != .text || !StandardOutput.isTerminal
        let start = ContinuousClock.now
        do {
            if showRows && (format != .csv || (!noHeader && shardIndex == 1)) { try output.write(printer.header()) }
            // Rows are written in blocks of about 64 KB: one system call per row would cost more than the row.
            var pending = ""
            pending.reserveCapacity(1 << 17)
            try sweep.rows(indices, jobs: jobs) { row in
                summary.add(row)
                if showRows {
                    printer.write(row, to: &pending)
                    if pending.utf8.count >= 1 << 16 {
                        try output.write(pending)
                        pending.removeAll(keepingCapacity: true)
                    }
                }
                if summary.points % 64 == 0 || summary.points == indices.count {
                    progressLine.show(Self.progressText(done: summary.points, of: indices.count, disagreeing: summary.disagreements.count,
                                                        elapsed: (ContinuousClock.now - start).seconds))
                }
            }
            try output.write(pending)
            progressLine.clear()
            try output.write(showRows ? printer.footer(summary) : PhasePrinter.summaryText(summary, sweep: sweep))
            try output.commit()
        } catch let error as UserError {
            output.discard()
            throw error
        } catch {
            output.discard()
            throw UserError("\(error)", status: ExitStatus.failed)
        }
        if format == .svg, let out { try PDFConversion.convert(out, pdf) }
        if !PhasePrinter.summaryInOutput(format) || out != nil {
            FileHandle.standardError.write(Data(PhasePrinter.summaryText(summary, sweep: sweep).utf8))
        }
        if !summary.disagreements.isEmpty { throw ExitCode(ExitStatus.failed) }
    }

    /// "phase: 7744/37349 points (20.7%), 0 disagreeing, about 1 min 05 s left".
    static func progressText(done: Int, of total: Int, disagreeing: Int, elapsed: Double) -> String {
        let percent = total == 0 ? 100 : 100 * Double(done) / Double(total)
        let left = done == 0 ? "" : ", about \(ProgressLine.duration(elapsed / Double(done) * Double(total - done))) left"
        return "phase: \(done)/\(total) points (\(String(format: "%.1f", percent))%), \(disagreeing) disagreeing\(left)"
    }

    func parseShard() throws -> (Int, Int) {
        guard let shard else { return (1, 1) }
        let parts = shard.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(i) else {
            throw UserError("--shard \(shard): expected I/N with 1 <= I <= N")
        }
        return (i, n)
    }

    func parseFixes() throws -> [(name: String, value: BigRational)] {
        try fixes.map { item in
            let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, let value = BigRational(parts[1]) else {
                throw UserError("--fix \(item): expected NAME=VALUE with a rational value (c_w=0, b_u=-1/2)")
            }
            return (parts[0], value)
        }
    }
}

/// `--confirm sample|all`, parsed and validated by ArgumentParser like `--format`.
extension ConfirmationScope: ExpressibleByArgument {}
