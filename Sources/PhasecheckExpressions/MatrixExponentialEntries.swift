import PhasecheckNumbers

/// The entries of expm(s C), for a scalar expression s and a matrix C of rational numbers whose eigenvalues
/// are all rational, as finite sums of terms c s^m exp(mu s) (mu an eigenvalue): what `EntryUnrolling` needs
/// to read `expm` of a constant matrix, or of a scalar function of d times one, in the width-limit section.
///
/// Putzer's algorithm: with the eigenvalues l_1, ..., l_n (repeated by multiplicity), P_0 = I and
/// P_j = (C - l_j I) P_{j-1}, expm(s C) = sum_{j<n} r_{j+1}(s) P_j, where r_1 = exp(l_1 s) and
/// r_{j+1}' = l_{j+1} r_{j+1} + r_j, r_{j+1}(0) = 0 (Cayley-Hamilton makes P_n = 0). Every r_j is a sum of
/// polynomials times exponentials with exact rational coefficients (`ExponentialPolynomial`), so the
/// entries are exact: a nilpotent C gives polynomials in s, a diagonalisable one sums of exp(l s), and a
/// defective one (a Jordan block) both.
enum MatrixExponentialEntries {
    /// The entries of expm(`entries`) (n x n, row-major), or a reason it cannot be written so.
    static func entries(_ entries: [Expr], size n: Int) throws(Refusal) -> [Expr] {
        let (scale, matrix) = try factored(entries)
        let eigenvalues = try rationalEigenvalues(matrix, size: n)
        var terms = [ExponentialPolynomial](repeating: ExponentialPolynomial(), count: n * n)
        var projector = (0..<n * n).map { $0 / n == $0 % n ? BigRational(1) : BigRational(0) }
        var r = ExponentialPolynomial(exponent: eigenvalues[0])
        for j in 0..<n {
            if j > 0 {
                projector = product(shifted(matrix, by: eigenvalues[j - 1], size: n), projector, size: n)
                r = r.integrated(exponent: eigenvalues[j])
            }
            for (k, p) in projector.enumerated() where !p.isZero { terms[k].add(r, times: p) }
        }
        return terms.map { $0.expression(in: scale) }
    }

    /// Why expm(...) has no such entries.
    struct Refusal: Error { let reason: String }

    /// `entries` as s C: s the first nonzero entry (1 when every entry is a number), C exact rationals.
    static func factored(_ entries: [Expr]) throws(Refusal) -> (scale: Expr, matrix: [BigRational]) {
        if let numbers = Optional(entries.compactMap(\.numberValue)), numbers.count == entries.count { return (Terms.one, numbers) }
        guard let pivot = entries.first(where: { $0.numberValue?.isZero != true }) else { return (Terms.one, entries.map { _ in 0 }) }
        var matrix: [BigRational] = []
        for entry in entries {
            if entry.numberValue?.isZero == true { matrix.append(0); continue }
            let ratio = (entry / pivot).simplified(assumingFiniteValues: true, scalarSymbols: entry.freeSymbols.union(pivot.freeSymbols))
            guard let q = ratio.numberValue else {
                throw Refusal(reason: "its entries are not one scalar times constant numbers (`\(entry)` is not a constant multiple of `\(pivot)`)")
            }
            matrix.append(q)
        }
        return (pivot, matrix)
    }

    /// The eigenvalues of C, repeated by multiplicity, when they are all rational: the rational roots of its
    /// characteristic polynomial (Faddeev-LeVerrier, exact), found among p/q with p dividing its constant term
    /// and q its leading coefficient once scaled to integers.
    static func rationalEigenvalues(_ matrix: [BigRational], size n: Int) throws(Refusal) -> [BigRational] {
        // c[k] is the coefficient of x^k of det(x I - C); M_k = C M_{k-1} + c_{n-k+1} I, c_{n-k} = -tr(C M_k)/k.
        var c = [BigRational](repeating: 0, count: n + 1)
        c[n] = 1
        var m = [BigRational](repeating: 0, count: n * n)
        for k in 1...n {
            m = product(matrix, m, size: n)
            for i in 0..<n { m[i * n + i] = m[i * n + i] + c[n - k + 1] }
            let cm = product(matrix, m, size: n)
            c[n - k] = -(0..<n).reduce(BigRational(0)) { $0 + cm[$1 * n + $1] } / BigRational(k)
        }
        var roots: [BigRational] = []
        var polynomial = c
        func deflate(_ root: BigRational) -> Bool {
            // Synthetic division by (x - root); true when the remainder is zero.
            var quotient = [BigRational](repeating: 0, count: polynomial.count - 1)
            var carry = BigRational(0)
            for k in stride(from: polynomial.count - 1, through: 1, by: -1) {
                carry = carry * root + polynomial[k]
                quotient[k - 1] = carry
            }
            guard (carry * root + polynomial[0]).isZero else { return false }
            polynomial = quotient
            roots.append(root)
            return true
        }
        while polynomial.count > 1, polynomial[0].isZero { _ = deflate(0) }
        if polynomial.count > 1 {
            let integers = try integerCoefficients(polynomial)
            for q in divisors(integers.last!) {
                for p in divisors(integers[0]) {
                    for candidate in [BigRational(p, q), BigRational(-p, q)] { while polynomial.count > 1, deflate(candidate) {} }
                }
            }
        }
        guard polynomial.count == 1 else {
            throw Refusal(reason: "the eigenvalues of its constant matrix are not all rational (\(polynomial.count - 1) of them are roots of "
                          + "\(Self.describe(polynomial))); expm is written exactly for rational eigenvalues only")
        }
        return roots
    }

    /// The polynomial times the least common multiple of its denominators, as small integers.
    static func integerCoefficients(_ polynomial: [BigRational]) throws(Refusal) -> [Int] {
        let parts = polynomial.map(\.smallParts)
        guard parts.allSatisfy({ $0 != nil }) else { throw Refusal(reason: "its characteristic polynomial's coefficients are too large to find its rational roots") }
        func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? abs(a) : gcd(b, a % b) }
        let lcm = parts.reduce(1) { l, q in l / gcd(l, q!.denominator) * q!.denominator }
        let scaled = parts.map { $0!.numerator * (lcm / $0!.denominator) }
        guard let largest = scaled.map({ abs($0) }).max(), largest <= 1 << 40 else {
            throw Refusal(reason: "its characteristic polynomial's coefficients are too large to find its rational roots")
        }
        return scaled
    }

    /// The positive divisors of n != 0, by trial division.
    static func divisors(_ n: Int) -> [Int] {
        let n = abs(n)
        var small: [Int] = [], large: [Int] = []
        var d = 1
        while d * d <= n {
            if n % d == 0 { small.append(d); if d * d != n { large.append(n / d) } }
            d += 1
        }
        return small + large.reversed()
    }

    static func describe(_ polynomial: [BigRational]) -> String {
        let terms = polynomial.enumerated().reversed().filter { !$0.element.isZero }.map { k, c in
            k == 0 ? "\(c)" : (c == 1 ? "" : "\(c)*") + (k == 1 ? "x" : "x^\(k)")
        }
        return terms.joined(separator: " + ")
    }

    static func product(_ a: [BigRational], _ b: [BigRational], size n: Int) -> [BigRational] {
        (0..<n).flatMap { i in (0..<n).map { j in (0..<n).reduce(BigRational(0)) { $0 + a[i * n + $1] * b[$1 * n + j] } } }
    }

    /// C - l I.
    static func shifted(_ matrix: [BigRational], by l: BigRational, size n: Int) -> [BigRational] {
        matrix.enumerated().map { k, x in k / n == k % n ? x - l : x }
    }
}

/// A finite sum of p_mu(s) exp(mu s) over rationals mu, with p_mu polynomials of rational coefficients
/// (coefficient of s^m at index m).
struct ExponentialPolynomial {
    private(set) var terms: [BigRational: [BigRational]] = [:]

    init() {}

    /// exp(mu s).
    init(exponent mu: BigRational) { terms = [mu: [1]] }

    /// self += c other.
    mutating func add(_ other: ExponentialPolynomial, times c: BigRational) {
        for (mu, p) in other.terms { add(p.map { $0 * c }, at: mu) }
    }

    private mutating func add(_ p: [BigRational], at mu: BigRational) {
        var sum = terms[mu] ?? []
        if sum.count < p.count { sum += [BigRational](repeating: 0, count: p.count - sum.count) }
        for (m, x) in p.enumerated() { sum[m] = sum[m] + x }
        terms[mu] = sum
    }

    /// The solution y of y' = l y + self with y(0) = 0: exp(l s) times the integral from 0 to s of
    /// exp(-l u) self(u). For mu = l that is exp(l s) P(s), P the antiderivative of p_l with P(0) = 0; for
    /// mu != l, with delta = mu - l, it is exp(mu s) R(s) - R(0) exp(l s), R = sum_i (-1)^i p^(i) / delta^(i+1)
    /// (so that delta R + R' = p).
    func integrated(exponent l: BigRational) -> ExponentialPolynomial {
        var result = ExponentialPolynomial()
        for (mu, p) in terms {
            if mu == l {
                result.add([0] + p.enumerated().map { m, x in x / BigRational(m + 1) }, at: l)
                continue
            }
            let delta = mu - l
            var r = [BigRational](repeating: 0, count: p.count)
            var derivative = p, sign = BigRational(1), power = delta
            while !derivative.isEmpty {
                for (m, x) in derivative.enumerated() { r[m] = r[m] + sign * x / power }
                derivative = derivative.enumerated().dropFirst().map { m, x in x * BigRational(m) }
                sign = -sign
                power = power * delta
            }
            result.add(r, at: mu)
            result.add([-r[0]], at: l)
        }
        return result
    }

    /// sum_mu exp(mu s) sum_m c_m s^m, zero terms left out, exponents in increasing order.
    func expression(in s: Expr) -> Expr {
        var parts: [Expr] = []
        for mu in terms.keys.sorted(by: <) {
            let polynomial = EntryUnrolling.sum(terms[mu]!.enumerated().filter { !$0.element.isZero }.map { m, c in
                Self.scaled(c, m == 0 ? Terms.one : m == 1 ? s : .power(s, .number(m)))
            })
            guard polynomial !== Terms.zero else { continue }
            parts.append(mu.isZero ? polynomial : Terms.product(polynomial, .call(.exp, Self.scaled(mu, s))))
        }
        return EntryUnrolling.sum(parts)
    }

    /// c x, without a factor 1.
    static func scaled(_ c: BigRational, _ x: Expr) -> Expr { c == 1 ? x : Terms.product(.number(c), x) }
}
