import PhasecheckExpressions
import PhasecheckFormat
import PhasecheckNumbers

/// `rate L == R`: d/dt of L along the flow equals R (checked as an identity).
public struct RateClaim: ClaimKind, ComparesSides {
    public static let keyword = "rate"
    package static let grammar = #""rate" expr "==" expr"#
    package static let documentation = [
        #"| `rate L == R` | as an identity, with the left side replaced by its derivative along the flow, d/dτ L(x + τF(x), t + τ) at τ = 0 (exactly, with no random draws, when L and R are smooth on the whole real line and that minus R expands to 0, as for `invariant E`) |"#,
    ]
    package static let example = ClaimExample(
        file: "derivations/saxe_logistic.phc", claim: #"logistic law a' = 2 lambda kappa a (astar - a)"#,
        original: #"rate a == 2*lambda*kappa*a*(astar - a)"#, planted: #"rate a == 2*lambda*kappa*a*(astar + a)"#)

    package static let allowsVectors = true

    public var lhs: Expr
    public var rhs: Expr

    public static func read(_ reader: inout StatementReader) throws(ParseError) -> Self {
        let lhs = try reader.parser.parseExpression()
        try reader.parser.expect("==", "between the quantity and its rate of change")
        return Self(lhs: lhs, rhs: try reader.parser.parseExpression())
    }

    public var expressions: [Expr] { [lhs, rhs] }
    package var sides: (Expr, Expr) { (lhs, rhs) }

    package func check(_ check: inout ClaimCheck) throws {
        let model = check.model
        let quantity = model.expand(lhs), rhs = model.expand(rhs)
        let rate = try FlowDerivative(model: model).derivative(of: quantity)
        // The flow's right-hand side is defined along every trajectory; L and R must be smooth everywhere.
        let proven = check.areExactlyEqual([(rate, rhs)], smooth: [quantity, rhs])
        try check.checkIdentity(rate, rhs, provenExactly: proven, because: "d/dt L along the flow minus R expands to 0")
    }
}
