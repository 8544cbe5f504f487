import Foundation
import PhasecheckFormat
import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckNumbers

/// The flow x' = G(x) = R(x, E(x)) of a model whose `ode` lines hold expectations E(x) = E f(x, xi) that depend on
/// the state and have no closed form (drifts such as E tanh(w x + b xi)), integrated as x' = R(x, Q(x)) with Q the
/// fixed-node sums of `FixedNodeExpectation`, and how far its states may be from the true flow's.
///
/// Over all states and t >= 0 (the bounds below are taken over the whole line, so they hold wherever the flow goes):
/// |G - G_Q| <= delta = max_i sum_e |dR_i/de| delta_e, delta_e the bound of |E_e - Q_e|; and the logarithmic norm
/// (max norm) of G's Jacobian is at most mu, J_ij = dR_i/dx_j + sum_e dR_i/de E[dF_e/dx_j], E[dF_e/dx_j] lying in
/// the range of dF_e/dx_j (all enclosed in interval arithmetic, e over the range of f). Then
/// d/dt |x - x_Q| <= mu |x - x_Q| + delta, so |x(t) - x_Q(t)| <= delta (e^(mu t) - 1)/mu (delta t for mu = 0), the
/// widening `stateError(at:)` that the trajectories add to every state before evaluating a quantity: the digits they
/// report are backed by the quadrature's bound as well as by the integrator's. Each delta_e is chosen so that the
/// widening at the last time asked is below 10^-digits.
struct QuadratureFlow: Sendable {
    let rightHandSides: [Expr]
    let perturbation: BigFloat
    let logarithmicNorm: BigFloat
    /// The accuracy the sums were built for (part of a shared integration's key).
    let digits: Int
    /// Evaluations of integrands per evaluation of the right-hand sides.
    let nodeCount: Int

    /// An upper bound of the max-norm distance at time t between the true flow and the flow of the sums.
    func stateError(at t: BigFloat) -> BigFloat {
        let time = BigInterval(t)
        let growth: BigInterval
        if logarithmicNorm.isZero {
            growth = time
        } else {
            let mu = BigInterval(logarithmicNorm)
            growth = BigInterval.apply(.expm1, mu * time) / mu
        }
        return (growth * BigInterval(perturbation)).upper
    }

    /// The quantities `exprs` of `model` at `times`, given enclosures of the sums' flow there (`states`, flattened), over
    /// those states widened by `stateError`: enclosures of the true flow's quantities.
    func values(of exprs: [Expr], model: Model, at times: [Expr], states: [[BigInterval]], bits: Int) throws -> [[[BigInterval]]] {
        let context = IntervalContext(precision: bits)
        let inputs = try ModelInputs(model: model, context: context)
        let timeValues = try inputs.constants(times)
        var evaluator = try inputs.evaluator(for: exprs)
        return zip(timeValues, states).map { t, state in
            let error = stateError(at: t.upper)
            let widened = state.map { $0 + BigInterval(lower: -error, upper: error) }
            return evaluator.evaluate(inputs.vector(t: t, state: widened, reading: evaluator.tape))
        }
    }

    /// The symbols of the model's smooth expectations that depend on the state or t (with the parameters' values in
    /// place), with their expectations so resolved: empty when the flow has none.
    static func drifts(of model: Model) -> [(symbol: String, expectation: DeferredExpectation)] {
        let values = ModelTape.parameterValues(of: model)
        let moving = Set(model.derivation.states.map(\.name) + [Derivation.time])
        return model.derivation.smoothExpectations.compactMap { smooth in
            let resolved = smooth.expectation.mapExpressions { model.expand($0).substituting(values) }
            let used = resolved.integrand.freeSymbols.subtracting([resolved.variable]).union(resolved.lawParameters.flatMap(\.freeSymbols))
            return used.isDisjoint(with: moving) ? nil : (smooth.symbol, resolved)
        }
    }

    /// The flow of `model` with its drifts replaced by sums good to 10^-digits in the states up to time `horizon`;
    /// nil when the model has no drift. Throws `CheckError` with the reason when no such bound can be given.
    static func make(model: Model, horizon: BigFloat, digits: Int) throws -> QuadratureFlow? {
        let drifts = Self.drifts(of: model)
        guard !drifts.isEmpty else { return nil }
        let states = model.derivation.states.map(\.name)
        guard model.derivation.states.allSatisfy({ model.shape(of: $0) == .scalar }) else {
            throw CheckError("a drift expectation without a closed form is taken by a fixed-node rule for scalar states only")
        }
        let values = ModelTape.parameterValues(of: model)
        let rightHandSides = try states.map { try model.odeRightHandSide(of: $0).substituting(values) }
        let precision = 128
        let entire = BigInterval.entire(precision: precision)
        let nonnegative = BigInterval(lower: BigFloat(0, precision: precision), upper: BigFloat.infinity(precision: precision))
        let inputs = states + [Derivation.time]
        let box = states.map { _ in entire } + [nonnegative]
        let context = IntervalContext(precision: precision)

        // Each drift's standardized integrand, its range and the ranges of its derivatives in the states.
        var ranges: [BigInterval] = [], slopes: [[BigInterval]] = []
        for (_, d) in drifts {
            let z = Expr.symbol(d.variable)
            let (standardized, domain): (Expr, BigInterval) = switch d.law {
            case .normal(let mean, let sd): (mean + sd * z, entire)
            case .uniform(let a, let b): (a + (b - a) * z, BigInterval(lower: BigFloat(0, precision: precision), upper: BigFloat(1, precision: precision)))
            case .rademacher: preconditionFailure("a Rademacher expectation is always exact")
            }
            let F = d.integrand.substituting([d.variable: standardized])
            do {
                _ = try FixedNodeExpectation.kinkPlaces(of: F, variable: d.variable)
            } catch let error as ExpectationQuadratureError { throw CheckError("the drift \(error.reason)") }
            let derivatives = try states.map { try F.derivative(withRespectTo: $0) }
            let enclosed = try enclose([F] + derivatives, inputs: inputs + [d.variable], at: box + [domain], context: context)
            guard enclosed.allSatisfy(\.isFinite) else {
                throw CheckError("the drift `expect(\(d.integrand), \(d.variable) ~ ...)` or its derivative in the state is not bounded over all states, "
                                 + "so the fixed-node rule's error cannot be carried through the flow (a bound over a box of the trajectory is not implemented)")
            }
            ranges.append(enclosed[0])
            slopes.append(Array(enclosed.dropFirst()))
        }

        // dR_i/dx_j, dR_i/de over all states, t >= 0 and e within its range (widened by 1 >= the rule's error).
        let driftSymbols = drifts.map(\.symbol)
        let widened = ranges.map { $0 + BigInterval(lower: BigFloat(-1, precision: precision), upper: BigFloat(1, precision: precision)) }
        var jacobian = [[BigInterval]](), sensitivities = [[BigInterval]]()
        for rhs in rightHandSides {
            let partials = try (states + driftSymbols).map { try rhs.derivative(withRespectTo: $0) }
            // Other symbols left (a constant smooth expectation, an initial value) are taken over the whole line.
            let others = Array(Set(partials.flatMap(\.freeSymbols)).subtracting(inputs + driftSymbols + [ReservedSymbols.pi])).sorted()
            let enclosed = try enclose(partials, inputs: inputs + driftSymbols + others, at: box + widened + others.map { _ in entire }, context: context)
            let byState = Array(enclosed.prefix(states.count)), byDrift = Array(enclosed.dropFirst(states.count))
            jacobian.append(byState.indices.map { j in
                byDrift.indices.reduce(byState[j]) { $0 + byDrift[$1] * slopes[$1][j] }
            })
            sensitivities.append(byDrift)
        }
        var mu = BigFloat.infinity(precision: 64, negative: true)
        for (i, row) in jacobian.enumerated() {
            var bound = BigInterval(row[i].upper)
            for (j, entry) in row.enumerated() where j != i { bound = bound + BigInterval(entry.magnitudeUpper) }
            mu = BigFloat.max(mu, bound.upper)
        }
        guard mu.isFinite else {
            throw CheckError("the flow's Jacobian is not bounded over all states, so the fixed-node rule's error cannot be carried through the flow "
                             + "(a Gronwall bound over a box of the trajectory is not implemented)")
        }

        // Each drift's share of 10^-digits at the horizon.
        let weights = sensitivities.map { row in row.map(\.magnitudeUpper) }
        let largestWeight = weights.flatMap { $0 }.reduce(BigFloat(0, precision: 64)) { BigFloat.max($0, $1) }
        let unitFlow = QuadratureFlow(rightHandSides: [], perturbation: BigFloat(1, precision: 64), logarithmicNorm: mu, digits: digits, nodeCount: 0)
        let amplification = Swift.max(1, unitFlow.stateError(at: horizon).doubleValue * largestWeight.doubleValue * Double(drifts.count))
        guard amplification.isFinite else { throw CheckError("the flow amplifies the quadrature's error beyond any bound by t = \(horizon.doubleValue)") }
        let ruleDigits = digits + Int(log10(amplification).rounded(.up))
        var sums: [String: Expr] = [:], bounds: [BigFloat] = [], nodes = 0
        for (symbol, d) in drifts {
            let rule: FixedNodeExpectation
            do {
                rule = try FixedNodeQuadratureCache.shared.rule(for: d, inputs: inputs, box: box, digits: ruleDigits)
            } catch let error as ExpectationQuadratureError {
                throw CheckError("the drift `expect(\(d.integrand), \(d.variable) ~ ...)` has no fixed-node rule good to 10^-\(ruleDigits) over all states: \(error.reason)")
            }
            // The sensitivities above took the drift within 1 of its range.
            guard rule.errorBound <= BigFloat(1, precision: 64) else {
                throw CheckError("the drift `expect(\(d.integrand), \(d.variable) ~ ...)` has a fixed-node rule whose error bound over all states, \(rule.errorBound.doubleValue), exceeds 1")
            }
            sums[symbol] = rule.sum
            bounds.append(rule.errorBound)
            nodes += rule.nodeCount
        }
        var perturbation = BigFloat(0, precision: 64)
        for row in weights {
            var total = BigInterval(BigFloat(0, precision: 64))
            for (w, b) in zip(row, bounds) { total = total + BigInterval(w) * BigInterval(b) }
            perturbation = BigFloat.max(perturbation, total.upper)
        }
        return QuadratureFlow(rightHandSides: rightHandSides.map { $0.substituting(sums) }, perturbation: perturbation,
                              logarithmicNorm: mu, digits: digits, nodeCount: nodes)
    }

    /// Enclosures of scalar expressions over a box of their inputs.
    private static func enclose(_ exprs: [Expr], inputs: [String], at box: [BigInterval], context: IntervalContext) throws -> [BigInterval] {
        let tape = try Tape(compiling: exprs, inputs: inputs.map { (name: $0, shape: Shape.scalar) })
        var evaluator = TapeEvaluator(tape: tape, context: context)
        return evaluator.evaluate(box).map { $0[0] }
    }
}

/// The fixed-node rules of drift expectations, shared by every claim and precision of a run (one per expectation and
/// accuracy: building one costs a Taylor enclosure per piece).
final class FixedNodeQuadratureCache: @unchecked Sendable {
    static let shared = FixedNodeQuadratureCache()
    private let lock = NSLock()
    private var rules: [String: FixedNodeExpectation] = [:]

    func rule(for d: DeferredExpectation, inputs: [String], box: [BigInterval], digits: Int) throws -> FixedNodeExpectation {
        let key = "\(d.integrand) | \(d.variable) ~ \(d.law.name)\(d.lawParameters.map(\.description)) | \(inputs) | \(digits)"
        if let rule = lock.withLock({ rules[key] }) { return rule }
        let rule = try FixedNodeExpectation(integrand: d.integrand, variable: d.variable, law: d.law, inputs: inputs, box: box,
                                            tolerance: BigRational(1, 10).power(digits))
        lock.withLock { rules[key] = rule }
        return rule
    }
}
