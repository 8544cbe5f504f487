import Foundation

extension MatrixAlgebra {
    /// A matrix of NaN (the NaN interval in interval arithmetic): "no value".
    public func undefined() -> [V] {
        let zero = context.constant(0)
        return [V](repeating: zero / zero, count: n * n)
    }

    // MARK: Exponential

    /// exp(A) by scaling and squaring: X = A / 2^s with ||X|| <= 1/2, its Taylor polynomial of order m,
    /// squared s times. m is the least order whose tail bound ||X||^(m+1) / (m+1)! / (1 - ||X|| / (m+2))
    /// lies below 2^-(precision + 8). `tail`, given X and m, returns a value added to every entry of the
    /// polynomial before squaring (interval arithmetic adds the rigorous bound of the truncated tail).
    public func exponential(_ a: [V], tail: ((_ scaled: [V], _ order: Int) -> V)? = nil) -> [V] {
        let norm = normEstimate(a)
        guard norm.isFinite else { return undefined() }
        var squarings = 0
        while norm / Double(sign: .plus, exponent: squarings, significand: 1) > 0.5 { squarings += 1 }
        let scale = V.pow(context.constant(BigRational(1, 2)), squarings)   // exact: a power of two
        let x = a.map { $0 * scale }
        let order = Self.taylorOrder(norm: norm / Double(sign: .plus, exponent: squarings, significand: 1),
                                     bits: context.precision + 8)
        var sum = taylorPolynomial(x, order: order)
        if let tail {
            let bound = tail(x, order)
            sum = sum.map { $0 + bound }
        }
        for _ in 0..<squarings { sum = product(sum, sum) }
        return sum
    }

    /// d/ds exp(A + s E) at s = 0 (the Fréchet derivative L(A, E)): the upper right block of exp([[A, E], [0, A]])
    /// (f of a block upper triangular [[X, E], [0, X]] has L_f(X, E) in its corner: Higham, Functions of Matrices,
    /// 2008, Theorem 3.6), for any A and E, by `exponential` of the 2n x 2n matrix (with its `tail`, of a 2n x 2n X).
    public func exponentialDerivative(_ a: [V], along e: [V], tail: ((_ scaled: [V], _ order: Int) -> V)? = nil) -> [V] {
        let zero = context.constant(0), m = 2 * n
        let block = (0..<(m * m)).map { entry -> V in
            let (i, j) = (entry / m, entry % m)
            if i >= n { return j >= n ? a[(i - n) * n + j - n] : zero }
            return j < n ? a[i * n + j] : e[i * n + j - n]
        }
        let exponential = MatrixAlgebra(context: context, size: m).exponential(block, tail: tail)
        return (0..<(n * n)).map { exponential[(($0 / n) * m) + n + $0 % n] }
    }

    /// sum_{k=0..m} X^k / k! by Paterson and Stockmeyer's rule: the powers X^2 ... X^q (q about sqrt(m + 1)),
    /// then Horner's rule in X^q over blocks of q terms, each block a combination of I, X, ..., X^(q-1) with
    /// scalar coefficients. About 2 sqrt(m) matrix products where summing the terms one by one takes m (at
    /// 200 bits and a norm of 1/2, m = 41: 11 products instead of 41). In interval arithmetic any order of
    /// evaluation encloses the polynomial's value.
    func taylorPolynomial(_ x: [V], order m: Int) -> [V] {
        guard m >= 1 else { return identity() }
        let q = Swift.max(1, Int(Double(m + 1).squareRoot().rounded()))
        var powers = [identity(), x]                                    // X^0 ... X^q
        while powers.count <= q { powers.append(product(powers[powers.count - 1], x)) }
        var factorial = BigRational(1)
        let coefficients = (0...m).map { k -> V in                      // 1/k!
            if k > 0 { factorial = factorial * BigRational(k) }
            return context.constant(BigRational(1) / factorial)
        }
        /// The block sum_{i < q, jq + i <= m} X^i / (jq + i)!.
        func block(_ j: Int) -> [V] {
            var total = identity().map { $0 * coefficients[j * q] }
            for i in 1..<q where j * q + i <= m {
                let c = coefficients[j * q + i]
                total = zip(total, powers[i]).map { $0 + $1 * c }
            }
            return total
        }
        var result = block(m / q)
        for j in stride(from: m / q - 1, through: 0, by: -1) {
            result = zip(product(result, powers[q]), block(j)).map { $0 + $1 }
        }
        return result
    }

    /// The least m with rho^(m+1) / (m+1)! / (1 - rho/(m+2)) <= 2^-bits, for rho <= 1/2 (in log2, rounded
    /// generously: it picks how many terms to sum, the bound itself is computed rigorously where needed).
    static func taylorOrder(norm rho: Double, bits: Int) -> Int {
        guard rho > 0 else { return 0 }
        var m = 0, log2Term = Foundation.log2(rho)   // log2(rho^(m+1) / (m+1)!)
        while log2Term - Foundation.log2(1 - rho / Double(m + 2)) > -Double(bits) {
            m += 1
            log2Term += Foundation.log2(rho) - Foundation.log2(Double(m + 1))
        }
        return m
    }

    // MARK: Symmetric positive definite functions

    /// Eigenvalues and orthonormal eigenvectors (the columns of `vectors`, row-major) of the symmetric
    /// matrix `a`, by cyclic Jacobi rotations until the off-diagonal part is below the working precision.
    /// Point arithmetic (in interval arithmetic every rotation would widen the enclosures).
    public func symmetricEigen(_ a: [V]) -> (values: [V], vectors: [V]) {
        var m = a, q = identity()
        let one = context.constant(1), two = context.constant(2)
        let tolerance = Double(sign: .plus, exponent: -2 * (context.precision + 4), significand: 1)
        for _ in 0..<64 {
            var off = context.constant(0), total = context.constant(0)
            for i in 0..<n {
                for j in 0..<n {
                    let square = m[i * n + j] * m[i * n + j]
                    total = total + square
                    if i != j { off = off + square }
                }
            }
            let ratio = (off / total).doubleValue
            if !(ratio > tolerance) || !total.isFinite { break }
            for p in 0..<n {
                for r in (p + 1)..<n where m[p * n + r].doubleValue != 0 {
                    // Rotation P (P_pp = P_rr = c, P_pr = s, P_rp = -s) zeroing m_pr in P^T M P.
                    let theta = (m[r * n + r] - m[p * n + p]) / (two * m[p * n + r])
                    let root = V.sqrt(theta * theta + one)
                    let t = theta.doubleValue < 0 ? -(one / (root - theta)) : one / (V.abs(theta) + root)
                    let c = one / V.sqrt(t * t + one), s = t * c
                    for k in 0..<n {
                        let kp = m[k * n + p], kr = m[k * n + r]
                        m[k * n + p] = c * kp - s * kr
                        m[k * n + r] = s * kp + c * kr
                    }
                    for k in 0..<n {
                        let pk = m[p * n + k], rk = m[r * n + k]
                        m[p * n + k] = c * pk - s * rk
                        m[r * n + k] = s * pk + c * rk
                        let qp = q[k * n + p], qr = q[k * n + r]
                        q[k * n + p] = c * qp - s * qr
                        q[k * n + r] = s * qp + c * qr
                    }
                    m[p * n + r] = context.constant(0)
                    m[r * n + p] = context.constant(0)
                }
            }
        }
        return ((0..<n).map { m[$0 * n + $0] }, q)
    }

    /// Q diag(f(lambda)) Q^T for the symmetric part of `a` = Q diag(lambda) Q^T.
    func spectralFunction(_ a: [V], _ f: (V) -> V) -> [V] {
        let (values, q) = symmetricEigen(symmetricPart(a))
        let scaled = (0..<(n * n)).map { q[$0] * f(values[$0 % n]) }   // Q diag(f)
        return product(scaled, transpose(q))
    }

    /// The principal square root of the symmetric part of `a` (NaN unless it is positive semidefinite).
    public func squareRoot(_ a: [V]) -> [V] { spectralFunction(a) { V.sqrt($0) } }

    /// The symmetric part of `a` to the real power p (NaN unless it is positive definite, or semidefinite
    /// with p > 0).
    public func power(_ a: [V], _ p: V) -> [V] { spectralFunction(a) { V.pow($0, p) } }

    /// The derivative of `power` at `a` along `e`, d/ds (S + s sym(E))^p at s = 0 with S = sym(A) =
    /// Q diag(lambda) Q^T, by Daleckii and Krein's formula Q (G o Q^T sym(E) Q) Q^T (o: entrywise), where G_ij
    /// is the divided difference (lambda_i^p - lambda_j^p) / (lambda_i - lambda_j), p lambda_i^(p-1) on the
    /// diagonal. It is written lambda_j^(p-1) expm1(p u) / expm1(u) with u = log1p((lambda_i - lambda_j) / lambda_j),
    /// which does not cancel when the eigenvalues are close. NaN unless S is positive definite.
    public func powerDerivative(_ a: [V], _ p: V, along e: [V]) -> [V] {
        let (lambda, q) = symmetricEigen(symmetricPart(a))
        let one = context.constant(1)
        let rotated = product(product(transpose(q), symmetricPart(e)), q)
        let weighted = (0..<(n * n)).map { entry -> V in
            let (li, lj) = (lambda[entry / n], lambda[entry % n])
            let u = V.log(onePlus: (li - lj) / lj)
            let quotient = u.doubleValue == 0 ? p : V.expMinusOne(p * u) / V.expMinusOne(u)
            return rotated[entry] * V.pow(lj, p - one) * quotient
        }
        return product(product(q, weighted), transpose(q))
    }
}

extension ScalarContext {
    /// `f` of the n x n matrix `a` (row-major; for dpowm A's entries, then E's), with the exponent of powm
    /// and dpowm: one value for det, n * n (row-major) for the others. Point contexts use `MatrixAlgebra`'s algorithms at working precision.
    public func apply(_ f: MatrixFunction, _ a: [Value], size n: Int, exponent: Value?) -> [Value] {
        precondition(a.count == n * n * f.matrixOperandCount && (exponent != nil) == f.takesExponent)
        let algebra = MatrixAlgebra(context: self, size: n)
        switch f {
        case .det: return [algebra.determinant(a)]
        case .inv: return algebra.inverse(a)
        case .expm: return algebra.exponential(a)
        case .sqrtm: return algebra.squareRoot(a)
        case .powm: return algebra.power(a, exponent!)
        case .dpowm: return algebra.powerDerivative(Array(a[..<(n * n)]), exponent!, along: Array(a[(n * n)...]))
        case .dexpm: return algebra.exponentialDerivative(Array(a[..<(n * n)]), along: Array(a[(n * n)...]))
        }
    }
}
