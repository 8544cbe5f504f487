import PhasecheckFormat
import PhasecheckExpressions
import PhasecheckNumbers

/// Reads a derivation file: its syntax and names (`DerivationSyntax`), then what needs the evaluation
/// layer, so that every mistake in a file is reported at its line before any claim is checked.
public enum DerivationParser {
    public static func parse(_ text: String, file: String) throws(DerivationError) -> Derivation {
        try check(text, file: file).derivation
    }

    /// The derivation with the models its checks built, for commands that go on to use them.
    /// - Parameter estimatingMemory: false skips the estimate of the memory each model's checks need (see
    ///   `Model.init`), for a command that only reads the width-limit section; the models it returns are then
    ///   built again, with the estimate, when asked for (`CheckedDerivation.model`).
    public static func check(_ text: String, file: String, estimatingMemory: Bool = true) throws(DerivationError) -> CheckedDerivation {
        try ModelValidator(derivation: DerivationSyntax.parse(text, file: file, claimKinds: ClaimKinds.all), estimatingMemory: estimatingMemory).validate()
    }
}

/// A derivation that passed every check of `DerivationParser`, with the models those checks built (the
/// file's own values and each scenario's, and the width-limit model), so that a command reuses them
/// instead of building them again.
public struct CheckedDerivation: Sendable {
    public let derivation: Derivation
    /// Keyed by scenario (nil: the file's own values), without `--set` overrides.
    let models: [String?: Model]
    public let widthLimitModel: WidthLimitModel
    /// Whether `models` passed the memory estimate (`DerivationParser.check`).
    let memoryEstimated: Bool
    /// What in the file is likely a mistake but leaves every claim checkable (`ModelValidator.warnings`), in file order,
    /// shown with the severity `warning` (`DerivationError.line(severity:)`, `rendered(source:severity:)`).
    public let warnings: [DerivationError]

    /// The model of `scenario` with `overrides` applied: the checked one when nothing is overridden and its
    /// memory was estimated (else built again, so that a size beyond the machine is still refused).
    public func model(scenario: String? = nil, overrides: [(name: String, value: Expr)] = []) throws(DerivationError) -> Model {
        if overrides.isEmpty, memoryEstimated, let model = models[scenario] { return model }
        return try Model(derivation, scenario: scenario, overrides: overrides)
    }
}

/// The checks that need the model: the width-limit section's definitions (cycles, piecewise-linear
/// exponents) and the shapes of every expression.
struct ModelValidator {
    let derivation: Derivation
    /// See `DerivationParser.check`.
    var estimatingMemory = true

    func error(_ message: String, at location: SourceLocation) -> DerivationError {
        DerivationError(file: derivation.file, location: location, message: message)
    }

    func validate() throws(DerivationError) -> CheckedDerivation {
        let widthLimitModel = try WidthLimitModel(derivation)
        try checkLimitQuantities(widthLimitModel)
        let models = try checkShapes()
        return CheckedDerivation(derivation: derivation, models: models, widthLimitModel: widthLimitModel,
                                 memoryEstimated: estimatingMemory, warnings: warnings(models: models))
    }

    /// A `limit` claim's quantity is a scalar that unrolls (its matrices of fixed size).
    func checkLimitQuantities(_ widthModel: WidthLimitModel) throws(DerivationError) {
        for claim in derivation.claims {
            guard let limit = claim.statement as? LimitClaim else { continue }
            do { _ = try widthModel.scalarQuantity(limit.quantity) } catch {
                let node = (error as? CompileError)?.node
                let at = node.flatMap { claim.nodeLocations[ObjectIdentifier($0)] ?? $0.freeSymbols.compactMap { claim.symbolLocations[$0] }.min() }
                throw self.error("\(error) in claim \"\(claim.name)\"", at: at ?? claim.location)
            }
        }
    }

    /// Infers the shape of every expression from the declared ones, so that shape mistakes and non-scalar
    /// claims are reported at their line (at the first name of the part that does not fit, in the words of
    /// that line) before any checking starts. `let` quantities are inferred expanded, with one
    /// `ShapeChecker`: expanded `let`s share their subexpressions, which are then checked once (a chain of
    /// n lets is checked in O(n)); every other statement is inferred as written, its `let`s as inputs.
    /// Returns the models it built: the file's own values' and each scenario's.
    func checkShapes() throws(DerivationError) -> [String?: Model] {
        let model = try Model(derivation, estimatingMemory: estimatingMemory)
        var models: [String?: Model] = [nil: model]
        // Noise variables are inputs of the maps (and of the lets they use) only; the names check kept them out of the rest.
        let inputs = model.inputShapes + model.noiseVariables.map { ($0.name, $0.shape) }
        var expandedChecker = ShapeChecker(inputs: inputs)
        var checker = ShapeChecker(inputs: inputs)
        func infer(_ e: Expr, at location: SourceLocation, symbols: [String: SourceLocation] = [:],
                   nodes: [ObjectIdentifier: SourceLocation] = [:], scalar: Bool,
                   expanded: Bool = false, _ context: String) throws(DerivationError) -> Shape {
            do {
                let shape = expanded ? try expandedChecker.shape(of: model.expand(e)) : try checker.shape(of: model.resolvingSizes(e))
                if scalar && shape.count != 1 {
                    throw error("\(context) must be a scalar, but it is \(shape.isMatrix ? shape.phrase : "a \(shape)")", at: location)
                }
                return shape
            } catch let e as CompileError {
                // Point at the node that does not fit where the statement writes it, else at its first name.
                let at = e.node.flatMap { nodes[ObjectIdentifier($0)] ?? $0.freeSymbols.compactMap { symbols[$0] }.min() } ?? location
                throw error("\(e.message) in \(context)", at: at)
            } catch let e as DerivationError {
                throw e
            } catch {
                throw self.error("\(error) in \(context)", at: location)
            }
        }
        /// A value of `shape` where one of `expected` is due; a single component broadcasts.
        func checkMatch(_ shape: Shape, _ expected: Shape, _ what: String, _ name: String, at location: SourceLocation) throws(DerivationError) {
            guard shape != expected && shape.count != 1 else { return }
            if !shape.isMatrix && !expected.isMatrix {
                throw error("\(what) has length \(shape.count), but `\(name)` has length \(expected.count)", at: location)
            }
            throw error("\(what) is \(shape.phrase), but `\(name)` is \(expected.phrase)", at: location)
        }
        let d = derivation
        var errors: [DerivationError] = []
        func collect(_ check: () throws(DerivationError) -> Void) {
            do { try check() } catch { errors.append(contentsOf: error.all) }
        }
        for p in d.parameters {
            collect { () throws(DerivationError) in _ = try infer(p.value, at: p.location, scalar: true, expanded: true, "the value of `\(p.name)`") }
        }
        for scenario in d.scenarios.values.sorted(by: { $0.location < $1.location }) {
            collect { () throws(DerivationError) in models[scenario.name] = try Model(d, scenario: scenario.name, estimatingMemory: estimatingMemory) }
        }
        if let horizon = d.horizon {
            collect { () throws(DerivationError) in
                _ = try infer(horizon.value, at: horizon.location, scalar: true, expanded: true, "the horizon")
                try checkPositive(horizon.value, model: model, at: horizon.location)
            }
        }
        if let error = DerivationError(collecting: errors) { throw error }
        let letInitialValues = d.letInitialValueNames
        for l in d.shapedParameters + d.lets {
            let shape = try infer(l.expr, at: l.location, symbols: l.symbolLocations, nodes: l.nodeLocations, scalar: false, expanded: true, "the definition of `\(l.name)`")
            if let declared = model.declaredShape(of: l), declared != shape {
                throw error("`\(l.name)` is declared \(declared.isMatrix ? declared.phrase : "a \(declared)"), but its definition is \(shape.isMatrix ? shape.phrase : "a \(shape)")", at: l.location)
            }
            checker.declare(l.name, shape)
            if letInitialValues.contains(l.name + "0") { checker.declare(l.name + "0", shape) }
        }
        let stateSymbols = Set(d.states.map(\.name))
        for s in d.states {
            let expected = model.shape(of: s)
            if let ode = d.odes[s.name] {
                let shape = try infer(ode.expr, at: ode.location, symbols: ode.symbolLocations, nodes: ode.nodeLocations, scalar: false, "the ODE of `\(s.name)`")
                try checkMatch(shape, expected, "the ODE of `\(s.name)`", s.name, at: ode.location)
            }
            if let solution = d.solutions[s.name] {
                let shape = try infer(solution.expr, at: solution.location, symbols: solution.symbolLocations, nodes: solution.nodeLocations, scalar: false, "the solution of `\(s.name)`")
                try checkMatch(shape, expected, "the solution of `\(s.name)`", s.name, at: solution.location)
                if let bad = model.expand(solution.expr).freeSymbols.intersection(stateSymbols).sorted().first {
                    throw error("the solution of `\(s.name)` depends on the state `\(bad)`; expected t, parameters and initial values (`\(bad)0`)",
                                at: solution.symbolLocations[bad] ?? solution.location)
                }
            }
        }
        if let loss = d.training.loss { _ = try infer(loss.expr, at: loss.location, symbols: loss.symbolLocations, nodes: loss.nodeLocations, scalar: true, "the loss") }
        for noise in d.training.noise {
            for parameter in noise.law.parameters {
                _ = try infer(parameter, at: noise.location, scalar: true, "the law of noise `\(noise.name)`")
            }
        }
        try checkNoiseLaws(models: models)
        for s in d.states {
            let expected = model.shape(of: s)
            if d.odes[s.name] == nil, let flow = try model.gradientFlow(of: s.name) {
                _ = try infer(flow, at: d.training.ratesLocation!, scalar: false, expanded: true, "the gradient flow of `\(s.name)`")
            }
            if let map = d.training.maps[s.name] {
                let shape = try infer(map.expr, at: map.location, symbols: map.symbolLocations, nodes: map.nodeLocations, scalar: false, "the map of `\(s.name)`")
                try checkMatch(shape, expected, "the map of `\(s.name)`", s.name, at: map.location)
            }
        }
        for claim in d.claims {
            let context = "claim \"\(claim.name)\""
            if let compared = claim.statement as? any ComparesSides {
                let (lhs, rhs) = compared.sides
                let left = try infer(lhs, at: claim.location, symbols: claim.symbolLocations, nodes: claim.nodeLocations, scalar: false, context)
                let right = try infer(rhs, at: claim.location, symbols: claim.symbolLocations, nodes: claim.nodeLocations, scalar: false, context)
                if left != right && left.count != 1 && right.count != 1 {
                    func named(_ s: Shape) -> String { s.isMatrix ? s.phrase : "a \(s)" }
                    throw error("the two sides of \(context) are \(named(left)) and \(named(right)); expected the same shape (or a scalar, compared with every entry)", at: claim.location)
                }
                for e in claim.statement.expressions.dropFirst(2) {
                    _ = try infer(e, at: claim.location, symbols: claim.symbolLocations, nodes: claim.nodeLocations, scalar: true, context)
                }
                continue
            }
            let scalar = !((type(of: claim.statement) as? any ClaimKind.Type)?.allowsVectors ?? false)
            for e in claim.statement.expressions {
                _ = try infer(e, at: claim.location, symbols: claim.symbolLocations, nodes: claim.nodeLocations, scalar: scalar, context)
            }
            // A point written in the shape of the one state (`fixedpoint opt = B @ inv(C)`) must have that shape.
            if let declaration = claim.statement as? any FixedPointDeclaration, d.states.count == 1, case let state = model.shape(of: d.states[0]),
               state.count > 1, !declaration.location.isList {
                let shape = try infer(declaration.location.point, at: claim.location, symbols: claim.symbolLocations, nodes: claim.nodeLocations, scalar: false, context)
                try checkMatch(shape, state, "the point \(declaration.location.name) of \(context)", d.states[0].name, at: claim.location)
            }
        }
        return models
    }

    /// The noise laws at the file's values and at each scenario's: a negative or infinite standard
    /// deviation there is a mistake in the file, reported at the noise line.
    func checkNoiseLaws(models: [String?: Model]) throws(DerivationError) {
        guard !derivation.training.noise.isEmpty else { return }
        let scenarios = derivation.scenarios.values.sorted { $0.location < $1.location }
        for scenario in [nil] + scenarios.map(\.name) {
            do {
                _ = try models[scenario]!.noiseLaws()
            } catch let e as Model.NoiseLawError {
                throw error(e.description + (scenario.map { " in scenario `\($0)`" } ?? " at the file's parameter values"), at: e.noise.location)
            } catch let e as DerivationError {
                throw e
            } catch {
                // Values that cannot be evaluated here are reported by the claims that need them.
            }
        }
    }

    /// What is likely a mistake but leaves every claim checkable: a threshold's bracket `in (a, b)` with an end outside
    /// the domain declared for its parameter (at the claim's scenario's values), where the file says the parameter does
    /// not go; the threshold is still sought over the whole bracket.
    func warnings(models: [String?: Model]) -> [DerivationError] {
        var warnings: [DerivationError] = []
        for claim in derivation.claims {
            guard let threshold = claim.statement as? ThresholdClaim, let bracket = threshold.bracket,
                  let parameter = derivation.parameter(named: threshold.parameter), let domain = parameter.domain,
                  let model = models[claim.scenario] else { continue }
            for (end, expr, location) in [("lower", bracket.lower, bracket.lowerLocation), ("upper", bracket.upper, bracket.upperLocation)] {
                // An end that cannot be evaluated is the claim's error to report.
                guard let value = try? model.constantValue(expr), !domain.contains(value) else { continue }
                let warning = error("the bracket's \(end) end \(decimal(value)) lies outside the domain \(domain) of `\(parameter.name)` "
                                    + "(line \(parameter.location.line)): the threshold is sought where the file says `\(parameter.name)` does not go; "
                                    + "widen the domain or narrow the bracket", at: location)
                warnings.append(warning)
            }
        }
        return warnings
    }

    /// The horizon bounds every sampled time interval (0, horizon]: it must be a positive constant.
    func checkPositive(_ horizon: Expr, model: Model, at location: SourceLocation) throws(DerivationError) {
        let value: BigFloat
        do { value = try ModelTape.constant(horizon, model: model, context: MPFRContext(precision: 128)) } catch {
            throw self.error("the horizon must be a constant (parameters and numbers): \(error)", at: location)
        }
        guard value.isFinite, value.sign > 0 else {
            throw self.error("the horizon must be positive, found \(value.isZero ? "0" : value.isFinite ? value.formatted(significantDigits: 6) : "a value that is not finite")", at: location)
        }
        // Times are sampled from the horizon rounded to a double: 10^-(10^6) became 0 and every sample t = 0.
        guard value.doubleValue.isNormal else {
            throw self.error("the horizon \(value.formatted(significantDigits: 6)) is outside the range times are sampled in (a double: 2.3e-308 to 1.7e308); state it in other units", at: location)
        }
    }
}
