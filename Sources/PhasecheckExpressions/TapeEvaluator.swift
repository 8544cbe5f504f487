import PhasecheckNumbers

/// Evaluates a tape in one scalar context, reusing preallocated registers: after `init`, `run` performs no
/// allocation per operation for Double, and for MPFR writes each result in place into its register. A register
/// whose value is no longer needed gives its storage to a later one (`TapeRegisters`), so memory follows the
/// number of values live at once, not the length of the tape.
///
/// Instructions that depend on no input (constants, pi and everything computed from them alone) are
/// evaluated once at `init`; `run` executes only the rest, from a compact encoding without class
/// payloads, so the hot loop does no reference counting beyond reading the inputs.
public struct TapeEvaluator<Context: ScalarContext>: Sendable {
    public let tape: Tape
    public let context: Context
    /// One value per storage slot (`TapeRegisters`): far fewer than the tape's registers on a long tape.
    @usableFromInline var registers: [Context.Value]
    /// The storage slot of each register of the tape.
    @usableFromInline let slotOfRegister: [Int32]
    /// Instructions that depend on inputs, in the order they run (`TapeRegisters.order`).
    @usableFromInline let program: [Step]
    @usableFromInline let inputCount: Int
    /// The matrix-function instructions of the tape, which `Step.b` of a `.matrixFunction` step indexes.
    @usableFromInline let blocks: [MatrixBlock]
    /// Registers for `evaluate(columns:)`: slot r of lane k at `r * Self.lanes + k`, allocated on first use.
    @usableFromInline var laneRegisters: [Context.Value] = []
    /// Points evaluated together by `evaluate(columns:)`.
    @usableFromInline static var lanes: Int { 64 }

    /// One input-dependent instruction, encoded without payloads that need reference counting.
    @usableFromInline struct Step: Sendable {
        @usableFromInline enum Operation: UInt8, Sendable {
            case input, add, subtract, multiply, divide, negate, function, binaryFunction, powerInt
            /// A matrix function: `b` indexes `blocks`.
            case matrixFunction
        }
        @usableFromInline var operation: Operation
        @usableFromInline var function: ElementaryFunction = .abs
        @usableFromInline var binaryFunction: BinaryFunction = .pow
        @usableFromInline var target: Int32
        /// First operand's storage slot, or the input slot for `.input`.
        @usableFromInline var a: Int32 = 0
        /// Second operand's storage slot, or the exponent for `.powerInt`.
        @usableFromInline var b: Int = 0
    }

    /// A matrix function with its operands' storage slots; it writes slots target ..< target + outputCount.
    @usableFromInline struct MatrixBlock: Sendable {
        @usableFromInline let function: MatrixFunction
        @usableFromInline let size: Int
        @usableFromInline let matrix: [Int]
        @usableFromInline let exponent: Int?
        @usableFromInline var outputCount: Int { function.isScalarValued ? 1 : size * size }
    }

    public init(tape: Tape, context: Context) {
        self.tape = tape
        self.context = context
        var varying = [Bool](repeating: false, count: tape.instructions.count)
        for (i, instruction) in tape.instructions.enumerated() {
            switch instruction {
            case .input: varying[i] = true
            case .matrixEntry(let block, _): varying[i] = varying[block]   // written by the block's step
            default: varying[i] = instruction.operands.contains { varying[$0] }
            }
        }
        let outputs = Set(tape.outputs.joined())
        let storage = TapeRegisters(tape) { !varying[$0] || outputs.contains($0) }
        let zero = context.constant(0)
        // Distinct storage per slot, so in-place writes never copy on the hot path.
        var registers = (0..<storage.slotCount).map { _ in zero + zero }
        var program: [Step] = []
        program.reserveCapacity(storage.order.count)   // not grown by doubling: a tape of 10^6 steps would hold 3 x 10^6 at once
        var constantSteps: [Step] = []
        var blocks: [MatrixBlock] = []
        let slot = { (register: Int) in Int(storage.slotOfRegister[register]) }
        for i in storage.order.lazy.map(Int.init) {
            let instruction = tape.instructions[i]
            guard var step = Self.encode(instruction, target: i, slot: slot) else {
                if case .constant(let q) = instruction { registers[slot(i)] = context.constant(q) }
                if case .pi = instruction { registers[slot(i)] = context.pi }
                continue
            }
            if case .matrixFunction(let f, let size, let matrix, let exponent) = instruction {
                step.b = blocks.count
                blocks.append(MatrixBlock(function: f, size: size, matrix: matrix.map(slot), exponent: exponent.map(slot)))
            }
            if varying[i] { program.append(step) } else { constantSteps.append(step) }
        }
        self.blocks = blocks
        Self.execute(constantSteps, &registers, inputs: [], context: context, blocks: blocks)
        self.registers = registers
        self.program = program
        slotOfRegister = storage.slotOfRegister
        inputCount = tape.inputs.count
    }

    /// The step of an instruction, its registers replaced by their slots (nil: no step, a constant or a
    /// matrix entry, which the block's step writes).
    private static func encode(_ instruction: Tape.Instruction, target i: Int, slot: (Int) -> Int) -> Step? {
        let target = Int32(slot(i))
        func s(_ register: Int) -> Int32 { Int32(slot(register)) }
        switch instruction {
        case .constant, .pi, .matrixEntry: return nil
        case .matrixFunction: return Step(operation: .matrixFunction, target: target)
        case .input(let inputSlot): return Step(operation: .input, target: target, a: Int32(inputSlot))
        case .add(let a, let b): return Step(operation: .add, target: target, a: s(a), b: slot(b))
        case .subtract(let a, let b): return Step(operation: .subtract, target: target, a: s(a), b: slot(b))
        case .multiply(let a, let b): return Step(operation: .multiply, target: target, a: s(a), b: slot(b))
        case .divide(let a, let b): return Step(operation: .divide, target: target, a: s(a), b: slot(b))
        case .negate(let a): return Step(operation: .negate, target: target, a: s(a))
        case .function(let f, let a): return Step(operation: .function, function: f, target: target, a: s(a))
        case .binaryFunction(let f, let a, let b):
            return Step(operation: .binaryFunction, binaryFunction: f, target: target, a: s(a), b: slot(b))
        case .powerInt(let a, let n): return Step(operation: .powerInt, target: target, a: s(a), b: n)
        }
    }

    /// Evaluates every output for the given input values (in `tape.inputs` slot order).
    @inlinable public mutating func evaluate(_ inputs: [Context.Value]) -> [[Context.Value]] {
        run(inputs)
        return tape.outputs.map { $0.map { value(ofRegister: $0) } }
    }

    /// Runs the program; read results with `value(ofRegister:)`.
    @inlinable public mutating func run(_ inputs: [Context.Value]) {
        precondition(inputs.count == inputCount, "tape expects \(inputCount) inputs")
        Self.execute(program, &registers, inputs: inputs, context: context, blocks: blocks)
    }

    /// The value of register `r` after the last run: an output's or a constant's (the storage of any other
    /// register is reused once its value is no longer needed; see `TapeRegisters`).
    @inlinable public func value(ofRegister r: Int) -> Context.Value { registers[Int(slotOfRegister[r])] }

    /// Evaluates at many points at once: `inputs[slot][point]` gives `outputs[root][component][point]`.
    /// Each instruction runs over a block of points, so its dispatch is paid once per block (the fast way
    /// to tabulate a closed form over many times in Double).
    @inlinable public mutating func evaluate(columns inputs: [[Context.Value]]) -> [[[Context.Value]]] {
        precondition(inputs.count == inputCount, "tape expects \(inputCount) input columns")
        let count = inputs.first?.count ?? 1
        precondition(inputs.allSatisfy { $0.count == count }, "input columns differ in length")
        if laneRegisters.isEmpty { allocateLanes() }
        var outputs = tape.outputs.map { $0.map { _ -> [Context.Value] in
            var column = [Context.Value]()
            column.reserveCapacity(count)
            return column
        } }
        for start in stride(from: 0, to: count, by: Self.lanes) {
            let width = Swift.min(Self.lanes, count - start)
            Self.execute(program, &laneRegisters, columns: inputs, start: start, width: width, context: context, blocks: blocks)
            for (root, registers) in tape.outputs.enumerated() {
                for (component, register) in registers.enumerated() {
                    let r = Int(slotOfRegister[register])
                    outputs[root][component] += laneRegisters[(r * Self.lanes)..<(r * Self.lanes + width)]
                }
            }
        }
        return outputs
    }

    /// Lane registers: constants copied into every lane, distinct storage for the rest.
    @usableFromInline mutating func allocateLanes() {
        var lanes: [Context.Value] = []
        lanes.reserveCapacity(registers.count * Self.lanes)
        let computed = Set(program.flatMap { step in
            let count = step.operation == .matrixFunction ? blocks[step.b].outputCount : 1
            return (0..<count).map { Int(step.target) + $0 }
        })
        for (r, value) in registers.enumerated() {
            for _ in 0..<Self.lanes { lanes.append(computed.contains(r) ? value + context.constant(0) : value) }
        }
        laneRegisters = lanes
    }

    /// Runs `steps` on lanes `0..<width`, lane k taking input point `start + k` of each column. Index
    /// arithmetic wraps (`&+`): every index is below `registers.count`, which `allocateLanes` sized.
    @inlinable static func execute(_ steps: [Step], _ registers: inout [Context.Value], columns: [[Context.Value]],
                                   start: Int, width: Int, context: Context, blocks: [MatrixBlock]) {
        typealias V = Context.Value
        let n = lanes
        steps.withUnsafeBufferPointer { steps in
            registers.withUnsafeMutableBufferPointer { r in
                for step in steps {
                    let i = Int(step.target) &* n, a = Int(step.a) &* n, b = step.b &* n
                    switch step.operation {
                    case .input:
                        columns[Int(step.a)].withUnsafeBufferPointer { column in
                            for k in 0..<width { r[i &+ k] = column[start &+ k] }
                        }
                    case .add: for k in 0..<width { V.add(r[a &+ k], r[b &+ k], into: &r[i &+ k]) }
                    case .subtract: for k in 0..<width { V.subtract(r[a &+ k], r[b &+ k], into: &r[i &+ k]) }
                    case .multiply: for k in 0..<width { V.multiply(r[a &+ k], r[b &+ k], into: &r[i &+ k]) }
                    case .divide: for k in 0..<width { V.divide(r[a &+ k], r[b &+ k], into: &r[i &+ k]) }
                    case .negate: for k in 0..<width { V.negate(r[a &+ k], into: &r[i &+ k]) }
                    case .function:
                        let f = step.function
                        for k in 0..<width { V.apply(f, r[a &+ k], into: &r[i &+ k]) }
                    case .binaryFunction:
                        let f = step.binaryFunction
                        for k in 0..<width { V.apply(f, r[a &+ k], r[b &+ k], into: &r[i &+ k]) }
                    case .powerInt: for k in 0..<width { V.pow(r[a &+ k], step.b, into: &r[i &+ k]) }
                    case .matrixFunction:
                        let block = blocks[step.b]
                        for k in 0..<width {
                            let values = apply(block, context) { r[$0 &* n &+ k] }
                            for (entry, value) in values.enumerated() { r[i &+ entry &* n &+ k] = value }
                        }
                    }
                }
            }
        }
    }

    /// Values stored (the tape's registers share storage once dead).
    public var storedValues: Int { registers.count }

    /// Instructions executed per `run` (those depending on inputs; the rest were computed at `init`).
    public var stepsPerRun: Int { program.count }

    @inlinable static func execute(_ steps: [Step], _ registers: inout [Context.Value], inputs: [Context.Value],
                                   context: Context, blocks: [MatrixBlock]) {
        typealias V = Context.Value
        steps.withUnsafeBufferPointer { steps in
          inputs.withUnsafeBufferPointer { inputs in
            registers.withUnsafeMutableBufferPointer { r in
                for step in steps {
                    let i = Int(step.target), a = Int(step.a), b = step.b
                    switch step.operation {
                    case .input: r[i] = inputs[a]
                    case .add: V.add(r[a], r[b], into: &r[i])
                    case .subtract: V.subtract(r[a], r[b], into: &r[i])
                    case .multiply: V.multiply(r[a], r[b], into: &r[i])
                    case .divide: V.divide(r[a], r[b], into: &r[i])
                    case .negate: V.negate(r[a], into: &r[i])
                    case .function: V.apply(step.function, r[a], into: &r[i])
                    case .binaryFunction: V.apply(step.binaryFunction, r[a], r[b], into: &r[i])
                    case .powerInt: V.pow(r[a], b, into: &r[i])
                    case .matrixFunction:
                        let values = apply(blocks[b], context) { r[$0] }
                        for (entry, value) in values.enumerated() { r[i &+ entry] = value }
                    }
                }
            }
          }
        }
    }
}

extension TapeEvaluator {
    /// The block's function of the matrix (and exponent) read through `register`.
    @usableFromInline static func apply(_ block: MatrixBlock, _ context: Context, register: (Int) -> Context.Value) -> [Context.Value] {
        context.apply(block.function, block.matrix.map(register), size: block.size, exponent: block.exponent.map(register))
    }
}

extension Tape.Instruction {
    /// The registers this instruction reads.
    public var operands: [Int] {
        switch self {
        case .constant, .input, .pi: return []
        case .add(let a, let b), .subtract(let a, let b), .multiply(let a, let b), .divide(let a, let b),
             .binaryFunction(_, let a, let b):
            return [a, b]
        case .negate(let a), .function(_, let a), .powerInt(let a, _):
            return [a]
        case .matrixFunction(_, _, let matrix, let exponent):
            return matrix + (exponent.map { [$0] } ?? [])
        case .matrixEntry(let block, _):
            return [block]
        }
    }
}

extension Expr {
    /// Compiles and evaluates this scalar expression once, with each symbol bound to a scalar value
    /// (`pi` needs no binding). Throws `CompileError` for an unbound symbol or a vector result.
    public func evaluate<Context: ScalarContext>(in context: Context, at values: [String: Context.Value]) throws -> Context.Value {
        let names = freeSymbols.filter { values[$0] != nil }.sorted()
        let tape = try Tape(compiling: [self], inputs: names.map { (name: $0, length: nil) })
        guard tape.outputs[0].count == 1 else {
            throw CompileError(message: "`\(self)` is a vector of length \(tape.outputs[0].count), not a scalar")
        }
        var evaluator = TapeEvaluator(tape: tape, context: context)
        evaluator.run(names.map { values[$0]! })
        return evaluator.value(ofRegister: tape.outputs[0][0])
    }
}
