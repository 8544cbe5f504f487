import PhasecheckExpressions
import PhasecheckNumbers

/// A recognised closed form `p + q sqrt(r)` with small rationals p, q and a squarefree integer r
/// (q = 0 for a rational), verified against the numerical value to `verifiedDigits` digits.
public struct ClosedForm: Sendable, CustomStringConvertible {
    public let rational: BigRational
    public let radicalCoefficient: BigRational
    /// Squarefree, at least 2 when `radicalCoefficient` is nonzero (1 otherwise).
    public let radicand: Int
    public let verifiedDigits: Int

    /// The closed form as an expression tree (`sqrt(5/4) - 1`).
    public var expression: Expr {
        let p = Expr.number(rational)
        if radicalCoefficient.isZero { return p }
        let q = radicalCoefficient.magnitude
        let root: Expr = q.smallParts?.numerator == 1
            ? .call(.sqrt, .number(BigRational(radicand) * q * q))
            : .number(q) * .call(.sqrt, .number(BigRational(radicand)))
        if rational.isZero { return radicalCoefficient.sign < 0 ? -root : root }
        if radicalCoefficient.sign < 0 { return p - root }
        return rational.sign < 0 ? root - .number(rational.magnitude) : root + p
    }

    /// `sqrt(2) - 1`, `sqrt(5/4) - 1`, `3*sqrt(2) + 1/2`, `-3/4`.
    public var description: String {
        if radicalCoefficient.isZero { return rational.description }
        let q = radicalCoefficient.magnitude
        let root = q.smallParts?.numerator == 1
            ? "sqrt(\(BigRational(radicand) * q * q))"
            : "\(q)*sqrt(\(radicand))"
        if rational.isZero { return (radicalCoefficient.sign < 0 ? "-" : "") + root }
        if radicalCoefficient.sign < 0 { return "\(rational) - \(root)" }
        return root + (rational.sign < 0 ? " - " : " + ") + rational.magnitude.description
    }

    public func value(precision: Int) -> BigFloat {
        let p = BigFloat(rational, precision: precision)
        if radicalCoefficient.isZero { return p }
        return p + BigFloat(radicalCoefficient, precision: precision) * BigFloat.sqrt(BigFloat(radicand, precision: precision))
    }

    /// Searches `p + q sqrt(r)` with denominators up to 24 in q, |q| <= 24, r squarefree up to 30, and
    /// rationals p with denominators up to 10^6 (q = 0); candidates found in double precision are kept only
    /// when they agree with `x` to `reliableDigits - 3` digits (and at least 20).
    public static func recognize(_ x: BigFloat, reliableDigits: Int) -> ClosedForm? {
        let required = reliableDigits - 3
        guard required >= 20, x.isFinite else { return nil }
        let precision = x.precision
        func verified(_ p: BigRational, _ q: BigRational, _ r: Int) -> ClosedForm? {
            let candidate = ClosedForm(rational: p, radicalCoefficient: q, radicand: r, verifiedDigits: 0)
            let digits = agreementDigits(candidate.value(precision: precision), x)
            guard digits >= required else { return nil }
            return ClosedForm(rational: p, radicalCoefficient: q, radicand: r, verifiedDigits: Swift.min(digits, reliableDigits))
        }
        if x.isZero { return ClosedForm(rational: 0, radicalCoefficient: 0, radicand: 1, verifiedDigits: reliableDigits) }
        let v = x.doubleValue
        if let p = rationalApproximation(v, maxDenominator: 1_000_000), let form = verified(p, 0, 1) { return form }
        for r in squarefree {
            let root = Double(r).squareRoot()
            for e in 1...24 {
                for b in -24...24 where b != 0 {
                    let t = Double(e) * v - Double(b) * root
                    let nearest = t.rounded()
                    guard Swift.abs(t - nearest) < 1e-9 * Swift.max(1, Swift.abs(t)) else { continue }
                    if let form = verified(BigRational(Int(nearest), e), BigRational(b, e), r) { return form }
                }
            }
        }
        return nil
    }

    static let squarefree = [2, 3, 5, 6, 7, 10, 11, 13, 14, 15, 17, 19, 21, 22, 23, 26, 29, 30]

    /// The best rational approximation with a bounded denominator (continued fractions), if it matches
    /// `v` to double precision.
    static func rationalApproximation(_ v: Double, maxDenominator: Int) -> BigRational? {
        guard Swift.abs(v) < 1e12 else { return nil }
        var (h0, h1, k0, k1) = (0, 1, 1, 0)
        var x = v
        for _ in 0..<40 {
            let a = x.rounded(.down)
            guard Swift.abs(a) < 1e12 else { break }
            let ai = Int(a)
            let (h2, k2) = (ai * h1 + h0, ai * k1 + k0)
            if k2 > maxDenominator { break }
            (h0, h1, k0, k1) = (h1, h2, k1, k2)
            if Swift.abs(Double(h1) / Double(k1) - v) <= 4e-16 * Swift.max(1, Swift.abs(v)) { return BigRational(h1, k1) }
            let frac = x - a
            if frac == 0 { break }
            x = 1 / frac
        }
        return nil
    }
}

/// Decimal digits to which two values agree (relative to the larger), capped by their precision.
func agreementDigits(_ a: BigFloat, _ b: BigFloat) -> Int {
    let precision = Swift.min(a.precision, b.precision)
    let cap = Precision.digits(forBits: precision)
    let difference = a - b
    guard !difference.isZero else { return cap }
    let scale = Swift.max(a.binaryExponent ?? Int.min, b.binaryExponent ?? Int.min)
    guard scale != Int.min, let gap = difference.binaryExponent else { return 0 }
    return Swift.max(0, Swift.min(cap, Precision.digits(forBits: scale - gap)))
}
