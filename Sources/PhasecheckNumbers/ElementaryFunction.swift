/// The one-argument functions every scalar type provides and expression trees can name.
///
/// The raw value is the name used in the expression language (`sqrt(x)`, `log1p(x)`).
public enum ElementaryFunction: String, CaseIterable, Sendable, Hashable {
    case sqrt, cbrt, exp, expm1, log, log1p
    case sin, cos, tan, asin, acos, atan
    case sinh, cosh, tanh, asinh, acosh, atanh
    case abs
    /// The error function erf(x) = 2/sqrt(pi) int_0^x exp(-u^2) du and its complement erfc = 1 - erf (computed
    /// directly, so that erfc keeps its digits where erf is near 1).
    case erf, erfc
    /// The sign, -1, 0 or 1: piecewise constant, with a jump at 0 (a kink of the dynamics, as abs, min and max are).
    case sign
}

/// The two-argument functions (besides the arithmetic operators).
public enum BinaryFunction: String, CaseIterable, Sendable, Hashable {
    case pow, atan2, min, max
}

// Which functions are piecewise, and where they switch: the one list every consumer of kinks reads (through
// `Expr.switchingArgument` or these properties): the expectations' quadrature, the integrator's switching, reports.

extension ElementaryFunction {
    /// Whether the function has a kink or a jump where its argument is 0 (abs, sign): piecewise smooth, not smooth.
    public var switchesAtZero: Bool { self == .abs || self == .sign }
}

extension BinaryFunction {
    /// What vanishes where a piecewise two-argument function switches branch.
    public enum Switching: Sendable {
        /// The difference of the arguments (min and max: a kink where a = b).
        case difference
        /// The first argument (atan2(y, x): a jump across its branch cut, where y = 0 with x < 0).
        case first
    }

    /// Where the function switches branch (a kink or a jump), nil where it is smooth (pow).
    public var switching: Switching? {
        switch self {
        case .min, .max: .difference
        case .atan2: .first
        case .pow: nil
        }
    }
}
