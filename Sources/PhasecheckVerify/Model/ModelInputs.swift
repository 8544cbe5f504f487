import Foundation
import PhasecheckFormat
import PhasecheckExpressions
import PhasecheckNumbers

/// The numeric inputs of a model in one scalar context: parameter values, width and initial values,
/// laid out in `Model.inputShapes` order so that any tape compiled for the model can run on them.
struct ModelInputs<Context: ScalarContext> {
    let model: Model
    let context: Context
    /// Parameter values followed by the width, each a scalar.
    private let leading: [Context.Value]
    /// The expectations without a closed form (slots after `leading`), enclosed when a tape first reads one.
    private let smooth: LazySmoothExpectations<Context>
    /// Initial values, state by state, flattened.
    private let initial: [Context.Value]
    private let stateSlotCount: Int

    init(model: Model, context: Context) throws(DerivationError) {
        self.init(try ModelTape(model: model), context: context)
    }

    /// The values of a model's compiled parameters and initial values in this context.
    init(_ compiled: ModelTape, context: Context) {
        model = compiled.model
        self.context = context
        var evaluator = TapeEvaluator(tape: compiled.tape, context: context)
        let values = evaluator.evaluate([]).map { $0[0] }
        leading = Array(values[..<compiled.leadingCount])
        smooth = LazySmoothExpectations(compiled.smoothExpectations, context: context)
        // Explicit components come from the tape; a normal draw's from its mean and standard deviation.
        var initial: [Context.Value] = []
        var next = compiled.leadingCount
        for s in compiled.model.derivation.states {
            switch compiled.model.initialValues[s.name]! {
            case .components(let components):
                initial += values[next..<(next + components.count)]
                next += components.count
            case .normal(_, _, let draws):
                let mean = values[next], sd = values[next + 1]
                initial += draws.map { mean + sd * context.constant(exactRational($0)) }
                next += 2
            }
        }
        self.initial = initial
        stateSlotCount = initial.count
    }

    /// Parameters, the width, initial values (`u0` for state `u`) and the smooth expectations among `names` by
    /// name, for the integrators: an expectation is enclosed only when named.
    func values(named names: [String]) -> [String: [Context.Value]] {
        var result: [String: [Context.Value]] = [:]
        var index = 0
        for p in model.derivation.parameters { result[p.name] = [leading[index]]; index += 1 }
        if let w = model.derivation.width { result[w.name] = [leading[index]]; index += 1 }
        let asked = Set(names)
        for (k, expectation) in model.derivation.smoothExpectations.enumerated() where asked.contains(expectation.symbol) {
            result[expectation.symbol] = [smooth.value(k)]
        }
        index = 0
        for s in model.derivation.states {
            let n = model.shape(of: s).count
            result[s.initialName] = Array(initial[index..<(index + n)])
            index += n
        }
        return result
    }

    /// Initial values, state by state, flattened in state order.
    var initialState: [Context.Value] { initial }

    /// The full input vector of `tape` (compiled over `Model.inputShapes`) at time t with the given (flattened)
    /// state; nil state fills zeros (for expressions that no longer mention the state, such as closed forms). Only
    /// the smooth expectations the tape reads are enclosed; the others' slots hold NaN.
    func vector(t: Context.Value, state: [Context.Value]? = nil, reading tape: Tape) -> [Context.Value] {
        leading + smooth.values(readBy: tape, firstSlot: leading.count) + [t] + initial
            + (state ?? [Context.Value](repeating: context.constant(0), count: stateSlotCount))
    }

    /// Values of expressions that depend on parameters, the width and initial values only (times, bounds).
    func constants(_ exprs: [Expr]) throws -> [Context.Value] {
        try constants(compiled: try Tape(compiling: exprs.map(model.expand), inputs: model.inputShapes, onlyUsedInputs: true))
    }

    /// Values of a tape compiled from such expressions (`constants(_:)` without compiling again).
    /// Times and bounds from the command line (`solve --at '[1,2]'`) are not checked by the file's reader.
    func constants(compiled tape: Tape) throws -> [Context.Value] {
        var evaluator = TapeEvaluator(tape: tape, context: context)
        return try evaluator.evaluate(vector(t: context.constant(0), reading: tape)).enumerated().map { i, values in
            guard values.count == 1 else { throw CheckError("value \(i + 1) is a vector of \(values.count) components; expected a scalar") }
            return values[0]
        }
    }

    /// Compiles expressions (already expanded) for evaluation on these inputs.
    func evaluator(for exprs: [Expr]) throws -> TapeEvaluator<Context> {
        TapeEvaluator(tape: try model.quantitiesTape(exprs), context: context)
    }
}

extension ModelTape {
    /// Each parameter's value and the width as expressions in numbers alone (a parameter may use earlier ones).
    static func parameterValues(of model: Model) -> [String: Expr] {
        var resolved: [String: Expr] = [:]
        if let w = model.derivation.width { resolved[w.name] = Expr.number(model.width) }
        for p in model.derivation.parameters { resolved[p.name] = model.parameterValues[p.name]!.substituting(resolved) }
        return resolved
    }

    /// The value of a constant expression (a horizon, a bound). One in the parameters and the width alone is
    /// computed from those: a model's full inputs hold every initial value, millions at width 10^6.
    static func constant<Context: ScalarContext>(_ e: Expr, model: Model, context: Context) throws -> Context.Value {
        let resolved = model.expand(e).substituting(parameterValues(of: model))
        guard resolved.freeSymbols.subtracting([ReservedSymbols.pi]).isEmpty else {
            return try ModelInputs(model: model, context: context).constants([e])[0]
        }
        var evaluator = TapeEvaluator(tape: try Tape(compiling: [resolved]), context: context)
        let values = evaluator.evaluate([])[0]
        guard values.count == 1 else { throw CheckError("a vector of \(values.count) components where a scalar is expected") }
        return values[0]
    }
}

extension Model {
    /// A constant expression as a rational: exact for a literal, else its value rounded to a double (used for the
    /// horizon, which sets where times are sampled, and for the ends of ranges searched, not for what is compared).
    func constantValue(_ e: Expr) throws -> BigRational? {
        let expanded = expand(e)
        if let q = expanded.numberValue { return q }
        let value = try ModelTape.constant(expanded, model: self, context: MPFRContext(precision: 128))
        guard value.isFinite else { return nil }
        return exactRational(value.doubleValue)
    }
}

/// The model's smooth expectations in one context, each enclosed on first use (`SmoothExpectationCache` shares the
/// enclosures across claims, scenarios and contexts; this keeps the context's values of the ones read).
private final class LazySmoothExpectations<Context: ScalarContext>: @unchecked Sendable {
    private let constants: SmoothExpectationConstants
    private let context: Context
    private let lock = NSLock()
    private var computed: [Context.Value?]

    init(_ constants: SmoothExpectationConstants, context: Context) {
        self.constants = constants
        self.context = context
        computed = Array(repeating: nil, count: constants.entries.count)
    }

    func value(_ index: Int) -> Context.Value {
        if let value = lock.withLock({ computed[index] }) { return value }
        let value = constants.value(index, context: context)
        lock.withLock { computed[index] = value }
        return value
    }

    /// Values for the slots `firstSlot...` of the expectations: those `tape` reads, NaN for the others.
    func values(readBy tape: Tape, firstSlot: Int) -> [Context.Value] {
        guard !computed.isEmpty else { return [] }
        var read = Set<Int>()
        for case .input(let slot) in tape.instructions where slot >= firstSlot && slot < firstSlot + computed.count {
            read.insert(slot - firstSlot)
        }
        return computed.indices.map { read.contains($0) ? value($0) : context.constant(0) / context.constant(0) }
    }
}

/// A model's parameter and initial values compiled into one tape, which does not depend on the precision:
/// compiled once, evaluated in each context by `ModelInputs`.
struct ModelTape: Sendable {
    let model: Model
    let tape: Tape
    /// Parameters and the width come first in the tape's outputs, then the initial values.
    let leadingCount: Int
    /// The `let` and `ode` lines' expectations without a closed form, constants after the parameters and the width.
    let smoothExpectations: SmoothExpectationConstants

    init(model: Model) throws(DerivationError) {
        self.model = model
        let resolved = Self.parameterValues(of: model)
        var roots = model.derivation.parameters.map { resolved[$0.name]! }
        if model.derivation.width != nil { roots.append(Expr.number(model.width)) }
        leadingCount = roots.count
        // A normal draw contributes its mean and standard deviation (`ModelInputs` makes the components).
        for s in model.derivation.states {
            switch model.initialValues[s.name]! {
            case .components(let components): roots += components.map { $0.substituting(resolved) }
            case .normal(let mean, let sd, _): roots += [mean.substituting(resolved), sd.substituting(resolved)]
            }
        }
        do {
            tape = try Tape(compiling: roots)
        } catch {
            throw DerivationError(file: model.derivation.file, location: SourceLocation(line: 1, column: 1),
                                  message: "parameter or initial values are not constants: \(error)")
        }
        smoothExpectations = try SmoothExpectationConstants(model: model)
    }
}
