import Foundation
@testable import PhasecheckAsymptotics
import PhasecheckNumbers
@testable import PhasecheckReports
import PhasecheckTestSupport
import Testing

/// Issue 18 (budgets that hold inside a Taylor step, no `nan` in phase tables) and issue 13 (unknown names
/// on the command line point at the argument and the nearest declaration; the progress line).
struct BudgetAndNameTests {
    static let saxe = "derivations/saxe_logistic.phc"

    /// At 2000 digits one Taylor step of the flow takes longer than the whole budget: the claims that
    /// integrate at those digits end undecided, naming the option, instead of running on (about 320 s before).
    /// (The proved invariant "the layers stay balanced", watched here until the thirteenth session, now compares
    /// at 30 digits and holds within the budget.) On a terminal the progress line names a claim that runs
    /// longer than a second.
    @Test(.enabled(if: CLI.canRunOnATerminal))
    func aBudgetStopsInsideATaylorStepAndTheProgressLineShowsTheLongClaim() throws {
        let result = try CLI.runOnATerminal(["verify", Self.saxe, "--digits", "2000", "--max-seconds", "3"])
        #expect(result.status == 1, "\(result.stdout)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let solves = try #require(lines.firstIndex { $0.contains("the sigmoid solves the gradient flow") })
        #expect(lines[solves].contains("undecided"))
        let detail = lines[(solves + 1)...].prefix(3).joined(separator: " ")
        #expect(detail.contains("wall-clock limit") && detail.contains("--max-seconds"), "\(detail)")
        // The progress line: `verify saxe_logistic.phc: k/7 done, running "NAME" for S s`, on stderr (which
        // `script` merges into the terminal's output).
        let progress = try #require(result.stdout.range(of: #"verify saxe_logistic\.phc: [0-9]/7 done, running "[^"]+" for [0-9.]+ s"#, options: .regularExpression),
                                    "\(result.stdout)")
        #expect(!result.stdout[progress].isEmpty)
    }

    @Test func anUnknownSetNamePointsAtTheArgumentAndTheNearestDeclaration() throws {
        let near = try CLI.run(["verify", Self.saxe, "--set", "kapa=2"])
        #expect(near.status == 2)
        // `param kappa = 1 in (0, inf)` is line 8 of the file; its name starts in column 7.
        #expect(near.stderr.contains("--set kapa=2: cannot set `kapa` in \(Self.saxe)"), "\(near.stderr)")
        #expect(near.stderr.contains("  --set kapa=2\n        ^\n"), "\(near.stderr)")
        #expect(near.stderr.contains("did you mean `kappa`? (declared at \(Self.saxe):8:7)"), "\(near.stderr)")
        #expect(!near.stderr.contains(":1:1"))
        let far = try CLI.run(["solve", Self.saxe, "--set", "zzq=2", "--at", "1"])
        #expect(far.status == 2 && far.stderr.contains("--set zzq=2: cannot set `zzq`") && !far.stderr.contains("hint"), "\(far.stderr)")
    }

    @Test func anUnknownScenarioPointsAtTheNearestScenario() throws {
        let file = "derivations/xu_ziyin_linear_network.phc"
        let result = try CLI.run(["solve", file, "--scenario", "caseb", "--at", "1"])
        #expect(result.status == 2)
        // `scenario caseB: ...` is line 119; the name starts in column 10.
        #expect(result.stderr.contains("--scenario caseb: unknown scenario `caseb` in \(file)"), "\(result.stderr)")
        #expect(result.stderr.contains("did you mean `caseB`? (declared at \(file):119:10)"), "\(result.stderr)")
        #expect(result.stderr.contains("  --scenario caseb\n             ^\n"), "\(result.stderr)")
    }

    /// A measured exponent that is not a number says why instead of printing `nan`.
    @Test(arguments: [(Double.nan, "not evaluated"), (-Double.infinity, "value 0"), (Double.infinity, "overflow"), (-0.5, "-0.500000")])
    func theMeasuredColumnNeverPrintsNan(exponent: Double, shown: String) {
        let confirmation = NumericConfirmation(samples: [], exactExponent: -1, measuredExponent: exponent,
                                               exactCoefficient: BigFloat(1, precision: 64), measuredCoefficient: .nan(precision: 64),
                                               coefficientDigits: 0, requiredDigits: 0, problem: nil)
        #expect(PhasePrinter.measured(confirmation) == shown)
    }
}
