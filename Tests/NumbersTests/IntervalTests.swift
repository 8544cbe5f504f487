import PhasecheckTestSupport
import CMPFR
import PhasecheckNumbers
import PropertyBased
import Testing

/// The inclusion principle, checked against BigFloat at twice the precision, plus the documented edge cases.
struct IntervalTests {
    /// An interval of the draw's precision around `center`, of relative radius 2^-k (k = 0 gives a
    /// radius as large as the center, or 2^(0..3) around 0; k > precision gives a point).
    static func interval(around center: BigFloat, _ k: Int) -> BigInterval {
        let p = center.precision
        if k > p { return BigInterval(center) }
        let scale = center.binaryExponent.map { $0 - k } ?? (k % 4)
        let radius = BigFloat.scaled(BigFloat(1, precision: p), byPowerOfTwo: scale)
        return BigInterval(lower: BigFloat.binary(mpfr_sub, center, radius, rounding: MPFR_RNDD),
                           upper: BigFloat.binary(mpfr_add, center, radius, rounding: MPFR_RNDU))
    }

    /// Endpoints, the center and a point inside, each at twice the interval's precision.
    static func points(of x: BigInterval, _ d: Draw) -> [BigFloat] {
        let p = 2 * x.precision
        let lo = x.lower.rounded(toPrecision: p), hi = x.upper.rounded(toPrecision: p)
        var inside = lo + (hi - lo) * d.unit.rounded(toPrecision: p)
        if hi < inside { inside = hi }
        if inside < lo { inside = lo }
        return [lo, hi, x.midpoint.rounded(toPrecision: p), inside]
    }

    @Test(arguments: ElementaryFunction.allCases) func elementaryFunctionEncloses(_ f: ElementaryFunction) async {
        var informative = 0
        await seededPropertyCheck(count: 300, input: Draws.draw(), Gen.int(in: 0...320)) { d, k in
            let x = Self.interval(around: argument(f, d), k)
            let y = BigInterval.apply(f, x)
            if !y.isNaN { informative += 1 }
            for t in Self.points(of: x, d) {
                let value = BigFloat.apply(f, t)
                #expect(y.contains(value), "\(f)(\(x)) = \(y) misses \(f)(\(t)) = \(value)")
            }
        }
        #expect(informative >= 150, "\(f): too many NaN results")
    }

    @Test(arguments: BinaryFunction.allCases) func twoArgumentFunctionEncloses(_ f: BinaryFunction) async {
        await seededPropertyCheck(count: 250, input: Draws.draw(), Draws.draw(), Gen.int(in: 0...320), Gen.int(in: 0...320)) { d, e, k, l in
            let (a, b) = arguments(f, d, e)
            let x = Self.interval(around: a, k)
            // Negative bases take integer exponents only: keep those exponents points.
            let y = Self.interval(around: b, f == .pow && a.sign < 0 ? Int.max : l)
            let z = BigInterval.apply(f, x, y)
            for s in Self.points(of: x, d) {
                for t in Self.points(of: y, e) {
                    let value = BigFloat.apply(f, s, t)
                    #expect(z.contains(value), "\(f)(\(x), \(y)) = \(z) misses \(f)(\(s), \(t)) = \(value)")
                }
            }
        }
    }

    @Test func arithmeticAndIntegerPowersEnclose() async {
        await seededPropertyCheck(count: 150, input: Draws.draw(), Draws.draw(), Gen.int(in: 0...200), Gen.int(in: -9...9)) { d, e, k, n in
            let (a, b) = arguments(.min, d, e)
            let x = Self.interval(around: a, k), y = Self.interval(around: b, k / 2)
            let results = [x + y, x - y, x * y, x / y, BigInterval.pow(x, n), -x]
            for s in Self.points(of: x, d) {
                for t in Self.points(of: y, e) {
                    let values = [s + t, s - t, s * t, s / t, BigFloat.pow(s, n), -s]
                    for (z, v) in zip(results, values) {
                        #expect(z.contains(v), "\(z) misses \(v) at s = \(s), t = \(t), n = \(n)")
                    }
                }
            }
        }
    }

    /// Enclosures of a fixed argument narrow as the precision grows (by about 2^-192 from 64 to 256 bits); sign, whose
    /// values are exact, has the point 1 at 7/10 at every precision.
    @Test(arguments: ElementaryFunction.allCases) func widthShrinksWithPrecision(_ f: ElementaryFunction) {
        let q = f == .acosh ? BigRational(17, 10) : BigRational(7, 10)
        let narrow = BigInterval.apply(f, IntervalContext(precision: 256).constant(q))
        let wide = BigInterval.apply(f, IntervalContext(precision: 64).constant(q))
        if f == .sign {
            #expect(narrow == BigInterval(BigFloat(1, precision: 256)) && wide.lower == BigFloat(1, precision: 64) && wide.upper == wide.lower)
            return
        }
        #expect(wide.width.isFinite && wide.width.sign > 0)
        #expect(narrow.width < BigFloat.scaled(wide.width, byPowerOfTwo: -150))
        #expect(wide.overlaps(narrow))
    }

    @Test func trigonometricExtremaAndPoles() {
        let p = 80
        func iv(_ lo: Double, _ hi: Double) -> BigInterval {
            BigInterval(lower: BigFloat(lo, precision: p), upper: BigFloat(hi, precision: p))
        }
        let one = BigFloat(1, precision: p)
        #expect(BigInterval.sin(iv(1, 2)).upper == one)
        var sinOneDown = BigFloat.nan(precision: p)
        BigFloat.apply(mpfr_sin, one, into: &sinOneDown, rounding: MPFR_RNDD)
        #expect(BigInterval.sin(iv(1, 2)).lower == sinOneDown)
        #expect(BigInterval.sin(iv(-2, -1)).lower == -one)
        #expect(BigInterval.cos(iv(3, 4)).lower == -one)
        #expect(BigInterval.cos(iv(-0.5, 0.5)).upper == one)
        #expect(BigInterval.cos(iv(0.5, 1)).upper < one)
        #expect(BigInterval.sin(iv(0, 7)) == iv(-1, 1))
        #expect(BigInterval.tan(iv(1, 2)) == BigInterval.entire(precision: p))
        #expect(BigInterval.tan(iv(-1, 1)).isFinite)
        // 1e22 lies between two poles; the enclosure must be narrow, not the whole line.
        let big = BigInterval(BigFloat(1e22, precision: p))
        #expect(BigInterval.tan(big).isFinite && BigInterval.sin(big).width < BigFloat(1e-20, precision: p))
        #expect(BigInterval.cosh(iv(-1, 2)).lower == one)
        #expect(BigInterval.abs(iv(-3, 2)) == iv(0, 3))
    }

    @Test func domainsDivisionAndPowers() {
        let p = 64
        func iv(_ lo: Double, _ hi: Double) -> BigInterval {
            BigInterval(lower: BigFloat(lo, precision: p), upper: BigFloat(hi, precision: p))
        }
        let inf = Double.infinity
        #expect(BigInterval.sqrt(iv(-1, 4)).isNaN)
        #expect(BigInterval.sqrt(iv(0, 4)) == iv(0, 2))
        #expect(BigInterval.log(iv(0, 1)) == iv(-inf, 0))
        #expect(BigInterval.log(iv(-1, 1)).isNaN)
        #expect(BigInterval.asin(iv(0, 1.5)).isNaN)
        #expect(BigInterval.atanh(iv(-1, 0)).lower.isInfinite)
        #expect(BigInterval.acosh(iv(0.5, 2)).isNaN)
        #expect(BigInterval.log(onePlus: iv(-2, 0)).isNaN)
        #expect(iv(1, 2) / iv(-1, 1) == iv(-inf, inf))
        #expect((iv(1, 2) / iv(0, 0)).isNaN)
        #expect((iv(0, 1) / iv(0, 1)).isNaN)
        #expect(iv(1, 2) / iv(4, 8) == iv(0.125, 0.5))
        #expect(iv(1, inf) / iv(1, inf) == iv(-inf, inf))
        #expect(iv(0, 0) * iv(-inf, inf) == iv(0, 0))
        #expect(iv(-2, 3) * iv(-5, 7) == iv(-15, 21))
        #expect(BigInterval.pow(iv(-2, -1), 3) == iv(-8, -1))
        #expect(BigInterval.pow(iv(-2, 1), 2) == iv(0, 4))
        #expect(BigInterval.pow(iv(-1, 2), -1) == iv(-inf, inf))
        #expect(BigInterval.pow(iv(-1, 2), -2) == iv(0.25, inf))
        #expect(BigInterval.pow(iv(-4, -2), -2) == iv(1.0 / 16, 0.25))
        #expect(BigInterval.pow(iv(-2, 2), 0) == iv(1, 1))
        #expect(BigInterval.pow(iv(-2, -1), iv(2, 2)) == iv(1, 4))
        #expect(BigInterval.pow(iv(-2, -1), iv(2, 3)).isNaN)
        #expect(BigInterval.pow(iv(0, 1), iv(-1, -1)) == iv(1, inf))
        #expect(BigInterval.pow(iv(0, 4), iv(0, 0.5)) == iv(0, 2))
        let pi = BigInterval.pi(precision: p)
        #expect(BigInterval.atan2(y: iv(0, 0), x: iv(-1, -1)) == pi)
        #expect(BigInterval.atan2(y: iv(-1, 0), x: iv(-1, -1)) == BigInterval(lower: -pi.upper, upper: pi.upper))
        #expect(BigInterval.atan2(y: iv(-1, 1), x: iv(-1, 1)).upper == pi.upper)
        #expect(BigInterval.atan2(y: iv(1, 2), x: iv(1, 2)).isFinite && BigInterval.atan2(y: iv(1, 2), x: iv(1, 2)).upper < pi.lower)
        #expect(BigInterval.min(iv(1, 5), iv(2, 3)) == iv(1, 3))
        #expect(BigInterval.max(iv(1, 5), iv(2, 3)) == iv(2, 5))
    }

    /// An interval at 96 bits of one of nine shapes: below, above and around 0, with a zero endpoint, a point.
    static func shaped(_ d: Draw, _ shape: Int) -> BigInterval {
        let p = 96
        let x = d.value(exponents: -5...5, signed: false).rounded(toPrecision: p), y = x + BigFloat(shape + 1, precision: p)
        let zero = BigFloat(0, precision: p)
        let ends = [(x, y), (-y, -x), (-x, y), (-y, x), (zero, x), (-x, zero), (zero, zero), (x, x), (-x, -x)][shape]
        return BigInterval(lower: ends.0, upper: ends.1)
    }

    /// The hull of op over the four corners, each rounded outward: the reference for the sign tables.
    static func hullOfCorners(_ op: MPFRBinary, _ a: BigInterval, _ b: BigInterval) -> BigInterval {
        let corners = [a.lower, a.upper].flatMap { x in [b.lower, b.upper].map { y in
            (BigFloat.binary(op, x, y, rounding: MPFR_RNDD), BigFloat.binary(op, x, y, rounding: MPFR_RNDU))
        } }
        return BigInterval(lower: corners.map(\.0).min()!, upper: corners.map(\.1).max()!)
    }

    /// A divisor that is exactly 0 leaves the quotient without a real value, whatever the numerator, and so does
    /// a negative power of exactly 0: the NaN interval, which a product by 0 keeps (an unbounded quotient would
    /// become 0 there, giving (1/p) sin(p) the value 0 at p = 0). Divisors that only contain 0 keep their
    /// unbounded enclosures, which hold every real quotient.
    @Test func aQuotientByExactlyZeroHasNoValue() {
        let p = 64
        func iv(_ lo: Double, _ hi: Double) -> BigInterval {
            BigInterval(lower: BigFloat(lo, precision: p), upper: BigFloat(hi, precision: p))
        }
        let inf = Double.infinity, zero = iv(0, 0)
        for numerator in [iv(1, 1), iv(-3, -2), iv(0, 0), iv(-1, 1), iv(1, inf)] {
            #expect((numerator / zero).isNaN, "\(numerator) / 0")
            #expect((zero * (numerator / zero)).isNaN, "0 * (\(numerator) / 0)")
        }
        for n in [-1, -2, -3] { #expect(BigInterval.pow(zero, n).isNaN, "0^\(n)") }
        #expect(BigInterval.pow(zero, iv(-1, -1)).isNaN)
        #expect(BigInterval.pow(zero, iv(-0.5, -0.5)).isNaN)
        #expect(BigInterval.pow(zero, iv(0.5, 0.5)) == zero)
        #expect(BigInterval.pow(zero, iv(-1, 1)).isNaN == false)
        #expect(iv(1, 2) / iv(0, 1) == iv(-inf, inf))
        #expect(BigInterval.pow(iv(0, 1), -1) == iv(-inf, inf))
        #expect(BigInterval.pow(iv(0, 1), -2) == iv(1, inf))
    }

    /// The product's two-multiplication sign table gives exactly the hull of the four corners (each rounded
    /// outward), for every sign pattern of the factors, zero endpoints included, and writes a uniquely held
    /// result in place.
    @Test func productIsTheHullOfItsCorners() async {
        await seededPropertyCheck(count: 100, input: Draws.draw(), Draws.draw(), Gen.int(in: 0...8), Gen.int(in: 0...8)) { d, e, i, j in
            func straddles(_ x: BigInterval) -> Bool { x.lower.sign < 0 && x.upper.sign > 0 }
            let a = Self.shaped(d, i), b = Self.shaped(e, j)
            let hull = Self.hullOfCorners(mpfr_mul, a, b)
            var product = BigInterval(lower: BigFloat(7, precision: 96), upper: BigFloat(8, precision: 96))
            let storage = product.lower.withPointer { UnsafeRawPointer($0) }
            BigInterval.multiply(a, b, into: &product)
            #expect(product == hull, "\(a) * \(b) = \(product), corners' hull \(hull)")
            #expect(product.lower.withPointer { UnsafeRawPointer($0) } == storage || straddles(a) && straddles(b))
        }
    }

    /// The same for the quotient's two-division table: every numerator shape over every divisor shape
    /// without 0 (below or above 0, wide or a point), in place.
    @Test func quotientIsTheHullOfItsCorners() async {
        await seededPropertyCheck(count: 100, input: Draws.draw(), Draws.draw(), Gen.int(in: 0...8), Gen.int(in: 0...3)) { d, e, i, j in
            let a = Self.shaped(d, i), b = Self.shaped(e, [0, 1, 7, 8][j])
            let hull = Self.hullOfCorners(mpfr_div, a, b)
            var quotient = BigInterval(lower: BigFloat(7, precision: 96), upper: BigFloat(8, precision: 96))
            let storage = quotient.lower.withPointer { UnsafeRawPointer($0) }
            BigInterval.divide(a, b, into: &quotient)
            #expect(quotient == hull, "\(a) / \(b) = \(quotient), corners' hull \(hull)")
            #expect(quotient.lower.withPointer { UnsafeRawPointer($0) } == storage)
        }
    }

    @Test func constantsAndAccessors() {
        let third = IntervalContext(precision: 64).constant(BigRational(1, 3))
        #expect(BigRational(exactly: third.lower)! < BigRational(1, 3) && BigRational(1, 3) < BigRational(exactly: third.upper)!)
        #expect(IntervalContext(precision: 64).constant(BigRational(3, 4)).width.isZero)
        let pi = IntervalContext(precision: 64).pi
        #expect(pi.contains(BigFloat.pi(precision: 300)) && pi.lower.precision == 64)
        #expect(pi.radius <= pi.width && pi.contains(pi.midpoint))
        #expect(BigInterval("0.1", precision: 53)!.contains(BigFloat("0.1", precision: 200)!))
        #expect(BigInterval("x", precision: 53) == nil)
        let x = BigInterval(lower: BigFloat(1, precision: 10), upper: BigFloat(3, precision: 10))
        #expect(x.midpoint == BigFloat(2) && x.radius == BigFloat(1) && x.width == BigFloat(2))
        #expect(x.doubleValue == 2 && x.isFinite && x.contains(BigFloat(3)) && !x.contains(BigFloat(3.5)))
    }

    /// The decimal helper: certified only when both ends print alike; raising precision gets there.
    @Test func certifiedDigits() {
        // mpmath: python3 -c "import mpmath; mpmath.mp.dps=60; print(mpmath.nstr(mpmath.pi, 50))"
        let piDigits = "3.1415926535897932384626433832795028841971693993751"
        #expect(BigInterval.pi(precision: 200).certifiedDecimal(significantDigits: 50) == piDigits)
        #expect(BigInterval.pi(precision: 100).certifiedDecimal(significantDigits: 50) == nil)
        var precision = 20
        while BigInterval.pi(precision: precision).certifiedDecimal(significantDigits: 50) == nil { precision += 10 }
        #expect((160...200).contains(precision))
        let zero = BigInterval(lower: -BigFloat(0, precision: 10), upper: BigFloat(0, precision: 10))
        #expect(zero.certifiedDecimal(significantDigits: 4) == "0.000")
        // sin(pi) encloses 0 but never certifies: the enclosure straddles zero.
        #expect(BigInterval.sin(BigInterval.pi(precision: 200)).certifiedDecimal(significantDigits: 3) == nil)
        let negative = IntervalContext(precision: 100).constant(BigRational(-2, 3))
        #expect(negative.certifiedDecimal(significantDigits: 25) == "-0.6666666666666666666666667")
        // 9.9999996 certifies 8 digits but its 3-digit rounding carries to 10.0.
        let nearTen = IntervalContext(precision: 100).constant(BigRational(99_999_996, 10_000_000))
        #expect(nearTen.certifiedDecimal(significantDigits: 3) == "10.0")
        #expect(nearTen.certifiedDecimal(significantDigits: 8) == "9.9999996")
        // An interval straddling a rounding boundary does not certify.
        let straddle = BigInterval(lower: BigFloat("1.2345", precision: 64)!, upper: BigFloat("1.2355", precision: 64)!)
        #expect(straddle.certifiedDecimal(significantDigits: 4) == nil)
        #expect(straddle.certifiedDecimal(significantDigits: 2) == "1.2")
        // The precision-raising helper on exp(pi·sqrt(163)), within 1e-12 of an integer (cancellation-prone).
        // mpmath: python3 -c "import mpmath; mpmath.mp.dps=80;
        //   print(mpmath.nstr(mpmath.exp(mpmath.pi*mpmath.sqrt(163)), 40))"
        let ramanujan = BigInterval.certifiedDecimal(significantDigits: 40) { c in
            BigInterval.exp(c.pi * BigInterval.sqrt(c.constant(163)))
        }
        #expect(ramanujan?.text == "262537412640768743.9999999999992500725972")
        #expect(BigInterval.certifiedDecimal(significantDigits: 5, maxPrecision: 2000) { c in BigInterval.sin(c.pi) } == nil)
    }
}
