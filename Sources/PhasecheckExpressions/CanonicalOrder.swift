import PhasecheckNumbers

/// A total order on nodes that does not depend on the run, used to sort the operands of sums, products,
/// `dot`, `min` and `max` into canonical order.
///
/// Nodes compare by kind (in an order chosen for readable output: numbers, names, calls, then powers,
/// products and sums, so `x^x*(log(x) + 1)`), then by value, name or function, then by arity and
/// arguments, lexicographically. Past `lexicographicDepth` levels the order falls back to the structural
/// hash (and, for the astronomically rare collision, a full iterative comparison), so comparing two deep
/// trees costs at most a path of that length, and the recursion is bounded.
enum CanonicalOrder {
    static let lexicographicDepth = 12

    static func precedes(_ a: Expr, _ b: Expr) -> Bool { compare(a, b) < 0 }

    static func compare(_ a: Expr, _ b: Expr, depth: Int = lexicographicDepth) -> Int {
        if a === b { return 0 }
        let label = compareLabels(a, b)
        if label != 0 { return label }
        if depth == 0 {
            if a.structuralHash != b.structuralHash { return a.structuralHash < b.structuralHash ? -1 : 1 }
            return fullCompare(a, b)
        }
        for (x, y) in zip(a.arguments, b.arguments) {
            let c = compare(x, y, depth: depth - 1)
            if c != 0 { return c }
        }
        return 0 // unreachable: same label and identical arguments make the same interned node
    }

    /// Kind, payload and arity.
    private static func compareLabels(_ a: Expr, _ b: Expr) -> Int {
        let (ra, rb) = (rank(a.kind), rank(b.kind))
        if ra != rb { return ra < rb ? -1 : 1 }
        switch (a.kind, b.kind) {
        case (.number(let x), .number(let y)) where x != y: return x < y ? -1 : 1
        case (.symbol(let x), .symbol(let y)) where x != y: return x < y ? -1 : 1
        case (.function(let f), .function(let g)) where f != g: return f.rawValue < g.rawValue ? -1 : 1
        case (.binaryFunction(let f), .binaryFunction(let g)) where f != g: return f.rawValue < g.rawValue ? -1 : 1
        case (.matrixFunction(let f), .matrixFunction(let g)) where f != g: return f.rawValue < g.rawValue ? -1 : 1
        default: break
        }
        if a.arguments.count != b.arguments.count { return a.arguments.count < b.arguments.count ? -1 : 1 }
        return 0
    }

    /// Preorder lexicographic comparison of labels, over an explicit stack.
    private static func fullCompare(_ a: Expr, _ b: Expr) -> Int {
        var stack = [(a, b)]
        while let (x, y) = stack.popLast() {
            if x === y { continue }
            let label = compareLabels(x, y)
            if label != 0 { return label }
            stack.append(contentsOf: zip(x.arguments, y.arguments).reversed())
        }
        return 0
    }

    private static func rank(_ kind: Expr.Kind) -> Int {
        switch kind {
        case .number: 0
        case .symbol: 1
        case .index: 2
        case .function: 3
        case .binaryFunction: 4
        case .dot: 5
        case .norm: 6
        case .sum: 7
        case .vector: 8
        case .power: 9
        case .negate: 10
        case .multiply: 11
        case .divide: 12
        case .add: 13
        case .subtract: 14
        case .matmul: 15
        case .transpose: 16
        case .trace: 17
        case .identity: 18
        case .zeros: 19
        case .diag: 20
        case .outer: 21
        case .row: 22
        case .column: 23
        case .matrixFunction: 24
        }
    }
}
