import PhasecheckNumbers

/// Polynomials as coefficient lists in ascending powers: `c[k]` multiplies x^k.
public enum CharacteristicPolynomial {
    /// The coefficients of det(x I - A), monic (`c[n] = 1`), by the Faddeev-LeVerrier recursion
    /// M_k = A M_(k-1) + c_(n-k+1) I, c_(n-k) = -tr(A M_k)/k, in interval arithmetic (so each coefficient
    /// encloses the one of every matrix in the interval matrix A).
    public static func of(_ a: [[BigInterval]], context: IntervalContext) -> [BigInterval] {
        let n = a.count
        var c = [BigInterval](repeating: context.constant(0), count: n + 1)
        c[n] = context.constant(1)
        var m = [[BigInterval]](repeating: [BigInterval](repeating: context.constant(0), count: n), count: n)
        for k in 1...n {
            // M_k = A M_(k-1) + c_(n-k+1) I
            var next = product(a, m, context: context)
            for i in 0..<n { next[i][i] = next[i][i] + c[n - k + 1] }
            m = next
            let am = product(a, m, context: context)
            var trace = context.constant(0)
            for i in 0..<n { trace = trace + am[i][i] }
            c[n - k] = -trace / context.constant(k)
        }
        return c
    }

    static func product(_ a: [[BigInterval]], _ b: [[BigInterval]], context: IntervalContext) -> [[BigInterval]] {
        let n = a.count
        return (0..<n).map { i in
            (0..<n).map { j in (0..<n).reduce(context.constant(0)) { $0 + a[i][$1] * b[$1][j] } }
        }
    }
}

/// Root counts that decide stability without computing roots, from a polynomial with interval
/// coefficients. Each returns nil when an intermediate quantity whose sign it needs may be 0, which is
/// the case when a root may lie on the boundary (the imaginary axis, the unit circle): then only more
/// precision, or nothing, can decide.
public enum RootCounts {
    /// The number of roots with positive real part (Routh 1877, Hurwitz 1895). The first column of the
    /// Routh array holds the ratios Delta_k / Delta_(k-1) of the Hurwitz determinants; when none of them
    /// is 0, no root lies on the imaginary axis and the number of sign changes down the column is the
    /// number of roots in the right half-plane.
    public static func rightHalfPlane(_ c: [BigInterval]) -> Int? {
        let n = c.count - 1
        guard n >= 1 else { return 0 }
        let a = Array(c.reversed())   // a[0] x^n + a[1] x^(n-1) + ...
        var previous = stride(from: 0, through: n, by: 2).map { a[$0] }
        var current = stride(from: 1, through: n, by: 2).map { a[$0] }
        var column = [previous[0]]
        for _ in 1...n {
            guard let head = current.first, head.isFinite, !head.mayBeZero else { return nil }
            column.append(head)
            var next: [BigInterval] = []
            for j in 0..<Swift.max(previous.count - 1, 0) {
                let right = j + 1 < current.count ? current[j + 1] : head - head
                next.append((head * previous[j + 1] - previous[0] * right) / head)
            }
            previous = current
            current = next
        }
        guard !column[0].mayBeZero else { return nil }
        return signChanges(column)
    }

    /// The number of roots strictly inside the unit circle, by the Schur-Cohn recursion (Marden, Geometry of
    /// Polynomials, Theorem 42.1): f_(j+1) = a_0 f_j - a_m f_j*, with f_j* the reversed polynomial, lowers
    /// the degree by one; with delta_j the constant terms and P_k = delta_1 ... delta_k, when no P_k is 0 no
    /// root lies on the circle and the number of negative P_k is the number of roots inside it.
    public static func insideUnitCircle(_ c: [BigInterval]) -> Int? {
        var f = c
        var negative = false
        var count = 0
        while f.count > 1 {
            let m = f.count - 1
            // The x^m coefficient a_0 a_m - a_m a_0 is 0 exactly; it is dropped.
            let next = (0..<m).map { k in f[0] * f[k] - f[m] * f[m - k] }
            guard next[0].isFinite, !next[0].mayBeZero else { return nil }
            if next[0].upper.sign < 0 { negative.toggle() }
            if negative { count += 1 }
            f = next
        }
        return count
    }

    static func signChanges(_ column: [BigInterval]) -> Int {
        zip(column, column.dropFirst()).filter { ($0.upper.sign < 0) != ($1.upper.sign < 0) }.count
    }
}

extension BigInterval {
    /// Whether 0 lies in the interval (always, for the NaN interval).
    var mayBeZero: Bool { isNaN || (lower.sign <= 0 && upper.sign >= 0) }
}
