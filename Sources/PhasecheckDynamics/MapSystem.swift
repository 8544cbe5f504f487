import PhasecheckExpressions
import PhasecheckNumbers

/// A discrete-time dynamical system: x_{k+1} = G(x_k, p, k), the counterpart of `ODESystem`.
///
/// Every update has the shape of its state variable (or is a scalar, broadcast). All updates compile into
/// one `Tape` with inputs in the order: state slots, parameter slots, noise slots, then the step number.
/// Noise variables are drawn afresh at every step (`MonteCarlo`); a map without them is deterministic
/// (`MapIterator`).
public struct MapSystem: Sendable {
    public let state: [ODESystem.Variable]
    public let updates: [Expr]
    public let parameters: [ODESystem.Variable]
    /// Random inputs, drawn afresh at every step.
    public let noise: [ODESystem.Variable]
    /// The name of the step counter, if updates may use it.
    public let stepSymbol: String?
    public let tape: Tape

    public var dimension: Int { state.reduce(0) { $0 + $1.slotCount } }

    public init(state: [ODESystem.Variable], updates: [Expr], parameters: [ODESystem.Variable] = [],
                noise: [ODESystem.Variable] = [], stepSymbol: String? = nil) throws {
        guard state.count == updates.count, !state.isEmpty else {
            throw ODESystemError(message: "\(state.count) state variables but \(updates.count) updates")
        }
        var inputs: [(name: String, shape: Shape)] = (state + parameters + noise).map { ($0.name, $0.shape) }
        if let stepSymbol { inputs.append((stepSymbol, .scalar)) }
        let tape: Tape
        do {
            tape = try Tape(compiling: updates, inputs: inputs)
        } catch let error as CompileError {
            throw ODESystemError(message: "cannot compile the updates: \(error.message)")
        }
        for (variable, registers) in zip(state, tape.outputs) where registers.count != variable.slotCount && registers.count != 1 {
            throw ODESystemError(message: "the update of `\(variable.name)` has \(registers.count) components, but `\(variable.name)` has \(variable.slotCount)")
        }
        self.state = state
        self.updates = updates
        self.parameters = parameters
        self.noise = noise
        self.stepSymbol = stepSymbol
        self.tape = tape
    }

    /// The parameters' values in slot order, from their values by name.
    func parameterSlots<Value>(_ parameters: [String: [Value]]) throws -> [Value] {
        var values: [Value] = []
        for p in self.parameters {
            guard let v = parameters[p.name], v.count == p.slotCount else {
                throw ODESystemError(message: "missing or misshapen value of parameter `\(p.name)`")
            }
            values += v
        }
        return values
    }

    /// The output register of each state slot (a scalar update's one register repeated over its variable).
    var stateSlotRegisters: [Int] {
        zip(state, tape.outputs).flatMap { variable, registers in
            registers.count == variable.slotCount ? registers : Array(repeating: registers[0], count: variable.slotCount)
        }
    }

    /// The next state from one evaluation's outputs: each update's components, a scalar update broadcast.
    func nextState<Value>(_ outputs: [[Value]]) -> [Value] {
        var next: [Value] = []
        next.reserveCapacity(dimension)
        for (variable, values) in zip(state, outputs) {
            if values.count == variable.slotCount { next += values } else { next += Array(repeating: values[0], count: variable.slotCount) }
        }
        return next
    }
}

/// Iterates a `MapSystem` in one scalar context (Double, MPFR, or intervals for enclosures).
public struct MapIterator<Context: ScalarContext> {
    public let system: MapSystem
    public let context: Context
    private var evaluator: TapeEvaluator<Context>
    private let parameterValues: [Context.Value]

    /// Where an iteration stopped early.
    public enum Stop: Sendable, Equatable {
        /// A component reached a magnitude above the bound (its lower bound, for an interval) at this step.
        case escaped(step: Int)
        /// A component stopped being finite at this step (for intervals: possibly only the enclosure).
        case notFinite(step: Int)
    }

    public struct Run {
        /// The state at each requested step reached, in the order asked.
        public var states: [Int: [Context.Value]]
        public var stop: Stop?
    }

    public init(system: MapSystem, parameters: [String: [Context.Value]], context: Context) throws {
        guard system.noise.isEmpty else {
            throw ODESystemError(message: "the map draws noise (`\(system.noise[0].name)`): run it with `MonteCarlo`")
        }
        self.system = system
        self.context = context
        self.parameterValues = try system.parameterSlots(parameters)
        self.evaluator = TapeEvaluator(tape: system.tape, context: context)
    }

    /// Iterates from `initial` (step 0) up to the largest requested step, keeping the requested states.
    /// - Parameter escape: stops when this returns true for a component (e.g. |x| certainly above a bound).
    public mutating func iterate(initial: [Context.Value], keeping steps: Set<Int>,
                                 escape: (Context.Value) -> Bool = { _ in false }) -> Run {
        var x = initial
        var run = Run(states: [:], stop: nil)
        if steps.contains(0) { run.states[0] = x }
        let last = steps.max() ?? 0
        guard last > 0 else { return run }
        // Each state is copied (x + 0, exact) into one of two buffers used in turn, rather than kept as the
        // evaluator's output registers: shared, those would be reallocated at every step when next written
        // (2 x 10^4 intervals a step at width 10^4), where now they are overwritten in place.
        let zero = context.constant(0)
        let slots = system.stateSlotRegisters
        var spare: [Context.Value] = []   // empty: new values (at the outputs' precision), not the caller's state
        for k in 1...last {
            var inputs = x + parameterValues
            if system.stepSymbol != nil { inputs.append(context.constant(k - 1)) }
            evaluator.run(inputs)
            if spare.isEmpty { spare = slots.map { evaluator.value(ofRegister: $0) + zero } } else {
                for (i, register) in slots.enumerated() { Context.Value.add(evaluator.value(ofRegister: register), zero, into: &spare[i]) }
            }
            swap(&x, &spare)
            if k == 1 { spare = [] }
            if steps.contains(k) { run.states[k] = x }
            if x.contains(where: { !$0.isFinite }) { run.stop = .notFinite(step: k); return run }
            if x.contains(where: escape) { run.stop = .escaped(step: k); return run }
        }
        return run
    }
}

extension MapIterator.Run: Sendable where Context.Value: Sendable {}
