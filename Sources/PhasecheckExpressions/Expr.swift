import PhasecheckNumbers
import Synchronization

/// An immutable, hash-consed expression node.
///
/// Nodes are interned: building the same operation on the same arguments twice returns the same object,
/// so structural equality is identity, hashing is O(1), and shared subexpressions are stored (and, once
/// compiled to a tape, evaluated) once. Constructors never simplify; `Simplifier` does that explicitly,
/// so a parsed tree is exactly what was written and prints back to the same text.
public final class Expr: Hashable, @unchecked Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        /// An exact rational literal.
        case number(BigRational)
        /// A named scalar or vector symbol (its shape comes from the context that compiles it).
        case symbol(String)
        case add, subtract, multiply, divide, negate
        /// `arguments[0] ^ arguments[1]`.
        case power
        case function(ElementaryFunction)
        case binaryFunction(BinaryFunction)
        /// A vector literal `[a, b, c]`.
        case vector
        /// `dot(u, w)`: sum of elementwise products.
        case dot
        /// `norm(u)`: Euclidean norm.
        case norm
        /// `sum(u)`: sum of the components.
        case sum
        /// `u[i]`: component i (1-based); `arguments[1]` is an integer literal. `W[i, j]`: the entry of a
        /// matrix (a third argument, the column).
        case index
        /// `A @ B`: the matrix product (of matrices and vectors; `*` stays elementwise).
        case matmul
        /// `transpose(A)`.
        case transpose
        /// `trace(A)` of a square matrix.
        case trace
        /// `eye(n)`: the n x n identity; `arguments[0]` is an integer literal.
        case identity
        /// `zeros(m, n)` (a matrix) or `zeros(n)` (a vector); the arguments are integer literals.
        case zeros
        /// `diag(v)`: the diagonal matrix of a vector, or the diagonal (a vector) of a square matrix.
        case diag
        /// `outer(u, v)`: the matrix u v^T.
        case outer
        /// `row(W, i)` and `col(W, j)`: a row or column of a matrix as a vector; `arguments[1]` is an
        /// integer literal (1-based).
        case row, column
        /// `det(A)`, `inv(A)`, `expm(A)`, `sqrtm(A)`, `powm(A, p)`: a function of a whole square matrix
        /// (`arguments[1]` is powm's scalar exponent).
        case matrixFunction(MatrixFunction)
    }

    public let kind: Kind
    public let arguments: [Expr]
    /// A hash of the structure that is the same in every run (Swift's `Hasher` is seeded per process), so
    /// that `CanonicalOrder` can order deep trees in O(1) without depending on the run.
    let structuralHash: UInt64

    private init(kind: Kind, arguments: [Expr]) {
        self.kind = kind
        self.arguments = arguments
        var hash = StructuralHash(kind)
        for argument in arguments { hash.combine(argument.structuralHash) }
        structuralHash = hash.value
    }

    public static func == (a: Expr, b: Expr) -> Bool { a === b }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }

    // MARK: Interning

    /// The intern table: an open-addressing hash set of nodes (linear probing, at most 3/4 full), found by
    /// their kind and their arguments' identities. A slot is one reference, so the table costs about 16
    /// bytes a node (a dictionary keyed by kind and arguments cost over 100), and a lookup allocates nothing.
    private struct InternTable {
        private var slots = [Expr?](repeating: nil, count: 64)
        private var count = 0

        /// Numbers hash by their nearest Double and size, not by the decimal text `BigRational` hashes:
        /// simplification makes a fresh coefficient or exponent node at every level of a chain.
        static func hash(_ kind: Kind, _ arguments: [Expr]) -> Int {
            var hasher = Hasher()
            if case .number(let q) = kind {
                hasher.combine(q.doubleValue)
                hasher.combine(q.bitSize)
            } else {
                hasher.combine(kind)
            }
            for argument in arguments { hasher.combine(ObjectIdentifier(argument)) }
            return hasher.finalize()
        }

        /// The node with this kind and these arguments, made and added if absent. `hash` is `hash(kind, arguments)`.
        mutating func node(_ kind: Kind, _ arguments: [Expr], hash: Int) -> Expr {
            let mask = slots.count - 1
            var i = hash & mask
            while let existing = slots[i] {
                if existing.arguments.count == arguments.count && existing.kind == kind
                    && zip(existing.arguments, arguments).allSatisfy({ $0 === $1 }) {
                    return existing
                }
                i = (i + 1) & mask
            }
            let node = Expr(kind: kind, arguments: arguments)
            slots[i] = node
            count += 1
            if 4 * count > 3 * slots.count { grow() }
            return node
        }

        private mutating func grow() {
            let old = slots
            slots = [Expr?](repeating: nil, count: 2 * old.count)
            let mask = slots.count - 1
            for case let node? in old {
                var i = Self.hash(node.kind, node.arguments) & mask
                while slots[i] != nil { i = (i + 1) & mask }
                slots[i] = node
            }
        }
    }

    /// One lock per shard of the intern table, so that threads building trees at once (parallel claim
    /// checks) rarely wait for each other.
    private final class Shard: Sendable {
        let table = Mutex(InternTable())
    }

    private static let shards = (0..<64).map { _ in Shard() }

    /// The unique node with this kind and these arguments (the only way nodes are made).
    public static func make(_ kind: Kind, _ arguments: [Expr] = []) -> Expr {
        let hash = InternTable.hash(kind, arguments)
        // The shard from the high bits, the slot from the low ones, so the two stay independent.
        return shards[Int(UInt(bitPattern: hash) >> 58)].table.withLock { $0.node(kind, arguments, hash: hash) }
    }

    // MARK: Convenience constructors

    public static func number(_ q: BigRational) -> Expr { make(.number(q)) }
    public static func number(_ n: Int) -> Expr { make(.number(BigRational(n))) }
    public static func symbol(_ name: String) -> Expr { make(.symbol(name)) }
    public static func call(_ f: ElementaryFunction, _ x: Expr) -> Expr { make(.function(f), [x]) }
    public static func call(_ f: BinaryFunction, _ a: Expr, _ b: Expr) -> Expr { make(.binaryFunction(f), [a, b]) }
    public static func power(_ base: Expr, _ exponent: Expr) -> Expr { make(.power, [base, exponent]) }
    public static func vector(_ components: [Expr]) -> Expr { make(.vector, components) }
    public static func dot(_ a: Expr, _ b: Expr) -> Expr { make(.dot, [a, b]) }
    public static func norm(_ a: Expr) -> Expr { make(.norm, [a]) }
    public static func sum(_ a: Expr) -> Expr { make(.sum, [a]) }
    public static func index(_ v: Expr, _ i: Int) -> Expr { make(.index, [v, number(i)]) }
    public static func index(_ m: Expr, _ i: Int, _ j: Int) -> Expr { make(.index, [m, number(i), number(j)]) }
    public static func matmul(_ a: Expr, _ b: Expr) -> Expr { make(.matmul, [a, b]) }
    public static func transpose(_ a: Expr) -> Expr { make(.transpose, [a]) }
    public static func trace(_ a: Expr) -> Expr { make(.trace, [a]) }
    public static func identity(_ n: Int) -> Expr { make(.identity, [number(n)]) }
    public static func diag(_ a: Expr) -> Expr { make(.diag, [a]) }
    public static func outer(_ a: Expr, _ b: Expr) -> Expr { make(.outer, [a, b]) }
    public static func call(_ f: MatrixFunction, _ a: Expr, exponent: Expr? = nil, direction: Expr? = nil) -> Expr {
        make(.matrixFunction(f), [a] + (exponent.map { [$0] } ?? []) + (direction.map { [$0] } ?? []))
    }

    public static func + (a: Expr, b: Expr) -> Expr { make(.add, [a, b]) }
    public static func - (a: Expr, b: Expr) -> Expr { make(.subtract, [a, b]) }
    public static func * (a: Expr, b: Expr) -> Expr { make(.multiply, [a, b]) }
    public static func / (a: Expr, b: Expr) -> Expr { make(.divide, [a, b]) }
    public static prefix func - (a: Expr) -> Expr { make(.negate, [a]) }

    // MARK: Queries

    /// The literal value, if this node is a number.
    public var numberValue: BigRational? {
        if case .number(let q) = kind { return q }
        return nil
    }

    /// The name, if this node is a symbol.
    public var symbolName: String? {
        if case .symbol(let name) = kind { return name }
        return nil
    }

    /// What vanishes where this node switches branch, a kink or a jump (abs, sign: the argument; min, max: the
    /// difference of the arguments; atan2: y), nil for a smooth node (`ElementaryFunction.switchesAtZero`,
    /// `BinaryFunction.switching`).
    public var switchingArgument: Expr? {
        switch kind {
        case .function(let f) where f.switchesAtZero: return arguments[0]
        case .binaryFunction(let f):
            switch f.switching {
            case .difference?: return arguments[0] - arguments[1]
            case .first?: return arguments[0]
            case nil: return nil
            }
        default: return nil
        }
    }

    /// Every symbol name occurring in the tree.
    public var freeSymbols: Set<String> {
        Set(Expr.postorder(from: [self]).compactMap(\.symbolName))
    }

    /// The distinct nodes under `roots`, each listed after its arguments.
    ///
    /// The walk is iterative, so a tree's depth is limited by memory, not by the stack: a flat sum of a
    /// million terms is a left-leaning chain a million deep. Every pass over trees in this module runs its
    /// per-node rule in this order, reading the results for the arguments from its memo. Nodes for which
    /// `isDone` holds (typically: already in the caller's memo) are left out, and so is everything reachable
    /// only through them.
    public static func postorder(from roots: [Expr], skipping isDone: (Expr) -> Bool = { _ in false }) -> [Expr] {
        var order: [Expr] = []
        var seen = Set<ObjectIdentifier>()
        var stack: [(node: Expr, next: Int)] = []
        for root in roots where !isDone(root) && seen.insert(ObjectIdentifier(root)).inserted {
            stack.append((root, 0))
            while let (node, next) = stack.last {
                if next < node.arguments.count {
                    stack[stack.count - 1].next += 1
                    let child = node.arguments[next]
                    if !isDone(child) && seen.insert(ObjectIdentifier(child)).inserted { stack.append((child, 0)) }
                } else {
                    order.append(node)
                    stack.removeLast()
                }
            }
        }
        return order
    }

    /// The same operation on new arguments (SymPy's `func(*args)`): `rebuilt(arguments) === self`, found
    /// without a lookup when no argument changed (the common case when rewriting large trees).
    public func rebuilt(_ newArguments: [Expr]) -> Expr {
        if newArguments.count == arguments.count && zip(newArguments, arguments).allSatisfy({ $0 === $1 }) { return self }
        return Expr.make(kind, newArguments)
    }

    /// Replaces symbols by expressions everywhere (simultaneous substitution).
    public func substituting(_ replacements: [String: Expr]) -> Expr {
        var memo: [ObjectIdentifier: Expr] = [:]
        for e in Expr.postorder(from: [self]) {
            if let name = e.symbolName, let replacement = replacements[name] {
                memo[ObjectIdentifier(e)] = replacement
            } else {
                memo[ObjectIdentifier(e)] = e.arguments.isEmpty ? e : e.rebuilt(e.arguments.map { memo[ObjectIdentifier($0)]! })
            }
        }
        return memo[ObjectIdentifier(self)]!
    }

    public var description: String { PlainPrinter.print(self) }
}

/// FNV-1a style hash of a node's kind, payload and its arguments' structural hashes.
struct StructuralHash {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    init(_ kind: Expr.Kind) {
        switch kind {
        case .number(let q): combine(1); combine(q.description)
        case .symbol(let name): combine(2); combine(name)
        case .function(let f): combine(3); combine(f.rawValue)
        case .binaryFunction(let f): combine(4); combine(f.rawValue)
        case .add: combine(5)
        case .subtract: combine(6)
        case .multiply: combine(7)
        case .divide: combine(8)
        case .negate: combine(9)
        case .power: combine(10)
        case .vector: combine(11)
        case .dot: combine(12)
        case .norm: combine(13)
        case .sum: combine(14)
        case .index: combine(15)
        case .matmul: combine(16)
        case .transpose: combine(17)
        case .trace: combine(18)
        case .identity: combine(19)
        case .zeros: combine(20)
        case .diag: combine(21)
        case .outer: combine(22)
        case .row: combine(23)
        case .column: combine(24)
        case .matrixFunction(let f): combine(25); combine(f.rawValue)
        }
    }

    /// One whole word per step (an argument's hash), mixed so that nearby words spread.
    mutating func combine(_ word: UInt64) {
        value = (value ^ word) &* 0x100_0000_01b3
        value ^= value >> 29
    }

    mutating func combine(_ text: String) {
        for byte in text.utf8 { value = (value ^ UInt64(byte)) &* 0x100_0000_01b3 }
        combine(0xff)
    }
}
