import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import PhasecheckTestSupport
import Testing

/// `verify --format junit` read back with an XML parser, and the documented pytest pattern run for real.
struct CIOutputTests {
    /// The elements of a JUnit document: name and attributes, in order.
    final class Elements: NSObject, XMLParserDelegate {
        var list: [(name: String, attributes: [String: String])] = []
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            list.append((name, attributes))
        }
    }

    static func parse(_ xml: String) throws -> [(name: String, attributes: [String: String])] {
        let parser = XMLParser(data: Data(xml.utf8))
        let elements = Elements()
        parser.delegate = elements
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        return elements.list
    }

    static let planted = Fixtures.text("derivations/saxe_logistic.phc", replacing: "let sigmoid = astar*E/(E - 1 + astar/a0)",
                                       with: "let sigmoid = astar*E/(E + 1 + astar/a0)")

    @Test func junitHasOneTestCasePerClaimAndTheNumbersOfAFailure() throws {
        let path = try CLI.temporaryFile(named: "junit-planted.phc", contents: try #require(Self.planted))
        let result = try CLI.run(["verify", path, "derivations/kunin_single_neuron.phc", "--format", "junit"])
        #expect(result.status == 1)
        let json = try CLI.run(["verify", path, "derivations/kunin_single_neuron.phc", "--format", "json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let files = try #require(document["files"] as? [[String: Any]])
        let claims = files.flatMap { ($0["claims"] as? [[String: Any]]) ?? [] }

        let elements = try Self.parse(result.stdout)
        let cases = elements.filter { $0.name == "testcase" }
        #expect(cases.map { $0.attributes["name"] } == claims.map { $0["name"] as? String })
        #expect(elements.filter { $0.name == "testsuite" }.count == 2)
        let root = try #require(elements.first { $0.name == "testsuites" })
        let notHolding = claims.filter { ($0["status"] as? String) != "holds" }
        #expect(root.attributes["tests"] == String(claims.count))
        #expect(!notHolding.isEmpty)
        #expect(Int(root.attributes["failures"]!)! + Int(root.attributes["errors"]!)! == notHolding.count)
        // The failure names the status, the digits reached against those required, and the worst case.
        let failure = try #require(elements.first { $0.name == "failure" })
        let message = try #require(failure.attributes["message"])
        #expect(message.hasPrefix("FAILS: ") && message.contains("/30 digits, worst at "), "\(message)")
        #expect(failure.attributes["type"] == "fails")
        #expect(!result.stdout.contains("time=\""))
        #expect(try CLI.run(["verify", "derivations/saxe_logistic.phc", "--format", "junit", "--timings"]).stdout.contains("time=\""))
    }

    @Test func phaseRejectsFormatsItDoesNotWrite() throws {
        let result = try CLI.run(["phase", PhaseCommandTests.flagship, "--format", "junit"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("expected one of"), "\(result.stderr)")
    }

    /// docs/examples/test_phasecheck_claims.py on a file with a planted error: one pytest case per claim,
    /// exactly the planted claim failing, with its numbers in the message.
    @Test(.enabled(if: Python.has("pytest"), "python3 with pytest is not installed: the pytest pattern is not run"))
    func thePytestPatternGivesOneCasePerClaim() throws {
        let path = try CLI.temporaryFile(named: "pytest-planted.phc", contents: try #require(Self.planted))
        let example = CLI.packageRoot.appendingPathComponent("docs/examples/test_phasecheck_claims.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Python.path))
        process.arguments = ["-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", (path as NSString).deletingLastPathComponent, example]
        var environment = ProcessInfo.processInfo.environment
        environment["PHASECHECK"] = CLI.executable.path
        environment["PHASECHECK_ARGS"] = path
        process.environment = environment
        process.currentDirectoryURL = CLI.packageRoot
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1, "\(output)")
        // As many cases failing and passing as the JSON report has claims not holding and holding.
        let json = try CLI.run(["verify", path, "--format", "json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let statuses = ((document["files"] as? [[String: Any]])?.first?["claims"] as? [[String: Any]] ?? []).map { $0["status"] as? String }
        let holding = statuses.filter { $0 == "holds" }.count
        #expect(holding > 0 && holding < statuses.count)
        #expect(output.contains("\(statuses.count - holding) failed, \(holding) passed"), "\(output)")
        #expect(output.contains("pytest-planted.phc::the sigmoid solves the gradient flow"), "\(output)")
        #expect(output.contains("/30 digits, worst at"), "\(output)")
    }

    /// docs/examples/load_outputs.py, which asserts the column types pandas infers (float64 values,
    /// bool certainty and flags), runs to the end.
    @Test(.enabled(if: Python.has("pandas"), "python3 with pandas is not installed: the pandas example is not run"))
    func thePandasExampleLoadsTypedColumns() throws {
        let figure = FileManager.default.temporaryDirectory.appendingPathComponent("phasecheck-example-\(ProcessInfo.processInfo.processIdentifier).png").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Python.path))
        process.arguments = ["docs/examples/load_outputs.py", CLI.executable.path]
        process.environment = ProcessInfo.processInfo.environment.merging(["FIGURE": figure]) { $1 }
        process.currentDirectoryURL = CLI.packageRoot
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)")
        // 9 x 7 points of the slice alpha = 0:2:1/4, b_u = -1/2:1:1/4.
        #expect(output.contains("63 points"), "\(output)")
    }
}
