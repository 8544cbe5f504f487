import PhasecheckFormat
import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckNumbers

/// Quantities along a numerical solution of the model's ODE: the Taylor integrator in MPFR.
///
/// Each call integrates twice, at a tolerance of D digits and at D + 10, and returns every quantity as the
/// finer value plus or minus its distance to the coarser one: an error estimate (not a bound; hence
/// `isCertified` is false) that is large where the orbit loses digits (cancellation, a near-singular
/// value), so that comparisons escalate instead of failing there. D is the digits asked for plus 10, or
/// what the working precision `bits` allows if that is more: raising `bits` tightens the tolerance.
struct IntegratedTrajectory: Trajectory {
    let model: Model
    let digits: Int
    let budget: ComputeBudget
    /// Where the switching times of abs/min/max are reported (nil: not reported).
    var switchingLog: SwitchingLog? = nil
    /// When the work this integration is part of must stop (a claim's `--max-seconds`).
    var deadline: ContinuousClock.Instant? = nil
    /// Integrations shared with the other claims of a run, and this model's scenario, part of their key.
    var shared: SharedRuns<IntegrationRequest, IntegrationResult>? = nil
    var scenario: String? = nil
    var isCertified: Bool { false }

    /// The coarser of the two tolerances used at `bits`, in decimal digits.
    func toleranceDigits(bits: Int) -> Double {
        Swift.max(Double(digits + 10), (Precision.digits(forBits: Double(bits)) - 4).rounded(.down))
    }

    func values(of exprs: [Expr], at times: [Expr], bits: Int) throws -> [[[BigInterval]]] {
        if let atStart = try valuesAtTheStart(of: exprs, at: times, bits: bits) { return atStart }
        let coarse = toleranceDigits(bits: bits)
        let (rough, roughSwitches, _) = try pointValues(of: exprs, at: times, tolerance: coarse)
        let (fine, fineSwitches, system) = try pointValues(of: exprs, at: times, tolerance: coarse + 10)
        switchingLog?.record(fine: fineSwitches, rough: roughSwitches, system: system, model: model)
        return zip(fine, rough).map { fineAtTime, roughAtTime in
            zip(fineAtTime, roughAtTime).map { fineExpr, roughExpr in
                zip(fineExpr, roughExpr).map { f, r in
                    let spread = BigFloat.abs(f - r)
                    return BigInterval(lower: f - spread, upper: f + spread)
                }
            }
        }
    }

    /// At t = 0 alone the state is the initial state: the quantities are enclosed there in interval arithmetic,
    /// with no integrator built (whose Taylor coefficients take gigabytes at width 10^6). nil at other times.
    func valuesAtTheStart(of exprs: [Expr], at times: [Expr], bits: Int) throws -> [[[BigInterval]]]? {
        guard times.allSatisfy({ $0.numberValue?.isZero == true }) else { return nil }
        let context = IntervalContext(precision: bits)
        let inputs = try ModelInputs(model: model, context: context)
        var evaluator = try inputs.evaluator(for: exprs)
        let values = evaluator.evaluate(inputs.vector(t: context.constant(0), state: inputs.initialState))
        return times.map { _ in values }
    }

    /// The quantities at the integrator's values, for one tolerance, with where the integration switched
    /// branches of abs/min/max (and the system, which names them).
    func pointValues(of exprs: [Expr], at times: [Expr], tolerance: Double) throws
        -> (values: [[[BigFloat]]], switches: [SwitchingEvent<BigFloat>], system: ODESystem) {
        let context = MPFRContext(precision: Int(Precision.bits(forDigits: tolerance)) + 32)
        let inputs = try ModelInputs(model: model, context: context)
        let system = try ODESystem(
            state: model.stateVariables,
            rightHandSides: try model.derivation.states.map { try model.odeRightHandSide(of: $0.name) },
            parameters: model.systemParameters,
            timeSymbol: Derivation.time)
        let timeValues = try inputs.constants(times)
        // The integrator wants increasing times; keep the caller's order in the result.
        let order = timeValues.indices.sorted { timeValues[$0] < timeValues[$1] }
        guard let first = order.first, timeValues[first].sign >= 0 else {
            throw CheckError("times along an integration must be nonnegative")
        }
        let integrate = { () throws -> IntegrationResult in
            var integrator = try TaylorIntegrator(system: system, parameters: model.systemParameterValues(inputs),
                                                  context: context, tolerance: Tolerance(digits: tolerance))
            // The user's seconds bound each integration too (default: the integrator's own).
            integrator.budget = IntegrationBudget(maximumSteps: budget.maximumSteps,
                                                  maximumSeconds: budget.maximumSeconds ?? IntegrationBudget().maximumSeconds,
                                                  deadline: deadline)
            do {
                let sorted = try integrator.integrate(initial: inputs.initialState, from: context.constant(0), to: order.map { timeValues[$0] })
                var states = [[BigFloat]](repeating: [], count: times.count)
                for (k, i) in order.enumerated() { states[i] = sorted[k] }
                return IntegrationResult(states: states, switches: integrator.switchingEvents)
            } catch let error as IntegrationError where BudgetExhausted.reasons.contains(error.reason) {
                throw BudgetExhausted(error)
            }
        }
        let integration = try shared.map {
            try $0.value(for: .init(scenario: scenario, parameters: model.parameterValues, tolerance: tolerance, times: times),
                         deadline: deadline, compute: integrate)
        } ?? integrate()
        var evaluator = try inputs.evaluator(for: exprs)
        let results = times.indices.map { i in evaluator.evaluate(inputs.vector(t: timeValues[i], state: integration.states[i])) }
        return (results, integration.switches, system)
    }
}
