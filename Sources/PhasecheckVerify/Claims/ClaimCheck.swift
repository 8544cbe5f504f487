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
    let required: Int
    /// Working precisions: the digits asked for plus 48 guard bits, doubling up to 64 times that (at
    /// least 2^16 bits).
    let escalation: Precision.Escalation
    var startBits: Int { escalation.start }

    /// Digits the report says were required (a reference known to fewer digits lowers it).
    var shownRequired: Int
    var status: ClaimResult.Status = .holds
    var worst: Agreement?
    var worstCase: [(name: String, value: String)] = []
    var detail = ""
    var points = 0

    /// - Parameters:
    ///   - model: the model of the claim's scenario (`claim.modelScenario`).
    ///   - widthLimitModel: the file's width-limit model, for claims about d -> infinity.
    init(claim: Claim, options: VerifyOptions, model: Model, widthLimitModel: Result<WidthLimitModel, DerivationError>) {
        self.derivation = model.derivation
        self.claim = claim
        self.options = options
        self.model = model
        self.widthLimitModel = widthLimitModel
        self.required = options.digits
        self.shownRequired = options.digits
        let startBits = Precision.bits(forDigits: options.digits) + 48
        self.escalation = Precision.Escalation(start: startBits, cap: Swift.max(startBits * 64, 1 << 16))
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

    /// Runs the claim kind's check (Claims/<Kind>.swift).
    mutating func run() throws {
        guard let kind = claim.statement as? any ClaimKind else { throw CheckError("`\(claim.keyword)` claims cannot be checked") }
        try kind.check(&self)
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
        let exprs = pairs.flatMap { [$0.0, $0.1] }
        var last: (worst: Point?, count: Int) = (nil, 0)
        for bits in escalation {
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
                            guard escalation.canRaise(from: bits), trajectory.isCertified else {
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
            last = (worstPoint, count)
        }
        return (.undecided, last.worst, last.count)
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
