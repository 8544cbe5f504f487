import PhasecheckDynamics
import PhasecheckFormat
import PhasecheckExpressions
import PhasecheckNumbers

/// Checks one claim. Comparisons along closed forms run in interval arithmetic and raise the precision
/// until each is decided (holds to the required digits, or certainly does not), up to a cap.
package struct ClaimCheck {
    let derivation: Derivation
    let claim: Claim
    let options: VerifyOptions
    let model: Model
    let widthLimitModel: Result<WidthLimitModel, DerivationError>
    /// The digits every comparison must reach (fewer in the copy that compares random draws, `atDrawDigits`).
    fileprivate(set) var required: Int
    /// Working precisions: the digits asked for plus 48 guard bits, doubling up to the budget's cap (by
    /// default 64 times that, at least 2^16 bits).
    fileprivate(set) var escalation: Precision.Escalation

    static func startBits(digits: Int) -> Int { Precision.bits(forDigits: digits) + 48 }

    /// The precisions of a claim's checks (`escalation`), also those of a parameter phase sweep's points.
    static func escalation(digits: Int, budget: ComputeBudget) -> Precision.Escalation {
        let start = startBits(digits: digits)
        return Precision.Escalation(start: start, cap: budget.capBits(startingAt: start, defaultMultiple: 64))
    }
    var startBits: Int { escalation.start }
    var capBits: Int { escalation.cap }
    /// The budget's seconds, counted from the start of this claim's check.
    let deadline: Deadline

    /// Digits the report says were required (a reference known to fewer digits lowers it).
    var shownRequired: Int

    /// The digits a report says `claim` requires when `asked` are asked, whatever its verdict: its working
    /// digits, or its reference's (`digits k`) when fewer.
    static func requiredDigitsShown(for claim: Claim, asked: Int) -> Int {
        guard let kind = claim.statement as? any ClaimKind else { return asked }
        return Swift.min(kind.workingDigits(asked: asked), kind.referenceDigits ?? .max)
    }
    var status: ClaimResult.Status = .holds
    var worst: Agreement?
    var worstCase: [(name: String, value: String)] = []
    /// What the point in `worstCase` is.
    var place: ClaimResult.Place = .worst
    var detail = ""
    var points = 0
    /// The values compared at the reported point, as reports show them (`left`, `right`, or a residual).
    var compared: [(name: String, value: String)] = []
    /// Why the claim is undecided, added to `detail` in the report.
    var undecidedReason: String? = nil
    /// The worst agreement at the random draws of the parameters when they were compared to fewer digits than the
    /// claim's (`drawDigits`); nil otherwise, the draws' points then counting in `worst` as the file's do.
    var drawsWorst: Agreement? = nil
    /// Where integrations with the claim's own parameter values switched branches of abs, min or max.
    let switchingLog: SwitchingLog
    let shared: SharedWork
    /// The check of the closed form where signs are taken along it at other values (threshold and basin claims).
    let closedForms: ClosedFormPremise

    /// - Parameters:
    ///   - model: the model of the claim's scenario (`claim.modelScenario`).
    ///   - widthLimitModel: the file's width-limit model, for claims about d -> infinity.
    ///   - shared: the work shared with the other claims of the run (a fresh one: computed alone).
    init(claim: Claim, options: VerifyOptions, model: Model, widthLimitModel: Result<WidthLimitModel, DerivationError>,
         shared: SharedWork = SharedWork()) {
        self.derivation = model.derivation
        self.claim = claim
        self.options = options
        self.model = model
        self.widthLimitModel = widthLimitModel
        let digits = (claim.statement as? any ClaimKind)?.workingDigits(asked: options.digits) ?? options.digits
        self.required = digits
        self.shownRequired = ClaimCheck.requiredDigitsShown(for: claim, asked: options.digits)
        self.escalation = Self.escalation(digits: digits, budget: options.budget)
        self.deadline = Deadline(budget: options.budget)
        self.switchingLog = SwitchingLog(for: model)
        self.shared = shared
        self.closedForms = ClosedFormPremise(samples: options.timeSamples)
    }

    var horizon: BigRational {
        get throws {
            guard let h = derivation.horizon else { return BigRational(10) }
            guard let q = try model.constantValue(h.value) else {
                throw CheckError("the horizon must be a positive constant")
            }
            return q
        }
    }

    /// Where trajectories come from (`Trajectories.along`); an integration is this claim's own, which reports
    /// its switches and shares its work with claims that ask the same. Quantities that do not need the state
    /// (`needsState: false`, see `involvesState`) are evaluated directly, also at times t.
    func trajectory(for model: Model, needsState: Bool = true) -> Trajectory {
        if needsState && model.closedForm == nil { return integration(of: model) }
        // Under other values than the file's (where `solves ode` speaks for it), a closed form that certainly does
        // not solve the flow is not used: the flow is integrated.
        if needsState && (claim.modelScenario != nil || !options.overrides.isEmpty) && closedFormMismatch(model) != nil {
            return integration(of: model)
        }
        return Trajectories.along(model, moving: needsState, digits: required, budget: options.budget)
    }

    /// Where the states' motion comes from: the iteration in a file of `map` lines without a flow (`movesByItsMaps`, its
    /// points are steps), else `trajectory(for:needsState:)` (its points are times).
    func motion(for model: Model, needsState: Bool) -> Trajectory {
        needsState && movesByItsMaps ? iteration(of: model) : trajectory(for: model, needsState: needsState)
    }

    /// What the report adds where signs were taken along the integration because the closed form does not solve the flow.
    var closedFormNote: String { closedForms.note.map { "; " + $0 } ?? "" }

    /// The numerical integration of `model` at the claim's digits and budget, reporting its switches.
    func integration(of model: Model) -> IntegratedTrajectory {
        IntegratedTrajectory(model: model, digits: required, budget: options.budget, switchingLog: switchingLog, deadline: deadline.end,
                             shared: shared.integrations, scenario: claim.modelScenario)
    }

    /// The iteration of `model` (its learning rates scaled by `stepScale`), shared with the claims that ask the same.
    func iteration(of model: Model, stepScale: BigRational = 1) -> IteratedTrajectory {
        IteratedTrajectory(model: model, stepScale: stepScale, shared: shared.iterations, scenario: claim.modelScenario, deadline: deadline.end,
                           capBits: capBits)
    }

    /// Decides signs at this claim's precisions and budget.
    var signs: SignEvaluator { signs(digits: required) }

    /// Decides signs starting from the precision `digits` need (a threshold stated to fewer digits than
    /// asked needs no more), with this claim's cap and budget.
    func signs(digits: Int) -> SignEvaluator {
        SignEvaluator(digits: digits, budget: options.budget,
                      escalation: Precision.Escalation(start: Self.startBits(digits: digits), cap: capBits), deadline: deadline,
                      closedForms: closedForms)
    }

    /// Whether the expressions involve a state (then they are taken along a trajectory).
    func involvesState(_ exprs: [Expr]) -> Bool {
        let states = Set(derivation.states.map(\.name))
        return exprs.contains { !$0.freeSymbols.isDisjoint(with: states) }
    }

    /// Whether the expressions involve a state or t (then they are sampled at times).
    func involvesMotion(_ exprs: [Expr]) -> Bool {
        let moving = Set(derivation.states.map(\.name)).union([Derivation.time])
        return exprs.contains { !$0.freeSymbols.isDisjoint(with: moving) }
    }

    /// Runs the claim kind's check (Claims/<Kind>.swift).
    mutating func run() throws {
        guard let kind = claim.statement as? any ClaimKind else { throw CheckError("`\(claim.keyword)` claims cannot be checked") }
        do {
            try kind.check(&self)
        } catch var undefined as UndefinedValueError {
            guard let certain = undefined.certain else {
                // A `let` expectation whose quadrature fell short reads as a value that is not finite: say why.
                undefined.cause = (try? SmoothExpectationConstants(model: model))?.shortfalls
                throw undefined
            }
            failBecauseUndefined(at: undefined.time, certain)
        }
    }

    /// One side has no real value where the other has one: the claim cannot hold.
    mutating func failBecauseUndefined(at time: Expr, _ certain: UndefinedValueError.CertainlyUndefinedSide) {
        let (undefinedSide, definedSide) = certain.left ? ("left", "right") : ("right", "left")
        status = .fails
        worst = nil
        worstCase = [timeLabel(time)]
        compared = [(undefinedSide, "undefined"), (definedSide, certain.other.reportText)]
        detail = "the \(undefinedSide) side has no real value at t = \(timeText(time)): \(certain.violation); the \(definedSide) side is \(certain.other.reportText)"
    }

    /// Stated constants (a fixed point's coordinates, an equilibrium, eigenvalues), checked the same way in every form
    /// of a claim before it uses them: one that certainly has no real value (`DomainViolation`: 1/0, log(0),
    /// sqrt(-1)) makes the claim FAIL, since no real point or value equals it; one still not finite at 8 times the
    /// starting precision without such a reason (exp(exp(100)), past the arithmetic's exponent range) cannot be
    /// evaluated: an error. Returns true when the claim was recorded as failing.
    mutating func failIfStatedValuesHaveNoRealValue(_ exprs: [Expr], what: String) throws -> Bool {
        let along = trajectory(for: model, needsState: false)
        let zero = Expr.number(0)
        var last = startBits
        for bits in escalation.limited(toDoublings: 3) {
            last = bits
            let values = try along.values(of: exprs, at: [zero], bits: bits)[0]
            if values.allSatisfy({ $0.allSatisfy(\.isFinite) }) { return false }
            if let violation = DomainViolation.find(in: exprs, at: zero, along: along, model: model, bits: bits) {
                status = .fails
                worst = nil
                worstCase = []
                compared = []
                detail = "\(what) has no real value: \(violation)"
                return true
            }
        }
        throw CheckError("\(what) is not finite even at \(last) bits (an overflow past the arithmetic's range, or an enclosure that stays unbounded), "
                         + "so the claim cannot be evaluated")
    }

    // MARK: Comparison engine

    /// How an entry of a vector is judged: `none` relatively (at the scale of what cancelled in it); `vectorScale`
    /// against the largest entry of either side; `largestAtZero` relatively, but an entry the reference gives as 0
    /// against the reference's largest entry (relative digits at 0 mean nothing), as a reference known to k digits
    /// is read (`roundingOutcome`): a point's small coordinate is then claimed to its own digits.
    enum Floor { case none, vectorScale, largestAtZero }

    enum Outcome { case holds, fails, undecided }

    /// One decided comparison: the agreement, where it was, and the two values compared.
    struct Point {
        var agreement: Agreement
        var time: Expr
        var pair: Int
        var component: Int
        var left: BigInterval
        var right: BigInterval
        /// Along an integration: what the verdict rests on (`Basis`), and why a comparison the integrator's
        /// estimate could not settle stayed undecided.
        var basis: Basis? = nil
        var note: String? = nil
        /// What the point is, for the report.
        var place: ClaimResult.Place = .worst
        /// On a failing point: the first time (in the order the times were given: increasing) where the
        /// comparison failed, and its agreement there. A validated enclosure need reach only that far.
        var firstFailure: (time: Expr, agreement: Agreement)? = nil
    }

    /// What a verdict along an integration rests on.
    enum Basis: String {
        /// The integrator's values at two tolerances (their distance is an estimate, not a bound).
        case estimate = "error estimate of the integrator (two tolerances)"
        /// A validated enclosure of the flow (`ValidatedTrajectory`).
        case validated = "validated enclosure of the flow (interval Taylor method)"
    }

    /// A verdict on one compared entry other than by the agreement: from the agreement, the value, the reference,
    /// and the scale a reference 0 is judged against (a vector or matrix reference's largest entry at the compared
    /// time, else the scale of what cancelled in the value).
    typealias Decision = (Agreement, BigInterval, BigInterval, BigFloat) -> Outcome

    /// Compares `pairs` at every time along `trajectory`, raising precision (along an integration: the
    /// tolerance) while any comparison is undecided. Each pair is judged against the larger of its two
    /// values and the scale of the terms that cancelled in it (`CancellationScale`), so a true value of 0
    /// can agree. Returns the outcome and the worst point (the failing one if it fails). A value that is
    /// not finite at some time is an error only once every other point holds: a certain failure elsewhere
    /// is reported first. `precisions` replaces the claim's own (`escalation.along(trajectory)`).
    func compare(_ pairs: [(Expr, Expr)], at times: [Expr], along trajectory: Trajectory,
                 floor: Floor = .none, undefinedCapBits: Int? = nil, precisions: Precision.Escalation? = nil,
                 decide: Decision? = nil) throws -> (Outcome, Point?, Int) {
        let escalation = precisions ?? escalation.along(trajectory)
        let cap = escalation.cap
        // Where a value is still not finite at this precision, it is taken as undefined.
        let undefinedCap = Swift.min(cap, undefinedCapBits ?? cap)
        let exprs = pairs.flatMap { [$0.0, $0.1, trajectory.cancellationScale(of: $0.0, digits: required), trajectory.cancellationScale(of: $0.1, digits: required)] }
        let estimated = try escalation.first { bits, isLast -> (Outcome, Point?, Int)? in
            let attemptStarted = ContinuousClock.now
            let (values, diverged) = try Self.valuesBeforeDivergence(of: exprs, at: times, along: trajectory, bits: bits)
            var worstPoint: Point? = nil
            var failing: Point? = nil
            var firstFailing: Point? = nil
            var undecided = false
            var notFinite: UndefinedValueError? = nil
            // The first side that is not finite where the other side is: the one that may have no value at all.
            var loneUndefined: (expr: Expr, time: Expr, other: BigInterval, left: Bool)? = nil
            for (ti, atTime) in values.enumerated() {
                guard let atTime else { continue }
                for p in pairs.indices {
                    let lhs = atTime[4 * p], rhs = atTime[4 * p + 1]
                    let scales = [atTime[4 * p + 2], atTime[4 * p + 3]]
                    guard lhs.count == rhs.count || lhs.count == 1 || rhs.count == 1 else {
                        throw CheckError("the two sides have lengths \(lhs.count) and \(rhs.count)")
                    }
                    let n = Swift.max(lhs.count, rhs.count)
                    let vectorScale: BigFloat? = floor == .vectorScale
                        ? (lhs + rhs).map(\.magnitudeUpper).reduce(BigFloat(0, precision: bits)) { BigFloat.max($0, $1) } : nil
                    // A vector or matrix reference known to k digits judges an entry given as 0 against its largest
                    // entry (`roundingOutcome`): its digits are counted there, relative digits at 0 meaning nothing.
                    let referenceLargest: BigFloat? = rhs.count > 1
                        ? rhs.map(\.magnitudeUpper).reduce(BigFloat(0, precision: bits)) { BigFloat.max($0, $1) } : nil
                    let referenceScale = decide != nil ? referenceLargest : nil
                    for c in 0..<n {
                        let x = lhs[lhs.count == 1 ? 0 : c], y = rhs[rhs.count == 1 ? 0 : c]
                        if !x.isFinite || !y.isFinite {
                            // Too wide an enclosure (a division by a difference that lost its digits) or a
                            // true domain error: more precision tells them apart.
                            notFinite = notFinite ?? UndefinedValueError(time: times[ti], undefined: x.isNaN || y.isNaN, bits: bits,
                                                                         atStep: trajectory is IteratedTrajectory)
                            if loneUndefined == nil && x.isFinite != y.isFinite {
                                loneUndefined = (x.isFinite ? pairs[p].1 : pairs[p].0, times[ti], x.isFinite ? x : y, !x.isFinite)
                            }
                            continue
                        }
                        // The cancelled terms' scale, at least: the smallest it can be over its enclosure.
                        var scale = scales.map { $0.count == 1 ? $0[0] : $0[c] }.map(\.magnitudeLower)
                            .reduce(BigFloat(0, precision: bits)) { BigFloat.max($0, $1) }
                        let entryFloor: BigFloat? = switch floor {
                        case .none: nil
                        case .vectorScale: vectorScale
                        case .largestAtZero:
                            // Every entry 0: against the largest of either side, as `vectorScale`.
                            y.magnitudeUpper.isZero ? referenceLargest.flatMap { $0.isZero ? nil : $0 }
                                ?? (lhs + rhs).map(\.magnitudeUpper).reduce(BigFloat(0, precision: bits)) { BigFloat.max($0, $1) } : nil
                        }
                        if let entryFloor { scale = BigFloat.max(scale, entryFloor) }
                        let relative = Agreement.between(x, y, floor: entryFloor)
                        // A reference known to k digits (`decide`) is read relatively: its rounding is to k significant
                        // digits, whatever cancelled in the value (K - x ~ 1e-17 K agrees with it at 35 digits of K);
                        // one given as 0 against the reference's largest entry, or (a scalar, every entry 0) what cancelled.
                        let zeroScale = referenceScale.flatMap { $0.isZero ? nil : $0 } ?? scale
                        var agreement = decide != nil
                            ? (y.magnitudeUpper.isZero ? Agreement.between(x, y, floor: zeroScale) : relative)
                            : relative.holds(Double(required)) ? relative : Agreement.between(x, y, floor: scale)
                        // Equal values of an integration are equal to the bits they are computed at, not exactly: `exact`
                        // is for a proof (`markExact`) or certified enclosures; an estimate shows the digits it compared.
                        if !trajectory.isCertified && agreement.atLeast == .infinity { agreement = Self.equalToWorkingPrecision(bits: bits) }
                        let point = Point(agreement: agreement, time: times[ti], pair: p, component: c, left: x, right: y)
                        // Agreement at the cancelled terms' scale is accepted at once when both sides may be
                        // 0, or along an integration (where more tolerance is costly); along a closed form,
                        // when one side is certainly not 0, relative digits mean something and more
                        // precision is tried for them first.
                        let mayBothBeZero = x.magnitudeLower.isZero && y.magnitudeLower.isZero
                        let outcome: Outcome
                        if let decide { outcome = decide(agreement, x, y, zeroScale) }
                        else if relative.holds(Double(required)) { outcome = .holds }
                        else if agreement.holds(Double(required)) { outcome = mayBothBeZero || !trajectory.isCertified || isLast ? .holds : .undecided }
                        else if agreement.fails(Double(required)) {
                            // Along an integration the enclosures are estimates (two tolerances); a side whose two
                            // runs disagree in its leading digits has lost them (to cancellation), so the gap
                            // says nothing certain: more tolerance, not a verdict.
                            outcome = trajectory.isCertified || (Self.isStable(x, against: y) && Self.isStable(y, against: x)) ? .fails : .undecided
                        } else { outcome = .undecided }
                        switch outcome {
                        case .fails:
                            if failing == nil || agreement < failing!.agreement { failing = point }
                            if firstFailing == nil { firstFailing = point }
                        case .undecided: undecided = true
                        case .holds: break
                        }
                        if worstPoint == nil || agreement < worstPoint!.agreement { worstPoint = point }
                    }
                }
            }
            let count = values.count * pairs.count
            if var failing, let firstFailing {
                failing.firstFailure = (firstFailing.time, firstFailing.agreement)
                return (.fails, failing, count)
            }
            // A side with certainly no real value needs no more precision.
            if let lone = loneUndefined,
               let violation = DomainViolation.find(in: [lone.expr], at: lone.time, along: trajectory, model: model, bits: bits) {
                throw UndefinedValueError(time: lone.time, undefined: true, bits: bits,
                                          certain: .init(violation: violation, left: lone.left, other: lone.other))
            }
            if let diverged { throw diverged }
            // An iterate without a value (a map update certainly undefined at the step before) needs no more precision.
            if var undefined = notFinite, undefined.undefined, let iteration = trajectory as? IteratedTrajectory,
               let step = try? iteration.stepNumbers([undefined.time]).first,
               let (k, violation) = DomainViolation.inTheMaps(before: step, along: iteration, bits: bits) {
                undefined.undefinedIterate = "the iterate at step \(k + 1) has no value: \(violation) in the `map` update at step \(k)"
                throw undefined
            }
            if let notFinite, bits * 2 > undefinedCap { throw notFinite }
            if !undecided && notFinite == nil { return (.holds, worstPoint, count) }
            if isLast { return (.undecided, worstPoint, count) }
            if let reason = trajectory.unaffordable(raisingFrom: bits) {
                guard var worstPoint else { throw BudgetExhausted(reason) }
                worstPoint.note = reason
                return (.undecided, worstPoint, count)
            }
            try deadline.checkBeforeRaising(from: bits, attemptStarted: attemptStarted)
            return nil
        }
        guard let integration = trajectory as? IntegratedTrajectory else { return estimated }
        return try certifyAlongValidatedFlow(estimated, pairs, at: times, of: integration, floor: floor, decide: decide)
    }

    /// The values of `exprs` at `times` along `trajectory`, nil at the steps of an iteration after it certainly diverged
    /// (passed 10^30), with that divergence: the steps it reached are compared first, and a certain failure there is a
    /// failure whatever happens later (a random draw whose iteration diverges is not thereby evidence for the claim).
    static func valuesBeforeDivergence(of exprs: [Expr], at times: [Expr], along trajectory: Trajectory,
                                       bits: Int) throws -> (values: [[[BigInterval]]?], diverged: IteratedTrajectory.IterationDiverged?) {
        guard let iteration = trajectory as? IteratedTrajectory else { return (try trajectory.values(of: exprs, at: times, bits: bits), nil) }
        let steps = try iteration.stepNumbers(times)
        let reached = try iteration.valuesUntilEscape(of: exprs, at: steps, bits: bits)
        let firstLost = zip(steps, reached.values).first { $0.1 == nil }?.0
        return (reached.values, firstLost.map { IteratedTrajectory.IterationDiverged(escapedAt: reached.escapedAt!, step: $0) })
    }

    /// The agreement of two estimated values that are equal (bit for bit) at `bits`: the decimal digits those bits hold.
    static func equalToWorkingPrecision(bits: Int) -> Agreement {
        let digits = Precision.digits(forBits: Double(bits))
        return Agreement(atLeast: digits, atMost: .infinity)
    }

    /// Whether an estimated enclosure keeps at least three leading digits (relative width at most 10^-3), or is
    /// anyway far below the other side (its magnitude at most 10^-3 of the other's): only then can a gap be read.
    static func isStable(_ x: BigInterval, against other: BigInterval) -> Bool {
        let bits = Swift.max(x.precision, 64)
        let thousandth = BigFloat(BigRational(1, 1000), precision: bits)
        if !x.magnitudeLower.isZero && x.upper - x.lower <= x.magnitudeLower * thousandth { return true }
        return x.magnitudeUpper <= other.magnitudeLower * thousandth
    }

    /// The two sides as reports show them, with more digits than the usual 20 (up to 120, as far as each enclosure
    /// certifies) while the texts are equal, so that a disagreement past the 20th digit is seen in the values.
    static func distinguishedTexts(_ left: BigInterval, _ right: BigInterval) -> [(String, String)] {
        var digits = 20, texts = (left.reportText, right.reportText)
        while texts.0 == texts.1 && digits < 120 {
            digits += 10
            texts = (left.reportText(upTo: digits), right.reportText(upTo: digits))
        }
        return [("left", texts.0), ("right", texts.1)]
    }

    /// Records a comparison's outcome into this claim's result. The point reported is the first failure,
    /// or else the worst agreement seen, with the two values compared there.
    /// - Parameter digits: the digits the comparison was to reach (the claim's unless given), named where it stays undecided.
    mutating func record(_ outcome: Outcome, _ point: Point?, count: Int, digits: Int? = nil, label: (Point) -> [(String, String)]) {
        points += count
        guard let point else { return }
        if status != .fails && (outcome == .fails || worst.map { point.agreement < $0 } ?? true) {
            worst = point.agreement
            worstCase = label(point)
            place = point.place
            compared = Self.distinguishedTexts(point.left, point.right) + (point.basis.map { [("basis", $0.rawValue)] } ?? [])
        }
        switch outcome {
        case .fails: status = .fails
        case .undecided:
            if status == .holds {
                status = .undecided
                undecidedReason = point.note ?? Self.undecidedAtTheCap(point, digits: digits ?? required)
            }
        case .holds: break
        }
    }

    /// Why a comparison stayed undecided up to the precision cap: in general neither agreement nor disagreement
    /// was shown; a value whose enclosure still holds 0, compared with 0, is named as such (an exact 0 has no relative
    /// digits, and nothing cancelled in it gave a scale to judge it against), and so is one below MPFR's range.
    static func undecidedAtTheCap(_ point: Point, digits: Int) -> String {
        let general = "neither \(digits)-digit agreement nor a certain disagreement was shown up to the precision cap"
        let (x, y) = (point.left, point.right)
        guard x.isFinite, y.isFinite else { return general }
        let underflows = [x, y].contains { side in side.mayBeZero && side.magnitudeUpper.binaryExponent.map { $0 < -(1 << 40) } == true }
        if underflows {
            return general + ": a side lies between 0 and the smallest positive number of the exponent range (it underflows), so its digits cannot be computed"
        }
        guard y.magnitudeUpper.isZero, x.mayBeZero, !x.magnitudeUpper.isZero else { return general }
        return general + ": the value's enclosure still holds 0 (|value| <= \(x.magnitudeUpper.formatted(significantDigits: 2))), and an exact 0 has no relative digits; "
            + "nothing cancelled in it gave a scale to judge it against absolutely (docs/derivation-format.md, \"the agreement rule\"): add the size that matters to both sides (E + c == c), or state a smooth mean as an `expectation` claim"
    }

    // MARK: Random draws of the parameters

    /// The most digits random draws of the parameters are compared to. A draw is there to catch a claim that holds
    /// only at the file's values (a closed form with /p where *p belongs agrees wherever p = 1); such a claim fails at
    /// a draw in its leading digits, and a draw at 30 digits costs at `--digits 300` what it costs at 30. The digits
    /// asked are certified at the file's values; an error that shows only at a draw and only past this many digits is
    /// not seen (docs/derivation-format.md, "Random draws").
    static let drawDigitsCap = 30

    /// The digits random draws are compared to: the claim's, at most `drawDigitsCap`.
    var drawDigits: Int { Swift.min(required, Self.drawDigitsCap) }

    /// This check comparing to `drawDigits`: its precisions (the escalation from `drawDigits`' starting precision,
    /// its cap scaled alike), its integrations' tolerances (so they are shared by their own key, not the file's) and
    /// its closed forms' evaluation follow from them; budget, deadline and shared work are the claim's. Its outcomes
    /// are recorded into the claim with `record(_:_:count:atADraw:label:)`.
    var atDrawDigits: ClaimCheck {
        var check = self
        check.required = drawDigits
        check.escalation = Self.escalation(digits: drawDigits, budget: options.budget)
        return check
    }

    /// Records a comparison, `atADraw` of the parameters (made by `atDrawDigits`) or at the file's values. A draw at the
    /// claim's own digits (at most `drawDigitsCap`) counts as the file's points do. At fewer, a draw that holds leaves
    /// the claim's agreement to the file's values (its worst is kept in `drawsWorst` for the report); one that fails
    /// or stays undecided at its digits makes the claim fail or stay undecided, as at the claim's own digits.
    mutating func record(_ outcome: Outcome, _ point: Point?, count: Int, atADraw: Bool, label: (Point) -> [(String, String)]) {
        guard atADraw, drawDigits < required else { return record(outcome, point, count: count, label: label) }
        if let point, drawsWorst.map({ point.agreement < $0 }) ?? true { drawsWorst = point.agreement }
        guard outcome == .holds else { return record(outcome, point, count: count, digits: drawDigits, label: label) }
        points += count
    }

    /// What a report says of draws compared to fewer digits than the claim's: ` to 30 digits (seed 1; worst 31.2
    /// digits)`, the worst floored to a tenth; empty at the claim's own digits, so reports at 30 digits or fewer read as before.
    var drawsPrecisionNote: String {
        guard drawDigits < required else { return "" }
        let worst = drawsWorst.map { $0.atLeast == .infinity ? "; worst exact" : String(format: "; worst %.1f digits", (Swift.max(0, $0.atLeast) * 10).rounded(.down) / 10) } ?? ""
        return " to \(drawDigits) digits (seed \(options.seed)\(worst))"
    }

    /// `; the 5 random draws to 30 digits (seed 1; worst 31.2 digits)` for `count` draws compared to fewer digits
    /// than the claim's; empty otherwise, or when none was compared.
    func drawsNote(count: Int) -> String {
        guard count > 0, drawsWorst != nil else { return "" }
        return "; the \(count) random draw\(count == 1 ? "" : "s")" + drawsPrecisionNote
    }

    // MARK: Helpers

    /// The shape of a compared pair (expanded expressions of the model): the larger side's, since a single
    /// component is compared with every entry of the other.
    func shape(of pair: (Expr, Expr)) -> Shape {
        var checker = ShapeChecker(inputs: model.inputShapes)
        let shapes = [pair.0, pair.1].map { (try? checker.shape(of: $0)) ?? .scalar }
        return shapes[0].count >= shapes[1].count ? shapes[0] : shapes[1]
    }

    /// The component label of a point of a non-scalar comparison (`component=(2,3)` for a matrix), none for a scalar.
    static func componentLabel(_ point: Point, of shape: Shape) -> [(String, String)] {
        shape.count == 1 ? [] : [("component", shape.componentLabel(point.component))]
    }
}

/// A value that is not finite at a time, even at the highest precision tried: a domain error (log or sqrt
/// of a negative number) or a division by zero or overflow.
struct UndefinedValueError: Error, CustomStringConvertible {
    let time: Expr
    let undefined: Bool
    let bits: Int
    /// Set when one side of a comparison certainly has no real value where the other has one.
    var certain: CertainlyUndefinedSide? = nil
    /// What made the value not finite, when known (an expectation whose quadrature fell short).
    var cause: String? = nil
    /// Whether `time` is a step of an iteration.
    var atStep = false
    /// Why the iterate has no value, when a map update is certainly undefined at the step before (no precision helps).
    var undefinedIterate: String? = nil

    struct CertainlyUndefinedSide {
        let violation: DomainViolation
        /// Whether the undefined side is the claim's left side.
        let left: Bool
        /// The other side's value.
        let other: BigInterval
    }

    var description: String {
        if let undefinedIterate { return undefinedIterate }
        return "a value is not finite at \(atStep ? "step" : "t =") \(timeText(time)) (\(undefined ? "undefined: a domain error such as log or sqrt of a negative number" : "infinite: division by zero or overflow")), even at \(bits) bits" + (cause.map { ": \($0)" } ?? "")
    }
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

    /// `0.6723287180` -> `0.672328718`, `1.50e-7` -> `1.5e-7`: the mantissa's trailing zeros dropped, the exponent left alone.
    func replacingTrailingZerosOfMantissa() -> String {
        let parts = split(separator: "e", maxSplits: 1).map(String.init)
        return parts[0].replacingTrailingZeros() + (parts.count == 2 ? "e" + parts[1] : "")
    }
}
