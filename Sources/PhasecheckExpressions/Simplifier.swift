import PhasecheckNumbers

extension Expr {
    /// This tree simplified; see `Simplifier`.
    public func simplified(assumingFiniteValues: Bool = false) -> Expr {
        var simplifier = Simplifier(assumingFiniteValues: assumingFiniteValues)
        return simplifier.simplify(self)
    }
}

/// Safe local simplification, bottom up, producing a new tree that evaluates to the same value.
///
/// Always applied (exact for every value, NaN and infinities included, up to the sign of zero and the
/// rounding of folded constants, which are computed exactly):
/// - folding of exact numbers: `+ - * /` (not by zero), negation, `abs`, `min`, `max`, and integer powers
///   whose result stays under `maximumFoldedBits`;
/// - identities: `x + 0`, `x - 0`, `0 - x -> -x`, `x*1`, `x/1`, `(-1)*x -> -x`, `x/(-1) -> -x`, `--x -> x`,
///   `x + (-y) -> x - y`, `x - (-y) -> x + y`, `(-x)*(-y) -> x*y`, `x^1 -> x`;
/// - `x^0 -> 1` where x is known to be a scalar (x^0 is 1 even for NaN, but for a vector u, u^0 is the
///   all-ones vector and `sum(u^0)` is u's length);
/// - canonical order of the operands of `+`, `*`, `dot`, `min`, `max` (numbers first, then a structural
///   total order), so equal sums and products written differently become the same node.
///
/// Only with `assumingFiniteValues` (unsafe when a subexpression can be infinite or NaN: 0*inf and inf - inf
/// are NaN, and folding them away would hide a domain error the checker should report):
/// `0*x -> 0`, `0/x -> 0`, `x - x -> 0`, and `dot`, `norm`, `sum`, `u[i]` of 0 -> 0.
///
/// `x/x -> 1` is applied only to nonzero number literals (by folding); nothing else is proved nonzero.
public struct Simplifier {
    public let assumesFiniteValues: Bool
    /// Size guard for folding integer powers of rationals (numerator plus denominator bits).
    public static let maximumFoldedBits = 4096
    private var memo: [ObjectIdentifier: Expr] = [:]
    private var shapes = ScalarShapes()

    public init(assumingFiniteValues: Bool = false) {
        assumesFiniteValues = assumingFiniteValues
    }

    public mutating func simplify(_ e: Expr) -> Expr {
        if let done = memo[ObjectIdentifier(e)] { return done }
        let children = e.arguments.map { simplify($0) }
        let result = rewrite(e.rebuilt(children))
        memo[ObjectIdentifier(e)] = result
        return result
    }

    /// Applies the first matching rule to a node whose children are simplified, then rewrites the result.
    private mutating func rewrite(_ e: Expr) -> Expr {
        let next = step(e)
        return next === e ? e : rewrite(next)
    }

    private mutating func step(_ e: Expr) -> Expr {
        if let folded = Self.fold(e) { return .number(folded) }
        let args = e.arguments
        let finite = assumesFiniteValues
        func isNumber(_ x: Expr, _ value: Int) -> Bool { x.numberValue == BigRational(value) }
        switch e.kind {
        case .add:
            if args[1].kind == .negate { return args[0] - args[1].arguments[0] }
            let sum = Terms.sum(args[0], args[1])
            return sum === e ? ordered(e) : sum
        case .subtract:
            if finite && args[0] === args[1] { return Terms.zero }
            if args[1].kind == .negate { return args[0] + args[1].arguments[0] }
            return Terms.difference(args[0], args[1])
        case .multiply:
            if isNumber(args[0], -1) { return -args[1] }
            if args[0].kind == .negate && args[1].kind == .negate {
                return args[0].arguments[0] * args[1].arguments[0]
            }
            let product = Terms.product(args[0], args[1], zeroAbsorbs: finite)
            return product === e ? ordered(e) : product
        case .divide:
            if isNumber(args[1], -1) { return -args[0] }
            return Terms.quotient(args[0], args[1], zeroAbsorbs: finite)
        case .negate:
            return Terms.negation(args[0])
        case .power:
            if isNumber(args[1], 1) { return args[0] }
            if isNumber(args[1], 0) && shapes.isScalar(args[0]) { return Terms.one }
            return e
        case .binaryFunction(.min), .binaryFunction(.max), .dot:
            if finite && e.kind == .dot && args.contains(Terms.zero) { return Terms.zero }
            return ordered(e)
        case .norm, .sum, .index:
            return finite && args[0] === Terms.zero ? Terms.zero : e
        case .number, .symbol, .function, .binaryFunction, .vector:
            return e
        }
    }

    /// A commutative node with its two operands in canonical order.
    private func ordered(_ e: Expr) -> Expr {
        CanonicalOrder.precedes(e.arguments[1], e.arguments[0]) ? e.rebuilt([e.arguments[1], e.arguments[0]]) : e
    }

    /// The exact value of an operation on number literals, when it is defined and not too large.
    static func fold(_ e: Expr) -> BigRational? {
        let values = e.arguments.compactMap(\.numberValue)
        guard !values.isEmpty, values.count == e.arguments.count else { return nil }
        switch e.kind {
        case .add: return values[0] + values[1]
        case .subtract: return values[0] - values[1]
        case .multiply: return values[0] * values[1]
        case .divide: return values[1].isZero ? nil : values[0] / values[1]
        case .negate: return -values[0]
        case .function(.abs): return values[0].magnitude
        case .binaryFunction(.min): return Swift.min(values[0], values[1])
        case .binaryFunction(.max): return Swift.max(values[0], values[1])
        case .power, .binaryFunction(.pow):
            guard values[1].isInteger, let (n, _) = values[1].smallParts, n >= 0 || !values[0].isZero,
                  n.magnitude <= UInt(maximumFoldedBits),
                  values[0].bitSize * Int(n.magnitude) <= maximumFoldedBits else { return nil }
            return values[0].power(n)
        case .number, .symbol, .function, .binaryFunction, .vector, .dot, .norm, .sum, .index:
            return nil
        }
    }
}

/// A total order on nodes that does not depend on the run: by kind, then by literal value, name or
/// function, then by arguments (lexicographically, recursively).
enum CanonicalOrder {
    static func precedes(_ a: Expr, _ b: Expr) -> Bool { compare(a, b) < 0 }

    static func compare(_ a: Expr, _ b: Expr) -> Int {
        if a === b { return 0 }
        let (ra, rb) = (rank(a.kind), rank(b.kind))
        if ra != rb { return ra < rb ? -1 : 1 }
        switch (a.kind, b.kind) {
        case (.number(let x), .number(let y)): return x < y ? -1 : 1
        case (.symbol(let x), .symbol(let y)): return x < y ? -1 : 1
        case (.function(let f), .function(let g)) where f != g: return f.rawValue < g.rawValue ? -1 : 1
        case (.binaryFunction(let f), .binaryFunction(let g)) where f != g: return f.rawValue < g.rawValue ? -1 : 1
        default: break
        }
        for (x, y) in zip(a.arguments, b.arguments) {
            let c = compare(x, y)
            if c != 0 { return c }
        }
        return a.arguments.count < b.arguments.count ? -1 : 1
    }

    private static func rank(_ kind: Expr.Kind) -> Int {
        switch kind {
        case .number: 0
        case .symbol: 1
        case .add: 2
        case .subtract: 3
        case .multiply: 4
        case .divide: 5
        case .negate: 6
        case .power: 7
        case .function: 8
        case .binaryFunction: 9
        case .vector: 10
        case .dot: 11
        case .norm: 12
        case .sum: 13
        case .index: 14
        }
    }
}
