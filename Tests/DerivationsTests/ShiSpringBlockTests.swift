import Foundation
import PhasecheckDerivations
import PhasecheckTestSupport
import Testing

/// derivations/shi_spring_block.phc: its claims hold against the mpmath references written in the file
/// (../shared/spec/seed-systems-checks/spring_block.py, Benchmarks/shi_spring_block_reference.py), and a
/// planted mistake in each kind of claim makes it fail. That every claim of the file holds as written is
/// checked by `phasecheck verify` of the bundled files (VerifyCommandTests.everyBundledClaimHolds, at 30 and
/// 100 digits); here each is checked with a mistake planted.
struct ShiSpringBlockTests {
    static let file = "derivations/shi_spring_block.phc"

    static func status(_ claim: String, replacing original: String, with planted: String) throws -> ClaimResult {
        var text = try #require(Fixtures.text(Self.file))
        #expect(text.contains(original), "no `\(original)` in the file")
        text = text.replacingOccurrences(of: original, with: planted)
        let derivation = try DerivationParser.parse(text, file: Self.file)
        let found = try #require(derivation.claims.first { $0.name == claim }, "no claim \(claim)")
        var options = VerifyOptions()
        options.jobs = 2
        return Verifier(derivation: derivation, options: options).verify(found)
    }

    @Test(arguments: [
        // S4: g(0.05; sbar = 0.1, mu_r = 0.1, mu_l = 0.12) = 0.01795087667139422735593025 (spring_block.py (b)).
        ("S4: g(0.05) (mpmath)", "== 0.01795087667139422735593025 digits 25", "== 0.01795087667139422735593125 digits 25"),
        ("S4: the drift is the erfc closed form", "- b1*erfc(b1/sqrt(2))/2)", "- b1*erfc(b1/sqrt(2))/3)"),
        ("S5: g((mu_r - mu_l)/2) = 0 for every noise level", "max((mu_r - mu_l)/2 + z - mu_r, 0)", "max((mu_r - mu_l)/3 + z - mu_r, 0)"),
        // S9, S10: c(100) = 0.062708688043 and, with mu_l = mu_r, -0.0032826561236 (spring_block.py (d), mpmath
        // odefun at 20 digits).
        ("S9: the mean-field curvature at T = 100 is convex", "== 0.062708688043 digits 11", "== 0.062708688053 digits 11"),
        ("S10: with symmetric friction still slightly concave at T = 100", "== -0.0032826561236 digits 11", "== -0.0032826561226 digits 11"),
        // S6, S7: the stationary load curves (0.84, 0.69, 0.55, 0.42, 0.3, 0.19, 0.09) and (0.875, ..., 0.125), found
        // by mpmath's findroot from x = 0 (Benchmarks/shi_spring_block_reference.py (3)); a point off by 0.01 has
        // no fixed point near it.
        ("S6: the stationary load curve is convex", "y - 0.69, y - 0.55", "y - 0.68, y - 0.55"),
        ("S7: with symmetric friction the stationary load curve is linear", "[spacing, 2*spacing, 3*spacing", "[spacing, 2*spacing, 3*y/7"),
        // S8: the eigenvalues there, mpmath's eig of the numerical Jacobian (shi_spring_block_reference.py (3)):
        // -1.044020631644697753691 ... -0.0413078559263636476932 = -g'(F*)(2 - 2 cos(j pi/8)); a wrong angle fails.
        ("S8: the Jacobian's spectrum is g'(F*) k times the Laplacian's", "-gk*(2 - 2*cos(pi/8))]", "-gk*(2 - 2*cos(pi/9))]"),
        // S12: s_c(T = 100) = 0.06838211179595284 (scipy Radau, spring_block_phase.py (e)). Both ends of the
        // rounding interval of 0.068382111796 (shi_spring_block_reference.py --phase): at the lower end
        // 0.0683821117955, c(100) = -2.1349781e-12 (mpmath odefun at 25 digits) and -2.164047e-12 (scipy DOP853
        // at rtol 1e-13; -2.310124e-12 at 1e-12); at the upper end 0.0683821117965, c(100) = +2.5805704e-12 (mpmath
        // odefun at 25 digits, 410 s CPU, run 2026-12-06; DOP853 +2.552208e-12 at rtol 1e-13, +2.406131e-12 at 1e-12),
        // so the sign changes inside the interval (c grows through s_c
        // with slope about 4.7, spring_block_phase.py's +-3.2246e-7 at s_c(1 -+ 1e-6)); a wrong last digit fails.
        ("S12: the phase boundary s_c(T = 100)", "== 0.068382111796 digits 11", "== 0.068382111786 digits 11"),
        // S2: pulled from rest with mu = 0.1 the curvature reaches -0.4 (spring_block.py (a)); a wrong e* fails.
        ("S2: the stuck load curve is concave, curvature -0.4", "-(y/(m + 1) + mu_r*m/(2*k))", "-(y/(m + 1) + mu_r*m/(3*k))"),
        // The same closed forms at k = 2, y = 1/2, where a k or y on the wrong side of a fraction shows (equal at
        // the spec's k = y = 1). S2, S3: the update iterated from rest in mpmath reaches load 0.45, curvature -0.2
        // (mu = 0.1) and load 0.48, curvature -0.18 (mu = 0.08) to 5e-19 in 500 steps of eta = 1/10; S6, S7: the stationary
        // states by findroot, (0.08, 0.155, ..., 0.455) and (0.0625, ..., 0.4375); S8: eig at the first,
        // -2.088041263289395507383 ... -0.08261571185272729538641 = -g'(F*) k (2 - 2 cos(j pi/8))
        // (Benchmarks/shi_spring_block_reference.py (3), (5)).
        ("S2 at k = 2, y = 1/2: curvature -0.2", "-(y/(m + 1) + mu_r*m/(2*k))", "-(y/(m + 1) + mu_r*m/(2/k))"),
        ("S3 at k = 2, y = 1/2: the load 0.48", "y - (y/(m08 + 1) - mu_r*m08/(2*k))", "y - (y/(m08 + 1) - mu_r*m08/(2/k))"),
        ("S6 at k = 2, y = 1/2", "0.225, 0.29", "0.225, 0.28"),
        ("S7 at k = 2, y = 1/2: linear", "let spacing = y/8", "let spacing = 1/y/8"),
        ("S8 at k = 2, y = 1/2: spectrum -2.088 to -0.0826", "let gk = gstar*k", "let gk = gstar/k"),
    ])
    func failsWithAPlantedMistake(claim: String, original: String, planted: String) throws {
        let mistaken = try Self.status(claim, replacing: original, with: planted)
        #expect(Fixture.isCaught(mistaken), "\(claim) with `\(planted)`: \(mistaken.status) \(mistaken.detail)")
    }

    /// S8 against mpmath's numbers rather than the closed form: the eigenvalues of the numerical Jacobian at
    /// the stationary state found by findroot (Benchmarks/shi_spring_block_reference.py (3), 30 digits),
    /// rounded to 20 digits, at the spec's k = y = 1 and at k = 2, y = 1/2; and the stable node is not unstable.
    @Test func theSpectrumMatchesMpmath() throws {
        let closedForm = "at relaxed == [-gk*(2 - 2*cos(7*pi/8)), -gk*(2 - 2*cos(6*pi/8)), -gk*(2 - 2*cos(5*pi/8)), -gk*(2 - 2*cos(4*pi/8)), -gk*(2 - 2*cos(3*pi/8)), -gk*(2 - 2*cos(2*pi/8)), -gk*(2 - 2*cos(pi/8))]"
        let mpmath = "at relaxed == [-1.0440206316446977537, -0.92638581047374924009, -0.75033285921918342606, -0.54266424378553070069, -0.33499562835187797532, -0.15894267709731216129, -0.041307855926363647693] digits 20"
        let numbers = try Self.status("S8: the Jacobian's spectrum is g'(F*) k times the Laplacian's", replacing: closedForm, with: mpmath)
        #expect(numbers.status == .holds, "\(numbers.detail)")
        // At k = 2, y = 1/2 (the same script, mpmath's eig at the findroot state, rounded to 20 digits).
        let stiffNumbers = try Self.status("S8 at k = 2, y = 1/2: spectrum -2.088 to -0.0826",
                                           replacing: "at relaxed_stiff == \(closedForm.dropFirst("at relaxed == ".count))",
                                           with: "at relaxed_stiff == [-2.0880412632893955074, -1.8527716209474984802, -1.5006657184383668521, -1.0853284875710614014, -0.66999125670375595064, -0.31788535419462432258, -0.082615711852727295386] digits 20")
        #expect(stiffNumbers.status == .holds, "\(stiffNumbers.detail)")
        let unstable = try Self.status("S8: the stationary state is stable", replacing: "stable at relaxed", with: "unstable at relaxed")
        #expect(unstable.status == .fails, "\(unstable.status) \(unstable.detail)")
    }

    /// The noisy map's single iterates are random: a claim about them outside the noise-free scenarios errs.
    @Test func theStuckStateNeedsTheNoiseOff() throws {
        let result = try Self.status("S2: with mu = 0.1 the blocks 1 to L - m = 4 never move",
                                     replacing: "value x[4] at step 10000 == 0 under still", with: "value x[4] at step 10 == 0")
        #expect(result.status == .error)
        #expect(result.detail.contains("draws noise `xi`"))
    }
}
