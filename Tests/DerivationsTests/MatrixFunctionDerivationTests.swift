import Foundation
import PhasecheckDerivations
import PhasecheckTestSupport
import Testing

/// det, inv, expm, sqrtm and powm end to end in derivation files: the bundled matrix Riccati solution of
/// Domine et al. (2024) against the integrated network (its mpmath reference:
/// Fixtures/domine_lambda_balanced_reference.py) and Theorem 1 of Arora et al. (2018) with powm and sqrtm
/// (Fixtures/arora_depth3_reference.py), and a mistake planted in each.
struct MatrixFunctionDerivationTests {
    static let domine = "derivations/domine_lambda_balanced.phc"

    static let arora = "derivations/arora_depth3.phc"
    static let theorem1 = "Theorem 1: the end-to-end matrix follows fractional powers"

    static func results(_ text: String, name: String = "domine_lambda_balanced") throws -> [String: ClaimResult] {
        try Fixture.results(name, text: text) { $0.parameterDraws = 2; $0.timeSamples = 3 }
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

    @Test func theoremOneWithFractionalMatrixPowersHolds() throws {
        let results = try Self.results(try #require(Fixtures.text(Self.arora)), name: "arora_depth3")
        #expect(results.count == 6)
        for (name, result) in results { #expect(result.status == .holds, "\(name): \(result.status) \(result.detail)") }
    }

    /// The exponents of the first term of Theorem 1 swapped ((We^T We)^(1/3) for ^(2/3)) fails that claim only.
    @Test func swappedExponentsInTheoremOneFail() throws {
        let text = try #require(Fixtures.text(Self.arora, replacing: "-(G @ powm(transpose(We) @ We, 2/3)",
                                              with: "-(G @ powm(transpose(We) @ We, 1/3)"))
        let results = try Self.results(text, name: "arora_depth3")
        for (name, result) in results {
            #expect(result.status == (name == Self.theorem1 ? .fails : .holds), "\(name): \(result.status) \(result.detail)")
        }
    }
}
