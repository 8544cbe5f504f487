import Foundation
import PhasecheckDerivations
import Testing

/// A user's corpus of derivations of published results (Fixtures/u01 to u11: Tarmoun et al. 2021, Atanasov et
/// al. 2021, logistic and Gompertz growth, Lotka-Volterra, a quadratic's matrix exponential, ReLU and abs
/// kinks, the harmonic oscillator, identities alone, Arora et al. 2018, limits in t, Yang and Hu's
/// abc-parameterization), every claim confirmed by `user_corpus.mpmath.py` (output in
/// `user_corpus.mpmath.out`). Each correct file holds; each `_planted` twin changes one claim (named
/// PLANTED) and FAILS there and nowhere else. `user_corpus_plant.py` plants an error in every claim (80, all
/// caught). Checked at 3 parameter sets and 3 times to stay fast (the verdicts are those of the defaults).
struct UserCorpusTests {
    static let files = ["u01_tarmoun_imbalance", "u02_silent_alignment", "u03_logistic_gompertz", "u04_lotka_volterra",
                        "u05_quadratic_expm", "u06_relu_kink", "u07_oscillator", "u08_identities", "u09_arora_depth3",
                        "u10_limits", "u11_abc_linear"]

    static func results(_ file: String) throws -> [String: ClaimResult] {
        try Fixture.results(file) { $0.parameterDraws = 3; $0.timeSamples = 3 }
    }

    @Test(arguments: files)
    func everyClaimHolds(file: String) throws {
        let results = try Self.results(file)
        #expect(!results.isEmpty)
        Fixture.expectPlantedOnlyFail(results, file: file)
    }

    @Test(arguments: files)
    func thePlantedTwinFailsWherePlanted(file: String) throws {
        let planted = file + "_planted"
        // u11: `region kernel: e_dh <= 0` claims the plane e_dh = 0, where features are learned: both the kernel
        // region and the feature-learning region it overlaps fail there.
        Fixture.expectPlantedTwin(try Self.results(planted), file: planted, failingTogether:
            file == "u11_abc_linear" ? ["region kernel: e_dh <= 0", "region feature_learning: e_dh == 0"] : [])
    }
}

/// Limits in t judged against the scale at t = H (issue 10 item 2): a quantity that decays without cancelling
/// reaches 0, an amplified cancellation does not accept a wrong constant, and one that has settled away fails.
struct TimeLimitScaleTests {
    static let model = """
    param k = 1.5 in (0.5, 3)
    param c = 2 in (0.5, 3)
    state x = 0
    ode x' = c - k*x
    horizon 10
    """

    @Test func aDecayingQuantityReachesZeroAndAPlantedLimitFails() throws {
        // t^3 e^(-kt) -> 0; its scale falls with it, so only a target fixed at t = H can be met.
        let r = try Fixture.results("limit0", text: Self.model + "\nclaim \"decay\": value t^3*exp(-k*t) at t = inf == 0\nclaim \"decay (PLANTED)\": value t^3*exp(-k*t) at t = inf == 10^-20")
        Fixture.expectPlantedOnlyFail(r, file: "limit0")
    }

    @Test func anAmplifiedCancellationIsConstantAndAPlantedConstantFails() throws {
        // (x - c/k) e^(kt) = x0 - c/k = -4/3 exactly; along the integration its enclosure widens with t.
        let r = try Fixture.results("limitc", text: Self.model + "\nclaim \"constant\": value (x - c/k)*exp(k*t) at t = inf == -c/k\nclaim \"constant (PLANTED)\": value (x - c/k)*exp(k*t) at t = inf == -c/k*(1 + 10^-12)")
        Fixture.expectPlantedOnlyFail(r, file: "limitc")
        #expect(r["constant (PLANTED)"]?.detail.contains("settled away") ?? false)
    }
}

/// `solves ode` and `invariant` are checked at the file's values and again at seeded random draws: a `/p`
/// written as `*p` for a parameter p that is 1 at the file's values agrees there (issue 10, the mutants that
/// survived), and must fail at a draw.
struct RandomRedrawTests {
    static func verify(_ text: String) throws -> [String: ClaimResult] {
        try Fixture.results("redraw", text: text) { $0.timeSamples = 3 }
    }

    static let model = """
    param p = 1 in (0.5, 2)
    state x = 1
    state u = 1
    state w = 0
    ode x' = -x/p
    ode u' = w/p
    ode w' = -u*p
    horizon 3
    """

    @Test func aClosedFormWithTimesForDivideFailsAtADraw() throws {
        let right = try Self.verify(Self.model + "\nsolution x = x0*exp(-t/p)\nsolution u = cos(t)\nsolution w = -p*sin(t)\nclaim \"closed form\": solves ode")
        #expect(right["closed form"]?.status == .holds, "\(right["closed form"]!.detail)")
        #expect(right["closed form"]?.detail.contains("again at 3 random draws") ?? false)
        let wrong = try Self.verify(Self.model + "\nsolution x = x0*exp(-t*p)\nsolution u = cos(t)\nsolution w = -p*sin(t)\nclaim \"closed form\": solves ode")
        let r = try #require(wrong["closed form"])
        #expect(r.status == .fails, "\(r.detail)")
        // The failure names the drawn p (not 1) and the check (the residual of x).
        let p = try #require(r.worstCase.first { $0.name == "p" }.flatMap { Double($0.value) })
        #expect(p != 1 && p > 0.5 && p < 2)
        #expect(r.worstCase.contains { $0.name == "state" && $0.value == "x" })
    }

    @Test func anInvariantWithTimesForDivideFailsAtADraw() throws {
        // d/dt (u^2 + w^2/p^2) = 2 u w/p - 2 w u p/p^2 = 0; u^2 + w^2*p^2 is conserved only at p = 1.
        let right = try Self.verify(Self.model + "\nclaim \"energy\": invariant u^2 + w^2/p^2")
        #expect(right["energy"]?.status == .holds, "\(right["energy"]!.detail)")
        let wrong = try Self.verify(Self.model + "\nclaim \"energy\": invariant u^2 + w^2*p^2")
        #expect(wrong["energy"]?.status == .fails, "\(wrong["energy"]!.detail)")
        #expect(wrong["energy"]?.worstCase.contains { $0.name == "p" && $0.value != "1" } ?? false)
    }

    @Test func aScenariosValuesAreKept() throws {
        // Under a scenario that sets p, p is not drawn: nothing else has a domain, so the file's check is all.
        let text = Self.model + "\nscenario fast: p = 1\nsolution x = x0*exp(-t*p)\nsolution u = cos(t)\nsolution w = -p*sin(t)\nclaim \"at p = 1\": solves ode under fast"
        let r = try #require(try Self.verify(text)["at p = 1"])
        #expect(r.status == .holds, "\(r.detail)")
        #expect(!r.detail.contains("random draw"))
    }
}
