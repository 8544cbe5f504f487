import PhasecheckExpressions
import PhasecheckFormat
import PhasecheckNumbers

/// `solves ode`: the closed form satisfies the initial condition and the ODE, and agrees with the
/// numerical integration.
public struct SolvesODEClaim: ClaimKind {
    public static let keyword = "solves"
    package static let grammar = #""solves" "ode""#
    package static let documentation = [
        #"| `solves ode` | the closed form at t = 0 equals the initial values; its symbolic time derivative equals the right-hand side evaluated on it (the residual) at t = 0 and `horizon * k/6`, k = 1..6; and it agrees with the Taylor integration of the ODE at those times |"#,
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
        do {
            try checkSolvesWhereDefined()
        } catch let undefined as UndefinedValueError {
            try failIfOnlyTheClosedFormIsUndefined(undefined)
        }
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

    mutating func checkSolvesWhereDefined() throws {
        guard let closed = model.closedForm else { throw CheckError("no closed form") }
        let along = ClosedFormTrajectory(model: model, closedForm: closed)
        let states = derivation.states
        // 1. Initial condition.
        let initialPairs = states.map { (Expr.symbol($0.name), Expr.symbol($0.initialName)) }
        let (o1, p1, n1) = try compare(initialPairs, at: [Expr.number(0)], along: along, floor: .vectorScale)
        let shapes = states.map(model.shape(of:))
        let label = { (p: Point) in ("component", shapes[p.pair].componentLabel(p.component)) }
        record(o1, p1, count: n1) { [("check", "initial value"), ("state", states[$0.pair].name), label($0)] }
        // 2. Residual d/dt x(t) - F(x(t)), with the derivative taken symbolically.
        let residualPairs = try states.map { s in
            (try closed[s.name]!.derivative(withRespectTo: Derivation.time), try model.odeRightHandSide(of: s.name))
        }
        let times = [Expr.number(0)] + Sampling.times(horizon: try horizon, count: options.timeSamples)
        let (o2, p2, n2) = try compare(residualPairs, at: times, along: along, floor: .vectorScale)
        record(o2, p2, count: n2) { [("check", "residual"), ("state", states[$0.pair].name), label($0), timeLabel($0.time)] }
        // 3. Agreement with the numerical integration.
        let integrated = integration(of: model)
        let statePairs = states.map { s in (Expr.symbol(s.name), closed[s.name]!) }
        let (o3, p3, n3) = try compare(statePairs, at: times.dropFirst().map { $0 }, along: integrated, floor: .vectorScale)
        record(o3, p3, count: n3) { [("check", "integrator"), ("state", states[$0.pair].name), label($0), timeLabel($0.time)] }
        detail = "initial value, symbolic residual at \(times.count) times, and Taylor integration at \(times.count - 1) times"
    }
}
