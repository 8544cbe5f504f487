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
