#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PhasecheckExpressions
import PhasecheckNumbers

/// Why a validated enclosure of a flow could not be given past some time (the caller then has only an
/// error estimate there).
public struct ValidationRefusal: Error, CustomStringConvertible, Sendable {
    /// Where the enclosure stops being validated (the step that was refused starts there).
    public let time: Double
    public let message: String
    public var description: String { message }

    public init(time: Double, message: String) {
        self.time = time
        self.message = message
    }
}

/// Rigorous enclosures of the solution of an `ODESystem`: the interval Taylor method (Moore; Nedialkov and
/// Jackson) on `TaylorCoefficientEngine` in interval arithmetic. Every enclosure contains the true solution
/// through every initial value in the initial boxes (and every parameter value in theirs), or the method
/// refuses with a `ValidationRefusal` saying where and why.
///
/// One step of size h from the box X_j at t_j:
/// 1. A priori enclosure: a box B with X_j + [0, h] f(B, [t_j, t_j + h]) ⊆ B (the Picard operator maps B
///    into itself, so x(t) stays in B on the step). B starts as X_j + [0, h] f(X_j) inflated, is widened a
///    few times, and h is halved when the test keeps failing.
/// 2. Centred (mean-value) form: with m the midpoint of X_j, for tau in [0, h]
///      x(t_j + tau) ∈ sum_{k<p} c_k(m) tau^k + (sum_{k<p} J_k(X_j) tau^k) (X_j - m) + c_p(B, [t_j, t_j + h]) tau^p,
///    where c_k are the normalized Taylor coefficients of the solution, J_k = dc_k/dx0 their Jacobians
///    (the Taylor coefficients of the variational equation Phi' = (df/dx) Phi, Phi(t_j) = I, taken over
///    X_j), and the last term is the Lagrange remainder with the p-th coefficient over B.
///
/// The centred form lets a contracting flow shrink the box (the direct form sum c_k(X_j) h^k cannot: its
/// width grows at least by e^{L h} per step, L the Lipschitz constant). The box is not rotated (no Lohner
/// QR step), so a rotating flow pays the wrapping effect: its width grows like e^t for a unit rotation.
///
/// Piecewise right-hand sides (abs, min, max, x/abs(x)): a step is computed on the branches certified over
/// X_j (each branch's formula is smooth on both sides of its switch), and a switch that B may reach is
/// crossed as `ValidatedFlow+Switching.swift` describes: the crossing time bracketed by an interval Newton
/// iteration on the step's Taylor form, the bracket passed with the hull of both branches' fields, and only
/// a transversal crossing accepted (grazing and sliding are refused). A step whose coefficients are not
/// finite (blow-up, a singular value in reach) is refused.
public struct ValidatedFlow {
    public let system: ODESystem
    public let context: IntervalContext
    /// The Taylor order p (the remainder uses the coefficient of order p over B).
    public let order: Int
    /// Most steps (`maximumSteps`) and, only where a caller sets them, wall-clock limits (`maximumSeconds`,
    /// `deadline`: the user's `--max-seconds`); the work that decides a verdict is bounded by `workBudget`.
    public var budget = IntegrationBudget()
    /// How much arithmetic an enclosure may do (the same on every machine).
    public var workBudget = ValidatedWorkBudget()
    public internal(set) var statistics: IntegrationStatistics
    /// The coefficients of the solution, at the midpoint and over a priori boxes; its step-size rule sets h.
    var solution: TaylorIntegrator<IntervalContext>
    /// The coefficients of the solution and of its derivatives with respect to the initial state.
    var variational: TaylorIntegrator<IntervalContext>
    /// The same at the working precision, for a box so close to a switch (just after crossing it) that the
    /// variational system's bits cannot tell its side; nil without piecewise functions.
    private var preciseVariational: TaylorIntegrator<IntervalContext>?
    /// Order 2 on the same system: the switching arguments and their rates (and the field) over boxes, for
    /// the branches and switches of piecewise functions; nil without them.
    var switching: TaylorIntegrator<IntervalContext>?
    /// The piecewise functions grouped by switching argument (kink indices; see `SwitchingArgument`): a group
    /// switches as one.
    let switchGroups: [[Int]]
    /// Every switch crossed by the last `enclose`, in order.
    public internal(set) var switches: [ValidatedSwitch] = []
    /// The arithmetic of the last `enclose`, in operation-orders (see `charge`).
    public internal(set) var work = 0

    /// - Parameters:
    ///   - parameters: an enclosure for every parameter slot of the system.
    ///   - precision: the working precision in bits; the step-size rule aims at a remainder of about
    ///     2^-precision relative to the state.
    public init(system: ODESystem, parameters: [String: [BigInterval]], precision: Int, order: Int? = nil) throws {
        let context = IntervalContext(precision: precision)
        let tolerance = Tolerance(digits: Precision.digits(forBits: Double(precision)) - 3)
        self.system = system
        self.context = context
        self.solution = try TaylorIntegrator(system: system, parameters: parameters, context: context, tolerance: tolerance, order: order)
        self.order = solution.order
        // The Jacobians multiply X - m, as narrow as the box: a few digits of them suffice, and their
        // enclosures at lower precision are still enclosures (the largest share of a step's work).
        let variationalSystem = try Self.variationalSystem(of: system)
        self.variational = try TaylorIntegrator(system: variationalSystem, parameters: parameters,
                                                context: IntervalContext(precision: Swift.min(precision, Self.jacobianBits)),
                                                tolerance: tolerance, order: solution.order)
        self.statistics = IntegrationStatistics(order: solution.order)
        let kinks = solution.engine.kinks
        self.preciseVariational = kinks.isEmpty || precision <= Self.jacobianBits ? nil
            : try TaylorIntegrator(system: variationalSystem, parameters: parameters, context: context, tolerance: tolerance, order: solution.order)
        self.switchGroups = Dictionary(grouping: kinks.indices, by: { kinks[$0].argument }).values.sorted { $0[0] < $1[0] }
        self.switching = kinks.isEmpty ? nil : try TaylorIntegrator(system: system, parameters: parameters, context: context,
                                                                      tolerance: tolerance, order: 2)
    }

    /// The system (x, dx/dx0 along each unit direction of the state slots): for direction d the variation
    /// v_d has the state's shapes and v_d' = D_eps f(x + eps v_d, t) at eps = 0, a directional derivative
    /// taken symbolically.
    static func variationalSystem(of system: ODESystem) throws -> ODESystem {
        let epsilon = "variation·eps"
        let directions = 0..<system.dimension
        func name(_ d: Int, _ v: ODESystem.Variable) -> String { "variation·\(d)·\(v.name)" }
        var state = system.state
        var rightHandSides = system.rightHandSides
        for d in directions {
            let shifted = Dictionary(uniqueKeysWithValues: system.state.map {
                ($0.name, Expr.symbol($0.name) + Expr.symbol(epsilon) * Expr.symbol(name(d, $0)))
            })
            for (v, f) in zip(system.state, system.rightHandSides) {
                let derivative: Expr
                do {
                    derivative = try shifting(f, shifted).derivative(withRespectTo: epsilon)
                } catch {
                    throw ValidationRefusal(time: 0, message: "the variational equation needs d/dx of `\(f)`, which cannot be taken: \(error)")
                }
                state.append(ODESystem.Variable(name(d, v), shape: v.shape))
                rightHandSides.append(derivative.substituting([epsilon: Expr.number(0)]))
            }
        }
        return try ODESystem(state: state, rightHandSides: rightHandSides, parameters: system.parameters, timeSymbol: system.timeSymbol)
    }

    /// f with the state shifted by `shifted`, except inside a sign x/abs(x) or abs(x)/x: it is constant on
    /// each side of its switch, where every step runs, so its variation is 0 (differentiated as a quotient it
    /// would divide by x^2, an enclosure without digits just after a switch).
    static func shifting(_ f: Expr, _ shifted: [String: Expr]) -> Expr {
        func isSign(_ e: Expr) -> Bool {
            guard e.kind == .divide else { return false }
            let (a, b) = (e.arguments[0], e.arguments[1])
            return (b.kind == .function(.abs) && b.arguments[0] == a) || (a.kind == .function(.abs) && a.arguments[0] == b)
        }
        var memo: [ObjectIdentifier: Expr] = [:]
        for e in Expr.postorder(from: [f]) {
            if isSign(e) { memo[ObjectIdentifier(e)] = e }
            else if let name = e.symbolName, let replacement = shifted[name] { memo[ObjectIdentifier(e)] = replacement }
            else { memo[ObjectIdentifier(e)] = e.arguments.isEmpty ? e : e.rebuilt(e.arguments.map { memo[ObjectIdentifier($0)]! }) }
        }
        return memo[ObjectIdentifier(f)]!
    }

    /// Enclosures of the state (all slots) at each of `times`, which must be nonnegative and increasing,
    /// starting from the boxes `initial` at t = 0.
    public mutating func enclose(initial: [BigInterval], at times: [BigInterval]) throws -> [[BigInterval]] {
        let n = system.dimension
        precondition(initial.count == n, "one box per state slot")
        statistics = IntegrationStatistics(order: order)
        switches = []
        work = 0
        var t = BigFloat(0, precision: context.precision)
        var x = initial
        var results: [[BigInterval]] = []
        // The last step taken (a step across a switch may end past the time it was taken toward).
        var last: Step? = nil
        var previous = t
        let stop = budget.end(startingAt: ContinuousClock.now)
        let allowed = workBudget.steps.multipliedReportingOverflow(by: stepWork)
        let allowedWork = allowed.overflow ? Int.max : allowed.partialValue
        let horizon = times.last?.upper.doubleValue ?? 0
        for target in times {
            guard target.isFinite, target.lower.sign >= 0, !(target.lower < previous) else {
                throw ValidationRefusal(time: t.doubleValue, message: "the times must be finite, nonnegative and increasing")
            }
            previous = target.lower
            while true {
                if target.upper == t {
                    // A time known as an interval (t = pi) needs the state over all of it, not at its upper end
                    // alone, where a step toward it lands: sin(x) at t = pi along x' = 1 "certainly" failed.
                    if let last, target.lower < t {
                        guard !(target.lower < last.start) else {
                            throw ValidationRefusal(time: t.doubleValue, message: "the time \(target.lower.doubleValue) is known only to an interval wider than the last step")
                        }
                        results.append(last.enclosure(at: target))
                    } else {
                        results.append(x)
                    }
                    break
                }
                if let last, target.upper < last.end {
                    results.append(last.enclosure(at: target))
                    break
                }
                guard statistics.steps < budget.maximumSteps else {
                    throw ValidationRefusal(time: t.doubleValue, message: "the validated integration needed more than \(budget.maximumSteps) steps before t = \(target.upper.doubleValue)")
                }
                if let stop, ContinuousClock.now > stop {
                    throw ValidationRefusal(time: t.doubleValue, message: "the validated integration was stopped by the wall-clock limit of --max-seconds at t = \(t.doubleValue) (after \(statistics.steps) steps): a limit of time, not of work (a faster or less loaded machine gets further)")
                }
                try workBudget.check(spent: work, allowed: allowedWork, at: t.doubleValue, toward: horizon, steps: statistics.steps)
                let step = try self.step(from: x, at: t, toward: target.upper)
                statistics.steps += 1
                x = step.endState
                t = step.end
                last = step
                if let i = x.firstIndex(where: { !$0.isFinite }) {
                    throw ValidationRefusal(time: t.doubleValue, message: "the enclosure of state slot \(i) is not finite at t = \(t.doubleValue) (blow-up?)")
                }
            }
        }
        return results
    }

    /// The Taylor form of the solution on one smooth step, for tau in [0, h] (see the type's documentation).
    struct TaylorForm {
        let midpointCoefficients: [[BigInterval]]
        let jacobianCoefficients: [[[BigInterval]]]
        let remainder: [BigInterval]
        let offset: [BigInterval]

        /// The enclosure at t_j + tau, for tau inside the step.
        func enclosure(at tau: BigInterval) -> [BigInterval] {
            let n = offset.count, p = midpointCoefficients[0].count
            let tauPower = BigInterval.pow(tau, p)
            return (0..<n).map { i in
                var value = horner(midpointCoefficients[i], tau)
                for d in 0..<n {
                    value = value + horner(jacobianCoefficients[i][d], tau) * offset[d]
                }
                return value + remainder[i] * tauPower
            }
        }

        func horner(_ coefficients: [BigInterval], _ tau: BigInterval) -> BigInterval {
            var result = coefficients.last!
            for c in coefficients.dropLast().reversed() { result = result * tau + c }
            return result
        }
    }

    /// One validated step from `start`: a smooth part on fixed branches up to `smoothEnd` (none when the step
    /// starts on a switch), then possibly the passage of a switch (`SwitchCrossing`).
    struct Step {
        let start: BigFloat
        let taylor: TaylorForm?
        let smoothEnd: BigFloat
        let crossing: SwitchCrossing?
        let endState: [BigInterval]
        var end: BigFloat { crossing?.end ?? smoothEnd }

        /// The enclosure at `time`, inside [start, end] (up to its own width, clipped there).
        func enclosure(at time: BigInterval) -> [BigInterval] {
            var parts: [[BigInterval]] = []
            if let taylor, !(smoothEnd < time.lower) {
                let tau = BigInterval(lower: BigFloat.max(time.lower, start), upper: BigFloat.min(time.upper, smoothEnd)) - BigInterval(start)
                parts.append(taylor.enclosure(at: BigInterval(lower: BigFloat.max(tau.lower, BigFloat(0, precision: tau.precision)), upper: tau.upper)))
            }
            if let crossing, crossing.start < time.upper || taylor == nil {
                parts.append(crossing.enclosure(at: BigInterval(lower: BigFloat.max(time.lower, crossing.start), upper: BigFloat.max(time.upper, crossing.start))))
            }
            return parts.dropFirst().reduce(parts[0]) { zip($0, $1).map(ValidatedFlow.hull) }
        }
    }

    /// Counts the arithmetic of one computation of Taylor coefficients on `engine`: its operations times its
    /// order (a measure of work that is the same on every machine, unlike its time).
    mutating func charge<C>(_ engine: TaylorCoefficientEngine<C>, orders: Int? = nil) {
        work += engine.ops.count * (orders ?? engine.order)
    }

    /// The precision of the coefficients' Jacobians.
    static var jacobianBits: Int { 64 }

    /// Halvings of a step whose a priori enclosure cannot be found before refusing.
    static var maximumHalvings: Int { 24 }
    /// Times a step is shortened for its remainder before it is taken as it is.
    static var maximumShortenings: Int { 4 }

    mutating func step(from x: [BigInterval], at t: BigFloat, toward end: BigFloat) throws -> Step {
        let n = system.dimension, p = order
        let time = BigInterval(t)
        // 0. The branch of every piecewise function over the box; a box on a switch first passes it.
        let branches: [Int]
        switch try self.branches(over: x, at: t) {
        case .certain(let certain): branches = certain
        case .onSwitch(let base, let groups, let estimate):
            let crossing = try cross(from: x, at: t, groups: groups, branches: base, estimate: estimate, approached: nil)
            return Step(start: t, taylor: nil, smoothEnd: t, crossing: crossing, endState: crossing.endState)
        }
        solution.engine.pinned = branches
        let midpoint = x.map { BigInterval($0.midpoint) }
        // 1. Coefficients at the midpoint: the polynomial part, and the step-size rule.
        _ = solution.engine.computeCoefficients(state: midpoint, time: time)
        charge(solution.engine)
        let midpointCoefficients = (0..<n).map { i in (0..<p).map { solution.engine.stateCoefficient(i, $0) } }
        guard midpointCoefficients.allSatisfy({ $0.allSatisfy(\.isFinite) }) else {
            throw ValidationRefusal(time: t.doubleValue, message: "a Taylor coefficient is not finite at t = \(t.doubleValue) (a singular value of the right-hand side?)")
        }
        let rule: Double
        do { rule = try solution.stepSize(time: time) } catch {
            throw ValidationRefusal(time: t.doubleValue, message: "\(error)")
        }
        var h = BigFloat(dyadic(rule), precision: context.precision)
        var reachesEnd = !rule.isFinite || !(h < end - t)
        // The remainder a step may leave: the step rule's tolerance (estimated from the midpoint's coefficients).
        let lnTarget = solution.lnScale() - solution.tolerance.relativeDigits * log(10.0)
        // 2. The a priori enclosure, halving h until one is found (and every switch B may reach is approached
        // monotonically), and shortening the step while the remainder over it (its coefficient taken over B,
        // wider than at the midpoint) is far above the target.
        var found: (end: BigFloat, remainder: [BigInterval], switches: [SwitchApproach])? = nil
        var lastReason = ""
        var shortenings = 0
        for _ in 0...Self.maximumHalvings {
            let stepEnd = reachesEnd ? end : t + h
            guard t < stepEnd else { break }
            let span = BigInterval(lower: t, upper: stepEnd)
            let tau = BigInterval(lower: BigFloat(0, precision: context.precision), upper: (BigInterval(stepEnd) - time).upper)
            switch apriori(x, span: span, tau: tau, configurations: nil) {
            case .success(let (_, remainder)):
                let lnRemainder = remainder.map { logMagnitude(BigInterval($0.magnitudeUpper)) }.max()! + Double(p) * log(tau.upper.doubleValue)
                if lnRemainder > lnTarget + 2 && shortenings < Self.maximumShortenings {
                    shortenings += 1
                    if reachesEnd { h = end - t; reachesEnd = false }
                    let factor = Swift.max(0.125, 0.9 * exp((lnTarget - lnRemainder) / Double(p)))
                    h = h * BigFloat(dyadic(factor), precision: context.precision)
                    continue
                }
                switch switchesInReach(of: solution.engine, branches: branches) {
                case .success(let approaches): found = (stepEnd, remainder, approaches)
                case .failure(let grazing): lastReason = grazing.message
                }
            case .failure(let reason):
                lastReason = reason.message
            }
            if found != nil { break }
            if reachesEnd { h = end - t; reachesEnd = false }
            h = BigFloat.scaled(h, byPowerOfTwo: -1)
        }
        guard let found else {
            throw ValidationRefusal(time: t.doubleValue, message: "no a priori enclosure of the step from t = \(t.doubleValue) was found (\(lastReason))")
        }
        // 3. Jacobians of the coefficients over the box, on the branches certified there.
        let taylor = TaylorForm(midpointCoefficients: midpointCoefficients, jacobianCoefficients: try jacobianCoefficients(over: x, at: t),
                                remainder: found.remainder, offset: zip(x, midpoint).map { $0 - $1 })
        // 4. A switch some trajectory may reach: the smooth part ends where the first may, and the switch is
        // crossed from there.
        if !found.switches.isEmpty,
           case let (first, group)? = firstSwitch(found.switches, of: taylor, from: t, to: found.end, branches: branches) {
            let bracket = time + BigInterval(lower: first.lower, upper: first.upper)
            let crossingStart = BigFloat.max(t, bracket.lower)
            let crossingState = taylor.enclosure(at: BigInterval(crossingStart) - time)
            let crossing = try cross(from: crossingState, at: crossingStart, groups: [group], branches: branches, estimate: first.width,
                                     approached: (group, bracket, found.end))
            return Step(start: t, taylor: taylor, smoothEnd: crossingStart, crossing: crossing, endState: crossing.endState)
        }
        return Step(start: t, taylor: taylor, smoothEnd: found.end, crossing: nil,
                    endState: taylor.enclosure(at: BigInterval(found.end) - time))
    }

    /// The Jacobians of the first `order` coefficients over the box x (entry [i][d][k] is d(c_k)_i/d(x0)_d),
    /// from the variational system at `jacobianBits`, or at the working precision where those bits cannot
    /// tell which side of a switch the box is on.
    mutating func jacobianCoefficients(over x: [BigInterval], at t: BigFloat) throws -> [[[BigInterval]]] {
        do {
            charge(variational.engine)
            return try Self.jacobianCoefficients(of: &variational, over: x, at: t, order: order)
        } catch where preciseVariational != nil {
            charge(preciseVariational!.engine)
            return try Self.jacobianCoefficients(of: &preciseVariational!, over: x, at: t, order: order)
        }
    }

    static func jacobianCoefficients(of integrator: inout TaylorIntegrator<IntervalContext>, over x: [BigInterval], at t: BigFloat,
                                     order p: Int) throws -> [[[BigInterval]]] {
        let n = x.count
        let identity = (0..<n).flatMap { d in (0..<n).map { i in integrator.context.constant(i == d ? 1 : 0) } }
        integrator.engine.pinned = integrator.engine.pinned.map { _ in 0 }
        _ = integrator.engine.computeCoefficients(state: x + identity, time: BigInterval(t))
        try checkBranches(of: integrator.engine, over: "the box", at: t)
        // Slot n + d*n + i is d(x_i)/d(x0_d).
        let engine = integrator.engine
        return (0..<n).map { i in (0..<n).map { d in (0..<p).map { engine.stateCoefficient(n + d * n + i, $0) } } }
    }

    struct AprioriFailure: Error {
        let message: String
    }

    /// Inflations of the trial box before the step is halved.
    static var inflations: Int { 6 }

    /// Finds B with x + tau F(B) ⊆ B and returns B with, for a smooth step (`configurations` nil: the
    /// solution's engine on its pinned branches), the remainder coefficient c_p(B, span); for the passage of a
    /// switch, F(B) is the hull of the field over the branch `configurations` (see `fieldHull`) and is returned.
    mutating func apriori(_ x: [BigInterval], span: BigInterval, tau: BigInterval, configurations: [[Int]]?)
        -> Result<(box: [BigInterval], coefficients: [BigInterval]), AprioriFailure> {
        let n = system.dimension
        let half = context.constant(BigRational(1, 2))
        // The smallest inflation, relative to a box's magnitude, so that a point box can be enclosed.
        let ulp = BigInterval(lower: BigFloat(0, precision: context.precision), upper: BigFloat.scaled(BigFloat(1, precision: context.precision), byPowerOfTwo: 8 - context.precision))
        func inflated(_ b: BigInterval) -> BigInterval {
            let radius = b.width.isFinite ? BigInterval(b.width) * half + BigInterval(b.magnitudeUpper) * ulp : BigInterval(b.width)
            return b + BigInterval(lower: -radius.upper, upper: radius.upper)
        }
        /// Whether an atan2's arguments may reach its branch cut over the last box the field was taken on.
        var reachesBranchCut = false
        /// The right-hand side over `states` (the solution's engine keeps its coefficients there).
        func field(over states: [BigInterval]) -> [BigInterval] {
            if let configurations {
                let hull = fieldHull(over: states, time: span, configurations: configurations)
                reachesBranchCut = Self.mayMeetBranchCut(switching!.engine)
                return hull
            }
            // The field alone (order 1): the whole series is computed once, on the box that passes.
            _ = solution.engine.computeCoefficients(state: states, time: span, through: 1)
            charge(solution.engine, orders: 1)
            reachesBranchCut = Self.mayMeetBranchCut(solution.engine)
            return (0..<n).map { solution.engine.stateCoefficient($0, 1) }
        }
        var box = zip(x, field(over: x)).map { inflated(ValidatedFlow.hull($0, $0 + tau * $1)) }
        for _ in 0..<Self.inflations {
            let f = field(over: box)
            let picard = zip(x, f).map { $0 + tau * $1 }
            guard picard.allSatisfy(\.isFinite) else {
                return .failure(AprioriFailure(message: "the right-hand side is not finite on the a priori box (blow-up or a singular value within reach)"))
            }
            if zip(picard, box).allSatisfy({ Self.contains($1, $0) }) {
                guard !reachesBranchCut else {
                    return .failure(AprioriFailure(message: "atan2's arguments may meet its branch cut (x <= 0, y = 0, where it jumps by 2 pi) on the a priori box"))
                }
                guard configurations == nil else { return .success((box, f)) }
                _ = solution.engine.computeCoefficients(state: box, time: span)
                charge(solution.engine)
                let remainder = (0..<n).map { solution.engine.stateCoefficient($0, order) }
                guard remainder.allSatisfy(\.isFinite) else {
                    return .failure(AprioriFailure(message: "the remainder coefficient is not finite on the a priori box"))
                }
                return .success((box, remainder))
            }
            // Only the components that failed grow: growing all of them would chase the failing ones
            // (whose Picard image widens with every other box's width).
            box = zip(box, picard).map { Self.contains($0, $1) ? $0 : inflated(ValidatedFlow.hull($0, $1)) }
        }
        return .failure(AprioriFailure(message: "the Picard test failed on \(Self.inflations) inflated boxes"))
    }

    /// Every switching argument of a piecewise function keeps the sign the engine's branch assumes, certainly,
    /// over the values the last `computeCoefficients` took (its order-0 coefficient excludes 0), and no atan2's
    /// arguments may reach its branch cut.
    static func checkBranches(of engine: TaylorCoefficientEngine<IntervalContext>, over place: String, at t: BigFloat) throws {
        for (k, kink) in engine.kinks.enumerated() {
            let argument = engine.switchingCoefficient(kink, 0)
            let sign = argument.lower.sign > 0 ? 1 : argument.upper.sign < 0 ? -1 : 0
            if sign == 0 || sign != engine.choices[k] {
                throw ValidationRefusal(time: t.doubleValue, message: "\(kink.kind.rawValue)'s switching argument may be 0 on \(place) at t = \(t.doubleValue) (a switch: not validated past it)")
            }
        }
        if mayMeetBranchCut(engine) {
            throw ValidationRefusal(time: t.doubleValue, message: "atan2's arguments may meet its branch cut (x <= 0, y = 0, where it jumps by 2 pi) on \(place) at t = \(t.doubleValue) (not validated past it)")
        }
    }

    /// Whether some atan2's arguments, as the engine last took them, may lie on its branch cut x <= 0, y = 0.
    static func mayMeetBranchCut(_ engine: TaylorCoefficientEngine<IntervalContext>) -> Bool {
        engine.branchCutArguments.contains { y, x in !(x.lower.sign > 0) && !(y.lower.sign > 0 || y.upper.sign < 0) }
    }

    static func hull(_ a: BigInterval, _ b: BigInterval) -> BigInterval {
        BigInterval(lower: BigFloat.min(a.lower, b.lower), upper: BigFloat.max(a.upper, b.upper))
    }

    /// Whether `inner` ⊆ `outer`.
    static func contains(_ outer: BigInterval, _ inner: BigInterval) -> Bool {
        !(inner.lower < outer.lower) && !(outer.upper < inner.upper)
    }
}
