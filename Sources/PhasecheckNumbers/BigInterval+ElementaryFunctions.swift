import CMPFR

extension BigInterval {
    /// Sets r to an enclosure of f over x (see the type's notes for domains, poles and NaN).
    public static func apply(_ f: ElementaryFunction, _ x: BigInterval, into r: inout BigInterval) {
        guard !x.isNaN else { return r.setNaN() }
        let a = x.lower, b = x.upper
        let fn = BigFloat.mpfrFunction(f)
        switch f {
        case .cbrt, .exp, .expm1, .atan, .sinh, .tanh, .asinh, .erf, .sign:
            increasing(fn, x, into: &r)
        case .sqrt, .log:
            guard a.sign >= 0 else { return r.setNaN() }
            increasing(fn, x, into: &r)
        case .log1p:
            guard a.compare(-1) >= 0 else { return r.setNaN() }
            increasing(fn, x, into: &r)
        case .acosh:
            guard a.compare(1) >= 0 else { return r.setNaN() }
            increasing(fn, x, into: &r)
        case .asin, .atanh:
            guard a.compare(-1) >= 0, b.compare(1) <= 0 else { return r.setNaN() }
            increasing(fn, x, into: &r)
        case .acos:
            guard a.compare(-1) >= 0, b.compare(1) <= 0 else { return r.setNaN() }
            BigFloat.apply(fn, b, into: &r.lower, rounding: MPFR_RNDD)
            BigFloat.apply(fn, a, into: &r.upper, rounding: MPFR_RNDU)
        case .erfc:
            decreasing(fn, x, into: &r)
        case .cosh:
            even(fn, x, valueAtZero: 1, into: &r)
        case .abs:
            even(fn, x, valueAtZero: 0, into: &r)
        case .sin:
            // Maxima at π(1/2 + 2k), minima at π(3/2 + 2k).
            extremaOrEndpoints(fn, x, maximaAt: 0.5, minimaAt: 1.5, into: &r)
        case .cos:
            extremaOrEndpoints(fn, x, maximaAt: 0, minimaAt: 1, into: &r)
        case .tan:
            // Poles at π(1/2 + k); between two poles tan increases.
            if mayContainPiMultiple(offset: 0.5, step: 1, a, b) { return r.setEntire() }
            increasing(fn, x, into: &r)
        }
    }

    /// `x^n` for an integer n, exactly enclosed (even powers have their minimum at 0; see the type's notes
    /// for negative powers of intervals containing 0).
    public static func pow(_ x: BigInterval, _ n: Int, into r: inout BigInterval) {
        guard !x.isNaN else { return r.setNaN() }
        let power: MPFRUnary = { rp, xp, rnd in mpfr_pow_si(rp, xp, n, rnd) }
        if n == 0 {
            r.lower.withMutablePointer { _ = mpfr_set_si($0, 1, MPFR_RNDD) }
            r.upper.withMutablePointer { _ = mpfr_set_si($0, 1, MPFR_RNDU) }
        } else if n > 0 {
            if n % 2 == 1 { increasing(power, x, into: &r) } else { even(power, x, valueAtZero: 0, into: &r) }
        } else if x.containsZero {
            // At exactly 0 a negative power has no real value (it is 1/0).
            if x.isZeroPoint { return r.setNaN() }
            if n % 2 != 0 { return r.setEntire() }
            // 1/x^|n| is smallest at the endpoint farthest from 0 and unbounded at 0.
            var other = BigFloat(uninitializedPrecision: r.lower.precision)
            BigFloat.apply(power, x.lower, into: &r.lower, rounding: MPFR_RNDD)
            BigFloat.apply(power, x.upper, into: &other, rounding: MPFR_RNDD)
            if other < r.lower { r.lower = other }
            r.upper.withMutablePointer { mpfr_set_inf($0, 1) }
        } else if n % 2 != 0 || x.lower.sign > 0 {
            decreasing(power, x, into: &r)
        } else {
            increasing(power, x, into: &r)
        }
    }

    /// Sets r to an enclosure of a two-argument function over the box a × b.
    public static func apply(_ f: BinaryFunction, _ a: BigInterval, _ b: BigInterval, into r: inout BigInterval) {
        guard !a.isNaN, !b.isNaN else { return r.setNaN() }
        switch f {
        case .min, .max:
            let fn = BigFloat.mpfrFunction(f)
            BigFloat.apply(fn, a.lower, b.lower, into: &r.lower, rounding: MPFR_RNDD)
            BigFloat.apply(fn, a.upper, b.upper, into: &r.upper, rounding: MPFR_RNDU)
        case .pow:
            if a.lower.sign < 0 {
                // A negative base has real powers only for integer exponents.
                guard b.lower == b.upper, let n = b.lower.exactInt else { return r.setNaN() }
                return pow(a, n, into: &r)
            }
            // 0^y for y < 0 is 1/0: no real value.
            if a.isZeroPoint && b.upper.sign < 0 { return r.setNaN() }
            // For x >= 0, x^y is monotone in x for each y and in y for each x (0^y and inf^y included).
            hullOfCorners(mpfr_pow, a.withZerosPositive, b, zeroAbsorbs: false, into: &r)
        case .atan2:
            // a is y, b is x. Angles jump from π to -π across the negative x-axis; a box containing the
            // origin or crossing that cut gets every angle. Elsewhere the box is a convex set away from
            // the origin and the cut, whose angles run between those of its corners.
            let y = a, x = b
            let originInside = y.containsZero && x.containsZero
            let crossesCut = x.lower.sign < 0 && y.lower.sign < 0 && y.upper.sign >= 0
            if originInside || crossesCut {
                r.upper.withMutablePointer { _ = mpfr_const_pi($0, MPFR_RNDU) }
                BigFloat.apply(mpfr_neg, r.upper, into: &r.lower, rounding: MPFR_RNDD)
                return
            }
            hullOfCorners(mpfr_atan2, y.withZerosPositive, x.withZerosPositive, zeroAbsorbs: false, into: &r)
        }
    }

    // MARK: Shapes

    static func increasing(_ f: MPFRUnary, _ x: BigInterval, into r: inout BigInterval) {
        BigFloat.apply(f, x.lower, into: &r.lower, rounding: MPFR_RNDD)
        BigFloat.apply(f, x.upper, into: &r.upper, rounding: MPFR_RNDU)
    }

    static func decreasing(_ f: MPFRUnary, _ x: BigInterval, into r: inout BigInterval) {
        BigFloat.apply(f, x.upper, into: &r.lower, rounding: MPFR_RNDD)
        BigFloat.apply(f, x.lower, into: &r.upper, rounding: MPFR_RNDU)
    }

    /// f even, decreasing for x < 0 and increasing for x > 0, with f(0) = valueAtZero.
    static func even(_ f: MPFRUnary, _ x: BigInterval, valueAtZero: Int, into r: inout BigInterval) {
        if x.lower.sign >= 0 { return increasing(f, x, into: &r) }
        if x.upper.sign <= 0 { return decreasing(f, x, into: &r) }
        var other = BigFloat(uninitializedPrecision: r.upper.precision)
        BigFloat.apply(f, x.lower, into: &r.upper, rounding: MPFR_RNDU)
        BigFloat.apply(f, x.upper, into: &other, rounding: MPFR_RNDU)
        if r.upper < other { r.upper = other }
        r.lower.withMutablePointer { _ = mpfr_set_si($0, valueAtZero, MPFR_RNDD) }
    }

    /// sin and cos: 1 where X may contain a maximum π(maximaAt + 2k), -1 where it may contain a minimum,
    /// otherwise the extreme endpoint values (f is monotone between extrema).
    static func extremaOrEndpoints(_ f: MPFRUnary, _ x: BigInterval, maximaAt: Double, minimaAt: Double,
                                   into r: inout BigInterval) {
        let a = x.lower, b = x.upper
        let hasMaximum = mayContainPiMultiple(offset: maximaAt, step: 2, a, b)
        let hasMinimum = mayContainPiMultiple(offset: minimaAt, step: 2, a, b)
        var other = BigFloat(uninitializedPrecision: Swift.max(r.lower.precision, r.upper.precision))
        if hasMaximum {
            r.upper.withMutablePointer { _ = mpfr_set_si($0, 1, MPFR_RNDU) }
        } else {
            BigFloat.apply(f, a, into: &r.upper, rounding: MPFR_RNDU)
            BigFloat.apply(f, b, into: &other, rounding: MPFR_RNDU)
            if r.upper < other { r.upper = other.rounded(toPrecision: r.upper.precision, rounding: .up) }
        }
        if hasMinimum {
            r.lower.withMutablePointer { _ = mpfr_set_si($0, -1, MPFR_RNDD) }
        } else {
            BigFloat.apply(f, a, into: &r.lower, rounding: MPFR_RNDD)
            BigFloat.apply(f, b, into: &other, rounding: MPFR_RNDD)
            if other < r.lower { r.lower = other.rounded(toPrecision: r.lower.precision, rounding: .down) }
        }
    }

    /// Whether [a, b] may contain a point π(offset + step·k) for an integer k: false only when it
    /// certainly does not. Works at enough precision to resolve the multiple of π near a and b.
    static func mayContainPiMultiple(offset: Double, step: Int, _ a: BigFloat, _ b: BigFloat) -> Bool {
        guard a.isFinite, b.isFinite else { return true }
        let magnitude = Swift.max(a.binaryExponent ?? 0, b.binaryExponent ?? 0, 0)
        let working = Swift.max(a.precision, b.precision) + magnitude + 32
        guard working <= 1 << 20 else { return true }
        var piDown = BigFloat(uninitializedPrecision: working), piUp = BigFloat(uninitializedPrecision: working)
        piDown.withMutablePointer { _ = mpfr_const_pi($0, MPFR_RNDD) }
        piUp.withMutablePointer { _ = mpfr_const_pi($0, MPFR_RNDU) }
        // Lower bound of (a/π - offset)/step and upper bound of (b/π - offset)/step.
        var low = BigFloat(uninitializedPrecision: working), high = BigFloat(uninitializedPrecision: working)
        BigFloat.apply(mpfr_div, a, a.sign >= 0 ? piUp : piDown, into: &low, rounding: MPFR_RNDD)
        BigFloat.apply(mpfr_div, b, b.sign >= 0 ? piDown : piUp, into: &high, rounding: MPFR_RNDU)
        let shift = BigFloat(offset, precision: 53), divisor = BigFloat(step, precision: 64)
        BigFloat.apply(mpfr_sub, low, shift, into: &low, rounding: MPFR_RNDD)
        BigFloat.apply(mpfr_div, low, divisor, into: &low, rounding: MPFR_RNDD)
        BigFloat.apply(mpfr_sub, high, shift, into: &high, rounding: MPFR_RNDU)
        BigFloat.apply(mpfr_div, high, divisor, into: &high, rounding: MPFR_RNDU)
        // An integer lies in [low, high] iff ceil(low) <= high; ceil is exact at low's own precision.
        var ceiling = BigFloat(uninitializedPrecision: working)
        low.withPointer { lp in ceiling.withMutablePointer { _ = mpfr_rint($0, lp, MPFR_RNDU) } }
        return !(high < ceiling)
    }

    /// The same set with zero endpoints stored as +0 (for MPFR functions that look at the sign of zero).
    var withZerosPositive: BigInterval {
        var r = self
        if r.lower.isZero { r.lower.withMutablePointer { mpfr_set_zero($0, 1) } }
        if r.upper.isZero { r.upper.withMutablePointer { mpfr_set_zero($0, 1) } }
        return r
    }
}

extension BigFloat {
    /// Compares with an integer: negative, zero or positive (0 for NaN as well, so check NaN first).
    func compare(_ n: Int) -> Int { withPointer { Int(mpfr_cmp_si($0, n)) } }

    /// The value as an Int when it is an integer in Int's range.
    var exactInt: Int? {
        guard isFinite, withPointer({ mpfr_integer_p($0) != 0 && mpfr_fits_slong_p($0, MPFR_RNDN) != 0 }) else { return nil }
        return withPointer { mpfr_get_si($0, MPFR_RNDN) }
    }
}
