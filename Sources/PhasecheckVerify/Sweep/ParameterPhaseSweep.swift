import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckFormat
import PhasecheckNumbers

/// A phase diagram over ordinary parameters (`phasecheck phase FILE --sign E --grid eta=...,delta=...`):
/// each grid point is classified by the sign of a quantity E (of the parameters, or of the solution at a
/// time or a step), decided with intervals, and compared with the sign of a claimed boundary expression
/// when one is given (say the analytic `2 - eps*kappa_inf` against the iteration's growth); or
/// (`--stability P`) by the linear stability of the fixed point a claim names, followed across the grid
/// (each point's search starts from the fixed point certified at a neighbouring grid point).
public struct ParameterPhaseSweep: Sendable {
    public let derivation: Derivation
    public let axes: [GridAxis]
    /// The phase names for E < 0 and E > 0.
    public let phases: (negative: String, positive: String)
    /// Every phase a point can be given (besides undecided), in the order legends list them.
    public let phaseNames: [String]
    public let quantityText: String
    let base: Model
    let quantity: Expr
    let place: QuantityPlace
    let claimed: Expr?
    /// With `--stability P`: the claim declaring P, whose point starts the search at each grid point.
    let stabilityOf: Claim?
    /// Whether points are classified by stability (else by a sign).
    public var classifiesStability: Bool { stabilityOf != nil }
    public var hasClaimedBoundary: Bool { claimed != nil }
    let options: VerifyOptions
    let axisValues: [[BigRational]]
    public let count: Int

    /// A sweep classifying each point by the stability of the fixed point `point` (the name a `fixedpoint` or
    /// `stationary` claim declares): Newton's method from a start (see `FixedPointBranch`), then the claim's
    /// own location (exactly one fixed point in a small box around Newton's result, by the Krawczyk test) and
    /// the Routh-Hurwitz or Schur-Cohn count over its enclosure: stable, saddle, unstable, or undecided.
    public init(_ derivation: Derivation, axes: [GridAxis], stabilityOf point: String, scenario: String? = nil, options: VerifyOptions) throws {
        let declarations = derivation.claims.filter { ($0.statement as? any FixedPointDeclaration)?.location.name == point }
        guard let declaration = declarations.first else {
            let names = derivation.claims.compactMap { ($0.statement as? any FixedPointDeclaration)?.location.name }
            throw SweepError("--stability \(point): no `fixedpoint` or `stationary` claim of \(derivation.file) names this point"
                             + (names.isEmpty ? "" : " (it names \(names.joined(separator: ", ")))"))
        }
        try self.init(derivation, axes: axes, quantity: .number(0), at: .constant, scenario: scenario ?? declaration.scenario, claimed: nil,
                      phases: ("stable", "unstable"), options: options, stabilityOf: declaration)
    }

    /// - Parameters:
    ///   - quantity: E, in the model's names.
    ///   - claimed: an expression whose sign predicts E's (nil: no claim, only the classification).
    public init(_ derivation: Derivation, axes: [GridAxis], quantity: Expr, at place: QuantityPlace, scenario: String? = nil, claimed: Expr?,
                phases: (negative: String, positive: String), options: VerifyOptions) throws {
        try self.init(derivation, axes: axes, quantity: quantity, at: place, scenario: scenario, claimed: claimed, phases: phases,
                      options: options, stabilityOf: nil)
    }

    private init(_ derivation: Derivation, axes: [GridAxis], quantity: Expr, at place: QuantityPlace, scenario: String?, claimed: Expr?,
                 phases: (negative: String, positive: String), options: VerifyOptions, stabilityOf: Claim?) throws {
        guard !axes.isEmpty else { throw SweepError("--grid: give at least one parameter axis (NAME=FROM:TO:STEP)") }
        for axis in axes where derivation.parameter(named: axis.name) == nil {
            throw SweepError("`\(axis.name)` is not a parameter of \(derivation.file) (expected one of \(derivation.parameters.map(\.name).joined(separator: ", ")))")
        }
        base = try Model(derivation, scenario: scenario, overrides: options.overrides)
        let moving = Set(derivation.states.map(\.name)).union([Derivation.time])
        let expanded = base.expand(quantity)
        if case .constant = place, !expanded.freeSymbols.isDisjoint(with: moving) {
            throw SweepError("the quantity involves the state or t: say where to take it (--at T or --step N)")
        }
        if let claimed, !base.expand(claimed).freeSymbols.isDisjoint(with: moving) {
            throw SweepError("the claimed boundary must be an expression of the parameters")
        }
        let known = Set(derivation.parameters.map(\.name)).union(derivation.lets.map(\.name)).union(moving)
            .union(derivation.states.map(\.initialName)).union(derivation.width.map { [$0.name] } ?? [])
        if let unknown = (quantity.freeSymbols.union(claimed?.freeSymbols ?? [])).subtracting(known).sorted().first {
            throw SweepError("unknown name `\(unknown)` in the quantity or the claimed boundary")
        }
        self.derivation = derivation
        self.axes = axes
        self.quantity = expanded
        self.quantityText = stabilityOf.flatMap { ($0.statement as? any FixedPointDeclaration).map { "stability of \($0.location.name)" } } ?? quantity.description
        self.place = place
        self.claimed = claimed.map(base.expand)
        self.phases = phases
        self.stabilityOf = stabilityOf
        phaseNames = stabilityOf == nil ? [phases.negative, phases.positive] : LinearStability.Stability.allCases.map(\.rawValue)
        self.options = options
        axisValues = axes.map(\.values)
        count = axisValues.reduce(1) { $0 * $1.count }
        guard count <= 100_000 else { throw SweepError("the grid has \(count) points; a parameter sweep takes at most 100000") }
    }

    /// The coordinates of point `index` (the first axis varies slowest).
    public func coordinates(at index: Int) -> [BigRational] {
        GridPoint.coordinates(of: index, axisValues: axisValues)
    }

    /// Classifies point `index` on its own (with `--stability`, from the declared point's coordinates).
    public func row(at index: Int) throws -> ParameterPhaseRow {
        var branch = FixedPointBranch()
        return try row(at: index, following: &branch)
    }

    /// Classifies point `index`; with `--stability`, continuing the fixed point's branch from the points already
    /// classified (call in increasing index order, as the grid is listed, to follow it across the whole grid).
    public func row(at index: Int, following branch: inout FixedPointBranch) throws -> ParameterPhaseRow {
        let coordinates = coordinates(at: index)
        var model = base
        for (axis, value) in zip(axes, coordinates) { model.setParameter(axis.name, .number(value)) }
        if let stabilityOf {
            return try stabilityRow(index: index, coordinates: coordinates, model: model, declaration: stabilityOf, branch: &branch)
        }
        let signs = SignEvaluator(digits: options.digits, budget: options.budget,
                                  escalation: ClaimCheck.escalation(digits: options.digits, budget: options.budget),
                                  deadline: Deadline(budget: options.budget))
        let (value, decided, certified) = try signs.enclosure(of: quantity, on: model, at: place)
        let found = decided ? (value.lower.sign > 0 ? phases.positive : phases.negative) : nil
        var predicted: String? = nil
        var problems: [String] = []
        if let claimed {
            let c = try signs.enclosure(of: claimed, on: model, at: .constant)
            predicted = c.decided ? (c.value.lower.sign > 0 ? phases.positive : phases.negative) : nil
            if !c.decided { problems.append(Self.undecidedSign(of: "the claimed boundary", c.value)) }
        }
        if !decided { problems.append(Self.undecidedSign(of: quantityText, value)) }
        if let found, let predicted, found != predicted { problems.append("claimed \(predicted), found \(found)") }
        return ParameterPhaseRow(index: index, coordinates: coordinates, value: decided ? value.reportText : "?",
                                 enclosure: decided ? value : nil, found: found,
                                 predicted: predicted, certified: certified, undecided: !problems.isEmpty && (!decided || predicted == nil),
                                 problems: problems)
    }

    /// Why a sign stayed undecided: no finite value at the point (a pole, 0/0, a domain error), or an
    /// enclosure that still contains 0 at the precision cap.
    static func undecidedSign(of what: String, _ enclosure: BigInterval) -> String {
        if !enclosure.isFinite { return "the sign of \(what) is undecided: it has no finite value here (a division by 0, a pole or a domain error)" }
        if enclosure.lower.isZero && enclosure.upper.isZero { return "the sign of \(what) is undecided: it is exactly 0 here" }
        return "the sign of \(what) is undecided: its enclosure \(enclosure.reportText) still contains 0 at the precision cap (0 here, or too close to it)"
    }
}

/// The fixed points a `--stability` sweep has certified so far, by grid index: natural-parameter continuation.
/// When the parameters move the declared point and its coordinates do not say how (numbers, not expressions of
/// the swept parameters), Newton's method started from those coordinates at a far grid point can land on another
/// fixed point; started from the point certified at the neighbouring grid point (one step back along the last
/// axis, else along the nearest earlier axis), it stays on the declared point's branch while the grid steps
/// are small next to the distance between branches. A point that could not be certified is not a start; then
/// the declared coordinates are. The report gives each point's coordinates, so a jump to another branch shows.
public struct FixedPointBranch: Sendable {
    var certified: [Int: [BigFloat]] = [:]
    public init() {}
}

extension ParameterPhaseSweep {
    /// Where Newton's method starts at point `index`: the declared coordinates when they are expressions of a
    /// swept parameter (they say where the point is), else the point certified at the nearest earlier neighbour.
    func newtonStart(at index: Int, declared: [Expr], branch: FixedPointBranch) -> [BigFloat]? {
        let swept = Set(axes.map(\.name))
        if declared.contains(where: { !base.expand($0).freeSymbols.isDisjoint(with: swept) }) { return nil }
        var stride = 1
        var rest = index
        for values in axisValues.reversed() {
            if rest % values.count > 0, let point = branch.certified[index - stride] { return point }
            rest /= values.count
            stride *= values.count
        }
        return nil
    }

    /// Classifies one point by the stability of the declared fixed point, located from Newton's iterate.
    func stabilityRow(index: Int, coordinates: [BigRational], model: Model, declaration: Claim,
                      branch: inout FixedPointBranch) throws -> ParameterPhaseRow {
        let widthLimit: Result<WidthLimitModel, DerivationError> = .failure(DerivationError(file: derivation.file, location: declaration.location,
                                                                                             message: "a parameter sweep has no width limit"))
        let check = ClaimCheck(claim: declaration, options: options, model: model, widthLimitModel: widthLimit)
        let location = (declaration.statement as! any FixedPointDeclaration).location
        func row(_ value: String, _ found: String?, _ problems: [String]) -> ParameterPhaseRow {
            ParameterPhaseRow(index: index, coordinates: coordinates, value: value, enclosure: nil, found: found, predicted: nil, certified: true,
                              undecided: found == nil, problems: problems)
        }
        do {
            let setting = try FixedPointSetting(model: model)
            try setting.checkCoordinates(of: location)
            // A point declared exactly is taken where it is declared; elsewhere the parameters may have moved
            // it, so it is followed from the neighbour's point (or the declared coordinates).
            var start: [BigFloat]? = nil
            if case .exact = location.form {} else {
                start = try newtonStart(at: index, declared: setting.coordinates(of: location), branch: branch)
                    ?? setting.constants(setting.coordinates(of: location).map(model.expand), bits: check.startBits).map(\.midpoint)
            }
            guard let (box, classification) = try check.classifyStability(of: location, in: setting, from: start) else {
                return row("?", nil, ["\(location.name) could not be located: the Krawczyk test proved no fixed point near where Newton's method landed"])
            }
            branch.certified[index] = box.map(\.midpoint)
            let value = check.pointText(box, names: setting.stateNames).map { "\($0) = \($1)" }.joined(separator: ", ")
            guard let stability = classification.stability else {
                return row(value, nil, ["the stability of \(location.name) is undecided (an eigenvalue may lie on the "
                                        + (setting.problem.dynamics == .flow ? "imaginary axis)" : "unit circle)")])
            }
            return row(value, stability.rawValue, [])
        } catch {
            return row("?", nil, ["\(error)"])
        }
    }
}

/// One point of a parameter phase sweep.
public struct ParameterPhaseRow: Sendable {
    public let index: Int
    public let coordinates: [BigRational]
    /// E at the point, as many digits as its enclosure certifies (with `--stability`: the located point).
    public let value: String
    /// E's enclosure once its sign is decided (nil when undecided, and with `--stability`).
    public let enclosure: BigInterval?
    /// The phase of E's sign (nil: undecided), and that of the claimed boundary.
    public let found: String?
    public let predicted: String?
    /// False when E came from an integration's error estimate.
    public let certified: Bool
    /// True when the point's phase (or its claimed phase) could not be decided: not a disagreement.
    public let undecided: Bool
    public let problems: [String]
    public var agrees: Bool { problems.isEmpty }
}
