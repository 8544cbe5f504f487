import CMPFR
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
        var total = algebra.product(a(1), b(k - 1))
        for j in 2..<(k + 1) { total = zip(total, algebra.product(a(j), b(k - j))).map { $0 + $1 } }
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
        // Term by term (Double, intervals, relaxed products at high precision, or values MPFR's kernel refused).
        cauchy(s, dot.a[0], dot.b[0], 0, k, k, into: v + k, sc)
        for (a, b) in zip(dot.a, dot.b).dropFirst() {
            cauchy(s, a, b, 0, k, k, into: sc.r(k), sc)
            V.add(s[v + k], s[sc.r(k)], into: &s[sc.u(k)])
            swapSlots(s, sc, v + k, sc.u(k))
        }
    }
}
