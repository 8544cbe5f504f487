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

    /// - Parameter overrides: name = value pairs for parameters, states (`u` or `u0`) and the width, applied
    ///   after the scenario's.
    public init(_ derivation: Derivation, scenario: String? = nil, overrides: [(name: String, value: Expr)] = []) throws(DerivationError) {
        self.derivation = derivation
        /// Each assignment with where it comes from: the scenario's line, or nil for `--set`.
        var assignments: [(name: String, value: Expr, scenario: Scenario?)] = []
        if let scenario {
            guard let s = derivation.scenarios[scenario] else {
                throw DerivationError(file: derivation.file, location: SourceLocation(line: 1, column: 1),
                                      message: "unknown scenario `\(scenario)`" + (derivation.scenarios.isEmpty ? "; the file has none" : ""),
                                      hint: Suggestions.didYouMean(scenario, among: derivation.scenarios.keys))
            }
            assignments += s.assignments.map { ($0.name, $0.value, s) }
        }
        assignments += overrides.map { ($0.name, $0.value, nil) }
        let settable = derivation.parameters.map(\.name) + derivation.states.flatMap { [$0.name, $0.initialName] } + (derivation.width.map { [$0.name] } ?? [])
        /// An error about an assignment: at the scenario's line, or for `--set` at the declaration it overrides.
        func fail(_ message: String, _ scenario: Scenario?, declaredAt: SourceLocation? = nil, hint: String? = nil) -> DerivationError {
            DerivationError(file: derivation.file, location: scenario?.location ?? declaredAt ?? SourceLocation(line: 1, column: 1),
                            message: (scenario.map { "scenario `\($0.name)`: " } ?? "--set: ") + message, hint: hint)
        }
        let scalarInputs = derivation.parameters.map { (name: $0.name, length: Int?.none) } + (derivation.width.map { [($0.name, nil)] } ?? [])

        var width = derivation.width?.value ?? 1
        var parameters: [String: Expr] = [:]
        for p in derivation.parameters { parameters[p.name] = p.value }
        var explicitInitial: [String: Expr] = [:]
        for (name, value, scenario) in assignments {
            if let w = derivation.width, name == w.name {
                guard let n = value.numberValue, n.isInteger, let (w, _) = n.smallParts, w >= 1 else {
                    throw fail("the width `\(name)` must be a positive integer, found `\(value)`", scenario, declaredAt: w.location)
                }
                width = w
            } else if let parameter = derivation.parameter(named: name) {
                // A vector would silently stand for its first component and skip the domain check.
                if let length = try? Tape(compiling: [value], inputs: scalarInputs).outputs[0].count, length != 1 {
                    throw fail("`\(name)` is a scalar parameter, but `\(value)` is a vector of length \(length)", scenario, declaredAt: parameter.location)
                }
                if let domain = parameter.domain, let q = value.simplified().numberValue, !domain.contains(q) {
                    throw fail("`\(name)` = \(value) lies outside its domain \(domain)", scenario, declaredAt: parameter.location)
                }
                parameters[name] = value
            } else if let s = derivation.states.first(where: { $0.name == name || $0.initialName == name }) {
                explicitInitial[s.name] = value
            } else {
                throw fail("cannot set `\(name)`: it is not a parameter, a state variable or the width", scenario,
                           hint: Suggestions.didYouMean(name, among: settable))
            }
        }
        guard width <= Model.maximumWidth else {
            throw DerivationError(file: derivation.file, location: derivation.width?.location ?? SourceLocation(line: 1, column: 1),
                                  message: "the width \(width) is more than this machine can hold: at about \(Model.bytesPerComponent) bytes "
                                  + "a component (states, their Taylor coefficients and evaluation registers), its memory allows at most \(Model.maximumWidth)")
        }
        self.width = width
        self.parameterValues = parameters

        var initial: [String: InitialValue] = [:]
        for s in derivation.states {
            let spec: StateVariable.Initial = explicitInitial[s.name].map { .value($0) } ?? s.initial
            switch spec {
            case .value(let e):
                if case .vector = Self.shape(of: s, width: width) {
                    guard case .vector = e.kind else {
                        throw DerivationError(file: derivation.file, location: s.location,
                                              message: "expected a vector of length \(width) as the initial value of `\(s.name)`, found `\(e)`")
                    }
                    guard e.arguments.count == width else {
                        throw DerivationError(file: derivation.file, location: s.location,
                                              message: "expected \(width) components in the initial value of `\(s.name)` (the width), found \(e.arguments.count)")
                    }
                    initial[s.name] = .components(e.arguments)
                } else {
                    if case .vector = e.kind {
                        throw DerivationError(file: derivation.file, location: s.location,
                                              message: "`\(s.name)` is a scalar state, but its initial value is a vector")
                    }
                    initial[s.name] = .components([e])
                }
            case .normal(let mean, let sd, let seed):
                var generator = SeededRandom(seed: seed)
                let count = Self.shape(of: s, width: width).count
                initial[s.name] = .normal(mean: mean, standardDeviation: sd, draws: (0..<count).map { _ in generator.nextNormal() })
            }
        }
        self.initialValues = initial

        // Expand lets (macros) in dependency order, rejecting cycles. `q0` (unless defined by the file) is
        // `q` at t = 0: its expansion with states replaced by their initial values.
        let definitions = Set(derivation.lets.map(\.name))
        // One memo for every `q0`: the expansions share subtrees (a chain of lets nests each in the next),
        // which rewritten one by one from scratch cost O(n^2).
        var toInitial = Substitution(Dictionary(uniqueKeysWithValues: derivation.states.map { ($0.name, Expr.symbol($0.initialName)) })
            .merging([Derivation.time: Expr.number(0)]) { a, _ in a })
        var expansion = MacroExpansion(derivation.lets, file: derivation.file, cycleNote: "a cycle of `let` definitions") { name in
            guard name.hasSuffix("0"), !definitions.contains(name), definitions.contains(String(name.dropLast())) else { return nil }
            return (String(name.dropLast()), { toInitial.apply(to: $0) })
        }
        for def in derivation.lets {
            _ = try expansion.expand(def.name)
            if expansion.defines(def.name + "0") { _ = try expansion.expand(def.name + "0") }
        }
        let expanded = expansion.expanded
        self.expandedLets = expanded
    }

    /// The expression with every `let` quantity replaced by its definition.
    public func expand(_ e: Expr) -> Expr {
        let names = e.freeSymbols.filter { expandedLets[$0] != nil }
        if names.isEmpty { return e }
        return e.substituting(Dictionary(uniqueKeysWithValues: names.map { ($0, expandedLets[$0]!) }))
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

    /// The shape of a state (and of its initial value) at this model's width.
    public func shape(of state: StateVariable) -> Shape { Self.shape(of: state, width: width) }

    static func shape(of state: StateVariable, width: Int) -> Shape { state.dimensions.isEmpty ? .scalar : .vector(width) }

    /// Inputs of every compiled tape, in slot order: parameters, width, t, initial values, states.
    public var inputShapes: [(name: String, length: Int?)] {
        var shapes: [(String, Int?)] = derivation.parameters.map { ($0.name, nil) }
        if let w = derivation.width { shapes.append((w.name, nil)) }
        shapes.append((Derivation.time, nil))
        for s in derivation.states { shapes.append((s.initialName, shape(of: s).length)) }
        for s in derivation.states { shapes.append((s.name, shape(of: s).length)) }
        return shapes
    }

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
