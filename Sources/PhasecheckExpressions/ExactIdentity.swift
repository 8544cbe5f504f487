import PhasecheckNumbers

/// An exact zero test for scalar expressions: the expression is brought to a quotient N/D of polynomials with
/// exact rational coefficients over *atoms*, and it is shown to be 0 when N is the zero polynomial. Products of
/// sums are expanded, so `(a + b)*(c - d) - (a*c - a*d + b*c - b*d)` is 0, which `Simplifier` does not see.
///
/// **Atoms.** A symbol, and an entry `u[i]` or `W[i, j]` of a symbol (matrices are unrolled to their entries
/// first, `EntryUnrolling`), is a variable. Every other non-polynomial piece is an opaque atom keyed by the
/// function and the normal form of its argument: `exp(u)`, `sin(u)`, `tanh(u)`, `a^b` for a
/// non-numeric b, and `b^q` for a non-integer rational q (`sqrt(b)` is `b^(1/2)`; `b^-q` is `1/b^q`). Atoms
/// may have negative integer powers (Laurent monomials), from division by a single term.
///
/// **Soundness.** By induction over the tree: at every point where a node and all its subexpressions are
/// defined (finite, every divisor nonzero), its normal form N/D evaluated at the atoms' values there has
/// D != 0, every atom with a negative power nonzero, and N/D equal to the node's value. (A divisor's normal
/// form N'/D' has N' = value * D' != 0; an atom's value is its function at the value of its argument, which
/// the argument's normal form gives, so atoms with equal keys have equal values.) Evaluation is a ring
/// homomorphism from the free ring over the atoms, so N = 0 in that ring makes the expression 0 at every
/// point where it is defined, for all values of its symbols. Atoms are treated as independent even where
/// they are not (`sin^2 + cos^2`, `sqrt(x)^2`, `exp(a)*exp(b)`): that loses identities, never invents one.
///
/// Refused (not shown): kinks and jumps (`abs`, `sign`, `min`, `max`, `atan2`: the one list of
/// `ElementaryFunction.switchesAtZero` and `BinaryFunction.switching`; their derivatives are not the function's
/// everywhere), any vector or matrix node left, an entry of anything but a symbol, division by an expression
/// whose normal form is 0, and expansions beyond `maximumTerms` terms (so that a huge product neither hangs
/// nor fills memory). Callers take the numeric route then.
public struct ExactIdentity {
    /// The most terms any intermediate polynomial may have.
    public static let maximumTerms = 20_000

    /// Whether `e` is 0 wherever it is defined, for all values of its symbols, as the normal form shows;
    /// false when it is not shown (not an identity, outside the atoms' reach, or over the term budget).
    public static func isZero(_ e: Expr, maximumTerms: Int = maximumTerms) -> Bool {
        var residues = ModularImage()
        guard residues.mayBeZero(e) else { return false }
        var normalizer = ExactIdentity(maximumTerms: maximumTerms)
        guard let form = try? normalizer.normalForm(e) else { return false }
        return form.numerator.isEmpty
    }

    /// Whether every pair is equal wherever both sides are defined (`isZero` of each difference).
    public static func areEqual(_ pairs: [(Expr, Expr)], maximumTerms: Int = maximumTerms) -> Bool {
        var residues = ModularImage()
        guard pairs.allSatisfy({ residues.mayBeZero($0 - $1) }) else { return false }
        var normalizer = ExactIdentity(maximumTerms: maximumTerms)
        return pairs.allSatisfy { l, r in (try? normalizer.normalForm(l - r))?.numerator.isEmpty == true }
    }

    /// `e` as its normal form written out, N/D with N and D expanded, when that is a rational function of symbols and
    /// their entries alone (no other atom) with at most `maximumTerms` terms in N and D together; nil otherwise. Equal
    /// to `e` wherever `e` is defined, and a polynomial that is 0 through terms that cancel only in an expansion
    /// (m (1 + d) - m is m d) is written without them.
    public static func expandedRationalForm(_ e: Expr, maximumTerms: Int) -> Expr? {
        var normalizer = ExactIdentity(maximumTerms: maximumTerms)
        guard let form = try? normalizer.normalForm(e), form.numerator.count + form.denominator.count <= maximumTerms else { return nil }
        var variables: [Int: Expr] = [:]
        for (atom, index) in normalizer.atoms {
            guard case .variable(let node) = atom else { return nil }
            variables[index] = node
        }
        func written(_ p: Polynomial) -> Expr {
            p.sorted { $0.key.powers.lexicographicallyPrecedes($1.key.powers) }.reduce(Expr.number(0)) { sum, term in
                let factors = stride(from: 0, to: term.key.powers.count, by: 2).map { i -> Expr in
                    let (base, n) = (variables[term.key.powers[i]]!, term.key.powers[i + 1])
                    return n == 1 ? base : .power(base, .number(BigRational(n)))
                }
                return Terms.sum(sum, factors.reduce(Expr.number(term.value), Terms.product))
            }
        }
        return Terms.quotient(written(form.numerator), written(form.denominator)).simplified(assumingFiniteValues: true)
    }

    /// How smooth `isSmooth` asks an expression to be, in its varying symbols.
    public enum Smoothness {
        /// Defined, finite and smooth for all real values: built from +, -, *, nonnegative integer powers, division
        /// by a nonzero number, and functions analytic on the whole real line. "0 wherever defined" (`isZero`) is
        /// then 0 everywhere, and an expression of this kind whose derivative along a flow is 0 is constant along
        /// every trajectory for as long as it exists; with a division by, a root or a logarithm of a varying
        /// quantity, or a jump (atan(x) + atan(1/x), atan2 across its cut), neither follows.
        case everywhere
        /// Real-analytic on an open set that holds every point where it is defined: also division and negative
        /// integer powers (of a nonzero value), and log, log1p, tan, atanh, whose domains are open. Each node is
        /// then defined on an open set around each point where it is, so a flow of this kind is locally Lipschitz
        /// wherever it is defined and its solutions are unique there. Roots, rational and varying exponents, asin,
        /// acos, acosh (defined at an end of their domain where they have no derivative: x' = sqrt(x) leaves
        /// x = 0 along t^2/4), kinks and jumps are not.
        case whereDefined
    }

    /// Whether `e` is as smooth as asked in its varying symbols (those not in `constants`). A subexpression of
    /// `constants` only (the parameters, the initial values: fixed along a trajectory) may be anything, since it is
    /// either defined along the whole trajectory or nowhere.
    public static func isSmooth(_ e: Expr, _ smoothness: Smoothness, constants: Set<String> = []) -> Bool {
        let everywhere = smoothness == .everywhere
        var fixed: [ObjectIdentifier: Bool] = [:]
        var exponents = ExactIdentity(maximumTerms: 64)
        return Expr.postorder(from: [e]).allSatisfy { node in
            let isFixed = node.symbolName.map(constants.contains) ?? node.arguments.allSatisfy { fixed[ObjectIdentifier($0)]! }
            fixed[ObjectIdentifier(node)] = isFixed
            if isFixed { return true }
            return switch node.kind {
            case .number, .symbol, .add, .subtract, .negate, .multiply: true
            case .index: node.arguments[0].symbolName != nil
            // A divisor fixed along a trajectory is nonzero on all of it or on none (then nothing is compared).
            case .divide: !everywhere || (fixed[ObjectIdentifier(node.arguments[1])]! && node.arguments[1].numberValue?.isZero != true)
            case .power, .binaryFunction(.pow):
                // The exponent read exactly, as the normal form reads it (`x^(-2)` is a negation of 2).
                (try? exponents.exponent(of: node))?.map { $0.isInteger && (!everywhere || $0.sign >= 0) } ?? false
            case .function(let f): entireFunctions.contains(f) || (!everywhere && openDomainFunctions.contains(f))
            default: false
            }
        }
    }

    /// The functions analytic on the whole real line (no pole, branch cut, kink or jump there).
    static let entireFunctions: Set<ElementaryFunction> = [.exp, .expm1, .sin, .cos, .atan, .sinh, .cosh, .tanh, .asinh, .erf, .erfc]
    /// The functions analytic on their domain, an open set (x > 0, x > -1, cos x != 0, |x| < 1).
    static let openDomainFunctions: Set<ElementaryFunction> = [.log, .log1p, .tan, .atanh]

    let maximumTerms: Int
    private var atoms: [Atom: Int] = [:]
    private var memo: [ObjectIdentifier: Fraction] = [:]

    init(maximumTerms: Int) { self.maximumTerms = maximumTerms }

    /// Why the normal form was not made (the reasons are the refusals listed above; callers need only that).
    struct NotShown: Error {}

    /// The largest integer power expanded.
    static let maximumPower = 1024

    /// The normal form of `e`, or `NotShown`.
    mutating func normalForm(_ e: Expr) throws(NotShown) -> Fraction {
        for node in Expr.postorder(from: [e], skipping: { memo[ObjectIdentifier($0)] != nil }) {
            memo[ObjectIdentifier(node)] = try form(of: node)
        }
        return memo[ObjectIdentifier(e)]!
    }

    private func argument(_ node: Expr, _ i: Int) -> Fraction { memo[ObjectIdentifier(node.arguments[i])]! }

    private mutating func form(of node: Expr) throws(NotShown) -> Fraction {
        switch node.kind {
        case .number(let q):
            return Fraction(constant: q)
        case .symbol:
            return variable(node)
        case .index:
            guard node.arguments[0].symbolName != nil, node.arguments.dropFirst().allSatisfy({ $0.numberValue != nil }) else { throw NotShown() }
            return variable(node)
        case .add:
            return try sum(argument(node, 0), argument(node, 1))
        case .subtract:
            return try sum(argument(node, 0), argument(node, 1).negated)
        case .negate:
            return argument(node, 0).negated
        case .multiply:
            return try product(argument(node, 0), argument(node, 1))
        case .divide:
            return try product(argument(node, 0), try reciprocal(argument(node, 1)))
        case .power, .binaryFunction(.pow):
            let base = argument(node, 0)
            guard let q = try exponent(of: node) else { return atom(.power(base, argument(node, 1))) }
            guard q.isInteger else {
                let root = atom(.rationalPower(base, q.magnitude))
                return q.sign > 0 ? root : try reciprocal(root)
            }
            guard let (n, _) = q.smallParts, n.magnitude <= UInt(Self.maximumPower) else { throw NotShown() }
            return try power(base, n)
        case .function(let f) where f.switchesAtZero:
            throw NotShown()
        case .binaryFunction(let f) where f.switching != nil:
            throw NotShown()
        case .function(.sqrt):
            return atom(.rationalPower(argument(node, 0), BigRational(1, 2)))
        case .function(let f):
            return atom(.function(f, argument(node, 0)))
        case .binaryFunction(let f):
            return atom(.binaryFunction(f, argument(node, 0), argument(node, 1)))
        case .vector, .dot, .norm, .sum, .matmul, .transpose, .trace, .identity, .zeros, .diag, .outer, .row, .column, .matrixFunction:
            throw NotShown()
        }
    }

    /// The exact value of a power's exponent when it is a constant (`1/2` as written), nil when it has atoms.
    mutating func exponent(of power: Expr) throws(NotShown) -> BigRational? {
        try normalForm(power.arguments[1]).constant
    }

    // MARK: Atoms

    /// A variable or an opaque function value, keyed by the normal forms of its arguments.
    enum Atom: Hashable {
        case variable(Expr)
        case function(ElementaryFunction, Fraction)
        case binaryFunction(BinaryFunction, Fraction, Fraction)
        /// `base^exponent` for a non-numeric exponent.
        case power(Fraction, Fraction)
        /// `base^q` for a positive non-integer rational q.
        case rationalPower(Fraction, BigRational)
    }

    private mutating func variable(_ node: Expr) -> Fraction { atom(.variable(node)) }

    private mutating func atom(_ key: Atom) -> Fraction {
        let index: Int
        if let known = atoms[key] {
            index = known
        } else {
            index = atoms.count
            atoms[key] = index
        }
        return Fraction(numerator: [Monomial(powers: [index, 1]): 1])
    }

    // MARK: Arithmetic of fractions

    private func sum(_ a: Fraction, _ b: Fraction) throws(NotShown) -> Fraction {
        if a.denominator == b.denominator { return Fraction(numerator: try add(a.numerator, b.numerator), denominator: a.denominator) }
        return Fraction(numerator: try add(try multiply(a.numerator, b.denominator), try multiply(b.numerator, a.denominator)),
                        denominator: try multiply(a.denominator, b.denominator))
    }

    private func product(_ a: Fraction, _ b: Fraction) throws(NotShown) -> Fraction {
        try normalized(numerator: try multiply(a.numerator, b.numerator), denominator: try multiply(a.denominator, b.denominator))
    }

    /// 1/f; refused when f's numerator is the zero polynomial (a division by an expression that is 0 wherever defined).
    private func reciprocal(_ f: Fraction) throws(NotShown) -> Fraction {
        guard !f.numerator.isEmpty else { throw NotShown() }
        return try normalized(numerator: f.denominator, denominator: f.numerator)
    }

    private func power(_ f: Fraction, _ n: Int) throws(NotShown) -> Fraction {
        if n < 0 { return try reciprocal(try power(f, -n)) }
        var result = Fraction(constant: 1)
        var square = f
        var k = n
        while k > 0 {
            if k & 1 == 1 { result = try product(result, square) }
            k >>= 1
            if k > 0 { square = try product(square, square) }
        }
        return result
    }

    /// N/D with a single-term D = c*m moved into the numerator as (1/c) * m^-1 (a Laurent monomial).
    private func normalized(numerator: Polynomial, denominator: Polynomial) throws(NotShown) -> Fraction {
        guard denominator.count == 1, let (m, c) = denominator.first else { return Fraction(numerator: numerator, denominator: denominator) }
        return Fraction(numerator: try multiply(numerator, [m.inverse: 1 / c]))
    }

    // MARK: Arithmetic of polynomials

    private func add(_ a: Polynomial, _ b: Polynomial) throws(NotShown) -> Polynomial {
        var result = a
        for (m, c) in b {
            let s = (result[m] ?? 0) + c
            result[m] = s.isZero ? nil : s
        }
        guard result.count <= maximumTerms else { throw NotShown() }
        return result
    }

    private func multiply(_ a: Polynomial, _ b: Polynomial) throws(NotShown) -> Polynomial {
        // The work of the product is bounded as well as its size: many pairs may collect into few terms.
        guard a.count * b.count <= 64 * maximumTerms else { throw NotShown() }
        var result: Polynomial = [:]
        for (m, c) in a {
            for (n, d) in b {
                let key = try m.times(n)
                let s = (result[key] ?? 0) + c * d
                result[key] = s.isZero ? nil : s
            }
        }
        guard result.count <= maximumTerms else { throw NotShown() }
        return result
    }
}

extension ExactIdentity {
    /// A product of atoms to integer powers: `powers` holds (atom, exponent) pairs flattened, sorted by atom,
    /// with no zero exponent.
    struct Monomial: Hashable {
        var powers: [Int]

        static let one = Monomial(powers: [])

        var inverse: Monomial {
            var result = powers
            for i in stride(from: 1, to: result.count, by: 2) { result[i] = -result[i] }
            return Monomial(powers: result)
        }

        /// The product; refused when an atom's power would leave `maximumPower` squared (nested powers multiply
        /// their exponents: ((a^1024)^1024)^1024 would overflow a machine integer).
        func times(_ other: Monomial) throws(NotShown) -> Monomial {
            if powers.isEmpty { return other }
            if other.powers.isEmpty { return self }
            var result: [Int] = []
            result.reserveCapacity(powers.count + other.powers.count)
            var i = 0, j = 0
            while i < powers.count || j < other.powers.count {
                if j >= other.powers.count || (i < powers.count && powers[i] < other.powers[j]) {
                    result += [powers[i], powers[i + 1]]
                    i += 2
                } else if i >= powers.count || other.powers[j] < powers[i] {
                    result += [other.powers[j], other.powers[j + 1]]
                    j += 2
                } else {
                    let e = powers[i + 1] + other.powers[j + 1]
                    guard Swift.abs(e) <= ExactIdentity.maximumPower * ExactIdentity.maximumPower else { throw NotShown() }
                    if e != 0 { result += [powers[i], e] }
                    i += 2
                    j += 2
                }
            }
            return Monomial(powers: result)
        }
    }

    /// A sparse polynomial: the coefficient of each monomial, none zero (the zero polynomial is empty).
    typealias Polynomial = [Monomial: BigRational]

    /// `numerator / denominator`; the denominator is 1 or has at least two terms (a single term is moved up as a
    /// Laurent monomial).
    struct Fraction: Hashable {
        var numerator: Polynomial
        var denominator: Polynomial = [.one: 1]

        init(numerator: Polynomial, denominator: Polynomial = [.one: 1]) {
            self.numerator = numerator
            self.denominator = denominator
        }

        init(constant q: BigRational) { self.init(numerator: q.isZero ? [:] : [.one: q]) }

        /// The value of a constant fraction (`1/2` as written in an exponent), nil when it has atoms.
        var constant: BigRational? {
            guard denominator == [.one: 1], numerator.keys.allSatisfy({ $0 == .one }) else { return nil }
            return numerator[.one] ?? 0
        }

        var negated: Fraction { Fraction(numerator: numerator.mapValues { -$0 }, denominator: denominator) }
    }
}

/// A quick refutation before the expansion: the expression's image in the integers modulo the prime 2^61 - 1,
/// each atom given a pseudo-random residue determined by its function and its arguments' residues (so atoms
/// with equal keys get equal residues). This follows `ExactIdentity`'s rules node by node, so it is a ring
/// homomorphism from the normal form's ring wherever each divisor's residue is invertible: a normal form that is
/// 0 has image 0, and a nonzero image shows that the expansion would not reach 0. It costs one pass of
/// machine arithmetic, against an expansion that may take seconds only to find a non-identity.
struct ModularImage {
    static let prime: UInt64 = (1 << 61) - 1
    /// Residues of nodes; nil where the image is not known (a divisor or denominator divisible by the prime, or a
    /// refused node: then the expansion decides).
    private var memo: [ObjectIdentifier: UInt64?] = [:]
    /// Exponents are read exactly, as the normal form reads them.
    private var exponents = ExactIdentity(maximumTerms: 64)

    /// False when the image shows the expression is not 0 in the normal form's ring, or the normal form would refuse it.
    mutating func mayBeZero(_ e: Expr) -> Bool {
        for node in Expr.postorder(from: [e], skipping: { memo[ObjectIdentifier($0)] != nil }) {
            switch image(of: node) {
            case .refused: return false
            case .residue(let r): memo[ObjectIdentifier(node)] = .some(r)
            }
        }
        guard case .some(.some(let r)) = memo[ObjectIdentifier(e)] else { return true }
        return r == 0
    }

    private enum Image { case residue(UInt64?), refused }

    private func argument(_ node: Expr, _ i: Int) -> UInt64? { memo[ObjectIdentifier(node.arguments[i])]! }

    private mutating func image(of node: Expr) -> Image {
        let p = Self.prime
        func both(_ f: (UInt64, UInt64) -> UInt64?) -> Image {
            guard let a = argument(node, 0), let b = argument(node, 1) else { return .residue(nil) }
            return .residue(f(a, b))
        }
        switch node.kind {
        case .number(let q): return .residue(Self.residue(of: q))
        case .symbol, .index: return .residue(Self.mix(node.structuralHash, 0x5eed))
        case .add: return both { Self.add($0, $1) }
        case .subtract: return both { Self.add($0, p - $1) }
        case .negate: return .residue(argument(node, 0).map { (p - $0) % p })
        case .multiply: return both { Self.multiply($0, $1) }
        case .divide: return both { a, b in Self.inverse(b).map { Self.multiply(a, $0) } }
        case .power, .binaryFunction(.pow):
            guard let q = try? exponents.exponent(of: node) else {
                return both { Self.mix($0, Self.mix($1, 0x90e2)) }
            }
            guard let base = argument(node, 0) else { return .residue(nil) }
            guard q.isInteger else {
                let root = Self.rationalPower(base, q.magnitude)
                return .residue(q.sign > 0 ? root : Self.inverse(root))
            }
            guard let (n, _) = q.smallParts, n.magnitude <= UInt(ExactIdentity.maximumPower) else { return .refused }
            let positive = Self.power(base, Int(n.magnitude))
            return .residue(n >= 0 ? positive : Self.inverse(positive))
        case .function(let f) where f.switchesAtZero: return .refused
        case .binaryFunction(let f) where f.switching != nil: return .refused
        case .function(.sqrt): return .residue(argument(node, 0).map { Self.rationalPower($0, BigRational(1, 2)) })
        case .function(let f): return .residue(argument(node, 0).map { Self.mix($0, UInt64(truncatingIfNeeded: f.rawValue.hashValueStable)) })
        case .binaryFunction(let f): return both { Self.mix($0, Self.mix($1, UInt64(truncatingIfNeeded: f.rawValue.hashValueStable))) }
        default: return .refused
        }
    }

    private static func rationalPower(_ base: UInt64, _ q: BigRational) -> UInt64 {
        mix(base, residue(of: q) ?? 0x7a7e)
    }

    /// A pseudo-random residue from two words (splitmix64's finaliser), the same in every run.
    static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var z = a &+ 0x9e37_79b9_7f4a_7c15 &* (b | 1)
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return (z ^ (z >> 31)) % prime
    }

    static func add(_ a: UInt64, _ b: UInt64) -> UInt64 { (a + b) % prime }

    static func multiply(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let (high, low) = a.multipliedFullWidth(by: b)
        return UInt64(((UInt128(high) << 64) | UInt128(low)) % UInt128(prime))
    }

    static func power(_ a: UInt64, _ n: Int) -> UInt64 {
        var result: UInt64 = 1, square = a, k = n
        while k > 0 {
            if k & 1 == 1 { result = multiply(result, square) }
            square = multiply(square, square)
            k >>= 1
        }
        return result
    }

    /// a^(p-2) = 1/a modulo the prime; nil for 0.
    static func inverse(_ a: UInt64?) -> UInt64? {
        guard let a, a != 0 else { return nil }
        return power(a, Int(prime - 2))
    }

    /// q modulo the prime, nil when its denominator is divisible by it.
    static func residue(of q: BigRational) -> UInt64? {
        let parts = q.magnitude.description.split(separator: "/")
        func reduced(_ digits: Substring) -> UInt64 {
            digits.reduce(UInt64(0)) { add(multiply($0, 10), UInt64($1.wholeNumberValue ?? 0)) }
        }
        let numerator = reduced(parts[0])
        guard let value = parts.count == 2 ? inverse(reduced(parts[1])).map({ multiply(numerator, $0) }) : numerator else { return nil }
        return q.sign < 0 ? (prime - value) % prime : value
    }
}

private extension String {
    /// FNV-1a of the UTF-8 bytes: a hash that is the same in every run (Swift's `hashValue` is seeded per process).
    var hashValueStable: UInt64 {
        utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }
}
