import CMPFR

extension BigInterval {
    public static func add(_ a: BigInterval, _ b: BigInterval, into r: inout BigInterval) {
        guard !a.isNaN, !b.isNaN else { return r.setNaN() }
        BigFloat.apply(mpfr_add, a.lower, b.lower, into: &r.lower, rounding: MPFR_RNDD)
        BigFloat.apply(mpfr_add, a.upper, b.upper, into: &r.upper, rounding: MPFR_RNDU)
        r.unboundNaNEndpoints()
    }

    public static func subtract(_ a: BigInterval, _ b: BigInterval, into r: inout BigInterval) {
        guard !a.isNaN, !b.isNaN else { return r.setNaN() }
        BigFloat.apply(mpfr_sub, a.lower, b.upper, into: &r.lower, rounding: MPFR_RNDD)
        BigFloat.apply(mpfr_sub, a.upper, b.lower, into: &r.upper, rounding: MPFR_RNDU)
        r.unboundNaNEndpoints()
    }

    public static func negate(_ a: BigInterval, into r: inout BigInterval) {
        guard !a.isNaN else { return r.setNaN() }
        BigFloat.apply(mpfr_neg, a.upper, into: &r.lower, rounding: MPFR_RNDD)
        BigFloat.apply(mpfr_neg, a.lower, into: &r.upper, rounding: MPFR_RNDU)
    }

    /// Products of unbounded intervals by 0 are 0 (X holds reals only).
    public static func multiply(_ a: BigInterval, _ b: BigInterval, into r: inout BigInterval) {
        guard !a.isNaN, !b.isNaN else { return r.setNaN() }
        hullOfCorners(mpfr_mul, a, b, zeroAbsorbs: true, into: &r)
    }

    /// A divisor containing 0 gives `[-inf, +inf]`, or the NaN interval when the numerator contains 0 too.
    public static func divide(_ a: BigInterval, _ b: BigInterval, into r: inout BigInterval) {
        guard !a.isNaN, !b.isNaN else { return r.setNaN() }
        if b.containsZero { return a.containsZero ? r.setNaN() : r.setEntire() }
        hullOfCorners(mpfr_div, a, b, zeroAbsorbs: false, into: &r)
    }

    var containsZero: Bool { lower.sign <= 0 && upper.sign >= 0 }

    /// Sets r to the hull of `op(x, y)` over the four endpoint pairs, rounded outward: an enclosure of
    /// op over the box whenever op is monotone in each argument on it. With `zeroAbsorbs`, a zero factor
    /// gives 0 (0 times an unbounded side); a NaN corner (inf/inf) leaves that side unbounded.
    static func hullOfCorners(_ op: MPFRBinary, _ a: BigInterval, _ b: BigInterval, zeroAbsorbs: Bool,
                              into r: inout BigInterval) {
        var lo = BigFloat.infinity(precision: r.lower.precision)
        var hi = BigFloat.infinity(precision: r.upper.precision, negative: true)
        var down = BigFloat(uninitializedPrecision: r.lower.precision)
        var up = BigFloat(uninitializedPrecision: r.upper.precision)
        for x in [a.lower, a.upper] {
            for y in [b.lower, b.upper] {
                if zeroAbsorbs && (x.isZero || y.isZero) {
                    down.withMutablePointer { mpfr_set_zero($0, 1) }
                    up.withMutablePointer { mpfr_set_zero($0, 1) }
                } else {
                    BigFloat.apply(op, x, y, into: &down, rounding: MPFR_RNDD)
                    BigFloat.apply(op, x, y, into: &up, rounding: MPFR_RNDU)
                }
                if down.isNaN { return r.setEntire() }
                if down < lo { lo = down }
                if hi < up { hi = up }
            }
        }
        r.lower = lo
        r.upper = hi
    }

    @inlinable public static func + (a: BigInterval, b: BigInterval) -> BigInterval {
        var r = BigInterval(uninitializedPrecision: Swift.max(a.precision, b.precision))
        add(a, b, into: &r)
        return r
    }
    @inlinable public static func - (a: BigInterval, b: BigInterval) -> BigInterval {
        var r = BigInterval(uninitializedPrecision: Swift.max(a.precision, b.precision))
        subtract(a, b, into: &r)
        return r
    }
    @inlinable public static func * (a: BigInterval, b: BigInterval) -> BigInterval {
        var r = BigInterval(uninitializedPrecision: Swift.max(a.precision, b.precision))
        multiply(a, b, into: &r)
        return r
    }
    @inlinable public static func / (a: BigInterval, b: BigInterval) -> BigInterval {
        var r = BigInterval(uninitializedPrecision: Swift.max(a.precision, b.precision))
        divide(a, b, into: &r)
        return r
    }
    @inlinable public static prefix func - (a: BigInterval) -> BigInterval {
        var r = BigInterval(uninitializedPrecision: a.precision)
        negate(a, into: &r)
        return r
    }
}
