import Foundation
import PhasecheckDerivations
import PhasecheckTestSupport
import Testing

/// The exact route for pointwise comparisons (`identity`, `rate`): equal wherever every subexpression is defined is the
/// claim itself, so a division by, a root or a logarithm of a varying quantity no longer sends an identity to random
/// draws; kinks, jumps and undefined points still do not hold exactly. And an invariant that is a state the flow cannot
/// move from its initial value holds exactly by uniqueness. Fixtures x01 (Soudry et al. 2018) and x02 (Du, Hu and Lee
/// 2018), refereed by Fixtures/exact_pointwise.sympy.py: every true difference simplifies to 0 in SymPy, every PLANTED
/// one does not (exact_pointwise.sympy.out).
struct ExactPointwiseTests {
    static func results(_ name: String, text: String? = nil) throws -> [String: ClaimResult] {
        try Fixture.results(name, text: text) { $0.digits = 20; $0.parameterDraws = 2; $0.timeSamples = 3 }
    }

    static func isExact(_ r: ClaimResult?) -> Bool { r?.agreement?.atLeast == .infinity && r?.detail.contains("exactly: ") == true }

    /// Each true claim holds exactly (no random draws; x02's `ode follows from loss` too, with the loss's logarithm); each
    /// PLANTED twin FAILS on the numeric route.
    @Test(arguments: ["x01_logistic_separable", "x02_homogeneous_logistic"])
    func trueClaimsHoldExactlyAndPlantedOnesFail(file: String) throws {
        let results = try Self.results(file)
        Fixture.expectPlantedOnlyFail(results, file: file)
        for (name, r) in results {
            #expect(Self.isExact(r) == !name.contains("PLANTED"), "\(file): \(name): \(r.detail)")
        }
        if file == "x01_logistic_separable" {
            #expect(results["w2/w1 turns towards b/a"]?.detail.contains("1 parameter set x 3 times") == true)
        }
    }

    /// A kink in the quantity of a rate (sign' is written 0, with no sign left to refuse) or in an identity's sides, and
    /// a root that makes a flow only continuous (x' = x sqrt(x + 1) from 0: not analytic where defined), keep the
    /// numeric route; an identity whose left side has no real value at the file's parameters is not held, and a rate of
    /// a quantity with none (log y at y < 0) FAILS: the rate is not defined.
    @Test func kinksRootsAndUndefinedPointsAreNotHeldExactly() throws {
        let results = try Fixture.results("exact_pointwise_refusals", text: """
        param c = 1 in [1/2, 2]
        state u = 1
        state x = 0
        state y = -2
        ode u' = c*u
        ode x' = x*sqrt(x + 1)
        ode y' = 1
        horizon 1
        claim "sign is flat": rate sign(u - 3) == 0
        claim "abs cancels": identity abs(u)*u/abs(u) == u
        claim "x stays at 0": invariant x
        claim "a root of a negative": identity (u - 2)*sqrt(u - 2)/sqrt(u - 2) == u - 2
        claim "the log of a negative": rate log(y) == 1/y
        """) { $0.digits = 20; $0.parameterDraws = 2; $0.timeSamples = 3 }
        #expect(results["sign is flat"]?.status == .holds, "\(results.mapValues(\.detail))")
        #expect(!Self.isExact(results["sign is flat"]))
        #expect(results["abs cancels"]?.status == .holds)
        #expect(!Self.isExact(results["abs cancels"]))
        #expect(results["x stays at 0"]?.status == .holds, "\(results.mapValues(\.detail))")
        #expect(!Self.isExact(results["x stays at 0"]), "\(results.mapValues(\.detail))")
        #expect(results["a root of a negative"]?.status == .fails, "\(results.mapValues(\.detail))")
        // 1/y is the formula's derivative of log y, and equals the right side wherever defined; but log y has no real
        // value along y in [-2, -1], so there is no rate to compare: the claim FAILS on either route (the canonical
        // route held it exactly before: the formulas agree).
        #expect(results["the log of a negative"]?.status == .fails, "\(results.mapValues(\.detail))")
        #expect(results["the log of a negative"]?.detail.contains("has no real value") == true, "\(results.mapValues(\.detail))")
    }
}
