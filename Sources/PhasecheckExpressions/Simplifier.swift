import PhasecheckNumbers

extension Expr {
    /// This tree simplified; see `Simplifier`.
    public func simplified(assumingFiniteValues: Bool = false) -> Expr {
        simplified(assumingFiniteValues: assumingFiniteValues, scalarSymbols: [])
    }

    /// This tree simplified; see `Simplifier`. `scalarSymbols` names symbols known to be scalars (a
    /// derivative's variable, for one), which lets `x/x` become 1 rather than the all-ones vector `x^0`.
    public func simplified(assumingFiniteValues: Bool, scalarSymbols: Set<String>) -> Expr {
        var simplifier = Simplifier(assumingFiniteValues: assumingFiniteValues, scalarSymbols: scalarSymbols)
        return simplifier.simplify(self)
    }

    /// Whether `self` and `other` are equal as exact real functions wherever both are defined, shown by
    /// their difference reaching the canonical zero (`Simplifier.canonical`). True means an identity
    /// claim holds exactly on that domain (not merely to some digits); false means only that the canonical
    /// form does not see it (it does not expand products of sums or know identities such as cosh^2 - sinh^2 = 1).
    public func isCanonicallyEqual(to other: Expr, scalarSymbols: Set<String> = []) -> Bool {
        var simplifier = Simplifier(assumingFiniteValues: true, scalarSymbols: scalarSymbols)
        let difference = simplifier.simplify(self - other)
        return simplifier.isZero(difference)
    }
}

/// Simplification to a canonical form, bottom up, producing a tree that evaluates like the original.
///
/// **Canonical form.** A maximal chain of `+`, `-` and negation is collected into terms `c*m` with exact
/// rational coefficients c on canonical monomials m, plus a rational constant; a maximal chain of `*` and
/// `/` (and an integer power `b^n`) into a rational coefficient times factors `b^e` with rational
/// exponents. Like terms add their coefficients, like bases their exponents; terms and factors are sorted
/// by `CanonicalOrder`; a number times a single sum is distributed (`2*(x + y) -> 2*x + 2*y`). The result is
/// rebuilt as left-leaning chains that print the way SymPy writes them (`-x*exp(-x^2/2)/sqrt(2*pi)`,
/// `x^x*(log(x) + 1)`). Two trees that differ only by such rearrangement reach the same node.
/// Products of sums are not expanded, and no function identities are used.
///
/// **Which rewrites are exact.** Without assumptions, the result agrees with the original at every point,
/// NaN and infinities included, up to the sign of zero and the rounding of reordered operations:
/// numbers fold exactly (`+ - * /` except by zero, `abs`, `min`, `max`, integer powers whose result stays
/// under `maximumFoldedBits`); identities `x + 0`, `x*1`, `x^1`, `--x` go; like terms merge only when their
/// coefficients have the same sign (`x + x -> 2*x`; `x - x` stays, as inf - inf is NaN); like factors merge
/// only when both exponents are integers of the same sign (`x*x -> x^2`; `x/x` stays, as 0/0 is NaN);
/// `b^0 -> 1` only for a known scalar b.
///
/// With `assumingFiniteValues`, the result agrees with the original wherever every subexpression of the
/// original is finite (its domain), and it may be defined where the original is not: like terms and like
/// factors always merge, so `x - x -> 0` and `x/x -> x^0 -> 1` (also at x = 0, where the original is NaN),
/// `0*x -> 0`, and `dot`, `norm`, `sum`, `trace`, `u[i]` of zero give 0. On that domain every `1/b` or `b^-n` has
/// b != 0, every `b^(p/q)` with q even has b >= 0, so merging exponents is exact there. A derivative is
/// only meaningful on that domain anyway (see `Differentiator`), so simplify derivatives this way.
///
/// Nothing shrinks a vector to a scalar: `u^0` is the all-ones vector and `0*u` the zero vector unless u is
/// known to be scalar (see `ScalarShapes`). The matrix product `@` is not commutative and is never
/// reordered; its operands are simplified in place.
///
/// Cost: each node is visited once per chain that contains it, and chains are sorted, so a flat sum or
/// product of n terms takes O(n log n); no pass recurses once per level of the tree.
public struct Simplifier {
    public let assumesFiniteValues: Bool
    /// Size guard for folding integer powers of rationals (numerator plus denominator bits).
    public static let maximumFoldedBits = 4096
    var memo: [ObjectIdentifier: Expr] = [:]
    /// The collected parts of every sum and product this simplifier built, so that a sum or product that
    /// contains it reads them instead of walking its chain again.
    var sums: [ObjectIdentifier: CollectedSum] = [:]
    var products: [ObjectIdentifier: CollectedProduct] = [:]
    var shapes: ScalarShapes

    public init(assumingFiniteValues: Bool = false, scalarSymbols: Set<String> = []) {
        assumesFiniteValues = assumingFiniteValues
        shapes = ScalarShapes(scalarSymbols: scalarSymbols)
    }

    /// The canonical form in which identity claims compare: simplification assuming finite values, so two
    /// trees with the same canonical form agree as exact real functions wherever both are defined.
    public static func canonical(_ e: Expr, scalarSymbols: Set<String> = []) -> Expr {
        e.simplified(assumingFiniteValues: true, scalarSymbols: scalarSymbols)
    }

    public mutating func simplify(_ root: Expr) -> Expr {
        if let done = memo[ObjectIdentifier(root)] { return done }
        // Bottom up, without recursion. A sum or product node is built on its own only where its chain
        // is entered from outside (the root, a parent of another kind, or several parents); the inner
        // links of a chain are collected by the walk in `operands`, so a chain of n is collected once,
        // not once per prefix.
        let order = Expr.postorder(from: [root], skipping: { memo[ObjectIdentifier($0)] != nil })
        var parents: [ObjectIdentifier: Int] = [:]
        var enteredFromOutside = Set<ObjectIdentifier>()
        for node in order {
            let role = Self.role(node)
            for child in node.arguments where Self.role(child) != .other {
                parents[ObjectIdentifier(child), default: 0] += 1
                if Self.role(child) != role { enteredFromOutside.insert(ObjectIdentifier(child)) }
            }
        }
        for node in order {
            let id = ObjectIdentifier(node)
            guard node === root || Self.role(node) == .other || enteredFromOutside.contains(id) || parents[id, default: 0] > 1
            else { continue }
            memo[id] = build(node, operands(of: node))
        }
        return memo[ObjectIdentifier(root)]!
    }

    /// Whether a simplified node is zero: the literal, or (a zero vector) a product with coefficient 0.
    mutating func isZero(_ e: Expr) -> Bool {
        e === Terms.zero || products[ObjectIdentifier(e)]?.coefficient.isZero == true
    }

    /// How a node is collected: sums and products through their whole chain, other nodes one by one.
    enum Role { case sum, product, other }

    static func role(_ e: Expr) -> Role {
        switch e.kind {
        case .add, .subtract, .negate: .sum
        case .multiply, .divide: .product
        default: .other
        }
    }

    /// The operands of a node's chain with their signs (for a sum) or exponents ±1 (for a product): the
    /// nodes reached through its `+ - neg` (or `* /`) descendants that are not themselves of that kind,
    /// or already simplified. Other nodes: their arguments. (`simplify` has simplified all of them.)
    private func operands(of e: Expr) -> [(node: Expr, sign: Int)] {
        let role = Self.role(e)
        if role == .other { return e.arguments.map { ($0, 1) } }
        var leaves: [(node: Expr, sign: Int)] = []
        var stack = [(e, 1)]
        while let (node, sign) = stack.popLast() {
            let interior = node === e || (Self.role(node) == role && memo[ObjectIdentifier(node)] == nil)
            guard interior else { leaves.append((node, sign)); continue }
            let args = node.arguments
            switch node.kind {
            case .add, .multiply: stack.append((args[1], sign)); stack.append((args[0], sign))
            case .subtract, .divide: stack.append((args[1], -sign)); stack.append((args[0], sign))
            default: stack.append((args[0], -sign)) // negation
            }
        }
        return leaves
    }

    private mutating func build(_ e: Expr, _ operands: [(node: Expr, sign: Int)]) -> Expr {
        switch Self.role(e) {
        case .sum:
            var collected = CollectedSum(constant: 0, terms: [])
            for (node, sign) in operands { add(memo[ObjectIdentifier(node)]!, times: BigRational(sign), to: &collected) }
            return makeSum(collected)
        case .product:
            var collected = CollectedProduct(coefficient: 1, factors: [])
            for (node, sign) in operands { multiply(memo[ObjectIdentifier(node)]!, power: sign, into: &collected) }
            return makeProduct(collected)
        case .other:
            return rewrite(e.rebuilt(operands.map { memo[ObjectIdentifier($0.node)]! }))
        }
    }

    /// Rules for a node that is neither a sum nor a product, whose arguments are simplified.
    private mutating func rewrite(_ e: Expr) -> Expr {
        if let folded = Self.fold(e) { return .number(folded) }
        let args = e.arguments
        switch e.kind {
        case .power:
            // b^n with a number n is a product of one factor; a number to a power it cannot fold stays.
            guard let n = args[1].numberValue, args[0].numberValue == nil else { return e }
            if let inner = products[ObjectIdentifier(args[0])], n.isInteger, let (k, _) = n.smallParts,
               inner.factors.allSatisfy(\.exponent.isInteger), k > 0 || !inner.coefficient.isZero,
               let coefficient = Self.fold(.power(.number(inner.coefficient), .number(n))) {
                // (c b^m)^n = c^n b^(mn) for integers, for every value of b (so a power of a product is
                // collected like the product written out).
                return makeProduct(CollectedProduct(coefficient: coefficient, factors: inner.factors.map {
                    Factor(base: $0.base, exponent: $0.exponent * BigRational(k)) }))
            }
            return makeProduct(CollectedProduct(coefficient: 1, factors: [Factor(base: args[0], exponent: n)]))
        case .binaryFunction(.min), .binaryFunction(.max):
            return ordered(e)
        case .dot:
            if assumesFiniteValues && (isZero(args[0]) || isZero(args[1])) { return Terms.zero }
            return ordered(e)
        case .norm, .sum, .index, .trace:
            return assumesFiniteValues && isZero(args[0]) ? Terms.zero : e
        default:
            return e
        }
    }

    /// A commutative node with its two operands in canonical order.
    private func ordered(_ e: Expr) -> Expr {
        CanonicalOrder.precedes(e.arguments[1], e.arguments[0]) ? e.rebuilt([e.arguments[1], e.arguments[0]]) : e
    }

    /// The exact value of a function of number literals, when it is defined and not too large (sums and
    /// products of numbers are folded where they are collected).
    static func fold(_ e: Expr) -> BigRational? {
        let values = e.arguments.compactMap(\.numberValue)
        guard !values.isEmpty, values.count == e.arguments.count else { return nil }
        switch e.kind {
        case .function(.abs): return values[0].magnitude
        case .binaryFunction(.min): return Swift.min(values[0], values[1])
        case .binaryFunction(.max): return Swift.max(values[0], values[1])
        case .power, .binaryFunction(.pow):
            guard values[1].isInteger, let (n, _) = values[1].smallParts, n >= 0 || !values[0].isZero,
                  n.magnitude <= UInt(maximumFoldedBits),
                  values[0].bitSize * Int(n.magnitude) <= maximumFoldedBits else { return nil }
            return values[0].power(n)
        default:
            return nil
        }
    }
}
