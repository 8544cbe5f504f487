import PhasecheckExpressions
import PhasecheckFormat
import PhasecheckNumbers

/// `ode follows from loss`: every hand-written `ode` line of a trained state equals the gradient flow
/// -eta grad L derived from the loss, so a wrong hand gradient (a lost factor 2, a sign) is found and named.
public struct OdeFollowsFromLossClaim: ClaimKind {
    public static let keyword = "ode"
    package static let grammar = #""ode" "follows" "from" "loss""#
    package static let documentation = [
        #"| `ode follows from loss` | for each trained state with an `ode` line, the line equals -rate * grad L (the gradient taken symbolically, in reverse mode, for vector states too): exactly when each difference expands to 0 as for `identity`, with no kink or jump in the loss (at t = 0 at the file's parameters when both sides are smooth on the whole real line, else at t = 0 and 6 times along its trajectory, with the loss finite there), or the simplifier reduces it to 0 (digits `exact`), else at t = 0 and 6 times along the trajectory for the file's parameters and 5 random draws from the domains. A failure names the state and the component |"#,
    ]
    package static let example = ClaimExample(
        file: "derivations/xu_ziyin_linear_network.phc", claim: #"the ODEs are the gradient flow of the loss"#,
        original: #"ode w' = -eta_w*gamma*kappa*(a - astar)*u"#, planted: #"ode w' = eta_w*gamma*kappa*(a - astar)*u"#)

    public static func read(_ reader: inout StatementReader) throws(ParseError) -> Self {
        try reader.keyword("follows", "after `ode` (as in `ode follows from loss`)")
        try reader.keyword("from", "after `ode follows`")
        try reader.keyword("loss", "after `ode follows from`")
        return Self()
    }

    public var expressions: [Expr] { [] }

    public func checkNames(of claim: Claim, in scope: NameScope) throws(DerivationError) {
        try scope.checkModelClaim(claim)
        let d = scope.derivation
        guard d.training.loss != nil, d.states.contains(where: { d.odes[$0.name] != nil && d.training.rate(of: $0.name) != nil }) else {
            throw scope.error("claim \"\(claim.name)\" needs a loss, `train` rates and `ode` lines for trained states", at: claim.location)
        }
    }

    package func check(_ check: inout ClaimCheck) throws { try check.checkOdeFollowsFromLoss() }
}

extension ClaimCheck {
    mutating func checkOdeFollowsFromLoss() throws {
        let states = derivation.states.filter { derivation.odes[$0.name] != nil && derivation.training.rate(of: $0.name) != nil }
        let pairs = try states.map { s in (try model.odeRightHandSide(of: s.name), try model.gradientFlow(of: s.name)!) }
        let shapes = states.map(model.shape(of:))
        let label = { (p: Point) in [("state", states[p.pair].name), ("component", shapes[p.pair].componentLabel(p.component))] }
        let loss = derivation.training.loss.map { model.expand($0.expr) }.map { [$0] } ?? []
        // A loss smooth everywhere has a value wherever the flow goes; another must have one where it is compared.
        var lossFinite = true
        if !areExactlyEqual([], smooth: loss) {
            let times = [Expr.number(0)] + Sampling.times(horizon: try horizon, count: options.timeSamples)
            switch try valuesOfDifferentiated(loss, at: times, named: "the loss") {
            case .finite: break
            case .notFinite: lossFinite = false
            case .noRealValue: return
            }
        }
        if try holdsExactly(pairs, because: "each difference expands to 0", differentiating: loss, quantitiesFinite: lossFinite, label: label) { return }
        if pairs.allSatisfy({ ($0.0 - $0.1).simplified(assumingFiniteValues: true).numberValue == 0 }) {
            points = pairs.count
            worst = .exact
            detail = "symbolically: each difference simplifies to 0"
            return
        }
        let times = [Expr.number(0)] + Sampling.times(horizon: try horizon, count: options.timeSamples)
        var generator = SeededRandom(seed: options.seed)
        let random = derivation.parameters.filter { $0.domain != nil }
        let draws = random.isEmpty ? 1 : options.parameterDraws
        let drawCheck = atDrawDigits
        for draw in 0..<draws {
            // The file's values are compared to the claim's digits, a random draw to the draws' (`drawDigits`).
            let checker = draw == 0 ? self : drawCheck
            var drawn = model
            var values: [String: BigRational] = [:]
            if draw > 0 {
                for p in random {
                    let q = Sampling.draw(from: p.domain!, &generator)
                    values[p.name] = q
                    drawn.setParameter(p.name, Expr.number(q))
                }
            }
            let (outcome, point, count) = try checker.compare(pairs, at: times, along: checker.trajectory(for: drawn), floor: .vectorScale)
            record(outcome, point, count: count, atADraw: draw > 0) { p in
                [("state", states[p.pair].name), ("component", shapes[p.pair].componentLabel(p.component)), timeLabel(p.time)]
                    + values.keys.sorted().map { ($0, decimal(values[$0]!)) }
            }
            if outcome == .fails { break }
        }
        detail = "the `ode` lines against -rate * grad L at \(times.count) times along the "
            + (model.closedForm != nil ? "closed form" : "integration") + " for \(draws) parameter set\(draws == 1 ? "" : "s")" + drawsNote(count: draws - 1)
    }
}
