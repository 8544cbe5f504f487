import ArgumentParser
import Foundation
import Synchronization
import PhasecheckFormat
import PhasecheckNumbers
import PhasecheckReports
import PhasecheckVerify

struct FixedPointsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fixedpoints",
        abstract: "Find every fixed point of the flow (or map) in a box, certified, and classify each.",
        discussion: """
        The box is cut into parts until each is either shown to hold no fixed point or to hold exactly one \
        (interval arithmetic and the Krawczyk test); each point is then refined to --digits and classified by \
        the eigenvalues of its Jacobian (Routh-Hurwitz for a flow, Schur-Cohn for a map). Parts that stay \
        undecided are listed: then the points found may not be all. Scalar states and autonomous dynamics only.
        """
    )

    @Argument(help: "A derivation file.")
    var file: String

    /// Unconditional, so that a range may start with a minus (`--box Q=-1:1`).
    @Option(parsing: .unconditional, help: "NAME=LOW:HIGH for every state, comma-separated (Q=-1:1,R=0:2).")
    var box: String

    @Option(parsing: .unconditional, help: "Most parts the box may be cut into before the search stops undecided: its work budget, counted, so the result is the same on every machine.")
    var maxBoxes: Int = 20_000

    @Option(parsing: .unconditional, help: "A wall-clock safety net: most seconds the search may take. Off by default; where it stops the search, the message says so, and another machine may get further.")
    var maxSeconds: Double?

    @OptionGroup var options: ModelOptions

    @Option(help: "Scenario of the file to use.")
    var scenario: String?

    @Option(help: formatHelp(FixedPointsReport.formats), completion: formatCompletion(FixedPointsReport.formats))
    var format: OutputFormat = .text

    func validate() throws {
        try requireFormat(format, among: FixedPointsReport.formats)
        guard maxBoxes >= 1 else { throw ValidationError("--max-boxes must be at least 1") }
        // Past 10^9 s (32 years) the clock's arithmetic would overflow.
        guard maxSeconds.map({ $0 > 0 && $0 <= 1e9 }) ?? true else { throw ValidationError("--max-seconds must be a number of seconds above 0 and at most 1e9") }
    }

    func run() throws {
        let digits = try options.checkedDigits(1...1000)
        let ranges = try parseRanges(box)
        let checked = try loadDerivation(file)
        let survey: FixedPointSurvey
        let budget = SearchBudget(seconds: maxSeconds, progress: ProgressLine(enabled: ProgressLine.stderrIsTerminal))
        defer { budget.progress.clear() }
        do {
            let model = try checked.model(scenario: scenario, overrides: try options.overrides())
            survey = try FixedPointSurvey(model: model, ranges: ranges, digits: digits, maximumBoxes: maxBoxes, shouldStop: budget.shouldStop)
        } catch let error as DerivationError {
            throw UserError(error.description)
        } catch {
            throw UserError("\(file): \(error)")
        }
        let run = RunRecord(arguments: Array(CommandLine.arguments.dropFirst()), seed: nil, digits: digits, files: [file])
        try StandardOutput.write(FixedPointsReport.render(survey, file: file, format: format, run: run))
        if !survey.isComplete {
            // The wall clock is named as such: where it stopped the search, another machine may get further.
            let limit = budget.isSpent
                ? "stopped by the wall-clock limit of --max-seconds \(maxSeconds ?? 0) (a faster or less loaded machine gets further); raise or drop --max-seconds (the counted budget is --max-boxes)"
                : "raise --max-boxes (counted, the same on every machine)"
            throw UserError("the search of the box was not complete: \(survey.unresolved.count) part(s) undecided; " + limit,
                            status: ExitStatus.failed)
        }
    }

    /// `Q=-1:1,R=0:2` as exact ranges.
    func parseRanges(_ text: String) throws -> [String: (lower: BigRational, upper: BigRational)] {
        var ranges: [String: (lower: BigRational, upper: BigRational)] = [:]
        for item in splitTopLevel(text) {
            let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            let bounds = parts.count == 2 ? parts[1].split(separator: ":").map { BigRational(String($0).trimmingCharacters(in: .whitespaces)) } : []
            guard parts.count == 2, !parts[0].isEmpty, bounds.count == 2, let lower = bounds[0], let upper = bounds[1] else {
                throw UserError("--box '\(item)': expected NAME=LOW:HIGH with numbers (as in Q=-1:1)")
            }
            guard lower < upper else { throw UserError("--box '\(item)': the low end must be below the high end") }
            guard ranges[parts[0]] == nil else { throw UserError("--box: `\(parts[0])` is given twice") }
            ranges[parts[0]] = (lower, upper)
        }
        return ranges
    }
}

/// The search's wall-clock safety net (`--max-seconds`, nil: none), and its progress line on a terminal: parts
/// searched and seconds spent.
final class SearchBudget: Sendable {
    let progress: ProgressLine
    private let start = ContinuousClock.now
    private let seconds: Double?
    /// Parts searched, and the elapsed seconds when the progress line was last shown.
    private let state = Mutex((searched: 0, shownAt: 0.0))

    init(seconds: Double?, progress: ProgressLine) {
        self.seconds = seconds
        self.progress = progress
    }

    /// Whether the seconds are spent.
    var isSpent: Bool { seconds.map { (ContinuousClock.now - start).seconds >= $0 } ?? false }

    /// Asked before each part of the box: true once the seconds are spent.
    @Sendable func shouldStop() -> Bool {
        let elapsed = (ContinuousClock.now - start).seconds
        let (count, due) = state.withLock { s in
            s.searched += 1
            let due = elapsed - s.shownAt >= 0.5
            if due { s.shownAt = elapsed }
            return (s.searched, due)
        }
        if due {
            progress.show("fixedpoints: \(count) parts of the box searched in \(ProgressLine.duration(elapsed))"
                          + (seconds.map { " of at most " + ProgressLine.duration($0) } ?? ""))
        }
        return seconds.map { elapsed >= $0 } ?? false
    }
}
