import PhasecheckExpressions
import PhasecheckFormat
import PhasecheckNumbers

/// `rate L == R`: d/dt of L along the flow equals R (checked as an identity).
public struct RateClaim: ClaimKind, ComparesSides {
    public static let keyword = "rate"
    package static let grammar = #""rate" expr "==" expr"#
    package static let documentation = [
        #"| `rate L == R` | as an identity, with the left side replaced by its derivative along the flow, d/dτ L(x + τF(x), t + τ) at τ = 0 (exactly, with no random draws, when that minus R expands to 0 as for `identity`, with no kink or jump in L and L finite where compared: the formula is the true derivative wherever it and L are defined; each state's flow is first kept as one opaque atom, so a right side written with the flow's own terms is not expanded; L itself is evaluated where the rate is compared at the file's parameters, and the claim FAILS where it certainly has no real value there: no quantity, no rate) |"#,
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
        // Compared pointwise: equal wherever defined is the claim (`areExactlyEqual`), with no kink or jump in L, which
        // its derivative formula may not show, and L defined where the formula is compared.
        let proven = try check.areExactlyEqual(check.withOpaqueFlows([(rate, rhs)]), withoutJumps: [quantity])
            || check.areExactlyEqual([(rate, rhs)], withoutJumps: [quantity])
        try check.checkIdentity(rate, rhs, provenExactly: proven, because: "d/dt L along the flow minus R expands to 0", definedToo: [quantity])
    }
}
