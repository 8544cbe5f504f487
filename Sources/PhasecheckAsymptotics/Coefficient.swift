import PhasecheckNumbers

/// A coefficient of an expansion: exact while only rational operations produced it (so that a
/// cancellation to zero is certain), else an MPFR value at the working precision.
///
/// An exact coefficient is kept in machine integers while it fits (`small`: the flagship's expansions
/// never leave them, and a GMP rational costs an allocation per operation) and in GMP otherwise (`big`);
/// `exact(_:)` chooses, so a value that fits is never `big` and the two never hold the same number.
enum Coefficient: Sendable {
    case small(SmallRational)
    case big(BigRational)
    case approximate(BigFloat)

    /// Exact rationals larger than this many bits are rounded, to keep long expansions cheap.
    static let exactBitLimit = 4096

    static let one = Coefficient.small(SmallRational(1, 1)!)

    /// The exact coefficient `q`, in machine integers when it fits.
    static func exact(_ q: BigRational) -> Coefficient {
        if let (p, d) = q.smallParts, let small = SmallRational(p, d) { return .small(small) }
        return .big(q)
    }

    var exactValue: BigRational? {
        switch self {
        case .small(let q): return q.exact
        case .big(let q): return q
        case .approximate: return nil
        }
    }

    func value(precision: Int) -> BigFloat {
        switch self {
        case .small(let q): return BigFloat(q.exact, precision: precision)
        case .big(let q): return BigFloat(q, precision: precision)
        case .approximate(let x): return x
        }
    }

    var sign: Int {
        switch self {
        case .small(let q): return q.sign
        case .big(let q): return q.sign
        case .approximate(let x): return x.sign
        }
    }

    var isExactZero: Bool {
        if case .small(let q) = self { return q.sign == 0 }
        return false
    }

    private static func make(_ q: BigRational, precision: Int) -> Coefficient {
        q.bitSize > exactBitLimit ? .approximate(BigFloat(q, precision: precision)) : .exact(q)
    }

    static func add(_ a: Coefficient, _ b: Coefficient, precision: Int) -> Coefficient {
        if case .small(let x) = a, case .small(let y) = b, let sum = x + y { return .small(sum) }
        if let x = a.exactValue, let y = b.exactValue { return make(x + y, precision: precision) }
        return .approximate(a.value(precision: precision) + b.value(precision: precision))
    }

    static func multiply(_ a: Coefficient, _ b: Coefficient, precision: Int) -> Coefficient {
        if case .small(let x) = a, case .small(let y) = b, let product = x * y { return .small(product) }
        if let x = a.exactValue, let y = b.exactValue { return make(x * y, precision: precision) }
        return .approximate(a.value(precision: precision) * b.value(precision: precision))
    }

    /// `1 / self`; the caller guarantees a nonzero value.
    func reciprocal(precision: Int) -> Coefficient {
        switch self {
        case .small(let q): return .small(SmallRational(q.denominator, q.numerator)!)
        case .big(let q): return .exact(BigRational(1) / q)
        case .approximate: return .approximate(BigFloat(1, precision: precision) / value(precision: precision))
        }
    }

    func negated() -> Coefficient {
        switch self {
        case .small(let q): return .small(SmallRational(-q.numerator, q.denominator)!)
        case .big(let q): return .exact(-q)
        case .approximate(let x): return .approximate(-x)
        }
    }

    /// `self^q` for a real result: a positive base, or a negative base with an odd root.
    func power(_ q: BigRational, precision: Int) throws -> Coefficient {
        guard let (num, den) = q.smallParts else { throw ExpansionFailure.unsupported("power with exponent \(q)") }
        let negative = sign < 0
        if negative && den % 2 == 0 {
            throw ExpansionFailure.unsupported("the power \(q) of a quantity whose leading coefficient is negative")
        }
        if let x = exactValue, let root = Coefficient.exactRoot(x.magnitude, den) {
            let r = root.power(num)
            return .exact(negative && num % 2 != 0 ? -r : r)
        }
        let magnitude = BigFloat.abs(value(precision: precision))
        let r = BigFloat.pow(magnitude, BigFloat(q, precision: precision))
        return .approximate(negative && num % 2 != 0 ? -r : r)
    }

    /// The rational n-th root of a nonnegative rational, when numerator and denominator are perfect powers.
    static func exactRoot(_ x: BigRational, _ n: Int) -> BigRational? {
        if n == 1 { return x }
        guard let (num, den) = x.smallParts else { return nil }
        func root(_ m: Int) -> Int? {
            let guess = Int(Double.apply(.pow, Double(m), 1 / Double(n)).rounded())
            for g in Swift.max(0, guess - 1)...(guess + 1) {
                var p = BigRational(1)
                for _ in 0..<n { p = p * BigRational(g) }
                if p == BigRational(m) { return g }
            }
            return nil
        }
        guard let a = root(num), let b = root(den) else { return nil }
        return BigRational(a, b)
    }
}

/// Why an expansion could not be built; `insufficientDepth` makes the caller retry with more terms.
enum ExpansionFailure: Error {
    case insufficientDepth(String)
    case unsupported(String)
    case unknownSymbol(String)
}
