/// The shapes (component counts) of expressions over declared inputs, inferred without compiling: a
/// `dot(u, u)` over a vector of 10^6 components is one step here, against 2 * 10^6 tape instructions.
/// Results are memoized across calls, so checking n `let`s that each use the previous one costs O(n).
///
/// The rules are `TapeBuilder.lower`'s, for lengths only (broadcasting a scalar against a vector, scalar
/// vector components, equal lengths for `dot`, indices in range), with the same messages;
/// ShapeCheckerTests holds the two to agreement on every node kind and every error.
public struct ShapeChecker {
    private var lengths: [String: Int] = [ReservedSymbols.pi: 1]
    private var memo: [ObjectIdentifier: Int] = [:]

    /// - Parameter inputs: as for `Tape(compiling:inputs:)`.
    public init(inputs: [(name: String, length: Int?)]) {
        for (name, length) in inputs { lengths[name] = length ?? 1 }
    }

    /// The number of components of `e`; throws the `CompileError` that `Tape(compiling:inputs:)` throws.
    /// The walk uses an explicit stack, so depth is no limit.
    public mutating func length(of e: Expr) throws -> Int {
        var stack: [(node: Expr, argumentsDone: Bool)] = [(e, false)]
        while let (node, argumentsDone) = stack.popLast() {
            if memo[ObjectIdentifier(node)] != nil { continue }
            if argumentsDone || node.arguments.isEmpty {
                memo[ObjectIdentifier(node)] = try rule(node)
            } else {
                stack.append((node, true))
                for argument in node.arguments where memo[ObjectIdentifier(argument)] == nil { stack.append((argument, false)) }
            }
        }
        return memo[ObjectIdentifier(e)]!
    }

    /// The length of one node whose arguments' lengths are known.
    private func rule(_ e: Expr) throws -> Int {
        let args = e.arguments.map { memo[ObjectIdentifier($0)]! }
        func broadcast() throws -> Int {
            if args[0] == args[1] || args[1] == 1 { return args[0] }
            if args[0] == 1 { return args[1] }
            throw CompileError(message: "vector lengths \(args[0]) and \(args[1]) do not match in `\(e)`")
        }
        switch e.kind {
        case .number: return 1
        case .symbol(let name):
            guard let n = lengths[name] else { throw CompileError(message: "unknown symbol `\(name)`") }
            return n
        case .add, .subtract, .multiply, .divide, .binaryFunction: return try broadcast()
        case .negate, .function: return args[0]
        case .power:
            if let q = e.arguments[1].numberValue, q.isInteger, q.smallParts != nil { return args[0] }
            return try broadcast()
        case .vector:
            if let i = args.firstIndex(where: { $0 != 1 }) {
                throw CompileError(message: "a vector component must be a scalar, but `\(e.arguments[i])` is a vector of length \(args[i])")
            }
            return args.count
        case .dot:
            guard args[0] == args[1] else { throw CompileError(message: "dot of vectors of lengths \(args[0]) and \(args[1]) in `\(e)`") }
            return 1
        case .norm, .sum: return 1
        case .index:
            guard let q = e.arguments[1].numberValue, q.isInteger, let (i, _) = q.smallParts, (1...args[0]).contains(i) else {
                throw CompileError(message: "index in `\(e)` must be an integer from 1 to \(args[0])")
            }
            return 1
        }
    }
}
