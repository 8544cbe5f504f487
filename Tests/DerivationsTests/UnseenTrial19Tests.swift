import Foundation
import PhasecheckDerivations
import Testing

/// Fresh trials (nineteenth session) on closed forms, conserved quantities, gradient-descent maps, fixed points and
/// matrix flows, written here as a user would from papers no earlier fixture used: Ziyin, Li and Meng's two-layer network
/// with weight decay, its balancing, collapse threshold and gradient-descent edge (t19_ziyin_weight_decay, t19_ziyin_gd);
/// Ben Arous, Gheissari and Jagannath's spiked matrix and tensor correlation flows, explicit for k = 2 and implicit for
/// k = 3 (t19_bgj_matrix, t19_bgj_tensor); Lyu and Li's margin of a homogeneous network on the logistic loss
/// (t19_lyu_li_margin); Chou, Gieshoff, Maly and Rauhut's deep matrix factorization from identical initialization, its
/// sequential modes and a depth-3 implicit solution (t19_chou_factorization, t19_chou_depth3); and Bartlett, Long and
/// Bousquet's SAM 2-cycle across a quadratic ravine (t19_sam_ravine). Every number the files state comes from the
/// `.mpmath.py` script beside each fixture (output in its `.out`); the twins are written by r_trials19_twins.py. Each
/// correct file holds but for the claims named below; in each `_planted` twin every claim marked PLANTED FAILS.
///
/// Not held, and why: the normalized margin's limit 1/2 is approached like 1/log(t)^2 (0.49994 at t = 8.4e8), so no
/// doubling of t reaches 30 digits, and the limit is on a curve of minima (no contraction): undecided, saying so. The
/// k = 3 tensor model's uninformative point m = 0 repels (m' = 3 lam m^2 > 0 for m > 0), but its one eigenvalue is 0:
/// `unstable` is undecided ("linearisation decides nothing"), as it must be. The referee's first smoothed margin
/// (log(1/L)/|theta|^2, the exponential loss's) is not monotone for the logistic loss; Lyu and Li's logistic form
/// log(1/(e^L - 1))/|theta|^2 is, and equals the normalized margin for one point: the first is now a twin.
struct UnseenTrial19Tests {
    static let files = ["t19_ziyin_weight_decay", "t19_ziyin_gd", "t19_bgj_matrix", "t19_bgj_tensor", "t19_lyu_li_margin",
                        "t19_chou_factorization", "t19_chou_depth3", "t19_sam_ravine"]

    @Test(arguments: files)
    func everyTrueClaimHolds(file: String) throws {
        let notHeld: [String: String] = switch file {
        case "t19_lyu_li_margin": ["the normalized margin tends to 1/2 like 1/log(t)^2": "stopped after 24 doublings of t"]
        case "t19_bgj_tensor": ["the uninformative point is unstable (m' = 3 lam m^2 > 0 for m > 0), which linearisation cannot show": "linearisation decides nothing"]
        default: [:]
        }
        try Fixture.expectTrialFileHolds(file, minimumClaims: 8, notHeld: notHeld, status: .undecided)
    }

    /// But one: the margin at t = 100 off by 10^-20 is shown by the integrator's estimate (19/30 digits, estimated error
    /// 3e-37), while the validated enclosure that a FAILS along an integration rests on would need about 5 times its work
    /// budget to reach t = 100: undecided, saying so (the same slip at t = 10 FAILS).
    @Test(arguments: files)
    func everyPlantedClaimFails(file: String) throws {
        try Fixture.expectEveryPlantedClaimFails(file, minimum: 5) { name, result in
            name.hasPrefix("the normalized margin at t = 100") && result.status == .undecided && result.detail.contains("work budget")
        }
    }
}

extension UnseenTrial19Tests {
    /// `converges to u = P, w = Q` was checked along the flow even in a file that iterates, whose fixed points and
    /// stability claims are the map's: gradient descent at eta = 3/2 on Ziyin et al.'s network (the minimum's multipliers
    /// -5/4 and 1/4: unstable) HELD as converging to the minimum (its flow does), and in a file of `map` lines the claim
    /// was an ERROR ("state `x` has no ODE"), whose message listed `converges` among the claims that apply. In a file
    /// that iterates the point is now the iteration's limit (`converges [u, w] to [P, Q]`). By hand: x -> x/2 + 1 from 0
    /// is 2 - 2^(1 - n) and y -> y/3 from 1 is 3^-n, so the limit is (2, 0) and (2 + 10^-20, 0) is 10^-20 off; at
    /// eta = 3/2 GD from (3/10, 1/10) has no limit: from step ~149 it alternates on a 2-cycle u = w = 0.68481863029144352115
    /// (even steps) and 0.97349376488625640341 (mpmath at 50 digits iterating u, w <- u - eta ((u w - 1) w + u/4),
    /// w - eta ((u w - 1) u + w/4); the referee t19_ziyin_weight_decay.mpmath.py has the minimum's multipliers), and at
    /// eta = 1/2 (multipliers 1/4 and 3/4) it reaches the minimum (sqrt(3)/2, sqrt(3)/2).
    @Test func aPointLimitInAFileThatIteratesIsTheIterationsLimit() throws {
        let gd = try Fixture.results("gd_point_limit", text: """
        param eta = 1/2 in (1/10, 2)
        state u = 3/10
        state w = 1/10
        loss L = (u*w - 1)^2/2 + (u^2 + w^2)/8
        train u rate eta, w rate eta
        descent steps 300
        scenario edge: eta = 3/2
        claim "below the edge": converges to u = sqrt(3)/2, w = sqrt(3)/2
        claim "past the edge (wrong)": converges to u = sqrt(3)/2, w = sqrt(3)/2 under edge
        """)
        let below = try #require(gd["below the edge"])
        #expect(below.status == .holds && below.detail.contains("contraction"), "\(below.status) \(below.detail)")
        let past = try #require(gd["past the edge (wrong)"])
        #expect(past.status == .fails && past.worstCase.contains { $0.name == "step" }, "\(past.status) \(past.worstCase) \(past.detail)")
        let maps = try Fixture.results("map_point_limit", text: """
        state x = 0
        state y = 1
        map x -> x/2 + 1
        map y -> y/3
        descent steps 200
        claim "the limit": converges to x = 2, y = 0
        claim "off by 10^-20": converges to x = 2 + 10^-20, y = 0
        """)
        let limit = try #require(maps["the limit"])
        #expect(limit.status == .holds, "\(limit.status) \(limit.detail)")
        let off = try #require(maps["off by 10^-20"])
        #expect(off.status == .fails, "\(off.status) \(off.detail)")
        let missingSteps = Fixture.readError("""
        state x = 0
        map x -> x/2 + 1
        claim "the limit": converges to x = 2
        """)
        #expect(missingSteps?.message.contains("descent steps N") == true, "\(String(describing: missingSteps))")
    }
}

extension UnseenTrial19Tests {
    /// Without a contraction certificate, `converges` along the iteration compared E with V at step N only (and the gap
    /// at N with N/2), so an orbit whose period divides N, or one that passes through V at step N, HELD: gradient descent
    /// on a x^2/2 at rate 2/a (multiplier -1, x_n = (-1)^n by hand) "converged" to 1 exact; Ziyin et al.'s GD at
    /// eta = 3/2 "converged" to the point of its 2-cycle it visits at even steps (155/30 digits); the logistic map at
    /// r = 16/5 held for one cycle point at N = 300 and the other at N = 301; x_n = n - 300 (GD on the loss -x from
    /// -300) "converged" to 0 exact. A limit of a continuous map is a fixed point, so steps N + 1 and N + 2 must agree
    /// with V too, judged by the same rules. References: the cycle u = w = c = sqrt((51 - sqrt(297))/72) =
    /// 0.684818630291443521151 (even steps) and 0.973493764886256403406 (odd), mpmath at 50 digits (see the comment
    /// above); the logistic map's 2-cycle is (21 -+ sqrt(21))/32 = 0.51304450953262999979, 0.79945549046737000021, and
    /// mpmath (40 digits, x_0 = 1/2, x <- 16/5 x (1 - x)) gives x_300 = 0.51304450953263 and x_301 = 0.79945549046737.
    @Test func anOrbitThroughVAtStepNIsNotALimit() throws {
        let edge = try Fixture.results("gd_edge_cycle", text: """
        param a = 1 in (1/2, 2)
        state x = 1
        loss L = a*x^2/2
        train x rate 2
        descent steps 300
        claim "point": converges to x = 1
        claim "E form": converges x to 1
        """)
        try Self.expectBothFormsFail(edge, atStep: 301)
        let ziyin = try Fixture.results("ziyin_gd_cycle", text: """
        state u = 3/10
        state w = 1/10
        loss L = (u*w - 1)^2/2 + (u^2 + w^2)/8
        train u rate 3/2, w rate 3/2
        descent steps 300
        let c = sqrt((51 - sqrt(297))/72)
        claim "even-step point": converges to u = c, w = c
        claim "E form": converges u*w to c^2
        claim "odd-step point": converges to u = 0.973493764886256403406, w = 0.973493764886256403406
        """)
        for name in ["even-step point", "E form", "odd-step point"] {
            let r = try #require(ziyin[name])
            #expect(r.status == .fails, "\(name): \(r.status) \(r.detail)")
        }
        // The verdict does not turn on N's parity.
        for steps in [300, 301] {
            let logistic = try Fixture.results("logistic_cycle_\(steps)", text: """
            state x = 1/2
            map x -> 16/5*x*(1 - x)
            descent steps \(steps)
            claim "a": converges to x = (21 + sqrt(21))/32
            claim "b": converges to x = (21 - sqrt(21))/32
            claim "E form b": converges x to (21 - sqrt(21))/32
            """)
            for name in ["a", "b", "E form b"] {
                let r = try #require(logistic[name])
                #expect(r.status == .fails, "N = \(steps), \(name): \(r.status) \(r.detail)")
            }
        }
        // x_n = n - 300 passes through 0 at step 300 and diverges: not held, and (the gap still falling towards step
        // 301 as far as a rule along the iteration reads it) not a certain failure either.
        let through = try Fixture.results("pass_through", text: """
        state x = -300
        loss L = -x
        train x rate 1
        descent steps 300
        claim "point": converges to x = 0
        claim "E form": converges x to 0
        """)
        for name in ["point", "E form"] {
            let r = try #require(through[name])
            #expect(r.status == .undecided && r.detail.contains("step 301"), "\(name): \(r.status) \(r.detail)")
        }
    }

    /// The point form along the iteration judged every coordinate against the largest, so a coordinate near 10^-34
    /// beside one near 2 could be any value below 10^-30: x -> x/2 + 1, z -> z/2 + 10^-34 from 0 (limit (2, 2 10^-34) by
    /// hand: the fixed point of z -> z/2 + q is 2q) HELD `converges to x = 2, z = 10^-34` at 34/30 digits while the E form
    /// and `fixedpoint` FAILED. Each coordinate is now judged relatively, a 0 among them against the largest.
    @Test func aSmallCoordinateOfAnIteratedPointIsJudgedByItself() throws {
        let r = try Fixture.results("small_coordinate", text: """
        state x = 0
        state z = 0
        map x -> x/2 + 1
        map z -> z/2 + 10^-34
        descent steps 300
        claim "wrong small coordinate": converges to x = 2, z = 10^-34
        claim "right small coordinate": converges to x = 2, z = 2*10^-34
        claim "E form, wrong": converges [x, z] to [2, 10^-34]
        claim "zero against the largest": converges to x = 2, z = 0
        """)
        for (name, status) in [("wrong small coordinate", ClaimResult.Status.fails), ("right small coordinate", .holds),
                               ("E form, wrong", .fails), ("zero against the largest", .holds)] {
            let result = try #require(r[name])
            #expect(result.status == status, "\(name): \(result.status) \(result.detail)")
        }
    }

    /// An iteration that diverges gave an ERROR, while the documentation said the claim fails: GD on x^2/2 at rate 3 from
    /// x = 1 is x_n = (-2)^n by hand, above 10^30 first at n = 100 (log2(10^30) = 99.66, mpmath).
    @Test func aDivergingIterationDoesNotConverge() throws {
        let r = try Fixture.results("gd_diverges", text: """
        state x = 1
        loss L = x^2/2
        train x rate 3
        descent steps 300
        claim "point": converges to x = 0
        claim "E form": converges x to 0
        """)
        try Self.expectBothFormsFail(r, atStep: 100)
    }

    /// The claims "point" and "E form" fail, the report naming `step`.
    private static func expectBothFormsFail(_ results: [String: ClaimResult], atStep step: Int) throws {
        for name in ["point", "E form"] {
            let result = try #require(results[name])
            #expect(result.status == .fails && result.worstCase.contains { $0 == ("step", "\(step)") }, "\(name): \(result.status) \(result.worstCase) \(result.detail)")
        }
    }
}
