import PhasecheckFormat
import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckNumbers

/// Quantities along a numerical solution of the model's ODE: the Taylor integrator in MPFR at the
/// working precision, with a tolerance ten digits beyond the digits asked for. Its values are returned as
/// point intervals: they are not enclosures, so comparisons against them are not escalated.
struct IntegratedTrajectory: Trajectory {
    let model: Model
    let digits: Int
    var isCertified: Bool { false }

    func values(of exprs: [Expr], at times: [Expr], bits: Int) throws -> [[[BigInterval]]] {
        let d = model.derivation
        let tolerance = Double(digits + 10)
        let workingBits = Swift.max(bits, Int(Precision.bits(forDigits: tolerance)) + 32)
        let context = MPFRContext(precision: workingBits)
        let inputs = try ModelInputs(model: model, context: context)
        let named = inputs.named
        var parameters: [ODESystem.Variable] = d.parameters.map { ODESystem.Variable($0.name) }
        if let w = d.width { parameters.append(ODESystem.Variable(w.name)) }
        parameters += d.states.map { ODESystem.Variable($0.initialName, length: model.shape(of: $0).length) }
        let system = try ODESystem(
            state: d.states.map { ODESystem.Variable($0.name, length: model.shape(of: $0).length) },
            rightHandSides: try d.states.map { try model.odeRightHandSide(of: $0.name) },
            parameters: parameters,
            timeSymbol: Derivation.time)
        var integrator = try TaylorIntegrator(system: system, parameters: Dictionary(uniqueKeysWithValues: parameters.map { ($0.name, named[$0.name]!) }),
                                              context: context, tolerance: Tolerance(digits: tolerance))
        let timeValues = try inputs.constants(times)
        // The integrator wants increasing times; keep the caller's order in the result.
        let order = timeValues.indices.sorted { timeValues[$0] < timeValues[$1] }
        guard let first = order.first, timeValues[first].sign >= 0 else {
            throw CheckError("times along an integration must be nonnegative")
        }
        let states = try integrator.integrate(initial: inputs.initialState, from: context.constant(0), to: order.map { timeValues[$0] })
        var evaluator = try inputs.evaluator(for: exprs)
        var results = [[[BigInterval]]](repeating: [], count: times.count)
        for (k, i) in order.enumerated() {
            results[i] = evaluator.evaluate(inputs.vector(t: timeValues[i], state: states[k])).map { $0.map(BigInterval.init) }
        }
        return results
    }
}
