import CMPFR
@testable import PhasecheckDynamics
import PhasecheckNumbers
import Testing

/// A sum of products of series as one relaxed site (`RelaxedProducts.dot`: the block products of every product
/// into one set of accumulators, the pairs below the smallest block in one exact fixed-point sum,
/// `pc_series_dot_outer`), order by order to order 120 at 1100 bits (about 330 digits, where the integrator's
/// relaxed products start at order 32): against the exact rational sums of the same coefficients.
@Suite struct RelaxedDotTests {
    static let bits = 1100
    static let lastOrder = 120

    static func factorial(_ n: Int) -> BigRational { (1...Swift.max(n, 1)).reduce(BigRational(1)) { $0 * BigRational($1) } }

    /// exp(x) + exp(x) log(1 + x)/x + (sum_i x^i/(i + 1)^2)^2 - exp(x) exp(-x/3), coefficients 0 ... lastOrder: a square,
    /// a sign-alternating factor and a cancellation, as the entries of a matrix product have.
    @Test func aRelaxedSumOfProductsIsTheExactSumToItsPrecision() {
        let n = Self.lastOrder + 1
        let series: [[BigRational]] = [
            (0..<n).map { BigRational(1) / Self.factorial($0) },
            (0..<n).map { BigRational($0 % 2 == 0 ? 1 : -1, $0 + 1) },
            (0..<n).map { BigRational(1, ($0 + 1) * ($0 + 1)) },
            (0..<n).map { BigRational($0 % 2 == 0 ? 1 : -1) / (Self.factorial($0) * Self.power3($0)) },
            (0..<n).map { BigRational(-1) / Self.factorial($0) },
        ]
        // Buffers (n slots each): the five series, then the result.
        var store = series.flatMap { $0.map { BigFloat($0, precision: Self.bits) } } + (0..<n).map { _ in BigFloat(0, precision: Self.bits) }
        let result = series.count * n
        let pairs = [(0, 0), (0, 1), (2, 2), (4, 3)]
        let a = pairs.map { $0.0 * n }, b = pairs.map { $0.1 * n }
        let table = MPFRSlots.table(for: &store)!
        defer { table.deallocate() }
        let relaxed = RelaxedProducts(smallestBlock: 16, lastOrder: Self.lastOrder, accumulatorBits: Self.bits, splitsBlocks: true, fusesDots: true)
        let scratch = UnsafeMutablePointer<__mpfr_struct>.allocate(capacity: 1)
        mpfr_init2(scratch, mpfr_prec_t(Self.bits))
        defer { mpfr_clear(scratch); scratch.deallocate() }
        // The scratch slot `t` of `dot` is read only where the fixed-point sum refuses; the table gets one more entry for it.
        let extended = UnsafeMutablePointer<UnsafeMutablePointer<__mpfr_struct>>.allocate(capacity: store.count + 1)
        defer { extended.deallocate() }
        extended.update(from: table, count: store.count)
        extended[store.count] = scratch
        var checked = 0
        for k in 32...Self.lastOrder {
            a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in
                relaxed.dot(MPFRSlots(extended), x, y, k, into: result + k, temporary: store.count)
            } }
            var exact = BigRational(0), magnitude = BigRational(0)
            for (i, j) in pairs {
                for m in 0...k {
                    let term = series[i][m] * series[j][k - m]
                    exact = exact + term
                    magnitude = magnitude + (term < BigRational(0) ? -term : term)
                }
            }
            var value = BigFloat(0, precision: Self.bits)
            value.withMutablePointer { _ = mpfr_set($0, extended[result + k], MPFR_RNDN) }
            // Each term enters within 2^(1 - bits) relative (kronecker.h, seriesdot.h), and the accumulators and the
            // result round about log2(k) times more: 2^(8 - bits) of the terms' magnitude.
            let error = BigFloat(BigRational(exactly: value)! - exact, precision: 64)
            var unit = BigFloat(0, precision: 64)
            unit.withMutablePointer { _ = mpfr_set_ui_2exp($0, 1, 8 - Self.bits, MPFR_RNDN) }
            let allowed = BigFloat(magnitude, precision: 64) * unit
            #expect(BigFloat.abs(error) <= allowed, "order \(k): error \(error.doubleValue) against the terms' \(allowed.doubleValue)")
            checked += 1
        }
        #expect(checked == Self.lastOrder - 31)
    }

    static func power3(_ n: Int) -> BigRational { (0..<n).reduce(BigRational(1)) { r, _ in r * BigRational(3) } }
}
