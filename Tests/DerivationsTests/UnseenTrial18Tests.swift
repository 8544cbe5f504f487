import Foundation
import PhasecheckDerivations
import Testing

/// Fresh trials (eighteenth session) on closed forms, conserved quantities, gradient-descent maps and fixed points, written
/// here as a user would from papers no earlier fixture used: Tarmoun et al.'s Riccati closed form and conserved imbalance
/// of a two-layer linear network (t18_tarmoun_riccati), Woodworth et al.'s diagonal linear network and its
/// hyperbolic-entropy limit (t18_woodworth_diagonal), Zhu et al.'s minimalist edge-of-stability example as a two-step GD
/// map with its period-2 orbit (t18_minimalist_eos), Saad and Solla's order-parameter flow with erf units
/// (t18_saad_solla) and Gidel et al.'s sequential learning of modes by discrete GD (t18_gidel_discrete). Every number the
/// files state comes from the `.mpmath.py` or `.sympy.py` script beside each fixture (output in its `.out`); the twins are
/// written by r_trials18_twins.py. Each correct file holds but for the claims named below; in each `_planted` twin every
/// claim marked PLANTED (a digit, a sign, a factor, a transpose, the textbook guess where the paper differs) FAILS.
///
/// The edge-of-stability limit is a point of a curve of minima (no contraction certificate), judged along the iteration,
/// where E must also have settled to 10^-30 of V over the second half of the run, whatever digits V is given to: after
/// 1500 two-steps (multiplier 0.96) `converges 2 (x^2 + y^2) to V digits 20` was undecided (it moved by 10^-13 over the
/// second half), so the file runs 3600. Not held, and why: Saad and Solla's I3 averages over two correlated fields
/// (the student's and the teacher's) are undecided: their integrands grow like a power of the standardized variables
/// (a field times erf times a Gaussian factor), and the two-variable tensor rule bounds its tails only for a bounded
/// integrand (the one-variable rule bounds a power of |z| times a constant). The one-field I3(x, x, x), the erf-erf
/// average and E g(x)^2 hold (the generalisation error as one two-variable average held too, in 340 s of a debug build, so
/// the file states its one-variable term). The referee's first I3 had sqrt(1 + C_aa) where Saad and Solla
/// have 1 + C_aa: phasecheck FAILED the one-field claim (0.15005 against 0.18378), rightly; that slip is now a twin.
struct UnseenTrial18Tests {
    static let files = ["t18_tarmoun_riccati", "t18_woodworth_diagonal", "t18_minimalist_eos", "t18_saad_solla", "t18_gidel_discrete"]

    @Test(arguments: files)
    func everyTrueClaimHolds(file: String) throws {
        let notHeld: [String: String] = switch file {
        case "t18_saad_solla": Dictionary(uniqueKeysWithValues: ["I3(x, y, y)", "I3(x, y, x)", "I3(x, x, y)"].map { ($0, "the tails' share cannot be bounded") })
        default: [:]
        }
        try Fixture.expectTrialFileHolds(file, minimumClaims: 11, notHeld: notHeld, status: .undecided)
    }

    @Test(arguments: files)
    func everyPlantedClaimFails(file: String) throws {
        try Fixture.expectEveryPlantedClaimFails(file, minimum: 5)
    }
}

extension UnseenTrial18Tests {
    /// `identity L == R` whose sides read the states of a file of `map` lines was an ERROR ("state `x` has no ODE: it is
    /// iterated by its `map` line"), so the exact identities of one GD step of the minimalist example could not be stated.
    /// Such an identity is now compared at steps spread over the iteration (and at random draws), exactly when L - R
    /// expands to 0. The rotation by (3/5, 4/5) keeps x^2 + y^2: (3x - 4y)^2 + (4x + 3y)^2 = 25 (x^2 + y^2) (exact), and
    /// from (1, 0) x^2 + y^2 stays 1 at every step (not an expansion to 0: compared along the iteration); x1^2 = x^2 fails
    /// (0.36 against 1 at step 1), and an identity reading a noisy state is an error pointing at `mean of`.
    @Test func anIdentityInTheStatesOfMapsIsComparedAlongTheIteration() throws {
        let text = """
        param k = 2 in (1, 3)
        noise xi ~ normal(0, 1)
        state x = 1
        state y = 0
        state z = 0
        let x1 = (3*x - 4*y)/5
        let y1 = (4*x + 3*y)/5
        map x -> x1
        map y -> y1
        map z -> z + xi
        descent steps 20
        claim "one step keeps x^2 + y^2": identity x1^2 + y1^2 == x^2 + y^2
        claim "which stays 1 from (1, 0)": identity x^2 + y^2 == 1
        claim "x^2 alone (wrong)": identity x1^2 == x^2
        claim "a scaled radius (wrong)": identity k*(x^2 + y^2) == 2
        claim "a noisy state": identity z == 0
        """
        let results = try Fixture.results("map_identity", text: text)
        let exact = try #require(results["one step keeps x^2 + y^2"])
        #expect(exact.status == .holds && exact.detail.contains("exactly") && exact.detail.contains("steps along the iteration"), "\(exact.status) \(exact.detail)")
        let stays = try #require(results["which stays 1 from (1, 0)"])
        #expect(stays.status == .holds && stays.worstCase.contains { $0.name == "step" }, "\(stays.status) \(stays.detail)")
        for name in ["x^2 alone (wrong)", "a scaled radius (wrong)"] {
            #expect(results[name]?.status == .fails, "\(name): \(results[name].map { "\($0.status) \($0.detail)" } ?? "missing")")
        }
        let noisy = try #require(results["a noisy state"])
        #expect(noisy.status == .error && noisy.detail.contains("mean of E at step n"), "\(noisy.status) \(noisy.detail)")
    }
}

/// Review 14c: claims along a map's iteration where it diverges, and the initial state.
extension UnseenTrial18Tests {
    /// A random draw whose iteration passes 10^30 was rejected before any of its steps was compared, so a claim false at
    /// the steps it reached held (13 of 13 draws rejected, "again at 0 random draws"). With x -> a x^2 from x = 1 and a
    /// drawn in (1/2, 2): x1 = a exactly, so for a > 1 min(x1, 1) = 1 != x1 at step 1 (a certain failure, exact arithmetic),
    /// before x_n = a^(2^n - 1) passes 10^30; the file's a = 1/2 gives x_n = 2^(1 - 2^n) <= 1, where it holds. For the
    /// map x -> (x^2 + 1)/2 from x = a, min(x, 1) - x is -1/2 at step 0 and 1 - 13/8 = -5/8 at step 1 for a = 3/2
    /// (x1 = (9/4 + 1)/2 = 13/8), not conserved, while from a = 199/200 the iterates stay below 1 (x - 1 -> (x - 1)(x + 1)/2).
    @Test func aDivergingDrawIsComparedAtTheStepsItReached() throws {
        let text = """
        param a = 1/2 in (1/2, 2)
        param b = 199/200 in (99/100, 2)
        state x = 1
        state y = b
        map x -> a*x^2
        map y -> (y^2 + 1)/2
        descent steps 2000
        claim "min (wrong)": identity min(x, 1) == x
        claim "conserved (wrong)": invariant min(y, 1) - y
        """
        let results = try Fixture.results("diverging_draws", text: text)
        for name in ["min (wrong)", "conserved (wrong)"] {
            let r = try #require(results[name])
            #expect(r.status == .fails, "\(name): \(r.status) \(r.detail)")
            let step = r.worstCase.first { $0.name == "step" }.flatMap { Int($0.value) }
            #expect(step.map { $0 >= 1 } == true, "\(name): \(r.worstCase)")
        }
    }

    /// A draw whose iteration diverges with no certain failure before is never counted as checked: with every draw
    /// diverged the claim is undecided, saying so (it held with "again at 0 random draws"). From x = a - 1 under x -> x^2,
    /// |x| = x at every step for x >= 0 (exactly), and a in [2, 3] gives x0 >= 1: x_n = x0^(2^n) passes 10^30 by step 7
    /// for every a > 2, while the file's a = 2 keeps x = 1.
    @Test func withEveryDrawDivergedTheClaimIsUndecided() throws {
        let text = """
        param a = 2 in [2, 3]
        state x = a - 1
        map x -> x^2
        descent steps 2000
        claim "abs": identity abs(x) == x
        claim "conserved": invariant abs(x) - x
        """
        let results = try Fixture.results("every_draw_diverges", text: text)
        for name in ["abs", "conserved"] {
            let r = try #require(results[name])
            #expect(r.status == .undecided && r.detail.contains("no random draw of the parameters could be checked")
                    && r.detail.contains("diverged"), "\(name): \(r.status) \(r.detail)")
        }
    }

    /// An identity is about every state, the initial one included: step 0 was never compared, so x == a held for the map
    /// x -> 0 x + a from x = 3 (3 != 1/2 at step 0 only), and norm(x)^2 == 1 for the normalising map from (3, 4)
    /// (norm^2 = 25 at step 0, exactly 1 after). An identity proved exactly (L - R expands to 0) holds on the steps the
    /// iteration reaches before it diverges (x -> x^2 from 3 passes 10^30 at step 6: 3^64 > 10^30 > 3^32), where it was
    /// an ERROR.
    @Test func anIdentityAlongTheIterationIncludesTheInitialState() throws {
        let text = """
        param a = 1/2 in (0, 2)
        state x = 3
        state v[2] = [3, 4]
        state z = 3
        map x -> 0*x + a
        map v -> v/norm(v)
        map z -> z^2
        descent steps 20
        claim "x equals a (wrong)": identity x == a
        claim "unit norm (wrong)": identity norm(v)^2 == 1
        claim "difference of squares": identity z^2 - 1 == (z - 1)*(z + 1)
        """
        let results = try Fixture.results("initial_state", text: text)
        for name in ["x equals a (wrong)", "unit norm (wrong)"] {
            let r = try #require(results[name])
            #expect(r.status == .fails && r.worstCase.contains { $0.name == "step" && $0.value == "0" }, "\(name): \(r.status) \(r.worstCase) \(r.detail)")
        }
        let exact = try #require(results["difference of squares"])
        #expect(exact.status == .holds && exact.detail.contains("diverges") && exact.detail.contains("exactly"), "\(exact.status) \(exact.detail)")
    }
}
