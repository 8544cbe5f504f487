import PhasecheckExpressions
import PhasecheckFormat
import PhasecheckNumbers

/// `invariant E`: the expression (scalar, vector or matrix) stays constant along trajectories, entry by entry.
public struct InvariantClaim: ClaimKind {
    public static let keyword = "invariant"
    package static let grammar = #""invariant" expr"#
    package static let documentation = [
        #"| `invariant E` | E(t) equals E(0) along the Taylor integration at 6 times |"#,
    ]
    package static let example = ClaimExample(
        file: "derivations/saxe_logistic.phc", claim: #"the layers stay balanced"#,
        original: #"invariant u^2 - w^2"#, planted: #"invariant u^2 + w^2"#)
    package static let allowsVectors = true

    public var expression: Expr

    public static func read(_ reader: inout StatementReader) throws(ParseError) -> Self {
        Self(expression: try reader.parser.parseExpression())
    }

    public var expressions: [Expr] { [expression] }

    package func check(_ check: inout ClaimCheck) throws { try check.checkInvariant(check.model.expand(expression)) }
}

extension ClaimCheck {
    mutating func checkInvariant(_ e: Expr) throws {
        let integrated = integration(of: model)
        let atStart = e.substituting(Dictionary(uniqueKeysWithValues: derivation.states.map { ($0.name, Expr.symbol($0.initialName)) }))
            .substituting([Derivation.time: Expr.number(0)])
        let times = Sampling.times(horizon: try horizon, count: options.timeSamples)
        let (o, p, n) = try compare([(e, atStart)], at: times, along: integrated, floor: .vectorScale)
        let shape = shape(of: (e, atStart))
        record(o, p, count: n) { [("component", shape.componentLabel($0.component)), timeLabel($0.time)] }
        detail = "compared with its initial value along the Taylor integration at \(times.count) times"
    }
}
