import CMPFR

extension BigFloat: Hashable {
    /// Consistent with `==`: equal values hash alike whatever their precisions, and so do +0 and -0.
    /// (NaN, unequal to itself, gets one fixed hash.)
    public func hash(into hasher: inout Hasher) {
        withPointer { p in
            if mpfr_nan_p(p) != 0 { hasher.combine(0 as UInt8); return }
            if mpfr_zero_p(p) != 0 { hasher.combine(1 as UInt8); return }
            hasher.combine(mpfr_signbit(p) != 0)
            if mpfr_inf_p(p) != 0 { hasher.combine(2 as UInt8); return }
            hasher.combine(Int(mpfr_get_exp(p)))
            // Limbs are little-endian with the leading bit at the top of the last one; the low limbs that a
            // wider precision adds are zero, so hash from the top down to the last nonzero limb.
            let limbBits = MemoryLayout<mp_limb_t>.size * 8
            let limbCount = (Int(mpfr_get_prec(p)) + limbBits - 1) / limbBits
            let limbs = p.pointee._mpfr_d!
            var low = 0
            while limbs[low] == 0 { low += 1 }
            for i in stride(from: limbCount - 1, through: low, by: -1) { hasher.combine(limbs[i]) }
        }
    }
}

extension BigRational {
    /// The exact value of a finite `x` (every binary float is a rational); nil for NaN and infinities.
    public init?(exactly x: BigFloat) {
        guard x.isFinite else { return nil }
        self.init(0)
        x.withPointer { mpfr_get_q(storage.pointer, $0) }
    }
}
