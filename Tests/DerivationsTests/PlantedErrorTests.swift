import Foundation
import PhasecheckDerivations
import PhasecheckExpressions
import Testing

/// The flagship derivation with one planted mistake must fail, naming where (parameters and t).
struct PlantedErrorTests {
    static let flagshipPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("derivations/xu_ziyin_linear_network.phc").path

    static func flagship(replacing original: String? = nil, with planted: String = "") throws -> Derivation {
        var text = try String(contentsOfFile: flagshipPath, encoding: .utf8)
        if let original {
            #expect(text.contains(original), "the flagship file no longer contains `\(original)`")
            text = text.replacingOccurrences(of: original, with: planted)
        }
        return try DerivationParser.parse(text, file: "planted.phc")
    }

    static func result(_ derivation: Derivation, claim name: String, digits: Int = 30) throws -> ClaimResult {
        var options = VerifyOptions()
        options.digits = digits
        let claim = try #require(derivation.claims.first { $0.name == name })
        return Verifier(derivation: derivation, options: options).verify(claim)
    }

    @Test func theUnmodifiedClaimsHold() throws {
        let d = try Self.flagship()
        for name in ["the closed form solves the gradient flow", "C = tr Q is conserved", "case A: a(1)",
                     "D = lambda^4 C^2 + 4 lambda^2 Omega"] {
            #expect(try Self.result(d, claim: name).status == .holds, "\(name)")
        }
    }

    @Test func aFlippedSignInTheClosedFormFailsWithATime() throws {
        let d = try Self.flagship(replacing: "solution w = w0*cosh(S) - sqrt(eta_w/eta_u)*u0*sinh(S)",
                                  with: "solution w = w0*cosh(S) + sqrt(eta_w/eta_u)*u0*sinh(S)")
        let r = try Self.result(d, claim: "the closed form solves the gradient flow")
        #expect(r.status == .fails)
        #expect(r.worstCase.contains { $0.name == "t" })
        #expect(r.worstCase.contains { $0.name == "state" && $0.value == "w" })
        #expect((r.agreement?.atMost ?? 99) < 5)
    }

    @Test func aWrongInvariantFails() throws {
        let d = try Self.flagship(replacing: "claim \"C = tr Q is conserved\": invariant C",
                                  with: "claim \"C = tr Q is conserved\": invariant dot(u, u)/eta_u + dot(w, w)/eta_w")
        let r = try Self.result(d, claim: "C = tr Q is conserved")
        #expect(r.status == .fails)
        #expect(r.worstCase.contains { $0.name == "t" })
    }

    @Test func aWrongReferenceDigitFails() throws {
        // The 25th significant digit of a(1) in case A changed from 4 to 5.
        let d = try Self.flagship(replacing: "0.5482094676074648041132344", with: "0.5482094676074648041132345")
        let r = try Self.result(d, claim: "case A: a(1)")
        #expect(r.status == .fails)
        #expect(r.worstCase.contains { $0.name == "t" && $0.value == "1" })
    }

    @Test func aWrongIdentityFailsWithParameterValues() throws {
        let d = try Self.flagship(replacing: "identity D == lambda^4*C^2 + 4*lambda^2*Omega",
                                  with: "identity D == lambda^4*C^2 + 2*lambda^2*Omega")
        let r = try Self.result(d, claim: "D = lambda^4 C^2 + 4 lambda^2 Omega")
        #expect(r.status == .fails)
        // The file's own parameters already fail; the counterexample names the time.
        #expect(r.worstCase.contains { $0.name == "t" })
    }

    @Test func anIdentityThatHoldsOnlyAtTheDefaultsIsCaughtByRandomParameters() throws {
        // With gamma = 0.5 by default, gamma^2 = gamma/2 holds there and nowhere else nearby.
        let d = try Self.flagship(replacing: "identity D0 == lambda^4*P*M", with: "identity gamma^2 == gamma/2")
        let r = try Self.result(d, claim: "D = lambda^4 P M")
        #expect(r.status == .fails)
        let gamma = try #require(r.worstCase.first { $0.name == "gamma" }?.value)
        // Shrinking replaces the random draw by a simple value that still fails.
        #expect(["1", "2"].contains(gamma), "counterexample gamma = \(gamma)")
    }
}
