import PhasecheckTestSupport
import PhasecheckNumbers
import PropertyBased
import Testing
import PhasecheckTestSupport

/// Identities checked at random points, with error bounds derived from correct rounding.
struct PropertyTests {
    /// exp(log x) = x: log x carries at most half an ulp u = 2^-p relative, i.e. |log x|·u absolutely, which
    /// exp turns into a factor e^(|log x|·u); exp's own rounding adds a factor 1 + u ≤ e^u.
    @Test func expOfLog() async {
        await seededPropertyCheck(count: 200, input: Draws.draw()) { d in
            let x = d.value(exponents: -1000...1000, signed: false)
            let u = twoToThe(-x.precision)
            let bound = Double.expMinusOne((BigFloat.log(x).doubleValue.magnitude * (1 + 2 * u) + 1) * u) * (1 + 1e-12)
            #expect(relativeError(BigFloat.exp(BigFloat.log(x)), x) <= bound, "x = \(x)")
        }
    }

    /// asinh(sinh x) = x and atanh(tanh x) = x, with the condition numbers of the inverses (to first
    /// order, hence at 24 bits and more).
    @Test func hyperbolicRoundTrips() async {
        await seededPropertyCheck(count: 200, input: Draws.draw(minPrecision: 24)) { d in
            let x = d.value(exponents: -20...3)
            let ulp = twoToThe(1 - x.precision)
            // asinh' = 1/sqrt(1 + s²): relative error in s of ε gives |s|ε/sqrt(1+s²)/|x| ≤ ε·|s/x| relative in x.
            let s = BigFloat.sinh(x)
            let sinhBound = (1 + (s / x).doubleValue.magnitude) * ulp
            #expect(relativeError(BigFloat.asinh(s), x) <= sinhBound, "x = \(x)")
            // atanh' = 1/(1 - t²): a relative error ε in t gives ε·|t|/(1-t²)/|x| relative in x.
            let t = BigFloat.tanh(x)
            let one = BigFloat(1, precision: x.precision + 64)
            let wideT = t.rounded(toPrecision: x.precision + 64)
            let tanhBound = (1 + ((wideT / x) / (one - wideT * wideT)).doubleValue.magnitude) * ulp
            #expect(relativeError(BigFloat.atanh(t), x) <= tanhBound, "x = \(x)")
        }
    }

    /// pow(x, n) against n multiplications at 64 more bits (error ≤ n·2^-(p+64)): within one ulp.
    @Test func integerPowerAgainstRepeatedMultiplication() async {
        await seededPropertyCheck(count: 200, input: Draws.draw(), Gen.int(in: -30...30)) { d, n in
            let x = d.value(exponents: -30...30)
            var product = BigFloat(1, precision: x.precision + 64)
            for _ in 0..<n.magnitude { product *= x }
            if n < 0 { product = BigFloat(1, precision: x.precision + 64) / product }
            #expect(relativeError(BigFloat.pow(x, n), product) <= twoToThe(1 - x.precision), "\(x)^\(n)")
        }
    }

    /// Rational arithmetic on small fractions against the schoolbook formulas in Int.
    @Test func rationalArithmeticAgainstInt() async {
        await seededPropertyCheck(count: 300, input: Gen.int(in: -1000...1000), Gen.int(in: 1...1000), Gen.int(in: -1000...1000), Gen.int(in: 1...1000)) { a, b, c, d in
            let x = BigRational(a, b), y = BigRational(c, d)
            #expect(x + y == BigRational(a * d + c * b, b * d))
            #expect(x - y == BigRational(a * d - c * b, b * d))
            #expect(x * y == BigRational(a * c, b * d))
            if c != 0 { #expect(x / y == BigRational(a * d, b * c)) }
            #expect((x < y) == (a * d < c * b))
            #expect((x == y) == (a * d == c * b))
            #expect(x.power(2) == BigRational(a * a, b * b))
            #expect(BigRational(x.description) == x)
            let g = Self.gcd(a, b)
            #expect(x.smallParts! == (a / g, b / g))
            // Dyadic values are exact in binary: BigFloat(a/2^k) converts back to the same rational.
            let dyadic = BigRational(a, 1 << (b % 20))
            #expect(BigRational(exactly: BigFloat(exactly: dyadic, precision: 64)!) == dyadic)
        }
    }

    @Test func exactConversions() {
        #expect(BigFloat(Int.max).precision == 64)
        #expect(BigRational(exactly: BigFloat(Int.max)) == BigRational(Int.max))
        #expect(BigRational(exactly: BigFloat(Int.min)) == BigRational(Int.min))
        #expect(BigRational(exactly: BigFloat(0.1)) == BigRational("3602879701896397/36028797018963968"))
        #expect(BigFloat(exactly: BigRational(1, 3), precision: 1000) == nil)
        #expect(BigFloat(exactly: BigRational(3, 8), precision: 2)?.doubleValue == 0.375)
        #expect(BigRational(exactly: BigFloat.nan(precision: 10)) == nil)
        // Correct rounding of a rational: 1/3 at 53 bits is the double nearest to 1/3.
        #expect(BigFloat(BigRational(1, 3), precision: 53).doubleValue == 1.0 / 3.0)
        #expect(BigRational(1, 3).doubleValue == 1.0 / 3.0)
    }

    /// Equal values hash alike at any precision, and +0 and -0 too.
    @Test func hashing() async {
        await seededPropertyCheck(count: 200, input: Draws.draw()) { d in
            let x = d.value(exponents: -100...100)
            let wide = x.rounded(toPrecision: x.precision + 1 + Int(d.exponent.magnitude))
            #expect(x == wide)
            #expect(x.hashValue == wide.hashValue)
            #expect(Set([x, wide]).count == 1)
        }
        let zero = BigFloat(0, precision: 10)
        #expect(Set([zero, -zero, BigFloat(0, precision: 500)]).count == 1)
        #expect(Set([BigFloat(1.5), BigFloat(1.5, precision: 300), BigFloat(-1.5), BigFloat(3)]).count == 3)
    }

    static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? Swift.abs(a) : gcd(b, a % b) }
}
