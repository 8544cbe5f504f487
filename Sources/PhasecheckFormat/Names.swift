import PhasecheckExpressions
import PhasecheckNumbers

/// Checks a parsed derivation before anything is evaluated: names, scopes, ODE coverage and domains.
/// Every error names the statement (and, for symbols, the exact occurrence) in the file.
struct NameValidator {
    let derivation: Derivation

    func error(_ message: String, at location: SourceLocation, hint: String? = nil) -> DerivationError {
        DerivationError(file: derivation.file, location: location, message: message, hint: hint)
    }

    /// Reports every name error of the file (up to `DerivationError.limit`), not only the first: each
    /// statement is checked on its own.
    func validate() throws(DerivationError) {
        var errors: [DerivationError] = []
        func collect(_ check: () throws(DerivationError) -> Void) {
            do { try check() } catch { errors.append(contentsOf: error.all) }
        }
        validateModel(collect)
        validateWidthLimit(collect)
        let scope = NameScope(derivation: derivation)
        for claim in derivation.claims {
            collect { () throws(DerivationError) in try claim.statement.checkNames(of: claim, in: scope) }
        }
        if let error = DerivationError(collecting: errors) { throw error }
    }

    typealias Collector = (() throws(DerivationError) -> Void) -> Void

    /// Names of the finite-width model: declarations, scopes, ODE and solution coverage, scenarios.
    func validateModel(_ collect: Collector) {
        let d = derivation
        var seen: [String: SourceLocation] = [:]
        // `state a = ...` also names its initial value `a0`, which a user may declare again (`param a0`).
        let stateOfInitialName = Dictionary(d.states.map { ($0.initialName, $0.name) }, uniquingKeysWith: { a, _ in a })
        func declare(_ name: String, _ at: SourceLocation) throws(DerivationError) {
            if let earlier = seen[name] {
                let hint = stateOfInitialName[name].map { state in
                    "`state \(state)` names its initial value `\(name)` (for claims and closed forms); give the other `\(name)` another name, such as `\(state)_init`, and write `state \(state) = \(state)_init`"
                }
                throw error("`\(name)` is already defined at line \(earlier.line)", at: at, hint: hint)
            }
            if name == Derivation.time || name == ReservedSymbols.pi {
                throw error("`\(name)` is reserved (time and pi); expected another name", at: at)
            }
            seen[name] = at
        }
        let declarations = (d.width.map { [($0.name, $0.location)] } ?? []) + d.dims.map { ($0.name, $0.location) }
            + d.parameters.map { ($0.name, $0.location) } + d.shapedParameters.map { ($0.name, $0.location) }
            + d.states.flatMap { [($0.name, $0.location), ($0.initialName, $0.location)] } + d.lets.map { ($0.name, $0.location) }
            + d.training.noise.map { ($0.name, $0.location) }
        for (name, location) in declarations { collect { () throws(DerivationError) in try declare(name, location) } }

        // The width and the `dim` sizes: constants of the model.
        let widthNames = Set((d.width.map { [$0.name] } ?? []) + d.dims.map(\.name))
        let parameterNames = Set(d.parameters.map(\.name))
        let stateNames = Set(d.states.map(\.name))
        let initialNames = Set(d.states.map(\.initialName))
        let constants: Set<String> = [ReservedSymbols.pi]

        // Parameters may use earlier parameters only.
        var earlier: Set<String> = constants.union(d.dims.map(\.name))
        for p in d.parameters {
            let before = earlier
            collect { () throws(DerivationError) in
                if let unknown = p.value.freeSymbols.subtracting(before).sorted().first {
                    throw error("the value of `\(p.name)` uses `\(unknown)`; expected a constant or an earlier parameter", at: p.location,
                                hint: Suggestions.forUnknownSymbol(unknown, known: before))
                }
                if let domain = p.domain, let q = p.value.numberValue, !domain.contains(q) {
                    throw error("the default value \(q) of `\(p.name)` lies outside its domain \(domain)", at: p.location)
                }
            }
            earlier.insert(p.name)
        }
        // Constant vectors and matrices use parameters, sizes and the ones declared before them.
        var earlierShaped = parameterNames.union(widthNames).union(constants)
        for p in d.shapedParameters {
            let before = earlierShaped
            collect { () throws(DerivationError) in
                try NameScope(derivation: d).checkSymbols(p.expr, p.symbolLocations, fallback: p.location, allowed: before,
                                                          "the value of `\(p.name)` (parameters, sizes and earlier constant vectors and matrices)")
            }
            earlierShaped.insert(p.name)
        }
        let constantLets = Set(d.lets.map(\.name))
        for s in d.states { collect { () throws(DerivationError) in
            // `let` quantities are allowed; the model checks that the ones used do not depend on the state.
            let allowed = earlierShaped.union(constantLets)
            let used: Set<String>
            switch s.initial {
            case .value(let e): used = e.freeSymbols
            case .normal(let m, let sd, _): used = m.freeSymbols.union(sd.freeSymbols)
            }
            if let unknown = used.subtracting(allowed).sorted().first {
                throw error("the initial value of `\(s.name)` uses `\(unknown)`; expected parameters, sizes, constant vectors and matrices and `let` quantities that do not depend on the state", at: s.location,
                            hint: Suggestions.forUnknownSymbol(unknown, known: allowed))
            }
        } }

        let scope = NameScope(derivation: d)
        for l in d.lets {
            collect { () throws(DerivationError) in
                try scope.checkSymbols(l.expr, l.symbolLocations, fallback: l.location, allowed: scope.modelNames.union(scope.noiseNames), "the definition of `\(l.name)`")
            }
        }
        // An expectation without a closed form is a constant of the model: its integrand may use its variable and
        // constants (the model checks that the `let`s it uses do not depend on the state); in an `ode` line it may
        // also use the state and t (a drift).
        for smooth in d.smoothExpectations {
            collect { () throws(DerivationError) in
                let x = smooth.expectation
                let used = x.integrand.freeSymbols.subtracting(x.variables.map(\.name)).union(x.lawParameters.flatMap(\.freeSymbols))
                let moving = stateNames.union([Derivation.time])
                if !smooth.inODELine, let moving = used.intersection(moving.union(initialNames)).sorted().first {
                    throw error(smooth.refusal(dependsOn: moving), at: smooth.location, hint: SmoothExpectation.refusalHint(iterates: !d.training.maps.isEmpty))
                }
                let known = smooth.inODELine ? scope.modelNames.union(moving).union(initialNames) : scope.modelNames
                if let unknown = used.filter({ !known.contains($0) && $0 != ReservedSymbols.pi }).sorted().first {
                    throw error("unknown symbol `\(unknown)` in the expectation in \(smooth.line)", at: smooth.location,
                                hint: Suggestions.forUnknownSymbol(unknown, known: scope.modelNames))
                }
            }
        }
        for a in d.assumptions {
            for c in a.condition.comparisons {
                collect { () throws(DerivationError) in
                    try scope.checkSymbols(c.lhs - c.rhs, a.symbolLocations, fallback: a.location, allowed: parameterNames.union(widthNames).union(constants),
                                           "`assume` (conditions on the parameters and the width)")
                }
            }
        }
        for (name, ode) in d.odes.sorted(by: { $0.value.location < $1.value.location }) { collect { () throws(DerivationError) in
            guard stateNames.contains(name) else {
                throw error("an ODE for `\(name)`, which is not a state variable", at: ode.location, hint: Suggestions.didYouMean(name, among: stateNames))
            }
            try scope.checkSymbols(ode.expr, ode.symbolLocations, fallback: ode.location, allowed: scope.modelNames, "the ODE of `\(name)`")
        } }
        collect { () throws(DerivationError) in try validateTraining(scope: scope, stateNames: stateNames) }
        for (name, solution) in d.solutions.sorted(by: { $0.value.location < $1.value.location }) { collect { () throws(DerivationError) in
            guard stateNames.contains(name) else {
                throw error("a solution for `\(name)`, which is not a state variable", at: solution.location, hint: Suggestions.didYouMean(name, among: stateNames))
            }
            try scope.checkSymbols(solution.expr, solution.symbolLocations, fallback: solution.location, allowed: scope.modelNames, "the solution of `\(name)`")
        } }
        if !d.solutions.isEmpty, let missing = d.states.first(where: { d.solutions[$0.name] == nil }) {
            collect { () throws(DerivationError) in
                throw error("state variable `\(missing.name)` has no closed-form solution while others do; expected `solution \(missing.name) = ...`", at: missing.location)
            }
        }
        let settable = parameterNames.union(d.shapedParameters.map(\.name)).union(widthNames).union(stateNames).union(initialNames)
        for scenario in d.scenarios.values.sorted(by: { $0.location < $1.location }) {
            for (name, _) in scenario.assignments where !settable.contains(name) {
                collect { () throws(DerivationError) in
                    throw error("scenario `\(scenario.name)` sets `\(name)`, which is not a parameter, state or the width", at: scenario.location,
                                hint: Suggestions.didYouMean(name, among: settable))
                }
            }
        }
    }

    /// Names and scopes of the width-limit section.
    func validateWidthLimit(_ collect: Collector) {
        let section = derivation.widthLimit
        let width = derivation.width?.name ?? "d"
        var seen: Set<String> = []
        let definitions = section.scalings.map { ($0.name, $0.location) } + (section.quantities + section.exponents).map { ($0.name, $0.location) }
        for (name, location) in definitions where !seen.insert(name).inserted {
            collect { () throws(DerivationError) in throw error("`\(name)` is defined twice in the width-limit section", at: location) }
        }
        let scaled = Set(section.scalings.map(\.name))
        let quantityNames = Set(section.quantities.map(\.name))
        let exponentSymbols = Set(section.scalings.flatMap { $0.scaling.exponent.symbols })
        let exponentNames = Set(section.exponents.map(\.name))
        let sizes = Set(derivation.dims.map(\.name))
        // `d` written where a `width` line has named the width otherwise (`width n = 2` for a vector length).
        func widthHint(_ unknown: String) -> String? {
            guard unknown == "d", width != "d", let line = derivation.width else { return nil }
            return "the width of the limits is `\(width)`, the file's `width \(width) = \(line.value)`: write the limits in `\(width)`, "
                + "or declare a vector length with `dim \(width) = \(line.value)` to keep `d` the width"
        }
        // A scaled constant read as its value must not share a name with the width or an exponent symbol, which the same
        // expression would read otherwise (`scale m = 3` beside `scale M = d^m` made `d^(m)` both d^3 and d^m).
        let sweptSymbols = exponentSymbols.union(section.grid.map(\.name)).union(section.fixed.map(\.name))
        for s in section.scalings { collect { () throws(DerivationError) in
            if s.name == width {
                throw error("`\(s.name)` is the width of the limits; expected another name for the scaled hyperparameter", at: s.location)
            }
            if sweptSymbols.contains(s.name) {
                throw error("`\(s.name)` is both a scaled hyperparameter and an exponent symbol (in a scaling, `grid` or `fix`);"
                            + " expected distinct names", at: s.location, hint: "rename one of them, such as `\(s.name)_value` for the constant")
            }
            if let unknown = s.scaling.coefficient.freeSymbols.subtracting([width, ReservedSymbols.pi]).sorted().first {
                throw error("unknown symbol `\(unknown)` in the scaling of `\(s.name)`; expected numbers and the width `\(width)` (as `c*\(width)^EXPONENT`)",
                            at: s.location, hint: widthHint(unknown))
            }
        } }
        for q in section.quantities { collect { () throws(DerivationError) in
            if let unknown = q.expr.freeSymbols.subtracting(scaled).subtracting(quantityNames).subtracting(sizes).subtracting([width, ReservedSymbols.pi]).sorted().first {
                throw error("unknown symbol `\(unknown)` in the asymptotic quantity `\(q.name)`; expected scaled hyperparameters (`scale`), the width, sizes (`dim`) and other asymptotic quantities",
                            at: q.symbolLocations[unknown] ?? q.location,
                            hint: widthHint(unknown) ?? Suggestions.forUnknownSymbol(unknown, known: scaled.union(quantityNames).union([width])))
            }
        } }
        for e in section.exponents { collect { () throws(DerivationError) in
            if let unknown = e.expr.freeSymbols.subtracting(exponentSymbols).subtracting(exponentNames).sorted().first {
                throw error("unknown symbol `\(unknown)` in the exponent `\(e.name)`; expected exponent symbols (\(exponentSymbols.sorted().joined(separator: ", "))) and other exponents",
                            at: e.symbolLocations[unknown] ?? e.location,
                            hint: Suggestions.forUnknownSymbol(unknown, known: exponentSymbols.union(exponentNames)))
            }
        } }
        let conditionSymbols = exponentSymbols.union(exponentNames)
        func checkCondition(_ c: Condition, at location: SourceLocation, _ what: String) throws(DerivationError) {
            for comparison in c.comparisons {
                if let unknown = comparison.lhs.freeSymbols.union(comparison.rhs.freeSymbols).subtracting(conditionSymbols).sorted().first {
                    throw error("unknown symbol `\(unknown)` in \(what); expected exponent symbols and `exponent` names", at: location,
                                hint: Suggestions.forUnknownSymbol(unknown, known: conditionSymbols))
                }
            }
        }
        for r in section.regions { collect { () throws(DerivationError) in try checkCondition(r.condition, at: r.location, "region `\(r.name)`") } }
        if let c = section.classification { collect { () throws(DerivationError) in
            guard quantityNames.contains(c.quantity) else { throw error("`\(c.quantity)` is not an asymptotic quantity", at: c.location) }
            let regionNames = Set(section.regions.map(\.name))
            if !regionNames.isEmpty, let missing = c.regions.values.sorted().first(where: { !regionNames.contains($0) }) {
                throw error("`\(missing)` is not a declared region", at: c.location, hint: Suggestions.didYouMean(missing, among: regionNames))
            }
        } }
        for f in section.flags { collect { () throws(DerivationError) in
            guard quantityNames.contains(f.quantity) else { throw error("`\(f.quantity)` is not an asymptotic quantity", at: f.location) }
            if let claimed = f.claimed { try checkCondition(claimed, at: f.location, "flag `\(f.name)`") }
        } }
        for p in section.parameterizations { collect { () throws(DerivationError) in
            for (name, value) in p.assignments {
                guard scaled.contains(name) else { throw error("parameterization `\(p.name)` sets `\(name)`, which is not a scaled hyperparameter", at: p.location) }
                if let unknown = value.freeSymbols.subtracting([width, ReservedSymbols.pi]).sorted().first {
                    throw error("parameterization `\(p.name)`: `\(name)` may depend on the width only, found `\(unknown)`", at: p.location,
                                hint: widthHint(unknown))
                }
            }
        } }
    }
}

/// The names a derivation declares, for checking the symbols of an expression where it is used.
public struct NameScope: Sendable {
    public let derivation: Derivation
    /// Every name an expression of the finite-width model may use: parameters, the width, states, initial
    /// values, `let` quantities (and their values at t = 0), `pi` and `t`.
    public let modelNames: Set<String>
    /// Noise variables and the `let` quantities that use them: only `map` lines (and lets) may use these.
    public let noiseNames: Set<String>

    init(derivation d: Derivation) {
        derivation = d
        noiseNames = Self.noiseDependent(d)
        modelNames = d.declaredNames.union(d.states.map(\.initialName)).union(d.lets.map { $0.name + "0" })
            .union([ReservedSymbols.pi, Derivation.time]).subtracting(noiseNames).subtracting(noiseNames.map { $0 + "0" })
    }

    public func error(_ message: String, at location: SourceLocation) -> DerivationError {
        DerivationError(file: derivation.file, location: location, message: message)
    }

    /// Rejects the first symbol of `e` outside `allowed`, at its occurrence (or `fallback`), saying whether it
    /// is unknown or known but out of scope.
    public func checkSymbols(_ e: Expr, _ locations: [String: SourceLocation], fallback: SourceLocation,
                             allowed: Set<String>, _ context: String) throws(DerivationError) {
        // Filtered, not `subtracting(allowed)`, which walks all of `allowed`: once per `let`, quadratic.
        if let unknown = e.freeSymbols.filter({ !allowed.contains($0) }).sorted().first {
            if noiseNames.contains(unknown) { throw noiseError(unknown, at: locations[unknown] ?? fallback, in: context) }
            let known = modelNames.contains(unknown)
            throw DerivationError(file: derivation.file, location: locations[unknown] ?? fallback,
                                  message: known ? "`\(unknown)` cannot be used in \(context)"
                                      : "unknown symbol `\(unknown)` in \(context); expected a parameter, state, initial value, `let` quantity or t",
                                  hint: known ? nil : Suggestions.forUnknownSymbol(unknown, known: allowed))
        }
    }

    /// A claim about the finite-width model: its scenario exists and its expressions use the model's names.
    public func checkModelClaim(_ claim: Claim) throws(DerivationError) {
        if let s = claim.scenario, derivation.scenarios[s] == nil {
            throw DerivationError(file: derivation.file, location: claim.location, message: "unknown scenario `\(s)` in claim \"\(claim.name)\"",
                                  hint: Suggestions.didYouMean(s, among: derivation.scenarios.keys))
        }
        for e in claim.statement.expressions {
            try checkSymbols(e, claim.symbolLocations, fallback: claim.location, allowed: modelNames, "claim \"\(claim.name)\"")
        }
    }
}
