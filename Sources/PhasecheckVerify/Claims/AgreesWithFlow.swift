import Foundation
import PhasecheckExpressions
import PhasecheckFormat
import PhasecheckNumbers

/// `agrees E with flow at step n to order p`: gradient descent approximates the gradient flow with an
/// error in E that shrinks like eta^p: GD with the rates scaled by h = 1, 1/2, 1/4, 1/8 at step n/h against
/// the flow at t = n (one step of GD with scaled rates h advances the flow's time by h).
public struct AgreesWithFlowClaim: ClaimKind {
    public static let keyword = "agrees"
    package static let grammar = #""agrees" expr "with" "flow" "at" "step" expr "to" "order" INTEGER"#
    package static let documentation = [
        #"| `agrees E with flow at step n to order p` | E after n/h steps of gradient descent with the rates scaled by h = 1, 1/2, 1/4, 1/8 (interval arithmetic) against E on the gradient flow at t = n (closed form, or the Taylor integration); the observed orders log2(e(h)/e(h/2)) of the last two halvings must lie within 0.3 of p. Undecided when the errors are below the working precision |"#,
    ]
    package static let example = ClaimExample(
        file: "derivations/gd_scalar_network.phc", claim: #"GD agrees with the flow to order 1 in eta"#,
        original: #"agrees a with flow at step 10 to order 1"#, planted: #"agrees a with flow at step 10 to order 2"#)

    public var expression: Expr
    public var step: Expr
    public var order: Int

    public static func read(_ reader: inout StatementReader) throws(ParseError) -> Self {
        let e = try reader.parser.parseExpression()
        try reader.keyword("with", "after the quantity (as in `agrees a with flow at step 10 to order 1`)")
        try reader.keyword("flow", "after `with`")
        try reader.keyword("at", "after `with flow`")
        try reader.keyword("step", "after `at`")
        let step = try reader.parser.parseExpression()
        try reader.keyword("to", "after the step")
        try reader.keyword("order", "after `to`")
        return Self(expression: e, step: step, order: try reader.integer("the order", atLeast: 1))
    }

    public var expressions: [Expr] { [expression, step] }

    public func checkNames(of claim: Claim, in scope: NameScope) throws(DerivationError) {
        try scope.checkIterationClaim(claim)
        let d = scope.derivation
        guard d.training.maps.isEmpty, !d.training.rates.isEmpty else {
            throw scope.error("claim \"\(claim.name)\" compares gradient descent with the flow; expected `train` rates and no `map` lines", at: claim.location)
        }
    }

    static let scales = [BigRational(1), BigRational(1, 2), BigRational(1, 4), BigRational(1, 8)]

    package func check(_ check: inout ClaimCheck) throws {
        let model = check.model
        let e = model.expand(expression)
        let n = try IteratedTrajectory(model: model).stepNumbers([step])[0]
        let flow = try check.trajectory(for: model).values(of: [e], at: [Expr.number(n)], bits: check.startBits)[0][0][0]
        var errors: [Double] = []
        for h in Self.scales {
            let steps = (BigRational(n) / h)
            let gd = try check.measurable([e], at: [Expr.number(steps)], along: check.iteration(of: model, stepScale: h))[0][0][0]
            errors.append(Swift.abs((gd.midpoint - flow.midpoint).doubleValue))
        }
        guard check.judgeOrder(errors, order: order) else { return }
        check.detail = "GD at step \(n)/h, h = 1, 1/2, 1/4, 1/8, against the flow at t = \(n) along the "
            + (model.closedForm != nil ? "closed form" : "integration")
    }
}

extension ClaimCheck {
    /// Values along `trajectory` at the first precision where every one is finite and known to the
    /// resolution errors are measured at (10^-digits x 10^3, relative to max(1, |value|)): a long iteration
    /// in interval arithmetic widens its enclosures step by step.
    func measurable(_ exprs: [Expr], at times: [Expr], along trajectory: Trajectory) throws -> [[[BigInterval]]] {
        let resolution = BigFloat(BigRational(10).power(3 - required), precision: 64)
        return try escalation.along(trajectory).first { bits, isLast in
            let attemptStarted = ContinuousClock.now
            let values = try trajectory.values(of: exprs, at: times, bits: bits)
            let narrow = values.allSatisfy { $0.allSatisfy { $0.allSatisfy { x in
                x.isFinite && x.upper - x.lower <= resolution * BigFloat.max(x.magnitudeUpper, BigFloat(1, precision: 64))
            } } }
            if narrow { return values }
            if isLast { throw CheckError("the values stayed wider than the resolution up to \(bits) bits") }
            try deadline.checkBeforeRaising(from: bits, along: trajectory, attemptStarted: attemptStarted)
            return nil
        }
    }

    /// Judges errors e(h) measured at the step scales h = 1, 1/2, 1/4, 1/8 (`AgreesWithFlowClaim.scales`):
    /// the observed orders log2(e(h)/e(h/2)) of the last two halvings must lie within 0.3 of `order`. Returns
    /// false (undecided, with the reason) when the errors are too small to measure at the working precision.
    mutating func judgeOrder(_ errors: [Double], order: Int) -> Bool {
        let orders = zip(errors, errors.dropFirst()).map { Foundation.log2($0 / $1) }
        let shown = orders.map { String(format: "%.3f", $0) }.joined(separator: ", ")
        points = errors.count
        worstCase = [("errors", errors.map { String(format: "%.3e", $0) }.joined(separator: ", ")), ("observed orders", shown)]
        if errors.last! <= Foundation.pow(10, -Double(required)) * 1e3 {
            status = .undecided
            detail = "the errors are too small to measure at the working precision"
            return false
        }
        if !orders.suffix(2).allSatisfy({ Swift.abs($0 - Double(order)) <= 0.3 }) { status = .fails }
        return true
    }
}
