import PhasecheckFormat
import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckNumbers

/// Quantities along the model's iteration (`descent steps N` or `map` lines), in MPFR interval arithmetic:
/// every value is an enclosure, so comparisons escalate precision like those along a closed form. The
/// "times" asked for are step numbers, and `t` in the expressions is the step number.
struct IteratedTrajectory: Trajectory {
    let model: Model
    /// Multiplies the learning rates of gradient descent (1/2, 1/4, ... when checking the order in eta).
    var stepScale: BigRational = 1
    /// Iterations shared with the other claims of a run, and this model's scenario, part of their request.
    var shared: SharedRuns<IterationRequest, MapIterator<IntervalContext>.Run>? = nil
    var scenario: String? = nil
    /// The asking claim's deadline: how long it waits for an iteration another claim is computing.
    var deadline: ContinuousClock.Instant? = nil
    /// The asking check's precision cap: at its last attempt (no doubling left), plain boxes that lost their
    /// digits are followed by Lohner's centred form (see `lostTheirDigits`); before it, raising the boxes'
    /// precision costs less. nil: at every precision.
    var capBits: Int? = nil
    var isCertified: Bool { true }

    /// A component whose magnitude is certainly above this has escaped: the iteration diverges.
    static let escapeBound = BigRational(10).power(30)

    /// The steps as integers (claims give them as constant expressions).
    func stepNumbers(_ times: [Expr]) throws -> [Int] {
        try times.map { e in
            guard let q = model.expand(e).simplified().numberValue, q.isInteger, let (n, _) = q.smallParts, n >= 0 else {
                throw CheckError("a step must be a nonnegative integer, found `\(e)`")
            }
            return n
        }
    }

    /// The states whose iterates `exprs` read, closed under the map's dependencies (the states each update reads).
    func statesRead(by exprs: [Expr]) throws -> Set<String> {
        let names = Set(model.derivation.states.map(\.name))
        var read = names.intersection(exprs.flatMap { model.expand($0).freeSymbols })
        var pending = Array(read)
        while let state = pending.popLast() {
            let update = try model.derivation.training.maps[state].map { model.expand($0.expr) } ?? model.gradientFlow(of: state)
            for next in names.intersection(update?.freeSymbols ?? []) where read.insert(next).inserted { pending.append(next) }
        }
        return read
    }

    /// Runs the iteration to the largest of `steps`, stopping early if it escapes the bound. With `reading`, only the
    /// states those expressions read (`statesRead`) are updated; the others keep their initial values, so a state
    /// the expressions do not depend on can neither draw noise nor diverge for them.
    func run(steps: Set<Int>, bits: Int, reading exprs: [Expr]? = nil) throws -> (ModelInputs<IntervalContext>, MapIterator<IntervalContext>.Run) {
        let context = IntervalContext(precision: bits)
        let inputs = try ModelInputs(model: model, context: context)
        let iterated = try exprs.map(statesRead(by:))
        let frozen = Set(model.derivation.states.map(\.name)).subtracting(iterated ?? [])
        // Step 0 alone is the initial state: no update is taken, so a map that draws noise (whose later iterates
        // are random) is not needed there.
        let updates = try model.derivation.states.map { s in
            steps.allSatisfy { $0 == 0 } || iterated?.contains(s.name) == false
                ? Expr.symbol(s.name) : try model.iterationUpdate(of: s.name, stepScale: stepScale)
        }
        let system = try MapSystem(
            state: model.stateVariables,
            updates: updates,
            parameters: model.systemParameters, stepSymbol: Derivation.time)
        var iterator = try MapIterator(system: system, parameters: model.systemParameterValues(inputs),
                                       context: context)
        let bound = BigFloat(Self.escapeBound, precision: bits)
        let escapes = { (x: BigInterval) in x.lower > bound || x.upper < -bound }
        let iterate = {
            // Plain boxes first: they cost least, and most maps keep them narrow.
            let boxes = iterator.iterate(initial: inputs.initialState, keeping: steps, escape: escapes)
            guard capBits.map({ bits * 2 > $0 }) ?? true, frozen.isEmpty, Self.lostTheirDigits(boxes), var lohner = lohnerIteration(bits: bits) else { return boxes }
            return lohner.iterate(initial: inputs.initialState, keeping: steps, escape: escapes)
        }
        let request = IterationRequest(scenario: scenario, parameters: model.parameterValues, stepScale: stepScale, steps: steps, bits: bits,
                                       frozen: frozen)
        return (inputs, try shared.map { try $0.value(for: request, deadline: deadline, compute: iterate) } ?? iterate())
    }

    /// Whether plain boxes kept fewer than 8 bits of some component by the last step kept (or stopped being
    /// finite): the wrapping effect took more than the working precision. Boxes at a higher precision cost
    /// less than the centred form's matrix products (the Kaiming threshold at d = 10: boxes 0.2 s at 592
    /// bits, the centred form 21 s at 160; the flagship's 1000-step zeta: 0.16 s against 2.5 s), so the
    /// centred form is tried only at the cap (`capBits`), where the boxes have no bits left to gain.
    static func lostTheirDigits(_ run: MapIterator<IntervalContext>.Run) -> Bool {
        if case .notFinite = run.stop { return true }
        guard let last = run.states.max(by: { $0.key < $1.key })?.value else { return false }
        return last.contains { x in x.width > BigFloat.scaled(x.magnitudeUpper, byPowerOfTwo: -8) }
    }

    /// Maps of vector states with at most this many entries whose plain boxes lost their digits iterate in
    /// Lohner's centred form. Measured on the
    /// Kaiming threshold claim of derivations/large/xu_ziyin_gd_six_parameterizations.phc at d = 10 (20 entries):
    /// boxes need 592 bits and 0.2 s CPU, the centred form 160 bits but 21 s (Benchmarks/README.md); a step of
    /// the centred form costs about 3 n^2 / (operations per entry of the map) times a box step at the same
    /// precision, which the boxes' extra bits repay only for a few entries.
    static let largestCentredDimension = 8

    /// Lohner's centred form (`LohnerMapIteration`) for a map of vector states, whose plain boxes wrap (an
    /// error in a shared scalar such as a dot product reaches every component with its sign forgotten, so
    /// the widths grow like the max-norm of |J| rather than the Jacobian's spectral radius: on gradient
    /// descent near its stability edge, about 1.5 bits a step). nil (plain boxes) for scalar states, a map
    /// that uses the step number or vector parameters, or more than `largestCentredDimension` entries, where
    /// the centred form's n^3 matrix products a step cost more than the precision the boxes lose.
    func lohnerIteration(bits: Int) -> LohnerMapIteration? {
        // The entries are counted before the symbolic Jacobian (n^2 derivatives) is formed.
        guard model.derivation.training.noise.isEmpty, model.derivation.states.contains(where: { model.shape(of: $0) != .scalar }),
              model.stateVariables.reduce(0, { $0 + $1.slotCount }) <= Self.largestCentredDimension,
              let setting = try? FixedPointSetting(model: model, stepScale: stepScale), setting.problem.dynamics == .map,
              let equations = try? setting.evaluator(bits: bits) else { return nil }
        return LohnerMapIteration(fixedPointEquations: equations)
    }

    func values(of exprs: [Expr], at times: [Expr], bits: Int) throws -> [[[BigInterval]]] {
        let steps = try stepNumbers(times)
        let reached = try valuesUntilEscape(of: exprs, at: steps, bits: bits)
        return try zip(steps, reached.values).map { k, values in
            guard let values else {
                throw IterationDiverged(escapedAt: reached.escapedAt!, step: k)
            }
            return values
        }
    }

    /// A state the asked quantity reads passed 10^30 before the step asked: the iterate there is not a number.
    struct IterationDiverged: Error, CustomStringConvertible {
        let escapedAt: Int
        let step: Int
        var description: String { "the iteration diverges: a component exceeds 10^30 at step \(escapedAt), before step \(step)" }
    }

    /// Values at each step, nil for a step after the iteration escaped the bound (`escapedAt`, a certain
    /// divergence). A step whose enclosure lost its digits gets non-finite values, so that a caller tries
    /// a higher precision.
    func valuesUntilEscape(of exprs: [Expr], at steps: [Int], bits: Int) throws -> (values: [[[BigInterval]]?], escapedAt: Int?) {
        let (inputs, run) = try self.run(steps: Set(steps), bits: bits, reading: exprs)
        var evaluator = try inputs.evaluator(for: exprs)
        var escapedAt: Int? = nil
        if case .escaped(let at)? = run.stop { escapedAt = at }
        let values = steps.map { k -> [[BigInterval]]? in
            guard let state = run.states[k] else {
                switch run.stop {
                case .escaped?: return nil
                case .notFinite?:
                    // The enclosure lost its digits (or the iterate overflowed): non-finite values make the
                    // comparison try a higher precision, and report the overflow if that does not help.
                    let lost = [BigInterval](repeating: .entire(precision: bits), count: inputs.initialState.count)
                    return evaluator.evaluate(inputs.vector(t: inputs.context.constant(k), state: lost, reading: evaluator.tape))
                case nil: preconditionFailure("every requested step is kept")
                }
            }
            return evaluator.evaluate(inputs.vector(t: inputs.context.constant(k), state: state, reading: evaluator.tape))
        }
        return (values, escapedAt)
    }
}
