import PhasecheckExpressions
import PhasecheckFormat
import PhasecheckNumbers

/// `basin E at t = T matches F from N starts in [lo, hi] [seed k]`: which basin a start falls into, read
/// off a predicate of the start. At N random starts (every component of every state uniform in [lo, hi],
/// seeded), the sign of E at time T equals the sign of F, an expression of the initial values and the
/// parameters (Kunin et al.'s footnote 4: sgn a(inf) = sgn(C+)).
public struct BasinClaim: ClaimKind {
    public static let keyword = "basin"
    package static let grammar = #""basin" expr "at" "t" "=" expr "matches" expr "from" INTEGER "starts" "in" "[" expr "," expr "]" [ "seed" INTEGER ]"#
    package static let documentation = [
        #"| `basin E at t = T matches F from N starts in [lo, hi] [seed k]` | at N starts drawn at random (every component of every state uniform in [lo, hi], seeded by k, default 1, so a run repeats), the sign of E at time T (closed form, in interval arithmetic, where its initial value and residual do not certainly disagree at that start, else integration, an estimate; the report says where the closed form was set aside) equals the sign of F at the start (interval arithmetic). Fails at the first start where the two signs certainly differ, naming it; a start where a sign stays undecided (E or F is 0 there) leaves the claim undecided and is counted |"#,
    ]
    package static let example = ClaimExample(
        file: "derivations/kunin_get_rich_quick.phc", claim: #"K8: the basin is sgn(C+) at random starts (footnote 4)"#,
        original: #"matches Cp from"#, planted: #"matches a0 from"#)

    public var quantity: Expr
    public var time: Expr
    public var predicate: Expr
    public var starts: Int
    public var box: (lower: Expr, upper: Expr)
    public var seed: Int

    public static func read(_ reader: inout StatementReader) throws(ParseError) -> Self {
        let quantity = try reader.parser.parseExpression()
        try reader.keyword("at", "after the quantity (as in `basin a at t = 60 matches Cp from 100 starts in [-2, 2]`)")
        try reader.keyword("t", "after `at`")
        try reader.parser.expect("=", "after `at t`")
        let time = try reader.parser.parseExpression()
        try reader.keyword("matches", "after the time (as in `basin a at t = 60 matches Cp from 100 starts in [-2, 2]`)")
        let predicate = try reader.parser.parseExpression()
        try reader.keyword("from", "after the predicate")
        let starts = try reader.integer("the number of random starts", atLeast: 1)
        try reader.keyword("starts", "after the number of starts")
        try reader.keyword("in", "after `starts` (the box the starts are drawn from, as in `in [-2, 2]`)")
        try reader.parser.expect("[", "before the box's lower end")
        let lower = try reader.parser.parseExpression()
        try reader.parser.expect(",", "between the box's ends")
        let upper = try reader.parser.parseExpression()
        try reader.parser.expect("]", "after the box's upper end")
        var seed = 1
        if reader.acceptKeyword("seed") { seed = try reader.integer("the seed", atLeast: 0) }
        return Self(quantity: quantity, time: time, predicate: predicate, starts: starts, box: (lower, upper), seed: seed)
    }

    public var expressions: [Expr] { [quantity, time, predicate, box.lower, box.upper] }

    package func check(_ check: inout ClaimCheck) throws {
        let model = check.model
        guard let lower = try model.constantValue(box.lower), let upper = try model.constantValue(box.upper), lower < upper else {
            throw CheckError("the box of the starts must have constant ends, the lower below the upper")
        }
        let e = model.expand(quantity), f = model.expand(predicate)
        let fPlace: QuantityPlace = check.involvesMotion([f]) ? .time(.number(0)) : .constant
        var generator = SeededRandom(seed: UInt64(seed))
        var undecided = 0, certified = true
        let signs = check.signs
        for index in 1...starts {
            var start = model
            var drawn: [(String, String)] = []
            for state in model.derivation.states {
                let components = (0..<model.shape(of: state).count).map { _ in lower + (upper - lower) * exactRational(generator.nextUniform()) }
                start.setInitialValue(state.name, .components(components.map(Expr.number)))
                drawn.append((state.initialName, components.count == 1 ? decimal(components[0])
                              : "[" + components.map(decimal).joined(separator: ", ") + "]"))
            }
            try check.deadline.check("at start \(index) of \(starts)")
            let (end, endCertified) = try signs.value(of: e, on: start, at: .time(model.expand(time)))
            let (condition, _) = try signs.value(of: f, on: start, at: fPlace)
            certified = certified && endCertified
            guard let end, let condition else { undecided += 1; continue }
            if (end.lower.sign > 0) != (condition.lower.sign > 0) {
                check.status = .fails
                check.points = index
                check.worstCase = [("start", "\(index)")] + drawn
                check.compared = [("E at t = \(timeText(time))", end.reportText), ("F at the start", condition.reportText)]
                check.detail = "the signs differ at start \(index) of \(starts) (seed \(seed))" + check.closedFormNote
                return
            }
        }
        check.points = starts
        let basis = certified ? "signs of E by interval arithmetic along the closed form (" + ClaimCheck.closedFormPremise + ")" : "signs of E from the integration (its error estimate, not a bound)"
        check.detail = "\(starts - undecided) of \(starts) starts in [\(decimal(lower)), \(decimal(upper))] (seed \(seed)) agree; \(basis)" + check.closedFormNote
        if undecided > 0 {
            check.status = .undecided
            check.undecidedReason = "at \(undecided) starts a sign stayed undecided (E or F is 0 there, or too close to it)"
        }
    }
}
