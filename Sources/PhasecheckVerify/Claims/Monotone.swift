import PhasecheckExpressions
import PhasecheckFormat
import PhasecheckNumbers

/// `monotone E increasing|decreasing on [a, b]`: E is strictly monotone on the interval.
public struct MonotoneClaim: ClaimKind {
    public static let keyword = "monotone"
    package static let grammar = #""monotone" expr ( "increasing" | "decreasing" ) "on" "[" expr "," expr "]""#
    package static let documentation = [
        #"| `monotone E increasing on [a, b]` | E at 65 equally spaced times is strictly increasing, each step certified |"#,
    ]
    package static let example = ClaimExample(
        file: "derivations/saxe_logistic.phc", claim: #"a rises monotonically"#,
        original: #"monotone a increasing on [0, 10]"#, planted: #"monotone a decreasing on [0, 10]"#)

    public var expression: Expr
    public var increasing: Bool
    public var from: Expr
    public var to: Expr

    public static func read(_ reader: inout StatementReader) throws(ParseError) -> Self {
        let e = try reader.parser.parseExpression()
        let (direction, dirAt) = try reader.identifier("`increasing` or `decreasing`")
        guard direction == "increasing" || direction == "decreasing" else {
            throw reader.fail("expected `increasing` or `decreasing`, found `\(direction)`", at: dirAt)
        }
        try reader.keyword("on", "after the direction")
        try reader.parser.expect("[", "to open the time interval")
        let from = try reader.parser.parseExpression()
        try reader.parser.expect(",", "in the time interval")
        let to = try reader.parser.parseExpression()
        try reader.parser.expect("]", "to close the time interval")
        return Self(expression: e, increasing: direction == "increasing", from: from, to: to)
    }

    public var expressions: [Expr] { [expression, from, to] }

    package func check(_ check: inout ClaimCheck) throws {
        try check.checkMonotone(check.model.expand(expression), increasing: increasing, from: from, to: to)
    }
}

extension ClaimCheck {
    mutating func checkMonotone(_ e: Expr, increasing: Bool, from: Expr, to: Expr) throws {
        let count = 64
        let times = (0...count).map { (from + (to - from) * Expr.number(BigRational($0, count))).simplified() }
        let along = trajectory(for: model)
        for bits in escalation {
            let values = try along.values(of: [e], at: times, bits: bits).map { $0[0][0] }
            var undecided = false
            // The first step whose direction the enclosures leave open (a quantity that has settled changes by
            // less than their width: the kernel of a trained network once the loss is 0).
            var unresolved: Int? = nil
            // A NaN or unbounded enclosure decides nothing (its comparisons must not read as a violation).
            var notFinite: Int? = nil
            for i in 1..<values.count {
                let (earlier, later) = (values[i - 1], values[i])
                guard earlier.isFinite && later.isFinite else {
                    notFinite = notFinite ?? (earlier.isFinite ? i : i - 1)
                    undecided = true
                    continue
                }
                let certain = increasing ? later.lower > earlier.upper : later.upper < earlier.lower
                let violated = increasing ? later.upper <= earlier.lower : later.lower >= earlier.upper
                if violated {
                    status = .fails
                    worstCase = [("between t", timeText(times[i - 1])), ("and t", timeText(times[i]))]
                    detail = "not \(increasing ? "increasing" : "decreasing"): \(earlier.midpoint.formatted(significantDigits: 12)) then \(later.midpoint.formatted(significantDigits: 12))"
                    points = values.count
                    return
                }
                if !certain {
                    undecided = true
                    unresolved = unresolved ?? i
                }
            }
            if let i = notFinite, !along.isCertified || !escalation.canRaise(from: bits) {
                status = .undecided
                points = values.count
                detail = "the value is not finite at t = \(timeText(times[i])) (overflow, or a domain error), even at \(bits) bits"
                return
            }
            // Values along an integration are points, so they are always decided.
            if !undecided || !along.isCertified || !escalation.canRaise(from: bits) {
                status = undecided ? .undecided : .holds
                points = values.count
                if let i = unresolved {
                    worstCase = [("between t", timeText(times[i - 1])), ("and t", timeText(times[i]))]
                    undecidedReason = "the change between t = \(timeText(times[i - 1])) and t = \(timeText(times[i])) (from "
                        + values[i - 1].midpoint.formatted(significantDigits: 12) + ") is not resolved at \(bits) bits: it is below the width of the values' enclosures (has the quantity settled? a shorter interval avoids it)"
                    detail = "not shown strictly \(increasing ? "increasing" : "decreasing") on [\(from), \(to)]"
                } else {
                    detail = "strictly \(increasing ? "increasing" : "decreasing") between \(values.count) equally spaced times on [\(from), \(to)]"
                }
                return
            }
        }
    }
}
