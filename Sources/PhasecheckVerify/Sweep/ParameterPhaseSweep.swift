import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckFormat
import PhasecheckNumbers

/// A phase diagram over ordinary parameters (`phasecheck phase FILE --sign E --grid eta=...,delta=...`):
/// each grid point is classified by the sign of a quantity E (of the parameters, or of the solution at a
/// time or a step), decided with intervals, and compared with the sign of a claimed boundary expression
/// when one is given (say the analytic `2 - eps*kappa_inf` against the iteration's growth); or
/// (`--stability P`) by the linear stability of the fixed point a claim names, located afresh at each point.
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
    /// `stationary` claim declares): Newton's method from the claim's coordinates, then the claim's own
    /// location (exactly one fixed point in a small box around Newton's result, by the Krawczyk test) and the
    /// Routh-Hurwitz or Schur-Cohn count over its enclosure: stable, saddle, unstable, or undecided.
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

    /// Classifies point `index`.
    public func row(at index: Int) throws -> ParameterPhaseRow {
        let coordinates = coordinates(at: index)
        var model = base
        for (axis, value) in zip(axes, coordinates) { model.setParameter(axis.name, .number(value)) }
        if let stabilityOf { return try stabilityRow(index: index, coordinates: coordinates, model: model, declaration: stabilityOf) }
        let signs = SignEvaluator(digits: options.digits, budget: options.budget,
                                  escalation: ClaimCheck.escalation(digits: options.digits, budget: options.budget),
                                  deadline: Deadline(budget: options.budget))
        let (value, certified) = try signs.value(of: quantity, on: model, at: place)
        let found = value.map { $0.lower.sign > 0 ? phases.positive : phases.negative }
        var predicted: String? = nil
        var problems: [String] = []
        if let claimed {
            let (c, _) = try signs.value(of: claimed, on: model, at: .constant)
            predicted = c.map { $0.lower.sign > 0 ? phases.positive : phases.negative }
            if predicted == nil { problems.append("the claimed boundary expression is 0 here (undecided)") }
        }
        if found == nil { problems.append("the sign of \(quantityText) is undecided (0, or too close to it)") }
        if let found, let predicted, found != predicted { problems.append("claimed \(predicted), found \(found)") }
        return ParameterPhaseRow(index: index, coordinates: coordinates, value: value?.reportText ?? "?", enclosure: value, found: found,
                                 predicted: predicted, certified: certified, problems: problems)
    }
}

extension ParameterPhaseSweep {
    /// Classifies one point by the stability of the declared fixed point, located from Newton's iterate.
    func stabilityRow(index: Int, coordinates: [BigRational], model: Model, declaration: Claim) throws -> ParameterPhaseRow {
        let widthLimit: Result<WidthLimitModel, DerivationError> = .failure(DerivationError(file: derivation.file, location: declaration.location,
                                                                                             message: "a parameter sweep has no width limit"))
        let check = ClaimCheck(claim: declaration, options: options, model: model, widthLimitModel: widthLimit)
        var location = (declaration.statement as! any FixedPointDeclaration).location
        func row(_ value: String, _ found: String?, _ problems: [String]) -> ParameterPhaseRow {
            ParameterPhaseRow(index: index, coordinates: coordinates, value: value, enclosure: nil, found: found, predicted: nil, certified: true,
                              problems: problems)
        }
        do {
            let setting = try FixedPointSetting(model: model)
            try setting.checkCoordinates(of: location)
            if case .exact = location.form {} else {
                // Where the parameters moved the point, start the box where Newton's method lands.
                var evaluator = try setting.evaluator(bits: check.startBits)
                let start = try setting.constants(location.coordinates.map(model.expand), bits: check.startBits).map(\.midpoint)
                let landed = evaluator.newton(from: start).point
                if landed.allSatisfy(\.isFinite) {
                    location.point = .vector(landed.map { Expr.number(exactRational($0.doubleValue)) })
                    location.form = .near(radius: nil)
                }
            }
            guard let (box, classification) = try check.classifyStability(of: location, in: setting) else {
                return row("?", nil, ["\(location.name) could not be classified"])
            }
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
    public let problems: [String]
    public var agrees: Bool { problems.isEmpty }
}
