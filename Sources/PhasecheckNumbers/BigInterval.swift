import CMPFR

/// A rigorous enclosure `[lower, upper]` of a real number by two MPFR endpoints (inf-sup, as MPFI).
///
/// Every operation obeys the inclusion principle: for every real x in X, f(x) lies in F(X). Lower endpoints
/// are rounded down and upper endpoints up (`MPFR_RNDD`, `MPFR_RNDU`), so enclosures survive rounding at any
/// precision, and raising the precision narrows them.
///
/// Semantics (IEEE 1788's set-based model, without an empty set):
/// - An interval is the set of reals between its endpoints. Infinite endpoints mean "unbounded"; a zero
///   endpoint is the real 0 (signed zeros are not tracked, so `atan2([0, 0], [-1, -1])` is π and
///   `pow([0, 1], [-1, -1])` is `[1, +inf]`).
/// - f(x) may be ±inf where MPFR says so (`log 0 = -inf`, `exp(inf) = inf`). Where f is undefined somewhere in X
///   (`sqrt([-1, 4])`, `log([-1, 2])`, `asin([0, 2])`, `[0, 1] / [0, 1]`, `pow([-1, 2], [0.5, 0.5])`) the
///   result is the NaN interval: both endpoints NaN, `isNaN` and not `isFinite`. It means "no information",
///   contains everything, and every operation propagates it.
/// - Dividing by an interval containing 0 gives the entire line `[-inf, +inf]` (the NaN interval when the
///   numerator contains 0 too, as 0/0 is undefined); so do odd negative powers of an interval containing 0,
///   and `tan` of an interval that may contain a pole. Dividing by exactly `[0, 0]`, or a negative power of it,
///   gives the NaN interval whatever the numerator: a quotient by 0 has no real value (were it unbounded, a
///   product by 0, which is 0, would give it one).
///
/// Binary operations take the larger precision of their operands; `into:` forms round to the destination's.
public struct BigInterval: Sendable {
    /// Lower endpoint (rounded down); NaN for the NaN interval.
    public internal(set) var lower: BigFloat
    /// Upper endpoint (rounded up); NaN for the NaN interval.
    public internal(set) var upper: BigFloat

    /// The NaN interval, to be overwritten.
    @usableFromInline init(uninitializedPrecision precision: Int) {
        lower = BigFloat(uninitializedPrecision: precision)
        upper = BigFloat(uninitializedPrecision: precision)
    }

    /// The point interval `[x, x]` (the NaN interval for NaN x).
    public init(_ x: BigFloat) {
        lower = x
        upper = x
    }

    /// `[lower, upper]`, which must be ordered; the NaN interval if either is NaN.
    public init(lower: BigFloat, upper: BigFloat) {
        precondition(lower.isNaN || upper.isNaN || !(upper < lower), "BigInterval: lower > upper")
        self.lower = lower
        self.upper = upper
        if isNaN { setNaN() }
    }

    /// The narrowest interval of `precision`-bit endpoints enclosing q.
    public init(_ q: BigRational, precision: Int) {
        lower = BigFloat(q, precision: precision, rounding: .down)
        upper = BigFloat(q, precision: precision, rounding: .up)
    }

    /// The narrowest enclosure of the decimal number `text` (`"0.1"`, `"-2.5e-40"`); nil unless the whole
    /// string is a number.
    public init?(_ text: String, precision: Int) {
        guard let lo = BigFloat(text, precision: precision, rounding: .down),
              let hi = BigFloat(text, precision: precision, rounding: .up) else { return nil }
        self.init(lower: lo, upper: hi)
    }

    public static func nan(precision: Int) -> BigInterval { BigInterval(uninitializedPrecision: precision) }

    /// `[-inf, +inf]`.
    public static func entire(precision: Int) -> BigInterval {
        var r = BigInterval(uninitializedPrecision: precision)
        r.setEntire()
        return r
    }

    /// An enclosure of π.
    public static func pi(precision: Int) -> BigInterval {
        var r = BigInterval(uninitializedPrecision: precision)
        r.lower.withMutablePointer { _ = mpfr_const_pi($0, MPFR_RNDD) }
        r.upper.withMutablePointer { _ = mpfr_const_pi($0, MPFR_RNDU) }
        return r
    }

    // MARK: Properties

    /// Precision in bits (of the wider endpoint).
    public var precision: Int { Swift.max(lower.precision, upper.precision) }

    public var isNaN: Bool { lower.isNaN || upper.isNaN }

    /// True when both endpoints are finite (false for the NaN interval).
    public var isFinite: Bool { lower.isFinite && upper.isFinite }

    /// Whether x lies in the interval; the NaN interval contains everything, NaN included.
    public func contains(_ x: BigFloat) -> Bool {
        if isNaN { return true }
        return !(x < lower) && !(upper < x) && !x.isNaN
    }

    /// Whether the two intervals share a point (always, when either is NaN).
    public func overlaps(_ other: BigInterval) -> Bool {
        if isNaN || other.isNaN { return true }
        return !(upper < other.lower) && !(other.upper < lower)
    }

    /// The point halfway between the endpoints, rounded to nearest: 0 for `[-inf, +inf]`, the infinite
    /// endpoint when only one is infinite, NaN for the NaN interval.
    public var midpoint: BigFloat {
        if isNaN { return BigFloat.nan(precision: precision) }
        if lower.isInfinite && upper.isInfinite && lower.sign != upper.sign { return BigFloat(0, precision: precision) }
        if lower.isInfinite { return lower }
        if upper.isInfinite { return upper }
        return BigFloat.scaled(lower, byPowerOfTwo: -1) + BigFloat.scaled(upper, byPowerOfTwo: -1)
    }

    /// `upper - lower`, rounded up (+inf when unbounded, NaN for the NaN interval).
    public var width: BigFloat { BigFloat.difference(upper, lower, rounding: .up) }

    /// An upper bound on the distance from `midpoint` to either endpoint.
    public var radius: BigFloat {
        let m = midpoint
        if m.isInfinite { return BigFloat.infinity(precision: precision) }
        let below = BigFloat.binary(mpfr_sub, m, lower, rounding: MPFR_RNDU)
        let above = BigFloat.binary(mpfr_sub, upper, m, rounding: MPFR_RNDU)
        return above < below ? below : above
    }

    /// The decimal digits of the enclosed value correctly rounded to `digits` significant digits (as
    /// `BigFloat.formatted(significantDigits:)`), when both endpoints round to the same string, and so
    /// every point between them does (rounding is monotone). Nil otherwise, and for intervals that are
    /// not finite. Raise the precision until it is non-nil; note that an enclosure of an exact zero certifies
    /// only when it is `[0, 0]` (`[-0, +0]` prints "0.000…").
    public func certifiedDecimal(significantDigits digits: Int) -> String? {
        guard isFinite else { return nil }
        let text = lower.formatted(significantDigits: digits)
        return text == upper.formatted(significantDigits: digits) ? text : nil
    }

    /// Evaluates `compute` at the precisions of `Precision.Escalation.certifying(digits:cap:)` until its
    /// enclosure certifies `digits` significant digits. Returns the digits and the precision that sufficed,
    /// or nil if `maxPrecision` did not (an exact zero that the computation cannot pin down, a NaN, an
    /// unbounded result).
    public static func certifiedDecimal(significantDigits digits: Int, maxPrecision: Int = Precision.certificationCap,
                                        _ compute: (IntervalContext) -> BigInterval) -> (text: String, precision: Int)? {
        for precision in Precision.Escalation.certifying(digits: digits, cap: maxPrecision) {
            if let text = compute(IntervalContext(precision: precision)).certifiedDecimal(significantDigits: digits) {
                return (text, precision)
            }
        }
        return nil
    }

    // MARK: Setting endpoints

    @usableFromInline mutating func setNaN() {
        lower.withMutablePointer { mpfr_set_nan($0) }
        upper.withMutablePointer { mpfr_set_nan($0) }
    }

    @usableFromInline mutating func setEntire() {
        lower.withMutablePointer { mpfr_set_inf($0, -1) }
        upper.withMutablePointer { mpfr_set_inf($0, 1) }
    }

    /// After an operation on non-NaN intervals, a NaN endpoint can only come from inf - inf (or inf/inf):
    /// the bound is lost on that side.
    mutating func unboundNaNEndpoints() {
        if lower.isNaN { lower.withMutablePointer { mpfr_set_inf($0, -1) } }
        if upper.isNaN { upper.withMutablePointer { mpfr_set_inf($0, 1) } }
    }
}

extension BigInterval: Equatable, CustomStringConvertible {
    /// Identical endpoints (all NaN intervals are equal).
    public static func == (a: BigInterval, b: BigInterval) -> Bool {
        if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
        return a.lower == b.lower && a.upper == b.upper
    }

    public var description: String {
        isNaN ? "[nan]" : "[\(lower.description), \(upper.description)]"
    }
}
