import PhasecheckNumbers

/// Rewrites an expression whose symbols are all scalars into scalar expressions of its entries
/// (row-major): `trace(A @ B)` becomes the sum of the products of A's and B's entries, `det(A)` its
/// cofactor expansion, `inv(A)` the adjugate over the determinant, `expm(s*C)` (C constant with rational
/// eigenvalues) sums of polynomials times exponentials (`MatrixExponentialEntries`).
///
/// Code that only knows scalar operations (the width-limit section's expansions in powers of d, its
/// tropical orders) reads matrices of a fixed size this way. The shapes follow `ShapeRules`, so the errors
/// are the compiler's. The cofactor expansion shares its minors (a determinant of size n costs about
/// n 2^n nodes), so `det` and `inv` are refused above `maximumCofactorSize`; `sqrtm` and `powm` (and other
/// `expm`s) have no entries made of finitely many scalar operations and are refused.
public struct EntryUnrolling {
    /// The largest matrix whose `det` or `inv` is expanded by cofactors.
    public static let maximumCofactorSize = 8

    /// Sizes by name (`dim n = 3`): a symbol in a size or index position, or in arithmetic, is its value.
    let sizes: [String: Int]
    /// Symbols that stand for values already unrolled; every other symbol is a scalar.
    let inputs: [String: (shape: Shape, entries: [Expr])]
    private var memo: [ObjectIdentifier: (shape: Shape, entries: [Expr])] = [:]

    public init(sizes: [String: Int] = [:], inputs: [String: (shape: Shape, entries: [Expr])] = [:]) {
        self.sizes = sizes
        self.inputs = inputs
    }

    /// The scalar expression of `e`, which must have one component.
    public mutating func scalar(_ e: Expr) throws -> Expr {
        let (shape, entries) = try unrolled(e)
        guard shape.count == 1 else { throw CompileError(message: "`\(e)` is \(shape.phrase) where a scalar is needed", node: e) }
        return entries[0]
    }

    /// The shape of `e` and its entries, row-major. Throws a `CompileError` naming the node that does not fit.
    public mutating func unrolled(_ e: Expr) throws -> (shape: Shape, entries: [Expr]) {
        for node in Expr.postorder(from: [e], skipping: { memo[ObjectIdentifier($0)] != nil }) {
            if let name = node.symbolName {
                memo[ObjectIdentifier(node)] = inputs[name] ?? (.scalar, [sizes[name].map { .number($0) } ?? node])
                continue
            }
            let arguments = node.arguments.map { memo[ObjectIdentifier($0)]! }
            let sized = resolvingSizes(node)
            do {
                let shape = node.arguments.isEmpty ? Shape.scalar : try ShapeRules.shape(of: sized, arguments.map(\.shape))
                memo[ObjectIdentifier(node)] = (shape, try entries(of: sized, shape, arguments))
            } catch let error as CompileError {
                // Reported at the node as written (the one with the size names).
                throw CompileError(message: error.message, node: error.node.map { $0 === sized ? node : $0 } ?? node)
            }
        }
        return memo[ObjectIdentifier(e)]!
    }

    /// The node with size names in its size and index arguments replaced by their values.
    private func resolvingSizes(_ node: Expr) -> Expr {
        let literalArguments: Range<Int> = switch node.kind {
        case .identity, .zeros: 0..<node.arguments.count
        case .index, .row, .column: 1..<node.arguments.count
        default: 0..<0
        }
        guard literalArguments.contains(where: { node.arguments[$0].symbolName.flatMap { sizes[$0] } != nil }) else { return node }
        return node.rebuilt(node.arguments.enumerated().map { i, a in
            literalArguments.contains(i) ? a.symbolName.flatMap { sizes[$0] }.map { .number($0) } ?? a : a
        })
    }

    private func entries(of e: Expr, _ shape: Shape, _ args: [(shape: Shape, entries: [Expr])]) throws -> [Expr] {
        /// Entry by entry, a single component broadcast; zeros and ones of the literals dropped (`Terms`).
        func elementwise() -> [Expr] {
            (0..<shape.count).map { i in
                let a = args.map { $0.entries.count == 1 ? $0.entries[0] : $0.entries[i] }
                switch e.kind {
                case .add: return Terms.sum(a[0], a[1])
                case .subtract: return Terms.difference(a[0], a[1])
                case .multiply: return Terms.product(a[0], a[1])
                case .negate: return Terms.negation(a[0])
                default: return e.rebuilt(a)
                }
            }
        }
        /// Entry (i, j) (0-based) of argument `a`, a matrix of `columns` columns.
        func entry(_ a: Int, _ i: Int, _ j: Int, columns: Int) -> Expr { args[a].entries[i * columns + j] }
        func integer(_ argument: Expr) -> Int { argument.numberValue!.smallParts!.0 }
        switch e.kind {
        case .number, .symbol:
            return [e]
        case .add, .subtract, .multiply, .divide, .power, .negate, .function, .binaryFunction:
            return elementwise()
        case .vector:
            return args.flatMap(\.entries)
        case .dot:
            return [Self.sum(zip(args[0].entries, args[1].entries).map { Terms.product($0, $1) })]
        case .norm:
            return [.call(.sqrt, Self.sum(args[0].entries.map { Terms.product($0, $0) }))]
        case .sum:
            return [Self.sum(args[0].entries)]
        case .trace:
            guard case .matrix(let n, _) = args[0].shape else { return args[0].entries }
            return [Self.sum((0..<n).map { entry(0, $0, $0, columns: n) })]
        case .index:
            let indices = e.arguments.dropFirst().map(integer)
            if case .matrix(_, let n) = args[0].shape { return [entry(0, indices[0] - 1, indices[1] - 1, columns: n)] }
            return [args[0].entries[indices[0] - 1]]
        case .matmul:
            // A vector is a column on the right, a row on the left.
            let (m, k): (Int, Int) = switch args[0].shape { case .matrix(let m, let k): (m, k); default: (1, args[0].shape.count) }
            let n: Int = if case .matrix(_, let n) = args[1].shape { n } else { 1 }
            return (0..<m).flatMap { i in
                (0..<n).map { j in Self.sum((0..<k).map { l in Terms.product(entry(0, i, l, columns: k), entry(1, l, j, columns: n)) }) }
            }
        case .transpose:
            guard case .matrix(let m, let n) = args[0].shape else { return args[0].entries }
            return (0..<n).flatMap { j in (0..<m).map { i in entry(0, i, j, columns: n) } }
        case .identity:
            let n = integer(e.arguments[0])
            return (0..<n * n).map { $0 / n == $0 % n ? Terms.one : Terms.zero }
        case .zeros:
            return Array(repeating: Terms.zero, count: shape.count)
        case .diag:
            if case .matrix(let n, _) = args[0].shape { return (0..<n).map { entry(0, $0, $0, columns: n) } }
            let n = args[0].entries.count
            return (0..<n * n).map { $0 / n == $0 % n ? args[0].entries[$0 / n] : Terms.zero }
        case .outer:
            return args[0].entries.flatMap { u in args[1].entries.map { Terms.product(u, $0) } }
        case .row, .column:
            guard case .matrix(let m, let n) = args[0].shape else { return [] }
            let k = integer(e.arguments[1]) - 1
            return e.kind == .row ? (0..<n).map { entry(0, k, $0, columns: n) } : (0..<m).map { entry(0, $0, k, columns: n) }
        case .matrixFunction(let f):
            guard case .matrix(let n, _) = args[0].shape else { return [] }
            switch f {
            case .det, .inv:
                guard n <= Self.maximumCofactorSize else {
                    throw CompileError(message: "`\(f.rawValue)` of a \(n)x\(n) matrix is expanded by cofactors here, up to \(Self.maximumCofactorSize)x\(Self.maximumCofactorSize) matrices, in `\(e)`", node: e)
                }
                var cofactors = CofactorExpansion(entries: args[0].entries, size: n)
                let det = cofactors.determinant(rows: Array(0..<n), columns: Array(0..<n))
                guard f == .inv else { return [det] }
                // inv(A)[i, j] = (-1)^(i+j) det(A without row j and column i) / det(A).
                return (0..<n).flatMap { i in
                    (0..<n).map { j in
                        let minor = cofactors.determinant(rows: (0..<n).filter { $0 != j }, columns: (0..<n).filter { $0 != i })
                        // A plain quotient: 0/det must still fail where det vanishes.
                        return ((i + j) % 2 == 0 ? minor : Terms.negation(minor)) / det
                    }
                }
            case .expm:
                do { return try MatrixExponentialEntries.entries(args[0].entries, size: n) } catch {
                    throw CompileError(message: "`expm` is written entry by entry only for a constant matrix, or one scalar times a constant matrix, "
                                       + "whose eigenvalues are rational; here \(error.reason), in `\(e)`", node: e)
                }
            case .sqrtm, .powm, .dpowm, .dexpm:
                throw CompileError(message: "`\(f.rawValue)` has no entries made of finitely many sums, products and quotients, so it cannot be unrolled to scalars in `\(e)`", node: e)
            }
        }
    }

    /// A sum of terms as a balanced tree without zero terms (0 for none).
    static func sum(_ terms: [Expr]) -> Expr {
        let kept = terms.filter { $0 !== Terms.zero }
        guard !kept.isEmpty else { return Terms.zero }
        func balanced(_ range: Range<Int>) -> Expr {
            if range.count == 1 { return kept[range.lowerBound] }
            let middle = range.lowerBound + range.count / 2
            return balanced(range.lowerBound..<middle) + balanced(middle..<range.upperBound)
        }
        return balanced(0..<kept.count)
    }
}

/// Laplace expansion along the first row of the chosen rows, each minor expanded once (keyed by its
/// rows and columns), so the determinant and every cofactor of an n x n matrix share their subexpressions.
private struct CofactorExpansion {
    let entries: [Expr]
    let size: Int
    private var memo: [[Int]: Expr] = [:]

    init(entries: [Expr], size: Int) {
        self.entries = entries
        self.size = size
    }

    mutating func determinant(rows: [Int], columns: [Int]) -> Expr {
        if rows.count == 1 { return entries[rows[0] * size + columns[0]] }
        let key = rows + [-1] + columns
        if let done = memo[key] { return done }
        var terms: [Expr] = []
        for (k, column) in columns.enumerated() {
            let a = entries[rows[0] * size + column]
            guard a !== Terms.zero else { continue }
            var remaining = columns
            remaining.remove(at: k)
            let term = Terms.product(a, determinant(rows: Array(rows.dropFirst()), columns: remaining))
            terms.append(k % 2 == 0 ? term : Terms.negation(term))
        }
        let result = EntryUnrolling.sum(terms)
        memo[key] = result
        return result
    }
}
