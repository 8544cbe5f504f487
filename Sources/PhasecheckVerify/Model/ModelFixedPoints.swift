import PhasecheckDynamics
import PhasecheckFormat
import PhasecheckExpressions
import PhasecheckNumbers

/// The model as a fixed-point problem: its flow (the `ode` lines or the gradient flow), or, for a file that
/// iterates (`map` lines or `descent steps`), its map; over the scalar coordinates of its states (a vector
/// state's components), with the parameters, the width and the scalar initial values as the problem's
/// parameters. A noisy map is random, so a file with noise and a flow (its mean field, as the spring-block
/// chain's) has the flow's fixed points.
public struct FixedPointSetting: Sendable {
    public let model: Model
    public let problem: FixedPointProblem
    /// The problem's parameters, in order (the names of `Model.systemParameters`).
    let parameterNames: [String]

    public init(model: Model) throws {
        let derivation = model.derivation
        if let matrix = derivation.states.first(where: { $0.dimensions.count > 1 }) {
            throw CheckError("fixed points need scalar or vector states; `\(matrix.name)` is a matrix")
        }
        let noisyMapWithMeanField = !derivation.training.noise.isEmpty && model.hasFlow
        let dynamics: FixedPointProblem.Dynamics = derivation.training.iterates && !noisyMapWithMeanField ? .map : .flow
        var functions: [Expr] = []
        var coordinates: [String: Expr] = [:]
        for state in derivation.states {
            let f = dynamics == .flow ? try model.odeRightHandSide(of: state.name) : try model.iterationUpdate(of: state.name)
            guard case .vector(let n) = model.shape(of: state) else { functions.append(f); continue }
            let names = Derivation.componentNames(of: state.name, length: n)
            coordinates[state.name] = .vector(names.map(Expr.symbol))
            functions += (1...n).map { Expr.make(.index, [f, .number($0)]) }
        }
        functions = functions.map { $0.substituting(coordinates) }
        if functions.contains(where: { $0.freeSymbols.contains(Derivation.time) }) {
            throw CheckError("the \(dynamics == .flow ? "right-hand side" : "map") uses t; fixed points need autonomous dynamics")
        }
        // A vector initial value is not a scalar parameter of the problem (and the dynamics rarely use it).
        parameterNames = model.systemParameters.filter { $0.shape == .scalar }.map(\.name)
        do {
            problem = try FixedPointProblem(dynamics: dynamics, states: derivation.stateCoordinates(sizes: model.sizes), functions: functions,
                                            parameters: parameterNames)
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

extension Derivation {
    /// The names of a vector state's components as fixed-point coordinates: `x[1]`, ..., `x[n]`.
    static func componentNames(of state: String, length: Int) -> [String] { (1...length).map { "\(state)[\($0)]" } }

    /// The scalar coordinates of the states at these sizes, in declaration order: a scalar state's name, a
    /// vector state's components (a fixed point lists one value for each).
    func stateCoordinates(sizes: [String: Int]) -> [String] {
        states.flatMap { state -> [String] in
            guard case .vector(let n) = Model.shape(of: state, sizes: sizes) else { return [state.name] }
            return Self.componentNames(of: state.name, length: n)
        }
    }

    /// The sizes the file declares (its `dim` lines and width), before any scenario.
    var declaredSizes: [String: Int] {
        var sizes = Dictionary(uniqueKeysWithValues: dims.map { ($0.name, $0.value) })
        if let w = width { sizes[w.name] = w.value }
        return sizes
    }
}
