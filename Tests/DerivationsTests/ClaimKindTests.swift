import Foundation
import PhasecheckDerivations
import PhasecheckTestSupport
import Testing

/// Every claim kind of `ClaimKinds.all` is documented, holds on its bundled example and fails on the
/// example with its planted mistake; and the documentation lists no kind the registry lacks.
struct ClaimKindTests {
    static let docs = Fixtures.text("docs/derivation-format.md") ?? ""

    static func kind(_ keyword: String) throws -> any ClaimKind.Type {
        try #require(ClaimKinds.all.first { $0.keyword == keyword })
    }

    /// The claim of the example, checked in the bundled file as is or with the mistake planted.
    static func status(_ example: ClaimExample, planted: Bool) throws -> (ClaimResult.Status, keyword: String) {
        let text = try #require(planted ? Fixtures.text(example.file, replacing: example.original, with: example.planted) : Fixtures.text(example.file),
                                "\(example.file) no longer contains `\(example.original)`")
        let derivation = try DerivationParser.parse(text, file: example.file)
        let claim = try #require(derivation.claims.first { $0.name == example.claim }, "no claim \"\(example.claim)\" in \(example.file)")
        return (Verifier(derivation: derivation, options: VerifyOptions()).verify(claim).status, claim.keyword)
    }

    @Test(arguments: ClaimKinds.all.map { $0.keyword })
    func hasItsGrammarAndRowsInTheDocumentation(keyword: String) throws {
        let kind = try Self.kind(keyword)
        let lines = Self.docs.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.contains("= " + kind.grammar) || $0.contains("| " + kind.grammar) }, "grammar of \(keyword)")
        for row in kind.documentation { #expect(lines.contains(row), "row of \(keyword): \(row)") }
    }

    @Test(arguments: ClaimKinds.all.map { $0.keyword })
    func itsExampleHoldsAndFailsWithThePlantedMistake(keyword: String) throws {
        let example = try Self.kind(keyword).example
        let (holds, found) = try Self.status(example, planted: false)
        #expect(found == keyword)
        #expect(holds == .holds)
        #expect(try Self.status(example, planted: true).0 == .fails)
    }

    @Test func theDocumentedClaimsAreTheRegisteredKinds() {
        let rows = ClaimKinds.all.flatMap { $0.documentation }
        let section = Self.docs.components(separatedBy: "## What each claim checks")
        #expect(section.count == 2)
        let documented = (section.last ?? "").split(separator: "\n").prefix { !$0.hasPrefix("## ") }
            .filter { $0.hasPrefix("| `") }.map(String.init)
        #expect(Set(documented) == Set(rows), "rows without a kind: \(Set(documented).subtracting(rows))")
    }
}
