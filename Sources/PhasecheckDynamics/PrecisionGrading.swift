#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PhasecheckNumbers

/// Graded precision: the Taylor coefficients of order k computed at the precision they need, not all at
/// the working precision (where high-order products dominate the cost, i.e. at hundreds of digits).
///
/// The term x_k h^k of a step's Taylor sum needs its absolute error below the tolerance, so it needs the
/// tolerance's bits plus log2 of its size relative to the solution (T_k = |x_k| h^k / scale). The step rule
/// makes T_k fall about e^-2 per order, so high orders need few bits. An error in a coefficient passes to
/// every higher one through the recurrences, so order k gets the bits of the largest term of order >= k,
/// plus a guard of 32 bits, and never less than 64 bits.
///
/// The plan is measured on a step at full precision (for a step 1.1 times the rule's, a margin for steps
/// that grow) and kept while each step's own terms confirm it; a step whose terms need more bits than
/// planned is computed again at full precision and the plan is made anew from it. Above
/// `smallestPilotedBits` the first plan of an integration comes instead from a pilot, its first coefficients at
/// `pilotBits` (`TaylorIntegrator.planFromAPilot`), and is confirmed by its steps in the same way.
struct PrecisionGrading<V: Scalar> {
    let fullBits: Int
    let toleranceBits: Int
    /// A zero of the given precision; nil for a fixed-precision context (Double), where nothing is graded.
    let zero: (Int) -> V
    let isAvailable: Bool
    /// Bits per order in use (nil: the working precision everywhere).
    var plan: [Int]?

    static var guardBits: Int { 32 }
    static var floorBits: Int { 64 }
    /// Below this working precision a multiplication costs little more than the call, and grading gains
    /// nothing (measured: 0.8x at 30 digits, 1.14x at 100, 1.28x at 300, 2.6x at 1000; Benchmarks/README.md).
    static var smallestGradedBits: Int { 320 }
    /// Above this working precision the first plan comes from a pilot at `pilotBits`: a first step at full precision
    /// costs 2.3 graded ones at 3420 bits (1000 digits). Up to it (every run at 30, 100 and 300 digits) the first step
    /// is still computed at full precision.
    static var smallestPilotedBits: Int { 2048 }
    /// The pilot's precision: enough for the magnitudes of the coefficients (the plan needs their log2 to a bit).
    static var pilotBits: Int { 256 }

    init<Context: ScalarContext>(context: Context, tolerance: Tolerance) where Context.Value == V {
        fullBits = context.precision
        toleranceBits = Int(Precision.bits(forDigits: Swift.max(tolerance.relativeDigits, tolerance.absoluteDigits)).rounded(.up))
        if context is MPFRContext && context.precision >= Self.smallestGradedBits {
            zero = { BigFloat(0, precision: $0) as! V }
            isAvailable = true
        } else {
            zero = { _ in context.constant(0) }
            isAvailable = false
        }
    }

    func fullPlan(order: Int) -> [Int] { [Int](repeating: fullBits, count: order + 1) }

    /// Bits each order needs for a step of the given size (see the type's documentation).
    func needed<C>(engine: TaylorCoefficientEngine<C>, order: Int, stepMagnitude: Double, lnScale: Double) -> [Int] where C.Value == V {
        var result = [Int](repeating: Self.floorBits, count: order + 1)
        var largest = -Double.infinity
        let lnStep = log(stepMagnitude)
        for k in stride(from: order, through: 0, by: -1) {
            let lnTerm = engine.logNorm(order: k) + Double(k) * lnStep - lnScale
            if !lnTerm.isNaN { largest = Swift.max(largest, lnTerm) }
            let bits = Double(toleranceBits + Self.guardBits) + largest / M_LN2
            result[k] = bits.isFinite ? Swift.min(fullBits, Swift.max(Self.floorBits, Int(bits.rounded(.up)))) : Self.floorBits
        }
        return result
    }

    /// Whether the step just computed (of size |step|) needs more bits somewhere than the plan gave it.
    func rejects<C>(engine: TaylorCoefficientEngine<C>, order: Int, step: V, lnScale: Double) -> Bool where C.Value == V {
        guard let plan else { return false }
        let need = needed(engine: engine, order: order, stepMagnitude: Swift.abs(step.doubleValue), lnScale: lnScale)
        return zip(need, plan).contains { $0 > $1 }
    }
}
