import PhasecheckExpressions
import PhasecheckNumbers

/// Checks a parsed derivation before anything is evaluated: names, scopes, ODE coverage and domains.
/// Every error names the statement (and, for symbols, the exact occurrence) in the file.
struct NameValidator {
    let derivation: Derivation

    func error(_ message: String, at location: SourceLocation) -> DerivationError {
        DerivationError(file: derivation.file, location: location, message: message)
    }

    func validate() throws(DerivationError) {
        let d = derivation
        var seen: [String: SourceLocation] = [:]
        func declare(_ name: String, _ at: SourceLocation) throws(DerivationError) {
            if let earlier = seen[name] {
                throw error("`\(name)` is already defined at line \(earlier.line)", at: at)
            }
            if name == Derivation.time || name == ReservedSymbols.pi {
                throw error("`\(name)` is reserved (time and pi); expected another name", at: at)
            }
            seen[name] = at
        }
        if let w = d.width { try declare(w.name, w.location) }
        for p in d.parameters { try declare(p.name, p.location) }
        for s in d.states { try declare(s.name, s.location); try declare(s.initialName, s.location) }
        for l in d.lets { try declare(l.name, l.location) }

        let widthNames = Set(d.width.map { [$0.name] } ?? [])
        let parameterNames = Set(d.parameters.map(\.name))
        let stateNames = Set(d.states.map(\.name))
        let initialNames = Set(d.states.map(\.initialName))
        let letNames = Set(d.lets.map(\.name))
        let letInitialNames = Set(d.lets.map { $0.name + "0" })
        let constants: Set<String> = [ReservedSymbols.pi]

        // Parameters may use earlier parameters only.
        var earlier: Set<String> = constants
        for p in d.parameters {
            if let unknown = p.value.freeSymbols.subtracting(earlier).sorted().first {
                throw error("the value of `\(p.name)` uses `\(unknown)`; expected a constant or an earlier parameter", at: p.location)
            }
            earlier.insert(p.name)
            if let domain = p.domain, let q = p.value.numberValue, !domain.contains(q) {
                throw error("the default value \(q) of `\(p.name)` lies outside its domain \(domain)", at: p.location)
            }
        }
        for s in d.states {
            let allowed = parameterNames.union(widthNames).union(constants)
            let used: Set<String>
            switch s.initial {
            case .value(let e): used = e.freeSymbols
            case .normal(let m, let sd, _): used = m.freeSymbols.union(sd.freeSymbols)
            }
            if let unknown = used.subtracting(allowed).sorted().first {
                throw error("the initial value of `\(s.name)` uses `\(unknown)`; expected parameters and the width only", at: s.location)
            }
        }

        let scope = NameScope(derivation: d, modelNames: parameterNames.union(widthNames).union(stateNames).union(initialNames)
            .union(letNames).union(letInitialNames).union(constants).union([Derivation.time]))
        for l in d.lets { try scope.checkSymbols(l.expr, l.symbolLocations, fallback: l.location, allowed: scope.modelNames, "the definition of `\(l.name)`") }
        for (name, ode) in d.odes {
            guard stateNames.contains(name) else { throw error("an ODE for `\(name)`, which is not a state variable", at: ode.location) }
            try scope.checkSymbols(ode.expr, ode.symbolLocations, fallback: ode.location, allowed: scope.modelNames, "the ODE of `\(name)`")
        }
        try validateTraining(scope: scope, stateNames: stateNames)
        for (name, solution) in d.solutions {
            guard stateNames.contains(name) else { throw error("a solution for `\(name)`, which is not a state variable", at: solution.location) }
            try scope.checkSymbols(solution.expr, solution.symbolLocations, fallback: solution.location, allowed: scope.modelNames, "the solution of `\(name)`")
        }
        if !d.solutions.isEmpty, let missing = d.states.first(where: { d.solutions[$0.name] == nil }) {
            throw error("state variable `\(missing.name)` has no closed-form solution while others do; expected `solution \(missing.name) = ...`", at: missing.location)
        }
        for (_, scenario) in d.scenarios {
            for (name, _) in scenario.assignments where !parameterNames.contains(name) && !widthNames.contains(name)
                && !stateNames.contains(name) && !initialNames.contains(name) {
                throw error("scenario `\(scenario.name)` sets `\(name)`, which is not a parameter, state or the width", at: scenario.location)
            }
        }
        try validateWidthLimit()
        for claim in d.claims {
            try claim.statement.checkNames(of: claim, in: scope)
        }
    }

    /// Names and scopes of the width-limit section.
    func validateWidthLimit() throws(DerivationError) {
        let section = derivation.widthLimit
        let width = derivation.width?.name ?? "d"
        var seen: Set<String> = []
        for name in section.scalings.map(\.name) + section.quantities.map(\.name) + section.exponents.map(\.name) {
            guard seen.insert(name).inserted else {
                let at = (section.scalings.first { $0.name == name }?.location) ?? (section.quantities + section.exponents).first { $0.name == name }!.location
                throw error("`\(name)` is defined twice in the width-limit section", at: at)
            }
        }
        let scaled = Set(section.scalings.map(\.name))
        let quantityNames = Set(section.quantities.map(\.name))
        let exponentSymbols = Set(section.scalings.flatMap { $0.scaling.exponent.symbols })
        let exponentNames = Set(section.exponents.map(\.name))
        for q in section.quantities {
            if let unknown = q.expr.freeSymbols.subtracting(scaled).subtracting(quantityNames).subtracting([width, ReservedSymbols.pi]).sorted().first {
                throw error("unknown symbol `\(unknown)` in the asymptotic quantity `\(q.name)`; expected scaled hyperparameters (`scale`), the width and other asymptotic quantities",
                            at: q.symbolLocations[unknown] ?? q.location)
            }
        }
        for e in section.exponents {
            if let unknown = e.expr.freeSymbols.subtracting(exponentSymbols).subtracting(exponentNames).sorted().first {
                throw error("unknown symbol `\(unknown)` in the exponent `\(e.name)`; expected exponent symbols (\(exponentSymbols.sorted().joined(separator: ", "))) and other exponents",
                            at: e.symbolLocations[unknown] ?? e.location)
            }
        }
        let conditionSymbols = exponentSymbols.union(exponentNames)
        func checkCondition(_ c: Condition, at location: SourceLocation, _ what: String) throws(DerivationError) {
            for comparison in c.comparisons {
                if let unknown = comparison.lhs.freeSymbols.union(comparison.rhs.freeSymbols).subtracting(conditionSymbols).sorted().first {
                    throw error("unknown symbol `\(unknown)` in \(what); expected exponent symbols and `exponent` names", at: location)
                }
            }
        }
        for r in section.regions { try checkCondition(r.condition, at: r.location, "region `\(r.name)`") }
        if let c = section.classification {
            guard quantityNames.contains(c.quantity) else { throw error("`\(c.quantity)` is not an asymptotic quantity", at: c.location) }
            let regionNames = Set(section.regions.map(\.name))
            if !regionNames.isEmpty, let missing = c.regions.values.sorted().first(where: { !regionNames.contains($0) }) {
                throw error("`\(missing)` is not a declared region", at: c.location)
            }
        }
        for f in section.flags {
            guard quantityNames.contains(f.quantity) else { throw error("`\(f.quantity)` is not an asymptotic quantity", at: f.location) }
            if let claimed = f.claimed { try checkCondition(claimed, at: f.location, "flag `\(f.name)`") }
        }
        for p in section.parameterizations {
            for (name, value) in p.assignments {
                guard scaled.contains(name) else { throw error("parameterization `\(p.name)` sets `\(name)`, which is not a scaled hyperparameter", at: p.location) }
                if let unknown = value.freeSymbols.subtracting([width, ReservedSymbols.pi]).sorted().first {
                    throw error("parameterization `\(p.name)`: `\(name)` may depend on the width only, found `\(unknown)`", at: p.location)
                }
            }
        }
    }
}

/// The names a derivation declares, for checking the symbols of an expression where it is used.
public struct NameScope: Sendable {
    public let derivation: Derivation
    /// Every name an expression of the finite-width model may use: parameters, the width, states, initial
    /// values, `let` quantities (and their values at t = 0), `pi` and `t`.
    public let modelNames: Set<String>

    public func error(_ message: String, at location: SourceLocation) -> DerivationError {
        DerivationError(file: derivation.file, location: location, message: message)
    }

    /// Rejects the first symbol of `e` outside `allowed`, at its occurrence (or `fallback`), saying whether it
    /// is unknown or known but out of scope.
    public func checkSymbols(_ e: Expr, _ locations: [String: SourceLocation], fallback: SourceLocation,
                             allowed: Set<String>, _ context: String) throws(DerivationError) {
        if let unknown = e.freeSymbols.subtracting(allowed).sorted().first {
            let known = modelNames.contains(unknown)
            throw error(known ? "`\(unknown)` cannot be used in \(context)"
                              : "unknown symbol `\(unknown)` in \(context); expected a parameter, state, initial value, `let` quantity or t",
                        at: locations[unknown] ?? fallback)
        }
    }

    /// A claim about the finite-width model: its scenario exists and its expressions use the model's names.
    public func checkModelClaim(_ claim: Claim) throws(DerivationError) {
        if let s = claim.scenario, derivation.scenarios[s] == nil {
            throw error("unknown scenario `\(s)` in claim \"\(claim.name)\"", at: claim.location)
        }
        for e in claim.statement.expressions {
            try checkSymbols(e, claim.symbolLocations, fallback: claim.location, allowed: modelNames, "claim \"\(claim.name)\"")
        }
    }
}
