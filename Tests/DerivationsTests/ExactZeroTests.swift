import Foundation
import PhasecheckDerivations
import Testing

/// Fixtures/z01_exact_zeros.phc: quantities that are exactly 0 (an odd integrand's Gaussian mean, sin(n pi), a half
/// turn's off-diagonal, balanced layers, a fixed point at the origin) compared with 0 end at once with a verdict,
/// judged against the scale of what cancelled; z01_exact_zeros.mpmath.py is the referee (mpmath quad and sympy give 0
/// for each, and E|erf(erf(xi))| = 0.56898696280432198674). Before, the odd mean raised its quadrature's precision
/// towards 65536 bits (over 200 s, unbounded without --max-seconds) and the others ended undecided at the cap.
struct ExactZeroTests {
    static let name = "z01_exact_zeros"

    @Test func exactZerosHold() throws {
        // At 20 digits (the quadratures at 30 cost over 3 s of a debug build's CPU; `phasecheck verify` the file for those).
        let results = try Fixture.results(Self.name) { $0.digits = 20; $0.parameterDraws = 2; $0.timeSamples = 2 }
        #expect(results.count == 9)
        Fixture.expectPlantedOnlyFail(results, file: Self.name)
        // Judged against E|f| >= E f^2 / sup |f| = 0.38761500083528012275 / erf(1) = 0.45997 (mpmath), the size of
        // what averaged out, not relative to a value that may be 0.
        let odd = try #require(results["E erf(erf(xi)) = 0 (odd)"]?.agreement)
        #expect(odd.basis == "absolute at scale 0.46", "\(odd.basis)")
        let sine = try #require(results["sin(n pi) = 0"]?.agreement)
        #expect(sine.basis.hasPrefix("absolute at scale 9.42"), "\(sine.basis)")   // 3 pi, the argument's scale
    }

    /// Each zero made nonzero by 10^-15 (or a point moved off the origin) FAILS at 20 digits: the scales make
    /// an exact 0 decidable without accepting a wrong one.
    @Test func plantedNonzerosFail() throws {
        let plants = [
            ("\"E erf(erf(xi)) = 0 (odd)\": expectation expect(erf(erf(xi)), xi ~ normal(0, 1)) == 0",
             "\"E erf(erf(xi)) = 10^-15 (PLANTED)\": expectation expect(erf(erf(xi)), xi ~ normal(0, 1)) == 10^-15"),
            ("\"E erf(erf(xi)) = 0 to 10 digits\": expectation expect(erf(erf(xi)), xi ~ normal(0, 1)) == 0 digits 10",
             "\"E erf(erf(xi)) + 10^-8 = 0 to 10 digits (PLANTED)\": expectation expect(erf(erf(xi)), xi ~ normal(0, 1)) + 10^-8 == 0 digits 10"),
            ("\"sin(n pi) = 0\": identity sin(n*pi) == 0", "\"sin(n pi) = 10^-15 (PLANTED)\": identity sin(n*pi) == 10^-15"),
            ("at t = pi/(2*w) == 0", "at t = pi/(2*w) + 10^-15 == 0"),
            ("\"cos(w t) vanishes at a quarter period\"", "\"cos(w t) just after a quarter period (PLANTED)\""),
            ("at t = pi == -eye(2)", "at t = pi == -eye(2) + 10^-15"),
            ("\"a half turn\"", "\"a half turn off by 10^-15 (PLANTED)\""),
            ("fixedpoint origin = [0, 0] digits 10", "fixedpoint origin = [0, 10^-8] digits 10"),
            ("\"the origin is a fixed point, to 10 digits\"", "\"a fixed point at [0, 10^-8] (PLANTED)\""),
        ]
        let text = try Fixture.text(Self.name, planting: plants)
        let results = try Fixture.results(Self.name, text: text) { $0.digits = 20; $0.parameterDraws = 2; $0.timeSamples = 2 }
        #expect(results.keys.filter { $0.contains("PLANTED") }.count == 6)
        Fixture.expectPlantedOnlyFail(results, file: Self.name + " (planted)")
    }

    /// What no scale decides ends undecided, saying why: log(1 + sin(3 pi)) = 0 (sympy) is a leaf of log, whose
    /// derivative has a pole and so gives no scale, and its enclosure holds 0 at every precision; exp(-exp(50)) =
    /// 10^-(2.25 x 10^21) (mpmath) underflows MPFR's exponent range. Neither FAILS. (An odd mean kept as a `let`
    /// constant is such a leaf too; its quadrature stops at the work budget, the last enclosure standing in.)
    @Test func undecidedZerosSayWhy() throws {
        let text = """
            param n = 3
            claim "log of 1 + sin(3 pi)": value log(1 + sin(n*pi)) at t = 0 == 0
            claim "underflow": value exp(-exp(50)) at t = 0 == 0

            """
        let results = Verifier(derivation: try DerivationParser.parse(text, file: "zeros.phc"), options: VerifyOptions()).verifyAll()
        #expect(results.map(\.status) == [.undecided, .undecided], "\(results.map(\.detail))")
        #expect(results[0].detail.contains("enclosure still holds 0") && results[0].detail.contains("E + c == c"), "\(results[0].detail)")
        #expect(results[1].detail.contains("underflows"), "\(results[1].detail)")
    }

    /// The quadrature's default budget counts work (pieces x tape x order^2 x words: the same on every machine):
    /// a claim whose next precision would pass it ends undecided, naming --max-bits, never FAILS; with the default
    /// budget or an explicit --max-bits the same claim holds. E 10^-10 tanh(1 + xi)^2 needs relative digits below the
    /// first precision's absolute tolerance, so a second precision (mpmath quad at 50 digits, in
    /// z01_exact_zeros.mpmath.py: E tanh(1 + xi)^2 = 0.550400490793327170288319498821826125719059388).
    @Test func theQuadratureBudgetEndsAnEscalationWithUndecided() throws {
        let text = """
            claim "small": expectation expect(10^-10*tanh(1 + xi)^2, xi ~ normal(0, 1)) == 0.550400490793327170288319498821826125719059388*10^-10

            """
        // At 10 digits: 82 bits, an absolute tolerance of 2^-34, then 164 bits, which decides.
        func verify(_ configure: (inout VerifyOptions) -> Void) throws -> ClaimResult {
            var options = VerifyOptions()
            options.digits = 10
            configure(&options)
            return try #require(Verifier(derivation: DerivationParser.parse(text, file: "small.phc"), options: options).verifyAll().first)
        }
        let starved = try verify { $0.budget.maximumQuadratureWork = 1 }
        #expect(starved.status == .undecided, "\(starved.status) \(starved.detail)")
        #expect(starved.detail.contains("--max-bits") && starved.detail.contains("same on every machine"), "\(starved.detail)")
        #expect(try verify { _ in }.status == .holds)
        #expect(try verify { $0.budget.maximumQuadratureWork = 1; $0.budget.maximumBits = 200 }.status == .holds)
    }
}
