#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Double: Scalar {
    @inlinable public static func apply(_ f: ElementaryFunction, _ x: Double) -> Double {
        switch f {
        case .sqrt: return x.squareRoot()
        case .cbrt: return _libm_cbrt(x)
        case .exp: return _libm_exp(x)
        case .expm1: return _libm_expm1(x)
        case .log: return _libm_log(x)
        case .log1p: return _libm_log1p(x)
        case .sin: return _libm_sin(x)
        case .cos: return _libm_cos(x)
        case .tan: return _libm_tan(x)
        case .asin: return _libm_asin(x)
        case .acos: return _libm_acos(x)
        case .atan: return _libm_atan(x)
        case .sinh: return _libm_sinh(x)
        case .cosh: return _libm_cosh(x)
        case .tanh: return _libm_tanh(x)
        case .asinh: return _libm_asinh(x)
        case .acosh: return _libm_acosh(x)
        case .atanh: return _libm_atanh(x)
        case .abs: return Swift.abs(x)
        case .erf: return _libm_erf(x)
        case .erfc: return _libm_erfc(x)
        case .sign: return x.isNaN ? .nan : x > 0 ? 1 : x < 0 ? -1 : 0
        }
    }

    @inlinable public static func apply(_ f: BinaryFunction, _ a: Double, _ b: Double) -> Double {
        switch f {
        case .pow: return _libm_pow(a, b)
        // A zero y counts as +0 (no signed zero over the reals: atan2(0, x < 0) = pi), as in BigFloat.
        case .atan2: return _libm_atan2(a == 0 ? 0 : a, b)
        // Either NaN gives NaN (BigFloat and BigInterval agree).
        case .min: return a.isNaN || b.isNaN ? .nan : Swift.min(a, b)
        case .max: return a.isNaN || b.isNaN ? .nan : Swift.max(a, b)
        }
    }

    @inlinable public static func pow(_ x: Double, _ n: Int) -> Double { _libm_pow(x, Double(n)) }

    @inlinable public static func add(_ a: Double, _ b: Double, into r: inout Double) { r = a + b }
    @inlinable public static func subtract(_ a: Double, _ b: Double, into r: inout Double) { r = a - b }
    @inlinable public static func multiply(_ a: Double, _ b: Double, into r: inout Double) { r = a * b }
    @inlinable public static func divide(_ a: Double, _ b: Double, into r: inout Double) { r = a / b }
    @inlinable public static func negate(_ a: Double, into r: inout Double) { r = -a }
    @inlinable public static func apply(_ f: ElementaryFunction, _ x: Double, into r: inout Double) { r = apply(f, x) }
    @inlinable public static func apply(_ f: BinaryFunction, _ a: Double, _ b: Double, into r: inout Double) { r = apply(f, a, b) }
    @inlinable public static func pow(_ x: Double, _ n: Int, into r: inout Double) { r = pow(x, n) }

    @inlinable public var doubleValue: Double { self }
}

/// The double-precision context: constants are the nearest doubles.
public struct DoubleContext: ScalarContext {
    public init() {}
    public func constant(_ q: BigRational) -> Double { q.doubleValue }
    public var pi: Double { Double.pi }
    public var precision: Int { 53 }
}

// File-scope functions resolve to the C library (inside `extension Double` the names would resolve to Scalar's).
@usableFromInline func _libm_cbrt(_ x: Double) -> Double { cbrt(x) }
@usableFromInline func _libm_exp(_ x: Double) -> Double { exp(x) }
@usableFromInline func _libm_expm1(_ x: Double) -> Double { expm1(x) }
@usableFromInline func _libm_log(_ x: Double) -> Double { log(x) }
@usableFromInline func _libm_log1p(_ x: Double) -> Double { log1p(x) }
@usableFromInline func _libm_sin(_ x: Double) -> Double { sin(x) }
@usableFromInline func _libm_cos(_ x: Double) -> Double { cos(x) }
@usableFromInline func _libm_tan(_ x: Double) -> Double { tan(x) }
@usableFromInline func _libm_asin(_ x: Double) -> Double { asin(x) }
@usableFromInline func _libm_acos(_ x: Double) -> Double { acos(x) }
@usableFromInline func _libm_atan(_ x: Double) -> Double { atan(x) }
@usableFromInline func _libm_sinh(_ x: Double) -> Double { sinh(x) }
@usableFromInline func _libm_cosh(_ x: Double) -> Double { cosh(x) }
@usableFromInline func _libm_tanh(_ x: Double) -> Double { tanh(x) }
@usableFromInline func _libm_asinh(_ x: Double) -> Double { asinh(x) }
@usableFromInline func _libm_acosh(_ x: Double) -> Double { acosh(x) }
@usableFromInline func _libm_atanh(_ x: Double) -> Double { atanh(x) }
@usableFromInline func _libm_erf(_ x: Double) -> Double { erf(x) }
@usableFromInline func _libm_erfc(_ x: Double) -> Double { erfc(x) }
@usableFromInline func _libm_pow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
@usableFromInline func _libm_atan2(_ y: Double, _ x: Double) -> Double { atan2(y, x) }
