import CMPFR

/// Where the Taylor integrator's relaxed products are used (working precision and order), and the side T of
/// their smallest block product.
public struct RelaxedProductPolicy: Sendable, Hashable {
    public var smallestBits: Int
    public var smallestOrder: Int
    public var smallestBlock: Int
    /// Whether block products of more than `PC_KRONECKER_SPLIT_LIMBS` limbs are made as two integer products of
    /// half the size (at 2^N and -2^N; CMPFR/kronecker.h), which gives the same sums for less work.
    public var splitsBlocks: Bool
    /// Whether a sum of products (a fused matrix entry, `SeriesDot`) is one relaxed site (`RelaxedProducts.dot`)
    /// rather than one site per product.
    public var fusesDots: Bool

    public init(smallestBits: Int, smallestOrder: Int, smallestBlock: Int, splitsBlocks: Bool = true, fusesDots: Bool = true) {
        precondition(smallestBlock >= 2)
        self.smallestBits = smallestBits
        self.smallestOrder = smallestOrder
        self.smallestBlock = smallestBlock
        self.splitsBlocks = splitsBlocks
        self.fusesDots = fusesDots
    }

    /// Measured in Benchmarks/README.md ("Relaxed products").
    public static let standard = RelaxedProductPolicy(smallestBits: 300, smallestOrder: 64, smallestBlock: 16)
}


/// Relaxed (online) Cauchy products for the Taylor coefficients at high precision, with block products by
/// Kronecker substitution (one GMP integer product per block; `pc_kronecker_addmul` in CMPFR/kronecker.h).
///
/// Order k of a product needs c_k = sum_{i+j=k} a_i b_j while a and b are themselves computed order by
/// order, so the whole-series products of fast multiplication are not available term by term. The pairs
/// (i, j) are split as in van der Hoeven's relaxed multiplication:
///
/// - pairs with i < T or j < T (T = `smallestBlock`) are summed at order i + j, exactly in fixed point and rounded
///   once (`pc_series_dot_outer`, CMPFR/seriesdot.h; term by term where it refuses);
/// - the other pairs are tiled by squares of side s = T, 2T, 4T, ...: the band min(i, j) in [s, 2s) by the
///   squares [s, 2s) x [j0, j0 + s) (j0 = s, 2s, ...) and [i0, i0 + s) x [s, 2s) (i0 = 2s, 3s, ...). A square
///   at (i0, j0) first contributes to order i0 + j0 and uses coefficients up to i0 + s - 1 and j0 + s - 1,
///   both below i0 + j0 (s <= i0, j0): so it is multiplied as a block when order i0 + j0 begins, and its
///   2s - 1 sums are added to accumulators of the orders i0 + j0 ... that later read them.
///
/// Term by term, order k costs k + 1 multiplications, p^2/2 in all to order p; relaxed, 2T per order plus
/// about 2p/s block products of side s for each s, whose cost per pair falls with s. A sum of products (a fused
/// matrix entry, `dot`) is one site: its block products add into one set of accumulators.
///
/// Rounding: a block product keeps every coefficient to a relative 2^-(bits + 2), bits the precision of the
/// order's result, so each term enters with a smaller error than a rounded product and sum term by term;
/// blocks whose coefficients spread over too many binary orders (after scaling out their geometric decay)
/// are split, down to term-by-term products (see kronecker.h).
///
/// Made for one `computeCoefficients` call (the accumulators hold that call's partial sums).
final class RelaxedProducts {
    /// The side of the smallest block product, T.
    let smallestBlock: Int
    /// The highest order at which products are taken.
    let lastOrder: Int
    let accumulatorBits: Int
    /// `pc_kronecker_addmul`'s `split`: -1 by the block's size, 0 never.
    let split: Int32
    /// Whether sums of products use `dot` (see `RelaxedProductPolicy.fusesDots`; up to `fixedPointLargestBits`).
    let fusesDots: Bool
    /// The accumulators of one product site, and the orders whose block products they already hold.
    final class Accumulators {
        let values: UnsafeMutablePointer<__mpfr_struct>
        let pointers: UnsafeMutablePointer<UnsafeMutablePointer<__mpfr_struct>>
        let count: Int
        var triggeredThrough: Int

        init(count: Int, bits: Int, startingAt order: Int) {
            self.count = count
            values = .allocate(capacity: count)
            pointers = .allocate(capacity: count)
            for i in 0..<count {
                mpfr_init2(values + i, mpfr_prec_t(bits))
                mpfr_set_zero(values + i, 1)
                pointers[i] = values + i
            }
            triggeredThrough = order - 1
        }

        deinit {
            for i in 0..<count { mpfr_clear(values + i) }
            values.deallocate()
            pointers.deallocate()
        }
    }
    /// A product site: the operands' buffers and the range of its sums (sum_{j=lo..k-hiGap} a_j b_{k-j}).
    struct Site: Hashable { let a: Int, b: Int, lo: Int, hiGap: Int }
    private var sites: [Site: Accumulators] = [:]
    /// The sums of products (`dot`), by the buffer of their result.
    private var dotSites: [Int: Accumulators] = [:]
    private let term: UnsafeMutablePointer<__mpfr_struct>

    /// Extra bits, beyond the result's precision, kept for every coefficient of a block product.
    static var guardBits: Int { 2 }

    init(smallestBlock: Int, lastOrder: Int, accumulatorBits: Int, splitsBlocks: Bool, fusesDots: Bool) {
        self.smallestBlock = smallestBlock
        split = splitsBlocks ? -1 : 0
        sumsInFixedPoint = accumulatorBits <= Self.fixedPointLargestBits
        self.fusesDots = fusesDots && sumsInFixedPoint
        self.lastOrder = lastOrder
        self.accumulatorBits = accumulatorBits
        term = .allocate(capacity: 1)
        mpfr_init2(term, mpfr_prec_t(accumulatorBits))
    }

    deinit {
        mpfr_clear(term)
        term.deallocate()
    }

    /// Whether order k uses the relaxed form (below 2T every pair is multiplied term by term anyway).
    @inline(__always)
    func applies(atOrder k: Int) -> Bool { k >= 2 * smallestBlock }

    /// The largest working precision at which sums of products are one site and the pairs below T are summed in fixed
    /// point (`pc_series_dot_outer`: exact full products of the full-precision low orders); above it MPFR's short
    /// products cost less (the flagship at 1000 digits, 3420 bits, took 10% more CPU with both, Benchmarks/README.md).
    static var fixedPointLargestBits: Int { 2048 }
    /// Whether the pairs below T are summed in fixed point (see `fixedPointLargestBits`).
    let sumsInFixedPoint: Bool

    private func newAccumulators() -> Accumulators {
        Accumulators(count: lastOrder + 1, bits: accumulatorBits, startingAt: 2 * smallestBlock)
    }

    /// Starts the block products of every order up to k not yet started, for the `count` pairs of a site (`pairs(m)`:
    /// the operands' buffers, and whether the pair is a square over a symmetric range); r is the result's slot at
    /// order k.
    private func trigger(_ accumulators: Accumulators, through k: Int, pairs: (Int) -> (a: Int, b: Int, symmetric: Bool), count: Int,
                         _ p: UnsafeMutablePointer<UnsafeMutablePointer<__mpfr_struct>>, result r: Int) {
        while accumulators.triggeredThrough < k {
            let order = accumulators.triggeredThrough + 1
            accumulators.triggeredThrough = order
            // Slot r - (k - order) is the result's buffer at that order, which has the precision it needs.
            let bits = Int(mpfr_get_prec(p[r - k + order]))
            for m in 0..<count {
                let (a, b, symmetric) = pairs(m)
                startBlocks(atOrder: order, a, b, symmetric: symmetric, accumulators, p, bits: bits)
            }
        }
    }

    /// slot r = sum_{j=lo..hi} slot(a + j) slot(b + k - j) (lo <= 1, hi >= k - 1: the ranges of the
    /// recurrences), rounded at r's precision; `t` is a scratch slot of order k.
    func cauchy(_ slots: MPFRSlots, _ a: Int, _ b: Int, _ lo: Int, _ hi: Int, _ k: Int, into r: Int, temporary t: Int) {
        let site = Site(a: a, b: b, lo: lo, hiGap: k - hi)
        let accumulators: Accumulators
        if let known = sites[site] {
            accumulators = known
        } else {
            accumulators = newAccumulators()
            sites[site] = accumulators
        }
        let p = slots.pointers
        let symmetric = a == b && lo + hi == k
        trigger(accumulators, through: k, pairs: { _ in (a, b, symmetric) }, count: 1, p, result: r)
        // Pairs with i < T or j < T in one exact fixed-point sum (term by term where it refuses); for a square, the
        // pairs j < T mirror those with i < T.
        let T = smallestBlock, result = p[r]
        var x = a, y = b
        let fused = !sumsInFixedPoint ? 1 : UnsafeRawPointer(p).withMemoryRebound(to: mpfr_ptr?.self, capacity: 1) { table in
            symmetric ? pc_series_dot_outer(result, table, &x, &y, 1, k, lo, T - 1, 1, 0)
                      : pc_series_dot_outer(result, table, &x, &y, 1, k, lo, hi, T, k - T)
        }
        if fused != 0 {
            mpfr_set_zero(result, 1)
            let product = p[t]
            func add(_ i: Int) {
                mpfr_mul(product, p[a + i], p[b + k - i], MPFR_RNDN)
                mpfr_add(result, result, product, MPFR_RNDN)
            }
            for i in lo...Swift.min(hi, T - 1) { add(i) }
            if !symmetric { for i in Swift.max(lo, k - T + 1, T)...hi { add(i) } }
        }
        if symmetric { mpfr_mul_2ui(result, result, 1, MPFR_RNDN) }
        mpfr_add(result, result, accumulators.pointers[k], MPFR_RNDN)
    }

    /// slot r = sum_m sum_{j=0..k} slot(a[m] + j) slot(b[m] + k - j), order k of a sum of products (`SeriesDot`, a
    /// fused matrix entry), rounded at r's precision: one site for the whole sum, whose block products all add into
    /// one set of accumulators, and the pairs with j < T or k - j < T of every product in one exact fixed-point sum
    /// rounded once (`pc_series_dot_outer`; term by term where it refuses). `t` is a scratch slot of order k.
    func dot(_ slots: MPFRSlots, _ a: UnsafeBufferPointer<Int>, _ b: UnsafeBufferPointer<Int>, _ k: Int, into r: Int, temporary t: Int) {
        let site = r - k
        let accumulators: Accumulators
        if let known = dotSites[site] {
            accumulators = known
        } else {
            accumulators = newAccumulators()
            dotSites[site] = accumulators
        }
        let p = slots.pointers, count = a.count
        trigger(accumulators, through: k, pairs: { m in (a[m], b[m], a[m] == b[m]) }, count: count, p, result: r)
        let T = smallestBlock, result = p[r]
        let fused = !sumsInFixedPoint ? 1 : UnsafeRawPointer(p).withMemoryRebound(to: mpfr_ptr?.self, capacity: 1) { table in
            pc_series_dot_outer(result, table, a.baseAddress, b.baseAddress, count, k, 0, k, T, k - T)
        }
        if fused != 0 {
            mpfr_set_zero(result, 1)
            let product = p[t]
            func add(_ m: Int, _ i: Int) {
                mpfr_mul(product, p[a[m] + i], p[b[m] + k - i], MPFR_RNDN)
                mpfr_add(result, result, product, MPFR_RNDN)
            }
            for m in 0..<count {
                for i in 0..<T { add(m, i) }
                for i in (k - T + 1)...k { add(m, i) }
            }
        }
        mpfr_add(result, result, accumulators.pointers[k], MPFR_RNDN)
    }

    /// The block products of the squares at (i0, j0) with i0 + j0 = k (see the type's documentation); for a
    /// square (a = b over a symmetric range) only the squares i0 <= j0, counted twice off the diagonal.
    private func startBlocks(atOrder k: Int, _ a: Int, _ b: Int, symmetric: Bool, _ accumulators: Accumulators,
                             _ p: UnsafeMutablePointer<UnsafeMutablePointer<__mpfr_struct>>, bits: Int) {
        var s = smallestBlock
        while 2 * s <= k {
            if k % s == 0 {
                // Only the pairs that reach orders up to lastOrder.
                let n = Swift.min(s, lastOrder - k + 1)
                if n > 0 {
                    let j0 = k - s
                    let count = lastOrder - k + 1
                    addBlock(p, a + s, b + j0, n, n, accumulators.pointers + k, count: count, bits: bits,
                             doubling: symmetric && j0 != s ? 1 : 0)
                    if !symmetric, k >= 3 * s {
                        addBlock(p, a + (k - s), b + s, n, n, accumulators.pointers + k, count: count, bits: bits, doubling: 0)
                    }
                }
            }
            s *= 2
        }
    }

    /// acc[m] += 2^doubling sum_{i+j=m} slot(a + i) slot(b + j), i < na, j < nb, m < count (the orders
    /// still to come): one Kronecker product, or four smaller blocks when its coefficients spread too widely
    /// (term by term below T).
    private func addBlock(_ p: UnsafeMutablePointer<UnsafeMutablePointer<__mpfr_struct>>, _ a: Int, _ b: Int, _ na: Int, _ nb: Int,
                          _ acc: UnsafeMutablePointer<UnsafeMutablePointer<__mpfr_struct>>, count: Int, bits: Int, doubling: Int) {
        guard count > 0 else { return }
        let kept = bits + Self.guardBits
        if Swift.min(na, nb) >= smallestBlock {
            // C sees the tables as arrays of nullable mpfr_ptr (the same layout).
            func c(_ x: UnsafeMutablePointer<UnsafeMutablePointer<__mpfr_struct>>) -> UnsafePointer<mpfr_ptr?> {
                UnsafeRawPointer(x).assumingMemoryBound(to: mpfr_ptr?.self)
            }
            let failed = pc_kronecker_addmul(c(acc), count, c(p + a), na, c(p + b), nb, kept, 2 * kept, doubling, split)
            if failed == 0 { return }
            let ha = na / 2, hb = nb / 2
            addBlock(p, a, b, ha, hb, acc, count: count, bits: bits, doubling: doubling)
            addBlock(p, a + ha, b, na - ha, hb, acc + ha, count: count - ha, bits: bits, doubling: doubling)
            addBlock(p, a, b + hb, ha, nb - hb, acc + hb, count: count - hb, bits: bits, doubling: doubling)
            addBlock(p, a + ha, b + hb, na - ha, nb - hb, acc + ha + hb, count: count - ha - hb, bits: bits, doubling: doubling)
            return
        }
        for i in 0..<Swift.min(na, count) {
            for j in 0..<Swift.min(nb, count - i) {
                mpfr_mul(term, p[a + i], p[b + j], MPFR_RNDN)
                if doubling != 0 { mpfr_mul_2ui(term, term, UInt(doubling), MPFR_RNDN) }
                mpfr_add(acc[i + j], acc[i + j], term, MPFR_RNDN)
            }
        }
    }
}
