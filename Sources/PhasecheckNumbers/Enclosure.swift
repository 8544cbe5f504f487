/// A rigorous enclosure of a real number, as certified code needs it: bounds with MPFR endpoints, the
/// tests that decide a comparison, and certified digits. Certified code (agreement, rounding checks,
/// printing) is written against this protocol, so that another enclosure type (an Arb-style ball)
/// can conform beside `BigInterval`.
public protocol Enclosure: Sendable {
    /// Every enclosed value is at least `lower` (NaN when nothing is known).
    var lower: BigFloat { get }
    /// Every enclosed value is at most `upper` (NaN when nothing is known).
    var upper: BigFloat { get }
    /// The working precision of the endpoints, in bits.
    var precision: Int { get }
    var isNaN: Bool { get }
    /// Both endpoints finite.
    var isFinite: Bool { get }
    /// A representative value (for display when the digits are not certified).
    var midpoint: BigFloat { get }
    func contains(_ x: BigFloat) -> Bool
    /// The digits of every enclosed value correctly rounded to `digits` significant digits, when they
    /// agree; nil otherwise.
    func certifiedDecimal(significantDigits digits: Int) -> String?
}

extension Enclosure {
    /// The largest |x| over the enclosure.
    public var magnitudeUpper: BigFloat { BigFloat.max(BigFloat.abs(lower), BigFloat.abs(upper)) }
    /// Whether 0 lies in the enclosure (false when nothing is known, NaN).
    public var containsZero: Bool { !isNaN && lower.sign <= 0 && upper.sign >= 0 }
}

extension BigInterval: Enclosure {}
