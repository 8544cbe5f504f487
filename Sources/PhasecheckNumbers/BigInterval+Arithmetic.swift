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
        guard a.isFinite, b.isFinite, let (lower, upper) = productCorners(signOf(a), signOf(b)) else {
            return hullOfCorners(mpfr_mul, a, b, zeroAbsorbs: true, into: &r)
        }
        // Written in place: a tape never writes a register it reads (`TapeRegisters`), and a shared
        // endpoint is copied on write, so r may hold a's or b's storage.
        BigFloat.apply(mpfr_mul, lower.a ? a.upper : a.lower, lower.b ? b.upper : b.lower, into: &r.lower, rounding: MPFR_RNDD)
        BigFloat.apply(mpfr_mul, upper.a ? a.upper : a.lower, upper.b ? b.upper : b.lower, into: &r.upper, rounding: MPFR_RNDU)
        if r.lower.isZero { r.lower.withMutablePointer { mpfr_set_zero($0, 1) } }
        if r.upper.isZero { r.upper.withMutablePointer { mpfr_set_zero($0, 1) } }
    }

    /// -1: within (-inf, 0]; +1: within [0, inf); 0: 0 strictly inside.
    private static func signOf(_ x: BigInterval) -> Int {
        x.lower.sign >= 0 ? 1 : x.upper.sign <= 0 ? -1 : 0
    }

    /// Which endpoints (true: the upper one) of a and b give the product's lower and upper ends, from the
    /// signs of the two factors (Moore's table): two products instead of the four corners' eight. nil when
    /// both straddle 0, the one case that needs the corners.
    private static func productCorners(_ sa: Int, _ sb: Int) -> (lower: (a: Bool, b: Bool), upper: (a: Bool, b: Bool))? {
        switch (sa, sb) {
        case (1, 1): ((false, false), (true, true))
        case (1, -1): ((true, false), (false, true))
        case (1, 0): ((true, false), (true, true))
        case (-1, 1): ((false, true), (true, false))
        case (-1, -1): ((true, true), (false, false))
        case (-1, 0): ((false, true), (false, false))
        case (0, 1): ((false, true), (true, true))
        case (0, -1): ((true, false), (false, false))
        default: nil
        }
    }

    /// A divisor containing 0 gives `[-inf, +inf]`, or the NaN interval when the numerator contains 0 too. A divisor
    /// that is exactly 0 gives the NaN interval whatever the numerator: a quotient by 0 has no real value, and an
    /// unbounded enclosure would let a product by 0 (`multiply`) turn it into 0.
    /// Finite operands take two divisions chosen by their signs (the four corners' hull costs 8 divisions
    /// and 4 temporaries, 40x one MPFR division at 30 digits: Benchmarks/README.md, issue 15's Arb section).
    public static func divide(_ a: BigInterval, _ b: BigInterval, into r: inout BigInterval) {
        guard !a.isNaN, !b.isNaN else { return r.setNaN() }
        if b.containsZero { return a.containsZero || b.isZeroPoint ? r.setNaN() : r.setEntire() }
        guard a.isFinite, b.isFinite else { return hullOfCorners(mpfr_div, a, b, zeroAbsorbs: false, into: &r) }
        let (lower, upper) = quotientCorners(signOf(a), divisorPositive: b.lower.sign > 0)
        // In place, as in `multiply`.
        BigFloat.apply(mpfr_div, lower.a ? a.upper : a.lower, lower.b ? b.upper : b.lower, into: &r.lower, rounding: MPFR_RNDD)
        BigFloat.apply(mpfr_div, upper.a ? a.upper : a.lower, upper.b ? b.upper : b.lower, into: &r.upper, rounding: MPFR_RNDU)
        if r.lower.isZero { r.lower.withMutablePointer { mpfr_set_zero($0, 1) } }
        if r.upper.isZero { r.upper.withMutablePointer { mpfr_set_zero($0, 1) } }
    }

    /// Which endpoints (true: the upper one) of a and of a divisor without 0 give the quotient's lower and
    /// upper ends, from the numerator's sign (as `signOf`) and the divisor's.
    private static func quotientCorners(_ sa: Int, divisorPositive: Bool) -> (lower: (a: Bool, b: Bool), upper: (a: Bool, b: Bool)) {
        switch (sa, divisorPositive) {
        case (1, true): ((false, true), (true, false))
        case (-1, true): ((false, false), (true, true))
        case (_, true): ((false, false), (true, false))
        case (1, false): ((true, true), (false, false))
        case (-1, false): ((true, false), (false, true))
        case (_, false): ((true, true), (false, true))
        }
    }

    /// Whether this is exactly the point 0.
    var isZeroPoint: Bool { lower.isZero && upper.isZero }

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
