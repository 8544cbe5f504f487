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
        /// `u[i]`: component i (1-based); `arguments[1]` is an integer literal.
        case index
    }

    public let kind: Kind
    public let arguments: [Expr]

    private init(kind: Kind, arguments: [Expr]) {
        self.kind = kind
        self.arguments = arguments
    }

    public static func == (a: Expr, b: Expr) -> Bool { a === b }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }

    // MARK: Interning

    private struct Key: Hashable {
        let kind: Kind
        let arguments: [ObjectIdentifier]
    }

    /// One lock per shard of the intern table, so that threads building trees at once (parallel claim
    /// checks) rarely wait for each other.
    private final class Shard: Sendable {
        let table = Mutex<[Key: Expr]>([:])
    }

    private static let shards = (0..<64).map { _ in Shard() }

    /// The unique node with this kind and these arguments (the only way nodes are made).
    public static func make(_ kind: Kind, _ arguments: [Expr] = []) -> Expr {
        let key = Key(kind: kind, arguments: arguments.map(ObjectIdentifier.init))
        return shards[Int(UInt(bitPattern: key.hashValue) % 64)].table.withLock { table in
            if let existing = table[key] { return existing }
            let node = Expr(kind: kind, arguments: arguments)
            table[key] = node
            return node
        }
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

    /// Every symbol name occurring in the tree.
    public var freeSymbols: Set<String> {
        var names = Set<String>()
        var seen = Set<ObjectIdentifier>()
        func visit(_ e: Expr) {
            guard seen.insert(ObjectIdentifier(e)).inserted else { return }
            if let name = e.symbolName { names.insert(name) }
            e.arguments.forEach(visit)
        }
        visit(self)
        return names
    }

    /// The same operation on new arguments (SymPy's `func(*args)`): `rebuilt(arguments) === self`.
    public func rebuilt(_ newArguments: [Expr]) -> Expr { Expr.make(kind, newArguments) }

    /// Replaces symbols by expressions everywhere (simultaneous substitution).
    public func substituting(_ replacements: [String: Expr]) -> Expr {
        var memo: [ObjectIdentifier: Expr] = [:]
        func visit(_ e: Expr) -> Expr {
            if let done = memo[ObjectIdentifier(e)] { return done }
            let result: Expr
            if let name = e.symbolName, let replacement = replacements[name] {
                result = replacement
            } else if e.arguments.isEmpty {
                result = e
            } else {
                result = e.rebuilt(e.arguments.map(visit))
            }
            memo[ObjectIdentifier(e)] = result
            return result
        }
        return visit(self)
    }

    public var description: String { PlainPrinter.print(self) }
}
