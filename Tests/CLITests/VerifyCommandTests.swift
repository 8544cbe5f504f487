import Foundation
import PhasecheckTestSupport
import Testing

/// End-to-end: the main job on the bundled derivations, and the exit statuses of the documented contract.
struct VerifyCommandTests {
    /// Also checks the digits Meng-Wang's M9 reports for the threshold tau_c against the mpmath value
    /// 0.5024462938754014119415994209825572738876 (Tests/DerivationsTests/Fixtures/meng_wang_threshold.mpmath.py,
    /// another route: the root of the growth rate on the axis, no integration).
    @Test(arguments: [30, 100])
    func everyBundledClaimHolds(digits: Int) throws {
        let result = try CLI.run(["verify", "--digits", String(digits), "--format", "json"])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let claims = try #require(document["files"] as? [[String: Any]]).flatMap { ($0["claims"] as? [[String: Any]]) ?? [] }
        #expect(claims.count > 200)
        for claim in claims where claim["status"] as? String != "holds" {
            Issue.record("\(claim["location"] ?? "?") \(claim["name"] ?? "?"): \(claim["status"] ?? "?") \(claim["detail"] ?? "")")
        }
        let m9 = try #require(claims.first { ($0["name"] as? String)?.hasPrefix("M9:") == true })
        let reported = try #require((m9["compared"] as? [String: String])?["sign change at"])
        #expect(reported.count >= 24, "\(reported)")
        #expect(reported == Self.rounded("0.5024462938754014119415994209825572738876", toLength: reported.count), "\(reported)")
    }

    /// A decimal string `0.ddd...` (no carry past the leading digit) rounded to `length` characters.
    static func rounded(_ decimal: String, toLength length: Int) -> String {
        var digits = Array(decimal.prefix(length))
        guard decimal.count > length, let next = decimal.dropFirst(length).first?.wholeNumberValue, next >= 5 else { return String(digits) }
        var i = digits.count - 1
        while digits[i] == "9" { digits[i] = "0"; i -= 1 }
        digits[i] = Character(String(digits[i].wholeNumberValue! + 1))
        return String(digits)
    }

    /// Files given together run in one pool of threads; each file's report (JSON, and the text report's lines
    /// without the seconds column) is the one it gets alone, in the order the files were given, with region
    /// lines after their file's claims and a file that cannot be read reported without stopping the others.
    @Test func filesCheckedTogetherReportAsEachAlone() throws {
        let files = ["Tests/DerivationsTests/Fixtures/i09_region.phc", "no/such/file.phc", "derivations/saxe_logistic.phc"]
        let together = try CLI.run(["verify"] + files + ["--format", "json"])
        #expect(together.status == 2, "\(together.stderr)")
        #expect(together.stderr.contains("no/such/file.phc"), "\(together.stderr)")
        func fileReports(_ result: CLI.Result) throws -> [NSDictionary] {
            let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            return try #require(document["files"] as? [NSDictionary])
        }
        let alone = try [files[0], files[2]].map { try fileReports(CLI.run(["verify", $0, "--format", "json"])) }
        #expect(try fileReports(together) == alone.flatMap { $0 })
        let regions = try #require(alone[0].first?["claims"] as? [[String: Any]]).filter { $0["kind"] as? String == "region" }
        #expect(regions.count == 3)

        let withoutSeconds = { (text: String) in
            text.split(separator: "\n").dropLast().map { $0.replacingOccurrences(of: #" +[0-9.]+ s( |$)"#, with: " ", options: .regularExpression) }
        }
        let textTogether = try CLI.run(["verify"] + files)
        let textAlone = try [files[0], files[2]].map { try CLI.run(["verify", $0]).stdout }
        #expect(withoutSeconds(textTogether.stdout) == textAlone.flatMap(withoutSeconds))
        #expect(textTogether.stdout.split(separator: "\n").last?.contains("1 file not read") == true, "\(textTogether.stdout)")
    }

    @Test func aPlantedErrorExitsWith1AndNamesTheCounterexample() throws {
        let text = try String(contentsOf: CLI.packageRoot.appendingPathComponent("derivations/saxe_logistic.phc"), encoding: .utf8)
            .replacingOccurrences(of: "let sigmoid = astar*E/(E - 1 + astar/a0)", with: "let sigmoid = astar*E/(E + 1 + astar/a0)")
        let path = try CLI.temporaryFile(named: "planted.phc", contents: text)
        let result = try CLI.run(["verify", path, "--format", "json"])
        #expect(result.status == 1)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let files = try #require(document["files"] as? [[String: Any]])
        let claims = try #require(files.first?["claims"] as? [[String: Any]])
        let solves = try #require(claims.first { ($0["name"] as? String) == "the sigmoid solves the gradient flow" })
        #expect(solves["status"] as? String == "fails")
        let worst = try #require(solves["worstCase"] as? [String: String])
        #expect(worst["t"] != nil || worst["check"] == "initial value", "\(worst)")
    }

    /// A width-limit section whose claims are its `region` lines alone is verified (issue 10 item 9); a wrong
    /// region fails (Yang and Hu's abc-parameterization, Tests/DerivationsTests/Fixtures/u11_abc_linear.phc).
    @Test func aFileOfRegionsAloneIsVerified() throws {
        let fixture = CLI.packageRoot.appendingPathComponent("Tests/DerivationsTests/Fixtures/u11_abc_linear.phc")
        let regions = try String(contentsOf: fixture, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("claim") }.joined(separator: "\n")
        let right = try CLI.run(["verify", try CLI.temporaryFile(named: "regions.phc", contents: regions)])
        #expect(right.status == 0, "\(right.stdout)\n\(right.stderr)")
        #expect(right.stdout.contains("3 claims in 1 file: 3 hold"), "\(right.stdout)")
        let planted = regions.replacingOccurrences(of: "region kernel: e_dh < 0", with: "region kernel: e_dh <= 0")
        let wrong = try CLI.run(["verify", try CLI.temporaryFile(named: "regions_planted.phc", contents: planted)])
        #expect(wrong.status == 1, "\(wrong.stdout)\n\(wrong.stderr)")
        #expect(wrong.stdout.contains("FAILS") && wrong.stdout.contains("region kernel: e_dh <= 0"), "\(wrong.stdout)")
    }

    @Test func malformedFilesExitWith2AndFileLineColumn() throws {
        let path = try CLI.temporaryFile(named: "malformed.phc", contents: "width d = 2\nparam k = 1\nstate x[d] = [1, 2]\node x' = -k*y\n")
        let result = try CLI.run(["verify", path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("malformed.phc:4:13: error: unknown symbol `y`"), "\(result.stderr)")
    }

    @Test func missingFilesAndBadOptionsAreInputErrors() throws {
        #expect(try CLI.run(["verify", "no/such/file.phc"]).status == 2)
        #expect(try CLI.run(["verify", "--format", "yaml"]).status == 2)
        #expect(try CLI.run(["verify", "--no-such-flag"]).status == 2)
    }

    @Test func badOverridesAreInputErrors() throws {
        for (assignment, fragment) in [("gamma=abc", "uses `abc`, which is not a parameter or the width"), ("nope=1", "cannot set `nope`"),
                                       ("gamma=-1", "outside its domain"), ("gamma=1 +", "column 4")] {
            let result = try CLI.run(["verify", "derivations/saxe_logistic.phc", "--set", assignment])
            #expect(result.status == 2, "\(assignment)")
            #expect(result.stderr.contains(fragment), "\(assignment): \(result.stderr)")
        }
    }

    @Test func markdownReportHasOneRowPerClaim() throws {
        let result = try CLI.run(["verify", "derivations/saxe_logistic.phc", "--format", "markdown"])
        #expect(result.status == 0)
        let rows = result.stdout.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| claim") }
        #expect(rows.count == 7)
    }

    @Test func setOverridesTheInitialValues() throws {
        // Case B of model.md section 8 through --set instead of the file's scenario.
        let result = try CLI.run(["solve", "derivations/xu_ziyin_linear_network.phc", "--at", "1", "--digits", "20",
                                  "--set", "d=2", "--set", "u0=[3,1]", "--set", "w0=[2,1]", "--set", "gamma=1", "--set", "astar=-1",
                                  "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").filter { !$0.hasPrefix("#") }
        let header = lines[0].split(separator: ",").map(String.init)
        let row = lines[1].split(separator: ",").map(String.init)
        let a = try #require(header.firstIndex(of: "a"))
        // model.md section 8, case B: a(1) = -0.9806612714327920927785228 (25 digits shown there).
        #expect(row[a] == "-0.98066127143279209278")
    }
}

struct SolveCommandTests {
    @Test func bothMethodsAgreeAndNameTheMechanism() throws {
        let result = try CLI.run(["solve", "derivations/xu_ziyin_linear_network.phc", "--at", "0.25,5", "--method", "both", "--digits", "25"])
        #expect(result.status == 0, "\(result.stderr)")
        // Case A: the kernel shrinks first (a < 0, disalignment), then grows (alignment).
        let mechanisms = result.stdout.split(separator: "\n").filter { $0.contains("mechanism:") }
        #expect(mechanisms.count == 2)
        #expect(mechanisms[0].contains("disalignment"))
        #expect(mechanisms[1].contains("alignment") && !mechanisms[1].contains("disalignment"))
        // Closed form and integration agree to at least the digits asked for on every quantity.
        let agreements = result.stdout.split(separator: "\n").compactMap { line -> Int? in
            guard let r = line.range(of: "integration: ") else { return nil }
            return Int(line[r.upperBound...].prefix { $0.isNumber })
        }
        #expect(!agreements.isEmpty)
        #expect(agreements.allSatisfy { $0 >= 25 }, "\(agreements)")
    }

    @Test func integrateOnlyWorksWithoutAClosedForm() throws {
        let closed = try CLI.run(["solve", "derivations/kunin_single_neuron.phc", "--at", "1"])
        #expect(closed.status == 2)
        #expect(closed.stderr.contains("--method integrate"))
        let integrated = try CLI.run(["solve", "derivations/kunin_single_neuron.phc", "--at", "1", "--method", "integrate", "--format", "json"])
        #expect(integrated.status == 0)
        #expect(integrated.stdout.contains("\"name\" : \"nu\""))
    }
}

struct RegionsCommandTests {
    @Test func statesTheDerivedRegionsOfSection5() throws {
        let result = try CLI.run(["regions", "derivations/xu_ziyin_linear_network.phc", "--only", "Gamma,a0_typ"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        // model.md section 5: e_Gamma = 1 - alpha - b_u - b_w and e_f = e_Gamma - 1/2.
        #expect(lines.contains("Gamma ~ d^(1 - alpha - b_u - b_w)"))
        #expect(lines.contains("  -> 0         where 1 < alpha + b_u + b_w"))
        #expect(lines.contains("a0_typ ~ d^(1/2 - alpha - b_u - b_w)"))
        #expect(lines.contains("  -> infinity  where 1/2 > alpha + b_u + b_w"))
    }

    @Test func unknownQuantitiesAreInputErrors() throws {
        let result = try CLI.run(["regions", "derivations/xu_ziyin_linear_network.phc", "--only", "nope"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("not an asymptotic quantity"))
    }
}
