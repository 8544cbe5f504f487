import Foundation
import PhasecheckDerivations
import PhasecheckTestSupport
import Testing

/// det, inv, expm, sqrtm and powm end to end in derivation files: the bundled matrix Riccati solution of
/// Domine et al. (2024) against the integrated network (its mpmath reference:
/// Fixtures/domine_lambda_balanced_reference.py), and a mistake planted in it.
struct MatrixFunctionDerivationTests {
    static let domine = "derivations/domine_lambda_balanced.phc"

    static func results(_ text: String) throws -> [String: ClaimResult] {
        try Fixture.results("domine_lambda_balanced", text: text) { $0.parameterDraws = 2; $0.timeSamples = 3 }
    }

    @Test func theRiccatiSolutionWithExpmAndInvHolds() throws {
        let results = try Self.results(try #require(Fixtures.text(Self.domine)))
        #expect(results.count == 6)
        for (name, result) in results { #expect(result.status == .holds, "\(name): \(result.status) \(result.detail)") }
    }

    /// e^{2Ft} - I integrated without its 1/2 (a slip in the integral of e^{2Fs}) fails the Riccati claims,
    /// and nothing else.
    @Test func aMissingHalfInTheRiccatiSolutionFails() throws {
        let text = try #require(Fixtures.text(Self.domine, replacing: "@ Q0 / 2)", with: "@ Q0)"))
        let results = try Self.results(text)
        for (name, result) in results {
            let expected: ClaimResult.Status = name.hasPrefix("Riccati solution") ? .fails : .holds
            #expect(result.status == expected, "\(name): \(result.status) \(result.detail)")
        }
    }
}
