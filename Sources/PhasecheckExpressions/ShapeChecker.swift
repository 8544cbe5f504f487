import PhasecheckNumbers

/// The shapes of expressions over declared inputs, inferred without compiling: a `dot(u, u)` over a
/// vector of 10^6 components is one step here, against 2 * 10^6 tape instructions. Results are memoized
/// across calls, so checking n `let`s that each use the previous one costs O(n).
///
/// The rules are `ShapeRules`, which `TapeBuilder` follows too, so the two agree on every node and every
/// error (ShapeCheckerTests holds them to it).
public struct ShapeChecker {
    private var shapes: [String: Shape] = [ReservedSymbols.pi: .scalar]
    private var memo: [ObjectIdentifier: Shape] = [:]

    /// - Parameter inputs: as for `Tape(compiling:inputs:)`.
    public init(inputs: [(name: String, shape: Shape)]) {
        for (name, shape) in inputs { shapes[name] = shape }
    }

    public init(inputs: [(name: String, length: Int?)]) {
        self.init(inputs: inputs.map { (name: $0.name, shape: Shape(length: $0.length)) })
    }

    /// Declares one more input (a `let` quantity whose shape is known).
    public mutating func declare(_ name: String, _ shape: Shape) { shapes[name] = shape }

    /// The number of components of `e`; throws the `CompileError` that `Tape(compiling:inputs:)` throws.
    public mutating func length(of e: Expr) throws -> Int { try shape(of: e).count }

    /// The shape of `e`; throws the `CompileError` that `Tape(compiling:inputs:)` throws. The walk uses an
    /// explicit stack, so depth is no limit.
    public mutating func shape(of e: Expr) throws -> Shape {
        var stack: [(node: Expr, argumentsDone: Bool)] = [(e, false)]
        while let (node, argumentsDone) = stack.popLast() {
            if memo[ObjectIdentifier(node)] != nil { continue }
            if argumentsDone || node.arguments.isEmpty {
                if let name = node.symbolName {
                    guard let shape = shapes[name] else { throw CompileError(message: "unknown symbol `\(name)`") }
                    memo[ObjectIdentifier(node)] = shape
                } else {
                    memo[ObjectIdentifier(node)] = try ShapeRules.shape(of: node, node.arguments.map { memo[ObjectIdentifier($0)]! })
                }
            } else {
                stack.append((node, true))
                for argument in node.arguments where memo[ObjectIdentifier(argument)] == nil { stack.append((argument, false)) }
            }
        }
        return memo[ObjectIdentifier(e)]!
    }
}

/// The shape of each node from its arguments' shapes, and the error when they do not fit.
///
/// Elementwise operations (`+ - * /`, `^`, functions) need equal shapes or one side with a single
/// component, which is broadcast. `@` is the matrix product: matrix @ matrix, matrix @ vector (a column),
/// vector @ matrix (a row) and vector @ vector (the dot product). Sizes (`eye(n)`, `zeros(m, n)`) and
/// indices are integer literals by the time a tree is compiled (a derivation's `dim` names are replaced
/// by their values first).
public enum ShapeRules {
    public static func shape(of e: Expr, _ args: [Shape]) throws -> Shape {
        func fail(_ message: String) -> CompileError { CompileError(message: message + " in `\(e)`", node: e) }
        func broadcast(_ verb: String) throws -> Shape {
            // A 1x1 matrix times a scalar stays a matrix (`g*eye(1)` in the gradient of a trace), so `@` still takes it.
            if args[0].count == 1 && args[1].count == 1 { return args[1].isMatrix ? args[1] : args[0] }
            if args[0] == args[1] || args[1].count == 1 { return args[0] }
            if args[0].count == 1 { return args[1] }
            if !args[0].isMatrix && !args[1].isMatrix && args[0].count != args[1].count {
                throw CompileError(message: "vector lengths \(args[0].count) and \(args[1].count) do not match in `\(e)`", node: e)
            }
            throw fail("cannot \(verb) \(args[0].phrase) and \(args[1].phrase) elementwise")
        }
        switch e.kind {
        case .number: return .scalar
        case .symbol(let name): throw CompileError(message: "unknown symbol `\(name)`")
        case .add: return try broadcast("add")
        case .subtract: return try broadcast("subtract")
        case .multiply: return try broadcast("multiply")
        case .divide: return try broadcast("divide")
        case .binaryFunction(let f): return try broadcast("apply `\(f.rawValue)` to")
        case .negate, .function: return args[0]
        case .power:
            if let q = e.arguments[1].numberValue, q.isInteger, q.smallParts != nil { return args[0] }
            return try broadcast("raise")
        case .vector:
            // Rows written with one entry each (`[[0.2], [0.1]]`) make a column, though a 1-vector is a component elsewhere.
            if e.arguments.allSatisfy({ $0.kind == .vector }), args.allSatisfy({ $0 == .vector(1) }) { return .matrix(args.count, 1) }
            if args.allSatisfy({ $0.count == 1 && !$0.isMatrix }) { return .vector(args.count) }
            // A list of equally long vectors is a matrix, row by row.
            if case .vector(let n) = args[0], args.allSatisfy({ $0 == .vector(n) }) { return .matrix(args.count, n) }
            let i = args.firstIndex { $0.count != 1 || $0.isMatrix }!
            if !args[i].isMatrix, args.allSatisfy({ !$0.isMatrix }), !args.contains(where: { $0.count == 1 }) {
                throw CompileError(message: "the rows of a matrix must have equal lengths, but `\(e.arguments[i])` has \(args[i].count) components and `\(e.arguments[0])` \(args[0].count)")
            }
            throw CompileError(message: "a vector component must be a scalar, but `\(e.arguments[i])` is a \(args[i].description)")
        case .dot:
            guard args[0].count == args[1].count, args[0].isMatrix == args[1].isMatrix, !args[0].isMatrix || args[0] == args[1] else {
                if !args[0].isMatrix && !args[1].isMatrix {
                    throw CompileError(message: "dot of vectors of lengths \(args[0].count) and \(args[1].count) in `\(e)`")
                }
                throw fail("dot needs two values of the same shape, found \(args[0].phrase) and \(args[1].phrase)")
            }
            return .scalar
        case .norm, .sum: return .scalar
        case .trace:
            if args[0] == .scalar { return .scalar }
            guard case .matrix(let m, let n) = args[0], m == n else { throw fail("trace needs a square matrix, found \(args[0].phrase)") }
            return .scalar
        case .index:
            let indices = try e.arguments.dropFirst().map { argument throws -> Int in
                guard let q = argument.numberValue, q.isInteger, let (i, _) = q.smallParts else { throw fail("an index must be an integer literal") }
                return i
            }
            if case .matrix(let m, let n) = args[0] {
                guard indices.count == 2 else { throw fail("a matrix takes two indices `W[i, j]` (a row: `row(W, i)`)") }
                guard (1...m).contains(indices[0]), (1...n).contains(indices[1]) else {
                    throw fail("indices must be integers from 1 to \(m) and from 1 to \(n)")
                }
                return .scalar
            }
            guard indices.count == 1 else { throw fail("two indices `[i, j]` need a matrix, found \(args[0].phrase)") }
            guard (1...args[0].count).contains(indices[0]) else {
                throw CompileError(message: "index in `\(e)` must be an integer from 1 to \(args[0].count)")
            }
            return .scalar
        case .matmul:
            switch (args[0], args[1]) {
            case (.matrix(let m, let k), .matrix(let l, let n)) where k == l: return .matrix(m, n)
            case (.matrix(let m, let k), .vector(let l)) where k == l: return .vector(m)
            case (.vector(let k), .matrix(let l, let n)) where k == l: return .vector(n)
            case (.vector(let k), .vector(let l)) where k == l: return .scalar
            case (.scalar, _), (_, .scalar):
                throw fail("`@` is the matrix product of matrices and vectors; scale by a scalar with `*`")
            default:
                throw fail("cannot multiply \(args[0].phrase) by \(args[1].phrase)")
            }
        case .transpose:
            switch args[0] {
            case .scalar: return .scalar
            case .matrix(let m, let n): return .matrix(n, m)
            case .vector: throw fail("transpose needs a matrix, found \(args[0].phrase) (a vector is neither a row nor a column: write `u @ W` for u^T W, `outer(u, v)` for u v^T)")
            }
        case .identity:
            return .matrix(try size(e.arguments[0], e), try size(e.arguments[0], e))
        case .zeros:
            let sizes = try e.arguments.map { try size($0, e) }
            return sizes.count == 1 ? .vector(sizes[0]) : .matrix(sizes[0], sizes[1])
        case .diag:
            switch args[0] {
            case .vector(let n): return .matrix(n, n)
            case .matrix(let m, let n) where m == n: return .vector(n)
            default: throw fail("diag needs a vector or a square matrix, found \(args[0].phrase)")
            }
        case .outer:
            guard !args[0].isMatrix, !args[1].isMatrix else { throw fail("outer needs two vectors, found \(args[0].phrase) and \(args[1].phrase)") }
            return .matrix(args[0].count, args[1].count)
        case .matrixFunction(let f):
            return try matrixFunction(f, e, args)
        case .row, .column:
            guard case .matrix(let m, let n) = args[0] else { throw fail("\(e.kind == .row ? "row" : "col") needs a matrix, found \(args[0].phrase)") }
            let count = e.kind == .row ? m : n
            guard let q = e.arguments[1].numberValue, q.isInteger, let (i, _) = q.smallParts, (1...count).contains(i) else {
                throw fail("the \(e.kind == .row ? "row" : "column") must be an integer from 1 to \(count)")
            }
            return .vector(e.kind == .row ? n : m)
        }
    }

    /// A matrix function needs a square matrix (and powm a scalar exponent); det is a scalar, the others n x n.
    static func matrixFunction(_ f: MatrixFunction, _ e: Expr, _ args: [Shape]) throws -> Shape {
        guard case .matrix(let m, let n) = args[0], m == n else {
            throw CompileError(message: "`\(f.rawValue)` needs a square matrix, found \(args[0].phrase) in `\(e)`", node: e)
        }
        if f.takesExponent, args[1] != .scalar {
            throw CompileError(message: "the exponent of `\(f.rawValue)` must be a scalar, found \(args[1].phrase) in `\(e)`", node: e)
        }
        if let d = f.directionIndex, args[d] != args[0] {
            throw CompileError(message: "the direction of `\(f.rawValue)` must have the shape of its matrix, \(args[0].phrase), found \(args[d].phrase) in `\(e)`", node: e)
        }
        return f.isScalarValued ? .scalar : args[0]
    }

    /// A size argument: a positive integer literal.
    static func size(_ argument: Expr, _ e: Expr) throws -> Int {
        guard let q = argument.numberValue, q.isInteger, let (n, _) = q.smallParts, n >= 1 else {
            throw CompileError(message: "a size in `\(e)` must be a positive integer or a `dim` name, found `\(argument)`")
        }
        return n
    }
}
