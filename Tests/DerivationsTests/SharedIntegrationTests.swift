import PhasecheckDerivations
import PhasecheckTestSupport
import Testing

/// Claims of one run share identical integrations and iterations (issue 15 item 2), and sharing changes no result.
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
        #expect(verifier.shared.integrations.reused.load(ordering: .relaxed) > 0)
        #expect(verifier.shared.integrations.computed.load(ordering: .relaxed) > 0)
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

    /// Two claims about the same step of the same iteration at the same digits run it once; each alone
    /// reports the same. The reference is exact: x_n = (1/2)^n for x <- x/2 from 1, so x_20 = 1/1048576.
    @Test func claimsReuseIterations() throws {
        let text = """
        state x = 1
        map x -> x/2
        descent steps 20
        claim "x at step 20": value x at step 20 == 1/1048576
        claim "twice x at step 20": value 2*x at step 20 == 1/524288
        """
        let derivation = try DerivationParser.parse(text, file: "halving.phc")
        let verifier = Verifier(derivation: derivation, options: VerifyOptions())
        let together = verifier.verifyAllInParallel()
        #expect(verifier.shared.iterations.computed.load(ordering: .relaxed) == 1)
        #expect(verifier.shared.iterations.reused.load(ordering: .relaxed) == 1)
        for (claim, shared) in zip(derivation.claims, together) {
            let alone = Verifier(derivation: derivation, options: VerifyOptions()).verify(claim)
            #expect(shared.status == .holds && alone.status == .holds, "\(claim.name)")
            #expect(shared.detail == alone.detail && shared.agreement?.shown == alone.agreement?.shown, "\(claim.name)")
        }
    }

    /// Two `mean of` claims over the same noisy map, step and number of paths run the paths once, and each
    /// alone reports the same. Reference: E x_10 = 3 (1 - eta h)^10 = 3 (4/5)^10 = 0.3221225472 exactly for the
    /// unadjusted Langevin step (the noise has mean 0), so 2 x has mean 0.6442450944; the claim about 2 x sees
    /// the same paths, so its z (mean and standard error both doubled) equals the first claim's.
    @Test func meanClaimsShareOneMonteCarloRun() throws {
        let text = """
        \(StochasticMapTests.langevinModel)
        claim "mean": mean of x at step 10 over 500 paths == 0.3221225472 within 3 standard errors
        claim "twice the mean": mean of 2*x at step 10 over 500 paths == 0.6442450944 within 3 standard errors
        """
        let derivation = try DerivationParser.parse(text, file: "langevin.phc")
        let verifier = Verifier(derivation: derivation, options: VerifyOptions())
        let together = verifier.verifyAllInParallel()
        #expect(verifier.shared.noisyRuns.computed.load(ordering: .relaxed) == 1)
        #expect(verifier.shared.noisyRuns.reused.load(ordering: .relaxed) == 1)
        let z = together.map { $0.worstCase.first { $0.name == "z" }?.value }
        #expect(z[0] != nil && z[0] == z[1], "\(z)")
        for (claim, shared) in zip(derivation.claims, together) {
            let alone = Verifier(derivation: derivation, options: VerifyOptions()).verify(claim)
            #expect(shared.status == .holds && alone.status == .holds, "\(claim.name)")
            #expect(shared.worstCase.map(\.value) == alone.worstCase.map(\.value), "\(claim.name)")
            #expect(shared.detail == alone.detail, "\(claim.name)")
        }
    }
}
