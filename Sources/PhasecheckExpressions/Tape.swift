import PhasecheckNumbers

/// A straight-line program compiled from one or more expression trees.
///
/// Instruction `i` writes register `i` (single assignment), so a tape is a topologically sorted DAG:
/// shared subexpressions, repeated constants and identical operations are emitted once. Vector
/// expressions are unrolled to their components when compiled, so every register is a scalar.
public struct Tape: Sendable {
    public enum Instruction: Sendable, Hashable {
        case constant(BigRational)
        /// Reads input slot `n` (see `Tape.inputs`).
        case input(Int)
        /// The context's pi.
        case pi
        case add(Int, Int)
        case subtract(Int, Int)
        case multiply(Int, Int)
        case divide(Int, Int)
        case negate(Int)
        case function(ElementaryFunction, Int)
        case binaryFunction(BinaryFunction, Int, Int)
        /// Register raised to an integer power.
        case powerInt(Int, Int)
        /// `function` of the size x size matrix whose entries are the registers `matrix` (row-major), with
        /// powm's exponent register. It writes the first value of the result (det's only one); the
        /// `.matrixEntry` instructions right after it name the others, so entry k is register block + k.
        case matrixFunction(MatrixFunction, size: Int, matrix: [Int], exponent: Int?)
        /// Entry k >= 1 (row-major) of the result of the `.matrixFunction` instruction at register `block`.
        case matrixEntry(block: Int, entry: Int)
    }

    /// One input slot: a scalar symbol, or one component (0-based) of a vector symbol.
    public struct InputSlot: Sendable, Hashable {
        public let name: String
        public let component: Int?
    }

    public let instructions: [Instruction]
    public let inputs: [InputSlot]
    /// For each compiled root, the registers of its value: one for a scalar, n for a vector of length n.
    public let outputs: [[Int]]
}

/// Names that compile to constants rather than inputs.
public enum ReservedSymbols {
    public static let pi = "pi"
}

public struct CompileError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

extension Tape {
    /// Compiles `roots` over the given inputs, in slot order.
    ///
    /// - Parameter inputs: each input symbol with its vector length (nil for a scalar). A symbol that is
    ///   not listed (other than `pi`) is an error.
    public init(compiling roots: [Expr], inputs declared: [(name: String, length: Int?)]) throws {
        var builder = TapeBuilder(inputs: declared)
        let outputs = try roots.map { try builder.compile($0) }
        self.init(instructions: builder.instructions, inputs: builder.slots, outputs: outputs)
    }
}

/// Emits instructions with value numbering: an instruction identical to an earlier one reuses its register.
struct TapeBuilder {
    var instructions: [Tape.Instruction] = []
    var slots: [Tape.InputSlot] = []
    private var numbering: [Tape.Instruction: Int] = [:]
    private var symbolRegisters: [String: [Int]] = [:]
    private var memo: [ObjectIdentifier: [Int]] = [:]

    init(inputs: [(name: String, length: Int?)]) {
        for (name, length) in inputs {
            if let length {
                symbolRegisters[name] = (0..<length).map { component in
                    slots.append(.init(name: name, component: component))
                    return emit(.input(slots.count - 1))
                }
            } else {
                slots.append(.init(name: name, component: nil))
                symbolRegisters[name] = [emit(.input(slots.count - 1))]
            }
        }
    }

    mutating func emit(_ instruction: Tape.Instruction) -> Int {
        if let existing = numbering[instruction] { return existing }
        instructions.append(instruction)
        numbering[instruction] = instructions.count - 1
        return instructions.count - 1
    }

    /// The registers of `e`, lowering every node below it first (in `Expr.postorder`, so that `lower` finds
    /// its arguments' registers in the memo and nothing recurses once per level of the tree).
    mutating func compile(_ e: Expr) throws -> [Int] {
        if let done = memo[ObjectIdentifier(e)] { return done }
        for node in Expr.postorder(from: [e], skipping: { memo[ObjectIdentifier($0)] != nil }) {
            memo[ObjectIdentifier(node)] = try lower(node)
        }
        return memo[ObjectIdentifier(e)]!
    }

    private mutating func scalar(_ e: Expr, _ role: String) throws -> Int {
        let registers = try compile(e)
        guard registers.count == 1 else {
            throw CompileError(message: "\(role) must be a scalar, but `\(e)` is a vector of length \(registers.count)")
        }
        return registers[0]
    }

    /// Applies `op` componentwise, broadcasting a scalar against a vector.
    private mutating func elementwise(_ a: [Int], _ b: [Int], _ e: Expr,
                                      _ op: (Int, Int) -> Tape.Instruction) throws -> [Int] {
        if a.count == b.count { return zip(a, b).map { emit(op($0, $1)) } }
        if a.count == 1 { return b.map { emit(op(a[0], $0)) } }
        if b.count == 1 { return a.map { emit(op($0, b[0])) } }
        throw CompileError(message: "vector lengths \(a.count) and \(b.count) do not match in `\(e)`")
    }

    private mutating func sumOf(_ registers: [Int]) -> Int {
        guard var total = registers.first else { return emit(.constant(0)) }
        for r in registers.dropFirst() { total = emit(.add(total, r)) }
        return total
    }

    /// Emits `f` of the n x n matrix held row-major in `operand` (n * n registers), with `exponent` the
    /// register of powm's scalar exponent (nil for the other functions). Returns the result's registers:
    /// one for `det`, n * n row-major for the others.
    mutating func emitMatrixFunction(_ f: MatrixFunction, operand: [Int], size n: Int, exponent: Int?) throws -> [Int] {
        guard operand.count == n * n, n >= 1 else {
            throw CompileError(message: "`\(f.rawValue)` needs a square matrix, but got \(operand.count) entries for size \(n)")
        }
        guard (exponent != nil) == f.takesExponent else {
            throw CompileError(message: f.takesExponent ? "`\(f.rawValue)` needs an exponent" : "`\(f.rawValue)` takes no exponent")
        }
        let block = emit(.matrixFunction(f, size: n, matrix: operand, exponent: exponent))
        if f.isScalarValued { return [block] }
        return [block] + (1..<(n * n)).map { emit(.matrixEntry(block: block, entry: $0)) }
    }

    private mutating func lower(_ e: Expr) throws -> [Int] {
        let args = e.arguments
        switch e.kind {
        case .number(let q):
            return [emit(.constant(q))]
        case .symbol(let name):
            if let registers = symbolRegisters[name] { return registers }
            if name == ReservedSymbols.pi { return [emit(.pi)] }
            throw CompileError(message: "unknown symbol `\(name)`")
        case .add:
            return try elementwise(compile(args[0]), compile(args[1]), e) { .add($0, $1) }
        case .subtract:
            return try elementwise(compile(args[0]), compile(args[1]), e) { .subtract($0, $1) }
        case .multiply:
            return try elementwise(compile(args[0]), compile(args[1]), e) { .multiply($0, $1) }
        case .divide:
            return try elementwise(compile(args[0]), compile(args[1]), e) { .divide($0, $1) }
        case .negate:
            return try compile(args[0]).map { emit(.negate($0)) }
        case .power:
            let base = try compile(args[0])
            if let q = args[1].numberValue, q.isInteger, let (n, _) = q.smallParts {
                return base.map { emit(.powerInt($0, n)) }
            }
            return try elementwise(base, compile(args[1]), e) { .binaryFunction(.pow, $0, $1) }
        case .function(let f):
            return try compile(args[0]).map { emit(.function(f, $0)) }
        case .binaryFunction(let f):
            return try elementwise(compile(args[0]), compile(args[1]), e) { .binaryFunction(f, $0, $1) }
        case .vector:
            return try args.map { try scalar($0, "a vector component") }
        case .dot:
            let a = try compile(args[0]), b = try compile(args[1])
            guard a.count == b.count else {
                throw CompileError(message: "dot of vectors of lengths \(a.count) and \(b.count) in `\(e)`")
            }
            return [sumOf(zip(a, b).map { emit(.multiply($0, $1)) })]
        case .norm:
            let a = try compile(args[0])
            return [emit(.function(.sqrt, sumOf(a.map { emit(.multiply($0, $0)) })))]
        case .sum:
            return [sumOf(try compile(args[0]))]
        case .index:
            let v = try compile(args[0])
            guard let q = args[1].numberValue, q.isInteger, let (i, _) = q.smallParts, (1...v.count).contains(i) else {
                throw CompileError(message: "index in `\(e)` must be an integer from 1 to \(v.count)")
            }
            return [v[i - 1]]
        }
    }
}
