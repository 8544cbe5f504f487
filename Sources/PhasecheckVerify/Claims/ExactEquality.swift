import PhasecheckExpressions
import PhasecheckFormat
import PhasecheckNumbers

/// The exact route of `invariant`, `rate`, `identity` and `ode follows from loss` claims: each pair's sides
/// unrolled to scalar entries and their differences shown to be 0 by `ExactIdentity`, an identity in the
/// state entries, t and the parameters for all their values, which needs neither integration nor random draws.
///
/// `ExactIdentity.isZero` proves "0 wherever every subexpression is defined". What that settles depends on the
/// claim:
/// - A pointwise comparison (`identity L == R`, `rate L == R`, `ode follows from loss`) compares the same
///   expressions the numeric route evaluates, point by point; a point where a side is undefined cannot be compared
///   there either. So equality wherever defined is the claim, with no smoothness asked (a division by, a root or a
///   logarithm of a varying quantity is fine); kinks and jumps are refused by the normal form, and for a rate in the
///   quantity L too (its derivative formula can drop them: sign' is 0, atan2' is rational).
/// - A rate compares d/dt L as `Differentiator` (through `FlowDerivative`) writes it, and that formula is the true derivative wherever both it
///   and L are defined: +, -, *, /, integer powers, sqrt, cbrt, rational powers, log, log1p, tan, asin, acos, acosh,
///   atanh, a^b with a varying exponent (a > 0 then) are differentiable wherever their formula is finite and the
///   function is defined (sqrt'(0), acosh'(1), ... are 1/0). The formula may be finite where L is not (1/x for log x
///   at x < 0), so L is evaluated where it is compared (`valuesOfDifferentiated`; the loss likewise for
///   `ode follows from loss`, whose sides hold its gradient).
/// - An invariant is a statement along time: dE/dt = 0 wherever defined does not keep E constant when it jumps
///   (atan2 across its cut), leaves its domain (atan(1/x) through x = 0) or the trajectory blows up, so E must be
///   smooth on the whole real line (`ExactIdentity.Smoothness.everywhere`), unless it is a state the flow cannot
///   move (`staysAtItsInitialValue`).
extension ClaimCheck {
    /// What an exact verdict rests on, for the claim's detail.
    static let exactlyForAllValues = "(an identity in the state entries, t and the parameters, every function in it defined and smooth on the whole real line, so it holds for all their values)"
    /// What an exact verdict on a pointwise comparison rests on, for the claim's detail.
    static let exactlyWhereDefined = "(an identity in the state entries, t and the parameters, so it holds at every point where every subexpression is defined, for all their values)"

    /// This check comparing to `drawDigits` (the claim's digits, at most 30), for the comparison at the file's parameters
    /// of a claim already proved exactly. Its values are proved equal, so the comparison shows only what the proof leaves
    /// open: that the trajectory exists up to the horizon (an invariant; an identity along an integration) and that the
    /// sides are finite where compared. An integration at 30 digits shows the first as well as one at 320: the same
    /// evidence (the integrator's steps, whose size its coefficients bound by their radius of convergence at any tolerance,
    /// reach the horizon), and neither is a validated enclosure. A side enclosed as finite in interval arithmetic has a value on the whole enclosure, and a
    /// wider enclosure asks more, not less; a value not finite there raises the precision as any comparison does. At
    /// `--digits 300` the comparison then costs what it costs at 30 instead of an integration at 320 digits, and the values
    /// the report shows carry those digits (`provenDigitsNote` says so).
    var atProvenDigits: ClaimCheck { atDrawDigits }

    /// ` to 30 digits` where a proved claim's comparison ran at fewer digits than the claim's (`atProvenDigits`), else empty.
    var provenDigitsNote: String { drawDigits < required ? " to \(drawDigits) digits" : "" }

    /// Whether every pair's sides are equal as functions wherever defined, shown by `ExactIdentity`, with every
    /// entry of each expression in `smooth` as smooth as `smoothness` asks (`ExactIdentity.isSmooth`; `.everywhere`:
    /// "equal wherever defined" is then equal everywhere, and an invariant whose derivative along the flow is 0
    /// cannot jump or leave its domain along a trajectory) and no kink or jump in `withoutJumps` (`Expr.switchingArgument`).
    /// False when that is not shown, and for expressions with noise or a deferred expectation (whose symbols stand
    /// for functions of the state).
    func areExactlyEqual(_ pairs: [(Expr, Expr)], smooth: [Expr] = [], smoothness: ExactIdentity.Smoothness = .everywhere,
                         withoutJumps: [Expr] = []) -> Bool {
        exactlyEqualEntries(pairs, smooth: smooth, smoothness: smoothness, withoutJumps: withoutJumps) != nil
    }

    /// As `areExactlyEqual`, with what it compared when it shows them equal: the pairs' sides unrolled to scalar entries
    /// and paired (a scalar side with every entry of the other), and the symbols fixed along a trajectory (every
    /// symbol but the states' and t), as `ExactIdentity.isSmooth` reads them; nil when it does not.
    func exactlyEqualEntries(_ pairs: [(Expr, Expr)], smooth: [Expr] = [], smoothness: ExactIdentity.Smoothness = .everywhere,
                             withoutJumps: [Expr] = []) -> (entries: [(Expr, Expr)], constants: Set<String>)? {
        guard Expr.postorder(from: withoutJumps).allSatisfy({ $0.switchingArgument == nil }) else { return nil }
        let randomNames = Set(derivation.training.noise.map(\.name))
        let symbols = (pairs.flatMap { [$0.0, $0.1] } + smooth + withoutJumps).reduce(into: Set<String>()) { $0.formUnion($1.freeSymbols) }
        guard symbols.isDisjoint(with: randomNames), !symbols.contains(where: { $0.contains("#") }) else { return nil }
        var inputs: [String: (shape: Shape, entries: [Expr])] = [:]
        for (name, shape) in model.inputShapes {
            let symbol = Expr.symbol(name)
            switch shape {
            case .scalar: continue
            case .vector(let n): inputs[name] = (shape, (1...n).map { Expr.index(symbol, $0) })
            case .matrix(let m, let n): inputs[name] = (shape, (1...m).flatMap { i in (1...n).map { Expr.index(symbol, i, $0) } })
            }
        }
        var unrolling = EntryUnrolling(sizes: model.sizes, inputs: inputs)
        // Fixed along a trajectory: every symbol but the states (and their entries) and t.
        let varying = Set(derivation.states.map(\.name) + [Derivation.time])
        let constants = symbols.subtracting(varying)
        for e in smooth {
            guard let entries = try? unrolling.unrolled(e).entries,
                  entries.allSatisfy({ ExactIdentity.isSmooth($0, smoothness, constants: constants) }) else { return nil }
        }
        var entries: [(Expr, Expr)] = []
        for (lhs, rhs) in pairs {
            guard let l = try? unrolling.unrolled(lhs).entries, let r = try? unrolling.unrolled(rhs).entries else { return nil }
            // A scalar side stands for every component of the other (`u - u == 0`).
            guard l.count == r.count || l.count == 1 || r.count == 1 else { return nil }
            for i in 0..<Swift.max(l.count, r.count) { entries.append((l[l.count == 1 ? 0 : i], r[r.count == 1 ? 0 : i])) }
        }
        return ExactIdentity.areEqual(entries) ? (entries, constants) : nil
    }

    /// `pairs` with each scalar state's flow component F_s (an interned tree: every occurrence is one node) replaced
    /// by a new symbol, as in a rate's derivative sum of dL/ds F_s against a right side written with the same F_s.
    /// An identity with the F_s free holds with them put back (a ring homomorphism, and where the original is defined
    /// so is each F_s in it), and it is often far smaller: Meng-Wang's rate would otherwise multiply L_R (117 terms
    /// expanded) by Rdot (1591) before anything cancels.
    func withOpaqueFlows(_ pairs: [(Expr, Expr)]) throws -> [(Expr, Expr)] {
        var memo: [ObjectIdentifier: Expr] = [:]
        for s in derivation.states where model.shape(of: s) == .scalar {
            let flow = try model.odeRightHandSide(of: s.name)
            if !flow.arguments.isEmpty { memo[ObjectIdentifier(flow)] = Expr.symbol("__opaque_flow_" + s.name) }
        }
        for node in Expr.postorder(from: pairs.flatMap { [$0.0, $0.1] }, skipping: { memo[ObjectIdentifier($0)] != nil }) {
            memo[ObjectIdentifier(node)] = node.arguments.isEmpty ? node : node.rebuilt(node.arguments.map { memo[ObjectIdentifier($0)]! })
        }
        return pairs.map { (memo[ObjectIdentifier($0.0)]!, memo[ObjectIdentifier($0.1)]!) }
    }

    /// Whether the invariant `e` is a scalar state s, or s minus an expression fixed along the trajectory, that the
    /// flow cannot move from its initial value s0: its own flow component with s replaced by s0 is 0 wherever defined
    /// (`ExactIdentity`), and every component of the flow is analytic wherever it is defined
    /// (`ExactIdentity.Smoothness.whereDefined`). Then the solution of the other states' equations with s frozen at
    /// s0 solves the whole system for as long as the flow is defined along it, and the flow, locally Lipschitz
    /// wherever it is defined, has one solution from each start: the trajectory, with s = s0 for as long as it exists
    /// with the flow defined along it (the integration at the file's parameters shows both up to the horizon). This
    /// holds for every value of the parameters (s0 may be an expression in them), so no random draws are needed.
    /// Where the flow is only continuous, nothing follows: x' = sqrt(x) from 0 also leaves 0, along t^2/4.
    func staysAtItsInitialValue(_ e: Expr) throws -> Bool {
        let states = Set(derivation.states.map(\.name))
        let state: String
        switch e.kind {
        case .symbol(let name) where states.contains(name): state = name
        case .subtract where e.arguments[0].symbolName.map(states.contains) == true
                && e.arguments[1].freeSymbols.isDisjoint(with: states.union([Derivation.time])):
            state = e.arguments[0].symbolName!
        default: return false
        }
        guard model.shape(of: derivation.states.first { $0.name == state }!) == .scalar,
              case .components(let initial)? = model.initialValues[state], initial.count == 1 else { return false }
        let flows = try derivation.states.map { try model.odeRightHandSide(of: $0.name) }
        let frozen = try model.odeRightHandSide(of: state).substituting([state: initial[0]])
        return areExactlyEqual([(frozen, Expr.number(0))], smooth: flows, smoothness: .whereDefined)
    }

    /// Settles the claim when `pairs` are exactly equal wherever defined (`areExactlyEqual`), with no kink or jump in
    /// the `quantities` whose derivatives the sides hold (a loss), at the file's parameters, with exact agreement. With
    /// every side smooth everywhere they are evaluated once, at t = 0 (states at their initial values): equal wherever
    /// defined is then equal everywhere. Otherwise they are compared where the numeric route compares them, at t = 0
    /// and at the sample times along the trajectory, which shows them defined there, and the quantities must be finite
    /// there too (`quantitiesFinite`, from the caller's `valuesOfDifferentiated`). False (nothing recorded) when that is
    /// not shown.
    mutating func holdsExactly(_ pairs: [(Expr, Expr)], because reason: String, differentiating quantities: [Expr],
                               quantitiesFinite: Bool, label: @escaping (Point) -> [(String, String)]) throws -> Bool {
        guard let proof = exactlyEqualEntries(pairs, withoutJumps: quantities) else { return false }
        let smooth = proof.entries.allSatisfy { pair in
            [pair.0, pair.1].allSatisfy { ExactIdentity.isSmooth($0, .everywhere, constants: proof.constants) }
        }
        var (outcome, point, count): (Outcome, Point?, Int)
        let compared: String
        let proven = atProvenDigits
        if smooth {
            let start = derivation.atStart
            let atStart = pairs.map { ($0.0.substituting(start), $0.1.substituting(start)) }
            (outcome, point, count) = try proven.compare(atStart, at: [Expr.number(0)], along: proven.trajectory(for: model, needsState: false), floor: .vectorScale)
            compared = Self.exactlyForAllValues + "; both sides are finite at t = 0 at the file's parameters" + provenDigitsNote
        } else {
            let times = [Expr.number(0)] + Sampling.times(horizon: try horizon, count: options.timeSamples)
            guard quantitiesFinite else { return false }
            (outcome, point, count) = try proven.compare(pairs, at: times, along: proven.trajectory(for: model), floor: .vectorScale)
            compared = Self.exactlyWhereDefined + "; both sides compared at \(times.count) times along the "
                + (model.closedForm != nil ? "closed form" : "integration") + " at the file's parameters" + provenDigitsNote
        }
        Self.markExact(&outcome, &point)
        record(outcome, point, count: count) { p in label(p) + (smooth ? [] : [timeLabel(p.time)]) }
        detail = "exactly: " + reason + " " + compared
        return true
    }


    /// A comparison of two sides proved equal: unless it certainly failed (which a proof and a computation cannot
    /// both be right about, so the failure is kept), it holds with exact agreement.
    static func markExact(_ outcome: inout Outcome, _ point: inout Point?) {
        guard outcome != .fails, point != nil else { return }
        outcome = .holds
        point!.agreement = .exact
        point!.basis = nil
    }
}
