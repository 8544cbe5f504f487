import ArgumentParser
import Foundation
import PhasecheckFormat
import PhasecheckReports
import PhasecheckVerify
import Synchronization

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check every claim of derivation files (default: every .phc file in derivations/).",
        discussion: """
        The text report prints each claim as soon as it and the claims above it are done; on a terminal a \
        progress line on stderr names a claim that runs longer than a second. A file that cannot be read or \
        has an error is reported on stderr and the other files are still checked (exit status 2).
        """
    )

    @Argument(help: "Derivation files or folders.")
    var paths: [String] = []

    @OptionGroup var model: ModelOptions

    @OptionGroup var budget: BudgetOptions

    @Option(parsing: .unconditional, help: "Seed for the random parameter draws of identity claims and the noise of Monte Carlo paths (recorded in every report).")
    var seed: UInt64 = 1

    @Option(parsing: .unconditional, help: "Threads for the paths of Monte Carlo claims (default: every core); the results are the same for any number.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "text, json, markdown or junit (JUnit XML for CI: one test case per claim).", completion: formatCompletion(ReportPrinter.formats))
    var format: OutputFormat = .text

    @ArgumentParser.Flag(help: "Record seconds per claim and per file in JSON and JUnit (left out by default so that identical runs give identical files).")
    var timings = false

    func validate() throws { try requireFormat(format, among: ReportPrinter.formats) }

    @Option(help: "Colour the text report: auto (a terminal without NO_COLOR), always or never.")
    var color: ColorChoice = .auto

    func run() throws {
        var options = VerifyOptions()
        options.digits = try model.checkedDigits(5...2000)
        options.seed = seed
        guard jobs >= 1 else { throw UserError("--jobs must be at least 1") }
        options.jobs = jobs
        options.overrides = try model.overrides()
        options.budget = try budget.budget()
        let files = try derivationFiles(paths.isEmpty ? ["derivations"] : paths)
        let colour = format == .text && color.enabled
        let progress = ProgressLine(enabled: ProgressLine.stderrIsTerminal)
        var reports: [FileReport] = []
        var unreadable = 0
        for file in files {
            let verifier: Verifier
            do {
                let derivation = try loadDerivation(file)
                try model.checkNames(in: derivation)
                verifier = Verifier(derivation: derivation, options: options)
                // `region` lines of a width-limit section are checked as claims too.
                guard !verifier.derivation.claims.isEmpty || !verifier.derivation.widthLimit.regions.isEmpty else {
                    throw UserError("\(file): no claim to check; add a line such as `claim \"x decays\": monotone x decreasing on [0, 10]` (see docs/derivation-format.md)")
                }
                do { try verifier.validateInputs() } catch { throw UserError(error.description) }
            } catch let error as UserError {
                progress.clear()
                FileHandle.standardError.write(Data("phasecheck: \(error.description)\n".utf8))
                unreadable += 1
                continue
            }
            reports.append(try check(verifier, streaming: format == .text, colour: colour, progress: progress))
        }
        progress.clear()
        switch format {
        case .text: try StandardOutput.write(ReportPrinter.textSummary(reports, unreadableFiles: unreadable))
        default:
            let run = RunRecord(arguments: RunRecord.reproducing(Array(CommandLine.arguments.dropFirst()), ignoring: ["--jobs"]),
                                seed: seed, digits: options.digits, files: files)
            try StandardOutput.write(ReportPrinter.render(reports, format: format, colour: false, run: run, timings: timings))
        }
        if unreadable > 0 { throw ExitCode(ExitStatus.badInput) }
        if !reports.allSatisfy(\.allHold) { throw ExitCode(ExitStatus.failed) }
    }

    /// Verifies one file; with `streaming`, prints each claim's lines as soon as it and every claim above
    /// it are done, and keeps a progress line on stderr naming the longest-running claim.
    func check(_ verifier: Verifier, streaming: Bool, colour: Bool, progress: ProgressLine) throws -> FileReport {
        let d = verifier.derivation
        let claims = d.claims
        let nameWidth = ReportPrinter.nameWidth(claims.map(\.name))
        if streaming {
            try StandardOutput.write(ReportPrinter.textHeader(file: d.file, title: d.title, citation: d.citation, colour: colour))
        }
        let state = Mutex(StreamState(count: claims.count))
        let ticker = progress.enabled ? DispatchSource.makeTimerSource(queue: .global()) : nil
        ticker?.schedule(deadline: .now() + 1, repeating: 0.5)
        ticker?.setEventHandler {
            state.withLock { s in
                guard let (index, start) = s.running.min(by: { $0.value < $1.value }) else { return }
                let elapsed = (ContinuousClock.now - start).seconds
                guard elapsed >= 1 else { return }
                let head = "verify \((d.file as NSString).lastPathComponent): \(s.finished)/\(claims.count) done, running \""
                let tail = "\" for \(ProgressLine.duration(elapsed))"
                let name = claims[index].name
                let room = max(8, 99 - head.count - tail.count)
                progress.show(head + (name.count <= room ? name : String(name.prefix(room - 3)) + "...") + tail)
            }
        }
        ticker?.resume()
        defer { ticker?.cancel() }
        let report = verifier.report(started: { i in
            state.withLock { $0.running[i] = ContinuousClock.now }
        }, finished: { i, result in
            state.withLock { s in
                s.running[i] = nil
                s.done[i] = result
                s.finished += 1
                guard streaming else { return }
                // Print in file order: everything done from the first unprinted claim on.
                while s.printed < claims.count, let next = s.done[s.printed], s.writeError == nil {
                    progress.clear()
                    do { try StandardOutput.write(ReportPrinter.textClaim(next, nameWidth: nameWidth, colour: colour)) } catch let error as UserError {
                        s.writeError = error
                    } catch {
                        s.writeError = UserError("\(error)", status: ExitStatus.failed)
                    }
                    s.printed += 1
                }
            }
        })
        if let error = state.withLock({ $0.writeError }) { throw error }
        // `region` lines are checked after the claims (Verifier.regionResults) and printed after them.
        if streaming {
            for r in report.results.dropFirst(claims.count) { try StandardOutput.write(ReportPrinter.textClaim(r, nameWidth: nameWidth, colour: colour)) }
        }
        return report
    }
}

/// What the streaming printer knows while claims run on worker threads.
private struct StreamState {
    var done: [ClaimResult?]
    var running: [Int: ContinuousClock.Instant] = [:]
    /// Claims printed so far (a prefix in file order).
    var printed = 0
    var finished = 0
    var writeError: UserError?
    init(count: Int) { done = Array(repeating: nil, count: count) }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
