import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckFormat
import PhasecheckNumbers

/// The norm |y|_2 of y = T (x - centre), with T upper triangular and T^T T = Q solving the Lyapunov equation
/// J^T Q + Q J = -I at the centre (J the Jacobian there, in midpoints): at a stable equilibrium this norm
/// makes the linearisation contract, for nodes and foci alike (the plain max norm does not for a focus).
/// For a map x -> G(x), Q solves the discrete equation A^T Q A - Q = -I (A = dG/dx at the centre), positive
/// definite when A's spectral radius is below 1.
struct LyapunovNorm {
    let centre: [BigFloat]
    let t: [[BigFloat]]
    /// T^-1 as an enclosure (back substitution in interval arithmetic), so T J T^-1 encloses the true product.
    let inverse: [[BigInterval]]

    /// nil when Q is not positive definite (the centre is not a stable equilibrium) or the system is singular.
    /// - Parameter map: the evaluator's equations are G(x) - x of a map (their Jacobian is A - I).
    init?(_ evaluator: inout ZeroProblem.Evaluator, centre: [BigFloat], map: Bool = false) {
        let n = centre.count, bits = evaluator.precision
        let zero = BigFloat(0, precision: bits), one = BigFloat(1, precision: bits)
        let j = evaluator.evaluate(centre.map { BigInterval($0) }).jacobian.map { $0.map(\.midpoint) }
        let q: [[BigFloat]]
        if map {
            let a = (0..<n).map { r in (0..<n).map { c in r == c ? j[r][c] + one : j[r][c] } }
            guard let solution = Self.discreteLyapunovSolution(a) else { return nil }
            q = solution
        } else if n > Self.largestKroneckerDimension {
            guard let solution = Self.continuousLyapunovByEulerSteps(j) else { return nil }
            q = solution
        } else {
            // (J^T Q + Q J)_ab = sum_k J_ka Q_kb + Q_ak J_kb = -delta_ab, for the n^2 entries Q_ab (index a*n + b).
            var system = [[BigFloat]](repeating: [BigFloat](repeating: zero, count: n * n), count: n * n)
            for a in 0..<n { for b in 0..<n { for k in 0..<n {
                system[a * n + b][k * n + b] = system[a * n + b][k * n + b] + j[k][a]
                system[a * n + b][a * n + k] = system[a * n + b][a * n + k] + j[k][b]
            } } }
            guard let solver = approximateInverse(system) else { return nil }
            q = (0..<n).map { a in (0..<n).map { b in
                // Q = -(solver applied to vec(I)), symmetrised.
                let ab = (0..<n).reduce(zero) { $0 - solver[a * n + b][$1 * n + $1] }
                let ba = (0..<n).reduce(zero) { $0 - solver[b * n + a][$1 * n + $1] }
                return (ab + ba) / BigFloat(2, precision: bits)
            } }
        }
        // Cholesky Q = L L^T; T = L^T.
        var l = [[BigFloat]](repeating: [BigFloat](repeating: zero, count: n), count: n)
        for c in 0..<n {
            let pivot = q[c][c] - (0..<c).reduce(zero) { $0 + l[c][$1] * l[c][$1] }
            guard pivot.sign > 0, pivot.isFinite else { return nil }
            l[c][c] = BigFloat.sqrt(pivot)
            for r in (c + 1)..<max(c + 1, n) {
                l[r][c] = (q[r][c] - (0..<c).reduce(zero) { $0 + l[r][$1] * l[c][$1] }) / l[c][c]
            }
        }
        t = (0..<n).map { r in (0..<n).map { c in l[c][r] } }
        // T X = I by back substitution, column by column, in intervals.
        var x = [[BigInterval]](repeating: [BigInterval](repeating: BigInterval(zero), count: n), count: n)
        for col in 0..<n {
            for r in stride(from: n - 1, through: 0, by: -1) {
                var sum = BigInterval(r == col ? one : zero)
                for k in (r + 1)..<max(r + 1, n) { sum = sum - BigInterval(t[r][k]) * x[k][col] }
                x[r][col] = sum / BigInterval(t[r][r])
            }
        }
        inverse = x
        self.centre = centre
    }

    /// Above this many unknowns the continuous equation is not solved through its n^2 x n^2 Kronecker form
    /// (n^6 work) but by `continuousLyapunovByEulerSteps` (n^3 a round).
    static let largestKroneckerDimension = 8

    /// A Q with J^T Q + Q J negative definite, from the discrete equation A^T Q A - Q = -I of the Euler step
    /// A = I + h J: expanding, J^T Q + Q J = -I/h - h J^T Q J, at most -I/h. Any h with A's spectral radius
    /// below 1 will do (there is one exactly when J is stable); h = 8^-k / max row sum of |J|, k = 0...2, each
    /// with 2^20 terms (a contraction slower than 10^-6 of J's size is not sought: a curve of equilibria, where
    /// J is singular, costs a few doublings, not 40 a try).
    static func continuousLyapunovByEulerSteps(_ j: [[BigFloat]]) -> [[BigFloat]]? {
        let n = j.count, bits = j[0][0].precision
        let zero = BigFloat(0, precision: bits), one = BigFloat(1, precision: bits)
        let rowSum = j.reduce(zero) { BigFloat.max($0, $1.reduce(zero) { $0 + BigFloat.abs($1) }) }
        guard rowSum.isFinite, !rowSum.isZero else { return nil }
        for k in 0...2 {
            let h = BigFloat.scaled(one / rowSum, byPowerOfTwo: -3 * k)
            let a = (0..<n).map { r in (0..<n).map { c in (r == c ? one : zero) + h * j[r][c] } }
            if let q = discreteLyapunovSolution(a, rounds: 20) { return q }
        }
        return nil
    }

    /// The solution Q = sum_k (A^T)^k A^k of A^T Q A - Q = -I by doubling (Q <- Q + B^T Q B, B <- B^2, starting
    /// from Q = I, B = A: after j rounds the first 2^j terms), n^3 work a round where the Kronecker form's
    /// n^2 x n^2 system costs n^6. nil when the powers of A have not fallen below 2^-precision after 2^rounds
    /// terms (the spectral radius is not below 1, or too close to it to matter). Only a norm, not an
    /// enclosure: what it certifies is checked in interval arithmetic.
    static func discreteLyapunovSolution(_ a: [[BigFloat]], rounds: Int = 40) -> [[BigFloat]]? {
        let n = a.count, bits = a[0][0].precision
        let zero = BigFloat(0, precision: bits)
        func product(_ x: [[BigFloat]], _ y: [[BigFloat]], transposingFirst: Bool = false) -> [[BigFloat]] {
            (0..<n).map { r in (0..<n).map { c in
                (0..<n).reduce(zero) { $0 + (transposingFirst ? x[$1][r] : x[r][$1]) * y[$1][c] }
            } }
        }
        var q = (0..<n).map { r in (0..<n).map { c in BigFloat(r == c ? 1 : 0, precision: bits) } }
        var b = a
        let negligible = BigFloat.scaled(BigFloat(1, precision: bits), byPowerOfTwo: -bits)
        for _ in 0..<rounds {
            let term = product(product(b, q, transposingFirst: true), b)
            q = (0..<n).map { r in (0..<n).map { c in q[r][c] + term[r][c] } }
            b = product(b, b)
            let size = b.reduce(zero) { BigFloat.max($0, $1.reduce(zero) { $0 + BigFloat.abs($1) }) }
            guard size.isFinite else { return nil }
            if size < negligible { return q }
        }
        return nil
    }

    /// |T (x - centre)|_2 over the enclosures x (an upper bound).
    func distance(_ x: [BigInterval]) -> BigFloat {
        let d = zip(x, centre).map { $0 - BigInterval($1) }
        let zero = BigInterval(BigFloat(0, precision: x.first?.precision ?? 64))
        return Self.euclidean(t.map { row in zip(row, d).reduce(zero) { $0 + BigInterval($1.0) * $1.1 } })
    }

    /// An upper bound on |y|_2 over the enclosures y (every step rounded up: it bounds a distance and a ball).
    static func euclidean(_ y: [BigInterval]) -> BigFloat {
        let squares = y.reduce(BigFloat(0, precision: y.first?.precision ?? 64)) { sum, entry in
            BigFloat.sum(sum, BigFloat.product(entry.magnitudeUpper, entry.magnitudeUpper, rounding: .up), rounding: .up)
        }
        return BigInterval.sqrt(BigInterval(squares.rounded(toPrecision: 64, rounding: .up))).upper
    }

    /// The max-norm box holding the ball |T (x - centre)| <= r: half-widths r |row i of T^-1|_2, rounded up.
    func halfWidths(_ r: BigFloat) -> [BigFloat] { inverse.map { BigFloat.product(r, Self.euclidean($0), rounding: .up) } }
}

/// A ball |T (x - centre)| <= radius on which the flow contracts: the symmetric part of T J T^-1 is at most
/// -rate over the ball's enclosing box (an interval Cholesky factorisation of -sym(T J T^-1) - rate I
/// succeeds, so every matrix in the enclosure is negative definite), and |T f(centre)| < rate * radius.
/// Then the ball is forward invariant, holds exactly one equilibrium x*, every trajectory in it tends to x*,
/// and |T (x* - centre)| <= |T f(centre)| / rate.
struct ContractingBall {
    let norm: LyapunovNorm
    let radius: BigFloat
    let rate: BigFloat
    /// Bounds on |x* - centre| in the max norm.
    let distanceUpper: BigFloat
    let distanceLower: BigFloat

    static func certify(_ evaluator: inout ZeroProblem.Evaluator, norm: LyapunovNorm, radius: BigFloat) -> ContractingBall? {
        let n = norm.centre.count, bits = evaluator.precision
        let zero = BigFloat(0, precision: bits)
        let box = Box.around(norm.centre, radius: norm.halfWidths(radius))
        let (_, jacobian) = evaluator.evaluate(box)
        guard jacobian.allSatisfy({ $0.allSatisfy(\.isFinite) }) else { return nil }
        let t = norm.t.map { $0.map { BigInterval($0) } }
        func product(_ a: [[BigInterval]], _ b: [[BigInterval]]) -> [[BigInterval]] {
            (0..<n).map { r in (0..<n).map { c in (0..<n).reduce(BigInterval(zero)) { $0 + a[r][$1] * b[$1][c] } } }
        }
        let similar = product(product(t, jacobian), norm.inverse)
        let half = BigInterval(BigRational(1, 2), precision: bits)
        let negativeSymmetric = (0..<n).map { r in (0..<n).map { c in BigInterval(zero) - (similar[r][c] + similar[c][r]) * half } }
        // The rate: the largest of 2^-k times the smallest diagonal entry's lower end for which the
        // interval Cholesky factorisation of -sym - rate I goes through.
        guard let smallest = negativeSymmetric.indices.map({ negativeSymmetric[$0][$0].lower }).min(), smallest.sign > 0 else { return nil }
        var rate: BigFloat? = nil
        for k in 1...12 {
            let candidate = BigFloat.scaled(smallest, byPowerOfTwo: -k)
            if Self.choleskySucceeds(negativeSymmetric, shift: candidate) { rate = candidate; break }
        }
        guard let rate else { return nil }
        let (atCentre, _) = evaluator.evaluate(norm.centre.map { BigInterval($0) })
        guard atCentre.allSatisfy(\.isFinite) else { return nil }
        let transformed = t.map { row in zip(row, atCentre).reduce(BigInterval(zero)) { $0 + $1.0 * $1.1 } }
        let residual = LyapunovNorm.euclidean(transformed)
        // Bounds rounded outward: the residual against rate * radius rounded down, the distances each way.
        guard residual < BigFloat.product(rate, radius, rounding: .down) else { return nil }
        let maxNormFactor = norm.inverse.map { LyapunovNorm.euclidean($0) }.max() ?? zero
        let lipschitz = jacobian.map { $0.reduce(zero) { BigFloat.sum($0, $1.magnitudeUpper, rounding: .up) } }.max() ?? zero
        let residualLower = atCentre.reduce(zero) { BigFloat.max($0, $1.magnitudeLower) }
        return ContractingBall(norm: norm, radius: radius, rate: rate,
                               distanceUpper: BigFloat.quotient(BigFloat.product(maxNormFactor, residual, rounding: .up), rate, rounding: .up),
                               distanceLower: lipschitz.isZero ? zero : BigFloat.quotient(residualLower, lipschitz, rounding: .down))
    }

    /// Whether an interval Cholesky factorisation of a - shift I has certainly positive pivots.
    static func choleskySucceeds(_ a: [[BigInterval]], shift: BigFloat) -> Bool {
        let n = a.count
        guard n > 0 else { return true }
        let zero = BigInterval(BigFloat(0, precision: a[0][0].precision))
        var l = [[BigInterval]](repeating: [BigInterval](repeating: zero, count: n), count: n)
        for c in 0..<n {
            let pivot = a[c][c] - BigInterval(shift) - (0..<c).reduce(zero) { $0 + l[c][$1] * l[c][$1] }
            guard pivot.lower.sign > 0 else { return false }
            l[c][c] = BigInterval.sqrt(pivot)
            for r in (c + 1)..<max(c + 1, n) {
                l[r][c] = (a[r][c] - (0..<c).reduce(zero) { $0 + l[r][$1] * l[c][$1] }) / l[c][c]
            }
        }
        return true
    }

    func contains(_ x: [BigInterval]) -> Bool { norm.distance(x) < radius }
}

extension ClaimCheck {
    /// The vector field of the model's flow over boxes of its (scalar) states, with its Jacobian, at the
    /// model's parameter values; nil when the flow depends on t (it has no equilibrium then).
    func vectorField(bits: Int) throws -> ZeroProblem.Evaluator? {
        let states = derivation.states.map(\.name)
        let rhs = try states.map { try model.odeRightHandSide(of: $0) }
        if rhs.contains(where: { $0.freeSymbols.contains(Derivation.time) }) { return nil }
        let parameters = Set(rhs.flatMap(\.freeSymbols)).subtracting(states + [ReservedSymbols.pi]).sorted()
        let named = try ModelInputs(model: model, context: IntervalContext(precision: bits)).values(named: parameters)
        let problem = try ZeroProblem(unknowns: states, equations: rhs, parameters: parameters)
        return problem.evaluator(parameterValues: try parameters.map { name in
            guard let v = named[name]?.first else { throw CheckError("`\(name)` has no value") }
            return v
        }, precision: bits)
    }

    /// Fails the claim when the flow certainly has no equilibrium within `tolerance` of P (some component of the field
    /// excludes 0 over the whole box, in interval arithmetic): a trajectory's limit is an equilibrium, so none tends to a
    /// point there, whether or not a contracting ball around P can be certified (a wrong stationary moment, 1/20 for
    /// 1/22, left the claim undecided when the ball around P did not reach the true limit).
    mutating func failIfNoEquilibriumNear(_ target: [BigInterval], within tolerance: BigFloat, scale: BigFloat,
                                          evaluator: inout ZeroProblem.Evaluator, states: [String]) -> Bool {
        let box = Box.around(target.map(\.midpoint), radius: target.map { BigFloat.sum($0.radius, tolerance, rounding: .up) })
        let (field, _) = evaluator.evaluate(box)
        guard let k = field.firstIndex(where: { $0.lower.sign > 0 || $0.upper.sign < 0 }) else { return false }
        status = .fails
        worstCase = [("state", states[k])]
        compared = [("\(states[k])' near P", field[k].reportText)]
        detail = "P is not an equilibrium: \(states[k])' is nonzero on the whole box within 10^-\(required) x \(scale.formatted(significantDigits: 3)) of P (interval arithmetic), so no trajectory tends to a point there"
        return true
    }

    /// `converges to x = P, ...`: see `ConvergesClaim`'s documentation row.
    mutating func checkConvergence(to point: [(state: String, value: Expr)]) throws {
        let states = derivation.states.map(\.name)
        let bits = startBits
        guard var evaluator = try vectorField(bits: bits) else {
            throw CheckError("the flow depends on t: an equilibrium needs an autonomous system")
        }
        let values = Dictionary(uniqueKeysWithValues: point.map { ($0.state, $0.value) })
        let stated = states.map { model.expand(values[$0]!) }
        if try failIfStatedValuesHaveNoRealValue(stated, what: "the stated equilibrium") { return }
        let target = try trajectory(for: model, needsState: false).values(of: stated, at: [.number(0)], bits: bits)[0].map { $0[0] }
        let centre = target.map(\.midpoint)
        let scale = BigFloat.max(centre.reduce(BigFloat(0, precision: bits)) { BigFloat.max($0, BigFloat.abs($1)) }, BigFloat(1, precision: bits))
        // 10^-required x scale, rounded down where the limit must lie within it and up where no equilibrium may.
        let tolerance = BigInterval(scale) * BigInterval(BigRational(1, 10).power(required), precision: bits)
        if failIfNoEquilibriumNear(target, within: tolerance.upper, scale: scale, evaluator: &evaluator, states: states) { return }
        let along = trajectory(for: model)
        let horizon = try self.horizon
        guard let norm = LyapunovNorm(&evaluator, centre: centre) else {
            status = .undecided
            undecidedReason = "the Lyapunov equation J^T Q + Q J = -I at P has no positive definite solution: P is not a stable equilibrium of the linearisation (or it is degenerate)"
            detail = "no contracting neighbourhood of P"
            return
        }
        points = 0
        for k in 0...10 {
            let time = Expr.number(horizon * BigRational(1 << k))
            let x = try along.values(of: states.map(Expr.symbol), at: [time], bits: bits)[0].map { $0[0] }
            points += 1
            guard x.allSatisfy(\.isFinite) else { continue }
            // A ball a little wider than the distance to the state, and never narrower than the target's.
            let radius = BigFloat.max(BigFloat.scaled(norm.distance(x), byPowerOfTwo: 1), tolerance.upper)
            guard let ball = ContractingBall.certify(&evaluator, norm: norm, radius: radius) else { continue }
            let stateText = zip(states, x).map { "\($0) = \($1.reportText)" }.joined(separator: ", ")
            worstCase = [("t", timeText(time)), ("ball radius", radius.formatted(significantDigits: 3)), ("contraction rate", ball.rate.formatted(significantDigits: 4))]
            compared = [("state at t", stateText), ("|x* - P| at most", ball.distanceUpper.formatted(significantDigits: 3))]
            if ball.distanceLower > tolerance.upper {
                status = .fails
                detail = "the only equilibrium in the contracting neighbourhood of P is at least \(ball.distanceLower.formatted(significantDigits: 3)) from P, more than 10^-\(required) x \(scale.formatted(significantDigits: 3)) (certified by interval arithmetic)"
                return
            }
            guard ball.contains(x) else { continue }
            let basis = along.isCertified ? "certified along the closed form" : "the state at t is the integration's estimate, not a bound (the ball and its contraction are certified by interval arithmetic)"
            let where_ = "the state at t = \(timeText(time)) lies in the ball |T (x - P)| < \(radius.formatted(significantDigits: 3)) (T from the Lyapunov equation at P), forward invariant and contracting at rate \(ball.rate.formatted(significantDigits: 4)); "
            if ball.distanceUpper <= tolerance.lower {
                detail = where_ + "it converges to the ball's one equilibrium, within \(ball.distanceUpper.formatted(significantDigits: 3)) of P; " + basis
                return
            }
            status = .undecided
            undecidedReason = "the limit is within \(ball.distanceUpper.formatted(significantDigits: 3)) of P, not shown within 10^-\(required)"
            detail = where_ + basis
            return
        }
        status = .undecided
        undecidedReason = "no contracting ball around P held the state up to t = \(decimal(horizon * BigRational(1 << 10)))"
        detail = "P is not shown to attract the start (it may be unstable, or the contraction may need another norm)"
    }
}
