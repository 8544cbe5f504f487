import PhasecheckExpressions
import PhasecheckFormat
import PhasecheckNumbers

/// `invariant E`: the expression (scalar, vector or matrix) stays constant along trajectories, entry by entry.
public struct InvariantClaim: ClaimKind {
    public static let keyword = "invariant"
    package static let grammar = #""invariant" expr"#
    package static let documentation = [
        #"| `invariant E` | E(t) equals E(0) along the Taylor integration at 6 times, at the file's parameters and at 3 random draws of those with a domain (satisfying the `assume` lines; seeded by `--seed`) |"#,
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
        let atStart = e.substituting(Dictionary(uniqueKeysWithValues: derivation.states.map { ($0.name, Expr.symbol($0.initialName)) }))
            .substituting([Derivation.time: Expr.number(0)])
        let times = Sampling.times(horizon: try horizon, count: options.timeSamples)
        let shape = shape(of: (e, atStart))
        let label = { (p: Point) in [("component", shape.componentLabel(p.component)), timeLabel(p.time)] }
        let (o, p, n) = try compare([(e, atStart)], at: times, along: integration(of: model), floor: .vectorScale)
        record(o, p, count: n, label: label)
        detail = "compared with its initial value along the Taylor integration at \(times.count) times"
        guard status == .holds else { return }
        let check = self
        detail += try recheckAtRandomDraws { drawn in
            [(try check.compare([(e, atStart)], at: times, along: check.integration(of: drawn), floor: .vectorScale), label)]
        }
    }
}
