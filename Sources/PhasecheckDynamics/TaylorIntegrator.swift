#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PhasecheckExpressions
import PhasecheckNumbers

/// Error tolerances as decimal digits: relative error 10^-relativeDigits, absolute error 10^-absoluteDigits.
public struct Tolerance: Sendable, Hashable {
    public var relativeDigits: Double
    public var absoluteDigits: Double

    public init(relativeDigits: Double, absoluteDigits: Double) {
        self.relativeDigits = relativeDigits
        self.absoluteDigits = absoluteDigits
    }

    /// The same number of digits for the relative and the absolute error (heyoka's single tolerance).
    public init(digits: Double) { self.init(relativeDigits: digits, absoluteDigits: digits) }

    /// The tolerance matching a working precision: 10^-digits = 2^-bits.
    public init(precisionBits bits: Int) { self.init(digits: Precision.digits(forBits: Double(bits))) }

    /// Jorba & Zou (2005): order p = ceil(-ln(eps)/2 + 1), about 1.15 per decimal digit.
    public var taylorOrder: Int {
        Swift.max(2, Int((0.5 * Swift.max(relativeDigits, absoluteDigits) * log(10.0) + 1).rounded(.up)))
    }
}

/// A Taylor-series integrator for an `ODESystem`, generic over the scalar context (Double or MPFR).
///
/// Each step computes the Taylor coefficients of the solution to a fixed order by automatic
/// differentiation on the system's tape, takes the step size from the last two coefficients (Jorba & Zou
/// 2005: rho = min over m in {p-1, p} of (s / |x_m|)^(1/m), h = rho e^-2 e^(-0.7/(p-1)), with s = 1 under the
/// absolute tolerance and s = |x_0| under the relative one; the norm is the max norm over all state slots),
/// and evaluates the Taylor polynomial by Horner at the step end. At an order p above Jorba & Zou's p0 (see
/// `defaultOrder`), the factor e^-2 becomes e^(-2 p0/p), which keeps the truncation term (h/rho)^p at the
/// tolerance with a longer step.
///
/// Dense output: a requested time that falls inside a step is obtained by evaluating that step's Taylor
/// polynomial there (steps are not shortened for it); steps are cut only to land exactly on the last
/// requested time and at switches (below). Coefficient memory is allocated at `init` (and again when the
/// precision plan of `PrecisionGrading` changes); it does not grow with the number of steps, and only
/// `switchingEvents` grows, by one entry per switch.
///
/// Piecewise right-hand sides (abs, min, max) are integrated piecewise: each step's Taylor series is
/// computed on one branch of every such function, the step is examined for a zero of each switching
/// argument (`SwitchingPolynomial.scan`) and ends at the first one, located to the working precision; the
/// next step starts there on the other branch. The switching times are kept in `switchingEvents`. Where a
/// switch cannot be located with certainty the integration stops with `.unresolvedSwitch`.
///
/// Every integration runs within a `budget` of steps and seconds, and stops with a typed error saying where
/// when it runs out (or as soon as the step sizes show that it would, `.stiff`). At hundreds of digits the
/// coefficients of high order are computed at the lower precision their terms need (`gradedPrecision`).
public struct TaylorIntegrator<Context: ScalarContext> {
    public typealias Value = Context.Value

    public let system: ODESystem
    public let context: Context
    public let tolerance: Tolerance
    /// The Taylor order p (coefficients x_0 ... x_p are computed every step).
    public let order: Int
    /// Limits on steps and wall-clock time for each `integrate` call.
    public var budget = IntegrationBudget()
    /// An integration that needs more steps than this stops with `.maximumStepsExceeded`.
    public var maximumSteps: Int {
        get { budget.maximumSteps }
        set { budget.maximumSteps = newValue }
    }
    /// Whether coefficients of high order are computed at the lower precision they need (MPFR; see
    /// `PrecisionGrading`). Off: every coefficient at the context's precision.
    public var gradedPrecision = true
    /// Where Cauchy products (MPFR) are relaxed, with block products by Kronecker substitution
    /// (`RelaxedProducts`); nil: every product term by term.
    public var relaxedProducts: RelaxedProductPolicy? {
        get { engine.relaxedProducts }
        set { engine.relaxedProducts = newValue }
    }
    var grading: PrecisionGrading<Value>
    public internal(set) var statistics: IntegrationStatistics
    /// Where the last `integrate` call switched branches of abs, min or max, in time order.
    public private(set) var switchingEvents: [SwitchingEvent<Value>] = []
    var engine: TaylorCoefficientEngine<Context>

    /// - Parameters:
    ///   - parameters: a value array for every parameter of the system (one element for a scalar).
    ///   - tolerance: defaults to the context's precision.
    ///   - order: overrides the order derived from the tolerance (`defaultOrder`).
    public init(system: ODESystem, parameters: [String: [Value]] = [:], context: Context,
                tolerance: Tolerance? = nil, order: Int? = nil) throws {
        let tolerance = tolerance ?? Tolerance(precisionBits: context.precision)
        let order = order ?? Self.defaultOrder(tolerance: tolerance, context: context)
        guard order >= 2 else { throw Self.invalid("the Taylor order must be at least 2, not \(order)") }
        var parameterValues: [Value] = []
        for parameter in system.parameters {
            guard let values = parameters[parameter.name] else {
                throw Self.invalid("no value for the parameter `\(parameter.name)`")
            }
            guard values.count == parameter.slotCount else {
                throw Self.invalid("parameter `\(parameter.name)` needs \(parameter.slotCount) values, got \(values.count)")
            }
            guard values.allSatisfy(\.isFinite) else { throw Self.invalid("parameter `\(parameter.name)` is not finite") }
            parameterValues += values
        }
        let declared = Set(system.parameters.map(\.name))
        if let unknown = parameters.keys.sorted().first(where: { !declared.contains($0) }) {
            throw Self.invalid("`\(unknown)` is not a parameter of the system")
        }
        self.system = system
        self.context = context
        self.tolerance = tolerance
        self.order = order
        self.statistics = IntegrationStatistics(order: order)
        self.grading = PrecisionGrading(context: context, tolerance: tolerance)
        self.engine = try TaylorCoefficientEngine(tape: system.tape, order: order, context: context,
                                                  stateSlotCount: system.dimension, parameterValues: parameterValues,
                                                  hasTime: system.timeSymbol != nil)
    }

    /// How much higher than Jorba & Zou's p0 the order is where the Cauchy products are relaxed and a step's
    /// cost grows slowly with its order (about p^1.3 at 300 digits), so that the longer steps of a higher
    /// order (h = rho e^(-2 p0/p)) pay for it: 0.91x the CPU at 300 digits (Benchmarks/README.md, "A higher
    /// Taylor order where the products are relaxed").
    public static var relaxedOrderFactor: Double { 1.5 }
    /// Above this working precision the block products dominate, a step's cost grows like p^1.7, and a higher
    /// order lost (1.11x the CPU at 1000 digits, 3420 bits, with 1.25 p0 and 1.5 p0); between 1095 and 3420
    /// bits the crossover was not measured.
    public static var relaxedOrderLargestBits: Int { 2048 }

    /// The order used when none is given: p0 = `tolerance.taylorOrder`, or `relaxedOrderFactor` p0 where the
    /// standard policy makes the products relaxed (MPFR at its precision and order) up to
    /// `relaxedOrderLargestBits`.
    public static func defaultOrder(tolerance: Tolerance, context: Context) -> Int {
        let p0 = tolerance.taylorOrder, policy = RelaxedProductPolicy.standard
        guard context is MPFRContext, (policy.smallestBits..<relaxedOrderLargestBits).contains(context.precision),
              p0 >= policy.smallestOrder else { return p0 }
        return Int((relaxedOrderFactor * Double(p0)).rounded(.up))
    }

    static func invalid(_ message: String) -> IntegrationError {
        IntegrationError(reason: .invalidInput, time: nil, message: message)
    }

    /// Integrates from `t0` and returns the state (all slots, in order) at each of `times`.
    ///
    /// `times` must be monotone, all on one side of `t0` (backward integration is allowed); a time equal
    /// to `t0` returns the initial state.
    @_specialize(where Context == DoubleContext)
    @_specialize(where Context == MPFRContext)
    public mutating func integrate(initial: [Value], from t0: Value, to times: [Value]) throws -> [[Value]] {
        let dimension = system.dimension
        guard initial.count == dimension else {
            throw Self.invalid("the initial state has \(initial.count) values, the system has \(dimension) state slots")
        }
        guard initial.allSatisfy(\.isFinite), t0.isFinite, times.allSatisfy(\.isFinite) else {
            throw Self.invalid("the initial state and the times must be finite")
        }
        statistics = IntegrationStatistics(order: order)
        switchingEvents = []
        let zero = context.constant(0)
        guard let tEnd = times.last else { return [] }
        let direction = Self.sign(tEnd - t0)
        var previous = t0
        for t in times {
            guard Self.sign(t - previous) * direction >= 0 else {
                throw Self.invalid("the requested times must be monotone and on one side of t0")
            }
            previous = t
        }
        engine.direction = direction >= 0 ? 1 : -1
        engine.pinned = engine.pinned.map { _ in 0 }

        var state = initial.map { $0 + zero }
        var next = initial.map { $0 + zero }
        var t = t0 + zero
        var results: [[Value]] = []
        results.reserveCapacity(times.count)
        var index = 0
        var lastStep = 0.0
        var growth = StepGrowth()
        let spanScale = Swift.max(Swift.abs(t0.doubleValue), Swift.abs(tEnd.doubleValue))
        let smallestRelativeStep = exp2(Double(8 - context.precision))
        let start = ContinuousClock.now, stop = budget.end(startingAt: start)
        if gradedPrecision, grading.isAvailable, grading.plan == nil, context.precision > PrecisionGrading<Value>.smallestPilotedBits,
           engine.kinks.isEmpty {
            try planFromAPilot(state: state, time: t, end: tEnd, start: start, stop: stop)
        }

        while index < times.count {
            if Self.sign(times[index] - t) == 0 {
                results.append(state.map { $0 + zero })
                index += 1
                continue
            }
            growth.record(step: lastStep, after: statistics.steps)
            try checkBudget(time: t, end: tEnd, lastStep: lastStep, growth: growth.factor(step: lastStep, after: statistics.steps), start: start, stop: stop)
            var (step, reachesEnd, switching, ruleStep) = try prepareStep(state: state, time: t, end: tEnd,
                                                                         smallestStep: Swift.max(spanScale, Double.leastNormalMagnitude) * smallestRelativeStep,
                                                                         start: start, stop: stop)
            if grading.rejects(engine: engine, order: order, step: step, lnScale: lnScale()) {
                engine.regrade(grading.fullPlan(order: order), zero: grading.zero)
                grading.plan = nil
                (step, reachesEnd, switching, ruleStep) = try prepareStep(state: state, time: t, end: tEnd,
                                                                         smallestStep: Swift.max(spanScale, Double.leastNormalMagnitude) * smallestRelativeStep,
                                                                         start: start, stop: stop)
            }
            if let ruleStep { lastStep = ruleStep }
            // Requested times inside this step: evaluate its polynomial there.
            while index < times.count {
                let tau = times[index] - t
                guard reachesEnd || Self.sign(step - tau) * engine.direction >= 0 else { break }
                var output = [Value](repeating: zero, count: dimension)
                for i in 0..<dimension {
                    output[i] = zero + zero
                    engine.evaluateState(i, at: tau, into: &output[i])
                }
                try Self.checkFinite(output, time: t)
                results.append(output)
                index += 1
            }
            statistics.steps += 1
            if index == times.count { break }
            for i in 0..<dimension { engine.evaluateState(i, at: step, into: &next[i]) }
            try Self.checkFinite(next, time: t)
            swap(&state, &next)
            t = t + step
            // A function that switched starts the next step pinned to its new branch; the others are free.
            let used = engine.choices
            engine.pinned = engine.pinned.map { _ in 0 }
            for k in switching {
                engine.pinned[k] = -used[k]
                let kink = engine.kinks[k]
                switchingEvents.append(SwitchingEvent(time: t + zero, function: kink.kind, register: kink.register, branch: -used[k]))
            }
            statistics.switches += switching.isEmpty ? 0 : 1
            if gradedPrecision, grading.isAvailable, grading.plan == nil, let ruleStep {
                grading.plan = grading.needed(engine: engine, order: order, stepMagnitude: 1.1 * ruleStep, lnScale: lnScale())
                engine.regrade(grading.plan!, zero: grading.zero)
            }
        }
        return results
    }

    /// The first precision plan of an integration from a pilot: the coefficients at (state, t) computed at
    /// `PrecisionGrading.pilotBits` from order 1 on, whose magnitudes give the step rule's size and the bits each order
    /// needs, instead of a first step at the full precision (2.3 graded steps at 1000 digits). A pilot only sizes the
    /// plan: every step is computed at the plan's precision and checked against it (`PrecisionGrading.rejects`), and
    /// one that needs more bits is computed again at full precision, as before. No plan (the full precision stays)
    /// where the pilot's step reaches `end` or its step size is not finite.
    mutating func planFromAPilot(state: [Value], time t: Value, end: Value, start: ContinuousClock.Instant,
                                 stop: ContinuousClock.Instant?) throws {
        let full = grading.fullPlan(order: order)
        // Order 0 keeps the full precision: it holds the state and the constants, which are not computed again.
        engine.regrade([full[0]] + [Int](repeating: PrecisionGrading<Value>.pilotBits, count: order), zero: grading.zero)
        try chargeCoefficients(at: t)
        guard engine.computeCoefficients(state: state, time: t, deadline: stop) else {
            throw timeBudgetExhausted(at: t, start: start, place: "while computing a pilot of the Taylor coefficients (order \(order))")
        }
        let h = (try? stepSize(time: t)) ?? .infinity
        if h.isFinite, h > 0, h < Swift.abs((end - t).doubleValue) {
            grading.plan = grading.needed(engine: engine, order: order, stepMagnitude: 1.1 * h, lnScale: lnScale())
            engine.regrade(grading.plan!, zero: grading.zero)
        } else {
            engine.regrade(full, zero: grading.zero)
        }
    }

    /// The coefficients at (state, t) on the current branches of abs/min/max (computed again, rarely, when
    /// one at its switching point turns out to leave it on the other branch) and the step to take: the
    /// step rule's, cut to land on `end` or at the first switch (`switching` lists the functions that switch
    /// there). `ruleStep` is the step rule's size, nil when the step reaches `end`.
    mutating func prepareStep(state: [Value], time t: Value, end: Value, smallestStep: Double,
                              start: ContinuousClock.Instant, stop: ContinuousClock.Instant?) throws
        -> (step: Value, reachesEnd: Bool, switching: [Int], ruleStep: Double?) {
        var step = context.constant(0), reachesEnd = false, switching: [Int] = [], ruleStep: Double? = nil
        // Coefficients on the current branches; again (rarely) when a piecewise function at its switching
        // point turns out to leave it on the other branch.
        for attempt in 0... {
            try chargeCoefficients(at: t)
            guard engine.computeCoefficients(state: state, time: t, deadline: stop) else {
                throw timeBudgetExhausted(at: t, start: start, place: "after \(statistics.steps) steps, while computing the Taylor coefficients (order \(order)) of the next")
            }
            let h = try stepSize(time: t)
            let remaining = Swift.abs((end - t).doubleValue)
            reachesEnd = !(h < remaining)
            ruleStep = reachesEnd ? nil : h
            if reachesEnd {
                step = end - t
            } else {
                if h < smallestStep {
                    throw IntegrationError(reason: .stepSizeUnderflow, time: t.doubleValue,
                                           message: "step size \(h) underflows at t = \(t.doubleValue) (a singularity nearby?)")
                }
                step = context.constant(dyadic(h * Double(engine.direction)))
                step = (t + step) - t   // so that t + step is exact
                statistics.smallestStep = Swift.min(statistics.smallestStep, h)
                statistics.largestStep = Swift.max(statistics.largestStep, h)
            }
            if engine.kinks.isEmpty { break }
            switch try examineSwitches(step: step, time: t) {
            case .repin(let kink, let branch):
                guard attempt < engine.kinks.count else {
                    throw Self.unresolved(time: t, "the branches of abs/min/max at t = \(t.doubleValue) do not settle")
                }
                engine.pinned[kink] = branch
                continue
            case .cut(let fraction, let kinks):
                var end = t + fraction * step
                if !kinks.isEmpty {
                    // One unit in the last place past the zero, within the zero's own uncertainty, so that
                    // the new branch starts strictly on its side (x/abs(x) is then defined there).
                    let magnitude = Swift.max(Swift.abs(end.doubleValue), Swift.abs(step.doubleValue))
                    end = end + context.constant(dyadic(magnitude * exp2(Double(1 - context.precision)) * Double(engine.direction)))
                }
                step = end - t
                reachesEnd = false
                switching = kinks
            case .whole:
                break
            }
            break
        }
        return (step, reachesEnd, switching, ruleStep)
    }

    static func checkFinite(_ values: [Value], time: Value) throws {
        if let i = values.firstIndex(where: { !$0.isFinite }) {
            throw IntegrationError(reason: .nonFiniteValue, time: time.doubleValue,
                                   message: "state slot \(i) is not finite after the step from t = \(time.doubleValue) (blow-up?)")
        }
    }

    /// Jorba & Zou's step size from the current coefficients (see the type's documentation); at the Jorba-Zou
    /// order p0 their factor e^-2, at another order e^(-2 p0/p).
    func stepSize(time: Value) throws -> Double {
        let p = order
        let lnNorm0 = engine.logNorm(order: 0)
        if engine.hasUndefinedMatrixPower {
            throw IntegrationError(reason: .nonFiniteValue, time: time.doubleValue,
                                   message: "`sqrtm` or `powm` of a matrix whose symmetric part is not positive definite at t = \(time.doubleValue): they are defined for symmetric positive definite matrices only")
        }
        if engine.hasOversizedExponential {
            throw IntegrationError(reason: .nonFiniteValue, time: time.doubleValue,
                                   message: "`expm` of a matrix of norm over 2^11 at t = \(time.doubleValue): its exponential is beyond what the integrator follows")
        }
        let lnScale = lnScale()
        var lnRho = Double.infinity
        var m = p
        // The last two coefficients; if both vanish, the highest nonzero ones below them.
        while m >= 1 {
            let lnNorm = engine.logNorm(order: m)
            if lnNorm.isNaN || lnNorm == .infinity {
                throw IntegrationError(reason: .nonFiniteValue, time: time.doubleValue,
                                       message: "a Taylor coefficient of order \(m) is not finite at t = \(time.doubleValue) (blow-up or a singular function value)")
            }
            if lnNorm > -.infinity { lnRho = Swift.min(lnRho, (lnScale - lnNorm) / Double(m)) }
            if m <= p - 1 && lnRho < .infinity { break }
            m -= 1
        }
        if !lnNorm0.isFinite && lnNorm0 != -.infinity {
            throw IntegrationError(reason: .nonFiniteValue, time: time.doubleValue,
                                   message: "the state is not finite at t = \(time.doubleValue)")
        }
        // Cut to where the scaling of every `expm` holds (see `MatrixExponentialBlock`).
        return Swift.min(exp(lnRho - 2 * Double(tolerance.taylorOrder) / Double(p) - 0.7 / Double(p - 1)), engine.exponentialStepLimit)
    }

    /// ln of the size the tolerance is relative to: 1 under the absolute tolerance, the state's max norm
    /// under the relative one (whichever is looser).
    func lnScale() -> Double {
        let lnNorm0 = engine.logNorm(order: 0)
        let lnEpsRel = -tolerance.relativeDigits * log(10.0), lnEpsAbs = -tolerance.absoluteDigits * log(10.0)
        return lnEpsRel + lnNorm0 <= lnEpsAbs ? 0 : lnNorm0
    }

    static func sign(_ x: Value) -> Int { exactSign(x) }
}

extension TaylorCoefficientEngine {
    /// ln of the max norm over the state slots of coefficient m (-inf when all vanish, NaN if one is NaN).
    func logNorm(order m: Int) -> Double {
        var result = -Double.infinity
        for x in stateOffsets {
            let l = logMagnitude(store[x + m])
            if l.isNaN { return .nan }
            result = Swift.max(result, l)
        }
        return result
    }
}
