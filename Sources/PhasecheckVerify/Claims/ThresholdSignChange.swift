import PhasecheckExpressions
import PhasecheckFormat
import PhasecheckNumbers

/// A function of one parameter whose sign a threshold claim brackets: its value at P = q, once the sign is
/// decided (nil: undecided there), as an interval whose midpoint guides the bracketing steps.
protocol ParameterSignOracle {
    mutating func value(at q: BigRational) throws -> BigInterval?
    /// Evaluations so far (for the report).
    var evaluations: Int { get }
}

/// The sign of a quantity as a function of one parameter, each value certified (or, along an integration,
/// estimated) with intervals.
struct SignOracle: ParameterSignOracle {
    let model: Model
    let parameter: String
    let quantity: Expr
    let place: QuantityPlace
    let signs: SignEvaluator
    /// A cheaper first attempt at each sign, while it decides them (nil: none). Along an integration the
    /// cost grows with the digits (the tolerances and the Taylor order), but far from the sign change the
    /// quantity is large and a few digits decide its sign, with the same certification or error estimate
    /// as at full digits; near it (the first sign the attempt leaves undecided, every later point being
    /// closer) only the full digits are used.
    private var coarseSigns: SignEvaluator?
    /// Sign evaluations so far (for the report).
    private(set) var evaluations = 0
    /// Whether every sign so far was certified (false once one came from an integration's estimate).
    private(set) var certified = true
    /// Why the last value asked for was left undecided, when a state the quantity reads diverged there (nil: it
    /// did not, so that an earlier probe's divergence does not stand for a later undecided sign).
    private(set) var divergence: String?
    /// Why an expectation of the model had no enclosure at the last value left undecided (`SmoothExpectationConstants`).
    private(set) var expectationShortfall: String?

    init(model: Model, parameter: String, quantity: Expr, place: QuantityPlace, signs: SignEvaluator, coarseSigns: SignEvaluator? = nil) {
        self.model = model
        self.parameter = parameter
        self.quantity = quantity
        self.place = place
        self.signs = signs
        self.coarseSigns = coarseSigns
    }

    /// What the signs rest on, for the report.
    var basis: String {
        switch place {
        case .constant: "signs certified by interval arithmetic"
        case .step(let n): "signs certified by interval arithmetic along the iteration at step \(timeText(n))"
        case .time(let t) where certified: "signs by interval arithmetic along the closed form at t = \(timeText(t)) (" + ClaimCheck.closedFormPremise + ")"
        case .time(let t): "signs from the integration at t = \(timeText(t)) (its two-tolerance error estimate, not a bound)"
        }
    }

    /// The quantity at P = q once its sign is decided, nil when undecided (also where a state it reads diverges:
    /// the iterate has no sign there).
    mutating func value(at q: BigRational) throws -> BigInterval? {
        divergence = nil
        do {
            return try decidedValue(at: q)
        } catch let diverged as IteratedTrajectory.IterationDiverged {
            divergence = "at \(parameter) = \(decimal(q)) \(diverged), and E reads the diverging state"
            return nil
        }
    }

    private mutating func decidedValue(at q: BigRational) throws -> BigInterval? {
        var m = model
        m.setParameter(parameter, .number(q))
        evaluations += 1
        if let coarse = coarseSigns {
            let (v, isCertified) = try coarse.value(of: quantity, on: m, at: place, escalating: false)
            if let v {
                certified = certified && isCertified
                return v
            }
            coarseSigns = nil
        }
        let (v, isCertified) = try signs.value(of: quantity, on: m, at: place)
        certified = certified && isCertified
        if v == nil, let shortfall = (try? SmoothExpectationConstants(model: m))?.shortfalls {
            expectationShortfall = "at \(parameter) = \(decimal(q)) " + shortfall
        }
        return v
    }
}

/// A bracket [lower, upper] of the parameter with the quantity certainly of opposite signs at its ends.
struct SignChangeBracket {
    var lower: BigRational
    var upper: BigRational
    /// The quantity at the ends (their signs differ).
    var atLower: BigInterval
    var atUpper: BigInterval

    var width: BigRational { upper - lower }

    /// The bracket as an interval at `bits` (rounded outward), for reports and comparisons.
    func enclosure(bits: Int) -> BigInterval {
        BigInterval(lower: BigInterval(lower, precision: bits).lower, upper: BigInterval(upper, precision: bits).upper)
    }

    /// Replaces the end whose sign the value at `q` shares.
    mutating func split(at q: BigRational, value: BigInterval) {
        if (value.lower.sign > 0) == (atLower.lower.sign > 0) { (lower, atLower) = (q, value) } else { (upper, atUpper) = (q, value) }
    }
}

extension ClaimCheck {
    /// `threshold P where E [at t = T] changes sign [in (a, b)] [== V [digits k]]`.
    mutating func checkSignChange(of parameter: String, _ claim: ThresholdClaim.SignChange) throws {
        let e = model.expand(claim.quantity)
        if claim.time == nil && claim.step == nil && involvesMotion([e]) {
            throw CheckError("the quantity involves the state or t: give the time, as in `where E at t = 100 changes sign`")
        }
        let place: QuantityPlace = claim.step.map { .step(model.expand($0)) } ?? claim.time.map { .time(model.expand($0)) } ?? .constant
        let (a, b) = try bracketEnds(of: parameter, claim.bracket)
        let digits = thresholdDigits(known: claim.digits)
        // Along a trajectory in t, signs are first tried at a third of the digits, at least 5 (see `SignOracle.coarseSigns`).
        let coarse: SignEvaluator? = if case .time = place, digits >= 12 { signs(digits: Swift.max(5, digits / 3)) } else { nil }
        var oracle = SignOracle(model: model, parameter: parameter, quantity: e, place: place, signs: signs(digits: digits), coarseSigns: coarse)
        guard let atA = try oracle.value(at: a), let atB = try oracle.value(at: b) else {
            status = .undecided
            undecidedReason = oracle.divergence ?? "the sign of E at an end of the bracket is not decided up to the precision cap (E may be 0 there)"
            detail = "\(parameter) in (\(decimal(a)), \(decimal(b)))"
            return
        }
        points = 2
        if (atA.lower.sign > 0) == (atB.lower.sign > 0) {
            status = .fails
            worstCase = [(parameter, "\(decimal(a)) and \(decimal(b))"), ("sign of E at both", atA.lower.sign > 0 ? "+" : "-")]
            compared = [("E at \(decimal(a))", atA.reportText), ("E at \(decimal(b))", atB.reportText)]
            detail = "no net change of sign in (\(decimal(a)), \(decimal(b))); " + oracle.basis + closedFormNote
            return
        }
        var bracket = SignChangeBracket(lower: a, upper: b, atLower: atA, atUpper: atB)
        try narrowAndRecord(&bracket, by: &oracle, parameter: parameter, digits: digits, stated: claim.expected, knownDigits: claim.digits,
                            change: "sign change", subject: "the sign of E")
        if status == .undecided, let divergence = oracle.divergence { undecidedReason = divergence }
        if status == .undecided, let shortfall = oracle.expectationShortfall { undecidedReason = (undecidedReason.map { $0 + "; " } ?? "") + shortfall }
        detail = "E(\(parameter)) changes sign in the bracket (E \(bracket.atLower.lower.sign > 0 ? ">" : "<") 0 at its lower end); "
            + oracle.basis + "; \(oracle.evaluations) evaluations; a sign change, not its uniqueness" + closedFormNote
    }

    /// Narrows a bracket whose ends have certainly opposite signs (`narrow`) and records the outcome: where
    /// the `change` lies (the digits every point of the final bracket rounds to), the bracket's width and the
    /// stated value; `subject` (what may be undecided near the change) words the undecided reason.
    mutating func narrowAndRecord<Oracle: ParameterSignOracle>(_ bracket: inout SignChangeBracket, by oracle: inout Oracle, parameter: String,
                                                             digits: Int, stated: Expr?, knownDigits: Int?, change: String, subject: String) throws {
        let expected = try stated.map { v in
            try trajectory(for: model, needsState: false).values(of: [model.expand(v)], at: [.number(0)], bits: startBits)[0][0][0]
        }
        let outcome = try narrow(&bracket, by: &oracle, digits: digits, expected: expected, knownDigits: knownDigits)
        points = oracle.evaluations
        let root = bracket.enclosure(bits: startBits)
        // The digits the bracket certifies (every point of it rounds to them), up to those asked.
        let certified = stride(from: digits, through: 1, by: -1).lazy.compactMap { root.certifiedDecimal(significantDigits: $0) }.first
        worstCase = [(parameter, root.reportText)]
        compared = [("\(change) at", certified ?? root.reportText), ("bracket width", decimal(bracket.width))]
            + (expected.map { [("stated", $0.certifiedDecimal(significantDigits: digits)?.replacingTrailingZerosOfMantissa() ?? $0.reportText)] } ?? [])
        switch outcome {
        case .holds: break
        case .fails: status = .fails
        case .undecided:
            status = .undecided
            undecidedReason = undecidedReason ?? "the bracket could not be narrowed to \(digits) digits (\(subject) is undecided near \(root.reportText))"

        }
    }

    /// The digits a threshold is located to: those asked, or min(k + 3, those asked) for a value stated to k digits,
    /// and k + 3 when k is above those asked: a value stated to more digits than asked (k = 31 at 30) is located to its
    /// own rounding, as `value ... digits k` is computed to k + 3 (it was located to 30 digits and then compared as an
    /// exact number, so its correct rounding FAILED).
    func thresholdDigits(known k: Int?) -> Int { k.map { $0 > required ? $0 + 3 : Swift.min($0 + 3, required) } ?? required }

    /// The bracket's ends: the claim's `in (a, b)`, else the parameter's bounded domain.
    func bracketEnds(of parameter: String, _ bracket: ThresholdClaim.Bracket?) throws -> (BigRational, BigRational) {
        let ends: (BigRational?, BigRational?)
        if let bracket {
            ends = (try model.constantValue(bracket.lower), try model.constantValue(bracket.upper))
        } else {
            let domain = derivation.parameter(named: parameter)?.domain
            ends = (domain?.lower, domain?.upper)
        }
        guard let a = ends.0, let b = ends.1 else {
            throw CheckError("no bracket for `\(parameter)`: give one, as in `changes sign in (0.4, 0.6)`, or a bounded domain")
        }
        guard a < b else { throw CheckError("the bracket's lower end \(decimal(a)) is not below its upper end \(decimal(b))") }
        return (a, b)
    }

    /// Narrows a sign-change bracket until it has `digits` significant digits (relative to its larger end;
    /// absolute 10^-digits around 0), or, with a stated value V, until V's rounding is decided. Split points
    /// are Illinois (modified regula falsi) steps kept at least a tenth of the target width inside the
    /// bracket, so both ends converge; a bisection replaces them when the bracket has not halved in three.
    /// A split point where the sign stays undecided is stepped over: E is taken a quarter target on each side.
    func narrow<Oracle: ParameterSignOracle>(_ bracket: inout SignChangeBracket, by oracle: inout Oracle, digits: Int,
                expected: BigInterval?, knownDigits: Int?) throws -> Outcome {
        let bits = startBits
        /// The width to reach: 10^-(digits+1) relative to the smaller end, absolute when the bracket holds 0.
        func target() -> BigRational {
            let magnitude = { (q: BigRational) in q.sign < 0 ? BigRational(0) - q : q }
            let scale = bracket.lower.sign * bracket.upper.sign <= 0 ? BigRational(1) : Swift.min(magnitude(bracket.lower), magnitude(bracket.upper))
            return scale * BigRational(1, 10).power(digits + 1)
        }
        /// The outcome once the bracket decides the claim, nil while it must narrow further. A stated value
        /// outside the bracket fails only when E has one sign across the stated value's rounding interval.
        func decided() throws -> Outcome? {
            let root = bracket.enclosure(bits: bits)
            guard let expected else { return bracket.width <= target() ? .holds : nil }
            if let k = knownDigits {
                switch roundingOutcome(value: root, reference: expected, digits: k, zeroScale: BigFloat(1, precision: 64)) {
                case .holds: return .holds
                case .fails: return try hasNoSignChange(around: expected, halfWidth: halfUnit(of: expected, digits: k), &oracle) ? .fails : .undecided
                case .undecided: return bracket.width <= target() ? .undecided : nil
                }
            }
            guard bracket.width <= target() else { return nil }
            if root.overlaps(expected) { return .holds }
            return try hasNoSignChange(around: expected, halfWidth: BigFloat(0, precision: bits), &oracle) ? .fails : .undecided
        }
        var stale = (lower: 0, upper: 0)
        var widthThreeAgo = [bracket.width, bracket.width, bracket.width]
        while true {
            if let outcome = try decided() { return outcome }
            try deadline.check("narrowing the bracket at width \(decimal(bracket.width))")
            // Illinois: the end kept twice in a row has its value halved in the interpolation.
            let halving = { (kept: Int) in BigFloat(BigRational(1, 1 << Swift.min(Swift.max(kept - 1, 0), 60)), precision: bits) }
            let fa = bracket.atLower.midpoint * halving(stale.lower)
            let fb = bracket.atUpper.midpoint * halving(stale.upper)
            var fraction = BigRational(exactly: BigFloat.abs(fa / (fa - fb)).rounded(toPrecision: 64)) ?? BigRational(1, 2)
            if bracket.width * 2 > widthThreeAgo[0] { fraction = BigRational(1, 2) }
            let margin = Swift.min(target() / 10, bracket.width / 4)
            var q = bracket.lower + fraction * bracket.width
            q = Swift.min(Swift.max(q, bracket.lower + margin), bracket.upper - margin)
            q = BigRational(exactly: BigFloat(q, precision: bits)) ?? q
            let previousLower = bracket.lower
            if let v = try oracle.value(at: q) {
                bracket.split(at: q, value: v)
            } else {
                // E is 0 (or undecided) at q: step over it.
                let h = target() / 4
                guard let below = try oracle.value(at: q - h), let above = try oracle.value(at: q + h),
                      (below.lower.sign > 0) != (above.lower.sign > 0) else { return .undecided }
                bracket = SignChangeBracket(lower: q - h, upper: q + h, atLower: below, atUpper: above)
            }
            if bracket.lower == previousLower { stale = (stale.lower + 1, 0) } else { stale = (0, stale.upper + 1) }
            widthThreeAgo = Array(widthThreeAgo.dropFirst()) + [bracket.width]
        }
    }

    /// Whether E has one certain sign at both ends of [v - h, v + h] (h = 0: at v itself), so that no net
    /// sign change lies in V's rounding interval.
    func hasNoSignChange<Oracle: ParameterSignOracle>(around v: BigInterval, halfWidth h: BigFloat, _ oracle: inout Oracle) throws -> Bool {
        guard let lo = BigRational(exactly: v.lower - h), let hi = BigRational(exactly: v.upper + h),
              let below = try oracle.value(at: lo), let above = try oracle.value(at: hi) else { return false }
        return (below.lower.sign > 0) == (above.lower.sign > 0)
    }
}
