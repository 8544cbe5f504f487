import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckFormat

/// `unstable at P`: the fixed point P (declared by a `fixedpoint` or `stationary` claim) is unstable (some eigenvalue on the unstable side).
public struct UnstableClaim: ClaimKind {
    public static let keyword = "unstable"
    package static let grammar = #""unstable" "at" NAME"#
    package static let documentation = [
        #"| `unstable at P` | at least one eigenvalue of the Jacobian at P has positive real part (a flow) or modulus above 1 (a map), counted as for `stable` (a saddle is unstable too) |"#,
    ]
    package static let example = ClaimExample(
        file: "derivations/meng_wang_contrastive.phc", claim: #"the uninformative state is unstable (tau = 1/10, s2 = 0)"#,
        original: #"unstable at uninformative1"#, planted: #"unstable at informative1"#)

    public var point: String

    public static func read(_ reader: inout StatementReader) throws(ParseError) -> Self {
        try reader.keyword("at", "after `unstable` (as in `unstable at origin`)")
        return Self(point: try reader.identifier("the name of a fixed point").0)
    }

    public var expressions: [Expr] { [] }

    public func checkNames(of claim: Claim, in scope: NameScope) throws(DerivationError) { _ = try scope.fixedPointDeclaration(point, for: claim) }

    package func check(_ check: inout ClaimCheck) throws { try check.checkStability(at: point, expected: .unstable) }
}
