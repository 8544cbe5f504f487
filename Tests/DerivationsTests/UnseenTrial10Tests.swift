import Foundation
import PhasecheckDerivations
import Testing

/// Fresh trials (tenth session) on derivations written here as a demanding user would, from papers not bundled and
/// not used by earlier fixtures: Su, Boyd and Candes's ODE of Nesterov's method (x01, a non-autonomous flow, and a
/// scenario the closed form does not cover), Wan et al.'s spherical motion under weight decay (x02, a map's fixed
/// point and a width limit), Mandt, Hoffman and Blei's stationary covariance of SGD (x03, matrix maps, vector noise of a
/// `dim` size, Monte Carlo), Ben Arous, Gheissari and Jagannath's information exponent (x04, a conserved F(m) - t and
/// the escape time as d grows), Tian, Chen and Ganguli's non-contrastive SSL (x05), Ziyin, Li and Meng's weight decay
/// at depth 2 and 3 (x06, saddles, a stability change and a first-order threshold along the flow), Lee et al.'s
/// linearized wide network (x07, expm), Tanaka and Kunin's Noether charge with momentum (x08), Gissin et al.'s
/// incremental learning at depth 4 (x09) and Ziyin et al.'s multiplicative minibatch noise (x10, a mean map over two
/// noises and a Monte Carlo). Every number the files state comes from x_trials.mpmath.py (output in
/// x_trials.mpmath.out). Each correct file holds; in each `_planted` twin the PLANTED claim is caught.
struct UnseenTrial10Tests {
    static let files = ["x01_su_boyd_candes_ode", "x02_spherical_motion", "x03_mandt_sgd_covariance", "x04_information_exponent",
                        "x05_tian_directpred", "x06_ziyin_weight_decay", "x07_lee_linearized", "x08_noether_momentum",
                        "x09_gissin_incremental", "x10_minibatch_noise"]

    /// Among them, five classes that failed, errored or stayed undecided on main: x01's r = 3 claims FAILED along the
    /// r = 2 closed form (a scenario's values are no longer judged along a closed form that certainly does not solve
    /// their flow); x03 could not be read (`noise xi[n]` with a `dim` n) and, once read, its noise-free skeleton was an
    /// ERROR (`B @ 0`: a vector noise switched off became a scalar); x06's stability change at lam = 1 and its saddle at
    /// lam = 1/2 were undecided (eigenvalues +-1/2 with a triple -1/2 stop the Routh array at a zero row, and the multiple
    /// root leaves the spectrum incomplete: the roots right of the axis are now counted alone).
    @Test(arguments: files)
    func everyClaimHolds(file: String) throws {
        let results = try Fixture.results(file, configure: Fixture.trialConfiguration)
        #expect(results.count >= 5, "\(file)")
        Fixture.expectPlantedOnlyFail(results, file: file)
    }

    /// Only the planted claim is verified (the twin's other claims are the correct file's, checked there).
    @Test(arguments: files)
    func thePlantedClaimIsCaught(file: String) throws {
        try Fixture.expectPlantedClaimCaught(file, configure: Fixture.trialConfiguration)
    }

    /// `converges` along the iteration FAILED a true limit whose gap was still falling sixteenfold over the second half
    /// of the steps (x10's second moment m -> eta s^2/(2 - 3 eta) at rate 0.83 a step, 30 steps; the map also draws
    /// noise, so no contraction certificate): it failed unless the gap fell a thousandfold. A gap that falls at least
    /// twofold is still the transient, and the claim is undecided; one that stops falling (a wrong limit) still FAILS.
    @Test func aConvergenceStillFallingTwofoldIsNotAFailure() throws {
        let text = try String(contentsOf: Fixture.folder.appendingPathComponent("x10_minibatch_noise.phc"), encoding: .utf8) + """
        claim "m -> m* (true; 30 steps are too few)": converges m to eta*s^2/(2 - 3*eta)
        claim "m -> 1 (wrong)": converges m to 1

        """
        let results = try Fixture.results("x10_converges", text: text, keep: { $0.hasPrefix("m -> ") })
        // The moment map m reads only m (the noise is in e), so since the eleventh session its limit is certified by
        // contraction on that part of the map, 30 steps or not; the wrong limit still FAILS.
        #expect(results["m -> m* (true; 30 steps are too few)"]?.status == .holds, "\(results.mapValues(\.detail))")
        #expect(results["m -> m* (true; 30 steps are too few)"]?.detail.contains("certified by contraction") == true)
        #expect(results["m -> 1 (wrong)"]?.status == .fails, "\(results.mapValues(\.detail))")
    }

    /// A claim given to k digits shows k as its required digits whatever its verdict: an ERROR showed `-/30 digits`
    /// (the check that lowers it had not reached that point when the error was thrown).
    @Test func anErrorShowsTheDigitsItsReferenceIsKnownTo() throws {
        let text = """
        state x = 1
        ode x' = -x
        claim "a point given to 12 digits that is not finite": fixedpoint p = [log(-1)] digits 12
        claim "given to more digits than asked": fixedpoint q = [log(-1)] digits 40
        """
        let results = try Fixture.results("digits_on_error", text: text)
        // No real point equals log(-1): FAILS, with or without `digits` (ConsistencyEleventhTests).
        #expect(results.values.allSatisfy { $0.status == .fails }, "\(results.mapValues(\.detail))")
        #expect(results.mapValues(\.requiredDigits) == ["a point given to 12 digits that is not finite": 12, "given to more digits than asked": 30])
    }
}
