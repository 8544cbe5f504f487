import Foundation
import PhasecheckDerivations
import PhasecheckExpressions
import PhasecheckTestSupport
import Testing

/// Fixed-point and stability claims on derivations written from papers, each with a planted mistake.
/// References: Fixtures/fixed_points.mpmath.py (mpmath 1.3, 40 digits), its output quoted beside each value.
struct FixedPointClaimTests {
    static func verify(_ text: String, claim name: String) throws -> ClaimResult {
        let derivation = try DerivationParser.parse(text, file: "fixed.phc")
        let claim = try #require(derivation.claims.first { $0.name == name }, "no claim \(name)")
        return Verifier(derivation: derivation, options: VerifyOptions()).verify(claim)
    }

    /// Lotka-Volterra competition (Lotka 1925, Volterra 1926): coexistence at ((1 - a)/(1 - ab), (1 - b)/(1 - ab))
    /// = (0.6, 0.8) for a = 1/2, b = 1/3, with eigenvalues -1 and -0.4 (mpmath.eig).
    static let competition = """
    param a = 1/2 in (0, 1)
    param b = 1/3 in (0, 1)
    state u = 0.1
    state v = 0.2
    ode u' = u*(1 - u - a*v)
    ode v' = v*(1 - v - b*u)
    claim "coexistence": fixedpoint both = [(1 - a)/(1 - a*b), (1 - b)/(1 - a*b)]
    claim "coexistence is stable": stable at both
    claim "its eigenvalues": eigenvalues of jacobian at both == [-1, -0.4]
    claim "extinction": fixedpoint none = [0, 0]
    claim "extinction is unstable": unstable at none
    claim "u alone": fixedpoint ualone = [1, 0]
    claim "u alone is a saddle": saddle at ualone
    claim "coexistence found near": fixedpoint near_both near [0.6001, 0.7999]
    """

    @Test(arguments: ["coexistence", "coexistence is stable", "its eigenvalues", "extinction", "extinction is unstable",
                      "u alone", "u alone is a saddle", "coexistence found near"])
    func competitionClaimsHold(claim: String) throws {
        let result = try Self.verify(Self.competition, claim: claim)
        #expect(result.status == .holds, "\(claim): \(result.detail) \(result.compared)")
    }

    @Test(arguments: [
        ("coexistence", "(1 - b)/(1 - a*b)]", "(1 - b)/(1 + a*b)]"),
        ("coexistence is stable", "stable at both", "stable at none"),
        ("extinction is unstable", "unstable at none", "unstable at both"),
        ("u alone is a saddle", "saddle at ualone", "saddle at both"),
        ("its eigenvalues", "[-1, -0.4]", "[-1, -0.5]"),
        ("coexistence found near", "[0.6001, 0.7999]", "[0.6101, 0.7999]"),
    ])
    func competitionMistakesFail(claim: String, original: String, planted: String) throws {
        let result = try Self.verify(Self.competition.replacingOccurrences(of: original, with: planted), claim: claim)
        #expect(result.status == .fails, "\(claim): \(result.status) \(result.detail)")
    }

    @Test func theNearPointIsReportedToTheDigitsAsked() throws {
        let result = try Self.verify(Self.competition, claim: "coexistence found near")
        #expect(result.compared.map(\.value) == ["0.6", "0.8"])
    }

    /// The logistic map x -> r x (1 - x) (May 1976): fixed point 1 - 1/r with multiplier 2 - r: stable at
    /// r = 2.5 (x* = 0.6, multiplier -0.5), unstable at r = 3.2 (x* = 0.6875, multiplier -1.2), and at r = 3
    /// the multiplier is -1, on the unit circle, where linearisation decides nothing.
    static let logistic = """
    param r = 2.5
    state x = 0.1
    map x -> r*x*(1 - x)
    scenario period_doubled: r = 3.2
    scenario boundary: r = 3
    claim "the fixed point": stationary p near 0.6
    claim "stable at r = 2.5": stable at p
    claim "multiplier at r = 2.5": eigenvalues of jacobian at p == -0.5
    claim "the fixed point at 3.2": fixedpoint q = 0.6875 digits 4 under period_doubled
    claim "unstable at 3.2": unstable at q under period_doubled
    claim "multiplier at 3.2": eigenvalues of jacobian at q == -1.2 under period_doubled
    claim "the fixed point at 3": fixedpoint s = 1 - 1/r under boundary
    claim "stable at 3?": stable at s under boundary
    """

    @Test(arguments: ["the fixed point", "stable at r = 2.5", "multiplier at r = 2.5", "the fixed point at 3.2", "unstable at 3.2",
                      "multiplier at 3.2", "the fixed point at 3"])
    func logisticClaimsHold(claim: String) throws {
        let result = try Self.verify(Self.logistic, claim: claim)
        #expect(result.status == .holds, "\(claim): \(result.detail) \(result.compared)")
    }

    @Test func aMultiplierOnTheUnitCircleIsUndecidedNotGuessed() throws {
        let result = try Self.verify(Self.logistic, claim: "stable at 3?")
        #expect(result.status == .undecided)
        #expect(result.detail.contains("unit circle"))
    }

    @Test(arguments: [
        ("stable at r = 2.5", "stable at p", "stable at q under period_doubled"),
        ("multiplier at r = 2.5", "== -0.5", "== -0.4"),
        ("the fixed point at 3.2", "0.6875 digits 4", "0.6876 digits 4"),
    ])
    func logisticMistakesFail(claim: String, original: String, planted: String) throws {
        let result = try Self.verify(Self.logistic.replacingOccurrences(of: original, with: planted), claim: claim)
        #expect(result.status == .fails, "\(claim): \(result.status) \(result.detail)")
    }

    /// A damped Duffing oscillator x' = y, y' = -y/2 + x - x^3: a saddle at 0 (eigenvalues 0.78077640640441513745535246399,
    /// -1.28077640640441513745535246399) and stable foci at (+-1, 0) (eigenvalues -0.25 +- 1.39194109070750548052986782473 i).
    static let duffing = """
    state x = 0.3
    state y = 0
    ode x' = y
    ode y' = -y/2 + x - x^3
    claim "origin": stationary o = [0, 0]
    claim "saddle": saddle at o
    claim "origin eigenvalues": eigenvalues of jacobian at o == [-1.28077640640441513745535246399, 0.780776406404415137455352463994] digits 30
    claim "right well": stationary w near [1, 0]
    claim "a real spectrum at the well?": eigenvalues of jacobian at w == [-0.3, -0.2]
    claim "one point in a wide box?": fixedpoint all near [0, 0] within 2
    """

    @Test func duffingHasASaddleAndAFocus() throws {
        #expect(try Self.verify(Self.duffing, claim: "saddle").status == .holds)
        #expect(try Self.verify(Self.duffing, claim: "origin eigenvalues").status == .holds)
        let well = try Self.verify(Self.duffing, claim: "right well")
        #expect(well.status == .holds)
        #expect(well.compared.first { $0.name == "stability" }?.value == "stable focus")
        // -0.25 +- 1.39194109070750548052986782473 i, shown with the 20 digits reports certify at most.
        #expect(well.compared.first { $0.name == "eigenvalues of the jacobian" }?.value == "-0.25 +- 1.3919410907075054805 i")
    }

    @Test func aComplexPairIsNotTheClaimedRealSpectrum() throws {
        #expect(try Self.verify(Self.duffing, claim: "a real spectrum at the well?").status == .fails)
    }

    @Test func threeFixedPointsInTheBoxFailAUniquenessClaim() throws {
        let result = try Self.verify(Self.duffing, claim: "one point in a wide box?")
        #expect(result.status == .fails)
        #expect(result.worstCase.first?.value == "3")
    }

    @Test func aCentreIsUndecided() throws {
        let centre = "state x = 1\nstate y = 0\node x' = y\node y' = -x\nclaim \"origin\": fixedpoint o = [0, 0]\nclaim \"stable?\": stable at o\n"
        let result = try Self.verify(centre, claim: "stable?")
        #expect(result.status == .undecided)
        #expect(result.detail.contains("imaginary axis"))
    }

    /// Gradient flow on (u w - 1)^2 / 2 has a curve of fixed points u w = 1: none of them is isolated.
    @Test func aCurveOfFixedPointsIsUndecided() throws {
        let curve = "state u = 1\nstate w = 1\node u' = -(u*w - 1)*w\node w' = -(u*w - 1)*u\nclaim \"isolated?\": fixedpoint p near [1, 1]\n"
        #expect(try Self.verify(curve, claim: "isolated?").status == .undecided)
    }

    @Test(arguments: [
        ("claim \"s\": stable at nowhere", "which no `fixedpoint` or `stationary` claim declares"),
        ("claim \"p3\": fixedpoint p3 = [0, 0, 0]", "has 3 coordinates; expected one per state component (u, v, in that order)"),
        ("claim \"s\": stable at both under other", "it must be checked under the same scenario (drop `under`)"),
        ("claim \"again\": fixedpoint both = [0, 0]", "the fixed point both is declared twice"),
        ("claim \"e\": eigenvalues of jacobian at both == [-1]", "gives 1 eigenvalue; the Jacobian of 2 state components has 2"),
        ("claim \"t\": fixedpoint pt = [t, 0]", "uses `t`; expected constants"),
    ])
    func badClaimsAreInputErrors(line: String, message: String) {
        let text = Self.competition + "\nscenario other: a = 1/4\n" + line + "\n"
        #expect(throws: DerivationError.self) { try DerivationParser.parse(text, file: "fixed.phc") }
        do { _ = try DerivationParser.parse(text, file: "fixed.phc") } catch { #expect("\(error)".contains(message), "\(error)") }
    }

    /// Oja's rule (Oja 1982) for a weight vector, w' = C w - (w.C w) w with C = [[2, 1], [1, 2]]: a vector state.
    /// Fixed points 0 and the unit eigenvectors +-(1, 1)/sqrt(2) (eigenvalue 3) and +-(1, -1)/sqrt(2) (eigenvalue 1);
    /// SymPy (sympy.solve and Matrix.eigenvals, run for this test): the Jacobian's eigenvalues are 3, 1 at 0
    /// (unstable), -6, -2 at the top eigenvector (stable: Oja's rule finds the principal component) and -2, 2 at the
    /// other (a saddle).
    static let oja = """
    param c = 2
    param e = 1
    state w[2] = [0.3, 0.1]
    let C = [[c, e], [e, c]]
    ode w' = C @ w - dot(w, C @ w)*w
    claim "the origin": fixedpoint origin = [0, 0]
    claim "the origin is unstable": unstable at origin
    claim "the principal component": fixedpoint top = [sqrt(1/2), sqrt(1/2)]
    claim "it is stable": stable at top
    claim "its eigenvalues": eigenvalues of jacobian at top == [-6, -2]
    claim "the minor component": fixedpoint minor near [0.7071, -0.7071]
    claim "it is a saddle": saddle at minor
    claim "its eigenvalues are -2 and 2": eigenvalues of jacobian at minor == [-2, 2]
    claim "PLANTED: the minor component is stable": stable at minor
    claim "PLANTED: a wrong principal component": fixedpoint wrong = [sqrt(1/2), 0.7]
    """

    @Test(arguments: ["the origin", "the origin is unstable", "the principal component", "it is stable", "its eigenvalues",
                      "the minor component", "it is a saddle", "its eigenvalues are -2 and 2"])
    func ojasRuleOnAVectorState(claim: String) throws {
        let r = try Self.verify(Self.oja, claim: claim)
        #expect(r.status == .holds, "\(claim): \(r.status) \(r.detail)")
    }

    @Test func ojasPlantedMistakesFail() throws {
        for claim in ["PLANTED: the minor component is stable", "PLANTED: a wrong principal component"] {
            #expect(try Self.verify(Self.oja, claim: claim).status == .fails, "\(claim)")
        }
        let wrongCount = Self.oja.replacingOccurrences(of: "fixedpoint origin = [0, 0]", with: "fixedpoint origin = [0, 0, 0]")
        // A point with the wrong number of coordinates is refused when the file is read, at the claim's line.
        let error = #expect(throws: (any Error).self) { try Self.verify(wrongCount, claim: "the origin") }
        #expect(error.map { "\($0)" }?.contains("has 3 coordinates; expected one per state component (w[1], w[2], in that order)") == true,
                "\(String(describing: error))")
    }
}
