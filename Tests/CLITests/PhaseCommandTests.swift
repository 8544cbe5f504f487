import Foundation
import PhasecheckDerivations
import PhasecheckExpressions
import PhasecheckNumbers
import PhasecheckTestSupport
import Testing

/// `phasecheck phase` and `phasecheck table` on the flagship (model.md section 5), end to end.
struct PhaseCommandTests {
    static let flagship = "derivations/xu_ziyin_linear_network.phc"
    /// alpha, b_u in [-1, 2] step 1/2, b_w = 0, c_u in {-1, 0, 1} (c_w = 0 from the file): 147 points.
    static let smallGrid = ["--grid", "alpha=-1:2:1/2,b_u=-1:2:1/2,c_u=-1:1:1", "--fix", "b_w=0"]
    /// The golden slice: alpha in [0, 2] and b_u in [-1/2, 1] step 1/2 at b_w = c_u = c_w = 0 (20 points).
    static let goldenGrid = ["--grid", "alpha=0:2:1/2,b_u=-1/2:1:1/2", "--fix", "b_w=0", "--fix", "c_u=0"]
    static let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// The flagship file with some lines replaced.
    static func flagshipVariant(_ name: String, replacing pairs: [(String, String)]) throws -> String {
        var text = try String(contentsOf: CLI.packageRoot.appendingPathComponent(flagship), encoding: .utf8)
        for (old, new) in pairs {
            #expect(text.contains(old), "the flagship no longer contains `\(old)`")
            text = text.replacingOccurrences(of: old, with: new)
        }
        return try CLI.temporaryFile(named: name, contents: text)
    }

    /// RFC 4180 rows (quoted cells may hold commas and doubled quotes) keyed by the header.
    /// CSV without its `#` comment lines (the run record), as `pandas.read_csv(comment="#")` reads it.
    static func withoutComments(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("#") }.joined(separator: "\n")
    }

    static func csvRows(_ text: String) -> [[String: String]] {
        var lines: [[String]] = [], cells: [String] = [], cell = "", quoted = false, previous: Character = " "
        for c in withoutComments(text) {
            if quoted {
                if c == "\"" { quoted = false } else { cell.append(c) }
            } else if c == "\"" {
                if previous == "\"" { cell.append(c) }
                quoted = true
            } else if c == "," {
                cells.append(cell); cell = ""
            } else if c == "\n" {
                cells.append(cell); lines.append(cells); cells = []; cell = ""
            } else {
                cell.append(c)
            }
            previous = c
        }
        guard let header = lines.first else { return [] }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    @Test func theFlagshipSmallGridAgreesEverywhere() throws {
        let result = try CLI.run(["phase", Self.flagship] + Self.smallGrid + ["--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = Self.csvRows(result.stdout)
        #expect(rows.count == 7 * 7 * 3)
        #expect(rows.allSatisfy { $0["agrees"] == "true" })
        #expect(result.stderr.contains("zeta_inf_typ at 147 points: 147 agree, 0 disagree"), "\(result.stderr)")
        // Every regime and every flag value occurs, so the agreement is not vacuous.
        #expect(Set(rows.map { $0["found"]! }) == ["kernel", "feature_learning", "ultra_rich"])
        for flag in ["divergent_output", "ntk_blows_up", "ntk_vanishes"] { #expect(Set(rows.map { $0[flag]! }) == ["true", "false"]) }
        let meanField = try #require(rows.first { $0["alpha_exact"] == "1" && $0["b_u_exact"] == "0" && $0["c_u_exact"] == "0" })
        #expect(meanField["coefficient_closed_form"] == "sqrt(2) - 1")
        // sqrt(2) - 1 = 0.41421356237309504880 (python3 -c "import mpmath; print(mpmath.sqrt(2) - 1)"), 12 digits.
        #expect(meanField["limit"] == "0.414213562373")
        #expect(meanField["e_R_exact"] == "0" && meanField["e_R"] == "0.0")
    }

    /// `region kernel: e_Gamma > 0` misses the kernel points with e_Gamma <= 0 and e_R < 0 (where e.g.
    /// an imbalance e_X != 0 makes R vanish): exactly those must be listed, with exit status 1.
    @Test func aWrongClaimedBoundaryIsCaughtAtExactlyTheRightPoints() throws {
        let path = try Self.flagshipVariant("wrong_boundary.phc", replacing: [("region kernel: e_R < 0", "region kernel: e_Gamma > 0")])
        let csv = try CLI.run(["phase", path] + Self.smallGrid + ["--format", "csv"])
        #expect(csv.status == 1)
        var expected: Set<String> = []
        for a in stride(from: -2, through: 4, by: 1) { for b in stride(from: -2, through: 4, by: 1) { for c in -1...1 {
            let alpha = BigRational(a, 2), bu = BigRational(b, 2), cu = BigRational(c)
            let eGamma = 1 - alpha - bu, eX = cu + 2 * bu
            let eR = -2 * eGamma - eX.magnitude
            if eGamma.sign <= 0 && eR.sign < 0 { expected.insert("\(alpha) \(bu) \(cu)") }
        } } }
        #expect(expected.count > 5)
        let disagreeing = Self.csvRows(csv.stdout).filter { $0["agrees"] == "false" }
        #expect(Set(disagreeing.map { "\($0["alpha_exact"]!) \($0["b_u_exact"]!) \($0["c_u_exact"]!)" }) == expected)
        #expect(disagreeing.allSatisfy { $0["problem"] == "no claimed region holds, found kernel" })
        let text = try CLI.run(["phase", path] + Self.smallGrid)
        #expect(text.status == 1)
        #expect(text.stdout.contains("\(147 - expected.count) agree, \(expected.count) disagree"))
        let listed = text.stdout.components(separatedBy: "disagreements:\n").last!.split(separator: "\n")
        #expect(listed.count == expected.count)
        #expect(listed.contains { $0.contains("alpha=1 b_u=0 c_u=-1 c_w=0 b_w=0: no claimed region holds, found kernel") })
    }

    /// With numeric confirmation at a sample of each cell (the default), the claimed regions are still
    /// decided at every point: `region kernel: e_R < -1` is wrong at the kernel points with
    /// -1 <= e_R < 0, inside cells of the exact analysis, and exactly those are listed, also where the
    /// point was not evaluated numerically (`measured_exponent` is empty); `--confirm all` lists the same points.
    @Test func aClaimWrongInsideCellsIsCaughtAtEveryPoint() throws {
        let path = try Self.flagshipVariant("wrong_inside.phc", replacing: [("region kernel: e_R < 0", "region kernel: e_R < -1")])
        var expected: Set<String> = []
        for a in stride(from: -2, through: 4, by: 1) { for b in stride(from: -2, through: 4, by: 1) { for c in -1...1 {
            let alpha = BigRational(a, 2), bu = BigRational(b, 2), cu = BigRational(c)
            let eGamma = 1 - alpha - bu, eX = cu + 2 * bu
            let eR = -2 * eGamma - eX.magnitude
            if eR.sign < 0 && !(eR < BigRational(-1)) { expected.insert("\(alpha) \(bu) \(cu)") }
        } } }
        #expect(expected.count > 5)
        var listed: [Set<String>] = []
        for confirm in ["sample", "all"] {
            let result = try CLI.run(["phase", path] + Self.smallGrid + ["--format", "csv", "--confirm", confirm])
            #expect(result.status == 1)
            let disagreeing = Self.csvRows(result.stdout).filter { $0["agrees"] == "false" }
            #expect(disagreeing.allSatisfy { $0["problem"] == "no claimed region holds, found kernel" })
            listed.append(Set(disagreeing.map { "\($0["alpha_exact"]!) \($0["b_u_exact"]!) \($0["c_u_exact"]!)" }))
            if confirm == "sample" { #expect(disagreeing.contains { $0["measured_exponent"] == "" }) }
        }
        #expect(listed == [expected, expected])
    }

    @Test func aWrongFlagConditionIsCaught() throws {
        let path = try Self.flagshipVariant("wrong_flag.phc", replacing: [("a0_typ diverging when e_f > 0", "a0_typ diverging when e_f >= 0")])
        let result = try CLI.run(["phase", path] + Self.smallGrid + ["--format", "json"])
        #expect(result.status == 1)
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.split(separator: "\n").last!.utf8)) as? [String: Any])
        let disagreements = try #require(summary["disagreements"] as? [[String: Any]])
        #expect(!disagreements.isEmpty)
        for d in disagreements {
            let point = try #require(d["point"] as? [String: String])
            let eF = 1 - BigRational(point["alpha"]!)! - BigRational(point["b_u"]!)! - BigRational(1, 2)
            #expect(eF.isZero, "\(point)")
            #expect((d["problems"] as? [String]) == ["flag divergent_output not raised (a0_typ bounded), claimed raised"])
        }
    }

    @Test func shardsConcatenateToTheUnshardedOutput() throws {
        for format in ["csv", "json"] {
            let whole = try CLI.run(["phase", Self.flagship] + Self.smallGrid + ["--format", format, "--jobs", "2"])
            var parts = ""
            for i in 1...4 {
                let part = try CLI.run(["phase", Self.flagship] + Self.smallGrid + ["--format", format, "--shard", "\(i)/4", "--jobs", "1"])
                #expect(part.status == 0)
                parts += part.stdout
            }
            // JSON Lines: every shard ends with its own summary object; the point lines must match.
            // CSV: only shard 1 has the header and the run record (#, with its own --shard argument).
            func points(_ s: String) -> [Substring] { s.split(separator: "\n").filter { format == "csv" ? !$0.hasPrefix("#") : $0.contains("\"type\":\"point\"") } }
            #expect(points(parts) == points(whole.stdout))
            if format == "csv" { #expect(parts.hasPrefix("# phasecheck version: ") && parts.components(separatedBy: "# arguments:").count == 2) }
            #expect(points(whole.stdout).count == 147 + (format == "csv" ? 1 : 0))
        }
    }

    @Test func shardsPartitionTheGrid() throws {
        var section = WidthLimitSection()
        section.grid = try DerivationSyntax.parseGrid("x = 0:6:1, y = 0:2:1")
        let grid = PhaseGrid(section: section)
        #expect(grid.count == 21)
        for parts in [1, 2, 4, 5, 21, 40] {
            let ranges = (1...parts).map { grid.shard($0, of: parts) }
            #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == 21)
            #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
            #expect(ranges.map(\.count).max()! - ranges.map(\.count).min()! <= 1)
        }
        #expect(grid.coordinates(at: 4) == [1, 1], "the last axis varies fastest")
    }

    @Test(arguments: [("markdown", "phase.md"), ("latex", "phase.tex"), ("csv", "phase.csv"), ("svg", "phase.svg")])
    func outputsMatchTheirGoldenFiles(format: String, golden: String) throws {
        let result = try CLI.run(["phase", Self.flagship] + Self.goldenGrid + ["--format", format])
        #expect(result.status == 0, "\(result.stderr)")
        let expected = try String(contentsOf: Self.goldenFolder.appendingPathComponent(golden), encoding: .utf8)
        // The CSV's run record (# lines) holds the flagship's hash, which any edit of it changes: the golden file has the data only.
        #expect(Self.withoutComments(result.stdout) == expected, "regenerate with: phasecheck phase \(Self.flagship) \(Self.goldenGrid.joined(separator: " ")) --format \(format) | grep -v '^#' > Tests/CLITests/Golden/\(golden), then inspect it")
    }

    /// The LaTeX limit table as it goes into a paper: cells through the LaTeX printer (`d^{-1/2}`,
    /// `\tfrac{3}{8} d^{-1}`), names as words, the confirmation as a note.
    @Test func theLatexLimitTableMatchesItsGoldenFile() throws {
        let result = try CLI.run(["table", Self.flagship, "--format", "latex"])
        #expect(result.status == 0, "\(result.stderr)")
        let expected = try String(contentsOf: Self.goldenFolder.appendingPathComponent("table.tex"), encoding: .utf8)
        #expect(result.stdout == expected, "regenerate with: phasecheck table \(Self.flagship) --format latex > Tests/CLITests/Golden/table.tex, then inspect it")
    }

    /// `diff --latex` prints a derivative as a paper writes it; numerals and exact values in table cells go
    /// through the same printer (a measured exponent's minus is a minus sign; what stopped a measurement is text).
    @Test func latexFormsOfDerivativesAndCells() throws {
        let result = try CLI.run(["diff", "exp(-k*t)", "t", "--simplify", "--latex"])
        #expect(result.status == 0 && result.stdout == "-k e^{-k t}\n", "\(result.stdout)\(result.stderr)")
        #expect(TableCell(numeral: "-2.000000").latex == "$-2.000000$")
        #expect(TableCell(numeral: "1.5e-7").latex == "$1.5 \\times 10^{-7}$")
        #expect(TableCell(numeral: "value 0").latex == nil && TableCell(numeral: "nan").latex == nil)
        #expect(TableCell(math: BigRational(-1, 2)).latex == "$-1/2$")
        #expect(TableCell(math: Expr.number(BigRational(1, 20))).latex == "$0.05$", "a file's decimals stay as written")
    }

    /// `display` statements replace the default typesetting of a symbol (math) and of a word (text);
    /// a second display name for the same name is an input error at its place.
    @Test func displayNamesReachTheLatexTable() throws {
        let flagshipText = try #require(Fixtures.text(Self.flagship))
        let path = try CLI.temporaryFile(named: "display.phc", contents: flagshipText
            + "display zeta_inf_typ = \"\\zeta_\\infty\"\ndisplay feature_learning = \"feature learning (FL)\"\ndisplay sigma_u = \"s_u\"\n")
        let result = try CLI.run(["table", path, "--format", "latex"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("$\\lim\\limits_{d \\to \\infty} \\zeta_\\infty$"), "\(result.stdout)")
        #expect(result.stdout.contains("& feature learning (FL) &"))
        #expect(result.stdout.contains("& $s_u$ &") && result.stdout.contains("& $\\sigma_{w}$ &"))
        #expect(try CLI.run(["table", path, "--format", "csv"]).stdout.contains("feature_learning"))
        let twice = try CLI.temporaryFile(named: "display-twice.phc", contents: flagshipText + "display gamma = \"g\"\ndisplay gamma = \"h\"\n")
        let error = try CLI.run(["table", twice, "--format", "latex"])
        #expect(error.status == 2)
        #expect(error.stderr.contains("display-twice.phc:") && error.stderr.contains("`gamma` already has a display name"), "\(error.stderr)")
    }

    @Test func theLimitTableReproducesSection5() throws {
        let result = try CLI.run(["table", Self.flagship, "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = Dictionary(uniqueKeysWithValues: Self.csvRows(result.stdout).map { ($0["parameterization"]!, $0) })
        // The CSV is data: no `-` or `none` placeholders (empty cells), the confirmation a boolean with its detail.
        let expected: [(String, String, String, String, String)] = [
            ("NTK", "0", "3/8 d^-1", "kernel", ""),
            ("mean_field", "sqrt(2) - 1", "", "feature_learning", ""),
            ("standard", "0", "3/2 d^-2", "kernel", ""),
            ("kaiming_plus", "sqrt(5) - 1", "", "feature_learning", ""),
            ("xavier", "sqrt(5/4) - 1", "", "feature_learning", ""),
            ("xavier_large", "0", "-1/8 d^-1", "kernel", "divergent_output"),
        ]
        #expect(rows.count == expected.count)
        for (name, limit, order, regime, flags) in expected {
            let row = try #require(rows[name])
            #expect(row["limit_exact"] == limit, "\(name)")
            #expect(row["order"] == order, "\(name)")
            #expect(row["regime"] == regime, "\(name)")
            #expect(row["flags"] == flags, "\(name)")
            #expect(row["confirmed"] == "true" && row["confirmation"]?.hasPrefix("yes (d = 10^") == true, "\(name): \(row["confirmation"] ?? "")")
        }
    }

    @Test func inputErrorsExitWith2AndSayWhere() throws {
        let badGrid = try CLI.run(["phase", Self.flagship, "--grid", "alpha=-1:2,b_u=0:1:1"])
        #expect(badGrid.status == 2)
        #expect(badGrid.stderr.contains("--grid alpha=-1:2,b_u=0:1:1: column 11"), "\(badGrid.stderr)")
        let unknown = try CLI.run(["phase", Self.flagship, "--fix", "beta=0"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("`beta` is not an exponent symbol"), "\(unknown.stderr)")
        let svg = try CLI.run(["phase", Self.flagship, "--format", "svg"])
        #expect(svg.status == 2)
        #expect(svg.stderr.contains("two exponents with more than one value (or three, drawn as one panel per value of the third), found 4"), "\(svg.stderr)")
        #expect(try CLI.run(["phase", Self.flagship, "--shard", "5/4"]).status == 2)
        #expect(try CLI.run(["phase", Self.flagship, "--format", "yaml"]).status == 2)
        #expect(try CLI.run(["table", Self.flagship, "--format", "json"]).status == 2)
        #expect(try CLI.run(["phase", Self.flagship, "--confirm", "some"]).status == 2)
        // Issue 18: values and point counts beyond 64-bit integers are refused, not trapped on.
        let huge = try CLI.run(["phase", Self.flagship, "--fix", "c_w=1e1000"] + Self.smallGrid)
        #expect(huge.status == 2)
        #expect(huge.stderr.contains("within 64-bit integers"), "\(huge.stderr)")
        let axis = "0:1:1/9000"
        let tooMany = try CLI.run(["phase", Self.flagship, "--grid", ["alpha", "b_u", "b_w", "c_u", "c_w"].map { "\($0)=\(axis)" }.joined(separator: ",")])
        #expect(tooMany.status == 2)
        #expect(tooMany.stderr.contains("more points than a 64-bit integer counts"), "\(tooMany.stderr)")
    }

    @Test func outWritesTheFileWhole() throws {
        let path = try CLI.temporaryFile(named: "phase-out.csv", contents: "old contents\n")
        let result = try CLI.run(["phase", Self.flagship] + Self.goldenGrid + ["--format", "csv", "--out", path])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("20 agree, 0 disagree"))
        let written = try String(contentsOfFile: path, encoding: .utf8)
        // The same data as the golden file; the run record differs by the --out argument.
        let golden = try String(contentsOf: Self.goldenFolder.appendingPathComponent("phase.csv"), encoding: .utf8)
        #expect(Self.withoutComments(written) == golden)
        #expect(written.contains("# arguments: phase \(Self.flagship) ") && written.contains("--out \(path)"))
        let folder = (path as NSString).deletingLastPathComponent
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).allSatisfy { !$0.hasSuffix(".tmp") })
    }
}
