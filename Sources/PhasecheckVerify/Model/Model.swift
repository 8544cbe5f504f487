import Foundation
import PhasecheckFormat
import PhasecheckExpressions
import PhasecheckNumbers

/// A derivation with its `let` quantities expanded and one choice of parameter values, width and initial
/// values (the defaults, a scenario's, or the command line's). Everything the checks evaluate is an
/// expression over the *base symbols*: parameters, the width, `t`, the states and their initial values.
public struct Model: Sendable {
    public let derivation: Derivation
    public let width: Int
    /// The value of each size: the width's and every `dim`'s (after overrides).
    public internal(set) var sizes: [String: Int]
    /// Value of each parameter: a constant expression (it may use `pi` and other parameters).
    public private(set) var parameterValues: [String: Expr]
    /// Each state's initial value.
    public private(set) var initialValues: [String: InitialValue]
    private let expandedLets: [String: Expr]

    /// Working memory per vector component, an order of magnitude: an integration holds each state
    /// component, its Taylor coefficients and evaluation registers as MPFR numbers of a few hundred bits.
    static let bytesPerComponent = 4096

    /// The widest model this machine's memory can evaluate; wider ones are refused before any work.
    public static var maximumWidth: Int { Int(ProcessInfo.processInfo.physicalMemory / UInt64(bytesPerComponent)) }

    /// Memory per scalar operation of a compiled tape, an order of magnitude: the instruction, its value
    /// numbering entry and its MPFR register.
    static let bytesPerOperation = 512

    /// The largest size of a matrix dimension in the width-limit section, which unrolls every matrix to
    /// scalar expressions: a product of two n x n matrices unrolls to about 2 n^3 scalar operations, which
    /// must fit in a quarter of this machine's memory. (The model's sizes are refused by `ModelMemory`.)
    public static var maximumMatrixSize: Int {
        let operations = Double(ProcessInfo.processInfo.physicalMemory) / 4 / Double(bytesPerOperation) / 2
        return Int(Foundation.cbrt(operations))
    }

    /// The error for a size larger than `maximumMatrixSize`, at its `dim` line (nil when it fits).
    static func sizeRefusal(_ dim: Width, size: Int, file: String) -> DerivationError? {
        guard size > maximumMatrixSize else { return nil }
        return DerivationError(file: file, location: dim.location,
                               message: "the size \(dim.name) = \(size) is more than this machine can hold: a product of two n x n matrices "
                               + "unrolls to about 2 n^3 scalar operations of about \(bytesPerOperation) bytes each, so its memory allows n up to \(maximumMatrixSize)")
    }

    /// - Parameters:
    ///   - overrides: name = value pairs for parameters, states (`u` or `u0`) and the width, applied after the
    ///     scenario's.
    ///   - estimatingMemory: refuse sizes whose checks would not fit in memory (`memoryRefusal`); false only for a
    ///     command that never integrates nor compiles the model (`phase` over exponents), and such a model is
    ///     never handed to one that does (`CheckedDerivation.model`).
    public init(_ derivation: Derivation, scenario: String? = nil, overrides: [(name: String, value: Expr)] = [],
                estimatingMemory: Bool = true) throws(DerivationError) {
        self.derivation = derivation
        /// Each assignment with where it comes from: the scenario's line, or nil for `--set`.
        var assignments: [(name: String, value: Expr, scenario: Scenario?)] = []
        if let scenario {
            guard let s = derivation.scenarios[scenario] else {
                // Shown at the scenario it is nearest to, when there is one.
                let nearest = Suggestions.nearest(to: scenario, among: derivation.scenarios.keys)
                throw DerivationError(file: derivation.file, location: nearest.flatMap { derivation.scenarios[$0]?.location } ?? SourceLocation(line: 1, column: 1),
                                      message: "unknown scenario `\(scenario)`" + (derivation.scenarios.isEmpty ? "; the file has none" : ""),
                                      hint: nearest.map { "did you mean `\($0)`, declared here?" })
            }
            assignments += s.assignments.map { ($0.name, $0.value, s) }
        }
        assignments += overrides.map { ($0.name, $0.value, nil) }
        let settable = Self.settableNames(of: derivation).map(\.name)
        /// An error about an assignment: at the scenario's line, or for `--set` at the declaration it overrides.
        func fail(_ message: String, _ scenario: Scenario?, declaredAt: SourceLocation? = nil, hint: String? = nil) -> DerivationError {
            DerivationError(file: derivation.file, location: scenario?.location ?? declaredAt ?? SourceLocation(line: 1, column: 1),
                            message: (scenario.map { "scenario `\($0.name)`: " } ?? "--set: ") + message, hint: hint)
        }
        let scalarInputs = derivation.parameters.map { (name: $0.name, length: Int?.none) } + (derivation.width.map { [($0.name, nil)] } ?? [])

        var width = derivation.width?.value ?? 1
        var sizes = Dictionary(uniqueKeysWithValues: derivation.dims.map { ($0.name, $0.value) })
        var parameters: [String: Expr] = [:]
        for p in derivation.parameters { parameters[p.name] = p.value }
        var explicitInitial: [String: Expr] = [:]
        /// Constant vectors and matrices given new values, with where each assignment comes from.
        var shapedValues: [String: (value: Expr, scenario: Scenario?)] = [:]
        for (name, value, scenario) in assignments {
            if let w = derivation.width, name == w.name {
                guard let n = value.numberValue, n.isInteger, let (w, _) = n.smallParts, w >= 1 else {
                    throw fail("the width `\(name)` must be a positive integer, found `\(value)`", scenario, declaredAt: w.location)
                }
                width = w
            } else if let dim = derivation.dims.first(where: { $0.name == name }) {
                guard let q = value.numberValue, q.isInteger, let (n, _) = q.smallParts, n >= 1 else {
                    throw fail("the size `\(name)` must be a positive integer, found `\(value)`", scenario, declaredAt: dim.location)
                }
                sizes[name] = n
            } else if let parameter = derivation.parameter(named: name) {
                // A vector would silently stand for its first component and skip the domain check.
                if let length = try? Tape(compiling: [value], inputs: scalarInputs).outputs[0].count, length != 1 {
                    throw fail("`\(name)` is a scalar parameter, but `\(value)` is a vector of length \(length)", scenario, declaredAt: parameter.location)
                }
                if let problem = Self.problem(withValue: value, parameters: scalarInputs.map { $0.0 }) {
                    throw fail("`\(name)` = \(value) \(problem)", scenario, declaredAt: parameter.location)
                }
                if let domain = parameter.domain, let q = value.simplified().numberValue, !domain.contains(q) {
                    throw fail("`\(name)` = \(value) lies outside its domain \(domain)", scenario, declaredAt: parameter.location)
                }
                parameters[name] = value
            } else if derivation.shapedParameters.contains(where: { $0.name == name }) {
                shapedValues[name] = (value, scenario)
            } else if let s = derivation.states.first(where: { $0.name == name || $0.initialName == name }) {
                explicitInitial[s.name] = value
            } else {
                // Shown at the declaration of the name it is nearest to, when there is one.
                let nearest = Suggestions.nearest(to: name, among: settable)
                throw fail("cannot set `\(name)`: it is not a parameter, a state variable or the width", scenario,
                           declaredAt: Self.settableNames(of: derivation).first { $0.name == nearest }?.location,
                           hint: nearest.map { "did you mean `\($0)`, declared here?" })
            }
        }
        guard width <= Model.maximumWidth else {
            throw DerivationError(file: derivation.file, location: derivation.width?.location ?? SourceLocation(line: 1, column: 1),
                                  message: "the width \(width) is more than this machine can hold: at about \(Model.bytesPerComponent) bytes "
                                  + "a component (states, their Taylor coefficients and evaluation registers), its memory allows at most \(Model.maximumWidth)")
        }
        if let w = derivation.width { sizes[w.name] = width }
        self.width = width
        self.sizes = sizes
        self.parameterValues = parameters
        let components = derivation.states.reduce(0) { $0 + Self.shape(of: $1, sizes: sizes).count }
        guard components <= Model.maximumWidth else {
            throw DerivationError(file: derivation.file, location: derivation.states.first?.location ?? SourceLocation(line: 1, column: 1),
                                  message: "the states have \(components) components in all, more than this machine can hold: at about \(Model.bytesPerComponent) bytes "
                                  + "a component (states, their Taylor coefficients and evaluation registers), its memory allows at most \(Model.maximumWidth)")
        }

        // Expand lets (macros) in dependency order, rejecting cycles. `q0` (unless defined by the file) is
        // `q` at t = 0: its expansion with states replaced by their initial values. Constant vectors and
        // matrices (`param W[m, n] = ...`) expand the same way.
        let letInitialValues = derivation.letInitialValueNames
        // One memo for every `q0`: the expansions share subtrees (a chain of lets nests each in the next),
        // which rewritten one by one from scratch cost O(n^2).
        var toInitial = Substitution(derivation.atStart)
        let shapedParameters = derivation.shapedParameters.map { p in
            var p = p
            if let assigned = shapedValues[p.name] { p.expr = assigned.value }
            return p
        }
        var expansion = MacroExpansion(shapedParameters + derivation.lets, file: derivation.file, cycleNote: "a cycle of `let` definitions") { name in
            guard letInitialValues.contains(name) else { return nil }
            return (String(name.dropLast()), { toInitial.apply(to: $0) })
        }
        for def in shapedParameters + derivation.lets {
            _ = try expansion.expand(def.name)
            if expansion.defines(def.name + "0") { _ = try expansion.expand(def.name + "0") }
        }
        self.expandedLets = expansion.expanded
        self.initialValues = [:]
        for p in derivation.shapedParameters {
            guard let (value, scenario) = shapedValues[p.name] else { continue }
            if let problem = shapeProblem(assigning: value, to: p) {
                throw fail(problem, scenario, declaredAt: p.location)
            }
        }
        // Sizes too large for the machine, before anything is compiled (initial values included).
        let setSizes = Set(assignments.map(\.name).filter { name in derivation.dims.contains { $0.name == name } })
        if estimatingMemory, let refusal = memoryRefusal(setSizes: setSizes) { throw refusal }

        var initial: [String: InitialValue] = [:]
        for s in derivation.states {
            let spec: StateVariable.Initial = explicitInitial[s.name].map { .value($0) } ?? s.initial
            switch spec {
            case .value(let e):
                initial[s.name] = .components(try initialComponents(of: s, expand(e)))
            case .normal(let mean, let sd, let seed):
                var generator = SeededRandom(seed: seed)
                let count = Self.shape(of: s, sizes: sizes).count
                initial[s.name] = .normal(mean: expand(mean), standardDeviation: expand(sd), draws: (0..<count).map { _ in generator.nextNormal() })
            }
        }
        self.initialValues = initial
    }

    /// The components of a state's initial value `e` (expanded), row-major: a vector literal's own, else
    /// `e[i]` or `e[i, j]` of the whole expression (compiled once, so a matrix product is computed once).
    private func initialComponents(of s: StateVariable, _ e: Expr) throws(DerivationError) -> [Expr] {
        let stateShape = shape(of: s)
        func fail(_ message: String) -> DerivationError { DerivationError(file: derivation.file, location: s.location, message: message) }
        if let moving = e.freeSymbols.first(where: { name in derivation.states.contains { $0.name == name || $0.initialName == name } || name == Derivation.time }) {
            throw fail("the initial value of `\(s.name)` depends on `\(moving)`; expected constants (parameters, sizes, constant `let` quantities)")
        }
        if case .vector(let n) = stateShape, e.kind == .vector, e.arguments.allSatisfy({ $0.kind != .vector }) {
            guard e.arguments.count == n else {
                throw fail("expected \(n) components in the initial value of `\(s.name)` (its length), found \(e.arguments.count)")
            }
            return e.arguments
        }
        var checker = ShapeChecker(inputs: inputShapes)
        let valueShape: Shape
        do { valueShape = try checker.shape(of: e) } catch { throw fail("\(error) in the initial value of `\(s.name)`") }
        switch (stateShape, valueShape) {
        case (.scalar, .scalar): return [e]
        case (.scalar, _): throw fail("`\(s.name)` is a scalar state, but its initial value is \(valueShape.phrase)")
        case (.vector(let n), .vector(let m)) where n == m: return (1...n).map { Expr.index(e, $0) }
        case (.matrix(let m, let n), .matrix(let k, let l)) where m == k && n == l:
            return (1...m).flatMap { i in (1...n).map { j in Expr.index(e, i, j) } }
        default:
            let expected = stateShape.isMatrix ? stateShape.phrase : "a \(stateShape)"
            throw fail("expected \(expected) as the initial value of `\(s.name)`, found `\(e)` (\(valueShape.phrase))")
        }
    }

    /// Why a parameter's new value cannot be used, or nil: a name that is not a parameter or the width
    /// (`--set gamma=nan`), or a constant that is not a finite real number (`1/0`, `sqrt(-1)`), which
    /// would otherwise turn every value computed from it into NaN with no input error.
    static func problem(withValue value: Expr, parameters: [String]) -> String? {
        let symbols = value.freeSymbols.subtracting([ReservedSymbols.pi])
        if let unknown = symbols.subtracting(parameters).sorted().first {
            return "uses `\(unknown)`, which is not a parameter or the width"
        }
        guard symbols.isEmpty, let tape = try? Tape(compiling: [value]) else { return nil }
        var evaluator = TapeEvaluator(tape: tape, context: IntervalContext(precision: 128))
        let components = evaluator.evaluate([])[0]
        if components.contains(where: \.isNaN) { return "is undefined (a domain error such as a division by 0 or the root of a negative number)" }
        if !components.allSatisfy(\.isFinite) { return "is not finite" }
        return nil
    }

    /// Why `value` cannot be the value of the constant vector or matrix `parameter` (`param S[m, n] = ...`) at
    /// this model's sizes: its shape differs from the declared one, or it does not compile (it must be a
    /// constant: numbers, parameters, sizes, earlier constant vectors and matrices); nil when it fits.
    public func shapeProblem(assigning value: Expr, to parameter: Definition) -> String? {
        let declared = declaredShape(of: parameter) ?? .scalar
        let constants = derivation.parameters.map(\.name) + (derivation.width.map { [$0.name] } ?? [])
        var checker = ShapeChecker(inputs: constants.map { (name: $0, shape: Shape.scalar) })
        let shape: Shape
        do { shape = try checker.shape(of: expand(value)) } catch { return "cannot give `\(parameter.name)` the value `\(value)`: \(error)" }
        return shape == declared ? nil : "`\(parameter.name)` is declared \(declared.phrase), but `\(value)` is \(shape.phrase)"
    }

    /// What `--set` and scenarios may assign, with where each is declared: parameters, constant vectors and
    /// matrices, states and their initial values (`u`, `u0`), the width and the `dim` sizes.
    public static func settableNames(of derivation: Derivation) -> [(name: String, location: SourceLocation)] {
        derivation.parameters.map { ($0.name, $0.location) }
            + derivation.shapedParameters.map { ($0.name, $0.location) }
            + derivation.states.flatMap { [($0.name, $0.location), ($0.initialName, $0.location)] }
            + (derivation.width.map { [($0.name, $0.location)] } ?? [])
            + derivation.dims.map { ($0.name, $0.location) }
    }

    /// The expression with every `let` quantity (and constant vector and matrix) replaced by its
    /// definition, and every size by its value: `dim` names everywhere, the width inside `eye(d)` and
    /// `zeros(d, d)` (elsewhere it stays a symbol, which width limits vary).
    public func expand(_ e: Expr) -> Expr {
        var replacements: [String: Expr] = [:]
        for name in e.freeSymbols {
            if let definition = expandedLets[name] { replacements[name] = definition }
        }
        let expanded = replacements.isEmpty ? e : e.substituting(replacements)
        return resolvingSizes(expanded)
    }

    /// `dim` names replaced by their values, and the width inside size arguments.
    func resolvingSizes(_ e: Expr) -> Expr {
        if derivation.dims.isEmpty && derivation.width == nil { return e }
        let symbols = e.freeSymbols
        var dims: [String: Expr] = [:]
        for dim in derivation.dims where symbols.contains(dim.name) { dims[dim.name] = .number(sizes[dim.name]!) }
        var result = dims.isEmpty ? e : e.substituting(dims)
        if let w = derivation.width, symbols.contains(w.name) {
            let width = Expr.number(self.width)
            var memo: [ObjectIdentifier: Expr] = [:]
            for node in Expr.postorder(from: [result]) {
                let arguments = node.arguments.map { memo[ObjectIdentifier($0)]! }
                let sized = node.kind == .identity || node.kind == .zeros
                memo[ObjectIdentifier(node)] = sized ? node.rebuilt(arguments.map { $0.symbolName == w.name ? width : $0 })
                    : arguments.isEmpty ? node : node.rebuilt(arguments)
            }
            result = memo[ObjectIdentifier(result)]!
        }
        return result
    }

    /// The closed-form state as expressions in t, the parameters and the initial values (nil without one).
    public var closedForm: [String: Expr]? {
        guard !derivation.solutions.isEmpty else { return nil }
        return derivation.solutions.mapValues { expand($0.expr) }
    }

    /// Replaces states by their closed forms.
    public func alongClosedForm(_ e: Expr) -> Expr? {
        guard let closedForm else { return nil }
        return expand(e).substituting(closedForm)
    }

    /// The shape of a state (and of its initial value) at this model's sizes.
    public func shape(of state: StateVariable) -> Shape { Self.shape(of: state, sizes: sizes) }

    /// The shape of declared dimensions: each the width's or a `dim`'s name (in `sizes`) or an integer.
    static func shape(of dimensions: [String], sizes: [String: Int]) -> Shape {
        let n = dimensions.map { sizes[$0] ?? Int($0)! }
        switch n.count {
        case 0: return .scalar
        case 1: return .vector(n[0])
        default: return .matrix(n[0], n[1])
        }
    }

    static func shape(of state: StateVariable, sizes: [String: Int]) -> Shape { shape(of: state.dimensions, sizes: sizes) }

    /// The declared shape of a `let` quantity or constant vector or matrix (nil: inferred).
    public func declaredShape(of definition: Definition) -> Shape? {
        definition.dimensions.isEmpty ? nil : Self.shape(of: definition.dimensions, sizes: sizes)
    }

    /// Inputs of every compiled tape, in slot order: parameters, width, the `let` lines' expectations without a
    /// closed form (`ModelInputs` encloses them by quadrature), t, initial values, states.
    public var inputShapes: [(name: String, shape: Shape)] {
        var shapes: [(String, Shape)] = derivation.parameters.map { ($0.name, .scalar) }
        if let w = derivation.width { shapes.append((w.name, .scalar)) }
        shapes += derivation.smoothExpectations.map { ($0.symbol, .scalar) }
        shapes.append((Derivation.time, .scalar))
        for s in derivation.states { shapes.append((s.initialName, shape(of: s))) }
        for s in derivation.states { shapes.append((s.name, shape(of: s))) }
        return shapes
    }

    /// The tape of quantities in the model's inputs (only those they read), for `ModelInputs` at any precision.
    func quantitiesTape(_ exprs: [Expr]) throws -> Tape { try Tape(compiling: exprs, inputs: inputShapes, onlyUsedInputs: true) }

    /// Replaces a parameter's value (identity claims draw random values this way).
    public mutating func setParameter(_ name: String, _ value: Expr) { parameterValues[name] = value }

    /// Replaces a state's initial value (basin claims draw random starts this way).
    public mutating func setInitialValue(_ state: String, _ value: InitialValue) { initialValues[state] = value }
}

/// A state's initial value: its components as expressions in the parameters, or `mean + sd * z` for
/// standard normal draws z. The draws stay doubles (8 bytes a component, not an expression each), so a
/// random state of width 10^6 loads in little memory.
public enum InitialValue: Sendable {
    case components([Expr])
    case normal(mean: Expr, standardDeviation: Expr, draws: [Double])

    public var count: Int {
        switch self {
        case .components(let c): c.count
        case .normal(_, _, let draws): draws.count
        }
    }

    /// Each component as an expression (a draw z as its exact rational), for inspection at small widths.
    public var expressions: [Expr] {
        switch self {
        case .components(let c): c
        case .normal(let mean, let sd, let draws): draws.map { mean + sd * Expr.number(exactRational($0)) }
        }
    }
}

/// Uniform and standard normal draws from a fixed seed (SplitMix64, Box-Muller), normals returned as the exact rational of the
/// double drawn, so that a derivation's random initialization is the same on every machine.
struct SeededRandom {
    private var generator: SplitMix64
    private var spare: Double?

    init(seed: UInt64) { generator = SplitMix64(seed: seed &+ 0x9E37_79B9_7F4A_7C15) }

    mutating func nextUInt64() -> UInt64 { generator.next() }

    /// Uniform in (0, 1).
    mutating func nextUniform() -> Double { (Double(nextUInt64() >> 11) + 0.5) / 9_007_199_254_740_992.0 }

    mutating func nextNormal() -> Double {
        if let s = spare { spare = nil; return s }
        let u1 = nextUniform(), u2 = nextUniform()
        let radius = (-2 * Double.log(u1)).squareRoot()
        spare = radius * Double.sin(2 * Double.pi * u2)
        return radius * Double.cos(2 * Double.pi * u2)
    }
}

extension Derivation {
    /// Each state replaced by its initial value (`x` by `x0`) and t by 0: an expression at the start of the flow.
    var atStart: [String: Expr] {
        Dictionary(uniqueKeysWithValues: states.map { ($0.name, Expr.symbol($0.initialName)) }).merging([Derivation.time: Expr.number(0)]) { a, _ in a }
    }
}
