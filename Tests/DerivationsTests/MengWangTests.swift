import Foundation
import PhasecheckDerivations
import PhasecheckTestSupport
import Testing

/// derivations/meng_wang_contrastive.phc (a reconstruction of Meng and Wang 2024): the claims at the file's
/// own values (tau = 1/10, s2 = 0) and the Ito term, against Fixtures/meng_wang.mpmath.py (mpmath findroot and
/// eig at 40 digits; its output, meng_wang.mpmath.out, quoted beside each value), which agrees with
/// ../shared/spec/seed-systems.md section 3.5 (M3, M4, M10). The scenarios at tau = 1/2 take minutes in a
/// debug build; they are checked in full by Benchmarks/mutation_testing.py (release build; Benchmarks/README.md).
struct MengWangTests {
    static let file = "derivations/meng_wang_contrastive.phc"

    static func verify(_ name: String, text: String? = nil) throws -> ClaimResult {
        let source = try #require(text ?? Fixtures.text(file))
        let derivation = try DerivationParser.parse(source, file: file)
        let claim = try #require(derivation.claims.first { $0.name == name }, "no claim \(name)")
        return Verifier(derivation: derivation, options: VerifyOptions()).verify(claim)
    }

    @Test(arguments: [
        "L_Q and L_R are the partial derivatives of L", "Q = 0 is invariant",
        "the uninformative state (tau = 1/10, s2 = 0)", "R0 to 22 digits (tau = 1/10, s2 = 0)",
        "growth rate g0 = 0.0403869... at the uninformative state", "the uninformative state is a saddle (tau = 1/10, s2 = 0)",
        "the informative fixed point (tau = 1/10, s2 = 0)", "Q*, R* to 22 digits (tau = 1/10, s2 = 0)",
        "the informative state is stable (tau = 1/10, s2 = 0)", "the informative state's eigenvalues (tau = 1/10, s2 = 0)",
        "sparse c: the same growth rate g0", "Lambda(0.3, 0.6) at rho = -1",
        // M1: exact rationals of Fixtures/meng_wang_sgd_point.mpmath.py; M11: Fixtures/meng_wang_two_features.mpmath.py
        // (the two-feature model's 3x3 Jacobian, mpmath eig at 40 digits).
        "M1: Q' at the Monte Carlo's point (rho = 0)", "M1: the Ito part tau^2 Lambda there (rho = -1/2)",
        "M11: feature 1 grows there (+0.00438): the feature-2 state is a saddle",
        "M11: at the feature-1 state feature 2 decays: it is stable", "M11: m2 = 2, the other feature grows at the same rate",
    ])
    func holds(claim: String) throws {
        let result = try Self.verify(claim)
        #expect(result.status == .holds, "\(claim): \(result.status) \(result.detail) \(result.compared)")
    }

    /// M9 from the Jacobian: the uninformative state turns from a saddle into a stable node at tau_c =
    /// 0.5024462938754014119415994209825572738876 (Fixtures/threshold_stability.mpmath.py: the root in tau of the
    /// larger eigenvalue of the Jacobian at (0, R0(tau)), mpmath findroot and eig at 50 digits); a wrong 22nd digit fails.
    @Test func theLearnabilityThresholdIsWhereTheUninformativeStateTurnsStable() throws {
        let name = "M9: the uninformative state turns stable at tau_c"
        let result = try Self.verify(name)
        #expect(result.status == .holds, "\(result.detail) \(result.compared)")
        #expect(result.detail.contains("uninformative4: saddle at the bracket's lower end, stable at its upper end"), "\(result.detail)")
        let source = try #require(Fixtures.text(Self.file))
        let planted = source.replacingOccurrences(of: "stability of uninformative4 changes in (0.45, 0.55) == 0.5024462938754014119415994",
                                                  with: "stability of uninformative4 changes in (0.45, 0.55) == 0.5024462938754014119425994")
        #expect(planted != source)
        #expect(try Self.verify(name, text: planted).status == .fails)
    }

    /// The informative point as reported (30 certified digits asked) against
    /// mpmath: Q* = 0.672328718192517648224135654758, R* = 0.566339314176289035858339734114.
    @Test func theInformativePointMatchesMpmath() throws {
        let result = try Self.verify("the informative fixed point (tau = 1/10, s2 = 0)")
        let values = Dictionary(uniqueKeysWithValues: result.compared.map { ($0.name, $0.value) })
        #expect(values["Q"].map { "0.672328718192517648224135654758".hasPrefix(String($0.prefix(28))) } == true, "\(values)")
        #expect(values["R"].map { "0.566339314176289035858339734114".hasPrefix(String($0.prefix(28))) } == true, "\(values)")
    }

    /// The uninformative state's spectrum as `stationary` reports it: g0 = 0.0403869381581866674471027708157 and
    /// dR'/dR = -0.145228974529251975186779587424 (mpmath), a saddle.
    @Test func theUninformativeSpectrumMatchesMpmath() throws {
        let result = try Self.verify("the uninformative state (tau = 1/10, s2 = 0)")
        let values = Dictionary(uniqueKeysWithValues: result.compared.map { ($0.name, $0.value) })
        #expect(values["eigenvalues of the jacobian"] == "-0.14522897452925197519, 0.040386938158186667447", "\(values)")
        #expect(values["stability"] == "saddle")
    }

    /// M11's transverse rate is the two-feature model's eigenvalue only at the selected state: at the feature-2
    /// state's coordinates moved by 10^-6 it certainly differs from +0.00438119467324289828369375 (a wrong value FAILS,
    /// it does not just lose digits), and with m2 = 2 for the other feature it is no longer that eigenvalue either.
    @Test func theTransverseRateIsCheckedAtTheSelectedState() throws {
        let text = try #require(Fixtures.text(Self.file))
        let claim = "M11: feature 1 grows there (+0.00438): the feature-2 state is a saddle"
        let moved = text.replacingOccurrences(of: "Q = 0.218774472430731832753637821674,", with: "Q = 0.218775472430731832753637821674,")
        #expect(try Self.verify(claim, text: moved).status == .fails)
        let m2 = text.replacingOccurrences(of: "let g_other = -tau*(2*m2*", with: "let g_other = -tau*(4*m2*")
        #expect(try Self.verify(claim, text: m2).status == .fails)
    }

    /// "Only <c^2> matters at the uninformative state": another m4 in the sparse scenario leaves g0 unchanged,
    /// another m2 changes it (R0 involves no moment at all: R' at Q = 0 has none).
    @Test func onlyTheSecondMomentMovesTheGrowthRate() throws {
        let text = try #require(Fixtures.text(Self.file))
        let m4 = text.replacingOccurrences(of: "scenario sparse: m4 = 4,", with: "scenario sparse: m4 = 9,")
        #expect(try Self.verify("sparse c: the same growth rate g0", text: m4).status == .holds)
        let m2 = text.replacingOccurrences(of: "scenario sparse: m4 = 4,", with: "scenario sparse: m2 = 2, m4 = 4,")
        #expect(try Self.verify("sparse c: the same uninformative state", text: m2).status == .holds)
        #expect(try Self.verify("sparse c: the same growth rate g0", text: m2).status == .fails)
    }
}
