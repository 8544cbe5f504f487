import PhasecheckExpressions
import PhasecheckNumbers

/// An initial-value problem's vector field: x' = F(x, p, t).
///
/// State variables and parameters are scalars, vectors or matrices. Every right-hand
/// side has the shape of its state variable. Parameters are fixed during an integration; the optional time
/// symbol makes the system non-autonomous. All right-hand sides compile into one `Tape` whose inputs are
/// the state slots, then the parameter slots, then the time.
public struct ODESystem: Sendable {
    /// A named scalar, vector or matrix.
    public struct Variable: Sendable, Hashable {
        public let name: String
        public let shape: Shape
        public init(_ name: String, shape: Shape = .scalar) {
            self.name = name
            self.shape = shape
        }
        /// Number of scalar slots: 1 for a scalar.
        public var slotCount: Int { shape.count }
    }

    public let state: [Variable]
    public let rightHandSides: [Expr]
    public let parameters: [Variable]
    /// The name of the time variable, if the right-hand sides may use it.
    public let timeSymbol: String?
    /// The compiled right-hand sides: `tape.outputs[i]` holds the registers of `rightHandSides[i]`.
    public let tape: Tape

    /// Number of scalar state slots (the length of an initial condition).
    public var dimension: Int { state.reduce(0) { $0 + $1.slotCount } }

    /// Compiles the system; throws `ODESystemError` on a duplicate or unknown name or a shape mismatch.
    public init(state: [Variable], rightHandSides: [Expr], parameters: [Variable] = [],
                timeSymbol: String? = "t") throws {
        guard state.count == rightHandSides.count else {
            throw ODESystemError(message: "\(state.count) state variables but \(rightHandSides.count) right-hand sides")
        }
        guard !state.isEmpty else { throw ODESystemError(message: "an ODE system needs at least one state variable") }
        var names = Set<String>()
        for v in state + parameters + (timeSymbol.map { [Variable($0)] } ?? []) {
            guard names.insert(v.name).inserted else {
                throw ODESystemError(message: "the name `\(v.name)` is declared twice")
            }
            if v.name == ReservedSymbols.pi {
                throw ODESystemError(message: "`pi` is reserved and cannot name a variable")
            }
            if v.shape != .scalar, v.slotCount < 1 {
                throw ODESystemError(message: "`\(v.name)` must have a positive size, not \(v.shape)")
            }
        }
        var inputs: [(name: String, shape: Shape)] = (state + parameters).map { ($0.name, $0.shape) }
        if let timeSymbol { inputs.append((timeSymbol, .scalar)) }
        let tape: Tape
        do {
            tape = try Tape(compiling: rightHandSides, inputs: inputs)
        } catch let error as CompileError {
            throw ODESystemError(message: "cannot compile the right-hand sides: \(error.message)")
        }
        for (variable, registers) in zip(state, tape.outputs) where registers.count != variable.slotCount {
            throw ODESystemError(message: "the right-hand side of `\(variable.name)` has \(registers.count) components, but `\(variable.name)` is \(variable.shape.phrase)")
        }
        self.state = state
        self.rightHandSides = rightHandSides
        self.parameters = parameters
        self.timeSymbol = timeSymbol
        self.tape = tape
    }
}

extension ODESystem {
    /// The expression a tape register computes, over the system's symbols (a vector component as `u[i]`):
    /// how reports name the piecewise function of a `SwitchingEvent` (`abs(x)`, `max(a - 1, 0)`).
    public func expression(ofRegister register: Int) -> Expr {
        let instructions = tape.instructions
        // The registers the target reads, found without recursion; then built in tape order.
        var needed = Set([register]), stack = [register]
        while let r = stack.popLast() {
            for operand in instructions[r].operands where needed.insert(operand).inserted { stack.append(operand) }
        }
        var built: [Int: Expr] = [:]
        var wholeMatrixFunctions: [Int: Expr] = [:]
        for r in needed.sorted() {
            let e: Expr
            switch instructions[r] {
            case .constant(let q): e = .number(q)
            case .input(let n):
                let slot = tape.inputs[n]
                e = slot.component.map { Expr.index(.symbol(slot.name), $0 + 1) } ?? .symbol(slot.name)
            case .pi: e = .symbol(ReservedSymbols.pi)
            case .add(let a, let b): e = built[a]! + built[b]!
            case .subtract(let a, let b): e = built[a]! - built[b]!
            case .multiply(let a, let b): e = built[a]! * built[b]!
            case .divide(let a, let b): e = built[a]! / built[b]!
            case .negate(let a): e = -built[a]!
            case .function(let f, let a): e = .call(f, built[a]!)
            case .binaryFunction(let f, let a, let b): e = .call(f, built[a]!, built[b]!)
            case .powerInt(let a, let n): e = .power(built[a]!, .number(n))
            case .matrixFunction(let f, let size, let matrix, let exponent):
                // The matrix operands (A, and for dpowm the direction E after the exponent), row by row.
                let operands = (0..<f.matrixOperandCount).map { k in
                    Expr.vector((0..<size).map { i in Expr.vector((0..<size).map { j in built[matrix[k * size * size + i * size + j]]! }) })
                }
                let whole = Expr.make(.matrixFunction(f), [operands[0]] + (exponent.map { [built[$0]!] } ?? []) + operands.dropFirst())
                wholeMatrixFunctions[r] = whole
                e = f == .det ? whole : Expr.index(whole, 1, 1)
            case .matrixEntry(let block, let entry):
                guard case .matrixFunction(_, let size, _, _) = instructions[block] else { preconditionFailure("an entry follows its block") }
                e = Expr.index(wholeMatrixFunctions[block]!, entry / size + 1, entry % size + 1)
            }
            built[r] = e
        }
        return built[register]!
    }
}

public struct ODESystemError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
