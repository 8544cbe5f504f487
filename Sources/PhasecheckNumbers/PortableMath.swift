/// Functions computed from IEEE 754 operations alone (+, -, *, / and exact scaling by powers of two),
/// which every conforming machine rounds the same way; the platform's math library may differ in the
/// last bit between systems. They make the Monte Carlo noise (`NormalStream`) the same doubles everywhere.
public enum PortableMath {
    /// ln 2 split so that `e * ln2High` is exact for |e| < 2^11 (the fdlibm constants).
    static let ln2High = 6.93147180369123816490e-01
    static let ln2Low = 1.90821492927058770002e-10

    /// The natural logarithm of a positive finite x, within a few units in the last place: x = m 2^e with
    /// m in (1/sqrt 2, sqrt 2], and ln m = 2 atanh(f) = 2 (f + f^3/3 + ... + f^23/23), f = (m - 1)/(m + 1),
    /// |f| < 0.172, so the first omitted term is below 10^-19 of the sum.
    public static func log(_ x: Double) -> Double {
        precondition(x > 0 && x.isFinite, "PortableMath.log needs a positive finite number, got \(x)")
        var e = Int(x.exponent)
        var m = x.significand
        if m > 1.4142135623730951 {
            m *= 0.5
            e += 1
        }
        let f = (m - 1) / (m + 1)
        let s = f * f
        // 1/3 + s/5 + ... + s^10/23 by Horner's rule, written out (a loop costs more than the series in a debug build).
        var series = 1.0 / 23.0
        series = 1.0 / 21.0 + s * series
        series = 1.0 / 19.0 + s * series
        series = 1.0 / 17.0 + s * series
        series = 1.0 / 15.0 + s * series
        series = 1.0 / 13.0 + s * series
        series = 1.0 / 11.0 + s * series
        series = 1.0 / 9.0 + s * series
        series = 1.0 / 7.0 + s * series
        series = 1.0 / 5.0 + s * series
        series = 1.0 / 3.0 + s * series
        let lnM = 2 * f + 2 * f * (s * series)
        let scaled = Double(e)
        return scaled * ln2High + (lnM + scaled * ln2Low)
    }
}
