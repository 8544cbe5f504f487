import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckFormat

/// `stable at P`: the fixed point P (declared by a `fixedpoint` or `stationary` claim) is asymptotically stable (every eigenvalue on the stable side).
public struct StableClaim: ClaimKind {
    public static let keyword = "stable"
    package static let grammar = #""stable" "at" NAME"#
    package static let documentation = [
        #"| `stable at P` | every eigenvalue of the Jacobian at P (symbolic derivatives, evaluated in interval arithmetic over the enclosure of P) has negative real part (a flow) or modulus below 1 (a map): the Routh-Hurwitz test (the first column of the Routh array, the ratios of successive Hurwitz determinants, has no sign change) or the Schur-Cohn test (Marden's products all positive) on the characteristic polynomial. FAILS when some eigenvalue certainly lies on the unstable side; undecided when one may lie on the boundary (the imaginary axis, the unit circle), where linearisation decides nothing |"#,
    ]
    package static let example = ClaimExample(
        file: "derivations/meng_wang_contrastive.phc", claim: #"the informative state is stable (tau = 1/10, s2 = 0)"#,
        original: #"stable at informative1"#, planted: #"stable at uninformative1"#)

    public var point: String

    public static func read(_ reader: inout StatementReader) throws(ParseError) -> Self {
        try reader.keyword("at", "after `stable` (as in `stable at origin`)")
        return Self(point: try reader.identifier("the name of a fixed point").0)
    }

    public var expressions: [Expr] { [] }

    public func checkNames(of claim: Claim, in scope: NameScope) throws(DerivationError) { _ = try scope.fixedPointDeclaration(point, for: claim) }

    package func check(_ check: inout ClaimCheck) throws { try check.checkStability(at: point, expected: .stable) }
}
