import PhasecheckExpressions
import PhasecheckFormat
import PhasecheckNumbers

/// A phase diagram over ordinary parameters (`phasecheck phase FILE --sign E --grid eta=...,delta=...`):
/// each grid point is classified by the sign of a quantity E (of the parameters, or of the solution at a
/// time or a step), decided with intervals, and compared with the sign of a claimed boundary expression
/// when one is given (say the analytic `2 - eps*kappa_inf` against the iteration's growth).
public struct ParameterPhaseSweep: Sendable {
    public let derivation: Derivation
    public let axes: [GridAxis]
    /// The phase names for E < 0 and E > 0.
    public let phases: (negative: String, positive: String)
    public let quantityText: String
    let base: Model
    let quantity: Expr
    let place: QuantityPlace
    let claimed: Expr?
    let options: VerifyOptions
    let axisValues: [[BigRational]]
    public let count: Int

    /// - Parameters:
    ///   - quantity: E, in the model's names.
    ///   - claimed: an expression whose sign predicts E's (nil: no claim, only the classification).
    public init(_ derivation: Derivation, axes: [GridAxis], quantity: Expr, at place: QuantityPlace, scenario: String? = nil, claimed: Expr?,
                phases: (negative: String, positive: String), options: VerifyOptions) throws {
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
        self.quantityText = quantity.description
        self.place = place
        self.claimed = claimed.map(base.expand)
        self.phases = phases
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
        let startBits = Precision.bits(forDigits: options.digits) + 48
        let signs = SignEvaluator(digits: options.digits, budget: options.budget,
                                  escalation: Precision.Escalation(start: startBits, cap: options.budget.capBits(startingAt: startBits, defaultMultiple: 64)),
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
        return ParameterPhaseRow(index: index, coordinates: coordinates, value: value?.reportText ?? "?", found: found,
                                 predicted: predicted, certified: certified, problems: problems)
    }
}

/// One point of a parameter phase sweep.
public struct ParameterPhaseRow: Sendable {
    public let index: Int
    public let coordinates: [BigRational]
    /// E at the point, as many digits as its enclosure certifies.
    public let value: String
    /// The phase of E's sign (nil: undecided), and that of the claimed boundary.
    public let found: String?
    public let predicted: String?
    /// False when E came from an integration's error estimate.
    public let certified: Bool
    public let problems: [String]
    public var agrees: Bool { problems.isEmpty }
}
