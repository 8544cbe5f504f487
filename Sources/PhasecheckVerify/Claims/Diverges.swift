import PhasecheckExpressions
import PhasecheckFormat
import PhasecheckNumbers

/// `diverges`: within the file's `descent steps N`, some component of the iterate certainly exceeds 10^30.
public struct DivergesClaim: ClaimKind {
    public static let keyword = "diverges"
    package static let grammar = #""diverges""#
    package static let documentation = [
        #"| `diverges` | within the `descent steps N`, a component of the iterate certainly (the lower end of its interval enclosure) exceeds 10^30 in magnitude; it fails if the iterate stays below that for all N steps without growing more than twofold over the second half of them (still growing, it is undecided: more steps would tell) |"#,
    ]
    package static let example = ClaimExample(
        file: "derivations/gd_scalar_network.phc", claim: #"too large a rate diverges"#,
        original: #"scenario fast: eta = 2"#, planted: #"scenario fast: eta = 1/5"#)

    public static func read(_ reader: inout StatementReader) throws(ParseError) -> Self { Self() }

    public var expressions: [Expr] { [] }

    public func checkNames(of claim: Claim, in scope: NameScope) throws(DerivationError) { try scope.checkIterationClaim(claim) }

    package func check(_ check: inout ClaimCheck) throws {
        let steps = check.iterationSteps
        let run = try check.escapes(check.model, steps: steps)
        if let at = run.at {
            check.points = at
            check.detail = "a component passed 10^30 at step \(at) (certified by interval arithmetic)"
        } else if run.last > run.halfway * BigFloat(2, precision: run.halfway.precision) {
            // Still growing (Nesterov past its edge grows 1.16-fold a step and passes 10^30 only after about 470 steps):
            // more steps would tell, so this is no certain failure.
            check.status = .undecided
            check.points = steps
            check.undecidedReason = "every component stayed below 10^30 for all \(steps) steps, but the largest grew from "
                + run.halfway.formatted(significantDigits: 3) + " at step \(steps / 2) to " + run.last.formatted(significantDigits: 3)
                + " at step \(steps): more steps (`descent steps`) would tell"
        } else {
            check.status = .fails
            check.points = steps
            check.worstCase = [("step", "\(steps)")]
            check.detail = "every component stayed below 10^30 for all \(steps) steps"
        }
    }
}
