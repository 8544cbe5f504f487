import CMPFR

extension BigFloat: Scalar {
    public static func apply(_ f: ElementaryFunction, _ x: BigFloat) -> BigFloat { unary(mpfrFunction(f), x) }
    public static func apply(_ f: BinaryFunction, _ a: BigFloat, _ b: BigFloat) -> BigFloat { binary(mpfrFunction(f), a, b) }

    @inlinable public static func add(_ a: BigFloat, _ b: BigFloat, into r: inout BigFloat) { apply(mpfr_add, a, b, into: &r) }
    @inlinable public static func subtract(_ a: BigFloat, _ b: BigFloat, into r: inout BigFloat) { apply(mpfr_sub, a, b, into: &r) }
    @inlinable public static func multiply(_ a: BigFloat, _ b: BigFloat, into r: inout BigFloat) { apply(mpfr_mul, a, b, into: &r) }
    @inlinable public static func divide(_ a: BigFloat, _ b: BigFloat, into r: inout BigFloat) { apply(mpfr_div, a, b, into: &r) }
    @inlinable public static func negate(_ a: BigFloat, into r: inout BigFloat) { apply(mpfr_neg, a, into: &r) }
    @inlinable public static func apply(_ f: ElementaryFunction, _ x: BigFloat, into r: inout BigFloat) {
        apply(mpfrFunction(f), x, into: &r)
    }
    @inlinable public static func apply(_ f: BinaryFunction, _ a: BigFloat, _ b: BigFloat, into r: inout BigFloat) {
        apply(mpfrFunction(f), a, b, into: &r)
    }
}

/// MPFR at a fixed working precision: constants are correctly rounded to it.
public struct MPFRContext: ScalarContext {
    public let precision: Int
    public init(precision: Int) { self.precision = precision }
    public func constant(_ q: BigRational) -> BigFloat { BigFloat(q, precision: precision) }
    public var pi: BigFloat { BigFloat.pi(precision: precision) }
}

extension BigFloat {
    @inlinable public static func pow(_ x: BigFloat, _ n: Int, into r: inout BigFloat) {
        pow(x, n, into: &r, rounding: .toNearest)
    }
}
