import CMPFR

/// An arbitrary-precision binary floating-point number backed by MPFR.
///
/// Each value carries its own precision in bits. Results of binary operations take the larger precision of
/// their operands; every operation is correctly rounded to nearest (MPFR's guarantee). Storage is one heap
/// block holding the `mpfr_t` header and its limbs (MPFR's custom-allocation interface), shared between
/// copies and copied on write, so `x = f(x)` and passing values around are safe and cheap.
/// NaN and infinities are ordinary values (`isNaN`, `isInfinite`), never traps.
public struct BigFloat: @unchecked Sendable {
    @usableFromInline var storage: MPFRStorage

    /// Precision in bits (at least 2).
    @inlinable public var precision: Int { storage.precision }

    /// A NaN of the given precision, to be overwritten by an MPFR call.
    @inlinable init(uninitializedPrecision precision: Int) {
        storage = MPFRStorage.make(precision: precision)
    }

    /// Smallest and largest precision accepted (MPFR's limits are wider; these keep memory sane).
    public static let precisionRange = 2...(1 << 24)

    // MARK: Conversions (exact where the target precision allows, else correctly rounded)

    public init(_ value: Int, precision: Int, rounding: Rounding = .toNearest) {
        self.init(uninitializedPrecision: precision)
        withMutablePointer { _ = mpfr_set_si($0, value, rounding.mpfr) }
    }

    public init(_ value: Double, precision: Int, rounding: Rounding = .toNearest) {
        self.init(uninitializedPrecision: precision)
        withMutablePointer { _ = mpfr_set_d($0, value, rounding.mpfr) }
    }

    /// `value` exactly, at 64 bits.
    public init(_ value: Int) { self.init(value, precision: 64) }

    /// `value` exactly (NaN and infinities included), at 53 bits.
    public init(_ value: Double) { self.init(value, precision: 53) }

    /// `q` at `precision` bits when it is exactly representable there (1/4 is, 1/3 is not), else nil.
    public init?(exactly q: BigRational, precision: Int) {
        self.init(uninitializedPrecision: precision)
        let ternary = withMutablePointer { mpfr_set_q($0, q.storage.pointer, MPFR_RNDN) }
        if ternary != 0 { return nil }
    }

    public init(_ value: BigRational, precision: Int, rounding: Rounding = .toNearest) {
        self.init(uninitializedPrecision: precision)
        withMutablePointer { _ = mpfr_set_q($0, value.storage.pointer, rounding.mpfr) }
    }

    /// Parses a decimal (or `inf`, `nan`) string, correctly rounded. Returns nil unless the whole string
    /// is a number.
    public init?(_ text: String, precision: Int, rounding: Rounding = .toNearest) {
        self.init(uninitializedPrecision: precision)
        var consumedAll = false
        withMutablePointer { p in
            text.withCString { chars in
                var end: UnsafeMutablePointer<CChar>? = nil
                _ = mpfr_strtofr(p, chars, &end, 10, rounding.mpfr)
                consumedAll = end != nil && end! != UnsafeMutablePointer(mutating: chars) && end!.pointee == 0
            }
        }
        if !consumedAll { return nil }
    }

    /// This value rounded to another precision.
    public func rounded(toPrecision bits: Int, rounding: Rounding = .toNearest) -> BigFloat {
        var r = BigFloat(uninitializedPrecision: bits)
        r.withMutablePointer { rp in withPointer { _ = mpfr_set(rp, $0, rounding.mpfr) } }
        return r
    }

    /// The nearest double.
    public var doubleValue: Double { withPointer { mpfr_get_d($0, MPFR_RNDN) } }

    // MARK: Constants

    public static func pi(precision: Int) -> BigFloat {
        var r = BigFloat(uninitializedPrecision: precision)
        r.withMutablePointer { _ = mpfr_const_pi($0, MPFR_RNDN) }
        return r
    }

    public static func e(precision: Int) -> BigFloat { exp(BigFloat(1, precision: precision)) }

    public static func nan(precision: Int) -> BigFloat { BigFloat(uninitializedPrecision: precision) }

    public static func infinity(precision: Int, negative: Bool = false) -> BigFloat {
        var r = BigFloat(uninitializedPrecision: precision)
        r.withMutablePointer { mpfr_set_inf($0, negative ? -1 : 1) }
        return r
    }

    // MARK: Classification

    public var isNaN: Bool { withPointer { mpfr_nan_p($0) != 0 } }
    public var isInfinite: Bool { withPointer { mpfr_inf_p($0) != 0 } }
    public var isFinite: Bool { withPointer { mpfr_number_p($0) != 0 } }
    public var isZero: Bool { withPointer { mpfr_zero_p($0) != 0 } }
    /// -1, 0 or +1 (0 for NaN as well).
    public var sign: Int {
        if isNaN { return 0 }
        return withPointer { Int(mpfr_sgn($0)) }
    }
    /// The binary exponent e with |x| in [2^(e-1), 2^e), for finite nonzero x.
    public var binaryExponent: Int? {
        guard isFinite, !isZero else { return nil }
        return withPointer { Int(mpfr_get_exp($0)) }
    }

    /// ln|x| in double precision, also where |x| itself is far outside Double's range (10^-5000, 10^5000);
    /// -infinity for zero, NaN for NaN and infinity.
    public var logMagnitude: Double {
        guard isFinite else { return .nan }
        if isZero { return -.infinity }
        var exponent = 0
        let mantissa = withPointer { mpfr_get_d_2exp(&exponent, $0, MPFR_RNDN) }
        return Double.apply(.log, Swift.abs(mantissa)) + Double(exponent) * 0.6931471805599453
    }

    // MARK: Raw access (C types stay inside the package)

    @inlinable package func withPointer<R>(_ body: (UnsafePointer<__mpfr_struct>) throws -> R) rethrows -> R {
        try storage.withUnsafeMutablePointerToHeader { try body(UnsafePointer($0)) }
    }

    /// Gives write access to the `mpfr_t`, first copying shared storage (copy on write).
    @inlinable package mutating func withMutablePointer<R>(_ body: (UnsafeMutablePointer<__mpfr_struct>) throws -> R) rethrows -> R {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return try storage.withUnsafeMutablePointerToHeader { try body($0) }
    }
}

/// One allocation holding an `mpfr_t` header followed by its limbs; nothing to free but the block itself.
@usableFromInline final class MPFRStorage: ManagedBuffer<__mpfr_struct, mp_limb_t> {
    @usableFromInline static func make(precision: Int) -> MPFRStorage {
        precondition(BigFloat.precisionRange.contains(precision), "BigFloat: precision \(precision) out of range")
        let limbs = (mpfr_custom_get_size(mpfr_prec_t(precision)) + MemoryLayout<mp_limb_t>.stride - 1)
            / MemoryLayout<mp_limb_t>.stride
        let buffer = MPFRStorage.create(minimumCapacity: limbs) { _ in __mpfr_struct() }
        let storage = unsafeDowncast(buffer, to: MPFRStorage.self)
        storage.withUnsafeMutablePointers { header, limbs in
            mpfr_custom_init(limbs, mpfr_prec_t(precision))
            mpfr_custom_init_set(header, Int32(MPFR_NAN_KIND.rawValue), 0, mpfr_prec_t(precision), limbs)
        }
        return storage
    }

    @usableFromInline var precision: Int {
        withUnsafeMutablePointerToHeader { Int(mpfr_get_prec($0)) }
    }

    @usableFromInline func copy() -> MPFRStorage {
        let r = MPFRStorage.make(precision: precision)
        r.withUnsafeMutablePointerToHeader { rp in
            withUnsafeMutablePointerToHeader { _ = mpfr_set(rp, $0, MPFR_RNDN) }
        }
        return r
    }
}
