import PhasecheckExpressions
import PhasecheckNumbers

/// Where a quantity goes as d -> infinity.
public enum WidthRegime: String, Sendable {
    case vanishing = "-> 0"
    case bounded = "Theta(1)"
    case diverging = "-> infinity"
}

/// One grid point of a phase diagram: the exact verdict and its numerical confirmation.
public struct PhaseClassification: Sendable, CustomStringConvertible {
    /// nil when the exact analysis was undecided (see `analysis`).
    public let regime: WidthRegime?
    public let analysis: LimitAnalysis
    /// nil when there was nothing to confirm (undecided or identically zero).
    public let confirmation: NumericConfirmation?

    public var leading: LeadingBehavior? { analysis.leadingBehavior }
    /// Decided exactly and confirmed numerically.
    public var isConfirmed: Bool { regime != nil && (confirmation?.agrees ?? false) }

    public var description: String {
        guard let regime, let leading else { return "\(analysis)" }
        let what: String
        switch regime {
        case .vanishing: what = "-> 0 like d^\(leading.exponent)"
        case .bounded: what = "Theta(1), limit \(leading.closedForm?.description ?? leading.coefficient.formatted(significantDigits: 20))"
        case .diverging: what = "-> \(leading.limit) like d^\(leading.exponent)"
        }
        return what + (confirmation.map { $0.agrees ? " (confirmed)" : " (NOT confirmed: \($0.problem!))" } ?? "")
    }
}

/// Classifies a quantity at many points of exponent space, compiling it once.
///
/// Per point: the exact expansion (leading exponent, coefficient, closed form; computed once per cell of
/// exponent space, see `AnalysisCache`), then two direct
/// evaluations at d = 10^k and 10^(2k), with k chosen from the correction gap so that the next term is
/// about 25 digits down, and one more evaluation at higher precision to check the digits.
public struct PhaseClassifier: Sendable {
    public let quantity: Expr
    public let limit: WidthLimit
    let sampler: WidthSampler
    /// Exact analyses by cell of exponent space, shared by the threads of a sweep.
    let analyses: AnalysisCache

    public init(quantity: Expr, limit: WidthLimit) throws {
        self.quantity = quantity
        self.limit = limit
        sampler = try WidthSampler(quantity: quantity, limit: limit)
        analyses = AnalysisCache(symbols: limit.exponentSymbols)
    }

    /// How many cells of exponent space the classifier has analysed so far.
    public var cellsAnalysed: Int { analyses.count }

    /// The exact leading-order analysis at a point: from the cache when the point's cell is known, else
    /// by a traced expansion whose cell is then kept (untraced once the cache is full).
    func exactAnalysis(at point: [String: BigRational]) -> LimitAnalysis {
        if let known = analyses.analysis(at: point) { return known }
        guard analyses.count < AnalysisCache.capacity else {
            return limit.leadingBehavior(of: quantity, at: point, precision: 192)
        }
        let trace = ExponentTrace()
        let (analysis, template) = limit.analyze(quantity, at: point, precision: 192, terms: 1, trace: trace)
        if let template { analyses.insert(template, trace: trace) }
        return analysis
    }

    public func classify(at point: [String: BigRational]) -> PhaseClassification {
        let analysis = exactAnalysis(at: point)
        guard let leading = analysis.leadingBehavior else {
            let regime: WidthRegime? = if case .identicallyZero = analysis { .vanishing } else { nil }
            return PhaseClassification(regime: regime, analysis: analysis, confirmation: nil)
        }
        let regime: WidthRegime = leading.exponent.sign < 0 ? .vanishing : leading.exponent.isZero ? .bounded : .diverging
        let exponents: [String: BigRational]
        do {
            exponents = try limit.scalings.mapValues { try $0.exponent.value(at: point) }
        } catch {
            return PhaseClassification(regime: regime, analysis: analysis, confirmation: nil)
        }
        let k = Self.powerOfTen(gap: leading.correctionGap, exponents: Array(exponents.values) + [leading.exponent])
        let confirmation = limit.confirm(sampler, exponents: exponents, leading: leading, ks: [k, 2 * k], checkEverySample: false)
        return PhaseClassification(regime: regime, analysis: analysis, confirmation: confirmation)
    }

    /// k with gap * k about 25 digits (20...400), rounded up to a multiple of the exponents' common
    /// denominator when that is small, so that every d^e is an exact power of ten.
    static func powerOfTen(gap: BigRational?, exponents: [BigRational]) -> Int {
        var k = 100
        if let g = gap?.doubleValue, g > 0 { k = Int((25 / g).rounded(.up).clamped(to: 20...400)) }
        guard let (_, denominator) = overCommonDenominator(exponents), denominator <= 64 else { return k }
        return (k + denominator - 1) / denominator * denominator
    }
}
