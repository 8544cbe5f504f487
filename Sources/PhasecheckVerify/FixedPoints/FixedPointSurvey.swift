import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckNumbers

/// Every fixed point of a model's flow or map in a box (`phasecheck fixedpoints`): found by subdivision
/// and the Krawczyk test, each refined to the digits asked and classified by the Routh-Hurwitz or
/// Schur-Cohn count and its certified spectrum.
public struct FixedPointSurvey: Sendable {
    public struct Point: Sendable {
        /// Each state's value: certified digits, `0 (|x| <= b)`, or an enclosure `[lo, hi]`.
        public let coordinates: [(name: String, value: String)]
        /// `stable node`, `saddle`, `unstable focus`, or undecided with the reason.
        public let stability: String
        /// The eigenvalues of the Jacobian (`a +- b i` for a complex pair); nil when they could not all be
        /// isolated (a multiple eigenvalue).
        public let eigenvalues: [String]?
    }

    public let dynamics: FixedPointProblem.Dynamics
    /// Each state with the range searched.
    public let box: [(name: String, lower: String, upper: String)]
    public let points: [Point]
    /// Parts of the box that could be neither excluded nor isolated (a multiple or non-isolated fixed point,
    /// or the budget of boxes spent); when there are none, `points` are all the fixed points in the box.
    public let unresolved: [String]
    public var isComplete: Bool { unresolved.isEmpty }

    /// - Parameters:
    ///   - ranges: the search range of each state, by name (every state needs one).
    ///   - maximumBoxes: the subdivision's budget of boxes.
    ///   - shouldStop: asked before each box (the caller's time budget and progress line); true stops the
    ///     search, and the boxes left are undecided.
    public init(model: Model, ranges givenRanges: [String: (lower: BigRational, upper: BigRational)], digits: Int, maximumBoxes: Int = 20_000,
                shouldStop: @escaping @Sendable () -> Bool = { false }) throws {
        let setting = try FixedPointSetting(model: model)
        let names = setting.stateNames
        // A vector or matrix state's range (`--box w=-1:1`) applies to each entry unless the entry has its own.
        let stateOf = { (entry: String) in String(entry.prefix { $0 != "[" }) }
        let ranges = Dictionary(uniqueKeysWithValues: names.compactMap { name in (givenRanges[name] ?? givenRanges[stateOf(name)]).map { (name, $0) } })
        if let missing = names.first(where: { ranges[$0] == nil }) {
            let states = model.derivation.states.map(\.name)
            throw CheckError("no range for the state `\(missing)`; give one for each of \(states.joined(separator: ", ")) (--box \(states.map { "\($0)=-1:1" }.joined(separator: ",")))")
        }
        if let unknown = givenRanges.keys.sorted().first(where: { !names.contains($0) && !model.derivation.states.map(\.name).contains($0) }) {
            throw CheckError("`\(unknown)` in --box is not a state (the states are \(model.derivation.states.map(\.name).joined(separator: ", ")))")
        }
        let bits = Precision.bits(forDigits: digits) + 48
        let region: Box = names.map { BigInterval(lower: BigFloat(ranges[$0]!.lower, precision: bits, rounding: .down),
                                                   upper: BigFloat(ranges[$0]!.upper, precision: bits, rounding: .up)) }
        var evaluator = try setting.evaluator(bits: bits)
        var search = ZeroSearch()
        search.maximumBoxes = maximumBoxes
        search.shouldStop = shouldStop
        let result = search.run(&evaluator, in: region)
        dynamics = setting.problem.dynamics
        box = names.map { ($0, decimal(ranges[$0]!.lower), decimal(ranges[$0]!.upper)) }
        unresolved = result.unresolved.map { "[" + $0.map { "[" + $0.lower.formatted(significantDigits: 6) + ", " + $0.upper.formatted(significantDigits: 6) + "]" }.joined(separator: " x ") + "]" }
        points = try result.zeros.sorted { Self.precedes($0.enclosure, $1.enclosure) }.map { zero in
            let enclosure = try Self.refine(zero, setting: setting, digits: digits, startBits: bits)
            var evaluator = try setting.evaluator(bits: enclosure.map(\.precision).max() ?? bits)
            let (jacobian, stability) = setting.classify(over: enclosure, evaluator: &evaluator)
            let spectrum = try Spectrum(coefficients: CharacteristicPolynomial.of(jacobian, context: evaluator.context), context: evaluator.context)
            return Point(coordinates: zip(names, enclosure).map { ($0, coordinateText($1, digits: digits)) },
                         stability: stability.name(spectrum: spectrum),
                         eigenvalues: spectrum.isComplete ? spectrumTexts(spectrum) : nil)
        }
    }

    /// The zero's enclosure at rising precisions until each coordinate is certified to `digits` (against
    /// the largest), up to 8 times the starting precision.
    static func refine(_ zero: Krawczyk.IsolatedZero, setting: FixedPointSetting, digits: Int, startBits: Int) throws -> Box {
        var best = zero.enclosure
        for bits in Precision.Escalation(start: startBits, cap: startBits * 8) {
            if ClaimCheck.certifiedDigits(best) >= Double(digits) { break }
            var evaluator = try setting.evaluator(bits: bits)
            if let tighter = Krawczyk.isolate(&evaluator, near: best.map(\.midpoint)), tighter.enclosure.isSubset(of: zero.isolatingBox) {
                best = tighter.enclosure
            }
        }
        return best
    }

    /// Orders points by their first coordinate, then the next.
    static func precedes(_ a: Box, _ b: Box) -> Bool {
        for (x, y) in zip(a, b) where !(x.midpoint == y.midpoint) { return x.midpoint < y.midpoint }
        return false
    }
}

/// A coordinate as reports show it: its certified digits, a bound on a value that may be 0, or its enclosure.
func coordinateText(_ x: BigInterval, digits: Int) -> String {
    if let text = x.certifiedDecimal(significantDigits: digits) { return text.replacingTrailingZerosOfMantissa() }
    if x.mayBeZero { return "0 (|x| <= " + x.magnitudeUpper.formatted(significantDigits: 2) + ")" }
    return x.reportText
}

/// Eigenvalues as reports show them: reals, then complex pairs `a +- b i`, each with its certified digits.
func spectrumTexts(_ spectrum: Spectrum) -> [String] {
    spectrum.real.map(\.reportText) + spectrum.complex.map { $0.re.reportText + " +- " + $0.im.reportText + " i" }
}
