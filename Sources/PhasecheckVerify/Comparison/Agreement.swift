import PhasecheckFormat
import PhasecheckNumbers

/// How many significant decimal digits two values share, as certified bounds.
///
/// For enclosures x and y, `atLeast` is a lower bound on the digits of agreement of the true values
/// (from the largest possible difference) and `atMost` an upper bound (from the smallest possible
/// difference). A comparison is decided once `atLeast >= required` (holds) or `atMost < required` (fails).
///
/// Digits are counted against the larger of |x| and |y|, or against a larger `scale` when one is given: the
/// magnitude of the terms that cancelled to make the two sides (see `CancellationScale`). Relative digits
/// mean nothing when the true value is 0; agreement at a scale S says |x - y| <= 10^-digits * S.
public struct Agreement: Sendable, Comparable, CustomStringConvertible {
    public var atLeast: Double
    public var atMost: Double
    /// The scale the digits are counted against when it exceeds both values (nil: relative digits), as a
    /// double (infinite beyond its range), and its decimal logarithm (for reports, in any range).
    public var scale: Double?
    public var scaleLog10: Double?

    public init(atLeast: Double, atMost: Double, scale: BigFloat? = nil) {
        self.atLeast = atLeast
        self.atMost = atMost
        self.scale = scale?.doubleValue
        self.scaleLog10 = scale.map { Precision.decimalLog(natural: BigFloat.log($0.rounded(toPrecision: 64)).doubleValue) }
    }

    public static let exact = Agreement(atLeast: .infinity, atMost: .infinity)

    public static func < (a: Agreement, b: Agreement) -> Bool { a.atLeast < b.atLeast }

    public func holds(_ required: Double) -> Bool { atLeast >= required }
    public func fails(_ required: Double) -> Bool { atMost < required }

    /// Digits shown in reports: the certified lower bound, floored.
    public var shown: String { atLeast == .infinity ? "exact" : String(Int(Swift.max(0, atLeast.rounded(.down)))) }
    public var description: String { shown }

    /// Which kind of agreement the digits are: `exact`, `relative`, or `absolute at scale S`.
    public var basis: String {
        if atLeast == .infinity { return "exact" }
        guard let scale, let scaleLog10 else { return "relative" }
        if scale.isFinite { return "absolute at scale " + BigFloat(scale, precision: 53).formatted(significantDigits: 3).replacingTrailingZeros() }
        let exponent = scaleLog10.rounded(.down)
        return "absolute at scale " + String(format: "%.2fe%d", Double.pow(10, scaleLog10 - exponent), Int(exponent))
    }

    /// Agreement of x and y relative to `max(|x|, |y|, floor)`; `floor` keeps values that should both be
    /// zero (residuals, cancelled sums) from being judged relative to nothing.
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
        var scaleShown: BigFloat? = nil
        if let floor, floor.isFinite, floor > scale {
            scale = floor
            scaleShown = floor
        }
        if scale.isZero { return upperGap.isZero ? .exact : Agreement(atLeast: -.infinity, atMost: -.infinity) }
        if upperGap.isZero { return .exact }
        return Agreement(atLeast: digits(gap: upperGap, scale: scale), atMost: digits(gap: lowerGap, scale: scale), scale: scaleShown)
    }

    /// -log10(gap / scale), +infinity for a zero gap.
    static func digits(gap: BigFloat, scale: BigFloat) -> Double {
        if gap.isZero { return .infinity }
        return Precision.decimalLog(natural: (BigFloat.log(scale.rounded(toPrecision: 64)) - BigFloat.log(gap.rounded(toPrecision: 64))).doubleValue)
    }
}

extension Enclosure {
    /// The smallest |x| over the enclosure (0 when it contains 0).
    var magnitudeLower: BigFloat {
        if lower.sign <= 0 && upper.sign >= 0 { return BigFloat(0, precision: precision) }
        return BigFloat.min(BigFloat.abs(lower), BigFloat.abs(upper))
    }

    /// The value as reports show it: as many significant digits (up to 20) as the enclosure certifies, else
    /// its two ends. Never a digit the enclosure does not stand behind.
    var reportText: String { reportText(upTo: 20) }

    /// As `reportText`, with up to `maximumDigits` significant digits.
    func reportText(upTo maximumDigits: Int) -> String {
        guard isFinite else { return isNaN ? "undefined" : "not finite" }
        if lower.isZero && upper.isZero { return "0" }
        for digits in stride(from: maximumDigits, through: 1, by: -1) {
            if let text = certifiedDecimal(significantDigits: digits) {
                // Trailing zeros of the mantissa go; an exponent stays (`1.000e-20` -> `1e-20`).
                let parts = text.split(separator: "e", maxSplits: 1).map(String.init)
                return parts[0].replacingTrailingZeros() + (parts.count == 2 ? "e" + parts[1] : "")
            }
        }
        return "[" + lower.formatted(significantDigits: 6) + ", " + upper.formatted(significantDigits: 6) + "]"
    }
}
