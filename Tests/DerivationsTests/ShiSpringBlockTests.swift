import Foundation
import PhasecheckDerivations
import PhasecheckTestSupport
import Testing

/// derivations/shi_spring_block.phc: its claims hold against the mpmath references written in the file
/// (../shared/spec/seed-systems-checks/spring_block.py, Benchmarks/shi_spring_block_reference.py), and a
/// planted mistake in each kind of claim makes it fail. `phasecheck verify` of the bundled files (in
/// VerifyCommandTests) checks every claim; here the cheaper ones are checked with and without a mistake.
struct ShiSpringBlockTests {
    static let file = "derivations/shi_spring_block.phc"

    /// S9, S10: the mean field at T = 100 (spring_block.py (d), mpmath odefun at 20 digits), claims added to
    /// the file here (at --digits 100 its integration outlasts the budget of `verify`).
    static let meanField = """

    claim "S9: the mean-field curvature at T = 100 is convex, c(100) = 0.062708688043 (mpmath)": value curvature at t = 100 == 0.062708688043 digits 11
    claim "S9: the mean-field load of block 4 at T = 100": value load[4] at t = 100 == 0.4295264596 digits 10
    scenario symmetric: mu_l = 1/10
    claim "S10: with symmetric friction still slightly concave at T = 100": value curvature at t = 100 == -0.0032826561236 digits 11 under symmetric
    """

    static func status(_ claim: String, replacing original: String? = nil, with planted: String = "") throws -> ClaimResult {
        var text = try #require(Fixtures.text(Self.file)) + Self.meanField
        if let original {
            #expect(text.contains(original), "no `\(original)` in the file")
            text = text.replacingOccurrences(of: original, with: planted)
        }
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
        // S9: c(100) = 0.062708688043 (spring_block.py (d), mpmath odefun at 20 digits).
        ("S9: the mean-field curvature at T = 100 is convex, c(100) = 0.062708688043 (mpmath)", "== 0.062708688043 digits 11", "== 0.062708688053 digits 11"),
        ("S9: the mean-field load of block 4 at T = 100", "== 0.4295264596 digits 10", "== 0.4295264586 digits 10"),
        ("S10: with symmetric friction still slightly concave at T = 100", "== -0.0032826561236 digits 11", "== -0.0032826561226 digits 11"),
        // S2: pulled from rest with mu = 0.1 the curvature reaches -0.4 (spring_block.py (a)); a wrong e* fails.
        ("S2: the stuck load curve is concave, curvature -0.4", "== -(y/(m + 1) + mu_r*m/(2*k)) digits 20", "== -(y/(m + 1) + mu_r*m/(3*k)) digits 20"),
    ])
    func holdsAndFailsWithAPlantedMistake(claim: String, original: String, planted: String) throws {
        let holds = try Self.status(claim)
        #expect(holds.status == .holds, "\(claim): \(holds.detail)")
        let mistaken = try Self.status(claim, replacing: original, with: planted)
        #expect(mistaken.status == .fails, "\(claim) with `\(planted)`: \(mistaken.status) \(mistaken.detail)")
    }

    /// The noisy map's single iterates are random: a claim about them outside the noise-free scenarios errs.
    @Test func theStuckStateNeedsTheNoiseOff() throws {
        let result = try Self.status("S2: with mu = 0.1 the blocks 1 to L - m = 4 never move",
                                     replacing: "value x[4] at step 10000 == 0 under still", with: "value x[4] at step 10 == 0")
        #expect(result.status == .error)
        #expect(result.detail.contains("draws noise `xi`"))
    }
}
