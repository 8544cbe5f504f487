import PhasecheckDynamics
import PhasecheckFormat
import PhasecheckExpressions
import PhasecheckNumbers

/// The model as a fixed-point problem: its flow (the `ode` lines or the gradient flow), or, for a file that
/// iterates (`map` lines or `descent steps`), its map; over its scalar states, with the parameters, the
/// width and the initial values as the problem's parameters.
public struct FixedPointSetting: Sendable {
    public let model: Model
    public let problem: FixedPointProblem
    /// The problem's parameters, in order (the names of `Model.systemParameters`).
    let parameterNames: [String]

    public init(model: Model) throws {
        let derivation = model.derivation
        guard !derivation.states.isEmpty else {
            throw CheckError("the file has no `state`: fixed points are states where the flow (or map) stands still")
        }
        if let vector = derivation.states.first(where: { !$0.dimensions.isEmpty }) {
            throw CheckError("fixed points need scalar states; `\(vector.name)` is a vector (write its components as scalar states)")
        }
        let dynamics: FixedPointProblem.Dynamics = derivation.training.iterates ? .map : .flow
        let states = derivation.states.map(\.name)
        let functions = try states.map { dynamics == .flow ? try model.odeRightHandSide(of: $0) : try model.iterationUpdate(of: $0) }
        if functions.contains(where: { $0.freeSymbols.contains(Derivation.time) }) {
            throw CheckError("the \(dynamics == .flow ? "right-hand side" : "map") uses t; fixed points need autonomous dynamics")
        }
        parameterNames = model.systemParameters.map(\.name)
        do {
            problem = try FixedPointProblem(dynamics: dynamics, states: states, functions: functions, parameters: parameterNames)
        } catch let error as ODESystemError {
            throw CheckError(error.message)
        }
        self.model = model
    }

    public var stateNames: [String] { problem.zeros.unknowns }

    /// The right-hand sides F (a map's updates) with the states replaced by the point's coordinates.
    func functions(at point: [Expr]) -> [Expr] {
        let replacements = Dictionary(uniqueKeysWithValues: zip(stateNames, point))
        let equations = problem.zeros.equations
        return problem.dynamics == .flow ? equations.map { $0.substituting(replacements) }
            : zip(equations, stateNames).map { ($0 + Expr.symbol($1)).substituting(replacements) }
    }

    /// An evaluator of the fixed-point equations at `bits` with this model's parameter values.
    public func evaluator(bits: Int) throws -> ZeroProblem.Evaluator {
        let inputs = try ModelInputs(model: model, context: IntervalContext(precision: bits))
        let named = inputs.named
        return problem.zeros.evaluator(parameterValues: parameterNames.map { named[$0]![0] }, precision: bits)
    }

    /// Enclosures of constant expressions (in the parameters) at `bits`.
    func constants(_ exprs: [Expr], bits: Int) throws -> [BigInterval] {
        try ModelInputs(model: model, context: IntervalContext(precision: bits)).constants(exprs)
    }

    /// The Jacobian of the dynamics over a box and its classification.
    public func classify(over box: Box, evaluator: inout ZeroProblem.Evaluator) -> (jacobian: [[BigInterval]], classification: LinearStability) {
        let jacobian = problem.dynamicsJacobian(evaluator.evaluate(box).jacobian, context: evaluator.context)
        return (jacobian, problem.classify(jacobian: jacobian, context: evaluator.context))
    }
}
