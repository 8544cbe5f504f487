import Foundation
import PhasecheckDerivations
import PhasecheckTestSupport
import Testing

/// Help, version and completion scripts come from ArgumentParser and exit 0; options with fixed values are
/// checked by the parser; arguments may start with a minus.
struct HelpAndArgumentTests {
    static let commands = ["verify", "solve", "eval", "diff", "regions", "phase", "table", "plot", "fixedpoints", "init"]

    @Test(arguments: [[]] + commands.map { [$0] })
    func everyCommandPrintsItsHelp(command: [String]) throws {
        let result = try CLI.run(command + ["--help"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("USAGE: phasecheck" + command.map { " " + $0 }.joined()), "\(result.stdout)")
        #expect(result.stdout.contains("OVERVIEW:"))
    }

    @Test func helpSubcommandAndNoArgumentsPrintHelp() throws {
        let help = try CLI.run(["help", "phase"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE: phasecheck phase"))
        let bare = try CLI.run([])
        #expect(bare.status == 0)
        #expect(bare.stdout.contains("SUBCOMMANDS:") && bare.stdout.contains("verify"))
    }

    @Test func versionComesFromOneSource() throws {
        let result = try CLI.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout == PhasecheckVersion.current + "\n")
    }

    @Test(arguments: [("bash", "#!/bin/bash"), ("zsh", "#compdef phasecheck"), ("fish", "complete -c 'phasecheck'")])
    func completionScriptsListTheFormats(shell: String, marker: String) throws {
        let result = try CLI.run(["--generate-completion-script", shell])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(marker))
        // --format and --method are enums, so their values are offered.
        #expect(result.stdout.contains("markdown") && result.stdout.contains("integrate"), "\(shell)")
    }

    @Test func wrongFixedValuesAreRefusedByTheParser() throws {
        for arguments in [["verify", "--format", "yaml"], ["verify", "--format", "svg"],
                          ["solve", "derivations/saxe_logistic.phc", "--at", "1", "--method", "nope"],
                          ["table", "derivations/xu_ziyin_linear_network.phc", "--format", "json"]] {
            let result = try CLI.run(arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr.contains("--format") || result.stderr.contains("--method"), "\(arguments): \(result.stderr)")
        }
    }

    @Test func formatHelpListsOnlyTheFormatsOfTheCommand() throws {
        // ArgumentParser listed every format for every command ("values: ... junit" under `table`).
        let table = try CLI.run(["table", "--help"])
        #expect(table.stdout.contains("One of text, markdown, latex, csv."), "\(table.stdout)")
        #expect(!table.stdout.contains("junit") && !table.stdout.contains("svg"))
        let bash = try CLI.run(["--generate-completion-script", "bash"])
        // table's completions: its four formats and no others.
        #expect(bash.stdout.contains("-W 'text'$'\\n''markdown'$'\\n''latex'$'\\n''csv'\n"), "\(bash.stdout)")
    }

    @Test(arguments: [(["verify", "--digits", "-1"], "--digits must be between 5 and 2000"),
                      (["verify", "--max-steps", "-5"], "--max-steps must be at least 1"),
                      (["verify", "--jobs", "-1"], "--jobs must be at least 1"),
                      (["solve", "derivations/saxe_logistic.phc", "--at", "1", "--max-seconds", "-1"], "--max-seconds must be"),
                      (["eval", "pi", "--prec", "-1"], "--prec must be between"),
                      (["eval", "pi", "--digits", "-3"], "--digits must be between 1 and 100000"),
                      (["phase", PhaseCommandTests.flagship, "--shard", "-1/2"], "--shard -1/2: expected I/N")])
    func negativeValuesOfNumericOptionsAreRefusedWithTheirRange(arguments: [String], message: String) throws {
        // A value starting with a minus was taken for an option: "Missing value for '--digits <digits>'".
        let result = try CLI.run(arguments)
        #expect(result.status == 2)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!result.stderr.contains("Missing value"))
    }

    @Test func aMistypedOptionOfEvalIsNotReadAsAnExpression() throws {
        // eval takes every unrecognized word as part of the expression: `--digts` read as `-(-digts)`.
        let result = try CLI.run(["eval", "pi", "--digts", "5"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("Unknown option '--digts'. Did you mean '--digits'?"), "\(result.stderr)")
    }

    @Test func argumentsMayStartWithAMinus() throws {
        // -1 + 2 = 1 exactly, printed to the default 30 digits.
        let eval = try CLI.run(["eval", "-1 + 2"])
        #expect(eval.status == 0, "\(eval.stderr)")
        #expect(eval.stdout == "1.00000000000000000000000000000\n")
        let negative = try CLI.run(["eval", "-x^2", "--set", "x=3", "--digits", "3"])
        #expect(negative.stdout == "-9.00\n", "\(negative.stderr)")
        // A negative time along the closed form: t = -1 is accepted as the value of --at.
        let solve = try CLI.run(["solve", "derivations/saxe_logistic.phc", "--at", "-1", "--digits", "10"])
        #expect(solve.status == 0, "\(solve.stderr)")
        #expect(solve.stdout.hasPrefix("t = -1\n"))
    }
}
