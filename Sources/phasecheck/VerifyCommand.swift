import ArgumentParser
import Foundation
import PhasecheckFormat
import PhasecheckNumbers
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
        var verifiers: [Verifier] = []
        var unreadable = 0
        for file in files {
            do {
                let checked = try loadDerivation(file)
                try model.checkNames(in: checked.derivation)
                let verifier = Verifier(checked, options: options)
                // `region` lines of a width-limit section are checked as claims too.
                guard !verifier.derivation.claims.isEmpty || !verifier.derivation.widthLimit.regions.isEmpty else {
                    throw UserError("\(file): no claim to check; add a line such as `claim \"x decays\": monotone x decreasing on [0, 10]` (see docs/derivation-format.md)")
                }
                do { try verifier.validateInputs() } catch { throw UserError(error.description) }
                verifiers.append(verifier)
            } catch let error as UserError {
                FileHandle.standardError.write(Data("phasecheck: \(error.description)\n".utf8))
                unreadable += 1
            }
        }
        let reports = try check(verifiers, streaming: format == .text, colour: colour, progress: progress)
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

    /// Verifies the files' claims in one pool (`VerificationPool`); with `streaming`, prints each file's
    /// header and claims in file order, each claim as soon as it and every claim above it are done, and keeps
    /// a progress line on stderr naming the longest-running claim.
    func check(_ verifiers: [Verifier], streaming: Bool, colour: Bool, progress: ProgressLine) throws -> [FileReport] {
        let derivations = verifiers.map(\.derivation)
        let items = VerificationPool.items(of: verifiers)
        let nameWidths = derivations.map { ReportPrinter.nameWidth($0.claims.map(\.name)) }
        let state = Mutex(StreamState(count: items.count, files: derivations.count))
        let position = Dictionary(uniqueKeysWithValues: items.enumerated().map { ($1, $0) })
        let ticker = progress.enabled ? DispatchSource.makeTimerSource(queue: .global()) : nil
        ticker?.schedule(deadline: .now() + 1, repeating: 0.5)
        ticker?.setEventHandler {
            state.withLock { s in
                guard let (n, start) = s.running.min(by: { $0.value < $1.value }) else { return }
                let elapsed = (ContinuousClock.now - start).seconds
                guard elapsed >= 1 else { return }
                let item = items[n], d = derivations[item.file]
                let head = "verify \((d.file as NSString).lastPathComponent): \(s.finished[item.file])/\(d.claims.count) done, running \""
                let tail = "\" for \(ProgressLine.duration(elapsed))"
                let name = item.index < d.claims.count ? d.claims[item.index].name : "region lines"
                let room = max(8, 99 - head.count - tail.count)
                progress.show(head + (name.count <= room ? name : String(name.prefix(room - 3)) + "...") + tail)
            }
        }
        ticker?.resume()
        defer { ticker?.cancel() }
        /// Writes, in report order, every item done from the first unprinted one on, and the header of each
        /// file as soon as the files above it are printed.
        @Sendable func printReady(_ s: inout StreamState) {
            func write(_ text: String) {
                guard s.writeError == nil else { return }
                progress.clear()
                do { try StandardOutput.write(text) } catch let error as UserError {
                    s.writeError = error
                } catch {
                    s.writeError = UserError("\(error)", status: ExitStatus.failed)
                }
            }
            while s.printed < items.count, s.writeError == nil {
                let item = items[s.printed]
                if s.headers == item.file {
                    let d = derivations[item.file]
                    write(ReportPrinter.textHeader(file: d.file, title: d.title, citation: d.citation, colour: colour))
                    s.headers += 1
                }
                guard let results = s.done[s.printed] else { return }
                for result in results { write(ReportPrinter.textClaim(result, nameWidth: nameWidths[item.file], colour: colour)) }
                s.printed += 1
            }
        }
        if streaming { state.withLock { printReady(&$0) } }
        let reports = VerificationPool.reports(verifiers, started: { item in
            state.withLock { $0.running[position[item]!] = ContinuousClock.now }
        }, finished: { item, results in
            state.withLock { s in
                let n = position[item]!
                s.running[n] = nil
                s.done[n] = results
                if item.index < derivations[item.file].claims.count { s.finished[item.file] += 1 }
                if streaming { printReady(&s) }
            }
        })
        progress.clear()
        if let error = state.withLock({ $0.writeError }) { throw error }
        return reports
    }
}

/// What the streaming printer knows while claims run on worker threads (items as in `VerificationPool.items`).
private struct StreamState {
    var done: [[ClaimResult]?]
    var running: [Int: ContinuousClock.Instant] = [:]
    /// Items printed so far (a prefix in report order).
    var printed = 0
    /// Claims finished, per file.
    var finished: [Int]
    /// Files whose header is printed (a prefix).
    var headers = 0
    var writeError: UserError?
    init(count: Int, files: Int) {
        done = Array(repeating: nil, count: count)
        finished = Array(repeating: 0, count: files)
    }
}
