/// Matrix functions in interval arithmetic: enclosures of the function of every matrix in the box, or NaN
/// entries ("no information") where the enclosure cannot be justified, never a narrow wrong one.
extension IntervalContext {
    public func apply(_ f: MatrixFunction, _ a: [BigInterval], size n: Int, exponent: BigInterval?) -> [BigInterval] {
        precondition(a.count == n * n * f.matrixOperandCount && (exponent != nil) == f.takesExponent)
        let algebra = MatrixAlgebra(context: self, size: n)
        switch f {
        // Interval Gaussian elimination: a pivot that may vanish gives an unbounded or NaN result.
        case .det: return [algebra.determinant(a)]
        case .inv: return algebra.verifiedInverse(a)
        case .expm: return algebra.exponential(a) { x, order in algebra.taylorTailBound(x, order: order) }
        case .dexpm:
            let doubled = MatrixAlgebra(context: self, size: 2 * n)
            return algebra.exponentialDerivative(Array(a[..<(n * n)]), along: Array(a[(n * n)...])) { x, order in
                doubled.taylorTailBound(x, order: order)
            }
        case .sqrtm: return algebra.verifiedPower(a, numerator: 1, root: 2, offset: nil)
        case .powm:
            guard let (numerator, root) = Self.smallRational(near: exponent!.midpoint.doubleValue) else {
                return algebra.undefined()
            }
            return algebra.verifiedPower(a, numerator: numerator, root: root,
                                         offset: exponent! - constant(BigRational(numerator, root)))
        case .dpowm:
            guard let (numerator, root) = Self.smallRational(near: exponent!.midpoint.doubleValue) else {
                return algebra.undefined()
            }
            return algebra.verifiedPowerDerivative(Array(a[..<(n * n)]), Array(a[(n * n)...]), numerator: numerator, root: root,
                                                   exponent: exponent!, offset: exponent! - constant(BigRational(numerator, root)))
        }
    }
}

extension IntervalContext {
    /// The exponents `powm` encloses have denominators up to this (the cost grows with its square).
    public static let largestRootDegree = 12

    /// m / N with N <= `largestRootDegree` within 1e-12 of p, the smallest such N; nil if there is none.
    public static func smallRational(near p: Double) -> (numerator: Int, denominator: Int)? {
        guard p.isFinite, Swift.abs(p) < 1e6 else { return nil }
        for denominator in 1...largestRootDegree {
            let numerator = (p * Double(denominator)).rounded()
            if Swift.abs(p - numerator / Double(denominator)) <= 1e-12 * Swift.max(1, Swift.abs(p)) {
                return (Int(numerator), denominator)
            }
        }
        return nil
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

/// Enclosures of S^p for symmetric positive definite S (the symmetric part of the argument).
///
/// With the eigenvectors Q of S's midpoint (MPFR, Jacobi) and an enclosure Z of Q^-1, T = Z S Q is nearly
/// the diagonal M^N, M = diag(mu), mu_i = lambda_i^(1/N). The N-th root Y of T near M is verified with
/// Krawczyk's operator for F(Y) = Y^N - T, preconditioned by the inverse R of F'(M) (which divides entry
/// (i, j) by c_ij = sum_k mu_i^k mu_j^(N-1-k)). The exact slope Y^N - M^N = sum_k Y^k H M^(N-1-k)
/// (H = Y - M) makes every root in a box Y = M + H satisfy
///     Y = M - R F(M) - R sum_{k=1..N-1} sum_{i=0..k-1} Y^i H M^(k-1-i) H M^(N-1-k),
/// so if that enclosure lies inside the box, the box holds a root (Brouwer). Every matrix in the box has
/// its eigenvalues within n rho of some mu_i (Bauer-Fike, M normal; rho the box radius), so when
/// n rho < mu_min sin(pi/N) they lie in the sector |arg| < pi/N, where the principal root is the only
/// root (Higham, Functions of Matrices, Thm 7.2). Then S^(m/N) = Q Y^m Z. An exponent p = m/N + delta
/// (an enclosure of 1/3, say) adds ||S^(m/N)||_2 (exp(|delta| L) - 1) to every entry, L bounding
/// |log lambda| over the spectrum. Whatever fails to verify gives NaN entries.
extension MatrixAlgebra where Context == IntervalContext {
    func verifiedPower(_ a: [BigInterval], numerator m: Int, root degree: Int, offset delta: BigInterval?) -> [BigInterval] {
        guard let root = verifiedPrincipalRoot(a, degree: degree) else { return undefined() }
        var yPower = identity()
        let base = m < 0 ? verifiedInverse(root.y) : root.y
        for _ in 0..<Swift.abs(m) { yPower = product(yPower, base) }
        var result = product(product(root.q, yPower), root.z)
        if let delta, !(delta.lower.isZero && delta.upper.isZero) {
            let logBound = V.max(V.abs(V.log(root.smallest)), V.abs(V.log(root.largest))) * context.constant(degree)
            let growth = V.expMinusOne(BigInterval(V.abs(delta).upper) * BigInterval(logBound.upper))
            let frobenius = V.sqrt(result.reduce(context.constant(0)) { $0 + V.pow($1, 2) })
            let bound = (BigInterval(frobenius.upper) * BigInterval(growth.upper)).upper
            result = result.map { $0 + BigInterval(lower: -bound, upper: bound) }
        }
        return result
    }

    /// The principal N-th root of S (the symmetric part of every matrix in the box) as Q Y Z, verified as above,
    /// with positive bounds of the spectrum of S^(1/N); nil where that fails.
    private func verifiedPrincipalRoot(_ a: [BigInterval], degree: Int)
        -> (q: [BigInterval], y: [BigInterval], z: [BigInterval], smallest: BigInterval, largest: BigInterval)? {
        let s = symmetricPart(a)
        let point = MatrixAlgebra<MPFRContext>(context: MPFRContext(precision: context.precision), size: n)
        let (lambda, q) = point.symmetricEigen(midpoints(s))
        guard lambda.allSatisfy({ $0.isFinite && $0.doubleValue > 0 }) else { return nil }
        let inverseDegree = BigFloat(BigRational(1, degree), precision: context.precision)
        let mu = lambda.map { BigInterval(BigFloat.pow($0, inverseDegree)) }
        let qBox = q.map { BigInterval($0) }
        let z = verifiedInverse(qBox)
        guard z.allSatisfy(\.isFinite) else { return nil }
        let t = product(product(z, s), qBox)
        guard let (y, rho) = verifiedRoot(of: t, near: mu, degree: degree) else { return nil }
        // The spectrum of S^(1/N) lies in [mu_min - n rho, mu_max + n rho].
        let spread = BigInterval(rho) * context.constant(n)
        let smallest = mu.dropFirst().reduce(mu[0]) { V.min($0, $1) } - spread
        let largest = mu.dropFirst().reduce(mu[0]) { V.max($0, $1) } + spread
        let sector = BigFloat.sin(BigFloat.pi(precision: 53) / BigFloat(degree, precision: 53)).doubleValue
        guard smallest.lower.doubleValue > 0,
              spread.upper.doubleValue < 0.5 * sector * mu.map({ $0.lower.doubleValue }).min()! else { return nil }
        return (qBox, y, z, smallest, largest)
    }

    /// An enclosure of dpowm(A, m/N + delta, E) for every A and E in their boxes (see `powerDerivative`).
    ///
    /// With R = S^(1/N) enclosed as above, the derivative X of R along sym(E) solves
    /// sum_{i=0..N-1} R^i X R^(N-1-i) = sym(E), a linear system of n^2 unknowns whose matrix
    /// K[(p,q),(r,s)] = sum_i (R^i)_pr (R^(N-1-i))_sq is enclosed over R's box and inverted by `verifiedInverse`
    /// (for every R in the box K is invertible when that succeeds, so every solution lies in K^-1 sym(E)).
    /// Then the derivative of R^m is sum_{i<m} R^i X R^(m-1-i), of R^-m the same with R^-1 and its
    /// derivative -R^-1 X R^-1. An exponent p = m/N + delta changes Daleckii and Krein's divided differences
    /// G_ij by at most |delta| max |g'| with g(x) = x^q log x (mean value theorem in q, then in x), so the
    /// Frobenius norm of the result by at most |delta| max |x^(q-1) (q log x + 1)| ||sym(E)||_F, x over the
    /// spectrum of S and q between the two exponents.
    func verifiedPowerDerivative(_ a: [BigInterval], _ e: [BigInterval], numerator m: Int, root degree: Int,
                                 exponent: BigInterval, offset delta: BigInterval) -> [BigInterval] {
        guard let root = verifiedPrincipalRoot(a, degree: degree) else { return undefined() }
        let r = product(product(root.q, root.y), root.z)
        var powers = [identity()]
        for _ in 1..<Swift.max(degree, Swift.abs(m) + 1) { powers.append(product(powers[powers.count - 1], r)) }
        let size = n * n
        let kronecker = (0..<(size * size)).map { entry -> BigInterval in
            let (row, column) = (entry / size, entry % size)
            let (p, q, r, s) = (row / n, row % n, column / n, column % n)
            return (0..<degree).reduce(context.constant(0)) { $0 + powers[$1][p * n + r] * powers[degree - 1 - $1][s * n + q] }
        }
        let system = MatrixAlgebra(context: context, size: size)
        let solver = system.verifiedInverse(kronecker)
        let direction = symmetricPart(e)
        guard solver.allSatisfy(\.isFinite) else { return undefined() }
        let x = (0..<size).map { row in (0..<size).reduce(context.constant(0)) { $0 + solver[row * size + $1] * direction[$1] } }
        /// The derivative of B^k along dB, sum_{i<k} B^i dB B^(k-1-i).
        func derivativeOfPower(_ b: [[BigInterval]], _ dB: [BigInterval], _ k: Int) -> [BigInterval] {
            (0..<k).reduce(product(product(b[0], dB), b[k - 1])) { total, i in
                i == 0 ? total : zip(total, product(product(b[i], dB), b[k - 1 - i])).map { $0 + $1 }
            }
        }
        var result: [BigInterval]
        if m == 0 {
            result = [BigInterval](repeating: context.constant(0), count: size)
        } else if m > 0 {
            result = derivativeOfPower(powers, x, m)
        } else {
            let w = verifiedInverse(r)
            var inversePowers = [identity()]
            for _ in 1..<(-m) { inversePowers.append(product(inversePowers[inversePowers.count - 1], w)) }
            result = derivativeOfPower(inversePowers, product(product(w, x), w).map { -$0 }, -m)
        }
        if !(delta.lower.isZero && delta.upper.isZero) {
            let spectrum = V.pow(BigInterval(lower: root.smallest.lower, upper: root.largest.upper), degree)
            let rational = context.constant(BigRational(m, degree))
            let q = BigInterval(lower: BigFloat.min(exponent.lower, rational.lower), upper: BigFloat.max(exponent.upper, rational.upper))
            let slope = V.abs(V.pow(spectrum, q - context.constant(1)) * (q * V.log(spectrum) + context.constant(1)))
            let frobenius = V.sqrt(direction.reduce(context.constant(0)) { $0 + V.pow($1, 2) })
            let bound = (BigInterval(V.abs(delta).upper) * BigInterval(slope.upper) * BigInterval(frobenius.upper)).upper
            result = result.map { $0 + BigInterval(lower: -bound, upper: bound) }
        }
        return result
    }

    /// The root Y of Y^N = T in a verified box around diag(mu) (see above), with the box radius; for N = 1,
    /// T itself with its distance from diag(mu).
    private func verifiedRoot(of t: [BigInterval], near mu: [BigInterval], degree: Int) -> (root: [BigInterval], radius: BigFloat)? {
        let zero = context.constant(0)
        let diagonal = (0..<(n * n)).map { $0 / n == $0 % n ? mu[$0 / n] : zero }
        func maxDistance(_ x: [BigInterval]) -> BigFloat {
            zip(x, diagonal).map { V.abs($0 - $1).upper }.reduce(BigFloat(0, precision: context.precision)) { BigFloat.max($0, $1) }
        }
        if degree == 1 { return (t, maxDistance(t)) }
        let powers = mu.map { x in (0...degree).map { V.pow(x, $0) } }
        let c = (0..<(n * n)).map { e in
            (0..<degree).reduce(zero) { $0 + powers[e / n][$1] * powers[e % n][degree - 1 - $1] }
        }
        // The Newton step M - R F(M).
        let newton = (0..<(n * n)).map { e in
            diagonal[e] - ((e / n == e % n ? powers[e / n][degree] : zero) - t[e]) / c[e]
        }
        let floor = BigFloat.scaled(mu.map(\.upper).reduce(BigFloat(0, precision: context.precision)) { BigFloat.max($0, $1) },
                                    byPowerOfTwo: -context.precision)
        var rho = maxDistance(newton) * BigFloat(2, precision: 53) + floor
        for _ in 0..<3 {
            // The box y = M + [-rho, rho] (rounded outward) and H enclosing Y - M over it.
            let y = diagonal.map { $0 + BigInterval(lower: -rho, upper: rho) }
            let h = zip(y, diagonal).map { $0 - $1 }
            let k = zip(newton, zip(quadraticTerm(y, h, mu: powers, degree: degree), c)).map { $0 - $1.0 / $1.1 }
            if zip(k, y).allSatisfy({ $1.lower < $0.lower && $0.upper < $1.upper }) {
                return (k, h.map { $0.magnitudeUpper }.reduce(rho) { BigFloat.max($0, $1) })
            }
            rho = BigFloat.max(rho, maxDistance(k)) * BigFloat(8, precision: 53)
            guard rho.isFinite else { return nil }
        }
        return nil
    }

    /// sum_{k=1..N-1} sum_{i=0..k-1} Y^i H M^(k-1-i) H M^(N-1-k) with M = diag(mu) (`mu[i][j]` = mu_i^j).
    private func quadraticTerm(_ y: [BigInterval], _ h: [BigInterval], mu: [[BigInterval]], degree: Int) -> [BigInterval] {
        func timesDiagonal(_ x: [BigInterval], _ power: Int) -> [BigInterval] {
            power == 0 ? x : (0..<(n * n)).map { x[$0] * mu[$0 % n][power] }
        }
        var total = [BigInterval](repeating: context.constant(0), count: n * n)
        var yPower = identity()
        var yPowers = [yPower]
        for _ in 1..<max(degree - 1, 1) { yPower = product(yPower, y); yPowers.append(yPower) }
        for k in 1..<degree {
            for i in 0..<k {
                let left = product(yPowers[i], timesDiagonal(h, k - 1 - i))
                total = zip(total, timesDiagonal(product(left, h), degree - 1 - k)).map { $0 + $1 }
            }
        }
        return total
    }
}
