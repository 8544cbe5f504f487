import Foundation
import PhasecheckDerivations
import PhasecheckTestSupport
import Testing

/// SVG as an XML parser sees it (python3's xml.etree): the size, each group's id and child count, every
/// text's characters (tspans joined), every circle's centre and every rect's width.
struct ParsedSVG: Decodable {
    let width: Double
    let height: Double
    let groups: [String: Int]
    let texts: [String]
    let circles: [String: [[Double]]]
    let rectWidths: [String: [Double]]

    static let script = """
    import json, sys, xml.etree.ElementTree as ET
    S = '{http://www.w3.org/2000/svg}'
    root = ET.parse(sys.argv[1]).getroot()
    assert root.tag == S + 'svg', root.tag
    groups, circles, widths = {}, {}, {}
    for g in root.iter(S + 'g'):
        groups[g.get('id')] = len(list(g))
        circles[g.get('id')] = [[float(c.get('cx')), float(c.get('cy'))] for c in g.findall(S + 'circle')]
        widths[g.get('id')] = [float(r.get('width')) for r in g.findall(S + 'rect')]
    texts = [''.join(t.itertext()) for t in root.iter(S + 'text')]
    print(json.dumps({'width': float(root.get('width')), 'height': float(root.get('height')), 'groups': groups,
                      'texts': texts, 'circles': circles, 'rectWidths': widths}))
    """

    /// Parses the SVG text with python3; fails the test if it is not well-formed XML.
    static func parse(_ svg: String) throws -> ParsedSVG {
        let path = try CLI.temporaryFile(named: "figure-\(UUID().uuidString).svg", contents: svg)
        let (status, output) = try Python.run(script, [path])
        try #require(status == 0, "not well-formed SVG: \(output)")
        return try JSONDecoder().decode(ParsedSVG.self, from: Data(output.utf8))
    }
}

/// Figures: phase diagrams with display names and small multiples, `plot` (certified values only), PDF
/// beside the SVG; ranges of times and steps; the run record at the top of CSV.
struct FigureTests {
    static let flagship = PhaseCommandTests.flagship
    static let scalarGD = "derivations/gd_scalar_network.phc"
    static let gram = "derivations/large/xu_ziyin_gd_six_gram.phc"
    static let golden = PhaseCommandTests.goldenFolder
    static let hasPython = Python.path != nil

    @Test func displayNamesReadTheirLatex() {
        let names = DisplayNames(["zeta_inf": "\\zeta_\\infty", "feature_learning": "\\text{feature learning}", "abs_zeta": "|\\zeta|",
                                  "c": "\\tfrac{3}{8} d^{-1}"])
        #expect(names.runs(symbol: "zeta_inf") == [TextRun("ζ"), TextRun("∞", .sub)])
        #expect(names.runs(symbol: "sigma_u") == [TextRun("σ"), TextRun("u", .sub)], "by default through LatexPrinter")
        #expect(names.plain(symbol: "e_Gamma") == "e_Γ")
        #expect(names.plain(symbol: "abs_zeta") == "|ζ|")
        #expect(names.plain(symbol: "c") == "3/8 d^-1")
        #expect(names.runs(word: "feature_learning") == [TextRun("feature learning")])
        #expect(names.runs(word: "ultra_rich") == [TextRun("ultra rich")])
        #expect(names.plainIfDeclared(symbol: "alpha") == "alpha" && names.plainIfDeclared(symbol: "zeta_inf") == "ζ_∞")
    }

    // MARK: phase diagrams

    @Test(.enabled(if: hasPython, "python3 is not installed: SVG structure not checked"))
    func phaseDiagramIsWellFormedWithDisplayNamesAndAdaptiveCells() throws {
        let result = try CLI.run(["phase", Self.flagship] + PhaseCommandTests.goldenGrid + ["--format", "svg"])
        #expect(result.status == 0, "\(result.stderr)")
        let svg = try ParsedSVG.parse(result.stdout)
        #expect(svg.groups["cells-1"] == 5 * 4)
        // 5 x 4 cells: the longer side gets 360 px at most 40 per cell.
        #expect(svg.rectWidths["cells-1"]?.allSatisfy { $0 == 40 } == true)
        #expect(svg.texts.contains("α") && svg.texts.contains("bu"), "axis labels as display names: \(svg.texts)")
        #expect(svg.texts.contains { $0.hasPrefix("ζ∞,typ: regions found at") }, "\(svg.texts)")
        #expect(svg.texts.contains("feature learning") && svg.texts.contains("ultra rich"))
        // A finer grid gets smaller cells: 13 values of alpha share the 360 px.
        let fine = try CLI.run(["phase", Self.flagship, "--grid", "alpha=-1:2:1/4,b_u=0:1:1/2", "--fix", "b_w=0", "--fix", "c_u=0", "--format", "svg"])
        #expect(try ParsedSVG.parse(fine.stdout).rectWidths["cells-1"]?.allSatisfy { $0 == 27 } == true)
    }

    @Test(.enabled(if: hasPython, "python3 is not installed: SVG structure not checked"))
    func aThirdVaryingExponentGivesOnePanelPerValue() throws {
        let result = try CLI.run(["phase", Self.flagship, "--grid", "alpha=0:2:1,b_u=0:1:1,b_w=-1:1:1", "--fix", "c_u=0", "--format", "svg"])
        #expect(result.status == 0, "\(result.stderr)")
        let svg = try ParsedSVG.parse(result.stdout)
        #expect((1...3).allSatisfy { svg.groups["cells-\($0)"] == 3 * 2 } && svg.groups["cells-4"] == nil)
        for value in ["-1", "0", "1"] { #expect(svg.texts.contains("bw\u{00A0}= \(value)"), "panel title for b_w = \(value): \(svg.texts)") }
        // Four varying exponents, or too many panels, are refused with the way out.
        let four = try CLI.run(["phase", Self.flagship, "--format", "svg"])
        #expect(four.status == 2 && four.stderr.contains("--fix NAME=VALUE"), "\(four.stderr)")
        let many = try CLI.run(["phase", Self.flagship, "--grid", "alpha=0:1:1,b_u=0:1:1,b_w=-10:10:1/2", "--fix", "c_u=0", "--format", "svg"])
        #expect(many.status == 2 && many.stderr.contains("at most 36 panels"), "\(many.stderr)")
    }

    /// A file's `display` names appear in every report: text and Markdown (Unicode), LaTeX, SVG.
    @Test func declaredDisplayNamesAppearInEveryFormat() throws {
        var text = try String(contentsOf: CLI.packageRoot.appendingPathComponent(Self.flagship), encoding: .utf8)
        text += "display zeta_inf_typ = \"\\zeta_\\infty\"\ndisplay b_u = \"\\beta_{u}\"\ndisplay feature_learning = \"feature learning\"\n"
        let file = try CLI.temporaryFile(named: "flagship-display.phc", contents: text)
        func run(_ command: String, _ format: String) throws -> String {
            let result = try CLI.run([command, file] + (command == "phase" ? PhaseCommandTests.goldenGrid : []) + ["--format", format])
            #expect(result.status == 0, "\(result.stderr)")
            return result.stdout
        }
        #expect(try run("phase", "text").contains("alpha  β_u"), "text header: the declared display, others by name")
        #expect(try run("phase", "markdown").contains("| alpha | β_u |"))
        #expect(try run("phase", "latex").contains("$\\alpha$ & $\\beta_{u}$"))
        #expect(try run("phase", "svg").contains("ζ<tspan dy=\"4\" font-size=\"11\">∞</tspan>"))
        let table = try run("table", "text")
        #expect(table.contains("limit of ζ_∞") && table.contains("feature learning"), "\(table)")
        #expect(try run("table", "latex").contains("\\zeta_\\infty"))
    }

    // MARK: plot

    static let plotArguments = ["plot", scalarGD, "a", "--at", "0:10:1/2", "--steps", "0:10:1", "--method", "integrate", "--digits", "12"]

    @Test func plotMatchesItsGoldenFile() throws {
        let result = try CLI.run(Self.plotArguments)
        #expect(result.status == 0, "\(result.stderr)")
        let expected = try String(contentsOf: Self.golden.appendingPathComponent("plot.svg"), encoding: .utf8)
        #expect(result.stdout == expected, "regenerate with: phasecheck \(Self.plotArguments.joined(separator: " ")) > Tests/CLITests/Golden/plot.svg, then inspect it")
    }

    /// The markers sit at the gradient-descent iterates: a(1) = 559/800 and a(10) = 0.99993803386459598707...
    /// (exact rational iteration in Python's fractions: u, w <- u - eta (uw - 1) w, w - eta (uw - 1) u).
    @Test(.enabled(if: hasPython, "python3 is not installed: SVG structure not checked"))
    func plotMarkersAreTheIterates() throws {
        let result = try CLI.run(Self.plotArguments)
        let svg = try ParsedSVG.parse(result.stdout)
        let markers = try #require(svg.circles["series-2"])
        #expect(markers.count == 11)
        #expect(svg.groups["series-1"] == 1, "the flow is one unbroken line")
        // The y axis runs from 0.5 (bottom) to 1.0 (top) of the 340 px frame that starts at y = 44.
        #expect(svg.texts.contains("0.5") && svg.texts.contains("1.0"))
        func y(_ a: Double) -> Double { ((44 + (1 - (a - 0.5) / 0.5) * 340) * 100).rounded() / 100 }
        #expect(markers[0][1] == y(0.5) && markers[1][1] == y(559.0 / 800) && markers[10][1] == y(0.999938033864595987))
        #expect(abs((markers[1][0] - markers[0][0]) - 56) < 0.011, "one step is a tenth of the 560 px axis")
        #expect(svg.texts.contains { $0.contains("a (iterates)") } && svg.texts.contains { $0.contains("a (flow)") })
    }

    /// y = log(x - 1/4) with x halving from 1: log(3/4), log(1/4), then log(0) and logs of negatives, which
    /// cannot be certified: two markers, three values left out and counted.
    @Test(.enabled(if: hasPython, "python3 is not installed: SVG structure not checked"))
    func plotLeavesOutWhatIsNotCertified() throws {
        let file = try CLI.temporaryFile(named: "halving.phc", contents: "title \"Halving\"\nstate x = 1\nmap x -> x/2\ndescent steps 10\nlet y = log(x - 1/4)\n")
        let result = try CLI.run(["plot", file, "y", "--steps", "0:4:1", "--digits", "10"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("3 values could not be certified to 10 digits and are not drawn"), "\(result.stderr)")
        let svg = try ParsedSVG.parse(result.stdout)
        #expect(svg.circles["series-1"]?.count == 2)
        #expect(svg.texts.contains { $0.contains("3 uncertified values left out") })
    }

    /// GD with eta = 2 escapes 10^30 at step 6 (Python fractions: a(6) = 7.067e72), so step 7 is never
    /// reached: the legend says so, and steps 0..6 are drawn.
    @Test(.enabled(if: hasPython, "python3 is not installed: SVG structure not checked"))
    func plotSaysWhereAnIterationDiverges() throws {
        let result = try CLI.run(["plot", Self.scalarGD, "a", "--steps", "0:20:1", "--scenario", "fast", "--log-y", "--digits", "10"])
        #expect(result.status == 0, "\(result.stderr)")
        let svg = try ParsedSVG.parse(result.stdout)
        #expect(svg.texts.contains("fast, diverges before step 7"), "\(svg.texts)")
        #expect(svg.circles["series-1"]?.count == 7)
        let bad = try CLI.run(["plot", Self.scalarGD, "u", "--steps", "0:2:1", "--log-y", "--y-range", "0:1"])
        #expect(bad.status == 2 && bad.stderr.contains("a log axis needs LOW > 0"), "\(bad.stderr)")
        // A time given as an expression is placed at its value.
        let expression = try CLI.run(["plot", "derivations/saxe_logistic.phc", "a", "--at", "0,tau*log(2),1", "--digits", "8"])
        #expect(expression.status == 0 && !expression.stdout.contains("nan"), "\(expression.stderr)")
        #expect(expression.stdout.components(separatedBy: "<path d=\"M").count == 2 && expression.stdout.components(separatedBy: " L").count == 3)
        let vector = try CLI.run(["plot", Self.flagship, "u", "--at", "0:1:1"])
        #expect(vector.status == 2 && vector.stderr.contains("`u` has 3 components; plot a scalar"), "\(vector.stderr)")
        let unknown = try CLI.run(["plot", Self.scalarGD, "zeta", "--steps", "0:2:1"])
        #expect(unknown.status == 2 && unknown.stderr.contains("`zeta` is not a quantity") && unknown.stderr.contains("u, w, x, a"), "\(unknown.stderr)")
    }

    /// Axes: tiny values factor out their power of ten, a log axis ticks powers of ten, and a value known
    /// only to within more than half a pixel is not drawn (and counted).
    @Test func plotAxesAndResolution() {
        func series(_ ys: [Double], uncertainty: Double = 0) -> LinePlot.Series {
            LinePlot.Series(label: [TextRun("q")], points: ys.enumerated().map { LinePlot.Point(x: Double($0.offset), y: $0.element, uncertainty: uncertainty) },
                            mark: .markers, colour: 0)
        }
        let tiny = LinePlot(title: [], xLabel: [TextRun("t")], yLabel: [TextRun("ζ")], series: [series([1e-5, 2e-5, 3e-5])])
        let svg = tiny.render()
        #expect(svg.contains(">ζ (× 10<tspan dy=\"-5\" font-size=\"11\">−5</tspan>"), "\(svg)")
        #expect(svg.contains(">1.0</text>") && svg.contains(">3.0</text>") && !svg.contains(">3.5</text>"), "ticks 1.0 ... 3.0 in units of 10^-5")
        #expect(svg == tiny.render(), "the same bytes each time")
        let log = LinePlot(title: [], xLabel: [], yLabel: [], logY: true, series: [series([1e-8, 1e-3, 10, -1])]).render()
        #expect(log.contains(">10<tspan dy=\"-4\" font-size=\"9\">−8</tspan></text>") && log.contains(">1</text>"), "\(log)")
        #expect(log.components(separatedBy: "<circle").count - 1 == 3 + 1, "three markers (-1 is not on a log axis) and the legend's")
        // Values from 0 to 1 on 340 px: a pixel is about 1/340; a bound of 0.01 is too wide, 1e-6 is not.
        let wide = LinePlot(title: [], xLabel: [], yLabel: [], series: [series([0, 1]), series([0.5], uncertainty: 0.01), series([0.5], uncertainty: 1e-6)])
        #expect(wide.unresolved == 1)
    }

    /// Every scenario of the Gram-variable file, flow and iterates: a series each, in file order.
    @Test func plotDrawsEveryScenario() throws {
        let result = try CLI.run(["plot", Self.gram, "abs_zeta", "--at", "0:20:5", "--steps", "0:20:5", "--scenario", "all", "--log-y", "--digits", "10"])
        #expect(result.status == 0, "\(result.stderr)")
        for name in ["NTK (flow)", "mean field (iterates)", "Kaiming+ (iterates), diverges before step 10", "Xavier+ (flow)"] {
            #expect(result.stdout.contains(name), "\(name)")
        }
        #expect(result.stdout.contains("<g id=\"series-12\""))
    }

    // MARK: PDF beside the SVG

    @Test func aPDFIsMadeByTheConverterOnThePath() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("phasecheck-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // A stand-in rsvg-convert that writes its arguments where the PDF goes.
        let fake = folder.appendingPathComponent("rsvg-convert")
        try "#!/bin/sh\necho \"$@\" > \"$4\"\n".write(to: fake, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)
        let svg = folder.appendingPathComponent("a.svg").path
        let arguments = ["plot", Self.scalarGD, "a", "--steps", "0:3:1", "--digits", "10", "--out", svg]
        let made = try CLI.run(arguments, environment: ["PATH": folder.path])
        #expect(made.status == 0 && made.stderr.contains("wrote \(folder.path)/a.pdf (rsvg-convert)"), "\(made.stderr)")
        #expect(try String(contentsOfFile: folder.appendingPathComponent("a.pdf").path, encoding: .utf8) == "-f pdf -o \(folder.path)/a.pdf \(svg)\n")
        // No converter: the SVG alone, and how to convert it; `--pdf always` makes that an error.
        let none = try CLI.run(arguments, environment: ["PATH": "/nonexistent"])
        #expect(none.status == 0 && none.stderr.contains("no SVG-to-PDF converter found") && none.stderr.contains("rsvg-convert -f pdf"), "\(none.stderr)")
        let always = try CLI.run(arguments + ["--pdf", "always"], environment: ["PATH": "/nonexistent"])
        #expect(always.status == 2, "\(always.stderr)")
    }

    @Test(.enabled(if: PDFTool.rsvg != nil, "rsvg-convert is not installed: the real conversion is not checked"))
    func theRealConverterWritesAPDF() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("phasecheck-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let svg = folder.appendingPathComponent("phase.svg").path
        let result = try CLI.run(["phase", Self.flagship] + PhaseCommandTests.goldenGrid + ["--format", "svg", "--out", svg, "--pdf", "always"])
        #expect(result.status == 0, "\(result.stderr)")
        let pdf = try Data(contentsOf: folder.appendingPathComponent("phase.pdf"))
        #expect(pdf.starts(with: Array("%PDF".utf8)))
    }

    // MARK: ranges of times and steps

    /// Iterates against exact rational gradient descent (Python fractions, printed with mpmath at 40 digits):
    /// u(5) = 1.190440759401810190238000121326912443933, a(10) = 0.9999380338645959870762052823782134430442.
    @Test func solveStepsGivesTheIterates() throws {
        let result = try CLI.run(["solve", Self.scalarGD, "--steps", "0:10:5", "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = PhaseCommandTests.csvRows(result.stdout)
        #expect(rows.map { $0["step"] } == ["0", "5", "10"])
        #expect(rows[1]["u"] == "1.19044075940181019023800012133" && rows[1]["u_certified"] == "true")
        #expect(rows[2]["a"] == "0.999938033864595987076205282378")
        #expect(rows[2]["x"] == "0.00604661760000000000000000000000", "x(10) = 0.6^10 = 0.0060466176")
        let text = try CLI.run(["solve", Self.scalarGD, "--steps", "6,7", "--scenario", "fast", "--digits", "12"])
        #expect(text.stdout.contains("step = 6\n") && text.stdout.contains("a  7.06738825911e72") && text.stdout.contains("a  diverged"), "\(text.stdout)")
    }

    @Test func solveAtTakesRanges() throws {
        let result = try CLI.run(["solve", "derivations/saxe_logistic.phc", "--at", "0:1:1/4,2", "--digits", "5"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").filter { $0.hasPrefix("t = ") } == ["t = 0", "t = 0.25", "t = 0.5", "t = 0.75", "t = 1", "t = 2"])
    }

    @Test(arguments: [
        (["--at", "0:1:0"], "--at `0:1:0`: STEP must be positive"),
        (["--at", "3:1:1"], "--at `3:1:1`: FROM (3) is after TO (1)"),
        (["--at", "0:1"], "--at `0:1`: expected FROM:TO:STEP"),
        (["--at", "0:x:1"], "--at `0:x:1`: TO `x` is not a number"),
        (["--at", "0:1e9:1e-3"], "asks for 1000000000001 values; at most 100000 per range"),
        (["--at", "0:1000:0.02,0:1000:0.02"], "more than 100000 values in all"),
        (["--steps", "0:10:0.5"], "STEP `0.5` is not an integer"),
        (["--steps", "-5:10:1"], "steps start at 0"),
        (["--steps", "1,,2"], "--steps '1,,2': an empty step"),
        (["--steps", "-1"], "a step is a nonnegative integer"),
        (["--at", "1", "--steps", "1"], "give one of them"),
        ([], "expected --at TIMES (the flow) or --steps STEPS"),
    ])
    func badRangesAreRefusedClearly(arguments: [String], message: String) throws {
        let result = try CLI.run(["solve", Self.scalarGD] + arguments)
        #expect(result.status == 2)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    // MARK: the run record in CSV

    @Test func csvStartsWithTheRunRecordAsComments() throws {
        let arguments = ["solve", Self.scalarGD, "--steps", "0:2:1", "--digits", "12", "--format", "csv"]
        let result = try CLI.run(arguments)
        let hash = SHA256.hex(Array(try Data(contentsOf: CLI.packageRoot.appendingPathComponent(Self.scalarGD))))
        let comments = result.stdout.split(separator: "\n").prefix { $0.hasPrefix("#") }
        #expect(comments == ["# phasecheck version: \(RunRecord.phasecheckVersion)", "# arguments: \(arguments.joined(separator: " "))",
                             "# digits: 12", "# input: \(Self.scalarGD) sha256 \(hash)"])
        #expect(RunRecord.shellQuoted("a b") == "'a b'" && RunRecord.shellQuoted("it's") == "'it'\\''s'" && RunRecord.shellQuoted("0:1:1/4") == "0:1:1/4")
    }

    @Test(.enabled(if: Python.has("pandas"), "python3 with pandas is not installed: CSV not loaded"))
    func pandasReadsTheCSVTypedWithCommentHash() throws {
        let solve = try CLI.run(["solve", Self.scalarGD, "--steps", "0:2:1", "--digits", "12", "--format", "csv"])
        let phase = try CLI.run(["phase", Self.flagship] + PhaseCommandTests.goldenGrid + ["--format", "csv"])
        let solvePath = try CLI.temporaryFile(named: "solve-run.csv", contents: solve.stdout)
        let phasePath = try CLI.temporaryFile(named: "phase-run.csv", contents: phase.stdout)
        let (status, output) = try Python.run("""
        import sys, pandas as pd
        s = pd.read_csv(sys.argv[1], comment='#'); p = pd.read_csv(sys.argv[2], comment='#')
        assert list(s['step']) == [0, 1, 2], s
        assert s['a'].dtype == 'float64' and s['a_certified'].dtype == 'bool', s.dtypes
        assert len(p) == 20 and p['alpha'].dtype == 'float64' and p['agrees'].dtype == 'bool', p.dtypes
        print('ok')
        """, [solvePath, phasePath])
        #expect(status == 0 && output.contains("ok"), "\(output)")
    }

    /// The Gram-variable reduction reaches the vector file's mpmath references (zeta at step 400 under
    /// four parameterizations, the divergence of the Kaiming pair) in three variables, and its integrated
    /// flow settles on the closed-form zeta_inf.
    @Test func theGramFileOfTheFigureHolds() throws {
        let result = try CLI.run(["verify", Self.gram])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("11 claims in 1 file: 11 hold"), "\(result.stdout)")
    }
}

enum PDFTool {
    static let rsvg = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
        .map { $0 + "/rsvg-convert" }.first(where: FileManager.default.isExecutableFile(atPath:))
}
