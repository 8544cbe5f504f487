import PhasecheckFormat
import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckNumbers

/// Quantities along a numerical solution of the model's ODE: the Taylor integrator in MPFR.
///
/// Every quantity is returned as the value of an integration at a tolerance of D + 10 digits (D + 2 where
/// the error is scaled from a low run, below; the "fine" one) plus or minus an estimate of the error of an
/// integration at D digits (the "coarse" one): an error estimate (not a bound; hence `isCertified` is false)
/// that is large where the orbit loses digits (cancellation, a near-singular value), so that comparisons
/// escalate instead of failing there, and that the fine value's own error is about 10^10 (10^2 or more) below. D is the digits asked for plus 10, or what the working
/// precision `bits` allows if that is more: raising `bits` tightens the tolerance (where the error is scaled from
/// a low run, D is first taken 5 digits lower; below).
///
/// How the coarse error is obtained depends on D:
/// - measured: the coarse integration is run too, and the estimate is its distance to the fine one (below
///   `smallestScaledTolerance`, and wherever a prediction's premises fail);
/// - predicted, from `smallestScaledTolerance` to `smallestPredictedTolerance` (every run at the default
///   digits): one integration at the low tolerance L = D'/2, whose distance to the fine one (its error) is
///   scaled by 10^-(D' - L - predictionGuardDigits), and the fine integration at D' + `scaledFineDigits`
///   instead of D + 10, with D' = D - `leanToleranceCut` where that still backs every quantity to the claim's
///   digits and one more (35 at 30 digits asked: orders 21 and 44 at 88 and 154 bits, against 48 and 59 at 165
///   and 198 for the measured estimate; Benchmarks/README.md, "Matrix functions at scale"), else D' = D with
///   the same low run;
/// - predicted, from `smallestPredictedTolerance` on: the same two-tolerance estimate is made at
///   `estimatingDigits` and `estimatingDigits + 10` (cheap: at 300 digits asked it costs about 1% of the fine
///   run) and scaled by 10^-(D - estimatingDigits - predictionGuardDigits).
/// Why a prediction holds: the errors of an integration are truncation and rounding errors of size about
/// the tolerance, carried along by the flow's linearization while they are small: the whole error is then
/// proportional to the tolerance, the constant (the flow's amplification, the cancellations in the
/// quantities) being what the low run measures. The proportionality is not exact (orders and step counts
/// change with D; `predictionGuardDigits` covers the order's rounding), and the fine value is still 10^10
/// (from `smallestPredictedTolerance` on) or 10^4 (below: 10^2 from its tolerance, 10^2 from the guard; the
/// orders' rounding took up to 10^1.8 of it in IntegrationEstimateTests' cases) more accurate than the coarse
/// error predicted, by the same scaling. It is used only where its premises are checked: the low run's states agree with the
/// other's to more than half of the low run's digits (errors still small, the flow still linear; for the one
/// low run below `smallestPredictedTolerance`, its quantities too) and no
/// integration switched branches of abs/min/max (a switch moves with the tolerance in ways the scaling does
/// not model); otherwise the coarse integration is run (with the fine one at D + 10).
/// At 300 and 1000 digits this skips the coarse integration, about half of the work of a claim.
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
    /// The work of this trajectory's integrations, by precision (`unaffordable`).
    let meter = WorkMeter()
    var isCertified: Bool { false }

    /// The coarser of the two tolerances used at `bits`, in decimal digits.
    func toleranceDigits(bits: Int) -> Double {
        Swift.max(Double(digits + 10), (Precision.digits(forBits: Double(bits)) - 4).rounded(.down))
    }

    /// From this coarse tolerance (digits) on, the coarse error is predicted from the pair at
    /// `estimatingDigits` and 10 more (see the type's documentation).
    static var smallestPredictedTolerance: Double { 4 * estimatingDigits }
    /// From this coarse tolerance (digits) up to `smallestPredictedTolerance`, the coarse error is predicted
    /// from one integration at half of it: the default 30 digits asked (D = 40) and more.
    static var smallestScaledTolerance: Double { estimatingDigits }
    /// How many digits finer than D the fine integration is where the coarse error is scaled from one low
    /// integration (10 where it is measured): with `predictionGuardDigits`, the spread is 10^4 times the fine run's
    /// own error as predicted by the same scaling; measured, 10^2.2-10^3 times its true error (against mpmath,
    /// the matrix benchmark's network at n = 5: the order's rounding in the low and the fine run took the rest;
    /// 10^1.2 with one digit instead of two).
    static var scaledFineDigits: Double { 2 }
    /// How many digits below the coarse tolerance from `bits` (the digits asked plus 10) the scaled estimate is
    /// first made: 35 at 30 digits asked leaves 3 digits (the guard taking 2) for the flow's amplification and the
    /// quantities' cancellations before the claim's digits are no longer backed and the coarse tolerance is used.
    static var leanToleranceCut: Double { 5 }
    /// The coarser tolerance of the pair that predicts the coarse error (that of a claim at 30 digits).
    static var estimatingDigits: Double { 40 }
    /// How much wider than the scaled low pair's spread a prediction is made: the Taylor order is the
    /// tolerance's rounded up, which leaves the truncation error between 1 and e^-2 of the tolerance, a
    /// factor of up to 10^0.87 between two tolerances; measured, predictions without it fell 0.6-0.9
    /// digits short of the coarse integration's measured error (IntegrationEstimateTests).
    static var predictionGuardDigits: Int { 2 }

    func values(of exprs: [Expr], at times: [Expr], bits: Int) throws -> [[[BigInterval]]] {
        let spent = meter.spent
        defer { meter.attribute(meter.spent - spent, toBits: bits) }
        if let atStart = try valuesAtTheStart(of: exprs, at: times, bits: bits) { return atStart }
        let flow = try quadratureFlow(until: times)
        let coarse = toleranceDigits(bits: bits)
        // Compiled once for the two or three integrations below (a closed form's tape with `expm` of 2n x 2n
        // matrices takes a few percent of a run).
        let quantities = try model.quantitiesTape(exprs)
        if (Self.smallestScaledTolerance..<Self.smallestPredictedTolerance).contains(coarse),
           let (fine, spreads, _) = try scaledFromALowRun(of: quantities, at: times, tolerance: coarse, flow: flow) {
            return try intervals(fine, spreads, of: exprs, at: times, bits: bits, flow: flow)
        }
        let fine = try pointValues(of: quantities, at: times, tolerance: coarse + 10, flow: flow)
        let spreads: [[[BigFloat]]]
        if coarse >= Self.smallestPredictedTolerance, fine.switches.isEmpty,
           let predicted = try predictedSpreads(of: quantities, at: times, tolerance: coarse, flow: flow) {
            spreads = predicted
        } else {
            let rough = try pointValues(of: quantities, at: times, tolerance: coarse, flow: flow)
            switchingLog?.record(fine: fine.switches, rough: rough.switches, system: fine.system, model: model)
            spreads = Self.distances(fine.values, rough.values)
        }
        return try intervals(fine, spreads, of: exprs, at: times, bits: bits, flow: flow)
    }

    /// The fine run's quantities +- spread, entry by entry; with a quadrature flow, the quantities over the states
    /// widened by the sums' distance to the true flow, then by the spread.
    func intervals(_ fine: PointValues, _ spreads: [[[BigFloat]]], of exprs: [Expr], at times: [Expr], bits: Int, flow: QuadratureFlow?) throws -> [[[BigInterval]]] {
        let centres: [[[BigInterval]]]
        if let flow {
            centres = try flow.values(of: exprs, model: model, at: times, states: fine.states.map { $0.map(BigInterval.init) }, bits: bits)
        } else {
            centres = fine.values.map { $0.map { $0.map(BigInterval.init) } }
        }
        return zip(centres, spreads).map { atTime, spreadAtTime in
            zip(atTime, spreadAtTime).map { expr, spreadExpr in
                zip(expr, spreadExpr).map { v, spread in BigInterval(lower: v.lower - spread, upper: v.upper + spread) }
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
        let values = evaluator.evaluate(inputs.vector(t: context.constant(0), state: inputs.initialState, reading: evaluator.tape))
        return times.map { _ in values }
    }

    /// How much more work the integrations at twice the precision do than at `bits`: orders twice as high
    /// (p^2 in `TaylorWork`) on numbers twice as long.
    static var raisedWorkFactor: Double { 8 }

    /// Why the integrations at twice `bits` are not run: `raisedWorkFactor` times their work at `bits` would
    /// pass what is left of the work budget (nil: it would not).
    func unaffordable(raisingFrom bits: Int) -> String? {
        guard let last = meter.work(atBits: bits) else { return nil }
        let next = Self.raisedWorkFactor * last, spent = meter.spent
        guard spent + next > budget.maximumWork else { return nil }
        return "the integrations were not run at \(2 * bits) bits: they would take about \(TaylorWork.text(next)) work units "
            + "(\(Int(Self.raisedWorkFactor)) times the \(TaylorWork.text(last)) at \(bits) bits), beyond what is left of the work budget "
            + "of \(TaylorWork.text(budget.maximumWork)) (\(TaylorWork.text(Swift.max(0, budget.maximumWork - spent)))), counted the same "
            + "on every machine; raise it with --max-work"
    }

    /// |a - b| entry by entry.
    static func distances(_ a: [[[BigFloat]]], _ b: [[[BigFloat]]]) -> [[[BigFloat]]] {
        zip(a, b).map { aAtTime, bAtTime in
            zip(aAtTime, bAtTime).map { aExpr, bExpr in zip(aExpr, bExpr).map { BigFloat.abs($0 - $1) } }
        }
    }

    /// The error of the integration at `tolerance` digits, predicted from the pair at `estimatingDigits` and
    /// 10 more (see the type's documentation); nil where the pair cannot predict it (it switched branches,
    /// its states differ by more than half of their digits, or it failed other than by the budget).
    func predictedSpreads(of quantities: Tape, at times: [Expr], tolerance: Double, flow: QuadratureFlow? = nil) throws -> [[[BigFloat]]]? {
        let low = Self.estimatingDigits
        guard let rough = try pointValuesUnlessFailed(of: quantities, at: times, tolerance: low, flow: flow),
              let fine = try pointValuesUnlessFailed(of: quantities, at: times, tolerance: low + 10, flow: flow) else { return nil }
        return Self.scaledSpreads(rough: rough, fine: fine, roughTolerance: low, tolerance: tolerance)
    }

    /// The fine values (at the coarse tolerance + `scaledFineDigits`) and the error of the integration at the coarse
    /// tolerance, predicted from one integration at about half of it (see the type's documentation). The coarse
    /// tolerance is first `leanToleranceCut` digits below `tolerance` (35 for the default 30 digits), kept where every
    /// quantity is then backed to the claim's digits and one more (relative to itself), else `tolerance`, with the same low run.
    /// nil where the error cannot be predicted (as in `predictedSpreads`).
    func scaledFromALowRun(of quantities: Tape, at times: [Expr], tolerance: Double, flow: QuadratureFlow? = nil) throws -> ScaledEstimate? {
        let lean = tolerance - Self.leanToleranceCut
        let low = (lean / 2).rounded(.down)
        // The low run first: where it switches branches (a system with abs/min/max), the fine run it would
        // have been compared with is not paid for.
        guard let rough = try pointValuesUnlessFailed(of: quantities, at: times, tolerance: low, flow: flow), rough.switches.isEmpty else { return nil }
        func scaled(to coarse: Double) throws -> ScaledEstimate? {
            guard let fine = try pointValuesUnlessFailed(of: quantities, at: times, tolerance: coarse + Self.scaledFineDigits, flow: flow),
                  let spreads = Self.scaledSpreads(rough: rough, fine: fine, roughTolerance: low, tolerance: coarse),
                  Self.agreeToHalfTheirDigits(rough.values, fine.values, digits: low) else { return nil }
            return (fine, spreads, coarse)
        }
        guard let leanRun = try scaled(to: lean) else { return nil }
        if Self.backEveryValue(leanRun.fine.values, leanRun.spreads, digits: Double(digits + 1)) { return leanRun }
        return try scaled(to: tolerance)
    }

    /// The fine run, the predicted error of the integration at the coarse tolerance, and that tolerance.
    typealias ScaledEstimate = (fine: PointValues, spreads: [[[BigFloat]]], coarse: Double)

    /// Whether every spread is at most 10^-digits of its value.
    static func backEveryValue(_ values: [[[BigFloat]]], _ spreads: [[[BigFloat]]], digits: Double) -> Bool {
        everyDeviation(spreads, isWithin: digits, digitsOf: values)
    }

    /// Whether every deviation is 0 or at most 10^-digits of its reference, entry by entry.
    static func everyDeviation(_ deviations: [[[BigFloat]]], isWithin digits: Double, digitsOf references: [[[BigFloat]]]) -> Bool {
        zip(deviations.joined().joined(), references.joined().joined()).allSatisfy { deviation, reference in
            deviation.isZero || deviation.logMagnitude <= reference.logMagnitude - digits * Double.log(10)
        }
    }

    /// Whether every value of the low run agrees with the fine one to half of the low run's digits, relative to
    /// the fine value: a quantity's error is proportional to its state's only while small against the quantity
    /// (the loss (u w - y)^2/2 of a converged orbit, 10^-70 at t = 20, takes the square of the low run's state
    /// error instead, about 10^-40). A quantity that is 0 up to rounding (a conserved value minus its start)
    /// fails this too, and is measured.
    static func agreeToHalfTheirDigits(_ rough: [[[BigFloat]]], _ fine: [[[BigFloat]]], digits: Double) -> Bool {
        everyDeviation(distances(rough, fine), isWithin: 0.5 * digits, digitsOf: fine)
    }

    /// The values at one tolerance, nil where the integration failed other than by the budget.
    func pointValuesUnlessFailed(of quantities: Tape, at times: [Expr], tolerance: Double, flow: QuadratureFlow?) throws -> PointValues? {
        do {
            return try pointValues(of: quantities, at: times, tolerance: tolerance, flow: flow)
        } catch let error as BudgetExhausted {
            throw error
        } catch {
            return nil
        }
    }

    /// The distance between the values at `roughTolerance` and at a finer one, scaled to the error of an
    /// integration at `tolerance` (with `predictionGuardDigits`); nil where the premises fail: a run switched
    /// branches, or the states differ by more than half of the rough run's digits.
    static func scaledSpreads(rough: PointValues, fine: PointValues, roughTolerance: Double, tolerance: Double) -> [[[BigFloat]]]? {
        guard rough.switches.isEmpty, fine.switches.isEmpty else { return nil }
        let linear = zip(rough.states, fine.states).allSatisfy { r, f in
            let norm = f.map(\.logMagnitude).max() ?? -.infinity
            let distance = zip(r, f).map { BigFloat.abs($0 - $1).logMagnitude }.max() ?? -.infinity
            return distance == -.infinity || distance <= norm - 0.5 * roughTolerance * Double.log(10)
        }
        guard linear else { return nil }
        let scale = BigFloat.pow(BigFloat(10, precision: 64), predictionGuardDigits - Int(tolerance - roughTolerance))
        return distances(fine.values, rough.values).map { $0.map { $0.map { $0 * scale } } }
    }

    /// The quantities at one tolerance, the states they were computed from (at each time), where the
    /// integration switched branches of abs/min/max, and the system (which names them).
    typealias PointValues = (values: [[[BigFloat]]], states: [[BigFloat]], switches: [SwitchingEvent<BigFloat>], system: ODESystem)

    /// The flow of the model's drifts' fixed-node sums, good to the claim's digits up to the last of `times` (nil: no drift).
    func quadratureFlow(until times: [Expr]) throws -> QuadratureFlow? {
        guard !QuadratureFlow.drifts(of: model).isEmpty else { return nil }
        let last = try ModelInputs(model: model, context: MPFRContext(precision: 64)).constants(times).max() ?? BigFloat(0, precision: 64)
        return try QuadratureFlow.make(model: model, horizon: last, digits: digits)
    }

    /// The quantities (`Model.quantitiesTape`) at the integrator's values, for one tolerance (along the flow of
    /// the drifts' sums if `flow`).
    func pointValues(of quantities: Tape, at times: [Expr], tolerance: Double, flow: QuadratureFlow? = nil) throws -> PointValues {
        let bits = Int(Precision.bits(forDigits: tolerance)) + 32
        let context = MPFRContext(precision: bits)
        let inputs = try ModelInputs(model: model, context: context)
        let system = try ODESystem(
            state: model.stateVariables,
            rightHandSides: try flow?.rightHandSides ?? model.derivation.states.map { try model.odeRightHandSide(of: $0.name) },
            parameters: model.systemParameters,
            timeSymbol: Derivation.time)
        let timeValues = try inputs.constants(times)
        guard let first = timeValues.min(), first.sign >= 0 else {
            throw CheckError("times along an integration must be nonnegative")
        }
        // The model's own right-hand side is checked for rounding loss; not the quadrature flow's sums, nor a model with
        // expectations without a closed form, whose enclosures carry their quadrature's error bound, which no precision
        // narrows (a two-variable Gaussian average in a `let` counted as 49224 bits lost at 49152).
        let checked = flow == nil && model.derivation.smoothExpectations.isEmpty
        let integrate = { try self.integration(of: system, at: times, tolerance: tolerance, startingAt: bits, checkingTheRightHandSide: checked) }
        let integration = try shared.map {
            try $0.value(for: .init(scenario: scenario, parameters: model.parameterValues, tolerance: tolerance, times: times,
                               quadratureDigits: flow?.digits),
                         deadline: deadline, compute: integrate)
        } ?? integrate()
        meter.charge(integration.work)
        var evaluator = TapeEvaluator(tape: quantities, context: context)
        let results = times.indices.map { i in evaluator.evaluate(inputs.vector(t: timeValues[i], state: integration.states[i], reading: evaluator.tape)) }
        return (results, integration.states, integration.switches, system)
    }

    /// How many of the 32 guard bits above the tolerance the right-hand side may lose to rounding before the
    /// working precision is raised: half of them.
    static var tolerableRightHandSideLoss: Double { 16 }

    /// The integration at `tolerance` (digits) and `startBits`, with the precision raised by the bits the
    /// right-hand side loses to rounding (checked at the start and at every reported time) until the bits left
    /// are those of `startBits` but `tolerableRightHandSideLoss`. Both tolerances of the error estimate round
    /// the same way: a right-hand side such as (b x + 1) - b x at b = 10^300 loses its 1 identically in both, so
    /// their agreement says nothing and only this check sees the loss. Past the budget's precision cap the
    /// integration is given up (undecided, by `BudgetExhausted`).
    func integration(of system: ODESystem, at times: [Expr], tolerance: Double, startingAt startBits: Int, checkingTheRightHandSide check: Bool) throws -> IntegrationResult {
        let cap = budget.capBits(startingAt: startBits, defaultMultiple: 16)
        var bits = startBits
        /// Whether `lost` bits leave too few at `bits`; if so, raises `bits` to keep `startBits` of them (twice
        /// the bits where all were lost, when the enclosure no longer tells how many).
        func raisedFor(losing lost: Double, at place: String) throws -> Bool {
            guard Double(bits) - lost < Double(startBits) - Self.tolerableRightHandSideLoss else { return false }
            let next = lost < Double(bits) ? startBits + Int(lost.rounded(.up)) : 2 * bits
            guard next <= cap else {
                throw BudgetExhausted("the right-hand side loses \(Int(lost.rounded(.up))) of its \(bits) bits to rounding (cancellation) \(place); "
                    + "resolving it needs \(next) bits, beyond the precision cap of \(cap) bits; raise it with --max-bits")
            }
            bits = next
            return true
        }
        while true {
            let context = MPFRContext(precision: bits)
            let inputs = try ModelInputs(model: model, context: context)
            let timeValues = try inputs.constants(times)
            // The integrator wants increasing times; keep the caller's order in the result.
            let order = timeValues.indices.sorted { timeValues[$0] < timeValues[$1] }
            if check {
                let lost = try rightHandSideLoss(bits: bits, at: [(context.constant(0), inputs.initialState)])
                if try raisedFor(losing: lost, at: "at the start") { continue }
            }
            var integrator = try TaylorIntegrator(system: system, parameters: model.systemParameterValues(inputs),
                                                  context: context, tolerance: Tolerance(digits: tolerance))
            // Counted limits; the wall clock only where the user set --max-seconds (its deadline).
            integrator.budget = IntegrationBudget(maximumSteps: budget.maximumSteps, maximumWork: budget.maximumWork, deadline: deadline)
            // Graded precision sizes each order's bits by its terms against the tolerance alone: a raised precision
            // is kept for every order, or the cancellation it resolves would come back in the coefficients.
            integrator.gradedPrecision = bits == startBits
            let sorted: [[BigFloat]]
            do {
                sorted = try integrator.integrate(initial: inputs.initialState, from: context.constant(0), to: order.map { timeValues[$0] })
            } catch let error as IntegrationError where BudgetExhausted.reasons.contains(error.reason) {
                throw BudgetExhausted(error)
            }
            if check {
                let lost = try rightHandSideLoss(bits: bits, at: order.enumerated().map { k, i in (timeValues[i], sorted[k]) })
                if try raisedFor(losing: lost, at: "along the integration") { continue }
            }
            var states = [[BigFloat]](repeating: [], count: times.count)
            for (k, i) in order.enumerated() { states[i] = sorted[k] }
            return IntegrationResult(states: states, switches: integrator.switchingEvents, work: integrator.statistics.work)
        }
    }

    /// The most bits the model's right-hand side loses to rounding at `bits` at these points: it is enclosed in
    /// interval arithmetic at that precision, and an enclosure's width against the scale of the point (the
    /// largest state and the largest right-hand side certainly away from 0, else 1) counts the bits lost.
    /// Enclosures that say nothing (NaN: an expectation the interval inputs leave out) are not judged.
    func rightHandSideLoss(bits: Int, at points: [(t: BigFloat, state: [BigFloat])]) throws -> Double {
        let context = IntervalContext(precision: bits)
        let inputs = try ModelInputs(model: model, context: context)
        var evaluator = try inputs.evaluator(for: model.derivation.states.map { try model.odeRightHandSide(of: $0.name) })
        var worst = 0.0
        for (t, state) in points {
            let enclosures = evaluator.evaluate(inputs.vector(t: BigInterval(t), state: state.map(BigInterval.init), reading: evaluator.tape))
                .joined().filter(\.isFinite)
            let awayFromZero = enclosures.map { $0.containsZero ? -Double.infinity : BigFloat.min(BigFloat.abs($0.lower), BigFloat.abs($0.upper)).logMagnitude }
            // Where the state is 0 and no right-hand side is certainly away from 0, the scale is 1: the integrator's
            // absolute tolerance.
            let largest = (state.map(\.logMagnitude) + awayFromZero).max() ?? -.infinity
            let scale = largest.isFinite ? largest : 0
            for enclosure in enclosures where !enclosure.width.isZero {
                worst = Swift.max(worst, Double(bits) + (enclosure.width.logMagnitude - scale) / Double.log(2))
            }
        }
        return worst
    }
}
