/// The arithmetic shared by `Double` (the fast path), `BigFloat` (MPFR) and `BigInterval` (enclosures),
/// so that one generic algorithm runs on all three (mpmath's contexts, swift-numerics' static-function style).
///
/// Besides value-returning operations, every operation has an in-place form writing into an existing value;
/// compiled expression tapes use those to evaluate without allocating.
public protocol Scalar: Sendable {
    static func + (a: Self, b: Self) -> Self
    static func - (a: Self, b: Self) -> Self
    static func * (a: Self, b: Self) -> Self
    static func / (a: Self, b: Self) -> Self
    static prefix func - (a: Self) -> Self

    static func apply(_ f: ElementaryFunction, _ x: Self) -> Self
    static func apply(_ f: BinaryFunction, _ a: Self, _ b: Self) -> Self
    /// `x^n` for an integer exponent (defined for negative x).
    static func pow(_ x: Self, _ n: Int) -> Self

    static func add(_ a: Self, _ b: Self, into r: inout Self)
    static func subtract(_ a: Self, _ b: Self, into r: inout Self)
    static func multiply(_ a: Self, _ b: Self, into r: inout Self)
    static func divide(_ a: Self, _ b: Self, into r: inout Self)
    static func negate(_ a: Self, into r: inout Self)
    static func apply(_ f: ElementaryFunction, _ x: Self, into r: inout Self)
    static func apply(_ f: BinaryFunction, _ a: Self, _ b: Self, into r: inout Self)
    static func pow(_ x: Self, _ n: Int, into r: inout Self)

    /// The nearest double (the midpoint for an interval).
    var doubleValue: Double { get }
    /// False for NaN and infinities (for an interval: unless both ends are finite).
    var isFinite: Bool { get }
}

/// Creates the constants of one scalar type at one precision; the context is passed explicitly, never
/// global, so that different threads can work at different precisions.
public protocol ScalarContext: Sendable {
    associatedtype Value: Scalar
    /// The rational `q` rounded to this context (enclosed, for intervals).
    func constant(_ q: BigRational) -> Value
    var pi: Value { get }
    /// Working precision in bits (53 for Double).
    var precision: Int { get }
}

extension ScalarContext {
    public func constant(_ n: Int) -> Value { constant(BigRational(n)) }
}

extension Scalar {
    @inlinable public static func sqrt(_ x: Self) -> Self { apply(.sqrt, x) }
    @inlinable public static func cbrt(_ x: Self) -> Self { apply(.cbrt, x) }
    @inlinable public static func exp(_ x: Self) -> Self { apply(.exp, x) }
    @inlinable public static func expMinusOne(_ x: Self) -> Self { apply(.expm1, x) }
    @inlinable public static func log(_ x: Self) -> Self { apply(.log, x) }
    @inlinable public static func log(onePlus x: Self) -> Self { apply(.log1p, x) }
    @inlinable public static func sin(_ x: Self) -> Self { apply(.sin, x) }
    @inlinable public static func cos(_ x: Self) -> Self { apply(.cos, x) }
    @inlinable public static func tan(_ x: Self) -> Self { apply(.tan, x) }
    @inlinable public static func asin(_ x: Self) -> Self { apply(.asin, x) }
    @inlinable public static func acos(_ x: Self) -> Self { apply(.acos, x) }
    @inlinable public static func atan(_ x: Self) -> Self { apply(.atan, x) }
    @inlinable public static func sinh(_ x: Self) -> Self { apply(.sinh, x) }
    @inlinable public static func cosh(_ x: Self) -> Self { apply(.cosh, x) }
    @inlinable public static func tanh(_ x: Self) -> Self { apply(.tanh, x) }
    @inlinable public static func asinh(_ x: Self) -> Self { apply(.asinh, x) }
    @inlinable public static func acosh(_ x: Self) -> Self { apply(.acosh, x) }
    @inlinable public static func atanh(_ x: Self) -> Self { apply(.atanh, x) }
    @inlinable public static func abs(_ x: Self) -> Self { apply(.abs, x) }
    @inlinable public static func erf(_ x: Self) -> Self { apply(.erf, x) }
    @inlinable public static func erfc(_ x: Self) -> Self { apply(.erfc, x) }
    @inlinable public static func pow(_ x: Self, _ y: Self) -> Self { apply(.pow, x, y) }
    @inlinable public static func atan2(y: Self, x: Self) -> Self { apply(.atan2, y, x) }
    @inlinable public static func min(_ a: Self, _ b: Self) -> Self { apply(.min, a, b) }
    @inlinable public static func max(_ a: Self, _ b: Self) -> Self { apply(.max, a, b) }
}
