import CMPFR

/// Dense n x n matrix algorithms on row-major arrays, generic over the scalar context, so that one
/// algorithm runs in Double, MPFR and interval arithmetic.
///
/// Choices that need comparisons (pivot rows, Taylor orders, Jacobi's rotation signs and stopping) look at
/// `doubleValue` estimates: they decide how to compute, never what the result encloses, so in interval
/// arithmetic every result stays a rigorous enclosure whatever they pick.
public struct MatrixAlgebra<Context: ScalarContext>: Sendable {
    public typealias V = Context.Value
    public let context: Context
    public let n: Int

    public init(context: Context, size n: Int) {
        precondition(n >= 1, "a matrix needs at least one row")
        self.context = context
        self.n = n
    }

    // MARK: Elementary operations

    public func identity() -> [V] {
        let zero = context.constant(0), one = context.constant(1)
        return (0..<(n * n)).map { $0 / n == $0 % n ? one : zero }
    }

    /// A B. In MPFR each entry is one dot product of exact products rounded once (`BigFloat.matrixProduct`),
    /// without the two values (and their reference counting) that each term costs term by term.
    public func product(_ a: [V], _ b: [V]) -> [V] {
        if V.self == BigFloat.self,
           let fused = BigFloat.matrixProduct(unsafeBitCast(a, to: [BigFloat].self), unsafeBitCast(b, to: [BigFloat].self), size: n) {
            return unsafeBitCast(fused, to: [V].self)
        }
        var c = [V]()
        c.reserveCapacity(n * n)
        for i in 0..<n {
            for j in 0..<n {
                var total = a[i * n] * b[j]
                for k in 1..<n { total = total + a[i * n + k] * b[k * n + j] }
                c.append(total)
            }
        }
        return c
    }

    public func transpose(_ a: [V]) -> [V] { (0..<(n * n)).map { a[($0 % n) * n + $0 / n] } }

    /// (A + A^T) / 2: the symmetric part, which `sqrtm` and `powm` take the function of.
    public func symmetricPart(_ a: [V]) -> [V] {
        let half = context.constant(BigRational(1, 2))
        return (0..<(n * n)).map { (a[$0] + a[($0 % n) * n + $0 / n]) * half }
    }

    /// A non-rigorous estimate of the infinity norm (max row sum of |a_ij|), for choosing how to compute.
    public func normEstimate(_ a: [V]) -> Double {
        (0..<n).map { i in (0..<n).reduce(0.0) { $0 + Swift.abs(a[i * n + $1].doubleValue) } }.max() ?? 0
    }

    // MARK: Determinant and inverse (Gaussian elimination with partial pivoting)

    /// The determinant: the product of the pivots of Gaussian elimination. With intervals a pivot that may
    /// be zero makes the result unbounded or NaN, never a wrong narrow enclosure.
    public func determinant(_ a: [V]) -> V {
        var m = a
        var det = context.constant(1)
        for column in 0..<n {
            let pivot = pivotRow(m, column)
            if pivot != column { swapRows(&m, pivot, column); det = -det }
            det = det * m[column * n + column]
            _ = eliminate(&m, below: column)
        }
        return det
    }

    /// The inverse by Gauss-Jordan elimination on [A | I]; NaN or unbounded entries when A is singular.
    public func inverse(_ a: [V]) -> [V] {
        var m = a
        var x = identity()
        for column in 0..<n {
            let pivot = pivotRow(m, column)
            if pivot != column { swapRows(&m, pivot, column); swapRows(&x, pivot, column) }
            for (row, factor) in zip((column + 1)..<n, eliminate(&m, below: column)) {
                for k in 0..<n { x[row * n + k] = x[row * n + k] - factor * x[column * n + k] }
            }
        }
        // Back substitution, row by row from the bottom: x_i = (x_i - sum_{k>i} m_ik x_k) / m_ii.
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in 0..<n {
                var value = x[i * n + j]
                for k in (i + 1)..<n { value = value - m[i * n + k] * x[k * n + j] }
                x[i * n + j] = value / m[i * n + i]
            }
        }
        return x
    }

    /// The row at or below `column` whose entry in `column` looks largest.
    private func pivotRow(_ m: [V], _ column: Int) -> Int {
        var best = column, bestSize = -1.0
        for row in column..<n {
            let size = Swift.abs(m[row * n + column].doubleValue)
            if size > bestSize || (size.isNaN && bestSize < 0) { best = row; bestSize = size }
        }
        return best
    }

    private func swapRows(_ m: inout [V], _ i: Int, _ j: Int) {
        for k in 0..<n { m.swapAt(i * n + k, j * n + k) }
    }

    /// Subtracts multiples of row `column` from the rows below it; returns the multiples, row by row.
    private func eliminate(_ m: inout [V], below column: Int) -> [V] {
        let pivot = m[column * n + column]
        return ((column + 1)..<n).map { row in
            let factor = m[row * n + column] / pivot
            for k in (column + 1)..<n { m[row * n + k] = m[row * n + k] - factor * m[column * n + k] }
            m[row * n + column] = context.constant(0)
            return factor
        }
    }
}

extension BigFloat {
    /// The n x n product A B (row-major) with each entry sum_k a_ik b_kj computed as exact products added in
    /// one fixed-point accumulator and rounded once to the larger of the operands' precisions
    /// (`pc_series_dot` at order 0, CMPFR/seriesdot.h): more accurate than rounding term by term. nil where an
    /// entry is not a finite number or beyond the accumulator's range (the caller then sums term by term).
    static func matrixProduct(_ a: [BigFloat], _ b: [BigFloat], size n: Int) -> [BigFloat]? {
        precondition(a.count == n * n && b.count == n * n)
        let precision = Swift.max(a.lazy.map(\.precision).max() ?? 2, b.lazy.map(\.precision).max() ?? 2)
        let rows = (0..<n).map { i in (0..<n).map { i * n + $0 } }
        let columns = (0..<n).map { j in (0..<n).map { n * n + $0 * n + j } }
        return withExtendedLifetime((a, b)) { () -> [BigFloat]? in
            // The operands' mpfr_t, A's entries then B's: only read, and valid while `a` and `b` live.
            let table = (a + b).map { value in value.withPointer { UnsafeMutablePointer(mutating: $0) } }
            var c = [BigFloat]()
            c.reserveCapacity(n * n)
            let complete = table.withUnsafeBufferPointer { slots in
                UnsafeRawPointer(slots.baseAddress!).withMemoryRebound(to: mpfr_ptr?.self, capacity: slots.count) { pointers in
                    for i in 0..<n {
                        for j in 0..<n {
                            var entry = BigFloat(uninitializedPrecision: precision)
                            let status = rows[i].withUnsafeBufferPointer { row in
                                columns[j].withUnsafeBufferPointer { column in
                                    entry.withMutablePointer { pc_series_dot($0, pointers, row.baseAddress, column.baseAddress, n, 0) }
                                }
                            }
                            if status != 0 { return false }
                            c.append(entry)
                        }
                    }
                    return true
                }
            }
            return complete ? c : nil
        }
    }
}
