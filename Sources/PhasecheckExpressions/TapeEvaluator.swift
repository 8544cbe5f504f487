import PhasecheckNumbers

/// Evaluates a tape in one scalar context, reusing preallocated registers: after `init`, `evaluate`
/// performs no allocation per operation for Double, and for MPFR writes each result in place.
public struct TapeEvaluator<Context: ScalarContext>: Sendable {
    public let tape: Tape
    public let context: Context
    @usableFromInline var registers: [Context.Value]
    /// Instructions that depend on inputs, in order; constants are computed once at init.
    @usableFromInline let program: [Int]

    public init(tape: Tape, context: Context) {
        self.tape = tape
        self.context = context
        let zero = context.constant(0)
        var registers = [Context.Value](repeating: zero, count: tape.instructions.count)
        // Force distinct storage per register so in-place writes never copy on the hot path.
        for i in registers.indices { registers[i] = zero + zero }
        var varying = [Bool](repeating: false, count: tape.instructions.count)
        var program: [Int] = []
        for (i, instruction) in tape.instructions.enumerated() {
            switch instruction {
            case .constant(let q): registers[i] = context.constant(q)
            case .pi: registers[i] = context.pi
            case .input:
                varying[i] = true
                program.append(i)
            default:
                if instruction.operands.contains(where: { varying[$0] }) {
                    varying[i] = true
                    program.append(i)
                } else {
                    Self.execute(instruction, at: i, &registers, inputs: [])
                }
            }
        }
        self.registers = registers
        self.program = program
    }

    /// Evaluates every output for the given input values (in `tape.inputs` slot order).
    @inlinable public mutating func evaluate(_ inputs: [Context.Value]) -> [[Context.Value]] {
        run(inputs)
        return tape.outputs.map { $0.map { registers[$0] } }
    }

    /// Runs the program; read results with `value(ofRegister:)`.
    @inlinable public mutating func run(_ inputs: [Context.Value]) {
        precondition(inputs.count == tape.inputs.count, "tape expects \(tape.inputs.count) inputs")
        for i in program { Self.execute(tape.instructions[i], at: i, &registers, inputs: inputs) }
    }

    @inlinable public func value(ofRegister r: Int) -> Context.Value { registers[r] }

    @inlinable static func execute(_ instruction: Tape.Instruction, at i: Int,
                                   _ registers: inout [Context.Value], inputs: [Context.Value]) {
        registers.withUnsafeMutableBufferPointer { r in
            typealias V = Context.Value
            switch instruction {
            case .constant, .pi: break
            case .input(let slot): r[i] = inputs[slot]
            case .add(let a, let b): V.add(r[a], r[b], into: &r[i])
            case .subtract(let a, let b): V.subtract(r[a], r[b], into: &r[i])
            case .multiply(let a, let b): V.multiply(r[a], r[b], into: &r[i])
            case .divide(let a, let b): V.divide(r[a], r[b], into: &r[i])
            case .negate(let a): V.negate(r[a], into: &r[i])
            case .function(let f, let a): V.apply(f, r[a], into: &r[i])
            case .binaryFunction(let f, let a, let b): V.apply(f, r[a], r[b], into: &r[i])
            case .powerInt(let a, let n): V.pow(r[a], n, into: &r[i])
            }
        }
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
        }
    }
}
