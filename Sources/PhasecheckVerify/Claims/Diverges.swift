import PhasecheckExpressions
import PhasecheckFormat
import PhasecheckNumbers

/// `diverges`: within the file's `descent steps N`, some component of the iterate certainly exceeds 10^30.
public struct DivergesClaim: ClaimKind {
    public static let keyword = "diverges"
    package static let grammar = #""diverges""#
    package static let documentation = [
        #"| `diverges` | within the `descent steps N`, a component of the iterate certainly (the lower end of its interval enclosure) exceeds 10^30 in magnitude; it fails if the iterate stays below that for all N steps |"#,
    ]
    package static let example = ClaimExample(
        file: "derivations/gd_scalar_network.phc", claim: #"too large a rate diverges"#,
        original: #"scenario fast: eta = 2"#, planted: #"scenario fast: eta = 1/5"#)

    public static func read(_ reader: inout StatementReader) throws(ParseError) -> Self { Self() }

    public var expressions: [Expr] { [] }

    public func checkNames(of claim: Claim, in scope: NameScope) throws(DerivationError) { try scope.checkIterationClaim(claim) }

    package func check(_ check: inout ClaimCheck) throws {
        let steps = check.iterationSteps
        if let at = try check.escapes(check.model, steps: steps) {
            check.points = at
            check.detail = "a component passed 10^30 at step \(at) (certified by interval arithmetic)"
        } else {
            check.status = .fails
            check.points = steps
            check.worstCase = [("step", "\(steps)")]
            check.detail = "every component stayed below 10^30 for all \(steps) steps"
        }
    }
}
