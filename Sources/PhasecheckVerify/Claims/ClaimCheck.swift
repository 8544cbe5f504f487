import PhasecheckFormat
import CMPFR
import PhasecheckExpressions
import PhasecheckNumbers

/// Checks one claim. Comparisons along closed forms run in interval arithmetic and raise the precision
/// until each is decided (holds to the required digits, or certainly does not), up to a cap.
struct ClaimCheck {
    let derivation: Derivation
    let claim: Claim
    let options: VerifyOptions
    let model: Model
    let required: Int
    /// Working precision: the digits asked for plus guard bits.
    let startBits: Int
    let capBits: Int

    /// Digits the report says were required (a reference known to fewer digits lowers it).
    var shownRequired: Int
    var status: ClaimResult.Status = .holds
    var worst: Agreement?
    var worstCase: [(name: String, value: String)] = []
    var detail = ""
    var points = 0

    init(derivation: Derivation, claim: Claim, options: VerifyOptions) throws {
        self.derivation = derivation
        self.claim = claim
        self.options = options
        // A limit claim's `under` names a parameterization of the width-limit section, not a scenario.
        let scenario: String? = if case .limit = claim.kind { nil } else { claim.scenario }
        self.model = try Model(derivation, scenario: scenario, overrides: options.overrides)
        self.required = options.digits
        self.shownRequired = options.digits
        self.startBits = Int((Double(options.digits) * 3.3219280948873623).rounded(.up)) + 48
        self.capBits = Swift.max(startBits * 64, 1 << 16)
    }

    var horizon: BigRational {
        get throws {
            guard let h = derivation.horizon else { return BigRational(10) }
            guard let q = try constantValue(h.value, model: model) else {
                throw CheckError("the horizon must be a positive constant")
            }
            return q
        }
    }

    /// Where trajectories come from: the closed form when the file has one, else the integrator.
    func trajectory(for model: Model) -> Trajectory {
        if let closed = model.closedForm { return ClosedFormTrajectory(model: model, closedForm: closed) }
        return IntegratedTrajectory(model: model, digits: required)
    }

    func involvesMotion(_ exprs: [Expr]) -> Bool {
        let moving = Set(derivation.states.map(\.name)).union([Derivation.time])
        return exprs.contains { !$0.freeSymbols.isDisjoint(with: moving) }
    }

    mutating func run() throws {
        switch claim.kind {
        case .solvesODE: try checkSolves()
        case .invariant(let e): try checkInvariant(model.expand(e))
        case .identity(let lhs, let rhs): try checkIdentity(model.expand(lhs), model.expand(rhs))
        case .rate(let lhs, let rhs): try checkIdentity(FlowDerivative(model: model).derivative(of: model.expand(lhs)), model.expand(rhs))
        case .value(let e, let time, let expected, let digits):
            try checkValue(model.expand(e), time: time, expected: model.expand(expected), knownDigits: digits)
        case .monotone(let e, let increasing, let from, let to):
            try checkMonotone(model.expand(e), increasing: increasing, from: from, to: to)
        case .limit(let limit):
            try checkLimit(limit)
        }
    }

    // MARK: Comparison engine

    enum Floor { case none, vectorScale }

    enum Outcome { case holds, fails, undecided }

    /// One decided comparison: the agreement and where it was.
    struct Point {
        var agreement: Agreement
        var time: Expr
        var pair: Int
        var component: Int
    }

    /// Compares `pairs` at every time along `trajectory`, raising precision while any comparison is
    /// undecided. Returns the outcome and the worst point (the failing one if it fails).
    func compare(_ pairs: [(Expr, Expr)], at times: [Expr], along trajectory: Trajectory,
                 floor: Floor = .none, decide: ((Agreement, BigInterval, BigInterval) -> Outcome)? = nil) throws -> (Outcome, Point?, Int) {
        var bits = startBits
        let exprs = pairs.flatMap { [$0.0, $0.1] }
        while true {
            let values = try trajectory.values(of: exprs, at: times, bits: bits)
            var worstPoint: Point? = nil
            var failing: Point? = nil
            var undecided = false
            for (ti, atTime) in values.enumerated() {
                for p in pairs.indices {
                    let lhs = atTime[2 * p], rhs = atTime[2 * p + 1]
                    guard lhs.count == rhs.count || lhs.count == 1 || rhs.count == 1 else {
                        throw CheckError("the two sides have lengths \(lhs.count) and \(rhs.count)")
                    }
                    let n = Swift.max(lhs.count, rhs.count)
                    let scale: BigFloat? = floor == .vectorScale
                        ? (lhs + rhs).map(\.magnitudeUpper).reduce(BigFloat(0, precision: bits)) { BigFloat.max($0, $1) } : nil
                    for c in 0..<n {
                        let x = lhs[lhs.count == 1 ? 0 : c], y = rhs[rhs.count == 1 ? 0 : c]
                        if !x.isFinite || !y.isFinite {
                            // Too wide an enclosure (a division by a difference that lost its digits) or a
                            // true domain error: more precision tells them apart.
                            guard bits * 2 <= capBits, trajectory.isCertified else {
                                throw CheckError("a value is not finite at t = \(timeText(times[ti])) (\(x.isNaN || y.isNaN ? "undefined: a domain error such as log or sqrt of a negative number" : "infinite: division by zero or overflow")), even at \(bits) bits")
                            }
                            undecided = true
                            continue
                        }
                        let agreement = Agreement.between(x, y, floor: scale)
                        let point = Point(agreement: agreement, time: times[ti], pair: p, component: c)
                        let outcome = decide?(agreement, x, y)
                            ?? (agreement.holds(Double(required)) ? .holds : agreement.fails(Double(required)) ? .fails : .undecided)
                        switch outcome {
                        case .fails: if failing == nil || agreement < failing!.agreement { failing = point }
                        case .undecided: undecided = true
                        case .holds: break
                        }
                        if worstPoint == nil || agreement < worstPoint!.agreement { worstPoint = point }
                    }
                }
            }
            let count = values.count * pairs.count
            if let failing { return (.fails, failing, count) }
            if !undecided { return (.holds, worstPoint, count) }
            if !trajectory.isCertified { return (.fails, worstPoint, count) }
            if bits * 2 > capBits { return (.undecided, worstPoint, count) }
            bits *= 2
        }
    }

    /// Records a comparison's outcome into this claim's result. The point reported is the first failure,
    /// or else the worst agreement seen.
    mutating func record(_ outcome: Outcome, _ point: Point?, count: Int, label: (Point) -> [(String, String)]) {
        points += count
        guard let point else { return }
        if status != .fails && (outcome == .fails || worst.map { point.agreement < $0 } ?? true) {
            worst = point.agreement
            worstCase = label(point)
        }
        switch outcome {
        case .fails: status = .fails
        case .undecided: if status == .holds { status = .undecided }
        case .holds: break
        }
    }

    // MARK: Claims

    mutating func checkSolves() throws {
        guard let closed = model.closedForm else { throw CheckError("no closed form") }
        let along = ClosedFormTrajectory(model: model, closedForm: closed)
        let states = derivation.states
        // 1. Initial condition.
        let initialPairs = states.map { (Expr.symbol($0.name), Expr.symbol($0.initialName)) }
        let (o1, p1, n1) = try compare(initialPairs, at: [Expr.number(0)], along: along, floor: .vectorScale)
        record(o1, p1, count: n1) { [("check", "initial value"), ("state", states[$0.pair].name), ("component", "\($0.component + 1)")] }
        // 2. Residual d/dt x(t) - F(x(t)), with the derivative taken symbolically.
        let residualPairs = states.map { s in
            (closed[s.name]!.derivative(withRespectTo: Derivation.time), model.expand(derivation.odes[s.name]!.expr))
        }
        let times = [Expr.number(0)] + Sampling.times(horizon: try horizon, count: options.timeSamples)
        let (o2, p2, n2) = try compare(residualPairs, at: times, along: along, floor: .vectorScale)
        record(o2, p2, count: n2) { [("check", "residual"), ("state", states[$0.pair].name), ("component", "\($0.component + 1)"), timeLabel($0.time)] }
        // 3. Agreement with the numerical integration.
        let integrated = IntegratedTrajectory(model: model, digits: required)
        let statePairs = states.map { s in (Expr.symbol(s.name), closed[s.name]!) }
        let (o3, p3, n3) = try compare(statePairs, at: times.dropFirst().map { $0 }, along: integrated, floor: .vectorScale)
        record(o3, p3, count: n3) { [("check", "integrator"), ("state", states[$0.pair].name), ("component", "\($0.component + 1)"), timeLabel($0.time)] }
        detail = "initial value, symbolic residual at \(times.count) times, and Taylor integration at \(times.count - 1) times"
    }

    mutating func checkInvariant(_ e: Expr) throws {
        let integrated = IntegratedTrajectory(model: model, digits: required)
        let atStart = e.substituting(Dictionary(uniqueKeysWithValues: derivation.states.map { ($0.name, Expr.symbol($0.initialName)) }))
            .substituting([Derivation.time: Expr.number(0)])
        let times = Sampling.times(horizon: try horizon, count: options.timeSamples)
        let (o, p, n) = try compare([(e, atStart)], at: times, along: integrated, floor: .vectorScale)
        record(o, p, count: n) { [("component", "\($0.component + 1)"), timeLabel($0.time)] }
        detail = "compared with its initial value along the Taylor integration at \(times.count) times"
    }

    mutating func checkIdentity(_ lhs: Expr, _ rhs: Expr) throws {
        let moving = involvesMotion([lhs, rhs])
        let times = moving ? Sampling.times(horizon: try horizon, count: options.timeSamples) : [Expr.number(0)]
        var generator = SeededRandom(seed: options.seed)
        let random = derivation.parameters.filter { $0.domain != nil }
        for draw in 0..<options.parameterDraws {
            var drawn = model
            var values: [String: BigRational] = [:]
            if draw > 0 {
                if random.isEmpty { break }
                for p in random {
                    let q = Sampling.draw(from: p.domain!, &generator)
                    values[p.name] = q
                    drawn.setParameter(p.name, Expr.number(q))
                }
            }
            let (outcome, point, count) = try compare([(lhs, rhs)], at: times, along: trajectory(for: drawn))
            if outcome == .fails {
                let (shrunk, shrunkPoint) = try shrink(values, lhs: lhs, rhs: rhs, times: times) ?? (values, point!)
                record(.fails, shrunkPoint, count: count) { p in
                    shrunk.keys.sorted().map { ($0, decimal(shrunk[$0]!)) } + (moving ? [timeLabel(p.time)] : [])
                }
                detail = "fails at the parameter values shown" + (draw == 0 ? " (the file's own)" : " (drawn from the domains, then simplified)")
                return
            }
            record(outcome, point, count: count) { p in
                values.keys.sorted().map { ($0, decimal(values[$0]!)) } + (moving ? [timeLabel(p.time)] : [])
            }
        }
        let draws = random.isEmpty ? 1 : options.parameterDraws
        detail = "\(draws) parameter set\(draws == 1 ? "" : "s")" + (moving ? " x \(times.count) times along the " + (model.closedForm != nil ? "closed form" : "integration") : "")
    }

    /// Simplifies a failing parameter set: each value in turn is replaced by the first of a few simple
    /// values (the file's default, 1, 2, 1/2, 0, -1) that lies in its domain and keeps the failure.
    func shrink(_ values: [String: BigRational], lhs: Expr, rhs: Expr, times: [Expr]) throws -> ([String: BigRational], Point)? {
        guard !values.isEmpty else { return nil }
        var current = values
        var lastPoint: Point? = nil
        func failure(_ candidate: [String: BigRational]) throws -> Point? {
            var m = model
            for (name, q) in candidate { m.setParameter(name, Expr.number(q)) }
            let (outcome, point, _) = try compare([(lhs, rhs)], at: times, along: trajectory(for: m))
            return outcome == .fails ? point : nil
        }
        for name in values.keys.sorted() {
            let domain = derivation.parameter(named: name)!.domain!
            var candidates = [BigRational(1), BigRational(2), BigRational(1, 2), BigRational(0), BigRational(-1)]
            if let q = derivation.parameter(named: name)!.value.numberValue { candidates.insert(q, at: 0) }
            for candidate in candidates where domain.contains(candidate) && candidate != current[name] {
                var trial = current
                trial[name] = candidate
                if let point = try? failure(trial) {
                    current = trial
                    lastPoint = point
                    break
                }
            }
        }
        if lastPoint == nil { lastPoint = try failure(current) }
        return lastPoint.map { (current, $0) }
    }

    mutating func checkValue(_ e: Expr, time: Expr?, expected: Expr, knownDigits: Int?) throws {
        let along = trajectory(for: model)
        let t = try time ?? Expr.number(limitTime(of: e, along: along))
        // A reference known to k digits holds if it is the correct rounding of the value to k digits.
        var decide: ((Agreement, BigInterval, BigInterval) -> Outcome)? = nil
        if let k = knownDigits, k <= required {
            decide = { _, value, reference in roundingOutcome(value: value, reference: reference, digits: k) }
        }
        let (o, p, n) = try compare([(e, expected)], at: [t], along: along, decide: decide)
        record(o, p, count: n) { _ in [time == nil ? ("t", "inf (reached at \(timeText(t)))") : timeLabel(t)] }
        let digitsNote = knownDigits.map { k in k <= required ? "reference known to \(k) digits: must be the value correctly rounded to \(k)" : "reference known to \(k) digits; \(required) compared" } ?? "exact reference"
        detail = (time == nil ? "limit t -> inf along the " : "along the ") + (along.isCertified ? "closed form" : "integration") + "; " + digitsNote
        if let k = knownDigits, k < required { shownRequired = k }
    }

    /// The first time of H, 2H, 4H, ... at which the value has stopped changing at the required digits
    /// (its values there and at twice that time agree to `required + 3` digits).
    func limitTime(of e: Expr, along: Trajectory) throws -> BigRational {
        var t = try horizon
        for _ in 0..<40 {
            let values = try along.values(of: [e], at: [Expr.number(t), Expr.number(t * 2)], bits: startBits)
            if Agreement.between(values[0][0][0], values[1][0][0]).holds(Double(required + 3)) { return t * 2 }
            t = t * 2
        }
        throw CheckError("the value did not settle as t grew to \(decimal(t)); the limit may not exist")
    }

    mutating func checkMonotone(_ e: Expr, increasing: Bool, from: Expr, to: Expr) throws {
        let count = 64
        let times = (0...count).map { from + (to - from) * Expr.number(BigRational($0, count)) }
        let along = trajectory(for: model)
        var bits = startBits
        while true {
            let values = try along.values(of: [e], at: times, bits: bits).map { $0[0][0] }
            var undecided = false
            for i in 1..<values.count {
                let (earlier, later) = (values[i - 1], values[i])
                let certain = increasing ? later.lower > earlier.upper : later.upper < earlier.lower
                let violated = increasing ? later.upper <= earlier.lower : later.lower >= earlier.upper
                if violated {
                    status = .fails
                    worstCase = [("between t", timeText(times[i - 1])), ("and t", timeText(times[i]))]
                    detail = "not \(increasing ? "increasing" : "decreasing"): \(earlier.midpoint.formatted(significantDigits: 12)) then \(later.midpoint.formatted(significantDigits: 12))"
                    points = values.count
                    return
                }
                if !certain { undecided = true }
            }
            if !undecided || !along.isCertified || bits * 2 > capBits {
                status = undecided ? (along.isCertified ? .undecided : .holds) : .holds
                points = values.count
                detail = "strictly \(increasing ? "increasing" : "decreasing") between \(values.count) equally spaced times on [\(from), \(to)]"
                return
            }
            bits *= 2
        }
    }

    // MARK: Helpers

    /// A constant expression as a rational: exact for a literal, else its value rounded to a double (used
    /// only for the horizon, which sets where times are sampled, not what is compared).
    func constantValue(_ e: Expr, model: Model) throws -> BigRational? {
        let expanded = model.expand(e)
        if let q = expanded.numberValue { return q }
        let inputs = try ModelInputs(model: model, context: MPFRContext(precision: 128))
        var evaluator = try inputs.evaluator(for: [expanded])
        let value = evaluator.evaluate(inputs.vector(t: BigFloat(0, precision: 128)))[0][0]
        guard value.isFinite else { return nil }
        return exactRational(value.doubleValue)
    }
}

/// Whether `reference` is `value` correctly rounded to `digits` significant digits: it holds when the
/// largest possible gap is at most half a unit in the last place, fails when the smallest exceeds it.
func roundingOutcome(value: BigInterval, reference: BigInterval, digits: Int) -> ClaimCheck.Outcome {
    let bits = Swift.max(value.precision, 64)
    let magnitude = reference.magnitudeUpper
    if magnitude.isZero { return value.lower.isZero && value.upper.isZero ? .holds : .fails }
    let exponent = Int((BigFloat.log(magnitude.rounded(toPrecision: 64)).doubleValue / 2.302585092994045684).rounded(.down))
    let halfUnit = BigFloat.pow(BigFloat(10, precision: bits), exponent - digits + 1) * BigFloat(BigRational(1, 2), precision: bits)
    let slack = halfUnit * BigFloat(BigRational(1_000_001, 1_000_000), precision: bits)
    let largestGap = BigFloat.max(BigFloat.abs(value.upper - reference.lower), BigFloat.abs(reference.upper - value.lower))
    let smallestGap = BigFloat.max(BigFloat.max(reference.lower - value.upper, value.lower - reference.upper), BigFloat(0, precision: bits))
    if largestGap <= slack { return .holds }
    if smallestGap > halfUnit { return .fails }
    return .undecided
}

func timeLabel(_ t: Expr) -> (String, String) { ("t", timeText(t)) }

/// A time as shown in reports: a short decimal for numbers, the expression otherwise.
func timeText(_ t: Expr) -> String { t.numberValue.map(decimal) ?? t.description }

/// A rational shown as a short decimal (17 significant digits, enough to reproduce a drawn double).
func decimal(_ q: BigRational) -> String {
    if q.isInteger { return q.description }
    return BigFloat(q, precision: 64).formatted(significantDigits: 17).replacingTrailingZeros()
}

extension String {
    /// `0.50000` -> `0.5`, leaving exponents alone.
    func replacingTrailingZeros() -> String {
        guard contains("."), !contains("e") else { return self }
        var s = self
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }
}
