import PhasecheckExpressions
import PhasecheckFormat
import PhasecheckNumbers

/// `solves ode`: the closed form satisfies the initial condition and the ODE, and agrees with the
/// numerical integration.
public struct SolvesODEClaim: ClaimKind {
    public static let keyword = "solves"
    package static let grammar = #""solves" "ode""#
    package static let documentation = [
        #"| `solves ode` | the closed form at t = 0 equals the initial values; its symbolic time derivative equals the right-hand side evaluated on it (the residual) at t = 0 and `horizon * k/6`, k = 1..6; and it agrees with the Taylor integration of the ODE at those times. The initial value and the residual are checked again at 3 random draws of the parameters with a domain (satisfying the `assume` lines; seeded by `--seed`) |"#,
    ]
    package static let example = ClaimExample(
        file: "derivations/saxe_logistic.phc", claim: #"the sigmoid solves the gradient flow"#,
        original: #"let sigmoid = astar*E/(E - 1 + astar/a0)"#, planted: #"let sigmoid = astar*E/(E + 1 + astar/a0)"#)

    public static func read(_ reader: inout StatementReader) throws(ParseError) -> Self {
        try reader.keyword("ode", "after `solves`")
        return Self()
    }

    public var expressions: [Expr] { [] }

    public func checkNames(of claim: Claim, in scope: NameScope) throws(DerivationError) {
        try scope.checkModelClaim(claim)
        if scope.derivation.solutions.isEmpty {
            throw scope.error("claim \"\(claim.name)\" needs closed-form solutions (`solution x = ...` lines)", at: claim.location)
        }
    }

    package func check(_ check: inout ClaimCheck) throws { try check.checkSolves() }
}

extension ClaimCheck {
    mutating func checkSolves() throws {
        var kinks: [Expr] = []
        while true {
            var attempt = self
            do {
                try attempt.checkSolvesWhereDefined(avoiding: kinks)
                self = attempt
                return
            } catch let undefined as UndefinedValueError {
                // The closed form is finite there but its derivative is not: a kink (abs, min, max) of the
                // closed form at a sampled time. Its residual is checked on either side instead.
                if kinks.count <= options.timeSamples, !kinks.contains(undefined.time), try closedFormIsFinite(at: undefined.time) {
                    kinks.append(undefined.time)
                    continue
                }
                try failIfOnlyTheClosedFormIsUndefined(undefined)
                return
            }
        }
    }

    /// Whether every state's closed form is finite at `time` (at 4 times the starting precision).
    func closedFormIsFinite(at time: Expr) throws -> Bool {
        let along = ClosedFormTrajectory(model: model, closedForm: model.closedForm!)
        let values = try along.values(of: derivation.states.map { Expr.symbol($0.name) }, at: [time], bits: startBits * 4)
        return values[0].allSatisfy { $0.allSatisfy(\.isFinite) }
    }

    /// A closed form that is not finite where the integrated solution is does not solve the ODE there. When
    /// the integration is not finite either, the model itself leaves its domain: the error stands.
    mutating func failIfOnlyTheClosedFormIsUndefined(_ undefined: UndefinedValueError) throws {
        let states = derivation.states
        let integrated: [[BigInterval]]
        do {
            integrated = try integration(of: model)
                .values(of: states.map { Expr.symbol($0.name) }, at: [undefined.time], bits: startBits)[0]
        } catch {
            throw undefined
        }
        guard integrated.allSatisfy({ $0.allSatisfy(\.isFinite) }) else { throw undefined }
        status = .fails
        worst = nil
        worstCase = [("check", "domain"), timeLabel(undefined.time)]
        compared = zip(states, integrated).map { ("integrated " + $0.name, $1.count == 1 ? $1[0].reportText : "[" + $1.map(\.reportText).joined(separator: ", ") + "]") }
        detail = "the closed form leaves its domain at t = \(timeText(undefined.time)) (\(undefined.certain.map { "no real value: \($0.violation)" } ?? (undefined.undefined ? "undefined" : "not finite"))), where the integrated solution is finite; every earlier check held"
    }

    /// - Parameter kinks: sampled times where the closed form's derivative is undefined; the residual is
    ///   checked at a thousandth of the horizon on either side of each instead.
    mutating func checkSolvesWhereDefined(avoiding kinks: [Expr] = []) throws {
        guard let closed = model.closedForm else { throw CheckError("no closed form") }
        let states = derivation.states
        let shapes = states.map(model.shape(of:))
        let label = { (p: Point) in ("component", shapes[p.pair].componentLabel(p.component)) }
        let step = try horizon / 1000
        let times = ([Expr.number(0)] + Sampling.times(horizon: try horizon, count: options.timeSamples)).flatMap { t -> [Expr] in
            guard kinks.contains(t), let q = t.numberValue else { return [t] }
            return (q.sign > 0 ? [Expr.number(q - step)] : []) + [Expr.number(q + step)]
        }
        // A drift without a closed form (`QuadratureFlow`) is no function of the state the residual could evaluate:
        // the claim rests on the initial value and on the integration, which carries the fixed-node rule's bound.
        let drifts = QuadratureFlow.drifts(of: model).map(\.expectation)
        if !drifts.isEmpty {
            let initial = try compare(states.map { (Expr.symbol($0.name), Expr.symbol($0.initialName)) }, at: [Expr.number(0)],
                                      along: ClosedFormTrajectory(model: model, closedForm: closed), floor: .vectorScale)
            record(initial.0, initial.1, count: initial.2) { [("check", "initial value"), ("state", states[$0.pair].name), label($0)] }
            let statePairs = states.map { s in (Expr.symbol(s.name), closed[s.name]!) }
            let (o, p, n) = try compare(statePairs, at: times.filter { $0.numberValue != 0 }, along: integration(of: model), floor: .vectorScale)
            record(o, p, count: n) { [("check", "integrator"), ("state", states[$0.pair].name), label($0), timeLabel($0.time)] }
            let names = drifts.map { "`expect(\($0.integrand), \($0.variable) ~ ...)`" }.joined(separator: ", ")
            detail = "initial value, and Taylor integration at \(times.count - 1) times of the flow whose drift \(names) has no closed form: "
                + "its fixed-node sum, whose certified error bound the integration carries; the symbolic residual is not checked "
                + "(the drift is no expression of the state), nor random draws of the parameters"
            return
        }
        // 1. Initial condition, and 2. the residual d/dt x(t) - F(x(t)), with the derivative taken symbolically.
        let residualPairs = try Self.residualPairs(closed, model)
        for (comparison, label) in try initialAndResidual(residualPairs, at: times, along: model) {
            record(comparison.0, comparison.1, count: comparison.2, label: label)
        }
        // 3. Agreement with the numerical integration.
        let integrated = integration(of: model)
        let statePairs = states.map { s in (Expr.symbol(s.name), closed[s.name]!) }
        let (o3, p3, n3) = try compare(statePairs, at: times.filter { $0.numberValue != 0 }, along: integrated, floor: .vectorScale)
        record(o3, p3, count: n3) { [("check", "integrator"), ("state", states[$0.pair].name), label($0), timeLabel($0.time)] }
        detail = "initial value, symbolic residual at \(times.count) times, and Taylor integration at \(times.count - 1) times"
        if !kinks.isEmpty {
            detail += "; the closed form has a kink at t = " + kinks.map(timeText).joined(separator: ", ")
                + " (its derivative is undefined there), so the residual was checked at \(timeText(.number(step))) on either side"
        }
        guard status == .holds else { return }
        // 4. Initial value and residual at random parameter draws (along the closed form, certified).
        detail += try recheckAtRandomDraws { check, drawn in
            try check.initialAndResidual(residualPairs, at: times, along: drawn, undefinedCapBits: check.startBits * 4)
        }
    }

    /// Where the closed form certainly does not solve `model`'s flow: the first initial value or residual at
    /// `premiseTimes` that certainly disagrees (nil: it may solve it). The one check every use of a closed form under
    /// other values than those `solves ode` checked goes through (a claim's scenario or `--set`, a threshold's
    /// parameter values, a basin's starts, `phasecheck solve`). Such values can leave the closed form's premise (Su,
    /// Boyd and Candes' sin(tau)/tau solves the r = 2 flow, not the r = 3 one), where whatever is taken along it
    /// would fail for the closed form's error, or hold for it. (At t = 0 and half the horizon alone, the residual
    /// (r - 2) sin(pi t) of y' = -y + (r - 2) sin(pi t) with y = e^-t vanished at horizon 2, and a wrong value held.)
    /// Evidence, not proof: a residual vanishing at every one of these times keeps the closed form.
    /// - Parameter compilation: what the checks of models that differ only in their values share (a threshold's, a
    ///   basin's): the residual, its tapes and scales.
    func closedFormMismatch(_ model: Model, sharing compilation: ClosedFormCompilation = ClosedFormCompilation()) -> ClosedFormMismatch? {
        guard let closed = model.closedForm,
              let residualPairs = try? compilation.residualPairs.value({ try Self.residualPairs(closed, model) }),
              let span = try? horizon,
              let comparisons = try? initialAndResidual(residualPairs, at: Self.premiseTimes(horizon: span, samples: options.timeSamples), along: model,
                                                        sharing: compilation),
              let failing = comparisons.first(where: { $0.comparison.0 == .fails }), let point = failing.comparison.1
        else { return nil }
        let scalar = model.shape(of: derivation.states[point.pair]).count == 1
        return ClosedFormMismatch(labels: failing.label(point).filter { $0.0 != "component" || !scalar }, left: point.left, right: point.right)
    }

    /// What a value along a closed form at values other than the file's rests on, for reports: its own evaluation is
    /// certified, but that it solves the flow there is the residual check of `closedFormMismatch`.
    static let closedFormPremise = "its values certified; that it solves the flow at values other than the file's rests on its initial value and residual at the premise times, evidence, not proof"

    /// The two sides of the residual d/dt x(t) - F(x(t)) for each state, the derivative taken symbolically.
    static func residualPairs(_ closed: [String: Expr], _ model: Model) throws -> [(Expr, Expr)] {
        try model.derivation.states.map { s in
            (try closed[s.name]!.derivative(withRespectTo: Derivation.time), try model.odeRightHandSide(of: s.name))
        }
    }

    /// Where a closed form's residual is checked before it is used under changed parameters: t = 0, the sample times,
    /// and two odd fractions of the horizon (7/23 and 17/29), so that a residual periodic in a round fraction of it
    /// (sin(pi t) at the samples 1 and 2 of horizon 2) does not vanish at all of them by coincidence.
    static func premiseTimes(horizon: BigRational, samples: Int) -> [Expr] {
        [Expr.number(0)] + Sampling.times(horizon: horizon, count: samples)
            + [BigRational(7, 23), BigRational(17, 29)].map { Expr.number(horizon * $0) }
    }

    /// The comparisons of the initial value and of the residual along the closed form of `model`, labelled.
    /// `undefinedCapBits`: the precision at which a value still not finite is taken as undefined.
    func initialAndResidual(_ residualPairs: [(Expr, Expr)], at times: [Expr], along model: Model,
                            undefinedCapBits: Int? = nil, sharing compilation: ClosedFormCompilation? = nil) throws -> [LabelledComparison] {
        let along = ClosedFormTrajectory(model: model, closedForm: model.closedForm!, sharing: compilation)
        let states = derivation.states
        let shapes = states.map(model.shape(of:))
        let component = { (p: Point) in ("component", shapes[p.pair].componentLabel(p.component)) }
        let initialPairs = states.map { (Expr.symbol($0.name), Expr.symbol($0.initialName)) }
        let initial = try compare(initialPairs, at: [Expr.number(0)], along: along, floor: .vectorScale, undefinedCapBits: undefinedCapBits)
        let residual = try compare(residualPairs, at: times, along: along, floor: .vectorScale, undefinedCapBits: undefinedCapBits)
        return [(initial, { [("check", "initial value"), ("state", states[$0.pair].name), component($0)] }),
                (residual, { [("check", "residual"), ("state", states[$0.pair].name), component($0), timeLabel($0.time)] })]
    }
}

/// A closed form that certainly does not solve a model's flow (`ClaimCheck.closedFormMismatch`): where its initial
/// value or its residual certainly disagrees, and the two sides there.
struct ClosedFormMismatch: CustomStringConvertible, Sendable {
    /// `check` (initial value or residual), `state`, and for the residual `t` (and a vector's `component`).
    let labels: [(String, String)]
    /// The closed form's side (its value at t = 0, or its time derivative) and the flow's (the initial value, or
    /// the ode's right-hand side on the closed form).
    let left: BigInterval
    let right: BigInterval

    /// The check of `model`'s closed form outside a claim (a `phasecheck solve`, a parameter sweep's signs), at
    /// `digits` and within `budget`: the same as a claim's, for a `solves ode` claim on that model.
    static func of(_ model: Model, digits: Int, budget: ComputeBudget, samples: Int = VerifyOptions().timeSamples,
                   sharing compilation: ClosedFormCompilation = ClosedFormCompilation()) -> ClosedFormMismatch? {
        guard model.closedForm != nil else { return nil }
        var options = VerifyOptions()
        options.digits = digits
        options.budget = budget
        options.timeSamples = samples
        let claim = Claim(name: "the closed form solves the flow", statement: SolvesODEClaim(), scenario: nil,
                          location: SourceLocation(line: 1, column: 1), symbolLocations: [:])
        let noWidthLimit = Result<WidthLimitModel, DerivationError>.failure(
            DerivationError(file: model.derivation.file, location: claim.location, message: "no width limit"))
        return ClaimCheck(claim: claim, options: options, model: model, widthLimitModel: noWidthLimit).closedFormMismatch(model, sharing: compilation)
    }

    private func label(_ name: String) -> String? { labels.first { $0.0 == name }?.1 }

    /// Where and how it disagrees, as reports say it.
    var description: String {
        let state = (label("state") ?? "?") + (label("component").map { " (component \($0))" } ?? "")
        if label("check") == "initial value" {
            return "its value of \(state) at t = 0 is \(left.reportText), not the initial value \(right.reportText)"
        }
        let residual = left - right
        return "its residual d/dt \(state) - F at t = \(label("t") ?? "?") is \(residual.reportText) "
            + "(d/dt \(state) = \(left.reportText) along it, F = \(right.reportText))"
    }
}
