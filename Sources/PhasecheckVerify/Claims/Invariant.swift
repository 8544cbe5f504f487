import PhasecheckExpressions
import PhasecheckFormat
import PhasecheckNumbers

/// `invariant E`: the expression (scalar, vector or matrix) stays constant along trajectories, entry by entry.
public struct InvariantClaim: ClaimKind {
    public static let keyword = "invariant"
    package static let grammar = #""invariant" expr [ "to" "order" INTEGER ]"#
    package static let documentation = [
        #"| `invariant E` | E(t) equals E(0) along the Taylor integration at 6 times, at the file's parameters and at 3 random draws of those with a domain (satisfying the `assume` lines; seeded by `--seed`). Exactly (digits `exact`, no random draws) when E is smooth on the whole real line in every entry (built from +, -, *, nonnegative integer powers, division by a nonzero number, and exp, sin, cos, atan, sinh, cosh, tanh, asinh, erf, erfc: no division by a variable, root, logarithm, kink or jump) and dE/dt along the flow (matrices unrolled) expands to 0 as a polynomial in the state entries, t, the parameters and opaque function atoms (at most 20,000 terms): then E is constant along every trajectory while it exists, for all parameter values, and the integration at the file's parameters shows it exists to the horizon. Also exactly when E is a scalar state (or one minus a constant) whose own flow component, with that state at its initial value, expands to 0, and every flow component is analytic wherever it is defined (+, -, *, /, integer powers, exp, log, log1p, tan, atanh and the functions above: no root, kink or jump): the other states' solution with it frozen solves the whole system, and solutions are unique |"#,
        #"| `invariant E` (a file of `map` lines) | E equals its value at step 0 at the first 6 steps and 6 spread over the iteration (`descent steps N`), in interval arithmetic, at the file's parameters and at 3 random draws (a draw whose iteration passes 10^30 FAILS where E certainly changed at the steps it reached before, and is otherwise rejected, never counted as checked: with none checked the claim is undecided, saying the draws diverged). Exactly (digits `exact`, no random draws) when E(F(x)) - E(x), F the maps (every state with a `map` line, no noise in them), expands to 0 as a polynomial in the state entries, the parameters and opaque function atoms: then E is constant along every iteration, for all parameter values. An E that reads a state whose map draws noise is an error (its iterates are random: state `mean of E at step n over N paths`) |"#,
        #"| `invariant E to order p` | a gradient-flow invariant drifts under gradient descent by an amount that shrinks like eta^p: with the rates scaled by h = 1, 1/2, 1/4, 1/8, the drift \|E(x_{N/h}) - E(x_0)\| at t = N (`descent steps N`, interval arithmetic; the largest entry for a vector) has observed orders log2(e(h)/e(h/2)) within 0.3 of p over the last two halvings. Undecided when the drifts are below the working precision |"#,
    ]
    package static let example = ClaimExample(
        file: "derivations/saxe_logistic.phc", claim: #"the layers stay balanced"#,
        original: #"invariant u^2 - w^2"#, planted: #"invariant u^2 + w^2"#)
    package static let allowsVectors = true

    public var expression: Expr
    /// `to order p`: the order in eta of the drift under gradient descent (nil: exactly invariant along the flow).
    public var order: Int? = nil

    public static func read(_ reader: inout StatementReader) throws(ParseError) -> Self {
        let e = try reader.parser.parseExpression()
        guard reader.acceptKeyword("to") else { return Self(expression: e) }
        try reader.keyword("order", "after `to` (as in `invariant u^2 - w^2 to order 1`)")
        return Self(expression: e, order: try reader.integer("the order", atLeast: 1))
    }

    public var expressions: [Expr] { [expression] }

    public func checkNames(of claim: Claim, in scope: NameScope) throws(DerivationError) {
        guard order != nil else { return try scope.checkModelClaim(claim) }
        try scope.checkIterationClaim(claim)
        let d = scope.derivation
        guard d.training.maps.isEmpty, !d.training.rates.isEmpty else {
            throw scope.error("claim \"\(claim.name)\" measures the drift under gradient descent; expected `train` rates and no `map` lines", at: claim.location)
        }
    }

    package func check(_ check: inout ClaimCheck) throws {
        let e = check.model.expand(expression)
        guard let order else {
            // A file whose states are iterated by `map` lines (no flow) states an invariant of the map.
            return try check.model.hasFlow ? check.checkInvariant(e) : check.checkMapInvariant(e)
        }
        let n = check.iterationSteps
        var drifts: [Double] = []
        for h in AgreesWithFlowClaim.scales {
            let values = try check.measurable([e], at: [.number(0), .number(BigRational(n) / h)], along: check.iteration(of: check.model, stepScale: h))
            drifts.append(zip(values[0][0], values[1][0]).map { Swift.abs(($1.midpoint - $0.midpoint).doubleValue) }.max() ?? 0)
        }
        guard check.judgeOrder(drifts, order: order) else { return }
        check.detail = "the drift of E under GD from step 0 to step \(n)/h (t = \(n)), h = 1, 1/2, 1/4, 1/8"
    }
}

extension ClaimCheck {
    mutating func checkInvariant(_ e: Expr) throws {
        let atStart = e.substituting(derivation.atStart)
        let times = Sampling.times(horizon: try horizon, count: options.timeSamples)
        let shape = shape(of: (e, atStart))
        let label = { (p: Point) in [("component", shape.componentLabel(p.component)), timeLabel(p.time)] }
        // E smooth everywhere with dE/dt = 0 wherever the flow is defined is constant along every trajectory for as
        // long as it exists: the integration at the file's parameters still shows that it exists to the horizon.
        let proven = areExactlyEqual([(try FlowDerivative(model: model).derivative(of: e), Expr.number(0))], smooth: [e])
        let frozen = try !proven && staysAtItsInitialValue(e)
        try recordConstant(e, from: atStart, at: times, exactly: proven || frozen, along: { try $0.integration(of: $0.model) }, label: label)
        detail = "compared with its initial value along the Taylor integration at \(times.count) times"
        guard status == .holds else { return }
        if proven {
            detail = "exactly: dE/dt along the flow expands to 0 " + Self.exactlyForAllValues
                + ", so no random draws; E compared with its initial value along the Taylor integration at \(times.count) times" + provenDigitsNote
                + " (the trajectory exists that long)"
            return
        }
        if frozen {
            detail = "exactly: E is a state whose own flow, with that state at its initial value, expands to 0, and the flow is analytic"
                + " wherever defined (no root, kink or jump), so the other states' solution with it frozen is the trajectory (unique solutions)"
                + " for all parameter values, so no random draws; E compared with its initial value along the Taylor integration at \(times.count) times"
                + provenDigitsNote + " (the trajectory exists that long)"
            return
        }
        detail += try recheckAtRandomDraws { check, drawn in
            [(try check.compare([(e, atStart)], at: times, along: check.integration(of: drawn), floor: .vectorScale), label)]
        }
    }
}

extension ClaimCheck {
    /// `invariant E` for a file that iterates `map` lines and has no flow: E at steps spread over the iteration equals E at
    /// step 0. Exactly when E composed with the maps expands to E itself (a conserved quantity of the map, whatever the
    /// start and the parameters).
    mutating func checkMapInvariant(_ e: Expr) throws {
        let steps = try stepsSpreadOverTheIteration(for: "an invariant of the `map` lines")
        if let noisy = try noisyStateError(readBy: [e], claim: "E") { throw noisy }
        let atStart = e.substituting(derivation.atStart)
        let shape = shape(of: (e, atStart))
        let label = { (p: Point) in [("component", shape.componentLabel(p.component)), ("step", timeText(p.time))] }
        let proven = conservedByTheMaps(e)
        try recordConstant(e, from: atStart, at: steps, exactly: proven, along: { try $0.iteration(of: $0.model) }, label: label)
        detail = "compared with its value at step 0 along the iteration in interval arithmetic at \(steps.count) steps"
        guard status == .holds else { return }
        if proven {
            detail = "exactly: E composed with the maps expands to E " + Self.exactlyWhereDefined
                + ", so no random draws; E compared with its value at step 0 along the iteration at \(steps.count) steps" + provenDigitsNote
            return
        }
        detail += try recheckAtRandomDraws { check, drawn in
            [(try check.compare([(e, atStart)], at: steps, along: check.iteration(of: drawn), floor: .vectorScale), label)]
        }
    }

    /// Whether E(F(x)) - E(x) expands to 0, F the file's maps (every state must have one; noise in them is refused by
    /// `areExactlyEqual`).
    private func conservedByTheMaps(_ e: Expr) -> Bool {
        var image: [String: Expr] = [:]
        for state in derivation.states {
            guard let map = derivation.training.maps[state.name] else { return false }
            image[state.name] = model.expand(map.expr)
        }
        return areExactlyEqual([(e.substituting(image), e)])
    }

    /// E against its value at the start at `points` along the trajectory `along` gives the comparing check, recorded;
    /// exact when `exactly`: the verdict then rests on a proof, and the comparison only shows the trajectory reaches
    /// those points, which `atProvenDigits` shows as well as the digits asked (30 digits, not 320).
    private mutating func recordConstant(_ e: Expr, from atStart: Expr, at points: [Expr], exactly: Bool,
                                         along trajectory: (ClaimCheck) throws -> Trajectory,
                                         label: (Point) -> [(String, String)]) throws {
        let comparing = exactly ? atProvenDigits : self
        var (o, p, n) = try comparing.compare([(e, atStart)], at: points, along: trajectory(comparing), floor: .vectorScale)
        if exactly { Self.markExact(&o, &p) }
        record(o, p, count: n, label: label)
    }
}
