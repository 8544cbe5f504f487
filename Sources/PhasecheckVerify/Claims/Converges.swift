import PhasecheckExpressions
import PhasecheckFormat
import PhasecheckNumbers

/// `converges E to V`: at the last of the `descent steps N`, E equals V to the required digits, and its
/// error has shrunk since step N/2 (E and V of any shape, compared entry by entry). `converges to x = P, y = Q`: the flow from the initial values tends to
/// the equilibrium P (`ConvergesTo.swift`).
public struct ConvergesClaim: ClaimKind, ComparesSides {
    public static let keyword = "converges"
    package static let grammar = #""converges" ( expr "to" expr [ "digits" INTEGER ] | "to" NAME "=" expr { "," NAME "=" expr } )"#
    package static let documentation = [
        #"| `converges to x = P, y = Q` | the flow from the initial values tends to the equilibrium (P, Q) (scalar states): the state at t = T (T = horizon, doubled up to 2^10 times) lies in a box around (P, Q) on which the Jacobian's logarithmic norm (max over rows of J_ii + sum of \|J_ij\|, j != i, in interval arithmetic) is at most -c < 0 and \|f(P, Q)\| < c r: the box is forward invariant and contracting, so the state converges to the one equilibrium in it, at most \|f(P, Q)\|/c from (P, Q), which must be within 10^-digits. Certified along a closed form; along an integration the state at T is its estimate (the report says so). Fails when the state certainly enters such a box around another point, disjoint from (P, Q), or when some component of the field is certainly nonzero on the whole box within 10^-digits of (P, Q) (interval arithmetic): a flow's limit is an equilibrium, and there is none there. In a file that iterates (`map` lines or `descent steps`) the point is the iteration's limit, as its fixed points are the map's: the claim is checked as `converges [x, y] to [P, Q]` (next row), so gradient descent past its edge of stability does not reach a minimum that its flow reaches, except that each coordinate is judged relatively and only a coordinate given as 0 against the largest (as by `fixedpoint P = [...] digits k`): (2, 10^-34) is not (2, 2 10^-34). Along the flow the point is judged by its size, as above, a small coordinate beside a large one to digits of the large one (the flow is used only for a noisy map with a mean-field flow, as for `fixedpoint`) |"#,
        #"| `converges E to V` | certified by contraction where it can be (scalar or vector states, up to 64 entries in all): the iterate x_N at the last of the `descent steps N` lies in a ball \|T (x - c)\| < r around it (T from the discrete Lyapunov equation A^T Q A - Q = -I of the map's linearisation A at c, solved by doubling, which needs A's spectral radius below 1) that the map sends into itself, its interval Jacobian over the ball having norm at most q < 1 in that norm; so the iteration converges to the ball's one fixed point x*, enclosed within \|T (G(c) - c)\|/(1 - q), and E(x*) must equal V to the required digits (fails if they certainly differ; a V of 0 is judged against E's size at step 0, as below, while the enclosure of E(x*) contains 0, and fails once it excludes 0). Otherwise (more entries, a map that uses the step number or vector parameters, or a limit that is not an isolated attracting fixed point, such as a curve of minima) along the iteration: E at step N equals V to the required digits (with `digits k`, V must be E's correct rounding to k digits, and instead of the next condition a scalar E must have moved by at most 10^-digits of V over the second half, digits being those asked (30 by default), not k: a slow drift through V moves by less than a unit in its k-th digit), and \|E - V\| at step N is at most its value at step N/2 (a vector or matrix E is compared with V entry by entry, the worst entry reported as `component=(i,j)`, and \|E - V\| is its Frobenius norm); fails if they certainly differ while the gap has stopped falling (it certainly fell by less than a thousandth over the second half), or if the iteration diverges (a component certainly passes 10^30, as `diverges` reads it) first; since a limit is a fixed point of the map, steps N + 1 and N + 2 are judged by the same rules and must hold too (an orbit whose period divides N, or one that passes through V at step N, matches at N alone): the claim fails if one of them certainly fails, and is undecided if one is undecided; a limit V = 0 is judged against E's size at step 0 (as for `value E at t = inf == 0`): it holds when \|E\| at step N is below 10^-digits of it and not above its value at step N/2 and either certainly below that value or enclosed with 0 (a gap settled at a nonzero value, small only against a large start, is a limit other than 0); a gap still falling by more than that is undecided (N steps too few for the digits asked: a transient that shrinks geometrically or like a power of n may still cover it); the report says which way was taken. Only the states E and V read are iterated (and certified), with those their map lines read: noise elsewhere does not matter, and E that reads a state whose map draws noise is random, an error that gives the `mean of` claim to write instead |"#,
    ]
    package static let example = ClaimExample(
        file: "derivations/gd_scalar_network.phc", claim: #"GD fits the target"#,
        original: #"converges a to astar"#, planted: #"converges a to 1.0001*astar"#)

    /// The iteration form: E and V (`expression` unused in the flow form).
    public var expression: Expr
    public var limit: Expr
    /// The digits to which the iteration form's V is known (`converges lam to 0.0742466708 digits 10`), as for `value`.
    public var digits: Int? = nil
    package var referenceDigits: Int? { digits }
    /// The flow form: the equilibrium, one value per (scalar) state; nil for the iteration form.
    public var equilibrium: [(state: String, value: Expr)]? = nil

    public static func read(_ reader: inout StatementReader) throws(ParseError) -> Self {
        if reader.acceptKeyword("to") {
            var point: [(String, Expr)] = []
            repeat {
                let (name, _) = try reader.identifier("a state name (as in `converges to x = 1, y = 0`)")
                try reader.parser.expect("=", "after the state `\(name)`")
                point.append((name, try reader.parser.parseExpression()))
            } while reader.parser.accept(",")
            return Self(expression: .number(0), limit: .number(0), equilibrium: point)
        }
        let e = try reader.parser.parseExpression()
        try reader.keyword("to", "after the quantity (as in `converges a to astar`)")
        let limit = try reader.parser.parseExpression()
        var digits: Int? = nil
        if reader.acceptKeyword("digits") { digits = try reader.integer("the number of known digits", atLeast: 1) }
        return Self(expression: e, limit: limit, digits: digits)
    }

    /// The flow form's two sides are placeholders (0 and 0), followed by its scalar equilibrium values.
    public var expressions: [Expr] { [expression, limit] + (equilibrium?.map(\.value) ?? []) }

    package var sides: (Expr, Expr) { (expression, limit) }

    public func checkNames(of claim: Claim, in scope: NameScope) throws(DerivationError) {
        guard let equilibrium else { return try scope.checkIterationClaim(claim) }
        // In a file that iterates, the point is the iteration's limit (see `check`), which needs its `descent steps N`.
        if scope.derivation.fixedPointsFollowTheMap { try scope.checkIterationClaim(claim) } else { try scope.checkModelClaim(claim) }
        let states = scope.derivation.states
        for s in states where !s.dimensions.isEmpty {
            throw scope.error("claim \"\(claim.name)\": `converges to` handles scalar states; `\(s.name)` is a vector", at: claim.location)
        }
        let named = equilibrium.map(\.state)
        guard Set(named) == Set(states.map(\.name)), named.count == states.count else {
            throw scope.error("claim \"\(claim.name)\": give one value for each state (\(states.map(\.name).joined(separator: ", ")))", at: claim.location)
        }
        let stateNames = Set(states.map(\.name)).union([Derivation.time])
        if let bad = equilibrium.lazy.flatMap({ $0.value.freeSymbols }).first(where: { stateNames.contains($0) }) {
            throw scope.error("claim \"\(claim.name)\": the equilibrium must be a constant, but it uses `\(bad)`", at: claim.location)
        }
    }

    package func check(_ check: inout ClaimCheck) throws {
        guard let equilibrium else { return try Self.checkLimit(of: expression, to: limit, digits: digits, &check) }
        guard check.model.fixedPointsFollowTheMap() else { return try check.checkConvergence(to: equilibrium) }
        // A file that iterates has its map's fixed points (as `fixedpoint` reads them), so the point is the iteration's
        // limit, not the flow's: gradient descent past its edge of stability leaves a minimum that its flow reaches.
        let states = check.derivation.states.map(\.name)
        let values = Dictionary(uniqueKeysWithValues: equilibrium.map { ($0.state, $0.value) })
        // Each coordinate is judged relatively, a 0 among them against the largest (as `fixedpoint P = [...] digits k`).
        try Self.checkLimit(of: .vector(states.map(Expr.symbol)), to: .vector(states.map { values[$0]! }), digits: nil, floor: .largestAtZero, &check)
    }

    /// The iteration form, `converges E to V` (and the point form in a file that iterates, E the states and V the point,
    /// `floor` then `.largestAtZero`).
    /// An iteration that certainly passes 10^30 before the steps compared diverges (as `diverges` reads it), so it does
    /// not converge to a finite V: the claim fails.
    static func checkLimit(of expression: Expr, to limit: Expr, digits: Int?, floor: ClaimCheck.Floor = .none, _ check: inout ClaimCheck) throws {
        do {
            try checkFiniteLimit(of: expression, to: limit, digits: digits, floor: floor, &check)
        } catch let diverged as IteratedTrajectory.IterationDiverged {
            check.status = .fails
            check.undecidedReason = nil
            check.worstCase = [("step", "\(diverged.escapedAt)")]
            check.detail = "the iteration diverges: a component of the iterate certainly exceeds 10^30 at step \(diverged.escapedAt), so it does not converge to V"
        }
    }

    private static func checkFiniteLimit(of expression: Expr, to limit: Expr, digits: Int?, floor: ClaimCheck.Floor, _ check: inout ClaimCheck) throws {
        let model = check.model
        let e = model.expand(expression), v = model.expand(limit)
        let n = check.iterationSteps
        // A state that draws noise (or reads one that does) is random: one run's limit is not what is claimed. A state
        // whose map reads no noisy state converges deterministically and is checked below, noise elsewhere or not.
        if let noisy = try check.noisyState(readBy: [e, v]) {
            throw CheckError("`\(noisy.state)` is random (its map draws noise `\(noisy.noise)`, \(noisy.law)), and E reads it: `converges` is about one "
                             + "deterministic run; check the mean instead, as in `mean of \(expression) at step \(n) over 1000 paths == \(limit) within 3 standard errors`, "
                             + "or the noise-free iteration in a scenario that sets the standard deviation to 0")
        }
        let along = check.iteration(of: model)
        let shape = check.shape(of: (e, v))
        let decide = check.roundingDecision(knownDigits: digits)
        let uncertified: String
        switch try check.contraction(at: n, along: along, quantities: [e, v]) {
        case .certified(let limit, let text):
            // A limit of 0 is judged against E's size at step 0, as along the iteration below: E at a fixed point where
            // it vanishes (th^2 + ps^2 at the Dirac-GAN's Nash point) has no relative digits and nothing cancelled in it.
            // An enclosure of E(x*) that excludes 0 shows the limit is certainly not 0, so the claim fails.
            let zero = digits == nil ? try ZeroLimit(of: e, limit: v, along: along, check) : nil
            let zeroDecision: ClaimCheck.Decision? = zero.map { zero in
                { _, value, _, _ in zero.admits(value, earlier: nil) ? .holds : value.magnitudeLower.sign > 0 ? .fails : .undecided }
            }
            let (o, found, count) = try check.compare([(e, v)], at: [Expr.number(n)], along: limit, floor: floor, decide: zeroDecision ?? decide)
            let p = zero.flatMap { zero in found.map(zero.judged) } ?? found
            check.record(o, p, count: count) { [("at", "the fixed point")] + ClaimCheck.componentLabel($0, of: shape) }
            check.detail = text + (zero.map { "; V = 0 is judged against E's size at step 0 (\(BigInterval($0.start).reportText))" } ?? "")
            return
        case .notCertified(let reason): uncertified = "; not certified by contraction: " + reason
        }
        defer { check.detail += uncertified }
        try Self.checkAlong(along, e, v, at: n, shape: shape, digits: digits, floor: floor, decide: decide, &check)
        guard check.status == .holds else { return }
        // A limit of a continuous map is a fixed point of it, so the next steps must agree with V too: an orbit whose
        // period divides N (gradient descent on a 2-cycle past its edge of stability, x_n = (-1)^n) or that passes
        // through V at step N (x_n = n - N) matched V at step N alone. The later steps are judged by the same rules, so
        // a verdict no longer turns on N's parity: one that certainly fails there fails, one undecided is undecided.
        for m in [n + 1, n + 2] {
            var later = check
            later.status = .holds
            later.undecidedReason = nil
            try Self.checkAlong(along, e, v, at: m, shape: shape, digits: digits, floor: floor, decide: decide, &later)
            switch later.status {
            case .holds: continue
            case .fails:
                check = later
                check.detail = "E equals V at step \(n) but not at step \(m): " + later.detail
            default:
                check.status = later.status
                check.undecidedReason = "E equals V at step \(n) but not shown to at step \(m) (\(later.undecidedReason ?? later.detail)): "
                    + "the iterate may cycle or pass through V rather than converge to it"
            }
            return
        }
        check.detail += "; so do steps \(n + 1) and \(n + 2)"
    }

    /// The fallback along the iteration at step `n`: E at step n against V, and the gap at n against n/2.
    private static func checkAlong(_ along: IteratedTrajectory, _ e: Expr, _ v: Expr, at n: Int, shape: Shape, digits: Int?,
                                   floor: ClaimCheck.Floor, decide: ClaimCheck.Decision?, _ check: inout ClaimCheck) throws {
        let (o, p, count) = try check.compare([(e, v)], at: [Expr.number(n)], along: along, floor: floor, decide: decide)
        let label = { (point: ClaimCheck.Point) in [("step", "\(n)")] + ClaimCheck.componentLabel(point, of: shape) }
        let gap = shape.count == 1 ? Expr.call(.abs, e - v) : Expr.norm(e - v)
        if o != .holds, digits == nil, let p, let zero = try ZeroLimit(of: e, limit: v, along: along, check) {
            // A limit of 0 has no relative digits, and E's own size at step N is the gap itself: as for `value E
            // at t = inf == 0`, the gap is judged against what E was at the start (its scale where terms cancel).
            let (half, last) = try Self.gaps(gap, at: n, along: along, check, agreed: true)
            if zero.admits(last, earlier: half) {
                check.record(.holds, zero.judged(p), count: count, label: label)
                check.detail = "|E - V| at step \(n) (\(last.reportText)) is below 10^-\(check.required) of E's size at step 0 (\(BigInterval(zero.start).reportText)), "
                    + "and not above its value at step \(n / 2)"
                return
            }
        }
        check.record(o, p, count: count, label: label)
        guard o == .holds || o == .fails else { check.detail = "E at step \(n) against V"; return }
        let (half, last) = try Self.gaps(gap, at: n, along: along, check, agreed: o == .holds)
        if o == .fails {
            // Without a certificate, a gap that is still falling says nothing against V: a geometric transient (m -> m*
            // at rate 0.83 a step fell 16-fold from step 15 to 30) and an algebraic one (gradient descent at a
            // degenerate minimum, x_n ~ n^-1/2, falls only sqrt(2)-fold per doubling of n; both FAILED true limits)
            // may still close it. A wrong V leaves a gap that stops falling: it fails only when the gap certainly fell
            // by less than a thousandth over the second half (a rate n^-p with p above 0.0015 falls by more).
            let almostStill = last * IntervalContext(precision: last.precision).constant(BigRational(1001, 1000))
            if !(almostStill.isFinite && half.isFinite && almostStill.lower >= half.upper) {
                check.status = .undecided
                check.detail = "|E - V| fell from \(half.reportText) at step \(n / 2) to \(last.reportText) at step \(n) and is still falling: "
                    + "\(n) steps do not reach the digits asked (more `descent steps`, or fewer `--digits`)"
            } else {
                check.detail = "E at step \(n) against V"
            }
            return
        }
        if let k = digits {
            // V rounded to k digits: the gap is V's own rounding error, which may grow while E approaches its limit
            // (the catapult's lambda moves by 6e-35 between steps 150 and 300, away from its 10-digit rounding).
            // E must instead have settled at the claim's own digits, not only V's k (a slow drift through V moves
            // by less than a unit in V's k-th digit): a scalar E moved over the second half by at most 10^-required
            // of V; a vector's gap did not grow.
            check.detail = "E at step \(n) rounds to V at \(k) digits"
            if shape.count == 1, let reference = p?.right {
                let signed = try Self.gaps(e - v, at: n, along: along, check, agreed: true)
                let moved = BigFloat.max(BigFloat.abs(signed.last.upper - signed.half.lower), BigFloat.abs(signed.half.upper - signed.last.lower))
                let settled = reference.magnitudeLower * BigFloat(BigRational(10).power(-check.required), precision: moved.precision)
                if !(moved <= settled) {
                    check.status = .undecided
                    check.undecidedReason = "E rounds to V at step \(n), but moved by up to \(BigInterval(moved).reportText) over the second half, more than 10^-\(check.required) of V: not shown to have settled"
                }
            } else if last.lower > half.upper {
                check.status = .undecided
                check.undecidedReason = "E rounds to V at step \(n), but |E - V| grew from step \(n / 2): not shown to have settled"
            }
            return
        }
        // The error must not have grown over the second half of the run.
        if last.lower > half.upper {
            check.status = .fails
            check.worstCase = [("step", "\(n)"), ("error grew from step", "\(n / 2)")]
        }
        check.detail = "E at step \(n) equals V; |E - V| at step \(n) <= at step \(n / 2)"
    }

    /// The rule for a limit V that is exactly 0, which has no relative digits, on both routes (at a certified fixed point
    /// and along the iteration): E is judged against its size at step 0, as for `value E at t = inf == 0`.
    struct ZeroLimit {
        /// The smallest scale E can have at step 0: the size of its terms where they cancel, else |E|, the largest
        /// entry of a vector.
        let start: BigFloat
        /// 10^-required of `start`.
        let target: BigFloat

        /// nil for another V or a scale at step 0 that may be 0.
        init?(of e: Expr, limit v: Expr, along: IteratedTrajectory, _ check: ClaimCheck) throws {
            guard v.simplified().numberValue?.isZero == true else { return nil }
            let bits = check.escalation.start
            let scale = try along.values(of: [along.cancellationScale(of: e, digits: check.required)], at: [Expr.number(0)], bits: bits)[0][0]
            let largest = scale.map(\.magnitudeLower).reduce(BigFloat(0, precision: bits)) { BigFloat.max($0, $1) }
            guard largest.sign > 0 else { return nil }
            start = largest
            target = largest * BigFloat(BigRational(10).power(-check.required), precision: largest.precision)
        }

        /// Whether the gap |E - V| (E itself at a fixed point) is within the tolerance: at most `target`, and either enclosed
        /// with 0 or, along the iteration, still falling from its value at an `earlier` step (not above it). A gap that
        /// has settled at a nonzero value (x^2 -> 4 from x = 10^20, small against that start) is a limit other than 0;
        /// at a fixed point (`earlier` nil) nothing moves any more, so only an enclosure with 0 is.
        func admits(_ gap: BigInterval, earlier: BigInterval?) -> Bool {
            guard gap.magnitudeUpper <= target else { return false }
            let enclosesZero = gap.magnitudeLower.sign == 0
            guard let earlier else { return enclosesZero }
            return !(gap.lower > earlier.upper) && (gap.upper < earlier.lower || enclosesZero)
        }

        /// The point with its digits counted against E's size at step 0.
        func judged(_ point: ClaimCheck.Point) -> ClaimCheck.Point {
            var judged = point
            judged.agreement = Agreement.between(point.left, point.right, floor: start)
            return judged
        }
    }

    /// The gap |E - V| at steps N/2 and N, at the first precision that encloses both to a thousandth: the
    /// enclosures of an iteration widen with each step, so the starting precision may leave them wide (a matrix
    /// state of more than 8 entries keeps plain boxes), or not finite, after N steps. When E and V `agreed`, a
    /// gap below 10^-(required + 3) also settles it (as in `measurable`): one that E and V share beyond the
    /// working precision is an interval around 0, never narrow relative to itself, and no growth of it matters.
    private static func gaps(_ gap: Expr, at n: Int, along: IteratedTrajectory, _ check: ClaimCheck,
                             agreed: Bool) throws -> (half: BigInterval, last: BigInterval) {
        try check.escalation.first { bits, isLast in
            let attemptStarted = ContinuousClock.now
            let values = try along.values(of: [gap], at: [Expr.number(n / 2), Expr.number(n)], bits: bits)
            let result = (values[0][0][0], values[1][0][0])
            let resolution = BigFloat(BigRational(10).power(-3 - check.required), precision: 64)
            let settled = [result.0, result.1].allSatisfy { x in
                x.isFinite && (x.width <= x.magnitudeUpper * BigFloat(BigRational(1, 1000), precision: bits)
                               || (agreed && x.upper <= resolution))
            }
            if settled || isLast { return result }
            try check.deadline.checkBeforeRaising(from: bits, attemptStarted: attemptStarted)
            return nil
        }
    }
}
