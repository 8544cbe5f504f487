import CMPFR
import PhasecheckNumbers
import Testing

/// The block products of the relaxed Cauchy products (`pc_kronecker_addmul`, CMPFR/kronecker.h), made as one
/// integer product (at 2^W) or split in two (at 2^N and -2^N), at 3400 bits (about 1020 digits): against the exact
/// sums of the same rounded coefficients (rational arithmetic), and one sum against mpmath.
@Suite struct BlockProductTests {
    static let bits = 3400
    /// The block: orders 16 ..< 48 of exp(x) and of log(1 + x)/x, whose products reach orders 32 ... 94.
    static let orders = 16..<48

    /// Raw MPFR copies of `values` (freed by the caller) and the exact rationals they hold.
    static func raw(_ values: [BigFloat]) -> (pointers: [mpfr_ptr?], exact: [BigRational]) {
        let pointers: [mpfr_ptr?] = values.map { value in
            let p = UnsafeMutablePointer<__mpfr_struct>.allocate(capacity: 1)
            mpfr_init2(p, mpfr_prec_t(bits))
            var copy = value
            copy.withMutablePointer { _ = mpfr_set(p, $0, MPFR_RNDN) }
            return p
        }
        return (pointers, values.map { BigRational(exactly: $0)! })
    }

    static func free(_ pointers: [mpfr_ptr?]) {
        for p in pointers { mpfr_clear(p!); p!.deallocate() }
    }

    static func factorial(_ n: Int) -> BigRational { (1...Swift.max(n, 1)).reduce(BigRational(1)) { $0 * BigRational($1) } }

    /// acc[m] = 2^doubling sum_{i+j=m} a_i b_j by one block product (split as asked), as BigFloats.
    static func blockProduct(_ a: [mpfr_ptr?], _ b: [mpfr_ptr?], doubling: Int, split: Int32) -> [BigFloat] {
        let count = a.count + b.count - 1
        let acc = raw([BigFloat](repeating: BigFloat(0, precision: bits), count: count)).pointers
        defer { free(acc) }
        let failed = acc.withUnsafeBufferPointer { accumulators in
            a.withUnsafeBufferPointer { x in
                b.withUnsafeBufferPointer { y in
                    pc_kronecker_addmul(accumulators.baseAddress, count, x.baseAddress, a.count, y.baseAddress, b.count,
                                        bits + 2, 2 * (bits + 2), doubling, split)
                }
            }
        }
        #expect(failed == 0)
        return acc.map { p in
            var r = BigFloat(0, precision: bits)
            r.withMutablePointer { _ = mpfr_set($0, p!, MPFR_RNDN) }
            return r
        }
    }

    /// The blocks' product a b and a's square 2 a^2 (doubled, as the relaxed products count the off-diagonal
    /// squares), a = orders 16 ..< 48 of exp(x), b = of log(1 + x)/x, each by one block product split as asked,
    /// with the exact values of its factors.
    static func products(split: Int32) -> [(sums: [BigFloat], x: [BigRational], y: [BigRational], doubling: Int)] {
        let a = orders.map { BigFloat(BigRational(1) / factorial($0), precision: bits) }
        let b = orders.map { BigFloat(BigRational($0 % 2 == 0 ? 1 : -1, $0 + 1), precision: bits) }
        let (pa, ea) = raw(a), (pb, eb) = raw(b)
        defer { free(pa); free(pb) }
        return [(pa, pb, ea, eb, 0), (pa, pa, ea, ea, 1)].map { x, y, ex, ey, doubling in
            (blockProduct(x, y, doubling: doubling, split: split), ex, ey, doubling)
        }
    }

    @Test(arguments: [Int32(0), 1])
    func blockProductsAreTheExactSumsToTheirPrecision(split: Int32) throws {
        for (sums, ex, ey, doubling) in Self.products(split: split) {
            Self.expectExactSums(sums, ex, ey, doubling: doubling, "split \(split)")
        }
    }

    /// Every sum of a block product within the rounding note of kronecker.h of the exact sum of its terms.
    static func expectExactSums(_ sums: [BigFloat], _ ex: [BigRational], _ ey: [BigRational], doubling: Int, _ label: String) {
        for m in sums.indices {
            var exact = BigRational(0), magnitude = BigRational(0)
            for i in ex.indices where m - i >= 0 && m - i < ey.count {
                let term = ex[i] * ey[m - i] * BigRational(1 << doubling)
                exact = exact + term
                magnitude = magnitude + (term < BigRational(0) ? -term : term)
            }
            // kronecker.h: each term within 2^(1 - bits') relative (bits' = bits + 2), then one rounding of the sum.
            let error = BigFloat.abs(BigFloat(BigRational(exactly: sums[m])! - exact, precision: 64))
            let allowed = (BigFloat(magnitude, precision: 64) + BigFloat.abs(sums[m])) * Self.unit
            #expect(error <= allowed, "index \(m), \(label): error \(error.doubleValue)")
            if magnitude == BigRational(0) { #expect(sums[m].isZero, "index \(m), \(label): no terms, yet \(sums[m].doubleValue)") }
        }
    }

    /// Blocks whose coefficients are zero at even and at odd places (the evaluation at -2^N negates the odd ones),
    /// of both signs, 2^±200 apart, and with pairs that cancel (b_j = -a_j, so a b has terms a_i a_j - a_j a_i), as
    /// one product and split, against the exact sums (a sum with no nonzero term must be exactly 0).
    @Test(arguments: [Int32(0), 1])
    func blocksWithZerosSignsAndSpreadAreTheExactSums(split: Int32) throws {
        let n = 40
        let a: [BigFloat] = (0..<n).map { i in
            if i % 5 == 3 || i == 1 || i >= n - 3 { return BigFloat(0, precision: Self.bits) }
            let scale = BigRational(2).power(i % 7 == 0 ? 200 : 0) / BigRational(2).power(i % 11 == 4 ? 200 : 0)
            return BigFloat(BigRational((i / 2) % 2 == 0 ? i + 1 : -(i + 1), 3 * i + 7) * scale, precision: Self.bits)
        }
        let b: [BigFloat] = (0..<n).map { j in
            if j % 4 == 0 { return BigFloat(0, precision: Self.bits) }
            return j % 3 == 1 ? -a[j] : BigFloat(BigRational(j % 2 == 0 ? 1 : -1, j * j + 1), precision: Self.bits)
        }
        let (pa, ea) = Self.raw(a), (pb, eb) = Self.raw(b)
        defer { Self.free(pa); Self.free(pb) }
        Self.expectExactSums(Self.blockProduct(pa, pb, doubling: 0, split: split), ea, eb, doubling: 0, "mixed a b, split \(split)")
        Self.expectExactSums(Self.blockProduct(pb, pb, doubling: 1, split: split), eb, eb, doubling: 1, "mixed 2 b^2, split \(split)")
    }

    /// 2^-bits.
    static var unit: BigFloat {
        var u = BigFloat(0, precision: 64)
        u.withMutablePointer { _ = mpfr_set_ui_2exp($0, 1, -bits, MPFR_RNDN) }
        return u
    }

    @Test(arguments: [Int32(0), 1])
    func blockProductMatchesMpmathAt1015Digits(split: Int32) throws {
        let sums = Self.products(split: split)[0].sums
        #expect(matchesPrintedDigits(sums[60 - 2 * Self.orders.lowerBound], Self.order60))
    }

    /// Order 60 of the block's product, sum_{i=16..44} (1/i!) (-1)^(60-i)/(61-i), in mpmath at 1100 digits:
    /// `mp.dps = 1100; nstr(sum(mpf(1)/factorial(i) * (-1)**(60-i)/(61-i) for i in range(16, 45)), 1015)`.
    static let order60 = "0.000000000000001001655520063866495187368449663554323271286771873399222335007323446980885227750826318523737560938419337309054271961433802591082276225617159467876789525728005108977261134192869258039272061289771347936707704336967614448033194267764776766744279773156319242281733598772688814486275917045337861210183121983866662424403201367442539599188093916443216280156039610191648933571167343381979946116517092064285767524681584494018881696073168163318494030877579545190279947276271493780701199331973055942520898029624664323573238610268450553849931834809706594398998040737003921145749578353018939443062320029743254526081937654440495676577403384284723483412074872971198784124838253300457436799492587517655819109455073113498984493623436977761011977680212153263076037173901010654718935056038951876728217611952656907472751843469293831891696771872059169750699867699156688048319720133731463881638591185827305069489588009993048891897154941484091040924615498093192379752508887223246050851418846796782496620323162148854469943194457599670497014"
}
