import CMPFR
import PhasecheckNumbers

/// The `mpfr_t` of every slot of an engine's store, for the Cauchy products at high precision: called
/// through raw pointers they skip the retain/release that each `BigFloat` call costs (a fifth of the time at
/// 300 digits).
///
/// Valid while the store's values keep their storage: the table is made at the start of each
/// `computeCoefficients` (after `withMutablePointer` has made every value uniquely owned), swaps of slots
/// swap their pointers too (`swapSlots`), and in-place operations never reallocate a uniquely owned value.
struct MPFRSlots {
    let pointers: UnsafeMutablePointer<UnsafeMutablePointer<__mpfr_struct>>

    /// A table for a store of BigFloats (nil for other scalar types); the caller deallocates it.
    static func table<V>(for store: inout [V]) -> UnsafeMutablePointer<UnsafeMutablePointer<__mpfr_struct>>? {
        guard V.self == BigFloat.self else { return nil }
        let table = UnsafeMutablePointer<UnsafeMutablePointer<__mpfr_struct>>.allocate(capacity: store.count)
        store.withUnsafeMutableBufferPointer { values in
            values.withMemoryRebound(to: BigFloat.self) { floats in
                for i in floats.indices { table[i] = floats[i].withMutablePointer { $0 } }
            }
        }
        return table
    }

    init(_ pointers: UnsafeMutablePointer<UnsafeMutablePointer<__mpfr_struct>>) { self.pointers = pointers }

    func swapAt(_ i: Int, _ j: Int) { swap(&pointers[i], &pointers[j]) }

    /// slot r = sum_{j=lo..hi} slot(a + j) slot(b + k - j), rounded at r's precision (lo <= hi).
    @inline(__always)
    func cauchy(_ a: Int, _ b: Int, _ lo: Int, _ hi: Int, _ k: Int, into r: Int, temporary t: Int) {
        let p = pointers, result = p[r], product = p[t]
        mpfr_mul(result, p[a + lo], p[b + k - lo], MPFR_RNDN)
        var j = lo + 1
        while j <= hi {
            mpfr_mul(product, p[a + j], p[b + k - j], MPFR_RNDN)
            mpfr_add(result, result, product, MPFR_RNDN)
            j += 1
        }
    }
}
