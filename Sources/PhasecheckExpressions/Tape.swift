import PhasecheckNumbers

/// A straight-line program compiled from one or more expression trees.
///
/// Instruction `i` writes register `i` (single assignment), so a tape is a topologically sorted DAG:
/// shared subexpressions, repeated constants and identical operations are emitted once. Vector and
/// matrix expressions are unrolled to their components when compiled (matrices row by row), so every
/// register is a scalar.
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
        /// Boxed, so that its payload does not widen every other instruction of a long tape.
        indirect case matrixFunction(MatrixFunction, size: Int, matrix: [Int], exponent: Int?)
        /// Entry k >= 1 (row-major) of the result of the `.matrixFunction` instruction at register `block`.
        case matrixEntry(block: Int, entry: Int)
    }

    /// One input slot: a scalar symbol, or one component (0-based, row-major) of a vector or matrix symbol.
    public struct InputSlot: Sendable, Hashable {
        public let name: String
        public let component: Int?
    }

    public let instructions: [Instruction]
    public let inputs: [InputSlot]
    /// For each compiled root, the registers of its value: one for a scalar, n for a vector of length n,
    /// m * n for an m x n matrix (row-major).
    public let outputs: [[Int]]
    /// The shape of each compiled root.
    public let outputShapes: [Shape]
}

/// Names that compile to constants rather than inputs.
public enum ReservedSymbols {
    public static let pi = "pi"
}

public struct CompileError: Error, Equatable, CustomStringConvertible {
    public let message: String
    /// The node whose shapes do not fit, when known (so that a file's reader can point at it).
    public var node: Expr? = nil
    public init(message: String, node: Expr? = nil) {
        self.message = message
        self.node = node
    }
    public var description: String { message }
}

extension Tape {
    /// Compiles `roots` over the given inputs, in slot order.
    ///
    /// - Parameters:
    ///   - inputs: each input symbol with its shape. A symbol that is not listed (other than `pi`) is an error.
    ///   - onlyUsedInputs: read only the inputs the roots use (the slots stay the same). By default every
    ///     slot has an `.input` instruction, the first ones of the tape, in slot order.
    public init(compiling roots: [Expr], inputs declared: [(name: String, shape: Shape)] = [], onlyUsedInputs: Bool = false) throws {
        var builder = TapeBuilder(inputs: declared, onlyUsedInputs: onlyUsedInputs)
        let values = try builder.compile(roots)
        self.init(instructions: builder.instructions, inputs: builder.slots, outputs: values.map(\.registers),
                  outputShapes: values.map(\.shape))
    }

    /// Compiles `roots` over scalar and vector inputs declared by their lengths (nil for a scalar).
    public init(compiling roots: [Expr], inputs declared: [(name: String, length: Int?)]) throws {
        try self.init(compiling: roots, inputs: declared.map { (name: $0.name, shape: Shape(length: $0.length)) })
    }
}

/// Emits instructions with value numbering: an instruction identical to an earlier one reuses its register.
/// Shapes follow `ShapeRules`; each node is lowered to its components' registers, row-major.
///
/// Memory follows the tape, not the trees: the numbering table holds 4-byte registers (the instructions
/// themselves are stored once, in `instructions`), and a node's registers are forgotten once every node that
/// reads them is lowered, so a flat sum of 10^6 terms keeps a handful of them, not 10^6 (`compile`).
struct TapeBuilder {
    /// A compiled node: its registers and its shape.
    struct Value {
        var registers: [Int]
        var shape: Shape
    }

    var instructions: [Tape.Instruction] = []
    var slots: [Tape.InputSlot] = []
    private var numbering = ValueNumbering()
    /// The registers of the inputs read so far.
    private var symbols: [String: Value] = [:]
    /// Each declared input's first slot and shape: its `.input` instructions are emitted when it is first read,
    /// so a tape over a model's inputs (the state and the initial values, 10^6 components each at width 10^6)
    /// holds instructions only for the inputs its expressions use.
    private var declared: [String: (firstSlot: Int, shape: Shape)] = [:]
    private var memo: [ObjectIdentifier: Value] = [:]

    /// - Parameter onlyUsedInputs: emit `.input` instructions for the inputs the expressions read only (else for
    ///   every slot, first and in slot order, as the Taylor engine expects).
    init(inputs: [(name: String, shape: Shape)], onlyUsedInputs: Bool = false) {
        for (name, shape) in inputs {
            declared[name] = (slots.count, shape)
            if shape == .scalar {
                slots.append(.init(name: name, component: nil))
            } else {
                slots += (0..<shape.count).map { .init(name: name, component: $0) }
            }
        }
        if !onlyUsedInputs { for (name, _) in inputs { _ = input(name) } }
    }

    /// The registers of a declared input, reading it on first use (each slot once: no value numbering needed).
    private mutating func input(_ name: String) -> Value? {
        if let value = symbols[name] { return value }
        guard let (first, shape) = declared[name] else { return nil }
        let registers = (first..<(first + (shape == .scalar ? 1 : shape.count))).map { slot in
            instructions.append(.input(slot))
            return instructions.count - 1
        }
        symbols[name] = Value(registers: registers, shape: shape)
        return symbols[name]
    }

    mutating func emit(_ instruction: Tape.Instruction) -> Int { numbering.register(of: instruction, in: &instructions) }

    /// The registers and shapes of `roots`, lowering every node below them first (in `Expr.postorder`, so
    /// that `lower` finds its arguments in the memo and nothing recurses once per level of the tree). A node's
    /// entry leaves the memo when the last node reading it has been lowered (its uses are counted first).
    mutating func compile(_ roots: [Expr]) throws -> [Value] {
        let order = Expr.postorder(from: roots)
        var uses: [ObjectIdentifier: Int32] = [:]
        uses.reserveCapacity(order.count)
        for node in order { for argument in node.arguments { uses[ObjectIdentifier(argument), default: 0] += 1 } }
        for root in roots { uses[ObjectIdentifier(root), default: 0] += 1 }   // kept until the end
        // A scalar node lowers to one instruction, at most: reserved, the array is not grown by doubling (which holds
        // three times the instructions at once).
        instructions.reserveCapacity(instructions.count + order.count)
        for node in order {
            memo[ObjectIdentifier(node)] = try lower(node)
            for argument in node.arguments {
                let id = ObjectIdentifier(argument)
                uses[id]! -= 1
                if uses[id]! == 0 { memo[id] = nil }
            }
        }
        return roots.map { memo[ObjectIdentifier($0)]! }
    }

    /// Applies `op` componentwise, broadcasting a single component against many.
    private mutating func elementwise(_ a: [Int], _ b: [Int], _ op: (Int, Int) -> Tape.Instruction) -> [Int] {
        if a.count == b.count { return zip(a, b).map { emit(op($0, $1)) } }
        if a.count == 1 { return b.map { emit(op(a[0], $0)) } }
        return a.map { emit(op($0, b[0])) }
    }

    private mutating func sumOf(_ registers: [Int]) -> Int { sumOf(registers.count) { _, k in registers[k] } }

    /// The sum of `term(k)` for k in 0..<count, left to right, each term emitted just before it is added: a long
    /// sum of products then keeps one product live at a time, not all of them (see `TapeRegisters`).
    private mutating func sumOf(_ count: Int, _ term: (inout Self, Int) -> Int) -> Int {
        guard count > 0 else { return emit(.constant(0)) }
        var total = term(&self, 0)
        for k in 1..<count {
            let next = term(&self, k)
            total = emit(.add(total, next))
        }
        return total
    }

    /// Emits `f` of the n x n matrix held row-major in `operand` (n * n registers; for dpowm A's, then E's),
    /// with `exponent` the register of the scalar exponent (nil for the functions without one). Returns the
    /// result's registers: one for `det`, n * n row-major for the others.
    mutating func emitMatrixFunction(_ f: MatrixFunction, operand: [Int], size n: Int, exponent: Int?) throws -> [Int] {
        guard operand.count == n * n * f.matrixOperandCount, n >= 1 else {
            throw CompileError(message: "`\(f.rawValue)` needs a square matrix, but got \(operand.count) entries for size \(n)")
        }
        guard (exponent != nil) == f.takesExponent else {
            throw CompileError(message: f.takesExponent ? "`\(f.rawValue)` needs an exponent" : "`\(f.rawValue)` takes no exponent")
        }
        let block = emit(.matrixFunction(f, size: n, matrix: operand, exponent: exponent))
        if f.isScalarValued { return [block] }
        return [block] + (1..<(n * n)).map { emit(.matrixEntry(block: block, entry: $0)) }
    }

    /// Sum of products a[i] * b[i].
    private mutating func dotOf(_ a: [Int], _ b: [Int]) -> Int { sumOf(a.count) { $0.emit(.multiply(a[$1], b[$1])) } }

    /// Rows and columns of a matmul operand: a vector is a row on the left and a column on the right.
    private static func grid(_ shape: Shape, left: Bool) -> (rows: Int, columns: Int) {
        switch shape {
        case .matrix(let m, let n): return (m, n)
        default: return left ? (1, shape.count) : (shape.count, 1)
        }
    }

    private mutating func lower(_ e: Expr) throws -> Value {
        if case .symbol(let name) = e.kind {
            if let value = input(name) { return value }
            if name == ReservedSymbols.pi { return Value(registers: [emit(.pi)], shape: .scalar) }
            throw CompileError(message: "unknown symbol `\(name)`")
        }
        let arguments = e.arguments.map { memo[ObjectIdentifier($0)]! }
        let shape = try ShapeRules.shape(of: e, arguments.map(\.shape))
        let args = arguments.map(\.registers)
        let registers: [Int]
        switch e.kind {
        case .number(let q): registers = [emit(.constant(q))]
        case .symbol: preconditionFailure("symbols are looked up above")
        case .add: registers = elementwise(args[0], args[1]) { .add($0, $1) }
        case .subtract: registers = elementwise(args[0], args[1]) { .subtract($0, $1) }
        case .multiply: registers = elementwise(args[0], args[1]) { .multiply($0, $1) }
        case .divide: registers = elementwise(args[0], args[1]) { .divide($0, $1) }
        case .negate: registers = args[0].map { emit(.negate($0)) }
        case .power:
            if let q = e.arguments[1].numberValue, q.isInteger, let (n, _) = q.smallParts {
                registers = args[0].map { emit(.powerInt($0, n)) }
            } else {
                registers = elementwise(args[0], args[1]) { .binaryFunction(.pow, $0, $1) }
            }
        case .function(let f): registers = args[0].map { emit(.function(f, $0)) }
        case .binaryFunction(let f): registers = elementwise(args[0], args[1]) { .binaryFunction(f, $0, $1) }
        case .vector: registers = args.flatMap { $0 }
        case .dot: registers = [dotOf(args[0], args[1])]
        // Squares, not products of a register with itself: an interval's square is never negative, so
        // the norm of an enclosure of 0 stays defined.
        case .norm: registers = [emit(.function(.sqrt, sumOf(args[0].count) { $0.emit(.powerInt(args[0][$1], 2)) }))]
        case .sum: registers = [sumOf(args[0])]
        case .trace:
            let n = Int(Double(args[0].count).squareRoot().rounded())
            registers = [sumOf((0..<n).map { args[0][$0 * n + $0] })]
        case .index:
            let indices = e.arguments.dropFirst().map { $0.numberValue!.smallParts!.0 - 1 }
            if case .matrix(_, let n) = arguments[0].shape {
                registers = [args[0][indices[0] * n + indices[1]]]
            } else {
                registers = [args[0][indices[0]]]
            }
        case .matmul:
            let (m, k) = Self.grid(arguments[0].shape, left: true), n = Self.grid(arguments[1].shape, left: false).columns
            let (a, b) = (args[0], args[1])
            registers = (0..<m).flatMap { i in
                (0..<n).map { j in dotOf((0..<k).map { a[i * k + $0] }, (0..<k).map { b[$0 * n + j] }) }
            }
        case .transpose:
            guard case .matrix(let m, let n) = arguments[0].shape else { registers = args[0]; break }
            registers = (0..<n).flatMap { j in (0..<m).map { i in args[0][i * n + j] } }
        case .identity, .zeros, .diag:
            guard case .matrix(let m, let n) = shape else {
                // The diagonal of a square matrix, or a zero vector.
                let count = shape.count
                registers = e.kind == .diag ? (0..<count).map { args[0][$0 * count + $0] } : (0..<count).map { _ in emit(.constant(0)) }
                break
            }
            let zero = emit(.constant(0))
            let diagonal: [Int] = switch e.kind {
            case .identity: [Int](repeating: emit(.constant(1)), count: n)
            case .diag: args[0]
            default: [Int](repeating: zero, count: n)
            }
            registers = (0..<m).flatMap { i in (0..<n).map { j in i == j ? diagonal[i] : zero } }
        case .outer:
            registers = args[0].flatMap { x in args[1].map { y in emit(.multiply(x, y)) } }
        case .matrixFunction(let f):
            guard case .matrix(let n, _) = arguments[0].shape else { preconditionFailure("checked by ShapeRules") }
            registers = try emitMatrixFunction(f, operand: args[0] + (f.directionIndex.map { args[$0] } ?? []), size: n,
                                               exponent: f.takesExponent ? args[1][0] : nil)
        case .row, .column:
            guard case .matrix(let m, let n) = arguments[0].shape else { preconditionFailure("checked by ShapeRules") }
            let i = e.arguments[1].numberValue!.smallParts!.0 - 1
            registers = e.kind == .row ? (0..<n).map { args[0][i * n + $0] } : (0..<m).map { args[0][$0 * n + i] }
        }
        return Value(registers: registers, shape: shape)
    }
}

/// Value numbering for `TapeBuilder`: an open-addressing hash set of registers (linear probing, at most 3/4
/// full), an instruction found by its hash and compared with the instruction stored at that register. A slot is
/// 4 bytes, where a dictionary keyed by the instructions held a second copy of each (about 80 bytes an entry).
struct ValueNumbering {
    private var slots = [Int32](repeating: -1, count: 64)
    private var count = 0

    /// The register of an instruction identical to `instruction` in `instructions`, or else of `instruction`
    /// appended to them.
    mutating func register(of instruction: Tape.Instruction, in instructions: inout [Tape.Instruction]) -> Int {
        let mask = slots.count - 1
        var i = instruction.hashValue & mask
        while slots[i] >= 0 {
            if instructions[Int(slots[i])] == instruction { return Int(slots[i]) }
            i = (i + 1) & mask
        }
        precondition(instructions.count < Int(Int32.max), "a tape holds fewer than 2^31 instructions")
        instructions.append(instruction)
        slots[i] = Int32(instructions.count - 1)
        count += 1
        if 4 * count > 3 * slots.count { grow(instructions) }
        return instructions.count - 1
    }

    private mutating func grow(_ instructions: [Tape.Instruction]) {
        let old = slots
        slots = [Int32](repeating: -1, count: 2 * old.count)
        let mask = slots.count - 1
        for register in old where register >= 0 {
            var i = instructions[Int(register)].hashValue & mask
            while slots[i] >= 0 { i = (i + 1) & mask }
            slots[i] = register
        }
    }
}
