#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PhasecheckNumbers

/// The piecewise (non-smooth) functions of the expression language. Each is smooth on either side of the
/// zero set of its switching argument: x for abs(x), a - b for min(a, b) and max(a, b).
public enum SwitchingFunction: String, Sendable, Hashable {
    case abs, min, max
}

/// A time at which a piecewise function of the right-hand side changed branch during an integration.
public struct SwitchingEvent<Value: Scalar>: Sendable {
    /// Where the switching argument crosses zero (located to the working precision).
    public let time: Value
    public let function: SwitchingFunction
    /// The tape register the function writes (tells several functions of the same kind apart).
    public let register: Int
    /// The sign of the switching argument after the switch.
    public let branch: Int
}

/// The switching argument g of one piecewise function over one Taylor step, as the polynomial
/// G(sigma) = sum_k c_k sigma^k with c_k = g_k h^k, on sigma in [0, 1] (tau = sigma h).
///
/// Every magnitude is taken relative to M = sum |c_k|, so that nothing over- or underflows a double.
/// `noise` bounds, relative to M, both the rounding in G and the truncated tail of the series: the tail is
/// estimated from the last two terms, as the step-size rule estimates it (the integrator is not a
/// validated one, so neither is this bound; the factor 4 is a margin over the geometric decay e^-2 per
/// order that the step rule aims at). A value is "certified" only where it exceeds the noise.
struct SwitchingPolynomial<Context: ScalarContext> {
    typealias V = Context.Value
    let context: Context
    let coefficients: [V]
    /// |c_k| / M.
    let weights: [Double]
    let logScale: Double
    let noise: Double
    /// Bound on the error of G' relative to M (n times the value's: differentiating multiplies term k by k).
    let slopeNoise: Double

    init(coefficients: [V], context: Context) {
        self.context = context
        self.coefficients = coefficients
        let logs = coefficients.map(logMagnitude)
        let top = logs.max() ?? -.infinity
        let raw = logs.map { top == -.infinity ? 0 : exp($0 - top) }
        let total = raw.reduce(0, +)
        self.logScale = top == -.infinity ? -.infinity : top + log(total)
        self.weights = raw.map { total > 0 ? $0 / total : 0 }
        let n = coefficients.count - 1
        let unit = exp2(-Double(context.precision))
        let tail = n >= 1 ? weights[n] + weights[n - 1] : 0
        self.noise = 4 * tail + 8 * Double(n + 1) * unit
        self.slopeNoise = 2 * Double(n + 1) * noise
    }

    /// g vanishes identically over the step (to every computed order).
    var isIdenticallyZero: Bool { logScale == -.infinity }

    /// x / M as a double, with x's sign.
    func relative(_ x: V) -> Double {
        let l = logMagnitude(x)
        return l == -.infinity ? 0 : Double(exactSign(x)) * exp(l - logScale)
    }

    /// G(sigma) and G'(sigma) by Horner.
    func evaluate(_ sigma: V) -> (value: V, slope: V) {
        let zero = context.constant(0)
        var value = coefficients.last! + zero, slope = zero + zero
        for c in coefficients.dropLast().reversed() {
            slope = slope * sigma + value
            value = value * sigma + c
        }
        return (value, slope)
    }

    /// (G, G') at sigma, relative to M.
    func relativeValues(at sigma: Double) -> (value: Double, slope: Double) {
        let (g, s) = evaluate(context.constant(dyadic(sigma)))
        return (relative(g), relative(s))
    }

    /// Bound on |G''| over [0, b], relative to M.
    func curvatureBound(upTo b: Double) -> Double {
        var bound = 0.0, power = 1.0
        for k in weights.indices.dropFirst(2) {
            bound += Double(k * (k - 1)) * weights[k] * power
            power *= b
        }
        return bound
    }

    /// How G behaves on [0, 1] for a branch `s` (the sign of g the step was computed with).
    enum Outcome {
        /// The sign s is certified on all of [0, end] (end < 1: the step must stop there, short of a point it
        /// could not yet decide, which the next step, starting closer, will).
        case clear(upTo: Double)
        /// G changes sign once in [a, b] (certified opposite signs at the ends, G' certified nonzero between).
        case crossing(a: Double, b: Double)
        /// g comes within the noise of zero near sigma where neither a crossing nor its absence can be
        /// certified (a tangential touch, or a zero of g and g' together).
        case unresolved(at: Double)
    }

    /// The smallest relative probe width before giving up on a region (about 10^-13 of the step).
    static var smallestWidth: Double { 0x1p-44 }

    /// Walks [0, 1] from left to right with adaptive widths, certifying the sign of G on each piece: by a
    /// Lipschitz bound (|G| stays away from zero), or by monotonicity (G' keeps its sign, so the end values
    /// decide). G(0) must have the certified sign s.
    func scan(branch s: Int) -> Outcome {
        var a = 0.0
        var (ga, sa) = relativeValues(at: 0)
        var width = 0.125
        while a < 1 {
            let b = Swift.min(1, a + width)
            let (gb, sb) = relativeValues(at: b)
            let certified = Swift.abs(gb) > noise
            let lipschitz = Swift.min(Swift.abs(sa), Swift.abs(sb)) + curvatureBound(upTo: b) * (b - a) + slopeNoise
            if certified && Self.sign(gb) == s && (Swift.abs(ga) + Swift.abs(gb) - lipschitz * (b - a)) / 2 > noise {
                (a, ga, sa) = (b, gb, sb)
                width *= 2
                continue
            }
            if certified && isMonotone(sa, sb, a, b) {
                if Self.sign(gb) != s { return .crossing(a: a, b: b) }
                (a, ga, sa) = (b, gb, sb)
                width *= 2
                continue
            }
            width /= 2
            if width < Self.smallestWidth { return a >= 0.25 ? .clear(upTo: a) : .unresolved(at: a) }
        }
        return .clear(upTo: 1)
    }

    /// For a step that starts on the switching set (g(0) zero up to the noise): the lowest order m >= 1 whose
    /// term exceeds the noise, so that g behaves like c_m sigma^m as it leaves zero (nil: no such term).
    var leavingOrder: Int? {
        weights.indices.dropFirst().first { weights[$0] > noise }
    }

    /// G(sigma) / sigma^m without the terms below m: its sign is g's on (0, 1] once g has left zero, and its
    /// zeros there are g's.
    func dividedByPower(_ m: Int) -> SwitchingPolynomial {
        SwitchingPolynomial(coefficients: Array(coefficients[m...]), context: context)
    }

    /// G' keeps one sign on [a, b]: certified at both ends, and the curvature cannot bring it to zero between.
    func isMonotone(_ sa: Double, _ sb: Double, _ a: Double, _ b: Double) -> Bool {
        Self.sign(sa) == Self.sign(sb) && Swift.abs(sa) > slopeNoise && Swift.abs(sb) > slopeNoise
            && (Swift.abs(sa) + Swift.abs(sb) - curvatureBound(upTo: b) * (b - a)) / 2 > slopeNoise
    }

    /// The zero in a bracket from `scan`, to the working precision: Newton steps kept inside a shrinking
    /// bracket (bisection when a step would leave it). Returns nil if no point with |G| within the noise is
    /// reached (the bracket then holds no simple zero after all).
    func refine(a: Double, b: Double, branch s: Int) -> V? {
        var lo = context.constant(dyadic(a)), hi = context.constant(dyadic(b))
        var x = context.constant(dyadic((a + b) / 2))
        let resolution = context.constant(BigRational(1)) / context.constant(BigRational(2).power(context.precision - 4))
        let two = context.constant(2)
        for _ in 0..<(64 + 2 * Int(log2(Double(context.precision)))) {
            let (g, slope) = evaluate(x)
            if exactSign(g) == 0 { return x }
            if exactSign(g) == s { lo = x } else { hi = x }
            var next = x - g / slope
            if !(exactSign(next - lo) * exactSign(hi - lo) > 0 && exactSign(hi - next) * exactSign(hi - lo) > 0) {
                next = (lo + hi) / two
            }
            let moved = V.apply(.abs, next - x)
            x = next
            if exactSign(resolution - moved) >= 0 { break }
        }
        return Swift.abs(relative(evaluate(x).value)) <= noise ? x : nil
    }

    static func sign(_ x: Double) -> Int { x > 0 ? 1 : x < 0 ? -1 : 0 }
}

/// x as an exact rational, rounded toward zero to 32 significant bits (0 for 0).
func dyadic(_ x: Double) -> BigRational {
    guard x != 0, x.isFinite else { return BigRational(0) }
    let mantissa = Int((x.significand * 0x1p31).rounded(.towardZero)) * (x < 0 ? -1 : 1)
    return BigRational(mantissa) * BigRational(2).power(Int(x.exponent) - 31)
}

/// The sign of x (0 for zero and NaN), exact even when x underflows a double.
func exactSign<V: Scalar>(_ x: V) -> Int {
    let d = x.doubleValue
    if d > 0 { return 1 }
    if d < 0 { return -1 }
    if d.isNaN { return 0 }
    let unit = (x / V.apply(.abs, x)).doubleValue   // +-1, or NaN for an exact zero
    return unit > 0 ? 1 : unit < 0 ? -1 : 0
}

/// ln|x|, also where |x| over- or underflows a double (-inf for 0, NaN for NaN).
func logMagnitude<V: Scalar>(_ x: V) -> Double {
    let d = Swift.abs(x.doubleValue)
    if d.isNaN { return .nan }
    if d >= Double.leastNormalMagnitude && d < .infinity { return log(d) }
    if !x.isFinite { return d.isInfinite ? .infinity : .nan }
    if d == 0 && exactSign(x) == 0 { return -.infinity }
    return V.apply(.log, V.apply(.abs, x)).doubleValue
}
