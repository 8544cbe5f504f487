import PhasecheckAsymptotics
import PhasecheckExpressions
import PhasecheckNumbers
import Testing

let d = Expr.symbol("d")
func n(_ p: Int, _ q: Int = 1) -> Expr { .number(BigRational(p, q)) }
let plainWidth = WidthLimit(scalings: [:])

@Suite struct LeadingBehaviorTests {
    @Test func squareDifferenceIsTwoD() throws {
        let e = Expr.power(d + n(1), n(2)) - Expr.power(d, n(2))
        let b = try #require(plainWidth.leadingBehavior(of: e, terms: 2).leadingBehavior)
        #expect(b.exponent == 1)
        #expect(b.exactCoefficient == 2)
        #expect(b.limit == .positiveInfinity)
        #expect(b.expansion.remainderExponent == nil)  // exact: 2d + 1
        #expect(b.expansion.terms.count == 2)
    }

    @Test func sqrtOfSquarePlusDMinusDIsOneHalf() throws {
        let e = Expr.call(.sqrt, Expr.power(d, n(2)) + d) - d
        let b = try #require(plainWidth.leadingBehavior(of: e).leadingBehavior)
        #expect(b.exponent == 0)
        #expect(b.exactCoefficient == BigRational(1, 2))
        #expect(b.closedForm?.description == "1/2")
    }

    @Test func sqrtOnePlusSmallMinusOne() throws {
        let e = Expr.call(.sqrt, n(1) + n(1) / d) - n(1)
        let b = try #require(plainWidth.leadingBehavior(of: e, terms: 3).leadingBehavior)
        #expect(b.exponent == -1)
        #expect(b.exactCoefficient == BigRational(1, 2))
        #expect(b.limit == .zero)
        try #require(b.expansion.terms.count >= 3)
        #expect(b.expansion.terms[1].exactCoefficient == BigRational(-1, 8))
        #expect(b.expansion.terms[2].exactCoefficient == BigRational(1, 16))
    }

    @Test func irrationalLimitIsRecognised() throws {
        // sqrt(2 + 1/d) - 1 -> sqrt(2) - 1
        let e = Expr.call(.sqrt, n(2) + n(1) / d) - n(1)
        let b = try #require(plainWidth.leadingBehavior(of: e).leadingBehavior)
        #expect(b.exponent == 0)
        #expect(b.closedForm?.description == "sqrt(2) - 1")
        #expect(b.closedForm!.verifiedDigits >= 30)
    }

    @Test func inexactCancellationIsDecidedAtTwoPrecisions() throws {
        // (sqrt(2) d + 1)^2 - 2 d^2 = 2 sqrt(2) d + 1: the d^2 terms cancel inexactly.
        let s2 = Expr.call(.sqrt, n(2))
        let e = Expr.power(s2 * d + n(1), n(2)) - n(2) * Expr.power(d, n(2))
        let b = try #require(plainWidth.leadingBehavior(of: e).leadingBehavior)
        #expect(b.exponent == 1)
        #expect(b.closedForm?.description == "2*sqrt(2)")
        #expect(!b.notes.isEmpty)
    }

    @Test func identicallyZeroAndUndecided() {
        let zero = plainWidth.leadingBehavior(of: (d + n(1)) * (d - n(1)) - (Expr.power(d, n(2)) - n(1)))
        guard case .identicallyZero = zero else { Issue.record("expected zero, got \(zero)"); return }
        let logLogD = plainWidth.leadingBehavior(of: Expr.call(.log, Expr.call(.log, d)))
        guard case .undecided(let reason) = logLogD else { Issue.record("expected undecided, got \(logLogD)"); return }
        #expect(reason.contains("log(log d)"))
        let unknown = plainWidth.leadingBehavior(of: Expr.symbol("gamma") * d)
        guard case .undecided(let why) = unknown else { Issue.record("expected undecided"); return }
        #expect(why.contains("gamma"))
    }

    @Test func expLogAndTrig() throws {
        // d (exp(1/d) - 1) -> 1;  d log(1 + 2/d) -> 2;  d^2 (1 - cos(1/d)) -> 1/2;  d atan(1/d) -> 1
        let cases: [(Expr, BigRational)] = [
            (d * (Expr.call(.exp, n(1) / d) - n(1)), 1),
            (d * Expr.call(.log, n(1) + n(2) / d), 2),
            (Expr.power(d, n(2)) * (n(1) - Expr.call(.cos, n(1) / d)), BigRational(1, 2)),
            (d * Expr.call(.atan, n(1) / d), 1),
            (d * Expr.call(.expm1, n(1) / d), 1),
        ]
        for (e, limit) in cases {
            let b = try #require(plainWidth.leadingBehavior(of: e).leadingBehavior, "\(e)")
            #expect(b.exponent == 0, "\(e)")
            #expect(b.exactCoefficient == limit, "\(e)")
        }
        // atan(d) -> pi/2 (inexact, not a quadratic irrational).
        let b = try #require(plainWidth.leadingBehavior(of: Expr.call(.atan, d)).leadingBehavior)
        #expect(b.exponent == 0)
        #expect(b.coefficient.formatted(significantDigits: 15) == "1.57079632679490")
    }

    /// mpmath: 2/sqrt(pi) = 1.12837916709551257; erfc(3) = 2.20904969985854414e-5 (erfc kept directly, not
    /// 1 - erf); erf''(1/2) = -0.878782578935444794 (m.diff(m.erf, 0.5, 2)), the second Hermite term.
    @Test func errorFunctions() throws {
        let half = n(1) / n(2)
        let cases: [(Expr, String)] = [
            (d * Expr.call(.erf, n(1) / d), "1.12837916709551"),
            (Expr.call(.erfc, n(3) + n(1) / d), "0.0000220904969985854"),
            (Expr.power(d, n(2)) * (Expr.call(.erf, half + n(1) / d) + Expr.call(.erf, half - n(1) / d) - n(2) * Expr.call(.erf, half)),
             "-0.878782578935445"),
        ]
        for (e, limit) in cases {
            let b = try #require(plainWidth.leadingBehavior(of: e).leadingBehavior, "\(e)")
            #expect(b.exponent == 0, "\(e)")
            #expect(b.coefficient.formatted(significantDigits: 15) == limit, "\(e)")
        }
    }
}
