import PhasecheckExpressions
import PhasecheckNumbers

/// How one hyperparameter scales with the width: `coefficient * d^exponent`.
///
/// The coefficient may itself depend on d (Xavier's sigma^2 = 2/(d + 1) is `coefficient: 2/(d + 1),
/// exponent: 0`); the exponent is a rational or a piecewise-linear function of exponent symbols.
public struct WidthScaling: Sendable {
    public var coefficient: Expr
    public var exponent: PiecewiseLinearExponent

    @_disfavoredOverload
    public init(coefficient: Expr = .number(1), exponent: PiecewiseLinearExponent) {
        self.coefficient = coefficient
        self.exponent = exponent
    }

    public init(coefficient: Expr = .number(1), exponent: BigRational) {
        self.init(coefficient: coefficient, exponent: PiecewiseLinearExponent(exponent))
    }

    /// `d^(symbol)`, e.g. `.power(of: "c_u")` for eta_u ~ d^c_u.
    public static func power(of symbol: String, sign: BigRational = 1) -> WidthScaling {
        WidthScaling(exponent: PiecewiseLinearExponent.symbol(symbol).scaled(by: sign))
    }
}

/// The limit d -> infinity of quantities built from hyperparameters that scale as powers of the width d.
///
/// Symbols other than the width and the scaled hyperparameters are not allowed in numeric analyses
/// (give constants a scaling with exponent 0); the symbolic analysis treats them as nonzero constants and
/// records that as an assumption.
public struct WidthLimit: Sendable {
    /// The name of the width symbol (default `d`).
    public let width: String
    public let scalings: [String: WidthScaling]

    public init(width: String = "d", scalings: [String: WidthScaling]) {
        self.width = width
        self.scalings = scalings
    }

    /// The deepest nesting of operations other than sums that a symbolic analysis follows (each level is
    /// a few stack frames; sums, and everything in the series expansion, take none). Real derivations
    /// nest a few dozen levels; the parser itself stops at 200 levels of parentheses.
    public static let maximumNesting = 256
    static let nestingRefusal = "the expression nests operations other than sums more than \(maximumNesting) levels deep (the limit of the symbolic analysis)"

    /// Every exponent symbol the scalings use.
    public var exponentSymbols: [String] { exponentSymbols(ofScalingsIn: Set(scalings.keys)) }

    /// The exponent symbols of the hyperparameters `expr` reads: what its leading behaviour depends on (a quantity of
    /// the width alone, such as sqrt(d^2 + d) - d, needs no exponent's value).
    public func exponentSymbols(readBy expr: Expr) -> [String] { exponentSymbols(ofScalingsIn: expr.freeSymbols) }

    /// The scalings of the hyperparameters `expr` reads, the only ones whose exponents its analysis evaluates.
    func scalings(readBy expr: Expr) -> [String: WidthScaling] {
        let read = expr.freeSymbols
        return scalings.filter { read.contains($0.key) }
    }

    private func exponentSymbols(ofScalingsIn names: Set<String>) -> [String] {
        var seen: [String] = []
        for name in scalings.keys.sorted() where names.contains(name) {
            for s in scalings[name]!.exponent.symbols where !seen.contains(s) { seen.append(s) }
        }
        return seen
    }
}
