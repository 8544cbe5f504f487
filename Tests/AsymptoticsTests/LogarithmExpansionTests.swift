import PhasecheckAsymptotics
import PhasecheckExpressions
import PhasecheckNumbers
import Testing

/// Expansions with powers of log d: terms c d^e log(d)^k, ordered by the power of d and then of log d. The references are
/// sympy's series at d = oo (Tests/DerivationsTests/Fixtures/lw01_log_width_limits.sympy.py and the values written
/// beside each case, from `sp.series(expr.subs(d, 1/x), x, 0, n)`), the constants mpmath at 30 digits.
@Suite struct LogarithmExpansionTests {
    private func expansion(_ e: Expr, terms: Int = 1) throws -> LeadingBehavior {
        try #require(plainWidth.leadingBehavior(of: e, terms: terms).leadingBehavior, "\(e)")
    }

    private func log(_ e: Expr) -> Expr { .call(.log, e) }

    /// (1 + 1/d)^d = e - e/(2d) + 11e/(24 d^2) + ... (sympy); e = 2.71828182845904523536028747135 (mpmath).
    @Test func aPowerWhoseExponentGrowsIsExpOfExponentTimesLog() throws {
        let b = try expansion(Expr.power(n(1) + n(1) / d, d), terms: 2)
        #expect(b.exponent == 0 && b.logPower == 0)
        #expect(b.coefficient.formatted(significantDigits: 25) == "2.718281828459045235360287")
        let next = try #require(b.expansion.terms.dropFirst().first)
        #expect(next.exponent == -1 && next.logPower == 0)
        #expect(next.coefficient.formatted(significantDigits: 20) == "-1.3591409142295226177")
        // (1 - 1/(2d))^(6d) -> e^-3 = 0.0497870683678639429793424156 (mpmath).
        let decay = try expansion(Expr.power(n(1) - n(1, 2) / d, n(6) * d))
        #expect(decay.coefficient.formatted(significantDigits: 20) == "0.049787068367863942979")
    }

    /// d^(1/d) - 1 = log(d)/d + log(d)^2/(2 d^2) + ...; d (d^(1/d) - 1) - log(d) = log(d)^2/(2d) + log(d)^3/(6 d^2) + ... (sympy).
    @Test func theRootOfDCarriesLogTerms() throws {
        let root = Expr.power(d, n(1) / d)
        let b = try expansion(root - n(1), terms: 2)
        #expect(b.exponent == -1 && b.logPower == 1 && b.exactCoefficient == 1)
        #expect(b.limit == .zero && b.regime == .vanishing)
        let next = try #require(b.expansion.terms.dropFirst().first)
        #expect(next.exponent == -2 && next.logPower == 2 && next.exactCoefficient == BigRational(1, 2))
        let step = try expansion(d * (root - n(1)) - log(d))
        #expect(step.exponent == -1 && step.logPower == 2 && step.exactCoefficient == BigRational(1, 2))
        #expect(step.order == "d^-1 log(d)^2")
    }

    /// log d grows (slower than any power); log(d)/d^(1/4) -> 0; d log(1 + d^2) = 2 d log(d) + 1/d + ... (sympy);
    /// log(2 d^2)/log(d) = 2 + log(2)/log(d); exp(-2 log(d) + 1/d) d^2 = 1 + 1/d + ...
    @Test func logOfAGrowingArgumentIsAPowerTimesLogD() throws {
        let logD = try expansion(log(d))
        #expect(logD.exponent == 0 && logD.logPower == 1 && logD.limit == .positiveInfinity && logD.regime == .diverging)
        let slow = try expansion(log(d) / Expr.power(d, n(1, 4)))
        #expect(slow.limit == .zero && slow.exponent == BigRational(-1, 4) && slow.logPower == 1)
        let depth = try expansion(d * log(n(1) + Expr.power(d, n(2))), terms: 2)
        #expect(depth.exponent == 1 && depth.logPower == 1 && depth.exactCoefficient == 2)
        let next = try #require(depth.expansion.terms.dropFirst().first)
        #expect(next.exponent == -1 && next.logPower == 0 && next.exactCoefficient == 1)
        let ratio = try expansion(log(n(2) * Expr.power(d, n(2))) / log(d), terms: 2)
        #expect(ratio.exponent == 0 && ratio.logPower == 0 && ratio.exactCoefficient == 2)
        let correction = try #require(ratio.expansion.terms.dropFirst().first)
        #expect(correction.exponent == 0 && correction.logPower == -1)
        #expect(correction.coefficient.formatted(significantDigits: 20) == "0.69314718055994530942")
        let back = try expansion(Expr.call(.exp, n(-2) * log(d) + n(1) / d) * Expr.power(d, n(2)))
        #expect(back.exponent == 0 && back.logPower == 0 && back.exactCoefficient == 1)
    }

    /// What the expansion cannot carry is refused, saying why: log(log d), a fractional power of log d, a quantity
    /// approaching its limit like 1/log d inside a composition, exp of an irrational multiple of log d.
    @Test func whatHasNoExpansionInPowersOfDAndLogDIsRefused() {
        let cases: [(Expr, String)] = [
            (log(log(d)), "log(log d)"),
            (Expr.call(.sqrt, log(d)), "fractional power of log d"),
            (n(1) / (log(d) + n(1)), "1/log d"),
            (Expr.call(.exp, log(n(2)) * log(d)), "exp"),
            (Expr.power(n(2) + Expr.call(.sin, d), d), "sin"),
        ]
        for (e, words) in cases {
            let analysis = plainWidth.leadingBehavior(of: e)
            guard case .undecided(let reason) = analysis else { Issue.record("\(e): expected undecided, got \(analysis)"); continue }
            #expect(reason.contains(words), "\(e): \(reason)")
        }
    }

    /// The numeric confirmation divides by log(d)^k and allows for a correction that is only log(d)-smaller (to the
    /// digits it leaves, from its coefficient):
    /// log(d) + 1 and (log(d) + 1)/log(d) -> 1 (their corrections 1/log d) are confirmed; a leading term with the
    /// wrong power of log d is not.
    @Test func numericConfirmationReadsPowersOfLogD() throws {
        for e in [log(d) + n(1), (log(d) + n(1)) / log(d), Expr.power(d, n(1) / d), d * log(n(1) + Expr.power(d, n(2)))] {
            let b = try expansion(e)
            let confirmation = try plainWidth.confirmNumerically(e, against: b)
            #expect(confirmation.agrees, "\(e): \(confirmation)")
        }
        // 1 + 10^6/log(d) -> 1 is still far from 1 at d = 10^1000 (435.3): the samples cannot show the coefficient, and
        // do not contradict it.
        let slow = n(1) + n(1_000_000) / log(d)
        #expect(try plainWidth.confirmNumerically(slow, against: expansion(slow)).agrees)
        let wrong = try expansion(log(d) * log(d))
        let confirmation = try plainWidth.confirmNumerically(log(d), against: wrong)
        #expect(!confirmation.agrees, "\(confirmation)")
    }
}
