import PhasecheckExpressions
import PhasecheckFormat
import PhasecheckNumbers

/// The exact route of `invariant`, `rate`, `identity` and `ode follows from loss` claims: each pair's sides
/// unrolled to scalar entries and their differences shown to be 0 by `ExactIdentity`, an identity in the
/// state entries, t and the parameters for all their values, which needs neither integration nor random draws.
extension ClaimCheck {
    /// What an exact verdict rests on, for the claim's detail.
    static let exactlyForAllValues = "(an identity in the state entries, t and the parameters, every function in it defined and smooth on the whole real line, so it holds for all their values)"

    /// Whether every pair's sides are equal as functions, shown by `ExactIdentity`, with every entry of each
    /// expression in `smooth` defined and smooth everywhere (`ExactIdentity.isSmoothEverywhere`: "equal wherever
    /// defined" is then equal everywhere, and an invariant whose derivative along the flow is 0 cannot jump or
    /// leave its domain along a trajectory). False when that is not shown, and for expressions with noise or a
    /// deferred expectation (whose symbols stand for functions of the state).
    func areExactlyEqual(_ pairs: [(Expr, Expr)], smooth: [Expr]) -> Bool {
        let randomNames = Set(derivation.training.noise.map(\.name))
        let symbols = (pairs.flatMap { [$0.0, $0.1] } + smooth).reduce(into: Set<String>()) { $0.formUnion($1.freeSymbols) }
        guard symbols.isDisjoint(with: randomNames), !symbols.contains(where: { $0.contains("#") }) else { return false }
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
                  entries.allSatisfy({ ExactIdentity.isSmoothEverywhere($0, constants: constants) }) else { return false }
        }
        var differences: [(Expr, Expr)] = []
        for (lhs, rhs) in pairs {
            guard let l = try? unrolling.unrolled(lhs).entries, let r = try? unrolling.unrolled(rhs).entries else { return false }
            // A scalar side stands for every component of the other (`u - u == 0`).
            guard l.count == r.count || l.count == 1 || r.count == 1 else { return false }
            for i in 0..<Swift.max(l.count, r.count) { differences.append((l[l.count == 1 ? 0 : i], r[r.count == 1 ? 0 : i])) }
        }
        return ExactIdentity.areEqual(differences)
    }

    /// Settles the claim when `pairs` are exactly equal with both sides smooth everywhere (`areExactlyEqual`): they
    /// are evaluated once at t = 0 (states at their initial values) at the file's parameters, and the claim holds
    /// with exact agreement. False (nothing recorded) when equality is not shown.
    mutating func holdsExactly(_ pairs: [(Expr, Expr)], because reason: String, label: @escaping (Point) -> [(String, String)]) throws -> Bool {
        guard areExactlyEqual(pairs, smooth: pairs.flatMap { [$0.0, $0.1] }) else { return false }
        let start = derivation.atStart
        let atStart = pairs.map { ($0.0.substituting(start), $0.1.substituting(start)) }
        var (outcome, point, count) = try compare(atStart, at: [Expr.number(0)], along: trajectory(for: model, needsState: false), floor: .vectorScale)
        Self.markExact(&outcome, &point)
        record(outcome, point, count: count, label: label)
        detail = "exactly: " + reason + " " + Self.exactlyForAllValues + "; both sides are finite at t = 0 at the file's parameters"
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
