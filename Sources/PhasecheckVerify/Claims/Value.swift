import PhasecheckExpressions
import PhasecheckFormat
import PhasecheckNumbers

/// `value E at t = T == V [digits k]`: E at time T (or t -> infinity) equals V, known to k digits (default exact).
/// `value E at step n == V`: the same at step n of the iteration (`descent` or `map`).
public struct ValueClaim: ClaimKind {
    public static let keyword = "value"
    package static let grammar = #""value" expr "at" ( "t" "=" ( expr | "inf" ) | "step" expr ) "==" expr [ "digits" INTEGER ]"#
    package static let documentation = [
        #"| `value E at t = T == V` | E at T along the trajectory equals V. With `digits k`, V must be the value correctly rounded to k significant digits. With `t = inf`, the time doubles from the horizon until E stops changing at the required digits + 3 |"#,
        #"| `value E at step n == V` | E at step n of the iteration (`descent` or `map`), computed in interval arithmetic with the precision doubled until decided, equals V (with `digits k` as above) |"#,
    ]
    package static let example = ClaimExample(
        file: "derivations/saxe_logistic.phc", claim: #"a reaches astar/2 at t = tau/(2 astar) ln(astar/a0 - 1)"#,
        original: #"log(astar/a0 - 1) == astar/2"#, planted: #"log(astar/a0 - 1) == astar/3"#)

    public var expression: Expr
    /// nil: t -> infinity.
    public var time: Expr?
    public var expected: Expr
    /// Digits to which `expected` is known (nil: exact).
    public var digits: Int?
    /// The step of the iteration, for `at step n` (then `time` is unused).
    public var step: Expr? = nil

    public static func read(_ reader: inout StatementReader) throws(ParseError) -> Self {
        let e = try reader.parser.parseExpression()
        try reader.keyword("at", "after the quantity (as in `value a at t = 1 == 0.5`)")
        var time: Expr? = nil
        var step: Expr? = nil
        if reader.acceptKeyword("step") {
            step = try reader.parser.parseExpression()
        } else {
            try reader.keyword("t", "or `step` after `at`")
            try reader.parser.expect("=", "after `at t`")
            if !reader.acceptKeyword("inf") { time = try reader.parser.parseExpression() }
        }
        try reader.parser.expect("==", "before the expected value")
        let expected = try reader.parser.parseExpression()
        var digits: Int? = nil
        if reader.acceptKeyword("digits") { digits = try reader.integer("the number of known digits", atLeast: 1) }
        return Self(expression: e, time: time, expected: expected, digits: digits, step: step)
    }

    public var expressions: [Expr] { [expression, expected] + (time.map { [$0] } ?? []) + (step.map { [$0] } ?? []) }

    package func check(_ check: inout ClaimCheck) throws {
        let model = check.model
        if let step {
            try check.checkValueAtStep(model.expand(expression), step: step, expected: model.expand(expected), knownDigits: digits)
            return
        }
        try check.checkValue(model.expand(expression), time: time, expected: model.expand(expected), knownDigits: digits)
    }
}

extension ClaimCheck {
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
}

/// Whether `reference` is `value` correctly rounded to `digits` significant digits: it holds when the
/// largest possible gap is at most half a unit in the last place, fails when the smallest exceeds it.
func roundingOutcome(value: some Enclosure, reference: some Enclosure, digits: Int) -> ClaimCheck.Outcome {
    let bits = Swift.max(value.precision, 64)
    let magnitude = reference.magnitudeUpper
    if magnitude.isZero { return value.lower.isZero && value.upper.isZero ? .holds : .fails }
    let exponent = Int(Precision.decimalLog(natural: BigFloat.log(magnitude.rounded(toPrecision: 64)).doubleValue).rounded(.down))
    let halfUnit = BigFloat.pow(BigFloat(10, precision: bits), exponent - digits + 1) * BigFloat(BigRational(1, 2), precision: bits)
    let slack = halfUnit * BigFloat(BigRational(1_000_001, 1_000_000), precision: bits)
    let largestGap = BigFloat.max(BigFloat.abs(value.upper - reference.lower), BigFloat.abs(reference.upper - value.lower))
    let smallestGap = BigFloat.max(BigFloat.max(reference.lower - value.upper, value.lower - reference.upper), BigFloat(0, precision: bits))
    if largestGap <= slack { return .holds }
    if smallestGap > halfUnit { return .fails }
    return .undecided
}
