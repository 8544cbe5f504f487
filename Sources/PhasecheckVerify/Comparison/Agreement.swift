import PhasecheckFormat
import PhasecheckNumbers

/// How many significant decimal digits two values share, as certified bounds.
///
/// For enclosures x and y, `atLeast` is a lower bound on the digits of agreement of the true values
/// (from the largest possible difference) and `atMost` an upper bound (from the smallest possible
/// difference). A comparison is decided once `atLeast >= required` (holds) or `atMost < required` (fails).
public struct Agreement: Sendable, Comparable, CustomStringConvertible {
    public var atLeast: Double
    public var atMost: Double

    public static let exact = Agreement(atLeast: .infinity, atMost: .infinity)

    public static func < (a: Agreement, b: Agreement) -> Bool { a.atLeast < b.atLeast }

    public func holds(_ required: Double) -> Bool { atLeast >= required }
    public func fails(_ required: Double) -> Bool { atMost < required }

    /// Digits shown in reports: the certified lower bound, floored.
    public var shown: String { atLeast.isInfinite ? "exact" : String(Int(Swift.max(0, atLeast.rounded(.down)))) }
    public var description: String { shown }

    /// Agreement of x and y relative to `max(|x|, |y|, floor)`; `floor` keeps values that should both be
    /// zero (residuals) from being judged relative to nothing.
    public static func between(_ x: some Enclosure, _ y: some Enclosure, floor: BigFloat? = nil) -> Agreement {
        guard x.isFinite, y.isFinite else { return Agreement(atLeast: -.infinity, atMost: x.isNaN || y.isNaN ? .infinity : -.infinity) }
        let bits = Swift.max(x.precision, y.precision)
        // Largest and smallest possible |x - y|.
        let upperGap = BigFloat.max(
            BigFloat.abs(BigFloat.difference(x.upper, y.lower, rounding: .up)),
            BigFloat.abs(BigFloat.difference(y.upper, x.lower, rounding: .up)))
        let below = BigFloat.difference(y.lower, x.upper, rounding: .down)
        let above = BigFloat.difference(x.lower, y.upper, rounding: .down)
        let lowerGap = BigFloat.max(BigFloat.max(below, above), BigFloat(0, precision: bits))
        var scale = BigFloat.max(x.magnitudeUpper, y.magnitudeUpper)
        if let floor { scale = BigFloat.max(scale, floor) }
        if scale.isZero { return upperGap.isZero ? .exact : Agreement(atLeast: -.infinity, atMost: -.infinity) }
        return Agreement(atLeast: digits(gap: upperGap, scale: scale), atMost: digits(gap: lowerGap, scale: scale))
    }

    /// -log10(gap / scale), +infinity for a zero gap.
    static func digits(gap: BigFloat, scale: BigFloat) -> Double {
        if gap.isZero { return .infinity }
        return Precision.decimalLog(natural: (BigFloat.log(scale.rounded(toPrecision: 64)) - BigFloat.log(gap.rounded(toPrecision: 64))).doubleValue)
    }
}
