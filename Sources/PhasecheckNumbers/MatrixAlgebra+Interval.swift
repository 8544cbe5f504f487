/// Matrix functions in interval arithmetic: enclosures of the function of every matrix in the box, or NaN
/// entries ("no information") where the enclosure cannot be justified, never a narrow wrong one.
extension IntervalContext {
    public func apply(_ f: MatrixFunction, _ a: [BigInterval], size n: Int, exponent: BigInterval?) -> [BigInterval] {
        precondition(a.count == n * n && (exponent != nil) == f.takesExponent)
        let algebra = MatrixAlgebra(context: self, size: n)
        switch f {
        // Interval Gaussian elimination: a pivot that may vanish gives an unbounded or NaN result.
        case .det: return [algebra.determinant(a)]
        case .inv: return algebra.verifiedInverse(a)
        case .expm: return algebra.exponential(a) { x, order in algebra.taylorTailBound(x, order: order) }
        // Not yet enclosed: the claims that use them stay undecided (see docs/derivation-format.md).
        case .sqrtm, .powm: return algebra.undefined()
        }
    }
}

extension MatrixAlgebra where Context == IntervalContext {
    /// The midpoints, as MPFR numbers at the working precision.
    func midpoints(_ a: [BigInterval]) -> [BigFloat] { a.map(\.midpoint) }

    /// A rigorous upper bound of the infinity norm max_i sum_j |a_ij| over the box.
    func normUpperBound(_ a: [BigInterval]) -> BigInterval {
        let rows = (0..<n).map { i in (0..<n).reduce(context.constant(0)) { $0 + V.abs(a[i * n + $1]) } }
        return rows.dropFirst().reduce(rows[0]) { V.max($0, $1) }
    }

    /// [-e, e] with e = rho^(m+1) / (m+1)! / (1 - rho/(m+2)), rho an upper bound of ||X||_inf: every entry
    /// of the Taylor tail sum_{k>m} X^k / k! lies in it (|entry| <= ||tail||_inf <= sum_{k>m} rho^k / k!).
    func taylorTailBound(_ x: [BigInterval], order m: Int) -> BigInterval {
        let rho = BigInterval(normUpperBound(x).upper)
        let ratio = rho / context.constant(m + 2)
        guard ratio.upper < BigFloat(1, precision: context.precision) else { return .entire(precision: context.precision) }
        var factorial = context.constant(1)
        for k in stride(from: 2, through: m + 1, by: 1) { factorial = factorial * context.constant(k) }
        let bound = (V.pow(rho, m + 1) / factorial / (context.constant(1) - ratio)).upper
        return BigInterval(lower: -bound, upper: bound)
    }

    /// An enclosure of A^-1 for every A in the box, verified as in Krawczyk's method: with R the inverse
    /// of the midpoint (MPFR) and C = I - R A, if ||C|| <= g < 1 then
    /// A^-1 = (I - C)^-1 R = R + C R + C^2 (I - C)^-1 R, whose last term has entries of size at most
    /// g^2 ||R|| / (1 - g). Otherwise (A may be singular, or the box is too wide) NaN entries.
    func verifiedInverse(_ a: [BigInterval]) -> [BigInterval] {
        let pointAlgebra = MatrixAlgebra<MPFRContext>(context: MPFRContext(precision: context.precision), size: n)
        let r = pointAlgebra.inverse(midpoints(a)).map { BigInterval($0) }
        guard r.allSatisfy(\.isFinite) else { return undefined() }
        let c = zip(identity(), product(r, a)).map { $0 - $1 }
        let g = normUpperBound(c)
        let one = context.constant(1)
        guard g.upper < one.lower else { return undefined() }
        let bound = (V.pow(g, 2) * normUpperBound(r) / (one - g)).upper
        let remainder = BigInterval(lower: -bound, upper: bound)
        return zip(r, product(c, r)).map { $0 + $1 + remainder }
    }
}
