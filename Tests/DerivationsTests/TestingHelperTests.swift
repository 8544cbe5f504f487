import Foundation
import PhasecheckDerivations
import PhasecheckTesting
import Testing

/// The Swift Testing helpers of PhasecheckTesting, used as a paper's repository would use them.
struct TestingHelperTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let saxe = root.appendingPathComponent("derivations/saxe_logistic.phc").path

    /// Each claim of the bundled Saxe file is its own test case.
    @Test(arguments: try DerivationClaim.all(in: saxe))
    func eachBundledClaimHolds(_ claim: DerivationClaim) throws {
        let result = try claim.expectHolds()
        #expect(result.name == claim.name)
    }

    @Test func casesAreTheFileClaimsInOrderWithTheirLines() throws {
        let claims = try DerivationClaim.all(in: Self.saxe)
        #expect(claims.count == 7)
        let lines = try String(contentsOfFile: Self.saxe, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        for claim in claims {
            #expect(lines[claim.line - 1].hasPrefix("claim \"\(claim.name)\""), "\(claim)")
            #expect(claim.testDescription == claim.name)
        }
    }

    @Test func aFailingClaimIsRecordedAtItsLineInThePhcFile() throws {
        let text = try String(contentsOfFile: Self.saxe, encoding: .utf8)
            .replacingOccurrences(of: "let sigmoid = astar*E/(E - 1 + astar/a0)", with: "let sigmoid = astar*E/(E + 1 + astar/a0)")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("phasecheck-testing-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("planted.phc").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let solves = try #require(try DerivationClaim.all(in: path).first { $0.name == "the sigmoid solves the gradient flow" })
        try withKnownIssue {
            _ = try solves.expectHolds()
        } matching: { issue in
            issue.sourceLocation?.fileName == "planted.phc" && issue.sourceLocation?.line == solves.line
                && "\(issue)".contains("fails")
        }
    }
}
