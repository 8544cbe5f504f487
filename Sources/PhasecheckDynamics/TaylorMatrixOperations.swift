import CMPFR
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PhasecheckExpressions
import PhasecheckNumbers

/// The inverse B = A^-1 of an n x n matrix A(t), and optionally d = det A, on Taylor coefficients.
///
/// A B = I gives B_0 = A_0^-1 and, for k >= 1, sum_{j=0..k} A_j B_{k-j} = 0, so
/// B_k = -B_0 sum_{j=1..k} A_j B_{k-j}. Jacobi's formula d' = d tr(B A') gives, with u = tr(B A'),
/// u_m = sum_{i=0..m} (m + 1 - i) tr(B_i A_{m+1-i}) and k d_k = sum_{m=0..k-1} u_m d_{k-1-m}.
struct MatrixBlock: Sendable {
    let size: Int
    /// Coefficient-buffer offsets of A's entries and of B's entries, row-major.
    let matrix: [Int]
    let inverse: [Int]
    /// For det: the buffers of d and of u = tr(B A').
    let determinant: (value: Int, trace: Int)?
}

extension TaylorCoefficientEngine {
    /// Writes order k of the block's outputs; orders below k (and A's order k) are already known.
    static func matrixCoefficients(_ block: MatrixBlock, order k: Int, _ s: Buffer, _ sc: Scratch, _ ints: Int,
                                   _ context: Context) {
        let n = block.size
        func a(_ j: Int) -> [V] { block.matrix.map { s[$0 + j] } }
        func b(_ j: Int) -> [V] { block.inverse.map { s[$0 + j] } }
        func write(_ values: [V], to offsets: [Int], _ j: Int) {
            for (value, offset) in zip(values, offsets) { V.add(value, s[sc.zero], into: &s[offset + j]) }
        }
        let algebra = MatrixAlgebra(context: context, size: n)
        if k == 0 {
            write(algebra.inverse(a(0)), to: block.inverse, 0)
            if let (d, _) = block.determinant { write([algebra.determinant(a(0))], to: [d], 0) }
            return
        }
        if let (d, u) = block.determinant {
            // u_{k-1}, then d_k (before B_k: it needs B up to order k - 1 only).
            var trace = s[sc.zero] + s[sc.zero]
            for i in 0..<k {
                let bi = b(i), aj = a(k - i)
                var t = s[sc.zero] + s[sc.zero]
                for p in 0..<n { for q in 0..<n { t = t + bi[p * n + q] * aj[q * n + p] } }
                trace = trace + t * s[ints + k - i]
            }
            write([trace], to: [u], k - 1)
            var sum = s[sc.zero] + s[sc.zero]
            for m in 0..<k { sum = sum + s[u + m] * s[d + k - 1 - m] }
            write([sum / s[ints + k]], to: [d], k)
        }
        let total = seriesProduct(block.matrix, block.inverse, order: k, from: 1, s, algebra)
        write(algebra.product(b(0), total).map { -$0 }, to: block.inverse, k)
    }
}

/// A sum of products of series, sum_m a_m(t) b_m(t), computed as one operation: every entry of a matrix
/// product of series matrices is one (the tape unrolls `A @ B` to a chain of additions of n products).
/// Order k is sum_m sum_{j=0..k} a_{m,j} b_{m,k-j}; term by term each product would be a register of its own,
/// rounded, then added with another rounding. In MPFR the whole sum is one exact fixed-point accumulation
/// rounded once (`pc_series_dot` in CMPFR/seriesdot.h), about half the cost of the multiplications and
/// additions it replaces and more accurate.
struct SeriesDot: Sendable {
    /// Coefficient-buffer offsets of the factors a_m and b_m.
    let a: [Int]
    let b: [Int]

    /// The sums of products of a tape: `heads` maps each register that is such a sum (of at least two
    /// products of two time-varying registers) to its factors' registers, and `absorbed` marks the registers
    /// it makes unnecessary (its partial sums and products, read by nothing else), which are not computed.
    static func fusion(_ instructions: [Tape.Instruction], isConstant: [Bool], outputs: [[Int]])
        -> (heads: [Int: [(Int, Int)]], absorbed: [Bool]) {
        var uses = [Int](repeating: 0, count: instructions.count)
        for instruction in instructions { for r in instruction.operands { uses[r] += 1 } }
        for output in outputs { for r in output { uses[r] += 1 } }
        // Whether register i is a sum of products whose parts are read by it alone.
        var sumOfProducts = [Bool](repeating: false, count: instructions.count)
        var absorbed = sumOfProducts
        for (i, instruction) in instructions.enumerated() where !isConstant[i] {
            switch instruction {
            case .multiply(let x, let y): sumOfProducts[i] = !isConstant[x] && !isConstant[y]
            case .add(let x, let y):
                guard x != y, uses[x] == 1, uses[y] == 1, sumOfProducts[x], sumOfProducts[y] else { continue }
                sumOfProducts[i] = true
                absorbed[x] = true
                absorbed[y] = true
            default: continue
            }
        }
        var heads: [Int: [(Int, Int)]] = [:]
        for (i, instruction) in instructions.enumerated() where sumOfProducts[i] && !absorbed[i] {
            guard case .add = instruction else { continue }
            var factors: [(Int, Int)] = []
            var pending = [i]
            while let r = pending.popLast() {
                switch instructions[r] {
                case .multiply(let x, let y): factors.append((x, y))
                case .add(let x, let y): pending += [y, x]
                default: preconditionFailure("a sum of products holds only additions and products")
                }
            }
            heads[i] = factors
        }
        return (heads, absorbed)
    }
}

extension TaylorCoefficientEngine {
    /// Writes order k of a `SeriesDot` into slot v + k.
    static func dotCoefficient(_ dot: SeriesDot, into v: Int, order k: Int, _ s: Buffer, _ sc: Scratch) {
        if let slots = sc.slots, let relaxed = sc.relaxed, relaxed.fusesDots, relaxed.applies(atOrder: k) {
            dot.a.withUnsafeBufferPointer { a in
                dot.b.withUnsafeBufferPointer { b in relaxed.dot(slots, a, b, k, into: v + k, temporary: sc.t(k)) }
            }
            return
        }
        if let slots = sc.slots, sc.relaxed.map({ !$0.applies(atOrder: k) }) ?? true {
            let p = slots.pointers
            let fused = dot.a.withUnsafeBufferPointer { a in
                dot.b.withUnsafeBufferPointer { b in
                    UnsafeRawPointer(p).withMemoryRebound(to: mpfr_ptr?.self, capacity: 1) { table in
                        pc_series_dot(p[v + k], table, a.baseAddress, b.baseAddress, a.count, k)
                    }
                }
            }
            if fused == 0 { return }
        }
        // Term by term (Double, intervals, relaxed products one site per product, or values MPFR's kernel refused).
        cauchy(s, dot.a[0], dot.b[0], 0, k, k, into: v + k, sc)
        for (a, b) in zip(dot.a, dot.b).dropFirst() {
            cauchy(s, a, b, 0, k, k, into: sc.r(k), sc)
            V.add(s[v + k], s[sc.r(k)], into: &s[sc.u(k)])
            swapSlots(s, sc, v + k, sc.u(k))
        }
    }
}

/// P = S^(m/N) for the symmetric part S = (A + A^T)/2 of an n x n matrix A(t) (`sqrtm`: m/N = 1/2), on Taylor
/// coefficients, for S positive definite.
///
/// The root R = S^(1/N) satisfies R^N = S. At order k the unknown R_k enters (R^N)_k only through
/// sum_{i<N} R_0^i R_k R_0^(N-1-i); the rest of (R^N)_k is (R^N)_k computed with R_k = 0 from lower orders. So
///     sum_{i<N} R_0^i R_k R_0^(N-1-i) = S_k - (R^N)_k|_{R_k = 0},
/// for N = 2 the Sylvester equation R_0 R_k + R_k R_0 = S_k - sum_{j=1..k-1} R_j R_{k-j}. In the eigenbasis of
/// R_0 = Q diag(mu) Q^T (mu = lambda^(1/N), lambda the eigenvalues of S_0) the left side multiplies entry
/// (i, j) of Q^T R_k Q by c_ij = sum_l mu_i^l mu_j^(N-1-l) > 0, so R_k = Q ((Q^T rhs Q) / c) Q^T. The powers
/// R^j are Cauchy products, and P = R^m (for m < 0, W^|m| with W = R^-1 by inv's recurrence
/// W_k = -W_0 sum_{j>=1} R_j W_{k-j}).
struct MatrixPowerBlock: Sendable {
    let size: Int
    /// Coefficient-buffer offsets of A's entries, row-major.
    let matrix: [Int]
    let numerator: Int
    let degree: Int
    /// The buffers of R, R^2, ..., R^J (J = max(N, m)); R = S when N = 1.
    let rootPowers: [[Int]]
    /// For m < 0: the buffers of W = R^-1, W^2, ..., W^|m|.
    let inversePowers: [[Int]]
    /// The buffers of P (the tape's registers).
    let output: [Int]
    /// Scalar slots (full precision): the eigenvectors Q of R_0 and the reciprocals 1/c_ij, row-major.
    let basis: [Int]
    let divisors: [Int]
}

extension TaylorCoefficientEngine {
    /// Writes order k of the block's series; orders below k (and A's order k) are already known.
    static func matrixPowerCoefficients(_ block: MatrixPowerBlock, order k: Int, _ s: Buffer, _ sc: Scratch, _ context: Context) {
        let n = block.size, degree = block.degree, m = block.numerator
        let algebra = MatrixAlgebra(context: context, size: n)
        func read(_ offsets: [Int], _ j: Int) -> [V] { offsets.map { s[$0 + j] } }
        func write(_ values: [V], to offsets: [Int], _ j: Int) {
            for (value, offset) in zip(values, offsets) { V.add(value, s[sc.zero], into: &s[offset + j]) }
        }
        /// Order k of B^2, B^3, ... (the chain's buffers after B's), B's order k known:
        /// (B^j)_k = sum_{l=0..k} B_l (B^(j-1))_(k-l).
        func powers(_ chain: [[Int]]) {
            for j in chain.indices.dropFirst() { write(seriesProduct(chain[0], chain[j - 1], order: k, s, algebra), to: chain[j], k) }
        }
        let root = block.rootPowers
        let symmetric = algebra.symmetricPart(read(block.matrix, k))
        if degree == 1 {
            write(symmetric, to: root[0], k)
        } else if k == 0 {
            let (lambda, q) = algebra.symmetricEigen(symmetric)
            let mu = lambda.map { V.pow($0, context.constant(BigRational(1, degree))) }
            let one = context.constant(1), zero = context.constant(0)
            let divisors = (0..<(n * n)).map { entry in
                one / (0..<degree).reduce(zero) { $0 + V.pow(mu[entry / n], $1) * V.pow(mu[entry % n], degree - 1 - $1) }
            }
            write(q, to: block.basis, 0)
            write(divisors, to: block.divisors, 0)
            let scaled = (0..<(n * n)).map { q[$0] * mu[$0 % n] }   // Q diag(mu)
            write(algebra.product(scaled, algebra.transpose(q)), to: root[0], 0)
        } else {
            // (R^j)_k = R_0 (R^(j-1))_k + rest_j + R_k (R^(j-1))_0, rest_j = sum_{l=1..k-1} R_l (R^(j-1))_(k-l).
            func sum(_ x: [V], _ y: [V]) -> [V] { zip(x, y).map { $0 + $1 } }
            let r0 = read(root[0], 0)
            let rest = root.indices.map { j -> [V] in
                guard j > 0, k > 1 else { return [V](repeating: context.constant(0), count: n * n) }
                return seriesProduct(root[0], root[j - 1], order: k, from: 1, through: k - 1, s, algebra)
            }
            var withoutRk = [V](repeating: context.constant(0), count: n * n)   // (R^j)_k with R_k = 0
            for j in 1..<degree { withoutRk = sum(rest[j], algebra.product(r0, withoutRk)) }
            let q = read(block.basis, 0), divisors = read(block.divisors, 0)
            let rhs = zip(symmetric, withoutRk).map { $0 - $1 }
            let rotated = algebra.product(algebra.product(algebra.transpose(q), rhs), q)
            let solved = zip(rotated, divisors).map { $0 * $1 }
            let rk = algebra.product(algebra.product(q, solved), algebra.transpose(q))
            write(rk, to: root[0], k)
            var power = rk
            for j in root.indices.dropFirst() {
                power = sum(sum(rest[j], algebra.product(r0, power)), algebra.product(rk, read(root[j - 1], 0)))
                write(power, to: root[j], k)
            }
        }
        if degree == 1 || k == 0 { powers(root) }
        let result: [V]
        if m == 0 {
            result = k == 0 ? algebra.identity() : [V](repeating: context.constant(0), count: n * n)
        } else if m > 0 {
            result = read(root[m - 1], k)
        } else {
            let inverse = block.inversePowers
            if k == 0 {
                write(algebra.inverse(read(root[0], 0)), to: inverse[0], 0)
            } else {
                let total = seriesProduct(root[0], inverse[0], order: k, from: 1, s, algebra)
                write(algebra.product(read(inverse[0], 0), total).map { -$0 }, to: inverse[0], k)
            }
            powers(inverse)
            result = read(inverse[-m - 1], k)
        }
        write(result, to: block.output, k)
    }
}

/// E = expm(A) of an n x n matrix A(t), on Taylor coefficients, for any A: A(t) and A'(t) need not commute.
///
/// E has no recurrence of its own (E' = int_0^1 e^(uA) A' e^((1-u)A) du, which is E A' only when A and A'
/// commute), so the block runs scaling and squaring on matrix Taylor series: X = A / 2^s, P = p_m(X) (exp's
/// Taylor polynomial of degree m, by Paterson and Stockmeyer's rule as `MatrixAlgebra.taylorPolynomial`),
/// E = P^(2^s) by s squarings. Every product is a Cauchy product of series, (UV)_k = sum_l U_l V_(k-l): order k
/// of a stage needs orders <= k of the stages before it, so the block runs order by order like any operation.
/// (The block-Toeplitz identity would give the same coefficients but costs an expm of a (k+1)n matrix at
/// every order k, nothing of it reused from order k - 1.)
///
/// Accuracy, as Higham's (2005) backward error, on series: p_m(x) = exp(x + g(x)) with g(x) = log(e^-x p_m(x))
/// = -x^(m+1)/(m+1)! + ..., a power series, so at every t g(X) commutes with X and the result is exactly
/// exp(A + 2^s g(X)), coefficient by coefficient. Bounding each series by the norms of its coefficients: over a
/// step h with sum_i ||X_i|| h^i <= alpha = 2^-j <= 1/2, sum_i ||2^s g(X)_i|| h^i <= 2^(s-j) 6 alpha^m / (m+1)!,
/// and `plan` picks j and m with 6 alpha^m / (m+1)! below 2^-(bits + 8). So E's coefficients are those of the
/// exponential of A perturbed by a working-precision fraction of 2^(s-j), which order 0 sets to at least
/// 2 ||A_0|| + 4: as good as rounding A itself. The condition over the step is the integrator's to keep:
/// `TaylorCoefficientEngine.exponentialStepLimit` cuts the step to where sum_i ||A_i|| h^i <= 2^(s-j), i.e. A
/// moves by at least ||A_0|| + 4 before it binds.
///
/// Cost per order k: (q - 1 + m/q + s)(k + 1) n x n matrix products (q about sqrt(m + 1)), q - 1 + m/q + s times
/// `inv`'s recurrence: at 53 bits (61 with the guard bits) j = 1, m = 16, q = 4, so 7 + s with s = 3 near A = 0
/// (s grows with log2 ||A_0||); at 128 bits m = 30, q = 6, 10 + s.
struct MatrixExponentialBlock: Sendable {
    let size: Int
    /// Coefficient-buffer offsets of A's entries, row-major.
    let matrix: [Int]
    /// alpha = 2^-reduction bounds the scaled X over a step; `terms` is m.
    let reduction: Int
    let terms: Int
    /// The buffers of X, X^2, ..., X^q.
    let powers: [[Int]]
    /// Paterson and Stockmeyer's Horner stages H_(m/q), ..., H_0 = p_m(X): H_j = H_(j+1) X^q + B_j, B_j the block
    /// sum_(i < q) X^i / (jq + i)!.
    let stages: [[Int]]
    /// The buffers of P^2, P^4, ..., for at most `squarings.count` squarings.
    let squarings: [[Int]]
    /// The buffers of E (the tape's registers).
    let output: [Int]
    /// Scalar slots: s, 2^-s (set at order 0) and 1/i! for i = 0...m.
    let squaringCount: Int
    let scale: Int
    let reciprocalFactorials: [Int]

    /// j and m of least cost (q - 1 + m/q + j products) with 6 2^(-jm) / (m+1)! <= 2^-bits.
    static func plan(bits: Int) -> (reduction: Int, terms: Int) {
        var best = (cost: Int.max, reduction: 1, terms: 1)
        for j in 1...64 {
            var m = 1
            while log2(6.0) - Double(j * m) - lgamma(Double(m + 2)) / M_LN2 > -Double(bits) { m += 1 }
            let q = polynomialBlock(m)
            let cost = q - 1 + m / q + j
            if cost < best.cost { best = (cost, j, m) }
        }
        return (best.reduction, best.terms)
    }

    /// Paterson and Stockmeyer's block length q for degree m.
    static func polynomialBlock(_ m: Int) -> Int { Swift.max(1, Int(Double(m + 1).squareRoot().rounded())) }

    /// Squarings beyond `reduction` the buffers allow: ||A_0|| up to 2^(extraSquarings - 1) - 2 (e^2046 is far
    /// past any flow's scale, and past Double's range).
    static let extraSquarings = 12
}

extension TaylorCoefficientEngine {
    /// sum_{l=lo..hi} U_l V_(k-l) for series matrices U and V (buffers, row-major).
    static func seriesProduct(_ u: [Int], _ v: [Int], order k: Int, from lo: Int = 0, through hi: Int? = nil, _ s: Buffer,
                              _ algebra: MatrixAlgebra<Context>) -> [V] {
        let hi = hi ?? k
        var total = algebra.product(u.map { s[$0 + lo] }, v.map { s[$0 + k - lo] })
        for l in Swift.stride(from: lo + 1, through: hi, by: 1) {
            total = zip(total, algebra.product(u.map { s[$0 + l] }, v.map { s[$0 + k - l] })).map { $0 + $1 }
        }
        return total
    }

    /// Order k of the matrix series product U V into W's buffers: entry (i, j) is the sum of products of series
    /// sum_p U_ip V_pj, one `SeriesDot` (in MPFR one exact accumulation rounded once, no matrix of values built).
    static func fusedProduct(_ u: [Int], _ v: [Int], into w: [Int], n: Int, order k: Int, _ s: Buffer, _ sc: Scratch) {
        let columns = (0..<n).map { j in (0..<n).map { v[$0 * n + j] } }
        for i in 0..<n {
            let row = Array(u[(i * n)..<(i * n + n)])
            for j in 0..<n { dotCoefficient(SeriesDot(a: row, b: columns[j]), into: w[i * n + j], order: k, s, sc) }
        }
    }

    /// s[d] += s[x] s[c], in place.
    @inline(__always)
    static func addProduct(_ s: Buffer, _ sc: Scratch, _ d: Int, _ x: Int, _ c: Int) {
        V.multiply(s[x], s[c], into: &s[sc.t(0)])
        V.add(s[d], s[sc.t(0)], into: &s[sc.spare(0)])
        swapSlots(s, sc, d, sc.spare(0))
    }

    /// Writes order k of the block's series; orders below k (and A's order k) are already known.
    static func exponentialCoefficients(_ block: MatrixExponentialBlock, order k: Int, _ s: Buffer, _ sc: Scratch, _ context: Context) {
        let n = block.size
        let algebra = MatrixAlgebra(context: context, size: n)
        func write(_ values: [V], to offsets: [Int]) {
            for (value, offset) in zip(values, offsets) { V.add(value, s[sc.zero], into: &s[offset + k]) }
        }
        let a = block.matrix.map { s[$0 + k] }
        if k == 0 {
            // 2^(s - j) >= 2 ||A_0|| + 4: the least such s; -1 when the buffers allow no such s.
            let norm = algebra.normEstimate(a)
            let needed = norm.isFinite ? block.reduction + Int(log2(2 * norm + 4).rounded(.up)) : Int.max
            let squarings = needed <= block.squarings.count ? needed : -1
            V.add(context.constant(squarings), s[sc.zero], into: &s[block.squaringCount])
            V.add(V.pow(context.constant(BigRational(1, 2)), Swift.max(0, squarings)), s[sc.zero], into: &s[block.scale])
        }
        let squarings = Int(s[block.squaringCount].doubleValue)
        if squarings < 0 { return write(algebra.undefined(), to: block.output) }
        let powers = block.powers, q = powers.count, m = block.terms
        write(a.map { $0 * s[block.scale] }, to: powers[0])
        for i in 1..<q { fusedProduct(powers[i - 1], powers[0], into: powers[i], n: n, order: k, s, sc) }
        let stages = block.stages   // H_(m/q) first
        for (index, j) in Swift.stride(from: m / q, through: 0, by: -1).enumerated() {
            // H_j = H_(j+1) X^q + sum_(i < q, jq + i <= m) X^i / (jq + i)!, in place.
            let stage = stages[index]
            if index == 0 {
                for d in stage { V.add(s[sc.zero], s[sc.zero], into: &s[d + k]) }
            } else {
                fusedProduct(stages[index - 1], powers[q - 1], into: stage, n: n, order: k, s, sc)
            }
            if k == 0 {
                for i in 0..<n { addProduct(s, sc, stage[i * n + i], sc.one, block.reciprocalFactorials[j * q]) }
            }
            for i in 1..<q where j * q + i <= m {
                for (d, x) in zip(stage, powers[i - 1]) { addProduct(s, sc, d + k, x + k, block.reciprocalFactorials[j * q + i]) }
            }
        }
        var square = stages[stages.count - 1]
        for i in 0..<squarings {
            fusedProduct(square, square, into: block.squarings[i], n: n, order: k, s, sc)
            square = block.squarings[i]
        }
        write(square.map { s[$0 + k] }, to: block.output)
    }
}
