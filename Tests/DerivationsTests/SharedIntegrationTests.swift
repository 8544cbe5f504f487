import PhasecheckDerivations
import PhasecheckTestSupport
import Testing

/// Claims of one run share identical integrations (issue 15 item 2), and sharing changes no result.
struct SharedIntegrationTests {
    /// The Kunin file's identity and rate claims integrate at the same six draws and six times, and its
    /// invariant at the same times: one run computes each integration once.
    @Test func claimsReuseIntegrationsAndReportExactlyWhatTheyWouldAlone() throws {
        let text = try #require(Fixtures.text("derivations/kunin_single_neuron.phc"))
        let derivation = try DerivationParser.parse(text, file: "kunin_single_neuron.phc")
        var options = VerifyOptions()
        options.parameterDraws = 3
        let verifier = Verifier(derivation: derivation, options: options)
        let together = verifier.verifyAllInParallel()
        #expect(verifier.integrations.reused.load(ordering: .relaxed) > 0)
        #expect(verifier.integrations.computed.load(ordering: .relaxed) > 0)
        // Each claim on a verifier of its own (nothing to share) reports the same.
        for (claim, shared) in zip(derivation.claims, together) {
            let alone = Verifier(derivation: derivation, options: options).verify(claim)
            #expect(shared.status == alone.status && shared.status == .holds, "\(claim.name)")
            #expect(shared.agreement?.shown == alone.agreement?.shown, "\(claim.name)")
            #expect(shared.compared.map(\.value) == alone.compared.map(\.value), "\(claim.name)")
            #expect(shared.worstCase.map(\.value) == alone.worstCase.map(\.value), "\(claim.name)")
            #expect(shared.detail == alone.detail, "\(claim.name)")
        }
    }
}
