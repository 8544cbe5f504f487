import PhasecheckExpressions
import PhasecheckNumbers
import Synchronization

/// Evaluates a quantity directly at d = 10^k in MPFR: compiled once, with the width and each
/// hyperparameter's power of d as tape inputs (so that a power d^e costs one exact `10^(k e)` when k e is
/// an integer).
struct WidthSampler: Sendable {
    let tape: Tape
    /// The hyperparameters the quantity reads, in tape input order (after the width).
    let hyperparameters: [String]
    private let cache = SamplerCache()

    init(quantity: Expr, limit: WidthLimit) throws {
        let scalings = limit.scalings(readBy: quantity)
        let names = scalings.keys.sorted()
        var substitutions: [String: Expr] = [:]
        for name in names {
            substitutions[name] = scalings[name]!.coefficient * .symbol(Self.powerSymbol(name))
        }
        let inputs = [(name: limit.width, length: Int?.none)] + names.map { (name: Self.powerSymbol($0), length: Int?.none) }
        tape = try Tape(compiling: [quantity.substituting(substitutions)], inputs: inputs)
        hyperparameters = names
    }

    /// A name no parser produces, standing for d^(exponent of `name`).
    static func powerSymbol(_ name: String) -> String { "d^(\(name))" }

    /// 10^(k x) correctly rounded when k x is an integer, else through exp with enough extra bits.
    static func powerOfTen(_ k: Int, _ x: BigRational, precision: Int) -> BigFloat {
        let scaled = BigRational(k) * x
        if scaled.isInteger, let (n, _) = scaled.smallParts {
            return BigFloat.pow(BigFloat(10, precision: precision), n)
        }
        let magnitude = Int(Precision.bits(forDigits: Swift.abs(scaled.doubleValue).clamped(to: 1...1e15))).bitWidthNeeded
        let wide = precision + magnitude + 16
        let r = BigFloat.exp(BigFloat(scaled, precision: wide) * BigFloat.log(BigFloat(10, precision: wide)))
        return r.rounded(toPrecision: precision)
    }

    /// `powerOfTen`, remembered across samples (a sweep's samples divide by the same powers again and again).
    func cachedPowerOfTen(_ k: Int, _ x: BigRational, precision: Int) -> BigFloat { cache.powerOfTen(k, x, precision: precision) }

    func value(atPowerOfTen k: Int, exponents: [String: BigRational], precision: Int) -> BigFloat {
        var inputs = [cache.powerOfTen(k, 1, precision: precision)]
        for name in hyperparameters { inputs.append(cache.powerOfTen(k, exponents[name]!, precision: precision)) }
        var evaluator = cache.take(precision: precision) ?? TapeEvaluator(tape: tape, context: MPFRContext(precision: precision))
        let value = evaluator.evaluate(inputs)[0][0]
        cache.giveBack(evaluator)
        return value
    }
}

/// What a sampler reuses across samples, because a sweep asks for the same few precisions and powers
/// of ten at every point: evaluators of its tape not in use, by precision (building one, with its
/// registers and constants, costs more than a run; each is used by one thread at a time, taken out
/// and given back), and the exact powers 10^n it has rounded, by n and precision.
///
/// Both are bounded in bits, not only in entries: a fine grid (exponents in 1/64) asks for many
/// precisions of thousands of bits, and kept without a bound they grew to hundreds of MB.
private final class SamplerCache: Sendable {
    private let idle = Mutex<[Int: [TapeEvaluator<MPFRContext>]]>([:])
    private let powers = Mutex<(values: [PowerKey: BigFloat], bits: Int)>(([:], 0))
    /// Idle evaluators: at most `perPrecision` per precision, for at most `precisions` precisions (a new
    /// precision replaces an old one). Powers: at most `powerBits` bits in all (then they start over).
    private static let limits = (perPrecision: 4, precisions: 8, powerBits: 1 << 24)

    private struct PowerKey: Hashable {
        let exponent: Int
        let precision: Int
    }

    /// `WidthSampler.powerOfTen`, remembered when k x is a small integer.
    func powerOfTen(_ k: Int, _ x: BigRational, precision: Int) -> BigFloat {
        guard let (p, q) = x.smallParts, case let (kp, overflow) = k.multipliedReportingOverflow(by: p),
              !overflow, kp % q == 0 else {
            return WidthSampler.powerOfTen(k, x, precision: precision)
        }
        let key = PowerKey(exponent: kp / q, precision: precision)
        if let known = powers.withLock({ $0.values[key] }) { return known }
        let power = WidthSampler.powerOfTen(k, x, precision: precision)
        powers.withLock { powers in
            if powers.bits + precision > Self.limits.powerBits { powers = ([:], 0) }
            powers.values[key] = power
            powers.bits += precision
        }
        return power
    }

    func take(precision: Int) -> TapeEvaluator<MPFRContext>? { idle.withLock { $0[precision]?.popLast() } }

    func giveBack(_ evaluator: TapeEvaluator<MPFRContext>) {
        let precision = evaluator.context.precision
        idle.withLock { idle in
            guard idle[precision, default: []].count < Self.limits.perPrecision else { return }
            if idle[precision] == nil, idle.count >= Self.limits.precisions, let old = idle.keys.first {
                idle[old] = nil
            }
            idle[precision, default: []].append(evaluator)
        }
    }
}

private extension Int {
    var bitWidthNeeded: Int { Int.bitWidth - leadingZeroBitCount }
}

/// A direct evaluation of the quantity at d = 10^k compared with the exact leading term.
public struct WidthSample: Sendable {
    public let powerOfTen: Int
    public let precision: Int
    public let value: BigFloat
    /// `value / 10^(k * exact exponent)`: tends to the leading coefficient.
    public let scaledValue: BigFloat
    /// Digits on which the value agrees with an evaluation at higher precision.
    public let stableDigits: Int
    /// `log10(f(10^k) / f(10^k_previous)) / (k - k_previous)`; nil for the first sample.
    public let localExponent: Double?
}

/// Exact leading term against direct high-precision evaluation (PARI `limitnum` style): local exponents
/// from successive samples, and the coefficient `f / d^e` extrapolated with the known correction gap.
public struct NumericConfirmation: Sendable, CustomStringConvertible {
    public let samples: [WidthSample]
    public let exactExponent: BigRational
    public let measuredExponent: Double
    public let exactCoefficient: BigFloat
    /// `f / d^e` at the largest k, Richardson-extrapolated with the correction gap when it is known.
    public let measuredCoefficient: BigFloat
    /// Decimal digits on which measured and exact coefficients agree.
    public let coefficientDigits: Int
    /// Digits the comparison should reach given the correction gap at the largest k.
    public let requiredDigits: Int
    /// Why the confirmation failed (disagreement or too little precision); nil when it holds.
    public let problem: String?
    /// Whether `problem` is a disagreement the samples resolve (a measured exponent, coefficient or sign that differs),
    /// rather than samples too imprecise, or beyond the precision budget, to show the limit either way, or a sample where
    /// an exponentially small term the expansion left out is not yet below its truncation (tanh(d^(1/1000)) at d = 10^1000
    /// is 1 - 4e-9).
    public var disagreementIsCertain = false

    /// The same without its samples (values at up to thousands of bits), for a sweep that keeps many.
    var withoutSamples: NumericConfirmation {
        NumericConfirmation(samples: [], exactExponent: exactExponent, measuredExponent: measuredExponent,
                            exactCoefficient: exactCoefficient, measuredCoefficient: measuredCoefficient,
                            coefficientDigits: coefficientDigits, requiredDigits: requiredDigits, problem: problem,
                            disagreementIsCertain: disagreementIsCertain)
    }

    public var exponentDifference: Double { measuredExponent - exactExponent.doubleValue }
    /// Whether the samples compared the coefficient: not when a correction is still about as large as the leading term
    /// at the largest d (1 + 10^6/log d at d = 10^1000), where they asked no digits of it and checked the exponent alone.
    public var comparedCoefficient: Bool { requiredDigits > 0 }
    /// The samples' powers of ten, as reports write them: `d = 10^125, 10^250`.
    public func samplesText(width: String = "d") -> String {
        "\(width) = 10^" + samples.map { String($0.powerOfTen) }.joined(separator: ", 10^")
    }
    public var agrees: Bool { problem == nil }

    public var description: String {
        let head = "exponent exact \(exactExponent), measured \(measuredExponent); coefficient agrees to \(coefficientDigits) digits"
        return problem.map { "\(head): \($0)" } ?? head
    }
}

extension WidthLimit {
    /// Samples needing more bits than this are refused (MPFR could go further, memory and time not).
    static let maximumSamplePrecision = 1 << 22

    /// Evaluates `quantity` at d = 10^k for each k (increasing) and compares with `leading`.
    ///
    /// Each sample's precision covers the digits lost to cancellation (`cancellationExponent * k`) plus
    /// guard bits, and is checked against a second evaluation at more bits: if they disagree, the result
    /// reports "precision too low to resolve the limit" rather than a number.
    public func confirmNumerically(_ quantity: Expr, against leading: LeadingBehavior,
                                   at point: [String: BigRational] = [:],
                                   powersOfTen ks: [Int] = [125, 250, 500, 1000]) throws -> NumericConfirmation {
        let sampler = try WidthSampler(quantity: quantity, limit: self)
        let exponents = try scalings(readBy: quantity).mapValues { try $0.exponent.value(at: point) }
        let confirmation = confirm(sampler, exponents: exponents, leading: leading, ks: ks, checkEverySample: true)
        // Before a disagreement is called certain, a deeper expansion shows the terms the leading one's truncation folded
        // into its remainder: d + 10^2000 is d + O(1) to one term, and 10^2000 still exceeds d at every sample.
        guard confirmation.disagreementIsCertain, let problem = confirmation.problem,
              let deeper = leadingBehavior(of: quantity, at: point, precision: leading.coefficient.precision, terms: 8).leadingBehavior,
              let (_, reason) = deeper.expansion.sampleBeforeCrossover(ks) else { return confirmation }
        return NumericConfirmation(samples: confirmation.samples, exactExponent: confirmation.exactExponent,
                                   measuredExponent: confirmation.measuredExponent, exactCoefficient: confirmation.exactCoefficient,
                                   measuredCoefficient: confirmation.measuredCoefficient, coefficientDigits: confirmation.coefficientDigits,
                                   requiredDigits: confirmation.requiredDigits,
                                   problem: "\(problem); but \(reason), so the sampled widths are below the crossover and cannot test the expansion there")
    }

    func confirm(_ sampler: WidthSampler, exponents: [String: BigRational], leading: LeadingBehavior,
                 ks: [Int], checkEverySample: Bool) -> NumericConfirmation {
        precondition(!ks.isEmpty, "at least one power of ten")
        let guardBits = 64 + Precision.bits(forDigits: leading.coefficientDigits).clamped(to: 0...512)
        var samples: [WidthSample] = []
        var problem: String? = nil
        for (index, k) in ks.enumerated() {
            let lossBits = Precision.bits(forDigits: leading.cancellationExponent.doubleValue * Double(k)).rounded(.up)
            guard lossBits < Double(Self.maximumSamplePrecision) else {
                problem = "resolving the cancellation at d = 10^\(k) needs \(Int(lossBits)) bits, beyond \(Self.maximumSamplePrecision)"
                break
            }
            let precision = guardBits + Int(lossBits)
            let value = sampler.value(atPowerOfTen: k, exponents: exponents, precision: precision)
            var stable = Precision.digits(forBits: precision)
            if checkEverySample || index == ks.count - 1 {
                let check = sampler.value(atPowerOfTen: k, exponents: exponents, precision: precision + 64 + precision / 4)
                stable = value.isZero ? 0 : agreementDigits(value, check)
                if stable < 15, problem == nil {
                    problem = "precision too low to resolve the limit at d = 10^\(k) (\(precision) bits agree with \(check.precision) bits to \(stable) digits)"
                }
            }
            if (value.isZero || !value.isFinite), problem == nil {
                problem = "precision too low to resolve the limit at d = 10^\(k) (the value evaluates to \(value))"
            }
            var scaled = value * sampler.cachedPowerOfTen(k, -leading.exponent, precision: precision)
            if leading.logPower != 0 {
                scaled = scaled / BigFloat.pow(BigFloat(k, precision: precision) * BigFloat.log(BigFloat(10, precision: precision)), leading.logPower)
            }
            var local: Double? = nil
            if let last = samples.last {
                local = (value.logMagnitude - last.value.logMagnitude) / (Precision.ln10 * Double(k - last.powerOfTen))
            }
            samples.append(WidthSample(powerOfTen: k, precision: precision, value: value, scaledValue: scaled,
                                       stableDigits: stable, localExponent: local))
        }
        guard let last = samples.last else {
            return NumericConfirmation(samples: [], exactExponent: leading.exponent, measuredExponent: .nan,
                                       exactCoefficient: leading.coefficient, measuredCoefficient: .nan(precision: 64),
                                       coefficientDigits: 0, requiredDigits: 0, problem: problem)
        }
        var measured = last.scaledValue
        var requiredDigits = 15
        if leading.correctionLogGap != 0, let gap = leading.correctionGap {
            // A correction with another power of log d than the leading term's: c_k = c + b (k ln 10)^-j 10^(-g k) is
            // not removed by one Richardson step, so the coefficient is read unextrapolated, to the digits the
            // correction (with its coefficient, when known) leaves at the last sample; none when it leaves none
            // (1 + 10^6/log d at d = 10^1000 is far from 1: the sample cannot show the limit either way).
            // Every known term counts, not only the next: corrections smaller by powers of log d alone decay so slowly
            // that a later one with a large coefficient can still be the largest at d = 10^1000
            // (1 + 10^-3/log d + 10^5/log(d)^2).
            // (A leading coefficient 0 has no size to weigh the terms against: the next term's gap alone counts.)
            let decades = leading.coefficient.isZero
                ? NumericConfirmation.correctionDecades(gap: gap, logGap: leading.correctionLogGap, powerOfTen: last.powerOfTen)
                : leading.expansion.terms.dropFirst().reduce(leading.expansion.remainderExponent.map {
                    NumericConfirmation.correctionDecades(gap: leading.exponent - $0, logGap: leading.logPower - leading.expansion.remainderLogPower,
                                                          powerOfTen: last.powerOfTen)
                } ?? .infinity) { decades, term in
                    Swift.min(decades, NumericConfirmation.correctionDecades(gap: leading.exponent - term.exponent, logGap: leading.logPower - term.logPower,
                                                                             powerOfTen: last.powerOfTen)
                        - (term.coefficient.logMagnitude - leading.coefficient.logMagnitude) / Precision.ln10)
                }
            requiredDigits = decades >= 2 ? NumericConfirmation.digitsRequired(decades, atLeast: 1) : 0
        } else if let gap = leading.correctionGap?.doubleValue, gap > 0 {
            requiredDigits = NumericConfirmation.digitsRequired(gap * Double(last.powerOfTen), atLeast: 2)
            if samples.count > 1 {
                // c_k = c + b 10^(-g k): remove b with the previous sample.
                let previous = samples[samples.count - 2]
                let r = sampler.cachedPowerOfTen(last.powerOfTen - previous.powerOfTen, -(leading.correctionGap!), precision: last.precision)
                let one = BigFloat(1, precision: last.precision)
                measured = (last.scaledValue - r * previous.scaledValue) / (one - r)
                requiredDigits = NumericConfirmation.digitsRequired(2 * gap * Double(previous.powerOfTen), atLeast: requiredDigits)
            }
        }
        let measuredExponent = last.localExponent ?? (last.value.logMagnitude / (Precision.ln10 * Double(last.powerOfTen)))
        let digits = agreementDigits(measured, leading.coefficient)
        if problem == nil, !measuredExponent.isFinite {
            problem = "the measured exponent is not finite"
        }
        let unresolved = problem != nil
        if problem == nil {
            // The next term shifts the local exponent by about 10^(-gap k) / (k2 - k1).
            var tolerance = 0.5
            if samples.count > 1 {
                let previous = samples[samples.count - 2]
                let gap = leading.correctionGap?.doubleValue ?? 1
                // A correction with more powers of log d than the leading term is larger by (k ln 10)^(its excess).
                let logExcess = Double(Swift.max(0, -leading.correctionLogGap))
                tolerance = 1e-6 + 10 * Double.apply(.pow, 10, -gap * Double(previous.powerOfTen))
                    * Double.apply(.pow, Double(previous.powerOfTen) * Precision.ln10, logExcess) / Double(last.powerOfTen - previous.powerOfTen)
            }
            // A power of log d adds logPower * log10(k2/k1) / (k2 - k1) to the local exponent.
            var expectedExponent = leading.exponent.doubleValue
            if leading.logPower != 0, samples.count > 1 {
                let previous = samples[samples.count - 2]
                expectedExponent += Double(leading.logPower) * Double.apply(.log, Double(last.powerOfTen) / Double(previous.powerOfTen)) / Precision.ln10
                    / Double(last.powerOfTen - previous.powerOfTen)
            }
            if Swift.abs(measuredExponent - expectedExponent) > tolerance {
                problem = "measured exponent \(measuredExponent) disagrees with the exact \(leading.exponent)"
            } else if digits < requiredDigits {
                problem = "measured coefficient \(measured.formatted(significantDigits: 20)) agrees with the exact \(leading.coefficient.formatted(significantDigits: 20)) to only \(digits) digits (\(requiredDigits) expected)"
            } else if requiredDigits > 0, measured.sign != leading.coefficient.sign {
                problem = "the measured sign differs from the exact one"
            }
        }
        // A disagreement at a sample before the expansion's behaviour takes over (a left-out exp(a) still above the
        // truncation, a correction still larger than the leading term, a max/min's other operand still the larger) is no
        // evidence against the expansion.
        let beforeCrossover = leading.expansion.sampleBeforeCrossover(samples.map(\.powerOfTen))
        if let (_, reason) = beforeCrossover, let disagreement = problem {
            problem = "\(disagreement); but \(reason), so the sampled widths are below the crossover and cannot test the expansion there"
        }
        return NumericConfirmation(samples: samples, exactExponent: leading.exponent, measuredExponent: measuredExponent,
                                   exactCoefficient: leading.coefficient, measuredCoefficient: measured,
                                   coefficientDigits: digits, requiredDigits: requiredDigits, problem: problem,
                                   disagreementIsCertain: !unresolved && problem != nil && beforeCrossover == nil)
    }
}

extension Comparable {
    func clamped(to range: ClosedRange<Self>) -> Self { Swift.min(Swift.max(self, range.lowerBound), range.upperBound) }
}

extension NumericConfirmation {
    /// Digits a coefficient must show when the next term is `10^-decades` smaller: one less than `decades`,
    /// between `atLeast` and 15. Clamped in floating point first: a huge gap (`--fix c=1e1000`) gives an
    /// infinite `decades`, which no Int holds.
    /// How many decades the next term lies below the leading one at d = 10^k: gap k + logGap log10(k ln 10).
    static func correctionDecades(gap: BigRational, logGap: Int, powerOfTen k: Int) -> Double {
        gap.doubleValue * Double(k) + Double(logGap) * Double.apply(.log, Double(k) * Precision.ln10) / Precision.ln10
    }

    static func digitsRequired(_ decades: Double, atLeast floor: Int) -> Int {
        if decades.isNaN { return floor }
        return Int((decades.rounded(.towardZero) - 1).clamped(to: Double(floor)...15))
    }
}
