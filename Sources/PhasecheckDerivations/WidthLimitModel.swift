import PhasecheckAsymptotics
import PhasecheckExpressions
import PhasecheckNumbers

/// The width-limit section made ready to evaluate: quantities expanded, exponents as piecewise-linear
/// functions, conditions decidable exactly at a point of exponent space.
public struct WidthLimitModel: Sendable {
    public let section: WidthLimitSection
    public let width: String
    public let limit: WidthLimit
    /// Asymptotic quantities with their `asymptotic` references expanded.
    public let quantities: [String: Expr]
    /// Named exponents (`exponent e_R = ...`), expanded, in file order.
    public let exponents: [(name: String, value: PiecewiseLinearExponent)]

    public init(_ derivation: Derivation) throws(DerivationError) {
        let section = derivation.widthLimit
        self.section = section
        width = derivation.width?.name ?? "d"
        func fail(_ message: String, _ at: SourceLocation) -> DerivationError {
            DerivationError(file: derivation.file, location: at, message: message)
        }
        limit = WidthLimit(width: width, scalings: Dictionary(section.scalings.map { ($0.name, $0.scaling) }, uniquingKeysWith: { a, _ in a }))
        quantities = try Self.expandMacros(section.quantities, file: derivation.file)
        let exponentExprs = try Self.expandMacros(section.exponents, file: derivation.file)
        var exponents: [(String, PiecewiseLinearExponent)] = []
        for def in section.exponents {
            do { exponents.append((def.name, try PiecewiseLinearExponent(expression: exponentExprs[def.name]!))) } catch {
                throw fail("`\(def.name)` must be piecewise linear in the exponents (sums, rational multiples, abs, max, min): \(error)", def.location)
            }
        }
        self.exponents = exponents
    }

    /// Expands definitions that refer to each other (in any order), rejecting cycles.
    static func expandMacros(_ definitions: [Definition], file: String) throws(DerivationError) -> [String: Expr] {
        let byName = Dictionary(definitions.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var done: [String: Expr] = [:]
        var visiting: Set<String> = []
        func expand(_ name: String) throws(DerivationError) -> Expr {
            if let e = done[name] { return e }
            let def = byName[name]!
            guard visiting.insert(name).inserted else {
                throw DerivationError(file: file, location: def.location, message: "`\(name)` is defined in terms of itself")
            }
            var replacements: [String: Expr] = [:]
            for symbol in def.expr.freeSymbols where byName[symbol] != nil { replacements[symbol] = try expand(symbol) }
            let result = def.expr.substituting(replacements)
            visiting.remove(name)
            done[name] = result
            return result
        }
        for def in definitions { _ = try expand(def.name) }
        return done
    }

    /// A condition's expressions with named exponents replaced by their definitions.
    func piecewise(_ e: Expr) throws -> PiecewiseLinearExponent {
        let named = Dictionary(section.exponents.map { ($0.name, $0.expr) }, uniquingKeysWith: { a, _ in a })
        var expanded = e
        // Named exponents may refer to each other; substitute until none is left (cycles were rejected).
        for _ in 0...named.count where !expanded.freeSymbols.isDisjoint(with: named.keys) {
            expanded = expanded.substituting(named)
        }
        return try PiecewiseLinearExponent(expression: expanded)
    }

    /// Whether the condition holds at a point of exponent space (exactly).
    public func holds(_ condition: Condition, at point: [String: BigRational]) throws -> Bool {
        try compile(condition).holds(at: point)
    }

    /// The condition as differences of piecewise-linear exponents, so that a sweep reads the named exponents once.
    public func compile(_ condition: Condition) throws -> CompiledCondition {
        CompiledCondition(parts: try condition.comparisons.map { (try piecewise($0.lhs) - piecewise($0.rhs), $0.relation) })
    }

    /// The quantity under a parameterization: scaled hyperparameters replaced by its expressions in d.
    public func quantity(_ e: Expr, under parameterization: Parameterization?) -> Expr {
        let expanded = e.substituting(quantities)
        guard let parameterization else { return expanded }
        return expanded.substituting(Dictionary(parameterization.assignments.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a }))
    }

    /// A width limit in which the parameterization's hyperparameters are no longer scaled (they are
    /// explicit functions of d in the quantity); the others keep their scalings.
    public func limit(under parameterization: Parameterization?) -> WidthLimit {
        guard let parameterization else { return limit }
        let replaced = Set(parameterization.assignments.map(\.name))
        return WidthLimit(width: width, scalings: limit.scalings.filter { !replaced.contains($0.key) })
    }

    public func parameterization(named name: String) -> Parameterization? {
        section.parameterizations.first { $0.name == name }
    }
}

/// A condition ready to decide at many points: each comparison as `difference relation 0`.
public struct CompiledCondition: Sendable {
    let parts: [(difference: PiecewiseLinearExponent, relation: Condition.Relation)]

    public func holds(at point: [String: BigRational]) throws -> Bool {
        try parts.allSatisfy { Self.holds($0.relation, sign: try $0.difference.value(at: point).sign) }
    }

    /// Whether `difference relation 0` holds when the difference has sign `sign`.
    static func holds(_ relation: Condition.Relation, sign: Int) -> Bool {
        switch relation {
        case .less: return sign < 0
        case .lessOrEqual: return sign <= 0
        case .greater: return sign > 0
        case .greaterOrEqual: return sign >= 0
        case .equal: return sign == 0
        }
    }
}
