import PhasecheckDerivations
import Testing

/// The pool's schedule: which claims start first (the report order never changes; `VerifyCommandTests`).
struct VerificationPoolTests {
    /// The costliest claims start first, and a claim that reuses another's run (the same noisy paths, the same
    /// iteration) starts after every other claim, when that run is done, instead of holding a worker waiting.
    @Test func costliestClaimsStartFirstAndRunReusersLast() throws {
        let text = """
        \(StochasticMapTests.langevinModel)
        scenario cold: T = 0
        claim "short mean": mean of x at step 10 over 500 paths == 0.3221225472 within 3 standard errors
        claim "long iteration": value x at step 20000 == 0 under cold
        claim "long mean": mean of 2*x at step 10000 over 400 paths == 0 within 3 standard errors
        claim "long mean again": mean of x at step 10000 over 400 paths == 0 within 3 standard errors
        claim "long iteration again": value 2*x at step 20000 == 0 under cold
        """
        let derivation = try DerivationParser.parse(text, file: "langevin.phc")
        let verifiers = [Verifier(derivation: derivation, options: VerifyOptions())]
        let order = VerificationPool.startOrder(of: VerificationPool.items(of: verifiers), in: verifiers)
        #expect(order.map { derivation.claims[$0.index].name }
                == ["long iteration", "long mean", "short mean", "long mean again", "long iteration again"])
    }
}
