import PhasecheckFormat
import PhasecheckExpressions
import PhasecheckNumbers

/// Reads a derivation file: its syntax and names (`DerivationSyntax`), then what needs the evaluation
/// layer, so that every mistake in a file is reported at its line before any claim is checked.
public enum DerivationParser {
    public static func parse(_ text: String, file: String) throws(DerivationError) -> Derivation {
        let derivation = try DerivationSyntax.parse(text, file: file, claimKinds: ClaimKinds.all)
        try ModelValidator(derivation: derivation).validate()
        return derivation
    }
}

/// The checks that need the model: the width-limit section's definitions (cycles, piecewise-linear
/// exponents) and the shapes of every expression.
struct ModelValidator {
    let derivation: Derivation

    func error(_ message: String, at location: SourceLocation) -> DerivationError {
        DerivationError(file: derivation.file, location: location, message: message)
    }

    func validate() throws(DerivationError) {
        _ = try WidthLimitModel(derivation)
        try checkShapes()
    }

    /// Compiles every expression with the declared shapes, so that vector-length mistakes and non-scalar
    /// claims are reported at their line before any checking starts. One `ShapeChecker` serves them all:
    /// expanded `let`s share their subexpressions, which are then compiled once (a chain of n lets is
    /// checked in O(n)).
    func checkShapes() throws(DerivationError) {
        let model = try Model(derivation)
        // Noise variables are inputs of the maps (and of the lets they use) only; the names check kept them out of the rest.
        var checker = ShapeChecker(inputs: model.inputShapes + model.noiseVariables.map { ($0.name, $0.length) })
        func compile(_ e: Expr, at location: SourceLocation, scalar: Bool, _ context: String) throws(DerivationError) -> Int {
            do {
                let length = try checker.length(of: model.expand(e))
                if scalar && length != 1 {
                    throw error("\(context) must be a scalar, but it is a vector of length \(length)", at: location)
                }
                return length
            } catch let e as CompileError {
                throw error("\(e.message) in \(context)", at: location)
            } catch let e as DerivationError {
                throw e
            } catch {
                throw self.error("\(error) in \(context)", at: location)
            }
        }
        let d = derivation
        var errors: [DerivationError] = []
        func collect(_ check: () throws(DerivationError) -> Void) {
            do { try check() } catch { errors.append(contentsOf: error.all) }
        }
        for p in d.parameters {
            collect { () throws(DerivationError) in _ = try compile(p.value, at: p.location, scalar: true, "the value of `\(p.name)`") }
        }
        for scenario in d.scenarios.values.sorted(by: { $0.location < $1.location }) {
            collect { () throws(DerivationError) in _ = try Model(d, scenario: scenario.name) }
        }
        if let horizon = d.horizon {
            collect { () throws(DerivationError) in
                _ = try compile(horizon.value, at: horizon.location, scalar: true, "the horizon")
                try checkPositive(horizon.value, model: model, at: horizon.location)
            }
        }
        if let error = DerivationError(collecting: errors) { throw error }
        for l in d.lets { _ = try compile(l.expr, at: l.location, scalar: false, "the definition of `\(l.name)`") }
        for s in d.states {
            let expected = model.shape(of: s).count
            if let ode = d.odes[s.name] {
                let n = try compile(ode.expr, at: ode.location, scalar: false, "the ODE of `\(s.name)`")
                if n != expected && n != 1 {
                    throw error("the ODE of `\(s.name)` has length \(n), but `\(s.name)` has length \(expected)", at: ode.location)
                }
            }
            if let solution = d.solutions[s.name] {
                let n = try compile(solution.expr, at: solution.location, scalar: false, "the solution of `\(s.name)`")
                if n != expected && n != 1 {
                    throw error("the solution of `\(s.name)` has length \(n), but `\(s.name)` has length \(expected)", at: solution.location)
                }
                let stateSymbols = Set(d.states.map(\.name))
                if let bad = model.expand(solution.expr).freeSymbols.intersection(stateSymbols).sorted().first {
                    throw error("the solution of `\(s.name)` depends on the state `\(bad)`; expected t, parameters and initial values (`\(bad)0`)",
                                at: solution.symbolLocations[bad] ?? solution.location)
                }
            }
        }
        if let loss = d.training.loss { _ = try compile(loss.expr, at: loss.location, scalar: true, "the loss") }
        for noise in d.training.noise {
            _ = try compile(noise.mean, at: noise.location, scalar: true, "the mean of noise `\(noise.name)`")
            _ = try compile(noise.standardDeviation, at: noise.location, scalar: true, "the standard deviation of noise `\(noise.name)`")
        }
        for s in d.states {
            let expected = model.shape(of: s).count
            if d.odes[s.name] == nil, let flow = try model.gradientFlow(of: s.name) {
                _ = try compile(flow, at: d.training.ratesLocation!, scalar: false, "the gradient flow of `\(s.name)`")
            }
            if let map = d.training.maps[s.name] {
                let n = try compile(map.expr, at: map.location, scalar: false, "the map of `\(s.name)`")
                if n != expected && n != 1 {
                    throw error("the map of `\(s.name)` has length \(n), but `\(s.name)` has length \(expected)", at: map.location)
                }
            }
        }
        for claim in d.claims {
            let scalar = !((type(of: claim.statement) as? any ClaimKind.Type)?.allowsVectors ?? false)
            for e in claim.statement.expressions { _ = try compile(e, at: claim.location, scalar: scalar, "claim \"\(claim.name)\"") }
        }
    }

    /// The horizon bounds every sampled time interval (0, horizon]: it must be a positive constant.
    func checkPositive(_ horizon: Expr, model: Model, at location: SourceLocation) throws(DerivationError) {
        let value: BigFloat
        do { value = try ModelInputs(model: model, context: MPFRContext(precision: 128)).constants([horizon])[0] } catch {
            throw self.error("the horizon must be a constant (parameters and numbers): \(error)", at: location)
        }
        guard value.isFinite, value.sign > 0 else {
            throw self.error("the horizon must be positive, found \(value.isZero ? "0" : value.isFinite ? value.formatted(significantDigits: 6) : "a value that is not finite")", at: location)
        }
    }
}
