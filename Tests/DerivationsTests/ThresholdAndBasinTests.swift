import Foundation
import PhasecheckDerivations
import PhasecheckTestSupport
import PhasecheckTesting
import Testing

/// `threshold P where E changes sign` (issues 16 and 17) and `basin` claims, against independent values.
struct ThresholdAndBasinTests {
    static func verify(_ text: String, claim name: String, digits: Int = 30) throws -> ClaimResult {
        let derivation = try DerivationParser.parse(text, file: "threshold.phc")
        var options = VerifyOptions()
        options.digits = digits
        let claim = try #require(derivation.claims.first { $0.name == name }, "no claim \(name)")
        return Verifier(derivation: derivation, options: options).verify(claim)
    }

    /// x' = -x^3 + c x + 1/10 from 0 (no closed form): c where x(5) = 1.
    static let cubic = """
    param c = 1 in [0, 2]
    state x = 0
    ode x' = -x^3 + c*x + 1/10
    horizon 5
    claim "x(5) = 1": threshold c where x - 1 at t = 5 changes sign in (0.5, 1.5) == \(cubicRoot) digits 30
    claim "sqrt 2": threshold c where c^2 - 2 changes sign in (1, 2) == 1.41421356237309504880168872421 digits 30
    claim "exact root at the split point": threshold c where 2*c - 1 changes sign in (0, 1) == 1/2
    claim "no change of sign": threshold c where c^2 - 2 changes sign in (1.5, 2)
    claim "the domain is the bracket": threshold c where c^2 - 2 changes sign
    """

    /// mpmath (dps 40): findroot of odefun's x(5) - 1 in c,
    /// `findroot(lambda c: odefun(lambda t, x: -x**3 + c*x + mpf(1)/10, 0, mpf(0))(5) - 1, mpf('0.9'))`.
    static let cubicRoot = "0.9050017241351904586118968333870969037574"

    @Test func aRootOfAQuantityAtAFixedTimeAlongTheIntegration() throws {
        let result = try Self.verify(Self.cubic, claim: "x(5) = 1")
        #expect(result.status == .holds, "\(result.detail)")
        // The signs come from the integrator's estimate, and the report says so.
        #expect(result.detail.contains("from the integration at t = 5"), "\(result.detail)")
        #expect(result.detail.contains("not a bound"))
    }

    @Test(arguments: [
        ("0.905001724135190458611896833387", ClaimResult.Status.holds),   // the correct rounding to 30 digits
        ("0.905001724135190458611896833388", .fails),                     // one unit in the 30th digit above
        ("0.905001724135190458611896833386", .fails),                     // and below
    ])
    func theStatedLocationMustBeTheCorrectRounding(stated: String, status: ClaimResult.Status) throws {
        let text = Self.cubic.replacingOccurrences(of: Self.cubicRoot, with: stated)
        #expect(try Self.verify(text, claim: "x(5) = 1").status == status)
    }

    @Test func aParameterExpressionIsCertified() throws {
        // sqrt(2) to 30 digits: 1.41421356237309504880168872420969807857 (mpmath).
        let result = try Self.verify(Self.cubic, claim: "sqrt 2")
        #expect(result.status == .holds)
        #expect(result.detail.contains("signs certified by interval arithmetic"))
        let planted = Self.cubic.replacingOccurrences(of: "1.41421356237309504880168872421", with: "1.41421356237309504880168872420")
        #expect(try Self.verify(planted, claim: "sqrt 2").status == .fails)
    }

    @Test func aZeroAtTheSplitPointIsSteppedOver() throws {
        let result = try Self.verify(Self.cubic, claim: "exact root at the split point")
        #expect(result.status == .holds, "\(result.detail)")
        let planted = Self.cubic.replacingOccurrences(of: "in (0, 1) == 1/2", with: "in (0, 1) == 1/2 + 10^-25")
        #expect(try Self.verify(planted, claim: "exact root at the split point").status == .fails)
    }

    @Test func theSameSignAtBothEndsFailsAndTheDomainIsTheDefaultBracket() throws {
        let same = try Self.verify(Self.cubic, claim: "no change of sign")
        #expect(same.status == .fails)
        #expect(same.detail.contains("no net change of sign"))
        let domain = try Self.verify(Self.cubic, claim: "the domain is the bracket")
        #expect(domain.status == .holds)
        #expect(domain.worstCase.first?.value.hasPrefix("1.41421356") == true, "\(domain.worstCase)")
    }

    @Test func aClosedFormMakesTheSignsCertified() throws {
        // x' = c - x from 0 has x = c (1 - e^-t); x(1) = 1/2 at c = 1/(2 (1 - 1/e)) = 0.79098835343466321219250100255 (mpmath).
        let text = """
        param c = 1 in [0, 2]
        state x = 0
        ode x' = c - x
        solution x = c*(1 - exp(-t))
        claim "half at t = 1": threshold c where x - 1/2 at t = 1 changes sign in (0, 2) == 0.79098835343466321219250100255 digits 29
        """
        let result = try Self.verify(text, claim: "half at t = 1")
        #expect(result.status == .holds, "\(result.detail)")
        #expect(result.detail.contains("by interval arithmetic along the closed form at t = 1 (its values certified"))
    }

    @Test(arguments: [
        ("threshold c where c changes", "expected `sign` after `changes`"),
        ("threshold c where c at x = 1 changes sign", "or `step` after `at`"),
        ("threshold c where c changes sign in (0 1)", "between the ends of the bracket"),
        ("threshold q where c changes sign", "`q` in claim \"bad\" is not a parameter"),
        ("threshold c where x changes sign in (0, x)", "must be constants, but they use `x`"),
    ])
    func malformedClaimsNameTheirPlace(claim: String, message: String) throws {
        let text = "param c = 1\nstate x = 0\node x' = -x\nclaim \"bad\": \(claim)\n"
        let error = try #require(Fixture.readError(text), "\(claim) was accepted")
        #expect("\(error)".contains("bad.phc:4:"), "\(error)")
        #expect("\(error)".contains(message), "\(error)")
    }

    @Test func aBasinClaimNamesTheStartWhereTheSignsDiffer() throws {
        // sgn(a0) is the basin only for delta >= 0 (footnote 4): downstream starts cross a = 0.
        let text = try #require(Fixtures.text("derivations/kunin_get_rich_quick.phc", replacing: "matches Cp from 200", with: "matches a0 from 200"))
        let result = try Self.verify(text, claim: "K8: the basin is sgn(C+) at random starts (footnote 4)", digits: 12)
        #expect(result.status == .fails)
        #expect(result.worstCase.contains { $0.name == "a0" } && result.worstCase.contains { $0.name == "w0" }, "\(result.worstCase)")
        // The start named is one with delta < 0 (a crossed zero): a0^2 < |w0|^2 at unit rates.
        let a0 = try #require(result.worstCase.first { $0.name == "a0" }.flatMap { Double($0.value) })
        let w0 = try #require(result.worstCase.first { $0.name == "w0" }?.value)
        let components = w0.dropFirst().dropLast().split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        #expect(a0 * a0 < components.map { $0 * $0 }.reduce(0, +))
    }

    @Test func theBasinOfARandomStartRepeatsWithItsSeed() throws {
        let text = try #require(Fixtures.text("derivations/kunin_get_rich_quick.phc", replacing: "matches Cp from 200", with: "matches a0 from 200"))
        let first = try Self.verify(text, claim: "K8: the basin is sgn(C+) at random starts (footnote 4)", digits: 12)
        let second = try Self.verify(text, claim: "K8: the basin is sgn(C+) at random starts (footnote 4)", digits: 12)
        #expect(first.worstCase.map(\.value) == second.worstCase.map(\.value))
    }
}

/// Every claim of the Kunin et al. files (seed-systems.md 1.6, K1-K14; reference values written in the files
/// from seed-systems-checks/grq_*.py) and the flagship's X1-X9 (seed-systems.md 2.3, xz_six_params.py) hold.
struct SeedSystemBundleTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func path(_ name: String) -> String { root.appendingPathComponent("derivations").appendingPathComponent(name).path }

    @Test(arguments: try DerivationClaim.all(in: path("kunin_get_rich_quick.phc")))
    func kuninGetRichQuick(_ claim: DerivationClaim) throws { try claim.expectHolds() }

    @Test(arguments: try DerivationClaim.all(in: path("kunin_single_neuron.phc")).filter { $0.name.hasPrefix("K") })
    func kuninSingleNeuronReferenceValues(_ claim: DerivationClaim) throws { try claim.expectHolds() }

    @Test(arguments: try DerivationClaim.all(in: path("xu_ziyin_linear_network.phc")).filter { $0.name.hasPrefix("X") })
    func flagshipAdditions(_ claim: DerivationClaim) throws { try claim.expectHolds() }

    /// K10 and K11 (kunin_implicit_bias.phc): beta(inf) from grq_bias_gd.py part A (mpmath odefun to t = 60 and
    /// findroot of the constrained objective agree to 1e-41).
    @Test(arguments: try DerivationClaim.all(in: path("kunin_implicit_bias.phc")))
    func kuninImplicitBias(_ claim: DerivationClaim) throws { try claim.expectHolds() }

    /// Theorem 3.1 has teeth: the minimum-norm interpolator y x/|x|^2 = (0.3, 0.6) (the lazy answer) is not
    /// where the flow ends, and without the initialisation term psi0 beta0hat the Lagrange condition fails.
    @Test func theLazyAnswerAndTheUncorrectedPotentialFail() throws {
        let lazy = try #require(Fixtures.text("derivations/kunin_implicit_bias.phc",
            replacing: "[0.9382350785276484030156945, 0.2808824607361757984921528]", with: "[0.3, 0.6]"))
        let lazyResult = try ThresholdAndBasinTests.verify(lazy, claim: "K10: beta(inf) (mpmath)")
        #expect(Fixture.isCaught(lazyResult), "\(lazyResult.detail)")
        let uncorrected = try #require(Fixtures.text("derivations/kunin_implicit_bias.phc",
            replacing: "gradPsi - psi0*beta0/norm(beta0)) at t = 60 == 0 under downstream", with: "gradPsi) at t = 60 == 0 under downstream"))
        let uncorrectedResult = try ThresholdAndBasinTests.verify(uncorrected, claim: "K10 downstream: the constrained minimiser (Lagrange)")
        #expect(Fixture.isCaught(uncorrectedResult), "\(uncorrectedResult.detail)")
    }
}

/// `converges to x = P, ...`: the flow enters a ball where it certainly contracts (Lyapunov norm at P).
struct ConvergesToTests {
    /// Competitive Lotka-Volterra: x' = x (1 - x - a y), y' = y (1 - y - b x). For a = b = 1/2 the
    /// coexistence point (1/(1 + a), 1/(1 + b)) = (2/3, 2/3) is a stable node (eigenvalues -1/3, -1: by hand);
    /// for a = b = 2 it is (1/3, 1/3), a saddle (eigenvalues 1/3, -1).
    static let competition = """
    param a = 1/2
    param b = 1/2
    state x = 0.1
    state y = 0.2
    ode x' = x*(1 - x - a*y)
    ode y' = y*(1 - y - b*x)
    horizon 5
    claim "coexistence": converges to x = 1/(1 + a), y = 1/(1 + b)
    claim "a digit off": converges to x = 0.6666666666666666666666666660, y = 2/3
    scenario saddle: a = 2, b = 2
    claim "the saddle": converges to x = 1/3, y = 1/3 under saddle
    """

    @Test func aStableNodeAttractsTheStart() throws {
        let result = try ThresholdAndBasinTests.verify(Self.competition, claim: "coexistence")
        #expect(result.status == .holds, "\(result.detail)")
        #expect(result.detail.contains("forward invariant and contracting"))
        // No closed form: the state at t comes from the integration, and the report says so.
        #expect(result.detail.contains("integration's estimate"))
    }

    @Test func aPointWrongInThe28thDigitFails() throws {
        let result = try ThresholdAndBasinTests.verify(Self.competition, claim: "a digit off")
        #expect(result.status == .fails, "\(result.detail)")
    }

    @Test func aSaddleIsUndecidedNotGuessed() throws {
        let result = try ThresholdAndBasinTests.verify(Self.competition, claim: "the saddle")
        #expect(result.status == .undecided, "\(result.detail)")
    }

    @Test func aFocusWithAClosedFormIsCertified() throws {
        // x'' + x' + x = 0 as a system: a stable focus (eigenvalues (-1 +- i sqrt 3)/2), where the max-norm
        // log-norm of the Jacobian is positive; x(t) = e^{-t/2} (cos(s t) + sin(s t)/(2 s) ... ) with s = sqrt(3)/2.
        let text = """
        state x = 1
        state v = 0
        ode x' = v
        ode v' = -x - v
        let s = sqrt(3)/2
        solution x = exp(-t/2)*(cos(s*t) + sin(s*t)/(2*s))
        solution v = -exp(-t/2)*sin(s*t)/s
        claim "closed form": solves ode
        claim "to rest": converges to x = 0, v = 0
        """
        #expect(try ThresholdAndBasinTests.verify(text, claim: "closed form").status == .holds)
        let result = try ThresholdAndBasinTests.verify(text, claim: "to rest")
        #expect(result.status == .holds, "\(result.detail)")
        #expect(result.detail.contains("certified along the closed form"))
    }
}
