import Foundation
import PhasecheckDerivations
import PhasecheckNumbers
import PhasecheckTestSupport
import Testing

/// Python 3 with a module, for the tests that check outputs with the tools users load them with; those
/// tests are skipped (with this reason) where it is missing.
enum Python {
    static func has(_ module: String) -> Bool {
        guard let python = path else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", "import \(module)"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    /// The first `python3` on PATH.
    static let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
        .map { $0 + "/python3" }.first(where: FileManager.default.isExecutableFile(atPath:))

    /// Runs a script with arguments; returns its status and combined output.
    static func run(_ script: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(path))
        process.arguments = ["-c", script] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

struct SHA256Tests {
    /// References from `python3 -c "import hashlib; print(hashlib.sha256(B).hexdigest())"`; the 1000-byte
    /// message spans several blocks and a padding block of its own.
    @Test func matchesHashlib() {
        #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let bytes = (0..<1000).map { UInt8(($0 * 7 + 3) % 256) }  // bytes((i*7+3)%256 for i in range(1000))
        #expect(SHA256.hex(bytes) == "1e9bc38cbf860b9ec31918b065f9b52476c549a782e0e7990bed8ce3868d2371")
    }
}

/// CSV that loads typed, JSON of one shape, and runs that reproduce byte for byte.
struct DataOutputTests {
    static let flagship = PhaseCommandTests.flagship
    static let smallSlice = ["--grid", "alpha=-1/3:1:1/3,b_u=-1/2:1/2:1/2", "--fix", "b_w=0", "--fix", "c_u=0"]

    /// The type every cell of a column has: number (a float or empty), boolean (true/false or empty), or text.
    static func columnTypes(_ rows: [[String: String]]) -> [String: String] {
        var types: [String: String] = [:]
        for column in rows.first?.keys ?? [:].keys {
            let cells = rows.map { $0[column]! }.filter { !$0.isEmpty }
            types[column] = cells.allSatisfy { Double($0) != nil } ? "number"
                : cells.allSatisfy { $0 == "true" || $0 == "false" } ? "boolean" : "text"
        }
        return types
    }

    @Test func solveCSVHoldsNumbersAndCertaintyColumns() throws {
        let result = try CLI.run(["solve", "derivations/xu_ziyin_linear_network.phc", "--at", "0.25,5", "--method", "both", "--digits", "20", "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = PhaseCommandTests.csvRows(result.stdout)
        #expect(rows.count == 2)
        for (column, type) in Self.columnTypes(rows) {
            let expected = column == "mechanism" ? "text" : column.hasSuffix("_certified") ? "boolean" : "number"
            #expect(type == expected, "\(column)")
        }
        // Every value column has its certainty beside it.
        let values = rows[0].keys.filter { !$0.hasSuffix("_certified") && !$0.hasSuffix("_agreement_digits") && $0 != "t" && $0 != "mechanism" }
        #expect(!values.isEmpty && values.allSatisfy { rows[0][$0 + "_certified"] != nil })
        #expect(!result.stdout.contains("~"))
    }

    @Test func phaseCSVHoldsNumbersBooleansAndExactRationals() throws {
        let result = try CLI.run(["phase", Self.flagship] + Self.smallSlice + ["--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = PhaseCommandTests.csvRows(result.stdout)
        #expect(rows.count == 5 * 3)
        let text: Set<String> = ["claimed", "found", "problem", "coefficient_closed_form"]
        let booleans: Set<String> = ["divergent_output", "ntk_blows_up", "ntk_vanishes", "agrees"]
        for (column, type) in Self.columnTypes(rows) where !column.hasSuffix("_exact") && !text.contains(column) {
            #expect(type == (booleans.contains(column) ? "boolean" : "number"), "\(column): \(type)")
        }
        // Each decimal is the double nearest its exact rational (-1/3 included).
        for row in rows {
            for name in ["alpha", "b_u", "e_Gamma", "e_f", "exponent"] where !(row[name] ?? "").isEmpty {
                let exact = try #require(BigRational(row[name + "_exact"]!), "\(name)")
                #expect(Double(row[name]!) == exact.doubleValue, "\(name) \(row[name]!) vs \(exact)")
            }
        }
        #expect(rows.contains { $0["alpha_exact"] == "-1/3" && $0["alpha"] == "-0.3333333333333333" })
    }

    /// A sweep over ordinary parameters writes its CSV as a width-exponent sweep does: the run record, each
    /// axis as a decimal and its exact rational, E as a number with its certainty beside it, booleans as
    /// true/false, and phases as text; with --stability the located point is text.
    @Test func parameterPhaseCSVHoldsNumbersBooleansAndTheRunRecord() throws {
        let result = try ParameterPhaseTests.run("eps=1/3:1:1/3,eta_a=2:2:1", format: "csv")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("# phasecheck version: \(RunRecord.phasecheckVersion)\n# arguments: phase \(ParameterPhaseTests.kunin) "))
        #expect(result.stdout.contains("\n# digits: 20\n# input: \(ParameterPhaseTests.kunin) sha256 "))
        let rows = PhaseCommandTests.csvRows(result.stdout)
        #expect(rows.count == 3)
        let expected = ["eps": "number", "eta_a": "number", "value": "number", "value_certified": "boolean", "agrees": "boolean",
                        "found": "text", "claimed": "text"]
        for (column, type) in Self.columnTypes(rows) where column != "problem" && !column.hasSuffix("_exact") {
            #expect(type == expected[column], "\(column): \(type)")
        }
        #expect(rows.map { $0["eps_exact"] } == ["1/3", "2/3", "1"] && rows[0]["eps"] == String((1.0 / 3.0)))
        #expect(rows.allSatisfy { $0["value_certified"] == "true" && $0["agrees"] == "true" })
        // E's digits are those the JSON reports (the same evaluation).
        let json = try ParameterPhaseTests.run("eps=1/3:1:1/3,eta_a=2:2:1")
        let values = try json.stdout.split(separator: "\n").compactMap { line in
            try (JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["value"] as? String
        }
        #expect(values == rows.map { $0["value"]! })

        let coupled = try CLI.temporaryFile(named: "coupled-csv.phc", contents: ParameterPhaseTests.coupled + "\n")
        let stability = try CLI.run(["phase", coupled, "--stability", "origin", "--grid", "a=-2:-1:1,b=-2:-2:1", "--format", "csv"])
        let points = PhaseCommandTests.csvRows(stability.stdout)
        #expect(points.count == 2 && points.allSatisfy { $0["found"] == "stable" && $0["point"]?.hasPrefix("x = ") == true }, "\(stability.stdout)")
        #expect(points.first?["value"] == nil)
    }

    /// `table --format csv`: the limit as a number beside its exact value, the confirmation as a boolean,
    /// after the run record. Limits by hand (WidthLimitTests): sqrt(2) - 1 (mean field), sqrt(5) - 1
    /// (kaiming plus), sqrt(5/4) - 1 (xavier); the others vanish.
    @Test func tableCSVHoldsTheLimitAsANumberAndTheConfirmationAsABoolean() throws {
        let result = try CLI.run(["table", Self.flagship, "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("# phasecheck version: \(RunRecord.phasecheckVersion)\n# arguments: table \(Self.flagship) --format csv\n# input: "))
        let rows = PhaseCommandTests.csvRows(result.stdout)
        let types = Self.columnTypes(rows)
        #expect(types["limit"] == "number" && types["confirmed"] == "boolean", "\(types)")
        let limits = Dictionary(uniqueKeysWithValues: rows.map { ($0["parameterization"]!, Double($0["limit"]!)!) })
        let byHand = ["NTK": 0, "mean_field": 2.0.squareRoot() - 1, "standard": 0, "kaiming_plus": 5.0.squareRoot() - 1,
                      "xavier": 1.25.squareRoot() - 1, "xavier_large": 0]
        for (name, value) in byHand {
            #expect(abs(limits[name]! - value) <= 1e-11 * max(1, abs(value)), "\(name): \(limits[name]!) vs \(value)")
        }
        #expect(rows.first { $0["parameterization"] == "mean_field" }?["limit_exact"] == "sqrt(2) - 1")
        #expect(rows.allSatisfy { $0["confirmed"] == "true" })
        #expect(rows.first { $0["parameterization"] == "xavier_large" }?["flags"] == "divergent_output")
    }

    /// Every JSON output starts from the same run record; two identical runs write identical bytes, and
    /// seconds appear only with --timings.
    @Test func jsonRecordsTheRunAndReproduces() throws {
        let file = "derivations/saxe_logistic.phc"
        let first = try CLI.run(["verify", file, "--format", "json", "--seed", "7"])
        let second = try CLI.run(["verify", file, "--format", "json", "--seed", "7"])
        #expect(first.status == 0 && first.stdout == second.stdout)
        #expect(!first.stdout.contains("\"seconds\""))
        let document = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        #expect(document["type"] as? String == "verify")
        let run = try #require(document["run"] as? [String: Any])
        #expect(run["version"] as? String == RunRecord.phasecheckVersion)
        #expect(run["arguments"] as? [String] == ["verify", file, "--format", "json", "--seed", "7"])
        #expect(run["seed"] as? Int == 7 && run["digits"] as? Int == 30)
        let inputs = try #require(run["inputs"] as? [[String: String]])
        let bytes = try Data(contentsOf: CLI.packageRoot.appendingPathComponent(file))
        #expect(inputs == [["file": file, "sha256": SHA256.hex(bytes)]])

        let timed = try CLI.run(["verify", file, "--format", "json", "--timings"])
        #expect(timed.stdout.contains("\"seconds\""))

        let phase = ["phase", Self.flagship] + Self.smallSlice + ["--format", "json", "--jobs", "2"]
        let phaseFirst = try CLI.run(phase), phaseSecond = try CLI.run(phase)
        #expect(phaseFirst.stdout == phaseSecond.stdout)
        let head = try #require(try JSONSerialization.jsonObject(with: Data(phaseFirst.stdout.split(separator: "\n")[0].utf8)) as? [String: Any])
        #expect(head["type"] as? String == "run" && head["run"] != nil)
    }

    static let validator = """
    import json, sys, jsonschema
    validator = jsonschema.Draft202012Validator(json.load(open(sys.argv[1])))
    count = 0
    for path in sys.argv[2:]:
        text = open(path).read()
        objects = [json.loads(l) for l in text.splitlines() if l.strip()] if path.endswith(".jsonl") else [json.loads(text)]
        for o in objects:
            for e in validator.iter_errors(o):
                print(path, e.message, list(e.absolute_path)); sys.exit(1)
            count += 1
    print(count, "valid")
    """

    /// The JSON outputs of verify, solve and both kinds of phase sweep (and a failing verify, and solve without a closed form) against
    /// docs/phasecheck-output.schema.json.
    @Test(.enabled(if: Python.has("jsonschema"), "python3 with the jsonschema module is not installed: schema not checked"))
    func jsonOutputsFollowTheShippedSchema() throws {
        let planted = try #require(Fixtures.text("derivations/saxe_logistic.phc", replacing: "let sigmoid = astar*E/(E - 1 + astar/a0)",
                                                 with: "let sigmoid = astar*E/(E + 1 + astar/a0)"))
        let runs: [(String, [String])] = [
            ("verify.json", ["verify", "--format", "json", "--timings"]),
            ("planted.json", ["verify", try CLI.temporaryFile(named: "schema-planted.phc", contents: planted), "--format", "json"]),
            // A kink in the flow: the claims carry `switchingTimes`.
            ("kink.json", ["verify", try CLI.temporaryFile(named: "schema-kink.phc", contents: "state x = -2\nhorizon 2\node x' = 1 + abs(x)\nclaim \"end\": value x at t = 2 == exp(2)/3 - 1\n"), "--format", "json"]),
            // Above 30 digits the random draws are compared to 30: the claims carry `draws`.
            ("draws.json", ["verify", try CLI.temporaryFile(named: "schema-draws.phc", contents: "param p = 1 in [1/2, 2]\nstate x = 1\nhorizon 2\node x' = -p*x\nclaim \"decays\": identity x*exp(p*t) == 1\n"), "--digits", "40", "--format", "json"]),
            ("solve.json", ["solve", "derivations/xu_ziyin_linear_network.phc", "--at", "0.5,2", "--method", "both", "--format", "json"]),
            ("integrate.json", ["solve", "derivations/kunin_single_neuron.phc", "--at", "1", "--method", "integrate", "--format", "json"]),
            ("phase.jsonl", ["phase", Self.flagship] + Self.smallSlice + ["--format", "json"]),
            // A sweep over ordinary parameters, by a sign with a wrong claimed boundary (one disagreement), and by stability.
            ("sign.jsonl", ["phase", ParameterPhaseTests.kunin, "--scenario", "edge", "--sign", ParameterPhaseTests.growth, "--step", "8",
                            "--grid", "eps=0.6:0.8:0.2,eta_a=2:2:1", "--claimed", ParameterPhaseTests.boundary.replacingOccurrences(of: "- 2", with: "- 1.8"),
                            "--phases", "stable,unstable", "--digits", "20", "--format", "json"]),
            ("stability.jsonl", ["phase", try CLI.temporaryFile(named: "schema-coupled.phc", contents: ParameterPhaseTests.coupled + "\n"),
                                 "--stability", "origin", "--grid", "a=-2:0:1,b=-1:-1:1", "--format", "json"]),
        ]
        var paths: [String] = []
        for (name, arguments) in runs {
            let result = try CLI.run(arguments)
            #expect(!result.stdout.isEmpty, "\(arguments): \(result.stderr)")
            paths.append(try CLI.temporaryFile(named: name, contents: result.stdout))
        }
        let schema = CLI.packageRoot.appendingPathComponent("docs/phasecheck-output.schema.json").path
        let check = try Python.run(Self.validator, [schema] + paths)
        #expect(check.status == 0, "\(check.output)")
        #expect(check.output.contains("valid"))
    }
}
