import PhasecheckExpressions
import PhasecheckNumbers

/// One term `coefficient * d^exponent * log(d)^logPower` of an asymptotic expansion.
public struct AsymptoticTerm: Sendable {
    public let exponent: BigRational
    public let coefficient: BigFloat
    /// The coefficient as an exact rational, when only rational operations produced it.
    public let exactCoefficient: BigRational?
    /// The power of log d (0 for a plain power of d).
    public var logPower: Int = 0
}

/// exp(a) for an argument a tending to -infinity like a power of d, left out of an expansion truncated at d^-depth.
public struct DroppedExponential: Sendable {
    public let argument: AsymptoticExpansion
    public let depth: BigRational

    /// Whether exp(a) is certainly below d^-depth at d = 10^k, as the truncation takes it (then it is no larger than the
    /// remainder the confirmation allows for): -a at least 10^L / 2 from its leading term's size 10^L, the other terms and the
    /// remainder (coefficient 1) together at most half of it, and 10^L / 2 at least depth k ln 10.
    public func isNegligible(atPowerOfTen k: Int) -> Bool {
        guard let margin = argument.leadMargin(atPowerOfTen: k), let lead = argument.terms.first else { return false }
        let size = argument.decades(lead, atPowerOfTen: k)
        return margin >= 1 && size - Precision.decimalLog(natural: Double.apply(.log, 2)) >= Precision.decimalLog(natural: Double.apply(.log, depth.doubleValue * Double(k) * Precision.ln10))
    }
}

extension AsymptoticExpansion {
    /// log10 of |term| at d = 10^k.
    func decades(_ term: AsymptoticTerm, atPowerOfTen k: Int) -> Double {
        Self.decades(term.coefficient.logMagnitude, term.exponent, term.logPower, k)
    }

    private static func decades(_ logMagnitude: Double, _ exponent: BigRational, _ logPower: Int, _ k: Int) -> Double {
        let logK = Precision.decimalLog(natural: Double.apply(.log, Double(k) * Precision.ln10))
        return Precision.decimalLog(natural: logMagnitude) + exponent.doubleValue * Double(k) + Double(logPower) * logK
    }

    /// By how many decades the leading term exceeds the other known terms and the remainder (coefficient 1) together at
    /// d = 10^k; nil without a finite leading term. Below 1, the sample lies before the crossover where the leading term
    /// takes over (d + 10^2000 at d = 10^1000 is still 10^2000).
    public func leadMargin(atPowerOfTen k: Int) -> Double? {
        guard let lead = terms.first else { return nil }
        let size = decades(lead, atPowerOfTen: k)
        let rest = terms.dropFirst().map { decades($0, atPowerOfTen: k) }
            + (remainderExponent.map { [Self.decades(0, $0, remainderLogPower, k)] } ?? [])
        let others = rest.max().map { $0 + Precision.decimalLog(natural: Double.apply(.log, Double(rest.count))) } ?? -.infinity
        return size.isFinite ? size - others : nil
    }

    /// The last of the powers of ten `ks` where the expansion does not yet show the limit's behaviour: its leading term
    /// not 10 times the rest, an exponentially small term it leaves out not yet below its truncation, or a max/min
    /// whose winner (by the sign of the difference's leading term) is not yet the larger operand there.
    public func sampleBeforeCrossover(_ ks: [Int]) -> (powerOfTen: Int, reason: String)? {
        for k in ks.reversed() {
            if let margin = leadMargin(atPowerOfTen: k), margin < 1 {
                return (k, "the expansion's leading term is not yet 10 times its other terms at d = 10^\(k)")
            }
            if droppedExponentials.contains(where: { !$0.isNegligible(atPowerOfTen: k) }) {
                return (k, "an exponentially small term the expansion leaves out (exp of an argument tending to -infinity"
                    + " like a power of d, as O(d^-depth)) is not yet below that truncation at d = 10^\(k)")
            }
            if decidedComparisons.contains(where: { ($0.leadMargin(atPowerOfTen: k) ?? 0) < 1 }) {
                return (k, "a max or min whose winner the expansion takes from the operands' difference does not yet have"
                    + " that winner at d = 10^\(k) (the difference's leading term is not yet 10 times the rest)")
            }
        }
        return nil
    }
}

/// `d^e`, `d^e log(d)` or `d^e log(d)^k`: how reports write the order of a term. A fraction is parenthesised
/// (`d^(1/2) log(d)`, `d^(-1/2)`), as the file format reads it: `d^1/2` is (d^1)/2.
public func widthOrder(_ exponent: BigRational, logPower: Int, width: String = "d") -> String {
    let power = "\(width)^" + (exponent.isInteger ? "\(exponent)" : "(\(exponent))")
    switch logPower {
    case 0: return power
    case 1: return power + " log(\(width))"
    default: return power + " log(\(width))^\(logPower)"
    }
}

/// `sum c_i d^(e_i) + O(d^remainderExponent)`, exponents descending.
public struct AsymptoticExpansion: Sendable, CustomStringConvertible {
    public let terms: [AsymptoticTerm]
    /// nil when the expansion is exact (a finite sum).
    public let remainderExponent: BigRational?
    /// The power of log d in the remainder's order.
    public var remainderLogPower = 0
    /// The exponentially small terms left out (as O(d^-depth)): at the sampled widths they may not be small yet.
    public var droppedExponentials: [DroppedExponential] = []
    /// The difference of the operands of each max/min whose winner the expansion chose by its leading term's sign: at a
    /// finite d the other operand may still be the larger (max(d, 10^2000) at d = 10^1000).
    public var decidedComparisons: [AsymptoticExpansion] = []

    init(_ series: Series, precision: Int) {
        terms = series.terms.map {
            AsymptoticTerm(exponent: $0.exponent.value, coefficient: $0.coefficient.value(precision: precision),
                           exactCoefficient: $0.coefficient.exactValue, logPower: $0.exponent.logPower)
        }
        remainderExponent = series.remainder?.value
        remainderLogPower = series.remainder?.logPower ?? 0
    }

    init(terms: [AsymptoticTerm], remainderExponent: BigRational?, remainderLogPower: Int) {
        self.terms = terms
        self.remainderExponent = remainderExponent
        self.remainderLogPower = remainderLogPower
    }

    /// `2*d^1 + 1` style, coefficients to 12 digits (exact ones exactly).
    public var description: String {
        var parts = terms.map { t in
            (t.exactCoefficient?.description ?? t.coefficient.formatted(significantDigits: 12)) + " " + widthOrder(t.exponent, logPower: t.logPower)
        }
        if let r = remainderExponent { parts.append("O(\(widthOrder(r, logPower: remainderLogPower)))") }
        return parts.isEmpty ? "0" : parts.joined(separator: " + ")
    }
}

/// The limit of a quantity as d -> infinity.
public enum LimitValue: Sendable, Equatable, CustomStringConvertible {
    case zero
    case finite(BigFloat)
    case positiveInfinity
    case negativeInfinity

    public var description: String {
        switch self {
        case .zero: return "0"
        case .finite(let x): return x.formatted(significantDigits: 20)
        case .positiveInfinity: return "+infinity"
        case .negativeInfinity: return "-infinity"
        }
    }
}

/// The leading behaviour `coefficient * d^exponent * log(d)^logPower` of a quantity with rational exponents.
public struct LeadingBehavior: Sendable, CustomStringConvertible {
    public let exponent: BigRational
    /// The power of log d (0 unless the quantity takes the log of a growing or vanishing argument).
    public var logPower: Int { expansion.terms.first?.logPower ?? 0 }
    public let coefficient: BigFloat
    public let exactCoefficient: BigRational?
    /// The coefficient recognised as `p + q sqrt(r)`, verified to many digits.
    public let closedForm: ClosedForm?
    public let limit: LimitValue
    public let expansion: AsymptoticExpansion
    /// Decimal digits of the coefficient that agree between two working precisions (all, when exact).
    public let coefficientDigits: Int
    /// The exponent drop through cancellations when the tree is evaluated directly: at d = 10^k that
    /// costs about `cancellationExponent * k` decimal digits.
    public let cancellationExponent: BigRational
    /// How the verdict was reached where that is not obvious (cancellations decided numerically).
    public let notes: [String]

    /// The gap in powers of d to the next known term (or to the remainder), which sets how fast
    /// `f / d^exponent` approaches the coefficient (see `correctionLogGap` for the powers of log d).
    public var correctionGap: BigRational? {
        if expansion.terms.count > 1 { return exponent - expansion.terms[1].exponent }
        return expansion.remainderExponent.map { exponent - $0 }
    }

    /// The leading power of log d less the next term's (or the remainder's): the correction is smaller than the
    /// leading term by d^-correctionGap log(d)^-correctionLogGap.
    public var correctionLogGap: Int {
        if expansion.terms.count > 1 { return logPower - expansion.terms[1].logPower }
        return logPower - expansion.remainderLogPower
    }

    /// The regime: the sign of the power of d, or where that is 0 of the power of log d.
    public var regime: WidthRegime {
        WidthRegime(exponentSign: exponent.sign != 0 ? exponent.sign : logPower.signum())
    }

    /// `d^e`, with its power of log d when there is one.
    public var order: String { widthOrder(exponent, logPower: logPower) }

    public var description: String {
        let c = closedForm?.description ?? coefficient.formatted(significantDigits: 20)
        return "(\(c)) * \(order), limit \(regime == .bounded ? c : limit.description)"
    }
}

/// The outcome of a leading-order analysis: a decided leading term, an identically zero quantity, or an
/// explicit refusal with its reason (never a silent guess).
public enum LimitAnalysis: Sendable, CustomStringConvertible {
    case leading(LeadingBehavior)
    case identicallyZero
    case undecided(reason: String)

    public var leadingBehavior: LeadingBehavior? {
        if case .leading(let b) = self { return b }
        return nil
    }

    public var description: String {
        switch self {
        case .leading(let b): return b.description
        case .identicallyZero: return "identically zero"
        case .undecided(let reason): return "undecided: \(reason)"
        }
    }
}

extension WidthLimit {
    /// Relative truncation depths tried in turn when leading terms cancel.
    static let depths: [BigRational] = [1, 2, 4, 8, 16, 32, 64]
    /// The highest working precision tried before giving up on a numerically decided cancellation.
    static let maximumPrecision = 16384

    /// The leading behaviour of `quantity` as d -> infinity, with every exponent symbol set to the rational
    /// value in `point`.
    ///
    /// The expansion keeps coefficients exact while only rational operations produce them; otherwise
    /// they are MPFR values at `precision` bits. When an inexact coefficient cancels to zero, the expansion
    /// is repeated at doubled precision until the leading term is the same at two precisions.
    ///
    /// - Parameter terms: how many terms of the expansion to find at least (when they exist within
    ///   relative depth d^-64); the leading one alone decides the limit.
    public func leadingBehavior(of quantity: Expr, at point: [String: BigRational] = [:],
                                precision: Int = 256, terms: Int = 1) -> LimitAnalysis {
        analyze(quantity, at: point, precision: precision, terms: terms, trace: nil).analysis
    }

    /// `leadingBehavior`, optionally traced: with a trace (and affine scaling exponents), every exponent
    /// carries its affine form, every decision is recorded in `trace`, and the result comes with a
    /// template that gives it at any point where the recorded decisions come out the same.
    func analyze(_ quantity: Expr, at point: [String: BigRational], precision: Int, terms: Int,
                 trace: ExponentTrace?) -> (analysis: LimitAnalysis, template: AnalysisTemplate?) {
        // A scaling exponent with a kink (abs, max, min) would hide decisions from the trace: no template then.
        let trace = scalings.values.allSatisfy { $0.exponent.affineForm != nil } ? trace : nil
        let traced = trace != nil
        var exponents: [String: (coefficient: Expr, exponent: Exponent)] = [:]
        do {
            for (name, scaling) in scalings(readBy: quantity) {
                let value = try scaling.exponent.value(at: point)
                let exponent = trace.map { Exponent.traced(scaling.exponent.affineForm!, value: value, in: $0) } ?? Exponent(value)
                exponents[name] = (scaling.coefficient, exponent)
            }
        } catch {
            return (.undecided(reason: "\(error)"), nil)
        }
        var previous: (series: Series, precision: Int)? = nil
        return Precision.Escalation(start: precision, cap: Self.maximumPrecision).first { current, isLast in
            let attempt: Expansion
            switch expand(quantity, exponents: exponents, precision: current, terms: terms) {
            case .failure(let error): return (.undecided(reason: error.reason), nil)
            case .success(let result): attempt = result
            }
            // A coefficient that depends on the exponents' values (log(eta) = c log d for eta ~ d^c) holds at this
            // point only: no template for a cell then.
            // (Nor where an exponentially small term was dropped: whether it is negligible at the samples is read at this point.)
            // (A decided max/min keeps its template: only a limit claim's confirmation, which is untraced, reads its comparisons.)
            let traced = traced && !attempt.pointDependent && attempt.dropped.isEmpty
            guard let lead = attempt.series.lead else { return (.identicallyZero, traced ? .identicallyZero : nil) }
            // Without numerically decided cancellations, the digits are those not lost to rounding and to
            // partial cancellations; otherwise the leading term must repeat at a second precision.
            if attempt.cancellations == 0 && attempt.bitsLost < current / 4 {
                let digits = lead.coefficient.exactValue != nil ? Precision.digits(forBits: current)
                    : Precision.digits(forBits: current - attempt.bitsLost - 16)
                return leading(attempt.series, precision: current, digits: digits, loss: attempt.loss, dropped: attempt.dropped, comparisons: attempt.comparisons, notes: [], traced: traced)
            }
            if let (earlier, earlierPrecision) = previous, let earlierLead = earlier.lead,
               earlierLead.exponent == lead.exponent {
                let digits = agreementDigits(earlierLead.coefficient.value(precision: earlierPrecision),
                                             lead.coefficient.value(precision: current))
                if digits >= Int(Precision.digits(forBits: Double(earlierPrecision)) / 3) {
                    var notes: [String] = []
                    if attempt.cancellations > 0 {
                        notes.append("\(attempt.cancellations) inexact coefficients cancelled to zero at both \(earlierPrecision) and \(current) bits; treated as exact cancellations")
                    }
                    return leading(attempt.series, precision: current, digits: digits, loss: attempt.loss, dropped: attempt.dropped, comparisons: attempt.comparisons, notes: notes, traced: traced)
                }
            }
            if isLast {
                return (.undecided(reason: "the leading term changes with the working precision up to \(current) bits (too many cancellations to decide)"), nil)
            }
            previous = (attempt.series, current)
            return nil
        }
    }

    /// One expansion at one precision: the series, the inexact coefficients that cancelled to zero, the most bits
    /// lost in a sum, the cancellation loss and whether coefficients depend on the exponents' values.
    typealias Expansion = (series: Series, cancellations: Int, bitsLost: Int, loss: Exponent, pointDependent: Bool,
                           dropped: [DroppedExponential], comparisons: [AsymptoticExpansion])

    /// Expands at one precision, deepening the truncation while every known term cancels.
    func expand(_ quantity: Expr, exponents: [String: (coefficient: Expr, exponent: Exponent)],
                precision: Int, terms: Int) -> Result<Expansion, ExpansionError> {
        var lastReason = ""
        var best: Expansion? = nil
        var exponentiallySmallLeft = false
        for depth in Self.depths {
            let arithmetic = SeriesArithmetic(precision: precision, depth: depth)
            var expander = SeriesExpander(arithmetic: arithmetic, width: width, scalings: exponents)
            do {
                let series = try expander.scalar(quantity)
                let result = (series, arithmetic.numericalCancellations, arithmetic.maximumBitsLost, expander.cancellationLoss,
                              arithmetic.pointDependentCoefficients,
                              arithmetic.droppedExponentials.map { DroppedExponential(argument: AsymptoticExpansion($0, precision: precision), depth: depth) },
                              arithmetic.decidedComparisons.map { AsymptoticExpansion($0, precision: precision) })
                if series.terms.count >= terms || series.remainder == nil { return .success(result) }
                if series.lead != nil {
                    best = result
                    continue
                }
                // A dropped exponentially small term hides what lies below d^-depth (d^-20 + e^-d): deepened like any
                // cancellation; only where the deepest depth still shows no term is what is left said to be that term.
                exponentiallySmallLeft = arithmetic.exponentiallySmall
                lastReason = "every term cancels down to \(series.remainder!.order)"
            } catch ExpansionFailure.insufficientDepth(let reason) {
                lastReason = reason
                exponentiallySmallLeft = false
            } catch ExpansionFailure.unsupported(let reason) {
                return .failure(ExpansionError(reason: reason))
            } catch ExpansionFailure.unknownSymbol(let name) {
                return .failure(ExpansionError(reason: "no width scaling given for the symbol `\(name)`"))
            } catch {
                return .failure(ExpansionError(reason: "\(error)"))
            }
        }
        if let best { return .success(best) }
        if exponentiallySmallLeft {
            return .failure(ExpansionError(reason: "every power of d cancels down to d^-\(Self.depths.last!): what is left is exponentially small in d (an exp of an argument tending to -infinity like a power of d, as in tanh(d) - 1 ~ -2 e^(-2d)), smaller than every power of d and log d, which the expansion does not represent"))
        }
        return .failure(ExpansionError(reason: "the leading terms cancel beyond relative depth d^-\(Self.depths.last!) (\(lastReason))"))
    }

    private func leading(_ series: Series, precision: Int, digits: Int, loss: Exponent, dropped: [DroppedExponential], comparisons: [AsymptoticExpansion], notes: [String],
                         traced: Bool) -> (analysis: LimitAnalysis, template: AnalysisTemplate?) {
        let lead = series.lead!
        let c = lead.coefficient.value(precision: precision)
        let limit: LimitValue = lead.exponent.sign < 0 ? .zero
            : lead.exponent.sign == 0 ? .finite(c)
            : (c.sign > 0 ? .positiveInfinity : .negativeInfinity)
        let closedForm: ClosedForm? = lead.coefficient.exactValue.map {
            ClosedForm(rational: $0, radicalCoefficient: 0, radicand: 1, verifiedDigits: digits)
        } ?? ClosedForm.recognize(c, reliableDigits: digits)
        var expansion = AsymptoticExpansion(series, precision: precision)
        expansion.droppedExponentials = dropped
        expansion.decidedComparisons = comparisons
        let behavior = LeadingBehavior(exponent: lead.exponent.value, coefficient: c, exactCoefficient: lead.coefficient.exactValue,
                                       closedForm: closedForm, limit: limit, expansion: expansion,
                                       coefficientDigits: digits, cancellationExponent: loss.value, notes: notes)
        let template = AnalysisTemplate.leading(behavior, termExponents: series.terms.map(\.exponent),
                                                remainder: series.remainder, cancellation: loss)
        return (.leading(behavior), traced ? template : nil)
    }
}

struct ExpansionError: Error {
    let reason: String
}

/// A traced analysis, to be read at another point of the same cell of exponent space: the exponents as
/// affine forms, everything else (coefficients, closed form, digits, notes) as found.
enum AnalysisTemplate: Sendable {
    case identicallyZero
    case leading(LeadingBehavior, termExponents: [Exponent], remainder: Exponent?, cancellation: Exponent)

    /// The same template with its exponents detached from the trace that built them.
    var untraced: AnalysisTemplate {
        guard case .leading(let b, let terms, let remainder, let cancellation) = self else { return self }
        return .leading(b, termExponents: terms.map(\.untraced), remainder: remainder?.untraced, cancellation: cancellation.untraced)
    }

    /// The analysis at `point`, which must satisfy the trace's recorded decisions.
    func analysis(at point: [String: BigRational]) throws -> LimitAnalysis {
        switch self {
        case .identicallyZero:
            return .identicallyZero
        case .leading(let b, let termExponents, let remainder, let cancellation):
            let terms = try zip(b.expansion.terms, termExponents).map {
                AsymptoticTerm(exponent: try $1.value(at: point), coefficient: $0.coefficient, exactCoefficient: $0.exactCoefficient,
                               logPower: $1.logPower)
            }
            let expansion = AsymptoticExpansion(terms: terms, remainderExponent: try remainder?.value(at: point),
                                                remainderLogPower: remainder?.logPower ?? 0)
            return .leading(LeadingBehavior(exponent: terms[0].exponent, coefficient: b.coefficient,
                                            exactCoefficient: b.exactCoefficient, closedForm: b.closedForm, limit: b.limit,
                                            expansion: expansion, coefficientDigits: b.coefficientDigits,
                                            cancellationExponent: try cancellation.value(at: point), notes: b.notes))
        }
    }
}
