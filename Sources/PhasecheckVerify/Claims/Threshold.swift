import PhasecheckExpressions
import PhasecheckFormat
import PhasecheckNumbers

/// `threshold P == V [margin m]`: the iteration is stable for the parameter P a margin below V and diverges
/// a margin above (e.g. gradient descent on a quadratic with kappa K eta < 2). Both sides are checked.
public struct ThresholdClaim: ClaimKind {
    public static let keyword = "threshold"
    package static let grammar = #""threshold" NAME "==" expr [ "margin" expr ]"#
    package static let documentation = [
        #"| `threshold P == V [margin m]` | the stability threshold of the parameter P (say a learning rate or kappa): with P = V (1 - m) the iterate stays below 10^30 for all `descent steps N`, and with P = V (1 + m) it certainly passes 10^30 within them (m defaults to 1/10). Fails if either side does the opposite |"#,
    ]
    package static let example = ClaimExample(
        file: "derivations/gd_scalar_network.phc", claim: #"the bowl's stability threshold is eta_x h = 2"#,
        original: #"threshold eta_x == 2/h"#, planted: #"threshold eta_x == 3/h"#)

    public var parameter: String
    public var value: Expr
    public var margin: Expr?

    public static func read(_ reader: inout StatementReader) throws(ParseError) -> Self {
        let (name, _) = try reader.identifier("a parameter name")
        try reader.parser.expect("==", "after the parameter (as in `threshold kappa == 2/K0`)")
        let value = try reader.parser.parseExpression()
        var margin: Expr? = nil
        if reader.acceptKeyword("margin") { margin = try reader.parser.parseExpression() }
        return Self(parameter: name, value: value, margin: margin)
    }

    public var expressions: [Expr] { [value] + (margin.map { [$0] } ?? []) }

    public func checkNames(of claim: Claim, in scope: NameScope) throws(DerivationError) {
        try scope.checkIterationClaim(claim)
        guard scope.derivation.parameter(named: parameter) != nil else {
            throw scope.error("`\(parameter)` in claim \"\(claim.name)\" is not a parameter", at: claim.location)
        }
        if let bad = value.freeSymbols.union(margin?.freeSymbols ?? []).intersection(scope.derivation.states.map(\.name)).sorted().first {
            throw scope.error("the threshold in claim \"\(claim.name)\" uses the state `\(bad)`; expected parameters and initial values", at: claim.location)
        }
    }

    package func check(_ check: inout ClaimCheck) throws {
        let model = check.model
        let m = margin.map(model.expand) ?? Expr.number(BigRational(1, 10))
        // The threshold as an exact number (the parameter is then set to a rational on each side).
        guard let threshold = try check.constantValue(model.expand(value), model: model),
              let q = try check.constantValue(m, model: model), q > 0, q < 1 else {
            throw CheckError("the threshold and its margin must be constants, the margin in (0, 1)")
        }
        let steps = check.iterationSteps
        var below = model, above = model
        below.setParameter(parameter, Expr.number(threshold * (1 - q)))
        above.setParameter(parameter, Expr.number(threshold * (1 + q)))
        let belowEscapes = try check.escapes(below, steps: steps)
        let aboveEscapes = try check.escapes(above, steps: steps)
        check.points = 2
        let shown = decimal(threshold)
        if let at = belowEscapes {
            check.status = .fails
            check.worstCase = [(parameter, decimal(threshold * (1 - q))), ("diverged at step", "\(at)")]
        } else if aboveEscapes == nil {
            check.status = .fails
            check.worstCase = [(parameter, decimal(threshold * (1 + q))), ("stayed bounded for steps", "\(steps)")]
        }
        check.detail = "\(parameter) = \(shown) x (1 -+ \(decimal(q))): bounded for \(steps) steps below"
            + (aboveEscapes.map { ", diverged at step \($0) above" } ?? ", bounded above too")
    }
}
