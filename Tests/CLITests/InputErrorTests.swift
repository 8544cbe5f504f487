import Foundation
import PhasecheckTestSupport
import Testing

/// Issue 13 item 3 and issue 18 ("inputs accepted that should be refused"): every mistake in a file is
/// reported with its line, a caret and, for the usual slips, what to write instead; bad files, paths and
/// bytes get their own messages; one bad file does not stop the others.
struct InputErrorTests {
    static let decay = """
        param k = 1 in (0, inf)
        state x = 1
        ode x' = -k*x
        claim "x decays": monotone x decreasing on [0, 10]

        """

    /// A threshold's bracket beyond its parameter's domain was accepted without a word: it is a warning on stderr with
    /// its line, column and a caret, and the file is still verified (its claim holds, exit status 0).
    @Test func aBracketBeyondTheDomainIsAWarningAndTheFileIsStillChecked() throws {
        let path = try CLI.temporaryFile(named: "bracket.phc", contents: """
            param tau = 1/10 in (0, 1/2]
            claim "root": threshold tau where tau - 51/100 changes sign in (0.45, 0.55) == 0.51

            """)
        let result = try CLI.run(["verify", path])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stderr.contains("bracket.phc:2:71: warning: the bracket's upper end 0.55 lies outside the domain (0, 1/2] of `tau`"), "\(result.stderr)")
        #expect(result.stderr.contains("|") && result.stderr.contains("^"), "\(result.stderr)")
        #expect(result.stdout.contains("holds"), "\(result.stdout)")
    }

    @Test func everyErrorOfAFileIsShownWithItsLineACaretAndAHint() throws {
        let path = try CLI.temporaryFile(named: "slips.phc", contents: """
            param k = 1 in (0, inf)
            state x = 1
            ode x' = -2k*x
            let y = epx(x)
            let z = ln(x)
            let q = x**2
            claim "c": identity x(t) == x
            parm j = 1
            claim "d": idnetity x == x

            """)
        let result = try CLI.run(["verify", path])
        #expect(result.status == 2)
        let expected = [
            ("slips.phc:3:12: error:", "  3 | ode x' = -2k*x\n    |            ^\n", "write `2*k`"),
            ("slips.phc:4:9: error: unknown function `epx`", "  4 | let y = epx(x)\n    |         ^\n", "did you mean `exp`?"),
            ("slips.phc:5:9: error: unknown function `ln`", "  5 | let z = ln(x)\n", "write `log`"),
            ("slips.phc:6:11: error:", "  6 | let q = x**2\n    |           ^\n", "write `x^2` for a power"),
            ("slips.phc:7:21: error: unknown function `x`", "  7 | claim \"c\": identity x(t) == x\n", "write `x`, not `x(t)`"),
            ("slips.phc:8:1: error: expected a statement", "  8 | parm j = 1\n    | ^\n", "did you mean `param`?"),
            ("slips.phc:9:12: error: expected a claim kind", "  9 | claim \"d\": idnetity x == x\n", "did you mean `identity`?"),
        ]
        for (head, excerpt, hint) in expected {
            #expect(result.stderr.contains(head), "\(head)\n\(result.stderr)")
            #expect(result.stderr.contains(excerpt), "\(excerpt)\n\(result.stderr)")
            #expect(result.stderr.contains("hint: " + hint) || result.stderr.contains(hint), "\(hint)\n\(result.stderr)")
        }
        #expect(result.stderr.contains("slips.phc: 7 errors"))
    }

    @Test func unknownNamesGetTheNearestKnownOne() throws {
        let path = try CLI.temporaryFile(named: "names.phc", contents: Self.decay + "let r = kk*x\nlet s = e^x\n")
        let names = try CLI.run(["verify", path])
        #expect(names.status == 2)
        #expect(names.stderr.contains("names.phc:5:9: error: unknown symbol `kk`") && names.stderr.contains("did you mean `k`?"), "\(names.stderr)")
        #expect(names.stderr.contains("names.phc:6:9: error: unknown symbol `e`") && names.stderr.contains("write `exp(x)` for e^x"), "\(names.stderr)")

        let set = try CLI.run(["verify", "derivations/saxe_logistic.phc", "--set", "kapa=2"])
        #expect(set.status == 2)
        #expect(set.stderr.contains("cannot set `kapa`") && set.stderr.contains("did you mean `kappa`?"), "\(set.stderr)")

        let subcommand = try CLI.run(["verfy", "derivations"])
        #expect(subcommand.status == 2)
        #expect(subcommand.stderr.contains("Did you mean `phasecheck verify`?"), "\(subcommand.stderr)")

        let scenario = try CLI.run(["solve", "derivations/xu_ziyin_linear_network.phc", "--at", "1", "--scenario", "caseb"])
        #expect(scenario.status == 2)
        #expect(scenario.stderr.contains("unknown scenario `caseb`") && scenario.stderr.contains("did you mean"), "\(scenario.stderr)")

        let eval = try CLI.run(["eval", "epx(1)"])
        #expect(eval.status == 2)
        #expect(eval.stderr.contains("did you mean `exp`?"), "\(eval.stderr)")
        let euler = try CLI.run(["eval", "e^2"])
        #expect(euler.status == 2)
        #expect(euler.stderr.contains("write `exp(x)` for e^x"), "\(euler.stderr)")
        let implicit = try CLI.run(["eval", "2pi"])
        #expect(implicit.status == 2)
        #expect(implicit.stderr.contains("write `2*pi`"), "\(implicit.stderr)")
    }

    @Test(arguments: [("crlf", "\r\n"), ("cr", "\r")])
    func windowsAndOldMacLineEndsReadAsNewlines(name: String, lineEnd: String) throws {
        let path = try CLI.temporaryFile(named: "\(name).phc", contents: Self.decay.replacingOccurrences(of: "\n", with: lineEnd))
        let result = try CLI.run(["verify", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("1 claims in 1 file: 1 hold"), "\(result.stdout)")
        // An error in such a file names the right line and prints no carriage return.
        let broken = try CLI.temporaryFile(named: "\(name)-broken.phc",
                                           contents: Self.decay.replacingOccurrences(of: "-k*x", with: "-k*y").replacingOccurrences(of: "\n", with: lineEnd))
        let error = try CLI.run(["verify", broken])
        #expect(error.status == 2)
        #expect(error.stderr.contains("\(name)-broken.phc:3:13: error: unknown symbol `y`"), "\(error.stderr)")
        #expect(!error.stderr.contains("\r"))
    }

    @Test func controlBytesAreNeverEchoed() throws {
        // ESC [31m would turn the terminal red, BEL rings it, NUL and DEL are invisible.
        let path = try CLI.temporaryFile(named: "control.phc", bytes: Array("param k = 1 ".utf8) + [0x1B] + Array("[31m".utf8) + [0x07, 0x00, 0x7F, 0x0A])
        let result = try CLI.run(["verify", path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("control.phc:1:13: error: unexpected character `\\u{1B}`"), "\(result.stderr)")
        let raw = result.stderr.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n") || $0.value == 0x7F }
        #expect(raw.isEmpty, "\(raw.map(\.value))")
    }

    @Test func emptyFilesAndFilesWithoutClaimsAreErrors() throws {
        let empty = try CLI.run(["verify", try CLI.temporaryFile(named: "empty.phc", contents: "# only a comment\n\n")])
        #expect(empty.status == 2)
        #expect(empty.stderr.contains("empty.phc:1:1: error: the file is empty"), "\(empty.stderr)")
        let noClaim = try CLI.run(["verify", try CLI.temporaryFile(named: "noclaim.phc", contents: "param k = 1\nstate x = 1\node x' = -k*x\n")])
        #expect(noClaim.status == 2)
        #expect(noClaim.stderr.contains("noclaim.phc: no claim to check"), "\(noClaim.stderr)")
    }

    @Test func badPathsAndBytesEachSayWhatIsWrong() throws {
        let latin1 = try CLI.temporaryFile(named: "latin1.phc", bytes: Array("param k = 1\n# caf".utf8) + [0xE9, 0x0A])
        let bytes = try CLI.run(["verify", latin1])
        #expect(bytes.status == 2)
        #expect(bytes.stderr.contains("latin1.phc:2:6: error: the file is not UTF-8 text"), "\(bytes.stderr)")

        let missing = try CLI.run(["verify", "no/such/file.phc"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no/such/file.phc: no such file"), "\(missing.stderr)")

        // A FIFO is refused without being opened (opening it would wait for a writer forever).
        let fifo = try CLI.temporaryFile(named: "fifo-placeholder", contents: "")
            .replacingOccurrences(of: "fifo-placeholder", with: "pipe.phc")
        unlink(fifo)
        #expect(mkfifo(fifo, 0o644) == 0)
        let pipe = try CLI.run(["solve", fifo, "--at", "1"])
        #expect(pipe.status == 2)
        #expect(pipe.stderr.contains("pipe.phc: is not a regular file"), "\(pipe.stderr)")

        let folder = try CLI.run(["solve", "derivations", "--at", "1"])
        #expect(folder.status == 2)
        #expect(folder.stderr.contains("derivations: is a folder"), "\(folder.stderr)")
    }

    @Test(arguments: ["text", "json", "markdown"])
    func oneBadFileIsReportedAndTheOthersAreStillChecked(format: String) throws {
        let bad = try CLI.temporaryFile(named: "bad-among-good.phc", contents: "param k = 1\nstate x = 1\node x' = -k*y\nclaim \"c\": invariant x\n")
        let result = try CLI.run(["verify", bad, "derivations/saxe_logistic.phc", "--format", format])
        #expect(result.status == 2)
        #expect(result.stderr.contains("bad-among-good.phc:3:13: error: unknown symbol `y`"), "\(result.stderr)")
        #expect(result.stdout.contains("the sigmoid solves the gradient flow"), "\(result.stdout)")
        if format == "json" {
            let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let files = try #require(document["files"] as? [[String: Any]])
            #expect(files.map { $0["file"] as? String } == ["derivations/saxe_logistic.phc"])
        }
        if format == "text" { #expect(result.stdout.contains("7 claims in 2 files: 7 hold, 0 fail, 0 undecided, 0 errors, 1 file not read")) }
    }

    @Test(arguments: [
        (["verify", "derivations/saxe_logistic.phc", "--set", "gamma=[-3,5]"], "saxe_logistic.phc:6:7: error: --set: `gamma` is a scalar parameter, but `[-3, 5]` is a vector of length 2"),
        (["solve", "derivations/saxe_logistic.phc", "--at", ""], "--at '': an empty time"),
        (["solve", "derivations/saxe_logistic.phc", "--at", "1,,2"], "--at '1,,2': an empty time"),
        (["phase", "derivations/xu_ziyin_linear_network.phc", "--grid", "alpha=0:1:1/2,alpha=0:1:1/4"], "a second axis for `alpha`"),
    ])
    func commandLineValuesThatCannotBeUsedAreRefused(arguments: [String], fragment: String) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 2)
        #expect(result.stderr.contains(fragment), "\(result.stderr)")
    }

    @Test func fileValuesThatCannotBeUsedAreRefusedAtTheirPlace() throws {
        let path = try CLI.temporaryFile(named: "refused.phc", contents: """
            param k = 1 in (0, inf)
            param g = [1, 2]
            state x = 1
            ode x' = -k*x
            horizon 0
            scenario A: k = [1, 2]
            claim "x decays": monotone x decreasing on [0, 10]

            """)
        let result = try CLI.run(["verify", path])
        #expect(result.status == 2)
        for fragment in ["refused.phc:2:7: error: the value of `g` must be a scalar, but it is a vector of length 2",
                         "refused.phc:5:9: error: the horizon must be positive, found 0",
                         "refused.phc:6:10: error: scenario `A`: `k` is a scalar parameter, but `[1, 2]` is a vector of length 2"] {
            #expect(result.stderr.contains(fragment), "\(fragment)\n\(result.stderr)")
        }
        let domain = try CLI.temporaryFile(named: "domain.phc", contents: Self.decay.replacingOccurrences(of: "(0, inf)", with: "(inf, -inf)"))
        let empty = try CLI.run(["verify", domain])
        #expect(empty.status == 2)
        #expect(empty.stderr.contains("domain.phc:1:17: error: expected `-inf` as an infinite lower bound"), "\(empty.stderr)")
    }
}
