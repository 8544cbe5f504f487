import PhasecheckExpressions
import PhasecheckFormat
import PhasecheckNumbers

/// `converges E to V`: at the last of the `descent steps N`, E equals V to the required digits, and its
/// error has shrunk since step N/2.
public struct ConvergesClaim: ClaimKind {
    public static let keyword = "converges"
    package static let grammar = #""converges" expr "to" expr"#
    package static let documentation = [
        #"| `converges E to V` | along the iteration (interval arithmetic, precision doubled until decided): E at the last of the `descent steps N` equals V to the required digits, and \|E - V\| at step N is at most its value at step N/2. Fails if they certainly differ, or if the iteration diverges (passes 10^30) first |"#,
    ]
    package static let example = ClaimExample(
        file: "derivations/gd_scalar_network.phc", claim: #"GD fits the target"#,
        original: #"converges a to astar"#, planted: #"converges a to 1.0001*astar"#)

    public var expression: Expr
    public var limit: Expr

    public static func read(_ reader: inout StatementReader) throws(ParseError) -> Self {
        let e = try reader.parser.parseExpression()
        try reader.keyword("to", "after the quantity (as in `converges a to astar`)")
        return Self(expression: e, limit: try reader.parser.parseExpression())
    }

    public var expressions: [Expr] { [expression, limit] }

    public func checkNames(of claim: Claim, in scope: NameScope) throws(DerivationError) { try scope.checkIterationClaim(claim) }

    package func check(_ check: inout ClaimCheck) throws {
        let model = check.model
        let e = model.expand(expression), v = model.expand(limit)
        let n = check.iterationSteps
        let along = IteratedTrajectory(model: model)
        let (o, p, count) = try check.compare([(e, v)], at: [Expr.number(n)], along: along)
        check.record(o, p, count: count) { _ in [("step", "\(n)")] }
        guard o == .holds else { check.detail = "E at step \(n) against V"; return }
        // The error must not have grown over the second half of the run.
        let errors = try along.values(of: [Expr.call(.abs, e - v)], at: [Expr.number(n / 2), Expr.number(n)], bits: check.startBits)
        let half = errors[0][0][0], last = errors[1][0][0]
        if last.lower > half.upper {
            check.status = .fails
            check.worstCase = [("step", "\(n)"), ("error grew from step", "\(n / 2)")]
        }
        check.detail = "E at step \(n) equals V; |E - V| at step \(n) <= at step \(n / 2)"
    }
}
