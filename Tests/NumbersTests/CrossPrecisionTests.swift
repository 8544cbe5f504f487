import PhasecheckTestSupport
import PhasecheckNumbers
import PropertyBased
import Testing

/// MPFR's tgeneric check: the result at p bits equals the p-bit rounding of the result at p + 20 bits,
/// whenever that rounding is determined (mpfr_can_round).
struct CrossPrecisionTests {
    @Test(arguments: ElementaryFunction.allCases) func elementaryFunction(_ f: ElementaryFunction) async {
        var decided = 0
        await seededPropertyCheck(count: 400, input: Draws.draw()) { d in
            let x = argument(f, d)
            let got = BigFloat.apply(f, x)
            #expect(got.precision == x.precision)
            let wide = BigFloat.apply(f, x.rounded(toPrecision: x.precision + 20))
            if wide.isNaN {
                #expect(got.isNaN, "\(f)(\(x))")
            } else if let expected = correctRounding(of: wide, toPrecision: x.precision) {
                decided += 1
                #expect(same(got, expected), "\(f)(\(x)) = \(got), expected \(expected)")
            }
        }
        #expect(decided >= 300, "too few decidable cases for \(f)")
    }

    @Test(arguments: BinaryFunction.allCases) func twoArgumentFunction(_ f: BinaryFunction) async {
        var decided = 0
        await seededPropertyCheck(count: 400, input: Draws.draw(), Draws.draw()) { d, e in
            let (a, b) = arguments(f, d, e)
            let got = BigFloat.apply(f, a, b)
            let p = a.precision + 20
            let wide = BigFloat.apply(f, a.rounded(toPrecision: p), b.rounded(toPrecision: p))
            if wide.isNaN {
                #expect(got.isNaN, "\(f)(\(a), \(b))")
            } else if let expected = correctRounding(of: wide, toPrecision: a.precision) {
                decided += 1
                #expect(same(got, expected), "\(f)(\(a), \(b)) = \(got), expected \(expected)")
            }
        }
        #expect(decided >= 300, "too few decidable cases for \(f)")
    }

    @Test func integerPowerAndArithmetic() async {
        await seededPropertyCheck(count: 200, input: Draws.draw(), Draws.draw(), Gen.int(in: -40...40)) { d, e, n in
            let a = d.value(exponents: -20...20)
            let b = Draw(words: e.words, exponent: e.exponent, negative: e.negative, precision: d.precision)
                .value(exponents: -20...20)
            let p = d.precision, wa = a.rounded(toPrecision: p + 20), wb = b.rounded(toPrecision: p + 20)
            let cases: [(String, BigFloat, BigFloat)] = [
                ("pow n=\(n)", BigFloat.pow(a, n), BigFloat.pow(wa, n)),
                ("+", a + b, wa + wb), ("-", a - b, wa - wb), ("*", a * b, wa * wb), ("/", a / b, wa / wb),
            ]
            for (name, got, wide) in cases {
                if let expected = correctRounding(of: wide, toPrecision: p) {
                    #expect(same(got, expected), "\(name) with \(a), \(b)")
                }
            }
        }
    }
}
