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
