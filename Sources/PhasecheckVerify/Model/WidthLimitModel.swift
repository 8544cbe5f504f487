import PhasecheckFormat
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
    /// The named exponents' expressions, expanded.
    let exponentDefinitions: [String: Expr]

    public init(_ derivation: Derivation) throws(DerivationError) {
        let section = derivation.widthLimit
        self.section = section
        width = derivation.width?.name ?? "d"
        func fail(_ message: String, _ at: SourceLocation) -> DerivationError {
            DerivationError(file: derivation.file, location: at, message: message)
        }
        limit = WidthLimit(width: width, scalings: Dictionary(section.scalings.map { ($0.name, $0.scaling) }, uniquingKeysWith: { a, _ in a }))
        quantities = try Self.expandAll(section.quantities, file: derivation.file)
        let exponentExprs = try Self.expandAll(section.exponents, file: derivation.file)
        exponentDefinitions = exponentExprs
        var exponents: [(String, PiecewiseLinearExponent)] = []
        for def in section.exponents {
            do { exponents.append((def.name, try PiecewiseLinearExponent(expression: exponentExprs[def.name]!))) } catch {
                throw fail("`\(def.name)` must be piecewise linear in the exponents (sums, rational multiples, abs, max, min): \(error)", def.location)
            }
        }
        self.exponents = exponents
    }

    /// Every definition expanded (they may refer to each other in any order; cycles are errors).
    static func expandAll(_ definitions: [Definition], file: String) throws(DerivationError) -> [String: Expr] {
        var expansion = MacroExpansion(definitions, file: file)
        for def in definitions { _ = try expansion.expand(def.name) }
        return expansion.expanded
    }

    /// An exponent expression with named exponents replaced by their (expanded) definitions.
    func piecewise(_ e: Expr) throws -> PiecewiseLinearExponent {
        try PiecewiseLinearExponent(expression: e.substituting(exponentDefinitions))
    }

    /// Whether the condition holds at a point of exponent space (exactly).
    public func holds(_ condition: Condition, at point: [String: BigRational]) throws -> Bool {
        try compile(condition).holds(at: point)
    }

    /// The condition as an exponent formula (each comparison `lhs - rhs relation 0`), so that a sweep reads
    /// the named exponents once.
    public func compile(_ condition: Condition) throws -> ExponentCondition {
        .all(try condition.comparisons.map { ExponentCondition(try piecewise($0.lhs) - piecewise($0.rhs), $0.relation) })
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
