import CMPFR

/// An exact rational number backed by GMP's `mpq_t`, always in lowest terms.
///
/// Expression trees keep their numeric literals exact (`0.1` is 1/10, `1e-40` is 1/10^40) until a tree is
/// evaluated at some precision; constant folding and the exponent algebra of width limits use it too.
/// Values are immutable: every operation returns a new rational.
public struct BigRational: @unchecked Sendable {
    @usableFromInline final class Storage {
        let pointer: UnsafeMutablePointer<__mpq_struct>
        init() {
            pointer = .allocate(capacity: 1)
            pc_mpq_init(pointer)
        }
        deinit {
            pc_mpq_clear(pointer)
            pointer.deallocate()
        }
    }

    @usableFromInline let storage: Storage

    private init(storage: Storage) { self.storage = storage }

    /// The rational `numerator / denominator`; the denominator must not be zero.
    public init(_ numerator: Int, _ denominator: Int = 1) {
        precondition(denominator != 0, "BigRational: zero denominator")
        storage = Storage()
        let sign = denominator < 0 ? -1 : 1
        pc_mpq_set_si(storage.pointer, numerator * sign, UInt(denominator.magnitude))
    }

    /// Parses an integer (`-12`), a fraction (`3/4`) or a decimal literal (`0.125`, `1e-40`, `2.5E+3`)
    /// exactly. Returns nil for anything else.
    public init?(_ text: String) {
        if let slash = text.firstIndex(of: "/") {
            let num = text[..<slash], den = text[text.index(after: slash)...]
            guard BigRational.isInteger(num), BigRational.isInteger(den) else { return nil }
            guard let q = BigRational(exactIntegerRatio: String(num) + "/" + String(den)) else { return nil }
            self = q
            return
        }
        guard let q = BigRational.parseDecimal(text) else { return nil }
        self = q
    }

    private init?(exactIntegerRatio text: String) {
        let s = Storage()
        let status = text.withCString { pc_mpq_set_str(s.pointer, $0) }
        guard status == 0 else { return nil }
        storage = s
    }

    private static func isInteger<S: StringProtocol>(_ s: S) -> Bool {
        var body = Substring(s)
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        return !body.isEmpty && body.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// Decimal literal: digits, optional fraction, optional exponent; the value is exact.
    private static func parseDecimal(_ text: String) -> BigRational? {
        var rest = Substring(text)
        var negative = false
        if rest.first == "-" || rest.first == "+" { negative = rest.first == "-"; rest = rest.dropFirst() }
        var exponent = 0
        if let e = rest.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            let expText = rest[rest.index(after: e)...]
            guard isInteger(expText), let value = Int(expText.hasPrefix("+") ? expText.dropFirst() : expText),
                  abs(value) <= 100_000_000 else { return nil }
            exponent = value
            rest = rest[..<e]
        }
        var digits = ""
        if let dot = rest.firstIndex(of: ".") {
            let whole = rest[..<dot], fraction = rest[rest.index(after: dot)...]
            guard !(whole.isEmpty && fraction.isEmpty),
                  whole.allSatisfy({ $0.isASCII && $0.isNumber }),
                  fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            digits = String(whole) + String(fraction)
            exponent -= fraction.count
        } else {
            guard !rest.isEmpty, rest.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            digits = String(rest)
        }
        let trimmed = digits.drop(while: { $0 == "0" })
        let mantissa = trimmed.isEmpty ? "0" : String(trimmed)
        guard let m = BigRational(exactIntegerRatio: (negative ? "-" : "") + mantissa) else { return nil }
        if exponent == 0 || m.isZero { return m }
        let scale = BigRational(10).power(abs(exponent))
        return exponent > 0 ? m * scale : m / scale
    }

    // MARK: Properties

    public var sign: Int { Int(pc_mpq_sgn(storage.pointer)) }
    public var isZero: Bool { sign == 0 }
    public var isInteger: Bool { pc_mpq_is_integer(storage.pointer) != 0 }

    /// Numerator and denominator when both fit in an `Int`.
    public var smallParts: (numerator: Int, denominator: Int)? {
        var n = 0, d = 0
        guard pc_mpq_get_si(storage.pointer, &n, &d) != 0 else { return nil }
        return (n, d)
    }

    /// Total bits of numerator and denominator: a size guard for exact arithmetic.
    public var bitSize: Int { Int(pc_mpq_bits(storage.pointer)) }

    /// The nearest double (correctly rounded through MPFR).
    public var doubleValue: Double {
        BigFloat(self, precision: 53).doubleValue
    }

    // MARK: Arithmetic

    private static func binary(_ a: BigRational, _ b: BigRational,
                               _ op: (UnsafeMutablePointer<__mpq_struct>, UnsafePointer<__mpq_struct>, UnsafePointer<__mpq_struct>) -> Void) -> BigRational {
        let r = Storage()
        op(r.pointer, a.storage.pointer, b.storage.pointer)
        return BigRational(storage: r)
    }

    public static func + (a: BigRational, b: BigRational) -> BigRational { binary(a, b) { pc_mpq_add($0, $1, $2) } }
    public static func - (a: BigRational, b: BigRational) -> BigRational { binary(a, b) { pc_mpq_sub($0, $1, $2) } }
    public static func * (a: BigRational, b: BigRational) -> BigRational { binary(a, b) { pc_mpq_mul($0, $1, $2) } }
    /// Division; the divisor must be nonzero (callers check `isZero` first).
    public static func / (a: BigRational, b: BigRational) -> BigRational {
        precondition(!b.isZero, "BigRational: division by zero")
        return binary(a, b) { pc_mpq_div($0, $1, $2) }
    }
    public static prefix func - (a: BigRational) -> BigRational {
        let r = Storage()
        pc_mpq_neg(r.pointer, a.storage.pointer)
        return BigRational(storage: r)
    }

    /// `self^n` for any integer n; a negative n requires a nonzero base.
    public func power(_ n: Int) -> BigRational {
        let r = Storage()
        pc_mpq_pow_ui(r.pointer, storage.pointer, UInt(n.magnitude))
        let raised = BigRational(storage: r)
        return n >= 0 ? raised : BigRational(1) / raised
    }

    public var magnitude: BigRational { sign < 0 ? -self : self }
}

extension BigRational: Comparable, Hashable, CustomStringConvertible {
    public static func == (a: BigRational, b: BigRational) -> Bool {
        pc_mpq_cmp(a.storage.pointer, b.storage.pointer) == 0
    }
    public static func < (a: BigRational, b: BigRational) -> Bool {
        pc_mpq_cmp(a.storage.pointer, b.storage.pointer) < 0
    }
    public func hash(into hasher: inout Hasher) { hasher.combine(description) }

    /// `n` or `n/d` in lowest terms.
    public var description: String {
        guard let chars = pc_mpq_get_str(storage.pointer) else { return "?" }
        defer { free(chars) }
        return String(cString: chars)
    }
}

extension BigRational: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self.init(value) }
}

extension BigRational {
    /// from, from + step, ... up to `through` inclusive, exactly (a range of the command line or a grid axis).
    public static func progression(from: BigRational, through end: BigRational, step: BigRational) -> [BigRational] {
        precondition(step.sign > 0, "a progression needs a positive step")
        var result: [BigRational] = []
        var x = from
        while x <= end {
            result.append(x)
            x = x + step
        }
        return result
    }
}
