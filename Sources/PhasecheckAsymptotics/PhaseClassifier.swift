import PhasecheckExpressions
import PhasecheckNumbers

/// Where a quantity goes as d -> infinity.
public enum WidthRegime: String, Sendable {
    case vanishing = "-> 0"
    case bounded = "Theta(1)"
    case diverging = "-> infinity"
}

extension WidthRegime {
    init(exponentSign sign: Int) { self = sign < 0 ? .vanishing : sign == 0 ? .bounded : .diverging }
}

/// One grid point of a phase diagram: the exact verdict and its numerical confirmation.
public struct PhaseClassification: Sendable, CustomStringConvertible {
    /// nil when the exact analysis was undecided (see `analysis`).
    public let regime: WidthRegime?
    private let exact: Exact
    /// This point's own numeric confirmation; nil when there was nothing to confirm (undecided or
    /// identically zero) or when the point was confirmed through its cell's sample (`cellConfirmation`).
    public let confirmation: NumericConfirmation?
    /// For a point of a cell confirmed at a sample of its points (not this one): that sample's outcome.
    public let cellConfirmation: CellConfirmation?
    /// The number of the cell of exponent space the analysis was read from (nil when the point was
    /// analysed on its own): on a cell, everything but the exponents is the same at every point.
    public let cell: Int?

    /// The exact analysis as found at this point, or a cell's, read at this point only when asked (a
    /// sweep needs only the leading exponent, the coefficient and the limit).
    private enum Exact: Sendable {
        case found(LimitAnalysis)
        case cell(CachedCell, ScaledPoint, exponent: SmallRational?)
    }

    init(analysis: LimitAnalysis, regime: WidthRegime?, confirmation: NumericConfirmation?) {
        self.regime = regime
        exact = .found(analysis)
        self.confirmation = confirmation
        cellConfirmation = nil
        cell = nil
    }

    init(cell: CachedCell, number: Int, at point: ScaledPoint, exponent: SmallRational?,
         confirmation: NumericConfirmation?, cellConfirmation: CellConfirmation?) {
        regime = cell.regime
        exact = .cell(cell, point, exponent: exponent)
        self.confirmation = confirmation
        self.cellConfirmation = cellConfirmation
        self.cell = number
    }

    /// This classification of a point of a cell, read at another point of the same cell with the same cell
    /// confirmation: what `PhaseClassifier.classify(cell:at:confirmation:cellConfirmation:)` gives there
    /// (a sweep reads it so at each point no sample confirms on its own); nil unless read from a cell without
    /// a confirmation of its own.
    package func moved(to point: ScaledPoint) -> PhaseClassification? {
        guard case .cell(let known, _, _) = exact, let cell, confirmation == nil else { return nil }
        return PhaseClassification(cell: known, number: cell, at: point, exponent: known.leadingExponent?.value(at: point),
                                   confirmation: nil, cellConfirmation: cellConfirmation)
    }

    public var analysis: LimitAnalysis {
        switch exact {
        case .found(let analysis): return analysis
        case .cell(let cell, let point, _):
            do { return try cell.template.analysis(at: point.values(symbols: cell.symbols)) } catch {
                return .undecided(reason: "\(error)")
            }
        }
    }

    public var leading: LeadingBehavior? { analysis.leadingBehavior }

    /// The leading exponent at this point (nil without a leading term).
    public var exponent: BigRational? {
        if case .cell(_, _, let exponent?) = exact { return exponent.exact }
        return leading?.exponent
    }

    /// The leading exponent in machine integers, when the point was read from a cell and it fits (else
    /// nil: see `exponent`).
    public var integerExponent: SmallRational? {
        if case .cell(_, _, let exponent) = exact { return exponent }
        return nil
    }

    /// The leading behaviour where the analysis was made: this point, or the point that analysed its
    /// cell. Its coefficient, closed form and limit hold at this point too; its exponents need not.
    public var leadingInCell: LeadingBehavior? {
        switch exact {
        case .found(let analysis): return analysis.leadingBehavior
        case .cell(let cell, _, _):
            if case .leading(let behavior, _, _, _) = cell.template { return behavior }
            return nil
        }
    }

    /// Why the point is not confirmed numerically; nil when it is, or when there was nothing to confirm.
    public var confirmationProblem: String? {
        if let problem = confirmation?.problem { return problem }
        return cellConfirmation?.problem
    }

    /// Whether `confirmationProblem` is a disagreement the samples resolve (`NumericConfirmation.disagreementIsCertain`),
    /// not samples too imprecise to show the limit either way: only then does the point disagree with its analysis.
    public var confirmationDisagreementIsCertain: Bool {
        if confirmation?.problem != nil { return confirmation!.disagreementIsCertain }
        return cellConfirmation?.failure?.certain ?? false
    }

    /// Decided exactly and confirmed numerically (here or at its cell's sample).
    public var isConfirmed: Bool {
        regime != nil && confirmationProblem == nil && (confirmation != nil || cellConfirmation != nil)
    }

    public var description: String {
        guard let regime, let leading else { return "\(analysis)" }
        let what: String
        switch regime {
        case .vanishing: what = "-> 0 like \(leading.order)"
        case .bounded: what = "Theta(1), limit \(leading.closedForm?.description ?? leading.coefficient.formatted(significantDigits: 20))"
        case .diverging: what = "-> \(leading.limit) like \(leading.order)"
        }
        if let problem = confirmationProblem { return what + (confirmationDisagreementIsCertain ? " (NOT confirmed: \(problem))" : " (unconfirmed, undecided: \(problem))") }
        return what + (confirmation != nil || cellConfirmation != nil ? " (confirmed)" : "")
    }
}

/// The numeric confirmation of a region of exponent space (the cells with one result, `CellResult`) at a
/// sample of its grid points (see `CellSample`): the exact analysis is the same function on the whole
/// region, so its confirmation is too.
public struct CellConfirmation: Sendable {
    /// How many points of the region were evaluated.
    public let samples: Int
    /// The failing sample reported: the first in grid order whose disagreement is certain, else the first; its number in
    /// the sweep, the reason, and whether the disagreement is certain (`NumericConfirmation.disagreementIsCertain`).
    public let failure: (index: Int, problem: String, certain: Bool)?

    public init(samples: Int, failure: (index: Int, problem: String, certain: Bool)?) {
        self.samples = samples
        self.failure = failure
    }

    public var agrees: Bool { failure == nil }
    var problem: String? { failure.map { "at #\($0.index) of the same region: \($0.problem)" } }
}

/// Classifies a quantity at many points of exponent space, compiling it once.
///
/// Per point: the exact expansion (leading exponent, coefficient, closed form; computed once per cell of
/// exponent space, see `AnalysisCache`), then two direct
/// evaluations at d = 10^k and 10^(2k), with k chosen from the correction gap so that the next term is
/// about 25 digits down, and one more evaluation at higher precision to check the digits.
/// A class, so that a sweep passes it around without counting references to each of its parts.
public final class PhaseClassifier: Sendable {
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

    /// The order of the exponent symbols in a `ScaledPoint` given to this classifier.
    public var symbols: [String] { analyses.symbols }

    /// How many cells of exponent space the classifier has analysed so far.
    public var cellsAnalysed: Int { analyses.count }

    /// The exact leading-order analysis at a point: from the cache when the point's cell is known, else
    /// by a traced expansion whose cell is then kept (untraced once the cache is full).
    func exactAnalysis(at point: [String: BigRational]) -> LimitAnalysis {
        if let known = analyses.analysis(at: point) { return known }
        return analyzeAndKeep(at: point).analysis
    }

    /// A fresh expansion at `point`, traced and kept as a cell while the cache has room.
    private func analyzeAndKeep(at point: [String: BigRational]) -> (analysis: LimitAnalysis, kept: Bool) {
        guard analyses.count < AnalysisCache.capacity else {
            return (limit.leadingBehavior(of: quantity, at: point, precision: 192), false)
        }
        let trace = ExponentTrace(symbols: symbols)
        let (analysis, template) = limit.analyze(quantity, at: point, precision: 192, terms: 1, trace: trace)
        if let template { analyses.insert(template, trace: trace) }
        return (analysis, template != nil)
    }

    /// The number of the cell holding `point`, analysing it first when no known cell holds it; nil when
    /// the point's analysis cannot be kept as a cell (undecided, untraceable, or the cache is full).
    /// `hint` is a cell to try first (the cell of the caller's previous point), for speed only.
    public func cell(at point: ScaledPoint, hint: Int? = nil) -> Int? {
        if let known = analyses.cellIndex(at: point, hint: hint) { return known }
        guard analyzeAndKeep(at: point.values(symbols: symbols)).kept else { return nil }
        return analyses.cellIndex(at: point)
    }

    /// The classification at a point of a known cell, with the given confirmation: this point's own, or
    /// its cell's sample's. Nothing is evaluated numerically here.
    public func classify(cell: Int, at point: ScaledPoint, confirmation: NumericConfirmation?,
                         cellConfirmation: CellConfirmation?) -> PhaseClassification {
        let known = analyses.cell(cell)
        let exponent = known.leadingExponent?.value(at: point)
        return PhaseClassification(cell: known, number: cell, at: point, exponent: exponent,
                                   confirmation: confirmation, cellConfirmation: cellConfirmation)
    }

    /// The numeric confirmation of a known cell's analysis at one of its points (nil when identically zero).
    public func confirm(cell: Int, at point: ScaledPoint) -> NumericConfirmation? {
        let values = point.values(symbols: symbols)
        guard let leading = (try? analyses.cell(cell).template.analysis(at: values))?.leadingBehavior else { return nil }
        return confirmation(of: leading, at: values)
    }

    /// Exact analysis and numeric confirmation at `point`.
    public func classify(at point: [String: BigRational]) -> PhaseClassification {
        let analysis = exactAnalysis(at: point)
        guard let leading = analysis.leadingBehavior else {
            let regime: WidthRegime? = if case .identicallyZero = analysis { .vanishing } else { nil }
            return PhaseClassification(analysis: analysis, regime: regime, confirmation: nil)
        }
        return PhaseClassification(analysis: analysis, regime: leading.regime,
                                   confirmation: confirmation(of: leading, at: point))
    }

    /// Two evaluations at d = 10^k and 10^(2k) and a check of the digits; nil when a scaling exponent
    /// cannot be evaluated at `point`.
    private func confirmation(of leading: LeadingBehavior, at point: [String: BigRational]) -> NumericConfirmation? {
        let exponents: [String: BigRational]
        do {
            exponents = try limit.scalings(readBy: quantity).mapValues { try $0.exponent.value(at: point) }
        } catch {
            return nil
        }
        let k = Self.powerOfTen(gap: leading.correctionGap, exponents: Array(exponents.values) + [leading.exponent])
        return limit.confirm(sampler, exponents: exponents, leading: leading, ks: [k, 2 * k], checkEverySample: false)
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
