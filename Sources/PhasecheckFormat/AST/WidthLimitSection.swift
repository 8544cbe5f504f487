import PhasecheckAsymptotics
import PhasecheckExpressions
import PhasecheckNumbers

/// The width-limit part of a derivation: hyperparameters as powers of the width, quantities whose limits
/// d -> infinity are claimed, exponent definitions, and the phase diagram (regions, classification, flags,
/// grid) and named parameterizations for limit tables (model.md sections 4-5).
public struct WidthLimitSection: Sendable {
    /// `scale gamma = d^-alpha`: each hyperparameter as coefficient * d^exponent.
    public var scalings: [ScaleDefinition] = []
    /// `asymptotic zeta_inf = sqrt(1 + R) - 1`: quantities in the width and the scaled hyperparameters.
    public var quantities: [Definition] = []
    /// `exponent e_R = -2*e_Gamma - abs(e_X)`: piecewise-linear functions of the exponent symbols.
    public var exponents: [Definition] = []
    /// `region kernel: e_R < 0`: the claimed region of each regime.
    public var regions: [Region] = []
    /// `classify zeta_inf: vanishing -> kernel, ...`: the rule that names a point's region.
    public var classification: Classification?
    /// `flag divergent_output: a0_typ diverging when e_f > 0`.
    public var flags: [Flag] = []
    /// `grid alpha = -1:2:1/4, ...` and `fix c_w = 0`: the default sweep.
    public var grid: [GridAxis] = []
    public var fixed: [(name: String, value: BigRational)] = []
    /// `parameterization NTK: gamma = d^(-1/2), ...`: named points with explicit d-dependence, for tables.
    public var parameterizations: [Parameterization] = []
    /// `display zeta_inf_typ = "\zeta_\infty"`: how tables and figures typeset a name (LaTeX; math for a
    /// symbol, text for a region, flag or parameterization). Names without one are typeset by default.
    public var displayNames: [String: String] = [:]

    public init() {}

}

public struct ScaleDefinition: Sendable {
    public var name: String
    public var scaling: WidthScaling
    public var expr: Expr
    public var location: SourceLocation
}

/// A conjunction of comparisons between piecewise-linear exponent expressions, as written in the file;
/// `WidthLimitModel.compile` turns it into the one condition type, `ExponentCondition`.
public struct Condition: Sendable, CustomStringConvertible {
    public typealias Relation = ExponentCondition.Relation
    public var comparisons: [(lhs: Expr, relation: Relation, rhs: Expr)]

    /// How the file spells each relation (`==` for equality).
    public static let spellings: [String: Relation] = ["<": .less, "<=": .lessOrEqual, ">": .greater, ">=": .greaterOrEqual, "==": .equal]

    public var description: String {
        comparisons.map { c in "\(c.lhs) \(Self.spellings.first { $0.value == c.relation }!.key) \(c.rhs)" }.joined(separator: " and ")
    }
}

public struct Region: Sendable {
    public var name: String
    public var condition: Condition
    public var location: SourceLocation
}

public struct Classification: Sendable {
    public var quantity: String
    /// Region name for each regime.
    public var regions: [WidthRegime: String]
    public var location: SourceLocation
}

public struct Flag: Sendable {
    public var name: String
    public var quantity: String
    public var regime: WidthRegime
    /// The claimed condition under which the flag is raised (nil: only reported).
    public var claimed: Condition?
    public var location: SourceLocation
}

/// `alpha = -1:2:1/4`: from, to (inclusive) and step, exact.
public struct GridAxis: Sendable, Equatable {
    public var name: String
    public var from: BigRational
    public var to: BigRational
    public var step: BigRational

    public var values: [BigRational] { BigRational.progression(from: from, through: to, step: step) }
}

public struct Parameterization: Sendable {
    public var name: String
    public var assignments: [(name: String, value: Expr)]
    public var location: SourceLocation
}

extension WidthRegime {
    /// The word used in files: vanishing, bounded, diverging.
    public init?(word: String) {
        switch word {
        case "vanishing": self = .vanishing
        case "bounded": self = .bounded
        case "diverging": self = .diverging
        default: return nil
        }
    }

    public var word: String {
        switch self {
        case .vanishing: return "vanishing"
        case .bounded: return "bounded"
        case .diverging: return "diverging"
        }
    }
}
