import PhasecheckNumbers
import Testing

/// NaN and infinities are values, never traps (IEEE 754 / MPFR semantics).
struct SpecialValueTests {
    let p = 100
    func big(_ n: Int) -> BigFloat { BigFloat(n, precision: p) }

    @Test func domainErrorsGiveNaN() {
        #expect(BigFloat.log(big(-1)).isNaN)
        #expect(BigFloat.sqrt(big(-1)).isNaN)
        #expect(BigFloat.asin(big(2)).isNaN)
        #expect(BigFloat.acosh(big(0)).isNaN)
        #expect(BigFloat.pow(big(-2), BigFloat(0.5, precision: p)).isNaN)
        #expect((big(0) / big(0)).isNaN)
        #expect(!BigFloat.log(big(-1)).isFinite)
        #expect(Double.log(-1).isNaN)
    }

    @Test func polesGiveInfinities() {
        let inf = big(1) / big(0)
        #expect(inf.isInfinite && inf.sign == 1)
        #expect((big(-1) / big(0)).sign == -1)
        #expect(BigFloat.log(big(0)) == BigFloat.infinity(precision: p, negative: true))
        #expect(BigFloat.atanh(big(1)).isInfinite)
        #expect(BigFloat.pow(big(0), -1) == inf)
        #expect(BigFloat.exp(inf) == inf)
        #expect(BigFloat.exp(-inf).isZero)
        #expect(BigFloat.tanh(inf) == big(1))
        #expect((inf - inf).isNaN)
    }

    @Test func nanPropagatesAndCompares() {
        let nan = BigFloat.nan(precision: p)
        for f in ElementaryFunction.allCases { #expect(BigFloat.apply(f, nan).isNaN, "\(f)") }
        #expect((nan + big(1)).isNaN)
        #expect(nan != nan && !(nan < big(1)) && !(big(1) < nan))
        #expect(nan.sign == 0 && nan.binaryExponent == nil)
        #expect(BigFloat.pow(nan, 0) == big(1))
        // min and max propagate NaN in all three scalar types.
        #expect(BigFloat.min(nan, big(1)).isNaN && BigFloat.max(big(1), nan).isNaN)
        #expect(Double.min(.nan, 1).isNaN && Double.max(1, .nan).isNaN)
        #expect(BigInterval.min(BigInterval(nan), BigInterval(big(1))).isNaN)
    }

    @Test func intervalSpecialValues() {
        let nan = BigInterval.nan(precision: p)
        #expect(nan.isNaN && !nan.isFinite && nan.contains(big(5)) && nan.contains(BigFloat.nan(precision: p)))
        for f in ElementaryFunction.allCases { #expect(BigInterval.apply(f, nan).isNaN, "\(f)") }
        #expect((nan + BigInterval(big(1))).isNaN)
        #expect(nan.certifiedDecimal(significantDigits: 3) == nil)
        #expect(nan.midpoint.isNaN && nan.width.isNaN)
        let entire = BigInterval.entire(precision: p)
        #expect(!entire.isFinite && entire.midpoint.isZero && entire.radius.isInfinite && entire.contains(big(-7)))
        #expect(BigInterval.exp(entire) == BigInterval(lower: big(0), upper: BigFloat.infinity(precision: p)))
        #expect(BigInterval.sin(entire) == BigInterval(lower: big(-1), upper: big(1)))
        #expect((entire + entire) == entire)
        #expect((entire * BigInterval(big(0))) == BigInterval(big(0)))
        #expect(entire.certifiedDecimal(significantDigits: 3) == nil)
    }
}

/// `logMagnitude` reads ln|x| as a Double also where |x| overflows a Double.
struct LogMagnitudeTests {
    @Test func agreesWithTheMPFRLogOutsideDoubleRange() {
        for n in [-5000, -400, -1, 0, 3, 308, 5000] {
            for x in [BigFloat.pow(BigFloat(10, precision: 300), n), -BigFloat.pow(BigFloat(7, precision: 300), n)] {
                // The reference: MPFR's log at 300 bits, rounded to a double.
                let reference = BigFloat.log(BigFloat.abs(x)).doubleValue
                #expect(Swift.abs(x.logMagnitude - reference) <= 1e-15 * Swift.max(1, Swift.abs(reference)), "\(n)")
            }
        }
    }

    @Test func zeroAndNonFiniteValues() {
        #expect(BigFloat(0, precision: 64).logMagnitude == -.infinity)
        #expect(BigFloat.nan(precision: 64).logMagnitude.isNaN)
        #expect(BigFloat.infinity(precision: 64, negative: false).logMagnitude.isNaN)
    }
}
