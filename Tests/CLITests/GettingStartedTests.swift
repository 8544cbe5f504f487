import Foundation
import PhasecheckTestSupport
import Testing

/// Issue 13 item 5: the way in for a new user works as the README says.
struct GettingStartedTests {
    @Test func initWritesAStarterThatVerifiesAndNeverOverwrites() throws {
        let dir = URL(fileURLWithPath: try CLI.temporaryFile(named: "init-placeholder", contents: "")).deletingLastPathComponent()
        let path = dir.appendingPathComponent("starter.phc").path
        unlink(path)
        let written = try CLI.run(["init", "starter"], in: dir)
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stderr.contains("wrote starter.phc"))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.split(separator: "\n").filter { $0.hasPrefix("#") }.count >= 5, "the starter explains itself")
        let verified = try CLI.run(["verify", path])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        #expect(verified.stdout.contains("6 claims in 1 file: 6 hold, 0 fail, 0 undecided, 0 errors"), "\(verified.stdout)")
        let again = try CLI.run(["init", "starter"], in: dir)
        #expect(again.status == 2)
        #expect(again.stderr.contains("starter.phc: already exists"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
        #expect(try CLI.run(["init", "starter", "--stdout"], in: dir).stdout == text)
    }

    /// The README's first derivation, copied from the README itself, verifies as the README shows.
    @Test func theReadmesFirstDerivationHoldsAsShown() throws {
        let readme = try String(contentsOf: CLI.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let afterMarker = try #require(readme.range(of: "<!-- first-derivation -->\n```\n"))
        let end = try #require(readme.range(of: "```", range: afterMarker.upperBound..<readme.endIndex))
        let path = try CLI.temporaryFile(named: "two_layer.phc", contents: String(readme[afterMarker.upperBound..<end.lowerBound]))
        let result = try CLI.run(["verify", path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("4 claims in 1 file: 4 hold, 0 fail, 0 undecided, 0 errors"))
        for line in ["  holds     exact/30 digits  u^2 - w^2 is conserved", "  holds     exact/30 digits  L' = -2 (u^2 + w^2) L",
                     "  holds         -/30 digits  the loss never increases", "  holds        35/30 digits  u w reaches the target"] {
            #expect(readme.contains(line) && result.stdout.contains(line), "\(line)\n\(result.stdout)")
        }
    }
}
