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
            try scope.checkSymbols(map.expr, map.symbolLocations, fallback: map.location, allowed: scope.modelNames, "the map of `\(name)`")
        }
        if !training.maps.isEmpty, let missing = d.states.first(where: { training.maps[$0.name] == nil }) {
            throw error("state variable `\(missing.name)` has no map while others do; expected `map \(missing.name) -> ...`", at: missing.location)
        }
        let iteratesOnly = !training.maps.isEmpty && d.odes.isEmpty && training.rates.isEmpty
        for s in d.states where d.odes[s.name] == nil && training.rate(of: s.name) == nil && !iteratesOnly {
            throw error("state variable `\(s.name)` has no ODE; expected a line `ode \(s.name)' = ...` or `train \(s.name) rate ...` with a loss", at: s.location)
        }
    }
}
