import PhasecheckDynamics
import PhasecheckFormat
import PhasecheckExpressions
import PhasecheckNumbers

/// Quantities along a validated enclosure of the model's flow (`ValidatedFlow`, the interval Taylor method):
/// rigorous, like a closed form, but each precision costs a whole integration in interval arithmetic. It is
/// the certificate behind a verdict along the integrator that its error estimate cannot settle (see
/// `ClaimCheck.certifyAlongValidatedFlow`).
struct ValidatedTrajectory: Trajectory {
    let model: Model
    let budget: ComputeBudget
    var deadline: ContinuousClock.Instant? = nil
    /// Where the switches the enclosure crossed are reported, as certified brackets (nil: not reported).
    var switchingLog: SwitchingLog? = nil
    /// The digits the claim asks for: the accuracy of the drifts' fixed-node sums (`QuadratureFlow`).
    var digits = 30
    var isCertified: Bool { true }

    /// Most state slots: the variational equation behind the centred form has n^2 more, and a step costs
    /// about n times a step of the flow alone (`DynamicsBenchmark validated-slots`). 32 takes the matrix ODEs of
    /// small networks (a 3-3-3 linear network has 18); the work budget (`ValidatedWorkBudget`) ends a longer one as undecided.
    static var maximumDimension: Int { 32 }

    /// The integrator's steps (`--max-steps`) per step's worth of the enclosure's work budget
    /// (`ValidatedWorkBudget`): 20,000 give it 250. Lotka-Volterra to t = 10 (63 steps, with retries) needs
    /// about 160; the Gaussian dead zone of e17_spring_block_drift to t = 5 (several hundred steps) stops after
    /// its first step, as it did when a wall-clock limit of 120 s per integration applied.
    static var stepsPerValidatedStep: Int { 80 }

    func values(of exprs: [Expr], at times: [Expr], bits: Int) throws -> [[[BigInterval]]] {
        let context = IntervalContext(precision: bits)
        let inputs = try ModelInputs(model: model, context: context)
        let quadrature = try IntegratedTrajectory(model: model, digits: digits, budget: budget).quadratureFlow(until: times)
        let system = try quadrature.map { try ODESystem(state: model.stateVariables, rightHandSides: $0.rightHandSides,
                                                         parameters: model.systemParameters, timeSymbol: Derivation.time) } ?? model.odeSystem()
        guard system.dimension <= Self.maximumDimension else {
            throw ValidationRefusal(time: 0, message: "the validated enclosure takes at most \(Self.maximumDimension) state slots (its variational equation has n^2 more); this model has \(system.dimension)")
        }
        let timeValues = try inputs.constants(times)
        guard timeValues.allSatisfy({ $0.isFinite && $0.lower.sign >= 0 }) else {
            throw CheckError("times along an integration must be nonnegative")
        }
        // Increasing distinct times (equal ones share an enclosure), in the caller's order in the result.
        var distinct: [BigInterval] = []
        for t in timeValues.sorted(by: { $0.lower < $1.lower }) where !distinct.contains(where: { $0 == t }) { distinct.append(t) }
        var flow = try ValidatedFlow(system: system, parameters: model.systemParameterValues(inputs), precision: bits)
        // The work that decides whether a certificate is reached is counted, not timed: the same verdict on
        // every machine. Only the user's --max-seconds bounds the wall time.
        flow.budget = IntegrationBudget(maximumSteps: budget.maximumSteps, deadline: deadline)
        flow.workBudget = ValidatedWorkBudget(steps: Swift.max(1, budget.maximumSteps / Self.stepsPerValidatedStep))
        let states = try flow.enclose(initial: inputs.initialState, at: distinct)
        if let reached = distinct.last { switchingLog?.record(validated: flow.switches, reached: reached, system: system, model: model) }
        if let quadrature {
            return try quadrature.values(of: exprs, model: model, at: times, states: timeValues.map { t in states[distinct.firstIndex { $0 == t }!] }, bits: bits)
        }
        var evaluator = try inputs.evaluator(for: exprs)
        return timeValues.map { t in
            evaluator.evaluate(inputs.vector(t: t, state: states[distinct.firstIndex { $0 == t }!], reading: evaluator.tape))
        }
    }
}
