import CMPFR

/// MPFR signatures used to share the plumbing of every operation (package-internal: C types stay out of
/// the public API; `Rounding` is the public face of `mpfr_rnd_t`).
@usableFromInline package typealias MPFRUnary = (UnsafeMutablePointer<__mpfr_struct>, UnsafePointer<__mpfr_struct>, mpfr_rnd_t) -> Int32
@usableFromInline package typealias MPFRBinary = (UnsafeMutablePointer<__mpfr_struct>, UnsafePointer<__mpfr_struct>, UnsafePointer<__mpfr_struct>, mpfr_rnd_t) -> Int32

extension BigFloat {
    /// `r = op(x)` rounded to r's precision; r may share storage with x (aliasing is safe, but then r is
    /// copied first: give r storage of its own to compute without allocating).
    @inlinable package static func apply(_ op: MPFRUnary, _ x: BigFloat, into r: inout BigFloat,
                                        rounding: mpfr_rnd_t = MPFR_RNDN) {
        x.withPointer { xp in r.withMutablePointer { _ = op($0, xp, rounding) } }
    }

    /// `r = op(a, b)` rounded to r's precision; r may share storage with a or b.
    @inlinable package static func apply(_ op: MPFRBinary, _ a: BigFloat, _ b: BigFloat, into r: inout BigFloat,
                                        rounding: mpfr_rnd_t = MPFR_RNDN) {
        a.withPointer { ap in b.withPointer { bp in r.withMutablePointer { _ = op($0, ap, bp, rounding) } } }
    }

    /// `op(x)` at x's precision.
    @inlinable package static func unary(_ op: MPFRUnary, _ x: BigFloat, rounding: mpfr_rnd_t = MPFR_RNDN) -> BigFloat {
        var r = BigFloat(uninitializedPrecision: x.precision)
        apply(op, x, into: &r, rounding: rounding)
        return r
    }

    /// `op(a, b)` at the larger of the two precisions.
    @inlinable package static func binary(_ op: MPFRBinary, _ a: BigFloat, _ b: BigFloat, rounding: mpfr_rnd_t = MPFR_RNDN) -> BigFloat {
        var r = BigFloat(uninitializedPrecision: Swift.max(a.precision, b.precision))
        apply(op, a, b, into: &r, rounding: rounding)
        return r
    }

    @inlinable public static func + (a: BigFloat, b: BigFloat) -> BigFloat { binary(mpfr_add, a, b) }
    @inlinable public static func - (a: BigFloat, b: BigFloat) -> BigFloat { binary(mpfr_sub, a, b) }
    @inlinable public static func * (a: BigFloat, b: BigFloat) -> BigFloat { binary(mpfr_mul, a, b) }
    @inlinable public static func / (a: BigFloat, b: BigFloat) -> BigFloat { binary(mpfr_div, a, b) }
    @inlinable public static prefix func - (a: BigFloat) -> BigFloat { unary(mpfr_neg, a) }

    // Compound assignments update the storage in place (MPFR lets the output be an input), so unlike
    // `apply(op, a, b, into: &a)` they do not copy unless the storage is shared.
    @inlinable public static func += (a: inout BigFloat, b: BigFloat) { a.update(mpfr_add, b) }
    @inlinable public static func -= (a: inout BigFloat, b: BigFloat) { a.update(mpfr_sub, b) }
    @inlinable public static func *= (a: inout BigFloat, b: BigFloat) { a.update(mpfr_mul, b) }
    @inlinable public static func /= (a: inout BigFloat, b: BigFloat) { a.update(mpfr_div, b) }

    /// `self = op(self, b)` rounded to self's precision, in place.
    @inlinable mutating func update(_ op: MPFRBinary, _ b: BigFloat) {
        b.withPointer { bp in withMutablePointer { _ = op($0, $0, bp, MPFR_RNDN) } }
    }

    /// `x^n` for an integer n (exact-integer exponent: `pow(-2, 3) = -8`).
    public static func pow(_ x: BigFloat, _ n: Int) -> BigFloat {
        var r = BigFloat(uninitializedPrecision: x.precision)
        pow(x, n, into: &r)
        return r
    }

    public static func pow(_ x: BigFloat, _ n: Int, into r: inout BigFloat, rounding: Rounding) {
        x.withPointer { xp in r.withMutablePointer { _ = mpfr_pow_si($0, xp, n, rounding.mpfr) } }
    }

    /// `r = x * 2^k` exactly (unless it over- or underflows).
    public static func scaled(_ x: BigFloat, byPowerOfTwo k: Int) -> BigFloat {
        var r = BigFloat(uninitializedPrecision: x.precision)
        x.withPointer { xp in r.withMutablePointer { _ = mpfr_mul_2si($0, xp, k, MPFR_RNDN) } }
        return r
    }
}

extension BigFloat: Comparable {
    /// IEEE semantics: NaN is unequal to everything, itself included.
    public static func == (a: BigFloat, b: BigFloat) -> Bool {
        a.withPointer { ap in b.withPointer { mpfr_equal_p(ap, $0) != 0 } }
    }
    public static func < (a: BigFloat, b: BigFloat) -> Bool {
        a.withPointer { ap in b.withPointer { mpfr_less_p(ap, $0) != 0 } }
    }

    /// `a - b` rounded in the given direction (interval endpoints and gap bounds).
    public static func difference(_ a: BigFloat, _ b: BigFloat, rounding: Rounding) -> BigFloat {
        binary(mpfr_sub, a, b, rounding: rounding.mpfr)
    }

    /// `a + b` rounded in the given direction (a radius or tolerance that must bound, rounded outward).
    public static func sum(_ a: BigFloat, _ b: BigFloat, rounding: Rounding) -> BigFloat {
        binary(mpfr_add, a, b, rounding: rounding.mpfr)
    }

    /// `a * b` rounded in the given direction.
    public static func product(_ a: BigFloat, _ b: BigFloat, rounding: Rounding) -> BigFloat {
        binary(mpfr_mul, a, b, rounding: rounding.mpfr)
    }

    /// `a / b` rounded in the given direction.
    public static func quotient(_ a: BigFloat, _ b: BigFloat, rounding: Rounding) -> BigFloat {
        binary(mpfr_div, a, b, rounding: rounding.mpfr)
    }
}

extension BigFloat {
    /// floor(log10 |x|) exactly, for x finite and nonzero: the decimal place of its first significant digit. A log taken
    /// in doubles misplaces it at a power of ten (ln(1000)/ln(10) = 2.9999999999999996), so the estimate is corrected by
    /// comparing |x| with the powers of ten themselves.
    public var decimalExponent: Int {
        precondition(isFinite && !isZero, "the decimal exponent of \(self)")
        let magnitude = BigFloat.abs(self)
        var e = Int((BigFloat.log(magnitude.rounded(toPrecision: 64)).doubleValue / Precision.ln10).rounded(.down))
        while magnitude.compared(withPowerOfTen: e) < 0 { e -= 1 }
        while magnitude.compared(withPowerOfTen: e + 1) >= 0 { e += 1 }
        return e
    }

    /// The sign of x - 10^e for x > 0 (0: x is that power of ten), decided exactly: 10^|e| = 2^|e| 5^|e| and its product with x are held at enough bits
    /// to be exact (5^|e| takes fewer than 2.33 |e| + 1 bits).
    public func compared(withPowerOfTen e: Int) -> Int {
        let bits = precision + 3 * Swift.abs(e) + 64
        let power = BigFloat.pow(BigFloat(10, precision: bits), Swift.abs(e))
        let scaled = e >= 0 ? rounded(toPrecision: bits) : rounded(toPrecision: bits) * power
        let reference = e >= 0 ? power : BigFloat(1, precision: bits)
        return scaled < reference ? -1 : scaled == reference ? 0 : 1
    }
}
