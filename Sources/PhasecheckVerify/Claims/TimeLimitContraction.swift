import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckFormat
import PhasecheckNumbers

/// `value E at t = inf == V` proved rather than watched: when the state at some time T lies in a ball around
/// an equilibrium on which the flow contracts (`ContractingBall`, the certificate of `converges to`), the state
/// tends to the ball's one equilibrium x*, and E, continuous where its interval enclosure is finite, tends to
/// E(x*). E and V are then compared over the enclosure of x* instead of at growing times: a limit of 0 holds
/// with an exponential rate, and a wrong V fails, however slowly E settles. Scalar, vector and matrix states
/// alike: the unknowns are every state's entries (row-major), as for fixed points (`FixedPointSetting`).
extension ClaimCheck {
    /// E and V over the enclosure of the equilibrium the state tends to, with how that was shown.
    struct ContractedLimit {
        /// One per entry of E.
        var values: [BigInterval]
        var expected: [BigInterval]
        var time: BigRational
        var ball: ContractingBall
        /// The `invariant` claims whose level set the flow was restricted to (`LevelSetRestriction`), if any.
        var levelSet: [String]?
        var distance: BigFloat { ball.distanceUpper }
    }

    /// Why a limit was not proved by contraction (the sampled route then decides, or the claim stays undecided
    /// with this reason).
    struct LimitNotContracted: Error {
        let reason: String
        /// Set when the equilibrium nearest the state has no Lyapunov norm and a singular Jacobian: a curve or
        /// surface of equilibria (such as of minima), or a degenerate saddle (the origin of a deep linear network).
        var singular: SingularEquilibrium? = nil
    }

    /// Where a contraction proof met a singular equilibrium: the state then and its distance to the equilibrium.
    /// A state settling onto a curve of equilibria stays within about that distance and meets the same; one
    /// leaving a degenerate saddle's plateau moves farther, and only then is the proof worth trying again.
    struct SingularEquilibrium {
        let state: [BigFloat]
        let distance: BigFloat

        /// Whether `x` is within twice the distance of the state then (the proof would meet the same equilibrium).
        func stillNear(_ x: [BigInterval]) -> Bool {
            let moved = zip(x, state).reduce(BigFloat(0, precision: distance.precision)) { BigFloat.max($0, BigFloat.abs($1.0.midpoint - $1.1)) }
            return moved <= distance * BigFloat(2, precision: distance.precision)
        }
    }

    /// The flow's equilibrium problem over the entries of every state, or why the limit cannot be sought by
    /// contraction: a flow or quantity that depends on t, a map, vector parameters in the flow, or more state
    /// entries than a dense ball is sought for.
    func limitContractionSetting(quantities: [Expr]) -> Result<FixedPointSetting, LimitNotContracted> {
        if quantities.contains(where: { $0.freeSymbols.contains(Derivation.time) }) {
            return .failure(LimitNotContracted(reason: "the quantity depends on t"))
        }
        let entries = model.stateVariables.reduce(0) { $0 + $1.slotCount }
        guard entries <= ContractingMapBall.largestDimension else {
            return .failure(LimitNotContracted(reason: "the state has \(entries) entries; a contracting ball is sought for at most \(ContractingMapBall.largestDimension)"))
        }
        do {
            let setting = try FixedPointSetting(model: model)
            guard setting.problem.dynamics == .flow else { return .failure(LimitNotContracted(reason: "the file iterates a map")) }
            return .success(setting)
        } catch {
            return .failure(LimitNotContracted(reason: "\(error)"))
        }
    }

    /// The limit, proved from the state at `time`, or why not: the state is not finite there, Newton's method
    /// finds no equilibrium near it, the Jacobian there has no Lyapunov norm (an eigenvalue with real part 0 or
    /// more: a curve of equilibria, such as a curve of minima, or a centre, such as a rotation), no ball around
    /// it is shown to contract, or the state is not yet inside the ball. Where the plain flow fails and the file
    /// claims conserved quantities that the flow conserves exactly, the flow restricted to their level set
    /// through the state is tried (`LevelSetRestriction`): a curve of minima crossed by them has an isolated
    /// equilibrium there.
    func limitByContraction(_ e: Expr, expected: Expr, setting: FixedPointSetting, restriction: LevelSetRestriction?,
                            along: Trajectory, at time: BigRational, bits: Int,
                            skipping previous: LimitNotContracted? = nil) throws -> Result<ContractedLimit, LimitNotContracted> {
        let at = "the state at t = \(decimal(time))"
        let states = derivation.states.map { Expr.symbol($0.name) }
        let x = try along.values(of: states, at: [.number(time)], bits: bits)[0].flatMap { $0 }
        guard x.allSatisfy(\.isFinite) else { return .failure(LimitNotContracted(reason: at + " is not finite")) }
        if let previous, let singular = previous.singular, singular.stillNear(x) { return .failure(previous) }
        var field = try setting.evaluator(bits: bits)
        var found = contractingBall(&field, around: x, at: at, bits: bits)
        var levelSet: [String]? = nil
        if case .failure(let plain) = found, let restriction {
            var restricted = try restriction.evaluator(setting: setting, at: x, bits: bits)
            switch contractingBall(&restricted, around: x, at: at, bits: bits) {
            case .success(let certified): (found, levelSet) = (.success(certified), restriction.claimNames)
            case .failure(let onLevelSet): found = .failure(LimitNotContracted(reason: plain.reason + "; on the level set of the conserved "
                + restriction.claimNames.map { "\"\($0)\"" }.joined(separator: ", ") + ": " + onLevelSet.reason,
                singular: onLevelSet.singular == nil ? nil : plain.singular))
            }
        }
        guard case .success(let (centre, ball)) = found else {
            if case .failure(let reason) = found { return .failure(reason) }
            return .failure(LimitNotContracted(reason: at + ": no contracting ball"))
        }
        let context = IntervalContext(precision: bits)
        let inputs = try ModelInputs(model: model, context: context)
        var evaluator = try inputs.evaluator(for: [e, expected])
        let limit = Box.around(centre, radius: centre.map { _ in ball.distanceUpper })
        let sides = evaluator.evaluate(inputs.vector(t: context.constant(0), state: limit, reading: evaluator.tape))
        let count = Swift.max(sides[0].count, sides[1].count)
        guard sides.allSatisfy({ $0.count == count || $0.count == 1 }) else {
            return .failure(LimitNotContracted(reason: "the two sides have \(sides[0].count) and \(sides[1].count) entries"))
        }
        let entry = { (side: [BigInterval], c: Int) in side.count == 1 ? side[0] : side[c] }
        return .success(ContractedLimit(values: (0..<count).map { entry(sides[0], $0) }, expected: (0..<count).map { entry(sides[1], $0) },
                                        time: time, ball: ball, levelSet: levelSet))
    }

    /// Newton's method from the state x to an equilibrium c of `field`, and a ball around c, holding x, certified
    /// forward invariant and contracting in the Lyapunov norm at c.
    func contractingBall(_ field: inout ZeroProblem.Evaluator, around x: [BigInterval], at: String,
                         bits: Int) -> Result<(centre: [BigFloat], ball: ContractingBall), LimitNotContracted> {
        func notShown(_ reason: String) -> Result<(centre: [BigFloat], ball: ContractingBall), LimitNotContracted> { .failure(LimitNotContracted(reason: reason)) }
        let centre = field.newton(from: x.map(\.midpoint)).point
        guard centre.allSatisfy(\.isFinite) else { return notShown("Newton's method from " + at + " found no equilibrium") }
        guard let norm = LyapunovNorm(&field, centre: centre) else {
            return .failure(LimitNotContracted(reason: "the Jacobian at the equilibrium nearest " + at + " has no Lyapunov norm (an eigenvalue with real part 0 or more: "
                + "a curve of equilibria, such as a curve of minima, or a centre, such as a rotation)",
                singular: Self.isSingular(field.evaluate(centre.map { BigInterval($0) }).jacobian.map { $0.map(\.midpoint) })
                    ? SingularEquilibrium(state: x.map(\.midpoint), distance: zip(x, centre).reduce(BigFloat(0, precision: bits)) {
                        BigFloat.max($0, BigFloat.abs($1.0.midpoint - $1.1)) }) : nil))
        }
        // A ball a little wider than the distance to the state, and not narrower than half the working digits
        // of the state's size (the equilibrium is known to about all of them after Newton's steps).
        let size = centre.reduce(BigFloat(1, precision: bits)) { BigFloat.max($0, BigFloat.abs($1)) }
        let radius = BigFloat.max(norm.distance(x) * BigFloat(2, precision: bits), BigFloat.scaled(size, byPowerOfTwo: -bits / 2))
        guard let ball = ContractingBall.certify(&field, norm: norm, radius: radius) else {
            return notShown("no ball around the equilibrium nearest " + at + " holding it was shown to contract (interval Jacobian over the ball)")
        }
        guard ball.contains(x) else { return notShown(at + " is not yet inside the contracting ball around the equilibrium") }
        return .success((centre, ball))
    }

    /// Whether a matrix is singular to half the working digits: it has no approximate inverse, or one whose size
    /// times its own exceeds 2^(bits/2) (an eigenvalue below about 2^(-bits/2) of the largest).
    static func isSingular(_ matrix: [[BigFloat]]) -> Bool {
        guard let inverse = approximateInverse(matrix) else { return true }
        let largest = { (m: [[BigFloat]]) in m.joined().reduce(BigFloat(0, precision: 64)) { BigFloat.max($0, BigFloat.abs($1)) } }
        let condition = largest(matrix) * largest(inverse)
        return !condition.isFinite || condition > BigFloat.scaled(BigFloat(1, precision: 64), byPowerOfTwo: (matrix.first?.first?.precision ?? 64) / 2)
    }

    /// The flow restricted to a level set of quantities C_k that it conserves exactly (the file's `invariant`
    /// claims whose gradient times the flow, grad C_k . f, simplifies to 0 or expands to 0 as `invariant` proves it): g(x) = f(x) - sum_k grad C_k(x)
    /// (C_k(x) - c_k), c_k the levels at the state. Along g, d = C - c obeys d' = -(G G^T) d (G the gradients'
    /// rows, as grad C_k . f = 0), so d stays 0 from a start on the level set, where g = f: the flow's trajectory
    /// is g's. A contracting ball of g (certified for every level in the levels' enclosure) holding the state
    /// then proves that the flow tends to g's equilibrium there, which is the flow's (f = g on the level set).
    /// nil when no claimed invariant is conserved exactly (one the simplifier cannot reduce is left out).
    func levelSetRestriction(of setting: FixedPointSetting) -> LevelSetRestriction? {
        let f = setting.problem.zeros.equations
        let unknowns = setting.stateNames
        let scalars = Set(unknowns + setting.parameterNames)
        var quantities: [Expr] = [], gradients: [[Expr]] = [], sources: [Expr] = [], names: [String] = []
        for claim in derivation.claims {
            guard let invariant = claim.statement as? InvariantClaim, invariant.order == nil else { continue }
            let source = model.expand(invariant.expression)
            guard !source.freeSymbols.contains(Derivation.time) else { continue }
            let entries = setting.entries(of: source, shape: shape(of: (source, source)))
            // A quantity of the state entries and parameters alone (not of initial values, which the equations lack).
            guard entries.allSatisfy({ $0.freeSymbols.isSubset(of: scalars.union([ReservedSymbols.pi])) }) else { continue }
            var differentiators = unknowns.map { Differentiator(variable: $0) }
            guard let grads = try? entries.map({ c in try differentiators.indices.map { try differentiators[$0].derivative(of: c) } }) else { continue }
            // Conserved exactly: grad C . f simplifies to 0, or, as the `invariant` claim proves it, dC/dt expands to 0
            // as a polynomial (the simplifier does not expand products of sums: Brockett's tr H^3 and det H of a 3 x 3
            // state were proved invariant, yet left out here, and the sorted limit was only sampled).
            let simplifiesToZero = grads.allSatisfy { g in zip(g, f).map { $0 * $1 }.reduce(Expr.number(0), +).isCanonicallyEqual(to: .number(0), scalarSymbols: scalars) }
            guard simplifiesToZero || (try? areExactlyEqual([(FlowDerivative(model: model).derivative(of: source), .number(0))], smooth: [source])) == true
            else { continue }
            quantities += entries
            gradients += grads
            sources.append(source)
            names.append(claim.name)
        }
        guard !quantities.isEmpty else { return nil }
        let levels = quantities.indices.map { "level of conserved quantity \($0 + 1)" }
        let restricted = f.indices.map { i in
            quantities.indices.reduce(f[i]) { g, k in g - gradients[k][i] * (quantities[k] - Expr.symbol(levels[k])) }
        }
        guard let problem = try? ZeroProblem(unknowns: unknowns, equations: restricted, parameters: setting.parameterNames + levels) else { return nil }
        return LevelSetRestriction(problem: problem, quantities: sources, levelCount: levels.count, claimNames: names)
    }

    /// Records the verdict on a contracted limit against each entry's target (as the sampled route's) and
    /// returns true, or returns false when the enclosures are not narrow enough to decide it (then the sampled
    /// route goes on).
    mutating func finishContractedLimit(_ limit: ContractedLimit, knownDigits: Int?, scales: [BigFloat], along: Trajectory, label: (Int) -> [(String, String)]) -> Bool {
        guard limit.values.allSatisfy(\.isFinite), limit.expected.allSatisfy(\.isFinite), scales.count == limit.values.count else { return false }
        let gaps = zip(limit.values, limit.expected).map { Self.gap(between: $0, and: $1) }
        let targets = limit.values.indices.map { limitTarget(value: limit.values[$0], expected: limit.expected[$0], scale: scales[$0], knownDigits: knownDigits) }
        let outcome: Outcome
        let component: Int
        if let failing = gaps.indices.first(where: { gaps[$0].lower > targets[$0].fails }) {
            (outcome, component) = (.fails, failing)
        } else if gaps.indices.allSatisfy({ gaps[$0].upper <= targets[$0].holds }) {
            // The entry whose gap is largest against its target (cross-multiplied: a target may be 0 only if the gap is).
            let worst = gaps.indices.dropFirst().reduce(0) { w, c in gaps[c].upper * targets[w].holds > gaps[w].upper * targets[c].holds ? c : w }
            (outcome, component) = (.holds, worst)
        } else {
            return false
        }
        // The state the ball holds is the integration's estimate along an integration: E(x*) equal to V at the bits computed
        // is then the digits of those bits, not `exact` (which is for a proof or certified enclosures throughout).
        var agreement = Agreement.between(limit.values[component], limit.expected[component], floor: scales[component])
        if !along.isCertified && agreement.atLeast == .infinity { agreement = Self.equalToWorkingPrecision(bits: limit.values[component].precision) }
        let point = Point(agreement: agreement, time: Expr.number(limit.time), pair: 0, component: component,
                          left: limit.values[component], right: limit.expected[component])
        let estimated = along.isCertified ? "" : "; the state there is the integration's estimate"
        record(outcome, point, count: 1) { _ in label(component) + [("t", "inf (certified by contraction from t = \(decimal(limit.time))\(estimated))")] }
        let basis = along.isCertified ? "certified along the closed form"
            : "the state at t is the integration's estimate, not a bound (the ball and its contraction are certified by interval arithmetic)"
        let restricted = limit.levelSet.map { names in
            " restricted to the level set through the state of the conserved " + names.map { "\"\($0)\"" }.joined(separator: ", ")
                + " (grad C . f simplifies to 0 exactly; g = f - grad C^T (C - c) there)"
        } ?? ""
        detail = "the state at t = \(decimal(limit.time)) lies in a ball around an equilibrium x* on which the flow\(restricted) contracts at rate "
            + "\(limit.ball.rate.formatted(significantDigits: 3)) (Lyapunov norm, interval arithmetic), so E tends to E(x*), with x* "
            + (limit.distance.isZero ? "at its Newton approximation (the field vanishes there exactly)"
                : "within \(limit.distance.formatted(significantDigits: 3)) of its Newton approximation") + "; "
            + (outcome == .holds ? "|E(x*) - V| is below the target" : "|E(x*) - V| certainly exceeds the target") + "; " + basis
        return true
    }
}

/// The flow restricted to a level set of conserved quantities (`ClaimCheck.levelSetRestriction`).
struct LevelSetRestriction {
    /// g = f - sum_k grad C_k (C_k - c_k) over the state entries; parameters: the flow's, then the levels c_k.
    let problem: ZeroProblem
    /// The conserved quantities as the model writes them (a matrix one gives its entries, row-major).
    let quantities: [Expr]
    let levelCount: Int
    let claimNames: [String]

    /// g's evaluator at the levels of the quantities at the state x (their enclosures over x).
    func evaluator(setting: FixedPointSetting, at x: [BigInterval], bits: Int) throws -> ZeroProblem.Evaluator {
        let context = IntervalContext(precision: bits)
        let inputs = try ModelInputs(model: setting.model, context: context)
        var evaluator = try inputs.evaluator(for: quantities)
        let levels = evaluator.evaluate(inputs.vector(t: context.constant(0), state: x, reading: evaluator.tape)).flatMap { $0 }
        guard levels.count == levelCount else { throw CheckError("the conserved quantities have \(levels.count) entries, expected \(levelCount)") }
        return problem.evaluator(parameterValues: try setting.parameterValues(bits: bits) + levels, precision: bits)
    }
}
