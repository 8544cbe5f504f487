import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckFormat
import PhasecheckNumbers

/// Independent runs of the model's noisy map (`map` lines drawing `noise`), by `MonteCarlo` in double
/// precision: the values of quantities at one step on every path, in path order. `t` in the quantities is
/// the step number, as along the deterministic iteration.
struct NoisyPaths {
    let model: Model

    /// The state of every path (in index order) at `step`.
    func states(atStep step: Int, paths: Int, seed: UInt64, jobs: Int, deadline: ContinuousClock.Instant?) throws -> [[Double]] {
        let updates = try model.derivation.states.map { s -> Expr in
            guard let map = model.derivation.training.maps[s.name] else {
                throw CheckError("state `\(s.name)` has no map line; a noisy iteration needs one per state")
            }
            return model.expand(map.expr)
        }
        let system = try MapSystem(state: model.stateVariables, updates: updates, parameters: model.systemParameters,
                                   noise: model.noiseVariables, stepSymbol: Derivation.time)
        let inputs = try ModelInputs(model: model, context: DoubleContext())
        let runner = try MonteCarlo(system: system, parameters: model.systemParameterValues(inputs), noise: model.monteCarloLaws(),
                                    initial: inputs.initialState)
        do {
            return try runner.run(paths: paths, keeping: [step], seed: seed, jobs: jobs, deadline: deadline)[step]!
        } catch .notFinite(let path, let at) {
            throw CheckError("path \(path + 1) of the noisy map is not finite at step \(at) (overflow or a domain error)")
        } catch .deadline {
            throw BudgetExhausted.wallClock(nil, "while running \(paths) paths of the noisy map")
        }
    }

    /// Each expression's components on each of `states` (at `step`), in path order.
    func values(of exprs: [Expr], on states: [[Double]], atStep step: Int) throws -> [[[Double]]] {
        let inputs = try ModelInputs(model: model, context: DoubleContext())
        var evaluator = try inputs.evaluator(for: exprs)
        return states.map { evaluator.evaluate(inputs.vector(t: Double(step), state: $0, reading: evaluator.tape)) }
    }
}
