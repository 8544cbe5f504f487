import PhasecheckDynamics
import PhasecheckFormat
import PhasecheckExpressions
import PhasecheckNumbers

/// The model as a fixed-point problem: its flow (the `ode` lines or the gradient flow), or, for a file that
/// iterates (`map` lines or `descent steps`), its map; over the scalar unknowns of its states (a scalar state
/// is one; a vector or matrix state contributes its entries, named as the language indexes them, `w[2]` and
/// `W[1, 2]`, row-major), with the scalar parameters, the width and the initial values as the problem's
/// parameters. A noisy map is random, so a file with noise and a flow (its mean field, as the spring-block
/// chain's) has the flow's fixed points, unless the claim reads the map `without noise` or `averaged over noise`
/// (`NoisyMapReading`).
public struct FixedPointSetting: Sendable {
    public let model: Model
    public let problem: FixedPointProblem
    /// The problem's parameters, in order (the scalar ones of `Model.systemParameters`).
    let parameterNames: [String]
    /// Each vector or matrix state as a literal of its entries' symbols (the unknowns).
    let entrySymbols: [String: Expr]

    /// - Parameters:
    ///   - stepScale: multiplies gradient descent's rates (as in `Model.iterationUpdate`).
    ///   - noise: how a map that draws noise is read (nil: as `Model.iterationUpdate` reads it).
    ///   - states: the states that are the unknowns (nil: every state), a set closed under the dynamics' dependencies
    ///     (`IteratedTrajectory.statesRead`), so that a state outside it, which may draw noise, is not needed.
    public init(model: Model, stepScale: BigRational = 1, noise: NoisyMapReading? = nil, states subset: Set<String>? = nil) throws {
        let derivation = model.derivation
        guard !derivation.states.isEmpty else {
            throw CheckError("the file has no `state`: fixed points are states where the flow (or map) stands still")
        }
        let dynamics: FixedPointProblem.Dynamics = model.fixedPointsFollowTheMap(reading: noise) ? .map : .flow
        if dynamics == .flow, let drift = QuadratureFlow.drifts(of: model).first {
            throw CheckError("the flow's drift `expect(\(drift.expectation.integrand), \(drift.expectation.variable) ~ ...)` has no closed form; it is "
                             + "taken by a fixed-node rule along trajectories only, so fixed points and their stability are not decided for this flow")
        }
        // Each state as its entries: the symbols the unknowns are, and how to take each entry of its update.
        var entrySymbols: [String: Expr] = [:]
        var unknowns: [String] = []
        var shapes: [(state: String, shape: Shape)] = []
        for state in derivation.states where subset?.contains(state.name) ?? true {
            let shape = model.shape(of: state)
            let names = Derivation.entryNames(of: state.name, shape: shape)
            unknowns += names
            shapes.append((state.name, shape))
            switch shape {
            case .scalar: break
            case .vector: entrySymbols[state.name] = .vector(names.map(Expr.symbol))
            case .matrix(let m, let n):
                entrySymbols[state.name] = .vector((0..<m).map { i in .vector(names[(i * n)..<((i + 1) * n)].map(Expr.symbol)) })
            }
        }
        let functions = try shapes.flatMap { state, shape in
            if dynamics == .map, let noise, let entries = try model.deterministicUpdate(of: state, reading: noise, entrySymbols: entrySymbols) {
                return entries
            }
            let update: Expr
            do {
                update = dynamics == .flow ? try model.odeRightHandSide(of: state) : try model.iterationUpdate(of: state, stepScale: stepScale)
            } catch let error as CheckError where dynamics == .map && !derivation.training.noise.isEmpty {
                throw CheckError(error.description + "; for a fixed point, say which deterministic map it is of: add `without noise` (every noise "
                                 + "variable at its mean) or `averaged over noise` (the mean map over one step's noise) after the point")
            }
            return Self.entries(of: update.substituting(entrySymbols), shape: shape)
        }
        if functions.contains(where: { $0.freeSymbols.contains(Derivation.time) }) {
            throw CheckError("the \(dynamics == .flow ? "right-hand side" : "map") uses t; fixed points need autonomous dynamics")
        }
        parameterNames = model.systemParameters.filter { $0.shape == .scalar }.map(\.name)
        let vectorParameters = Set(model.systemParameters.filter { $0.shape != .scalar }.map(\.name))
        if let used = functions.lazy.flatMap(\.freeSymbols).first(where: vectorParameters.contains) {
            throw CheckError("the \(dynamics == .flow ? "right-hand side" : "map") uses the vector `\(used)`; fixed points take scalar parameters")
        }
        do {
            problem = try FixedPointProblem(dynamics: dynamics, states: unknowns, functions: functions, parameters: parameterNames)
        } catch let error as ODESystemError {
            throw CheckError(error.message)
        }
        self.model = model
        self.entrySymbols = entrySymbols
    }

    private init(model: Model, problem: FixedPointProblem, parameterNames: [String], entrySymbols: [String: Expr]) {
        self.model = model
        self.problem = problem
        self.parameterNames = parameterNames
        self.entrySymbols = entrySymbols
    }

    /// The same problem at the parameter values of `model`, a model of the same file and sizes (only values
    /// differ): what follows a fixed point across a parameter compiles the equations once.
    func reparameterized(_ model: Model) -> FixedPointSetting {
        FixedPointSetting(model: model, problem: problem, parameterNames: parameterNames, entrySymbols: entrySymbols)
    }

    /// The entries of an expression of this shape, row-major.
    static func entries(of e: Expr, shape: Shape) -> [Expr] {
        switch shape {
        case .scalar: return [e]
        case .vector(let n): return (1...n).map { Expr.index(e, $0) }
        case .matrix(let m, let n): return (1...m).flatMap { i in (1...n).map { j in Expr.index(e, i, j) } }
        }
    }

    /// The entries of a quantity of the model (expanded) in the unknowns, the state entries.
    func entries(of e: Expr, shape: Shape) -> [Expr] { Self.entries(of: e.substituting(entrySymbols), shape: shape) }

    public var stateNames: [String] { problem.zeros.unknowns }

    /// The point's coordinates at this model's sizes (`FixedPointLocation.coordinates(stateShapes:)`).
    func coordinates(of location: FixedPointLocation) -> [Expr] {
        location.coordinates(stateShapes: model.derivation.states.map(model.shape(of:)))
    }

    /// A point must give one coordinate per scalar unknown (a vector state's entries in order).
    func checkCoordinates(of location: FixedPointLocation) throws {
        let count = coordinates(of: location).count
        guard count == stateNames.count else {
            throw CheckError("the point \(location.name) has \(count) coordinate\(count == 1 ? "" : "s"); expected one per state entry (\(stateNames.joined(separator: ", ")), in that order)")
        }
    }

    /// The right-hand sides F (a map's updates) with the states replaced by the point's coordinates.
    func functions(at point: [Expr]) -> [Expr] {
        let replacements = Dictionary(uniqueKeysWithValues: zip(stateNames, point))
        let equations = problem.zeros.equations
        return problem.dynamics == .flow ? equations.map { $0.substituting(replacements) }
            : zip(equations, stateNames).map { ($0 + Expr.symbol($1)).substituting(replacements) }
    }

    /// An evaluator of the fixed-point equations at `bits` with this model's parameter values.
    public func evaluator(bits: Int) throws -> ZeroProblem.Evaluator {
        problem.zeros.evaluator(parameterValues: try parameterValues(bits: bits), precision: bits)
    }

    /// The model's values of the problem's parameters, in order.
    func parameterValues(bits: Int) throws -> [BigInterval] {
        let named = try ModelInputs(model: model, context: IntervalContext(precision: bits)).values(named: parameterNames)
        return parameterNames.map { named[$0]![0] }
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

/// Which deterministic map a fixed-point claim reads from a map that draws noise.
public enum NoisyMapReading: Sendable, Equatable {
    /// `without noise`: every noise variable at its mean, whatever its standard deviation (the noise-free skeleton).
    case off
    /// `averaged over noise`: the mean map x -> E M(x, xi) over one step's noise, in closed form (`Expectation`):
    /// for additive noise the skeleton again; for the spring-block update x + eta E move(F + xi), the mean field's map.
    case averaged
}

extension Derivation {
    /// The names of a state's scalar entries as fixed-point coordinates, as the language indexes them: `x` for
    /// a scalar, `x[1]`, ..., `x[n]` for a vector, `W[1, 1]`, `W[1, 2]`, ... (row-major) for a matrix.
    static func entryNames(of state: String, shape: Shape) -> [String] {
        switch shape {
        case .scalar: return [state]
        case .vector(let n): return (1...n).map { "\(state)[\($0)]" }
        case .matrix(let m, let n): return (1...m).flatMap { i in (1...n).map { j in "\(state)[\(i), \(j)]" } }
        }
    }

    /// The scalar coordinates of the states at these sizes, in declaration order (a fixed point lists one
    /// value for each).
    func stateCoordinates(sizes: [String: Int]) -> [String] {
        states.flatMap { Self.entryNames(of: $0.name, shape: Model.shape(of: $0, sizes: sizes)) }
    }

    /// The sizes the file declares (its `dim` lines and width), before any scenario.
    var declaredSizes: [String: Int] {
        var sizes = Dictionary(uniqueKeysWithValues: dims.map { ($0.name, $0.value) })
        if let w = width { sizes[w.name] = w.value }
        return sizes
    }
}

extension Model {
    /// Whether the model's fixed points are its map's rather than its flow's (`Derivation.fixedPointsFollowTheMap`); a map
    /// read `without noise` or `averaged over noise` (`reading`) is the map's in any file that iterates.
    func fixedPointsFollowTheMap(reading: NoisyMapReading? = nil) -> Bool {
        reading == nil ? derivation.fixedPointsFollowTheMap : derivation.training.iterates
    }
}

extension Derivation {
    /// Whether the model has an ODE for every state (an `ode` line, or the gradient flow of a trained one).
    public var hasFlow: Bool { states.allSatisfy { odes[$0.name] != nil || training.rate(of: $0.name) != nil } }

    /// Whether the model's fixed points (and the limit of `converges to x = P, ...`) are its map's rather than its flow's:
    /// the file iterates (`map` lines or `descent steps`), unless the map draws noise and the file has a flow, its mean
    /// field (as the spring-block chain's).
    public var fixedPointsFollowTheMap: Bool { training.iterates && !(!training.noise.isEmpty && hasFlow) }
}
