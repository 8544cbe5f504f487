import PhasecheckExpressions

extension NameValidator {
    /// Every state moves: by its `ode` line or, when trained, by gradient flow on the loss; a file that
    /// only iterates (`map` lines, no ODE at all) needs a map for every state instead.
    func validateTraining(scope: NameScope, stateNames: Set<String>) throws(DerivationError) {
        let d = derivation
        let training = d.training
        if let loss = training.loss {
            try scope.checkSymbols(loss.expr, loss.symbolLocations, fallback: loss.location, allowed: scope.modelNames, "the loss")
        }
        for (state, rate) in training.rates {
            let at = training.ratesLocation!
            guard stateNames.contains(state) else { throw error("`train \(state)`: `\(state)` is not a state variable", at: at) }
            guard training.loss != nil else { throw error("`train` needs a loss (a line `loss L = ...`)", at: at) }
            try scope.checkSymbols(rate, [:], fallback: at, allowed: scope.modelNames.subtracting(stateNames).subtracting([Derivation.time]),
                                   "the learning rate of `\(state)`")
        }
        if let steps = training.steps, training.rates.isEmpty && training.maps.isEmpty {
            throw error("`descent` needs trained states (a line `train x rate eta, ...`) or `map` lines", at: steps.location)
        }
        for (name, map) in training.maps {
            guard stateNames.contains(name) else { throw error("a map for `\(name)`, which is not a state variable", at: map.location) }
            try scope.checkSymbols(map.expr, map.symbolLocations, fallback: map.location, allowed: scope.modelNames.union(scope.noiseNames),
                                   "the map of `\(name)`")
        }
        try validateNoise(scope: scope)
        if !training.maps.isEmpty, let missing = d.states.first(where: { training.maps[$0.name] == nil }) {
            throw error("state variable `\(missing.name)` has no map while others do; expected `map \(missing.name) -> ...`", at: missing.location)
        }
        let iteratesOnly = !training.maps.isEmpty && d.odes.isEmpty && training.rates.isEmpty
        for s in d.states where d.odes[s.name] == nil && training.rate(of: s.name) == nil && !iteratesOnly {
            throw error("state variable `\(s.name)` has no ODE; expected a line `ode \(s.name)' = ...` or `train \(s.name) rate ...` with a loss", at: s.location)
        }
    }
}

extension NameValidator {
    /// Noise feeds the maps: its law uses parameters and the width only.
    func validateNoise(scope: NameScope) throws(DerivationError) {
        let training = derivation.training
        let constants = Set(derivation.parameters.map(\.name) + (derivation.width.map { [$0.name] } ?? []) + [ReservedSymbols.pi])
        for noise in training.noise {
            guard !training.maps.isEmpty else {
                throw error("noise `\(noise.name)` is drawn at each step of the `map` lines, but the file has none; expected `map x -> ...`", at: noise.location)
            }
            for law in noise.law.parameters {
                try scope.checkSymbols(law, [:], fallback: noise.location, allowed: constants,
                                       "the law of noise `\(noise.name)` (constants in the parameters and the width)")
            }
        }
    }
}

extension NameScope {
    /// The noise variables and every `let` quantity that uses one, directly or through other lets.
    static func noiseDependent(_ d: Derivation) -> Set<String> {
        guard !d.training.noise.isEmpty else { return [] }
        var noisy = Set(d.training.noise.map(\.name))
        var changed = true
        while changed {
            changed = false
            for l in d.lets where !noisy.contains(l.name) && !l.expr.freeSymbols.isDisjoint(with: noisy) {
                noisy.insert(l.name)
                changed = true
            }
        }
        return noisy
    }

    /// A noise variable (or a let that draws it) where only maps may use it.
    func noiseError(_ name: String, at location: SourceLocation, in context: String) -> DerivationError {
        let noise = derivation.training.noise.map(\.name).contains(name) ? "noise `\(name)`" : "`\(name)`, which draws noise,"
        return DerivationError(file: derivation.file, location: location,
                               message: "\(noise) cannot be used in \(context): noise is drawn afresh at each step of the `map` lines, which alone may use it",
                               hint: "claims about the noisy map average over paths: `claim \"...\": mean of E at step n over 400 paths == V within 3 standard errors`")
    }
}
