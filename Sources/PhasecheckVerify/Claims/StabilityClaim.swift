import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckFormat

/// `stable at P`, `unstable at P`, `saddle at P`: claims that the fixed point P (declared by a `fixedpoint`
/// or `stationary` claim) has the linear stability `expected`. They share their keyword (the stability's
/// name), grammar, reader, name check and check; each kind's file gives its documentation and example.
package protocol StabilityClaim: ClaimKind {
    static var expected: LinearStability.Stability { get }
    var point: String { get }
    init(point: String)
}

extension StabilityClaim {
    public static var keyword: String { expected.rawValue }
    package static var grammar: String { "\"\(keyword)\" \"at\" NAME" }

    public static func read(_ reader: inout StatementReader) throws(ParseError) -> Self {
        try reader.keyword("at", "after `\(keyword)` (as in `\(keyword) at origin`)")
        return Self(point: try reader.identifier("the name of a fixed point").0)
    }

    public var expressions: [Expr] { [] }

    public func checkNames(of claim: Claim, in scope: NameScope) throws(DerivationError) { _ = try scope.fixedPointDeclaration(point, for: claim) }

    package func check(_ check: inout ClaimCheck) throws { try check.checkStability(at: point, expected: Self.expected) }
}
