import Foundation
import PhasecheckDerivations
import Testing

/// Fresh trials (eleventh session) of expectations and stochastic dynamics on papers no earlier fixture used: the NTK of
/// a two-layer ReLU network at initialization (y01, Jacot et al.: rotated Gaussian kinks and a Monte Carlo), Nesterov and
/// Spokoiny's Gaussian smoothing and random gradient-free oracle (y02), Mobahi and Fisher's Gaussian continuation of a
/// tilted double well (y03, a smoothed loss, a fixed point and a threshold of w(10)), LMS with uniform inputs (y04,
/// kurtosis 9/5 in a moment map), Rademacher and Gaussian averages (y05: Khintchine, Massart, three rotated normals) and
/// Yaida's fluctuation-dissipation relation of SGD (y06, a moment map beside its Monte Carlo). Every number the files state
/// comes from y_stochastic_trials.mpmath.py (output in y_stochastic_trials.mpmath.out). Each correct file holds; in each
/// `_planted` twin the PLANTED claim is caught.
struct UnseenTrial11Tests {
    static let files = ["y01_jacot_ntk_relu", "y02_nesterov_gaussian_smoothing", "y03_mobahi_gaussian_continuation",
                        "y04_lms_uniform_inputs", "y05_rademacher_gaussian_averages", "y06_yaida_fdr"]

    /// Three classes that errored or failed on main: y01's E relu(w.y)^2 over w = (xi, eta) with y = (c, s) parameters was
    /// an error (the rotation left w's slope `0*c*s/sqrt(c^2 + s^2)`, not 0); y05's Gaussian average of three normals
    /// had no closed form (the rotation took two variables only); y06's `mean of th2^2 ... == m2` compared with m2's start 0
    /// and FAILED at z = 43 (a V that reads a state is now its iterate at the step).
    @Test(arguments: files)
    func everyClaimHolds(file: String) throws {
        let results = try Fixture.results(file, configure: Fixture.trialConfiguration)
        #expect(results.count >= 4, "\(file)")
        Fixture.expectPlantedOnlyFail(results, file: file)
    }

    @Test(arguments: files)
    func thePlantedClaimIsCaught(file: String) throws {
        try Fixture.expectPlantedClaimCaught(file, configure: Fixture.trialConfiguration)
    }

    /// Two normal variables combined with symbolic coefficients: the rotation along (a, b) = (c, s) must leave w out of
    /// the kink (its slope s c - c s is 0 for the scalars c and s). References: E max(A, 0)^2 = (c^2 + s^2)/2 and
    /// E max(A, 0) = sqrt(c^2 + s^2)/sqrt(2 pi) for A = c xi + s eta (A is normal(0, c^2 + s^2)).
    @Test func aKinkAlongSymbolicCoefficientsOfTwoNormalsHasAClosedForm() throws {
        let text = """
        param c = 3/5
        param s = 4/5 in (1/10, 2)
        claim "relu^2": expectation expect(max(c*xi + s*eta, 0)^2, xi ~ normal(0, 1), eta ~ normal(0, 1)) == (c^2 + s^2)/2
        claim "relu": identity expect(max(c*xi + s*eta, 0), xi ~ normal(0, 1), eta ~ normal(0, 1)) == sqrt(c^2 + s^2)/sqrt(2*pi)
        claim "relu, wrong": expectation expect(max(c*xi + s*eta, 0), xi ~ normal(0, 1), eta ~ normal(0, 1)) == 1/2
        """
        let results = try Fixture.results("rotation_symbolic", text: text, configure: Fixture.trialConfiguration)
        #expect(results["relu^2"]?.status == .holds, "\(results.mapValues(\.detail))")
        #expect(results["relu"]?.status == .holds, "\(results.mapValues(\.detail))")
        #expect(results["relu, wrong"]?.status == .fails, "\(results.mapValues(\.detail))")
    }

    /// Three and four independent normals in one kink: rotated two at a time into one. E|x.g| = |x| sqrt(2/pi) and
    /// E max(g.x + 1, 0) = |x| phi(1/|x|) + Phi(1/|x|) (the ramp of a normal(1, |x|^2)), here |x| = sqrt(30) (mpmath:
    /// sqrt(30)*npdf(1/sqrt(30)) + ncdf(1/sqrt(30)) = 2.7214143165...).
    @Test func aKinkOfThreeOrFourNormalsHasAClosedForm() throws {
        let text = """
        claim "three": expectation expect(abs(g1 + 2*g2 + 3*g3), g1 ~ normal(0, 1), g2 ~ normal(0, 1), g3 ~ normal(0, 1)) == sqrt(14)*sqrt(2/pi)
        claim "four": expectation expect(max(g1 + 2*g2 + 3*g3 + 4*g4 + 1, 0), g1 ~ normal(0, 1), g2 ~ normal(0, 1), g3 ~ normal(0, 1), g4 ~ normal(0, 1)) == sqrt(30)*exp(-1/60)/sqrt(2*pi) + (1 + erf(1/sqrt(60)))/2
        claim "three, wrong": expectation expect(abs(g1 + 2*g2 + 3*g3), g1 ~ normal(0, 1), g2 ~ normal(0, 1), g3 ~ normal(0, 1)) == 3
        """
        let results = try Fixture.results("rotation_three", text: text, configure: Fixture.trialConfiguration)
        #expect(results["three"]?.status == .holds, "\(results.mapValues(\.detail))")
        #expect(results["four"]?.status == .holds, "\(results.mapValues(\.detail))")
        #expect(results["three, wrong"]?.status == .fails, "\(results.mapValues(\.detail))")
    }

    /// `mean of E at step n ... == V` with V reading a state: V is that state's iterate at step n (a moment map beside its
    /// Monte Carlo), not its start; a V reading a state that draws noise is an error saying so.
    @Test func aMeanComparedWithAStateReadsItsIterateAtTheStep() throws {
        let text = try String(contentsOf: Fixture.folder.appendingPathComponent("y06_yaida_fdr.phc"), encoding: .utf8) + """
        claim "E th1^2 at step 5 is m1": mean of th1^2 at step 5 over 4000 paths == m1 within 4 standard errors
        claim "E th1^2 at step 5 is m1 + 0.01 (wrong)": mean of th1^2 at step 5 over 4000 paths == m1 + 0.01 within 4 standard errors
        claim "against a noisy state": mean of th1 at step 5 over 100 paths == th2 within 4 standard errors

        """
        let results = try Fixture.results("y06_mean_state", text: text, configure: Fixture.trialConfiguration, keep: { $0.hasPrefix("E th1") || $0.hasPrefix("against") })
        #expect(results["E th1^2 at step 5 is m1"]?.status == .holds, "\(results.mapValues(\.detail))")
        #expect(results["E th1^2 at step 5 is m1 + 0.01 (wrong)"]?.status == .fails, "\(results.mapValues(\.detail))")
        let noisy = try #require(results["against a noisy state"])
        #expect(noisy.status == .error && noisy.detail.contains("whose map draws noise"), "\(noisy.detail)")
    }
}
