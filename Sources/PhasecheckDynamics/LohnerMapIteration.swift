import PhasecheckNumbers

/// Iterates a map x -> G(x) in interval arithmetic without the wrapping effect of plain boxes.
///
/// A plain box iteration encloses G(box) in a new box at every step, so its widths grow by the max-norm of
/// |J| (J the Jacobian, absolute values taken entrywise), whatever cancels in J itself: an error in a scalar
/// that every component uses (a dot product, a loss) reaches every component with its sign forgotten. Here
/// the iterate is kept as x_k in m_k + A_k r_k (Lohner's QR method, in the form for maps): m_k a point
/// (MPFR numbers), A_k a point matrix with near-orthonormal columns, r_k a box around 0. One step:
///
///   G(x) in G(m_k) + J(X_k) A_k r_k for x in the set (mean value theorem; J(X_k) the interval Jacobian
///   over the hull X_k of the set), so with m_{k+1} = mid G(m_k), z = G(m_k) - m_{k+1} and B = J(X_k) A_k:
///   x_{k+1} in m_{k+1} + Q (Q^-1 B r_k + Q^-1 z)
///
/// with Q the orthogonal factor of mid(B) (its columns ordered by their share of B r_k first, Lohner's
/// choice), A_{k+1} = Q and r_{k+1} an enclosure of Q^-1 (B r_k + z). Q^-1 is enclosed without an interval
/// inverse: with P = Q^T and E = P Q - I (interval arithmetic, ||E||_inf <= delta < 1/2),
/// Q^-1 y = (I + E)^-1 P y lies within delta/(1 - delta) ||P y||_inf of P y in every component.
/// The widths then grow like the products of the Jacobians themselves (their spectral radius, for a
/// symmetric Jacobian such as gradient descent's), not like |J|. The price is dense n x n interval matrix
/// products, about 3 n^3 operations a step, against n times the cost of the map for a plain box.
public struct LohnerMapIteration {
    /// G(x) - x and its Jacobian over boxes: the fixed-point equations of the map (`FixedPointProblem`).
    private var equations: ZeroProblem.Evaluator

    public var dimension: Int { equations.problem.dimension }
    public var precision: Int { equations.precision }

    public init(fixedPointEquations: ZeroProblem.Evaluator) {
        equations = fixedPointEquations
    }

    /// The set m + A r. Every r holds 0 (r_0 = X_0 - mid X_0, and z and so r_{k+1} hold 0), so m is in the
    /// set, and the segment from m to any point of the set lies in its hull, as the mean value theorem needs.
    struct CentredSet {
        var centre: [BigFloat]
        /// A, row-major, as degenerate intervals (so products with interval matrices enclose).
        var basis: [BigInterval]
        var coefficients: [BigInterval]

        /// Its hull: each component of m + A r in interval arithmetic.
        var hull: Box {
            let n = centre.count
            return (0..<n).map { i in
                (0..<n).reduce(BigInterval(centre[i])) { $0 + basis[i * n + $1] * coefficients[$1] }
            }
        }
    }

    /// Iterates from `initial` (step 0) to the largest requested step, keeping the hull of the set at the
    /// requested steps; stops like `MapIterator.iterate` (`escape` on a component of the hull, or a hull
    /// that stops being finite, including when the orthogonal factor cannot be enclosed at this precision).
    public mutating func iterate(initial: Box, keeping steps: Set<Int>,
                                 escape: (BigInterval) -> Bool = { _ in false }) -> MapIterator<IntervalContext>.Run {
        let n = dimension
        precondition(initial.count == n, "one interval per unknown")
        let algebra = MatrixAlgebra(context: IntervalContext(precision: precision), size: n)
        let centre = initial.map { $0.midpoint.rounded(toPrecision: precision) }
        var set = CentredSet(centre: centre, basis: algebra.identity(),
                             coefficients: zip(initial, centre).map { $0 - BigInterval($1) })
        var run = MapIterator<IntervalContext>.Run(states: [:], stop: nil)
        if steps.contains(0) { run.states[0] = initial }
        let last = steps.max() ?? 0
        guard last > 0 else { return run }
        for k in 1...last {
            guard let next = step(set, algebra: algebra) else { run.stop = .notFinite(step: k); return run }
            set = next
            let x = set.hull
            if steps.contains(k) { run.states[k] = x }
            if x.contains(where: { !$0.isFinite }) { run.stop = .notFinite(step: k); return run }
            if x.contains(where: escape) { run.stop = .escaped(step: k); return run }
        }
        return run
    }

    /// One step of the map on the set; nil when an enclosure is not finite or Q is too far from orthogonal.
    private mutating func step(_ set: CentredSet, algebra: MatrixAlgebra<IntervalContext>) -> CentredSet? {
        let n = dimension, context = algebra.context
        let one = context.constant(1)
        let image = zip(equations.evaluate(set.centre.map { BigInterval($0) }).values, set.centre).map { $0 + BigInterval($1) }
        let jacobian = equations.evaluate(set.hull).jacobian.enumerated().flatMap { i, row in
            row.enumerated().map { k, entry in i == k ? entry + one : entry }
        }
        guard image.allSatisfy(\.isFinite), jacobian.allSatisfy(\.isFinite) else { return nil }
        let centre = image.map { $0.midpoint.rounded(toPrecision: precision) }
        let rounding = zip(image, centre).map { $0 - BigInterval($1) }
        let b = algebra.product(jacobian, set.basis)
        guard let q = Self.orthogonalFactor(of: b.map(\.midpoint), order: Self.columnOrder(b, set.coefficients), size: n) else { return nil }
        let basis = q.map { BigInterval($0) }
        let transposed = algebra.transpose(basis)
        let error = algebra.product(transposed, basis)
        // ||E||_inf, each row's sum in interval arithmetic so that its upper end is an upper bound.
        let delta = (0..<n).map { i in
            (0..<n).reduce(context.constant(0)) { $0 + BigInterval((error[i * n + $1] - (i == $1 ? one : context.constant(0))).magnitudeUpper) }.upper
        }.reduce(BigFloat(0, precision: precision)) { BigFloat.max($0, $1) }
        guard delta < BigFloat(1, precision: precision) / BigFloat(2, precision: precision) else { return nil }
        let c = algebra.product(transposed, b)
        let y = (0..<n).map { i in
            (0..<n).reduce(context.constant(0)) { $0 + c[i * n + $1] * set.coefficients[$1] + transposed[i * n + $1] * rounding[$1] }
        }
        // (I + E)^-1 P y: within delta/(1 - delta) ||P y||_inf of P y.
        let largest = y.reduce(BigFloat(0, precision: precision)) { BigFloat.max($0, $1.magnitudeUpper) }
        let slack = (BigInterval(delta) / (one - BigInterval(delta)) * BigInterval(largest)).upper
        let coefficients = y.map { $0 + BigInterval(lower: -slack, upper: slack) }
        return CentredSet(centre: centre, basis: basis, coefficients: coefficients)
    }

    /// Columns of B by decreasing |mid B_j|_2 * rad(r_j), the part of B r each one carries (Lohner's order:
    /// the first columns of Q then follow the directions the set is longest in).
    private static func columnOrder(_ b: [BigInterval], _ r: [BigInterval]) -> [Int] {
        let n = r.count
        let weights = (0..<n).map { j in
            (0..<n).reduce(0.0) { $0 + b[$1 * n + j].midpoint.doubleValue * b[$1 * n + j].midpoint.doubleValue }.squareRoot()
                * r[j].magnitudeUpper.doubleValue
        }
        return (0..<n).sorted { weights[$0] > weights[$1] }
    }

    /// Q of a Householder QR factorisation of the matrix with its columns taken in `order` (row-major, n x n):
    /// orthogonal up to rounding even when the matrix is singular. nil if an entry is not finite.
    static func orthogonalFactor(of m: [BigFloat], order: [Int], size n: Int) -> [BigFloat]? {
        guard m.allSatisfy(\.isFinite) else { return nil }
        let precision = m.first?.precision ?? 64
        let zero = BigFloat(0, precision: precision)
        var r = (0..<n).flatMap { i in order.map { m[i * n + $0] } }
        var q = (0..<(n * n)).map { BigFloat($0 / n == $0 % n ? 1 : 0, precision: precision) }
        for k in 0..<max(n - 1, 0) {
            var v = (k..<n).map { r[$0 * n + k] }
            let norm = BigFloat.sqrt(v.reduce(zero) { $0 + $1 * $1 })
            guard norm.isFinite, !norm.isZero else { continue }
            v[0] = v[0] + (v[0].sign < 0 ? -norm : norm)
            let length2 = v.reduce(zero) { $0 + $1 * $1 }
            guard !length2.isZero else { continue }
            let scale = BigFloat(2, precision: precision) / length2
            // R <- (I - scale v v^T) R on rows k..., Q <- Q (I - scale v v^T) on columns k...
            for j in 0..<n {
                let s = scale * (k..<n).reduce(zero) { $0 + v[$1 - k] * r[$1 * n + j] }
                for i in k..<n { r[i * n + j] = r[i * n + j] - s * v[i - k] }
            }
            for i in 0..<n {
                let s = scale * (k..<n).reduce(zero) { $0 + q[i * n + $1] * v[$1 - k] }
                for j in k..<n { q[i * n + j] = q[i * n + j] - s * v[j - k] }
            }
        }
        return q
    }
}
