import Foundation
import PhasecheckDerivations
import PhasecheckExpressions
import PhasecheckTestSupport
import Testing

/// The flagship derivation with one planted mistake must fail, naming where (parameters and t).
struct PlantedErrorTests {
    static func flagship(replacing original: String? = nil, with planted: String = "") throws -> Derivation {
        let text = try #require(Fixtures.text("derivations/xu_ziyin_linear_network.phc", replacing: original, with: planted),
                                "the flagship file no longer contains `\(original ?? "")`")
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

/// Width-limit claims with a planted mistake.
struct PlantedLimitErrorTests {
    @Test func theSection5ClaimsHold() throws {
        let d = try PlantedErrorTests.flagship()
        for name in ["mean field: feature learning, zeta_inf -> sqrt(2) - 1", "standard, eta ~ 1/d: kernel, zeta_inf = O(d^-2)",
                     "R ~ d^e_R with e_R = -2 e_Gamma - |e_X|"] {
            let r = try PlantedErrorTests.result(d, claim: name)
            #expect(r.status == .holds, "\(name): \(r.detail)")
        }
    }

    @Test func aWrongLimitValueFails() throws {
        let d = try PlantedErrorTests.flagship(replacing: "limit zeta_inf_typ -> sqrt(2) - 1 under mean_field",
                                               with: "limit zeta_inf_typ -> sqrt(3) - 1 under mean_field")
        let r = try PlantedErrorTests.result(d, claim: "mean field: feature learning, zeta_inf -> sqrt(2) - 1")
        #expect(r.status == .fails)
        #expect(r.worstCase.contains { $0.value.contains("sqrt(2) - 1") })
    }

    @Test func aWrongOrderFails() throws {
        // The standard parameterization decays like d^-2, not d^-1.
        let d = try PlantedErrorTests.flagship(replacing: "limit zeta_inf_typ ~ 3/2*d^-2 under standard",
                                               with: "limit zeta_inf_typ ~ 3/2*d^-1 under standard")
        #expect(try PlantedErrorTests.result(d, claim: "standard, eta ~ 1/d: kernel, zeta_inf = O(d^-2)").status == .fails)
    }

    @Test func aWrongSymbolicExponentFailsAtAPoint() throws {
        let d = try PlantedErrorTests.flagship(replacing: "limit R ~ d^(e_R)", with: "limit R ~ d^(-2*e_Gamma + abs(e_X))")
        let r = try PlantedErrorTests.result(d, claim: "R ~ d^e_R with e_R = -2 e_Gamma - |e_X|")
        #expect(r.status == .fails)
        #expect(r.worstCase.contains { $0.name == "alpha" })
        #expect(r.worstCase.contains { $0.name == "derived exponent" })
    }
}
