import CMPFR

extension BigFloat: CustomStringConvertible {
    /// Decimal digits of x correctly rounded (to nearest) to `digits` significant digits, in a form that
    /// Python, mpmath and this package parse back: `1.2345e-7`, `-42.000`, `0.0012500`, `inf`, `nan`.
    /// Fixed notation is used when the decimal exponent lies in [-5, digits), scientific otherwise.
    /// `rounding: .up` gives a decimal upper bound instead (for printing certified bounds).
    public func formatted(significantDigits digits: Int, rounding: Rounding = .toNearest) -> String {
        precondition(digits >= 1, "at least one significant digit")
        if isNaN { return "nan" }
        if isInfinite { return sign < 0 ? "-inf" : "inf" }
        if isZero { return digits == 1 ? "0" : "0." + String(repeating: "0", count: digits - 1) }
        var exponent: mpfr_exp_t = 0
        let raw: String = withPointer { p in
            guard let chars = mpfr_get_str(nil, &exponent, 10, digits, p, rounding.mpfr) else { return "" }
            defer { mpfr_free_str(chars) }
            return String(cString: chars)
        }
        let negative = raw.hasPrefix("-")
        let mantissa = negative ? String(raw.dropFirst()) : raw
        // Value = 0.mantissa * 10^exponent, so the leading digit has decimal exponent `exponent - 1`.
        let leading = Int(exponent) - 1
        var body: String
        if leading >= -5 && leading < digits {
            if leading >= 0 {
                let intPart = mantissa.prefix(leading + 1)
                let fracPart = mantissa.dropFirst(leading + 1)
                body = fracPart.isEmpty ? String(intPart) : intPart + "." + fracPart
            } else {
                body = "0." + String(repeating: "0", count: -leading - 1) + mantissa
            }
        } else {
            let first = mantissa.prefix(1), rest = mantissa.dropFirst()
            body = (rest.isEmpty ? String(first) : first + "." + rest) + "e" + String(leading)
        }
        return (negative ? "-" : "") + body
    }

    /// Enough significant digits to identify the binary value uniquely.
    public var description: String {
        formatted(significantDigits: Int(Precision.digits(forBits: Double(precision)).rounded(.up)) + 1)
    }
}
