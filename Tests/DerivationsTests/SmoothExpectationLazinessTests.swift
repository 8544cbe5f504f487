import PhasecheckDerivations
import PhasecheckExpressions
@testable import PhasecheckVerify
import Testing

/// Smooth expectations in `let` lines are enclosed on first use, by the claims whose expressions (or flows) read
/// them only: here `kappa` is read by no claim and its quadrature never runs, while `chi` still holds against mpmath.
/// The parameter values are this test's own, so that the shared enclosures (`SmoothExpectationCache.shared`) it
/// observes are not another test's.
struct SmoothExpectationLazinessTests {
    /// chi = E tanh(7/5 + xi/3)^2, xi ~ N(0, 1): mpmath 1.3.0 quad at 50 digits on [-inf, -5, 0, 5, inf] gives
    /// 0.753388286709953401013256660919.
    static let text = """
    param a = 7/5 in [1, 2]
    param s = 1/3
    state x = 1
    let chi = expect(tanh(a + s*xi)^2, xi ~ normal(0, 1))
    let kappa = expect(1/(1 + exp(-a*s*xi)), xi ~ uniform(-1, 2))
    ode x' = -a*x
    claim "chi": value chi at t = 0 == 0.753388286709953401013256660919 digits 30
    claim "the flow, which reads neither": value x at t = 1 == exp(-7/5)
    claim "invariant at random draws of a": invariant x*exp(a*t)
    """

    @Test func anExpectationNoClaimReadsIsNeverEnclosed() throws {
        let derivation = try DerivationParser.parse(Self.text, file: "lazy.phc")
        let results = Verifier(derivation: derivation, options: VerifyOptions()).verifyAllInParallel()
        #expect(results.count == 3)
        for r in results { #expect(r.status == .holds, "\(r.name): \(r.status) \(r.detail)") }
        let constants = try SmoothExpectationConstants(model: try Model(derivation))
        let (chi, kappa) = (try #require(constants.entries[0]), try #require(constants.entries[1]))
        #expect(!chi.computedPrecisions.isEmpty, "chi was read by its claim")
        #expect(kappa.computedPrecisions.isEmpty, "kappa was enclosed at \(kappa.computedPrecisions) bits though no claim reads it")
    }
}
