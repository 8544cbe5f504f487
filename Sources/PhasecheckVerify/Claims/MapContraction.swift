import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckFormat
import PhasecheckNumbers

/// A ball |T (x - c)|_2 <= r that the map G sends into itself while contracting it: for every matrix J in
/// the interval Jacobian of G over the ball's enclosing box, the spectral norm of T J T^-1 is at most q < 1
/// (an interval Cholesky factorisation of q^2 I - M^T M succeeds, M = T J T^-1), and |T (G(c) - c)| <= (1 - q) r.
/// T comes from the discrete Lyapunov equation A^T Q A - Q = -I at c (A = J(c) in midpoints; Q = T^T T), which
/// has a positive definite solution exactly when the linearisation's spectral radius is below 1. Then G has
/// one fixed point x* in the ball, every iterate that enters the ball converges to it, and for any point p of
/// the ball |T (x* - p)| <= |T (G(p) - p)| / (1 - q) (the mean value theorem along the segment from p to x*).
struct ContractingMapBall {
    /// The most state entries a ball is sought for: each try costs dense n x n interval products and
    /// Cholesky factorisations, and the Jacobian tape has n^2 outputs.
    static let largestDimension = 64

    let norm: LyapunovNorm
    let radius: BigFloat
    /// q: the contraction factor in the norm |T x|_2.
    let factor: BigFloat

    /// - Parameter evaluator: the fixed-point equations G(x) - x (`FixedPointSetting` of a map).
    static func certify(_ evaluator: inout ZeroProblem.Evaluator, norm: LyapunovNorm, radius: BigFloat) -> ContractingMapBall? {
        let n = norm.centre.count, bits = evaluator.precision
        let zero = BigInterval(BigFloat(0, precision: bits)), one = BigInterval(BigFloat(1, precision: bits))
        let box = Box.around(norm.centre, radius: norm.halfWidths(radius))
        let (_, equations) = evaluator.evaluate(box)
        let jacobian = equations.enumerated().map { i, row in row.enumerated().map { j, x in i == j ? x + one : x } }
        guard jacobian.allSatisfy({ $0.allSatisfy(\.isFinite) }) else { return nil }
        let t = norm.t.map { $0.map { BigInterval($0) } }
        func product(_ a: [[BigInterval]], _ b: [[BigInterval]]) -> [[BigInterval]] {
            (0..<n).map { r in (0..<n).map { c in (0..<n).reduce(zero) { $0 + a[r][$1] * b[$1][c] } } }
        }
        let m = product(product(t, jacobian), norm.inverse)
        let negativeGram = (0..<n).map { r in (0..<n).map { c in zero - (0..<n).reduce(zero) { $0 + m[$1][r] * m[$1][c] } } }
        // The smallest q = 1 - 2^-k (k = 1...40) with q^2 I - M^T M positive definite.
        var factor: BigFloat? = nil
        for k in 1...40 {
            let q = BigFloat(1, precision: bits) - BigFloat.scaled(BigFloat(1, precision: bits), byPowerOfTwo: -k)
            if ContractingBall.choleskySucceeds(negativeGram, shift: -BigFloat.product(q, q, rounding: .down)) { factor = q; break }
        }
        guard let factor else { return nil }
        let residual = norm.residual(&evaluator, at: norm.centre)
        // 1 - q is exact (q = 1 - 2^-k); the product that must exceed the residual is rounded down.
        guard residual <= BigFloat.product(BigFloat(1, precision: bits) - factor, radius, rounding: .down) else { return nil }
        return ContractingMapBall(norm: norm, radius: radius, factor: factor)
    }

    /// A box holding the fixed point, from a point `p` of the ball (nil when p is not certainly in it).
    func fixedPointBox(_ evaluator: inout ZeroProblem.Evaluator, near p: [BigFloat]) -> Box? {
        guard contains(p.map { BigInterval($0) }) else { return nil }
        let bits = evaluator.precision
        let distance = BigFloat.quotient(norm.residual(&evaluator, at: p), BigFloat(1, precision: bits) - factor, rounding: .up)
        return Box.around(p, radius: norm.inverse.map { BigFloat.product(distance, LyapunovNorm.euclidean($0), rounding: .up) })
    }

    func contains(_ x: [BigInterval]) -> Bool { norm.distance(x) < radius }
}

extension LyapunovNorm {
    /// |T (G(p) - p)|_2 (an upper bound), from the fixed-point equations G(x) - x at p.
    func residual(_ evaluator: inout ZeroProblem.Evaluator, at p: [BigFloat]) -> BigFloat {
        let (values, _) = evaluator.evaluate(p.map { BigInterval($0) })
        let zero = BigInterval(BigFloat(0, precision: evaluator.precision))
        return Self.euclidean(t.map { row in zip(row, values).reduce(zero) { $0 + BigInterval($1.0) * $1.1 } })
    }
}

/// The model's quantities at the fixed point x* of its map that a `ContractingMapBall` certifies (reached from
/// the iterate at step `steps`): at each precision the ball is certified again around that iterate, the centre
/// moved to x* by Newton's method, and x* enclosed from there.
struct MapFixedPointTrajectory: Trajectory {
    let setting: FixedPointSetting
    /// The iterate at the last step (its midpoints), where the ball is centred.
    let iterate: [BigInterval]
    /// Where each unknown of `setting` lies among the model's state entries (the map of a subset of the states,
    /// `FixedPointSetting(states:)`); the others are left 0, as no quantity taken here reads them.
    let stateSlots: [Int]
    var isCertified: Bool { true }

    enum Failure: Error { case notCertified(String) }

    /// The certified ball at `bits` and the enclosure of x*.
    func certificate(bits: Int) throws -> (ball: ContractingMapBall, box: Box) {
        var evaluator = try setting.evaluator(bits: bits)
        let centre = iterate.map { $0.midpoint.rounded(toPrecision: bits) }
        guard let norm = LyapunovNorm(&evaluator, centre: centre, map: true) else {
            throw Failure.notCertified("the linearisation at the last iterate has no discrete Lyapunov norm (its spectral radius is not below 1: the limit is not an isolated attracting fixed point, e.g. one of a curve of minima)")
        }
        // A ball a little wider than the iterate's enclosure and than the step |T (G(c) - c)| the map still takes
        // there (the fixed point lies about that over 1 - q away), widened until the residual fits.
        let smallest = [norm.distance(iterate), norm.residual(&evaluator, at: centre)].reduce(BigFloat.scaled(BigFloat(1, precision: bits), byPowerOfTwo: 19 - bits)) { BigFloat.max($0, $1) }
        var radius = smallest * BigFloat(2, precision: bits)
        for _ in 0..<40 {
            if let ball = ContractingMapBall.certify(&evaluator, norm: norm, radius: radius), ball.contains(iterate) {
                let refined = evaluator.newton(from: centre).point
                let box = ball.fixedPointBox(&evaluator, near: refined) ?? ball.fixedPointBox(&evaluator, near: centre)!
                return (ball, box)
            }
            radius = radius * BigFloat(4, precision: bits)
        }
        throw Failure.notCertified("no ball around the last iterate was shown to be mapped into itself with contraction")
    }

    func values(of exprs: [Expr], at times: [Expr], bits: Int) throws -> [[[BigInterval]]] {
        let box = try certificate(bits: bits).box
        let inputs = try ModelInputs(model: setting.model, context: IntervalContext(precision: bits))
        var evaluator = try inputs.evaluator(for: exprs)
        var state = [BigInterval](repeating: inputs.context.constant(0), count: setting.model.stateVariables.reduce(0) { $0 + $1.slotCount })
        for (slot, x) in zip(stateSlots, box) { state[slot] = x }
        let values = evaluator.evaluate(inputs.vector(t: inputs.context.constant(0), state: state, reading: evaluator.tape))
        return times.map { _ in values }
    }
}

/// Whether an iteration's limit is certified by contraction, and what that rests on.
enum ContractionCertificate {
    case certified(MapFixedPointTrajectory, detail: String)
    case notCertified(String)
}

extension ClaimCheck {
    /// Tries to certify that the iteration converges, from the iterate at step `steps`, by a
    /// `ContractingMapBall` around it; `quantities` (E and V) must not use the step number.
    func contraction(at steps: Int, along: Trajectory, quantities: [Expr]) throws -> ContractionCertificate {
        if quantities.contains(where: { $0.freeSymbols.contains(Derivation.time) }) {
            return .notCertified("the quantity uses the step number")
        }
        // The map of the states E and V read, closed under the updates' dependencies: a state outside it neither
        // moves them nor needs to be certified (it may draw noise, where they draw none).
        let read = try (along as? IteratedTrajectory)?.statesRead(by: quantities) ?? Set(model.derivation.states.map(\.name))
        let variables = zip(model.derivation.states, model.stateVariables)
        // The entries are counted before the symbolic Jacobian (n^2 derivatives) is formed.
        let entries = variables.filter { read.contains($0.0.name) }.reduce(0) { $0 + $1.1.slotCount }
        guard entries <= ContractingMapBall.largestDimension else {
            return .notCertified("the state has \(entries) entries; the contracting ball is sought for at most \(ContractingMapBall.largestDimension) (dense n x n interval matrices over the ball)")
        }
        let setting: FixedPointSetting
        do { setting = try FixedPointSetting(model: model, states: read) } catch let error as CheckError { return .notCertified(error.description) }
        var stateSlots: [Int] = [], slot = 0
        for (state, variable) in variables {
            if read.contains(state.name) { stateSlots += slot..<(slot + variable.slotCount) }
            slot += variable.slotCount
        }
        let iterate: [BigInterval]
        do {
            // Each state's components (a vector or matrix state's entries, row-major), as the unknowns are ordered.
            let states = model.derivation.states.filter { read.contains($0.name) }.map { Expr.symbol($0.name) }
            iterate = try measurable(states, at: [.number(steps)], along: along)[0].flatMap { $0 }
        } catch let error as CheckError {
            return .notCertified("the iterate at step \(steps): " + error.description)
        } catch let diverged as IteratedTrajectory.IterationDiverged {
            // A state E and V do not read may diverge: the iteration path, which reads only them, decides.
            return .notCertified("the iterate at step \(steps): " + diverged.description)
        }
        let limit = MapFixedPointTrajectory(setting: setting, iterate: iterate, stateSlots: stateSlots)
        do {
            let (ball, box) = try limit.certificate(bits: startBits)
            let width = box.map { $0.upper - $0.lower }.reduce(BigFloat(0, precision: startBits)) { BigFloat.max($0, $1) }
            return .certified(limit, detail: "certified by contraction: the iterate at step \(steps) lies in the ball |T (x - c)| < "
                + "\(ball.radius.formatted(significantDigits: 3)) around it (T from the discrete Lyapunov equation of the map's "
                + "linearisation at c), which the map sends into itself contracting by \(ball.factor.formatted(significantDigits: 4)) "
                + "(interval Jacobian over the ball); so the iteration converges to the ball's one fixed point, enclosed to "
                + "\(width.formatted(significantDigits: 3)), where E is compared with V")
        } catch MapFixedPointTrajectory.Failure.notCertified(let reason) {
            return .notCertified(reason)
        }
    }
}
