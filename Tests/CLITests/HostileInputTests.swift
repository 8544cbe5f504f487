import Foundation
import PhasecheckDerivations
import PhasecheckTestSupport
import Testing

/// Issue 18, class "wrong values printed with exit status 0": values past MPFR's default exponent range,
/// values whose digits cannot be certified, and command-line times outside the reals.
/// References: Benchmarks/references/hostile_large_times.py (mpmath at 60 digits).
struct HostileValueTests {
    /// The quantity `name` of a text `solve` report.
    static func value(_ name: String, in stdout: String) -> String? {
        for line in stdout.split(separator: "\n") {
            let fields = line.split(separator: " ", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if fields.count == 2 && fields[0] == name { return fields[1] }
        }
        return nil
    }

    @Test func overflowPastTheDefaultExponentRangeGivesTheLimit() throws {
        // E = exp(4*10^9) overflows MPFR's default range; u -> sqrt(astar/gamma) = sqrt(2).
        let result = try CLI.run(["solve", "derivations/saxe_logistic.phc", "--at", "10^9"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.value("u", in: result.stdout) == "1.41421356237309504880168872421")
        #expect(Self.value("a", in: result.stdout) == "2.00000000000000000000000000000")
    }

    @Test func underflowPastTheDefaultExponentRangeKeepsItsDigits() throws {
        let result = try CLI.run(["solve", "derivations/xu_ziyin_linear_network.phc", "--at", "10^9"])
        #expect(Self.value("q", in: result.stdout) == "-2.71501169312034755367756280958e-771679704")
        // G divides by a - astar, which has lost every digit at 10^9: shown as uncertified, and status 1.
        #expect(Self.value("G", in: result.stdout) == "uncertified")
        #expect(result.status == 1)
        #expect(result.stderr.contains("could not be certified"))
        #expect(!result.stdout.contains("nan") && !result.stdout.contains("~"))
    }

    @Test func anExactZeroIsShownWithACertifiedBound() throws {
        // zeta = K/K0 - 1 is exactly 0 at t = 0: its digits never certify, its magnitude bound does.
        let result = try CLI.run(["solve", "derivations/xu_ziyin_linear_network.phc", "--at", "0"])
        let line = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("  zeta ") })
        let shown = line.dropFirst("  zeta ".count).trimmingCharacters(in: .whitespaces)
        #expect(shown.hasPrefix("0 ± "), "\(line)")
        let bound = try #require(Double(shown.dropFirst(4)))
        // CSV keeps the column numeric: the uncertified cell is empty and its certainty column says false.
        let csv = try CLI.run(["solve", "derivations/xu_ziyin_linear_network.phc", "--at", "0", "--format", "csv"])
        let lines = csv.stdout.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let zeta = try #require(lines[0].firstIndex(of: "zeta"))
        #expect(lines[1][zeta] == "" && lines[1][zeta + 1] == "false")
        #expect(bound < 1e-100)
    }

    @Test func zerosAtTheInitialTimeStopRaisingThePrecision() throws {
        // At t = 0, S, zeta, kernel_change and the rotations of u0 into u and of w0 into w are exactly 0. Their
        // enclosures contain 0 at every precision: they stop asking for more after two doublings (164, 328, 656
        // bits at 30 digits), so their bound is near 2^-656 ~ 1e-197, not 2^-41984 ~ 1e-12560 as at the cap.
        let result = try CLI.run(["solve", "derivations/xu_ziyin_linear_network.phc", "--at", "0,0.001,0.5"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows: [String] = Array(result.stdout.components(separatedBy: "t = ").dropFirst())
        try #require(rows.count == 3)
        for name in ["S", "zeta", "kernel_change", "rotation_u_deg", "rotation_w_deg"] {
            let shown = try #require(Self.value(name, in: rows[0]), "\(name)")
            #expect(shown.hasPrefix("0 ± "), "\(name): \(shown)")
            let bound = try #require(Double(shown.dropFirst(4)), "\(name): \(shown)")
            #expect(bound < 1e-150 && bound > 1e-250, "\(name): \(shown)")
        }
        // The state is the file's initial values; with the rotations certified the mechanism is named.
        #expect(Self.value("u", in: rows[0]) == "[1.00000000000000000000000000000, -2.00000000000000000000000000000, 0.500000000000000000000000000000]")
        #expect(rows[0].contains("mechanism: none (kernel regime)"), "\(rows[0])")
        // The rotations at small and moderate times, against mpmath at 60 digits, printed to 32 (acos of the normalized dot
        // product of the closed form's u, w with u0, w0, in degrees; model.md section 3's solution).
        let references = [("rotation_u_deg", "0.028363768410077114542135471291196", "10.755437889629589386291396534576"),
                          ("rotation_w_deg", "0.071296077601693351690694683975899", "32.643965000676056899591335763767"),
                          ("theta_uw_deg", "131.51792358239327577089692225254", "88.21818053809939995124702010946")]
        for (name, atSmall, atHalf) in references {
            for (row, reference) in [(rows[1], atSmall), (rows[2], atHalf)] {
                let shown = try #require(Self.value(name, in: row), "\(name)")
                #expect(EvalAgainstMpmathTests.sameDecimal(shown, reference, digits: 30), "\(name): \(shown) vs mpmath \(reference)")
            }
        }
    }

    @Test(arguments: [("1/0", "undefined (a domain error such as a division by 0"), ("sqrt(-1)", "undefined"), ("log(0)", "not finite"),
                      ("[1,2]", "expected a scalar"), ("-1", "negative")])
    func timesOutsideTheRealsAreInputErrors(time: String, message: String) throws {
        let method = time == "-1" ? "integrate" : "closed"
        let result = try CLI.run(["solve", "derivations/saxe_logistic.phc", "--at=\(time)", "--method", method])
        #expect(result.status == 2, "\(result.stdout)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func anOverflowInAClaimIsUndecidedNeverAFailure() throws {
        // q = E/(E + 1) rises to 1, but E = exp(exp(exp(10 t))) overflows even MPFR's widest range before
        // t = 1, and inf/inf is NaN: that decides nothing (it used to read as "not increasing").
        let text = """
            state u = 1
            ode u' = 0
            solution u = 1
            let E = exp(exp(exp(10*t)))
            let q = E/(E + 1)
            claim "q rises": monotone q increasing on [0, 1]
            """
        let file = try CLI.temporaryFile(named: "overflow.phc", contents: text + "\n")
        let result = try CLI.run(["verify", file, "--format", "json"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("\"status\" : \"undecided\""), "\(result.stdout)")
        #expect(result.stdout.contains("not finite"))
    }

    @Test func evalReachesEveryDocumentedDigitCount() throws {
        // The precision cap used to sit below what 40,000 digits need ("no evaluation").
        let result = try CLI.run(["eval", "exp(1)", "--digits", "40000"])
        #expect(result.status == 0, "\(result.stderr)")
        let digits = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(digits.count == 40001)
        #expect(digits.hasPrefix("2.71828182845904523536"))
        #expect(digits.hasSuffix("1236599283248186573925142949855514151214"))
    }
}

/// Issue 18, class "crashes": sizes and numbers from the command line that overflowed machine integers.
struct HostileCrashTests {
    @Test func gridsBeyondTheSweepLimitAreRefusedAndShardsStayExact() throws {
        // Five axes of 10001 values: 10001^5 > Int.max, which used to trap when counting points.
        var section = WidthLimitSection()
        section.grid = try DerivationSyntax.parseGrid("a = 0:10000:1, b = 0:10000:1, c = 0:10000:1, e = 0:10000:1, f = 0:10000:1")
        #expect(PhaseGrid(section: section).count == Int.max)
        // 10001^3 points: count * shard overflows an Int for 10^9 shards; the exact boundary is
        // floor(10001^3 * 7 / 10^9) (Python: 10001**3 * 7 // 10**9 == 7002).
        section.grid = try DerivationSyntax.parseGrid("a = 0:10000:1, b = 0:10000:1, c = 0:10000:1")
        let grid = PhaseGrid(section: section)
        #expect(grid.count == 1_000_300_030_001)
        #expect(grid.shard(7, of: 1_000_000_000).upperBound == 7002)
        #expect(grid.shard(1_000_000_000, of: 1_000_000_000).upperBound == grid.count)
        let result = try CLI.run(["phase", PhaseCommandTests.flagship, "--grid", "alpha=0:10000:1,b_u=0:10000:1,b_w=0:10000:1,c_u=0:10000:1"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("more than 1000000000000 points"), "\(result.stderr)")
    }
}

/// Issue 18, class "crashes", second round (Benchmarks/hostile_cases.py): doubles out of range in a plot,
/// and a time budget beyond the clock's arithmetic.
struct HostileRangeTests {
    @Test(arguments: ["1e1000", "2^-1074"])
    func plotTimesADoubleCannotPlaceAreRefused(time: String) throws {
        // 1e1000 is infinite as a double and 2^-1074 the smallest subnormal: both trapped in the axis code.
        let result = try CLI.run(["plot", "derivations/saxe_logistic.phc", "a", "--at", time])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("beyond what a plot can draw"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func plotValuesBeyondADoubleAreLeftOutAndCounted() throws {
        // E = exp(2 astar t/tau) = exp(4t): e^800 at t = 200 is about 2.7e347 (beyond a double), e^4 at t = 1 is not.
        let result = try CLI.run(["plot", "derivations/saxe_logistic.phc", "E", "--at", "0,1,200", "--digits", "10"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("1 value of magnitude below 1e-300 or above 1e300 left out"), "\(result.stdout.suffix(600))")
        #expect(result.stdout.contains("<svg"))
    }

    @Test func aSubnormalValueIsLeftOutAndCounted() throws {
        // 10^-310 is a subnormal double: padding it by 10% for an axis gave a zero-width axis (a trap).
        let file = try CLI.temporaryFile(named: "tiny.phc", contents: "state u = 1\node u' = 0\nsolution u = 1\nlet tiny = 10^-310*u\n")
        let result = try CLI.run(["plot", file, "tiny", "--at", "0", "--digits", "5"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("1 value of magnitude below 1e-300 or above 1e300 left out"), "\(result.stdout.suffix(600))")
    }

    @Test(arguments: ["1e308", "1e10", "inf"])
    func aTimeBudgetBeyondTheClockIsRefused(seconds: String) throws {
        let result = try CLI.run(["solve", "derivations/saxe_logistic.phc", "--at", "1", "--max-seconds", seconds])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("--max-seconds must be a number of seconds above 0 and at most 1e9"), "\(result.stderr)")
    }
}

/// Issue 18, second round, command lines: an expression that starts with a minus was taken for an option by `diff`
/// ("Missing expected argument '<symbol>'"); it is the expression, as in `eval`. The reference is the same
/// expression in parentheses, which always parsed.
struct HostileCommandLineTests {
    @Test func diffTakesAnExpressionStartingWithAMinus() throws {
        for (expression, parenthesized) in [("-x^2", "(-x^2)"), ("-(-(x*y))", "(-(-(x*y)))")] {
            let result = try CLI.run(["diff", expression, "x", "--simplify"])
            let reference = try CLI.run(["diff", parenthesized, "x", "--simplify"])
            #expect(result.status == 0 && reference.status == 0, "\(result.stderr)")
            #expect(result.stdout == reference.stdout && !result.stdout.isEmpty)
        }
        let mistyped = try CLI.run(["diff", "x^2", "x", "--simplfy"])
        #expect(mistyped.status == 2 && mistyped.stderr.contains("Did you mean '--simplify'?"), "\(mistyped.stderr)")
    }
}

/// Issue 18, class "inputs accepted that should be refused", second round.
struct HostileRefusalTests {
    @Test func aControlCharacterInAStringIsAnErrorAtItsColumn() throws {
        // ESC [2J would clear the reader's terminal when the title is printed; NUL, BEL, DEL likewise act.
        // Second round: U+202E (right-to-left override) turns the rest of the line around on the terminal.
        for (inserted, code) in [([UInt8(0x1B)], "U+001B"), ([0x00], "U+0000"), ([0x07], "U+0007"), ([0x7F], "U+007F"), (Array("\u{202E}".utf8), "U+202E")] {
            let bytes = Array("title \"ab".utf8) + inserted + Array("[2Jc\"\nparam p = 1\nclaim \"x\": identity p == 1\n".utf8)
            let file = try CLI.temporaryFile(named: "control.phc", bytes: bytes)
            let result = try CLI.run(["verify", file])
            #expect(result.status == 2)
            #expect(result.stderr.contains("control.phc:1:10: error: a control character (\(code)) in a string"), "\(result.stderr)")
            let scalar = String(decoding: inserted, as: UTF8.self).unicodeScalars.first!
            #expect(!(result.stdout + result.stderr).unicodeScalars.contains(scalar))
        }
    }

    @Test(arguments: [("gamma=1/0", "is undefined (a domain error such as a division by 0"), ("gamma=sqrt(-1)", "is undefined"), ("gamma=log(0)", "is not finite"),
                      ("gamma=nan", "uses `nan`, which is not a parameter")])
    func aParameterValueThatIsNotARealNumberIsAnInputError(assignment: String, message: String) throws {
        // These used to run, printing 7 values as uncertified (status 1) or blaming --at.
        let result = try CLI.run(["solve", "derivations/saxe_logistic.phc", "--at", "1", "--set", assignment])
        #expect(result.status == 2, "\(result.stdout)")
        #expect(result.stderr.contains("saxe_logistic.phc:6:7: error: --set: `gamma` = "), "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func anErrorOnAVeryLongLineShowsAWindowAroundIt() throws {
        // A stray `)` after 10001 terms: the excerpt printed all 20,000 characters and as many spaces.
        let text = "param x = 1\nclaim \"long\": identity " + String(repeating: "x+", count: 10_000) + "x) == x\n"
        let file = try CLI.temporaryFile(named: "long-line.phc", contents: text)
        let result = try CLI.run(["verify", file])
        #expect(result.status == 2)
        #expect(result.stderr.contains("long-line.phc:2:20025: error:"), "\(result.stderr.prefix(300))")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("  ") }.allSatisfy { $0.count <= 100 }, "\(lines.map(\.count))")
        let shown = try #require(lines.first { $0.hasPrefix("  2 | ...") }), caret = try #require(lines.first { $0.hasSuffix("^") })
        let index = shown.index(shown.startIndex, offsetBy: caret.count - 1)
        #expect(shown[index] == ")", "\(shown)\n\(caret)")
        #expect(shown.hasSuffix("x) == x"))
    }

    @Test func aFixedPointNearAnInfiniteCoordinateFails() throws {
        // x -> x/2 has its fixed point at 0; `near [1/0]` searched a box over the whole line and held. 1/0 has no real
        // value, so no real fixed point is near it: a certain failure, as for `= [1/0]` with or without `digits`.
        let text = "state x = 1\nmap x -> x/2\ndescent steps 10\nclaim \"f\": fixedpoint q near [1/0]\n"
        let file = try CLI.temporaryFile(named: "near-inf.phc", contents: text)
        let result = try CLI.run(["verify", file, "--format", "json"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("\"status\" : \"fails\""), "\(result.stdout)")
        #expect(result.stdout.contains("the stated point q has no real value: division by 0"), "\(result.stdout)")
    }

    @Test func outIntoAPipeOrDeviceIsRefusedAndLeavesItInPlace() throws {
        // The temporary file was renamed over the target: as root, `--out /dev/full` replaced the device.
        let fifo = try CLI.temporaryFile(named: "out-fifo.svg", contents: "")
        unlink(fifo)
        #expect(mkfifo(fifo, 0o644) == 0)
        let result = try CLI.run(["plot", "derivations/saxe_logistic.phc", "a", "--at", "0:1:1/2", "--out", fifo, "--pdf", "never"])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("not a regular file"), "\(result.stderr)")
        var info = stat()
        #expect(stat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
    }

    @Test func initNamesAreCheckedAndNeverEchoedRaw() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("phasecheck-init-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try? FileManager.default.removeItem(at: folder.appendingPathComponent("a\u{1B}[2J\"b.phc"))
        let empty = try CLI.run(["init", ""], in: folder)
        #expect(empty.status == 2)
        #expect(empty.stderr.contains("expected a file name"), "\(empty.stderr)")
        // A name with ESC and a quote: the message shows the ESC escaped, the starter's title drops both.
        let odd = try CLI.run(["init", "a\u{1B}[2J\"b"], in: folder)
        #expect(odd.status == 0, "\(odd.stderr)")
        #expect(!odd.stderr.contains("\u{1B}") && odd.stderr.contains("a\\u{1B}[2J\"b.phc"), "\(odd.stderr)")
        let verify = try CLI.run(["verify", folder.appendingPathComponent("a\u{1B}[2J\"b.phc").path])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stdout.contains("a[2Jb"))
    }

    /// File values that cannot be used are input errors (status 2, file:line:column), not claim errors with
    /// status 1: a scenario value that is not finite, and a noise law with a negative standard deviation.
    @Test(arguments: [
        ("scenario-inf.phc",
         "param k = 1 in (0, inf)\nstate x = 1\node x' = -k*x\nsolution x = x0*exp(-k*t)\nscenario bad: k = 1/0\nclaim \"decays\": value x at t = 1 == exp(-k) under bad\n",
         "scenario-inf.phc:5:10: error: scenario `bad`: `k` = 1/0 is undefined (a domain error such as a division by 0"),
        // Second round: times are sampled from the horizon as a double, and 10^-(10^6) is 0 there.
        ("horizon-tiny.phc",
         "param k = 1 in (0, inf)\nstate x = 1\node x' = -k*x\nhorizon 10^-(10^6)\nclaim \"decays\": value x at t = inf == 0\n",
         "horizon-tiny.phc:4:9: error: the horizon 1.00000e-1000000 is outside the range times are sampled in"),
        ("noise-sd.phc",
         "state x = 0\nnoise xi ~ normal(0, -1)\nmap x -> x + xi\nclaim \"m\": mean of x at step 1 over 10 paths == 0 within 3 standard errors\n",
         "noise-sd.phc:2:7: error: the law of noise `xi` is normal(0, -1); expected a finite mean and a standard deviation >= 0"),
    ])
    func fileValuesThatCannotBeUsedAreInputErrors(name: String, text: String, message: String) throws {
        let file = try CLI.temporaryFile(named: name, contents: text)
        let result = try CLI.run(["verify", file])
        #expect(result.status == 2, "\(result.stdout)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }
}

/// Issue 18, class "work that does not end, or memory that explodes". Times are measured by
/// Benchmarks/hostile_inputs.sh (timed assertions do not belong here); these check the results.
struct HostileWorkTests {
    @Test func aLongChainOfLetsIsCheckedExactly() throws {
        // l_i = l_(i-1) + p with p = 1: l_2999 = 3000 exactly. Each `q0` expansion used to be rewritten
        // from scratch (quadratic); now shared subtrees are rewritten once.
        var lines = ["title \"chain\"", "param p = 1 in (0, inf)", "state u = 1", "ode u' = -u", "horizon 1", "let l0 = p"]
        for i in 1..<3000 { lines.append("let l\(i) = l\(i - 1) + p") }
        lines.append("claim \"the chain sums\": value l2999 at t = 0 == 3000")
        let file = try CLI.temporaryFile(named: "let-chain.phc", contents: lines.joined(separator: "\n") + "\n")
        let result = try CLI.run(["verify", file])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("1 hold"))
    }

    @Test func anExhaustedStepBudgetIsUndecidedAndNamesItsOption() throws {
        // The Kunin file has no closed form: its claims integrate. Three steps cannot reach the horizon.
        let result = try CLI.run(["verify", "derivations/kunin_single_neuron.phc", "--max-steps", "3", "--format", "json"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("\"status\" : \"undecided\""), "\(result.stdout)")
        #expect(result.stdout.contains("raise it with --max-steps"))
        #expect(!result.stdout.contains("\"status\" : \"fails\""))
    }

    @Test func aFixedPointSearchStopsAtItsTimeBudget() throws {
        // Meng-Wang's flow over [-1, 1]^2 needs minutes of subdivision; --max-seconds 1, the safety net a user may
        // set (the default budget is the count of boxes), stops it undecided.
        let result = try CLI.run(["fixedpoints", "derivations/meng_wang_contrastive.phc", "--box", "Q=-1:1,R=-1:1",
                                  "--digits", "10", "--max-seconds", "1"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("stopped by the wall-clock limit of --max-seconds 1.0") && result.stderr.contains("--max-boxes"), "\(result.stderr)")
        let noState = try CLI.temporaryFile(named: "no-state.phc", contents: "param p = 1\nclaim \"p\": identity p == 1\n")
        let empty = try CLI.run(["fixedpoints", noState, "--box", "x=0:1"])
        #expect(empty.status == 2)
        #expect(empty.stderr.contains("the file has no `state`"), "\(empty.stderr)")
    }

    @Test func anExhaustedBitBudgetIsUndecided() throws {
        // 10^9 needs more than 64 bits to tell G's denominator from zero; solve says so rather than guess.
        let result = try CLI.run(["solve", "derivations/xu_ziyin_linear_network.phc", "--at", "10^9", "--max-bits", "64"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("--max-bits"))
    }
}
