import PhasecheckDynamics
import PhasecheckFormat
import PhasecheckExpressions
import PhasecheckNumbers

/// The model's continuous and discrete dynamics, with the gradient-flow and gradient-descent right-hand
/// sides derived from the loss where the file does not write them out.
extension Model {
    /// The inputs a compiled flow or map takes: the parameters, the width, the expectations without a closed form
    /// (constants) that its `ode`, `map`, loss or rate lines read, and each state's initial value.
    var systemParameters: [ODESystem.Variable] {
        var parameters = derivation.parameters.map { ODESystem.Variable($0.name) }
        if let w = derivation.width { parameters.append(ODESystem.Variable(w.name)) }
        parameters += smoothExpectationsOfTheDynamics.map { ODESystem.Variable($0) }
        return parameters + derivation.states.map { ODESystem.Variable($0.initialName, shape: shape(of: $0)) }
    }

    /// The symbols of the smooth expectations that the `ode`, `map`, loss and rate lines read (through their `let`s too):
    /// only those are enclosed for a flow or a map. A drift (`QuadratureFlow`) is no constant: not among them.
    private var smoothExpectationsOfTheDynamics: [String] {
        guard !derivation.smoothExpectations.isEmpty else { return [] }
        let lines = derivation.odes.values.map(\.expr) + derivation.training.maps.values.map(\.expr)
            + (derivation.training.loss.map { [$0.expr] } ?? []) + derivation.training.rates.map(\.rate)
        let read = Set(lines.flatMap { expand($0).freeSymbols }).subtracting(QuadratureFlow.drifts(of: self).map(\.symbol))
        return derivation.smoothExpectations.map(\.symbol).filter(read.contains)
    }

    /// The states of a compiled flow or map, with their lengths.
    var stateVariables: [ODESystem.Variable] {
        derivation.states.map { ODESystem.Variable($0.name, shape: shape(of: $0)) }
    }

    /// The model's ODE as a system for the integrators.
    func odeSystem() throws -> ODESystem {
        try ODESystem(state: stateVariables,
                      rightHandSides: try derivation.states.map { try odeRightHandSide(of: $0.name) },
                      parameters: systemParameters, timeSymbol: Derivation.time)
    }

    /// The values of `systemParameters` among the evaluated inputs.
    func systemParameterValues<Context>(_ inputs: ModelInputs<Context>) -> [String: [Context.Value]] {
        let names = systemParameters.map(\.name)
        let named = inputs.values(named: names)
        return Dictionary(uniqueKeysWithValues: names.map { ($0, named[$0]!) })
    }


    /// -grad_x L for a trained state x (expanded), or nil when x is not trained.
    func negativeGradient(of state: String) throws(DerivationError) -> Expr? {
        guard let loss = derivation.training.loss, derivation.training.rate(of: state) != nil else { return nil }
        do {
            let shapes = Dictionary(inputShapes.filter { $0.shape != .scalar }.map { ($0.name, $0.shape) }, uniquingKeysWith: { a, _ in a })
            return -(try expand(loss.expr).gradient(withRespectTo: state, shapes: shapes))
        } catch {
            throw DerivationError(file: derivation.file, location: loss.location, message: error.message)
        }
    }

    /// The gradient flow on the loss for a trained state: -eta_x grad_x L (expanded).
    func gradientFlow(of state: String) throws(DerivationError) -> Expr? {
        guard let rate = derivation.training.rate(of: state), let descent = try negativeGradient(of: state) else { return nil }
        return expand(rate) * descent
    }

    /// The right-hand side of the state's ODE: the file's `ode` line, else the gradient flow on the loss.
    func odeRightHandSide(of state: String) throws -> Expr {
        if let ode = derivation.odes[state] { return expand(ode.expr) }
        guard let flow = try gradientFlow(of: state) else {
            guard derivation.training.maps[state] != nil else { throw CheckError("state `\(state)` has no ODE (no `ode` line and not trained)") }
            throw CheckError("state `\(state)` has no ODE: it is iterated by its `map` line, so a claim along the time t does not apply to it. "
                             + "Claims about map states "
                             + "are `identity` and `invariant` (compared along the iteration), `value E at step n`, `stationary`, `eigenvalues of jacobian at P`, `stable at P`, `threshold P where E at step n changes sign`, "
                             + "`converges`, `diverges`, and `mean of E at step n over N paths` for a map that draws noise")
        }
        return flow
    }

    /// Whether the model has an ODE for every state (hand-written or derived).
    var hasFlow: Bool { derivation.hasFlow }

    /// The next value of a state in one iteration: the file's `map` line (with its noise switched off,
    /// `withoutNoise`), else a gradient-descent step x - h eta_x grad_x L, with the learning rate scaled by
    /// `stepScale` (h; claims about the order of agreement with the flow halve it).
    func iterationUpdate(of state: String, stepScale: BigRational = 1) throws -> Expr {
        if let map = derivation.training.maps[state] { return try withoutNoise(expand(map.expr)) }
        guard let flow = try gradientFlow(of: state) else {
            throw CheckError("state `\(state)` has no map and is not trained, so it cannot be iterated")
        }
        let step = stepScale == 1 ? flow : Expr.number(stepScale) * flow
        return Expr.symbol(state) + step
    }
}
