import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckFormat

/// `saddle at P`: the fixed point P (declared by a `fixedpoint` or `stationary` claim) is a saddle (eigenvalues on both sides, none on the boundary).
public struct SaddleClaim: ClaimKind {
    public static let keyword = "saddle"
    package static let grammar = #""saddle" "at" NAME"#
    package static let documentation = [
        #"| `saddle at P` | some eigenvalues of the Jacobian at P lie on each side (real part above and below 0 for a flow, modulus above and below 1 for a map), none on the boundary, counted as for `stable` |"#,
    ]
    package static let example = ClaimExample(
        file: "derivations/meng_wang_contrastive.phc", claim: #"the uninformative state is a saddle (tau = 1/10, s2 = 0)"#,
        original: #"saddle at uninformative1"#, planted: #"saddle at informative1"#)

    public var point: String

    public static func read(_ reader: inout StatementReader) throws(ParseError) -> Self {
        try reader.keyword("at", "after `saddle` (as in `saddle at origin`)")
        return Self(point: try reader.identifier("the name of a fixed point").0)
    }

    public var expressions: [Expr] { [] }

    public func checkNames(of claim: Claim, in scope: NameScope) throws(DerivationError) { _ = try scope.fixedPointDeclaration(point, for: claim) }

    package func check(_ check: inout ClaimCheck) throws { try check.checkStability(at: point, expected: .saddle) }
}
