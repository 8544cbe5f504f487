#if canImport(Glibc)
import PhasecheckTestSupport
import Glibc
#endif
import PhasecheckNumbers
import PropertyBased
import Testing

/// Decimal output and input. Expected digits and exponents of the fixed cases come from Python's decimal
/// module (round-half-even at n digits):
///
///     python3 -c "
///     from decimal import *
///     def r(s,n): return Context(prec=n, rounding=ROUND_HALF_EVEN, Emin=-10**6, Emax=10**6).plus(Decimal(s))
///     for s,n in [('9.99996',5),('-9.99996',5),('0.099999996',5),('999999.6',6),('1e-400',5),
///       ('-2.5e-400',3),('123',1),('0.00001234',5),('0.000001234',5),('0.125',2),('0.375',2),
///       ('-0.125',2),('2.5',1),('3.5',1),('99999.5',5),('-0.00099999999',3)]: print(s,n,r(s,n))"
///
/// (decimal drops trailing zeros that `formatted` keeps; the binary inputs at 200 bits are either exact or
/// far from a rounding tie).
struct FormattingTests {
    static let cases: [(String, Int, String)] = [
        ("9.99996", 5, "10.000"), ("-9.99996", 5, "-10.000"), ("0.099999996", 5, "0.10000"),
        ("999999.6", 6, "1.00000e6"), ("1e-400", 5, "1.0000e-400"), ("-2.5e-400", 3, "-2.50e-400"),
        ("123", 1, "1e2"), ("0.00001234", 5, "0.000012340"), ("0.000001234", 5, "1.2340e-6"),
        ("0.125", 2, "0.12"), ("0.375", 2, "0.38"), ("-0.125", 2, "-0.12"), ("2.5", 1, "2"), ("3.5", 1, "4"),
        ("99999.5", 5, "1.0000e5"), ("-0.00099999999", 3, "-0.00100"),
    ]

    @Test(arguments: 0..<cases.count) func roundsAndCarries(_ i: Int) {
        let (input, digits, expected) = Self.cases[i]
        #expect(BigFloat(input, precision: 200)!.formatted(significantDigits: digits) == expected)
    }

    /// 10^1000 and 10^1000 - 1 are exact at 3400 bits (5^1000 < 2^2322).
    @Test func hugeExactIntegers() {
        let big = BigFloat(BigRational(10).power(1000), precision: 3400)
        let below = big - BigFloat(1, precision: 3400)
        #expect(BigRational(exactly: big) == BigRational(10).power(1000))
        #expect(BigRational(exactly: below) == BigRational(10).power(1000) - 1)
        #expect(big.formatted(significantDigits: 30) == "1." + String(repeating: "0", count: 29) + "e1000")
        #expect(below.formatted(significantDigits: 30) == "1." + String(repeating: "0", count: 29) + "e1000")
        #expect(below.formatted(significantDigits: 1000) == String(repeating: "9", count: 1000))
        #expect(below.formatted(significantDigits: 1001) == String(repeating: "9", count: 1000) + ".0")
        #expect((-below).formatted(significantDigits: 999) == "-1." + String(repeating: "0", count: 998) + "e1000")
    }

    @Test func zerosAndSpecials() {
        #expect(BigFloat(0, precision: 64).formatted(significantDigits: 4) == "0.000")
        #expect((-BigFloat(0, precision: 64)).formatted(significantDigits: 1) == "0")
        #expect(BigFloat.nan(precision: 64).formatted(significantDigits: 5) == "nan")
        #expect(BigFloat.infinity(precision: 64, negative: true).formatted(significantDigits: 5) == "-inf")
        #expect(BigFloat("inf", precision: 64)!.isInfinite)
        #expect(BigFloat("1.5x", precision: 64) == nil)
        #expect(BigFloat("", precision: 64) == nil)
    }

    /// Against glibc's printf, which rounds doubles correctly (round-half-even on the exact binary value).
    @Test func agreesWithPrintf() async {
        await seededPropertyCheck(count: 400, input: Gen.int(in: Int.min...Int.max), Gen.int(in: 1...40)) { bits, digits in
            let d = Double(bitPattern: UInt64(bitPattern: Int64(bits)))
            guard d.isFinite, d != 0 else { return }
            let ours = BigFloat(d).formatted(significantDigits: digits)
            #expect(Self.digitsAndExponent(ours) == Self.digitsAndExponent(Self.printf(d, digits)), "\(d) at \(digits) digits")
        }
    }

    /// Swift's own parser reads our 17 digits back to the same double; 15-digit decimals survive the trip
    /// through 53 bits and back.
    @Test func decimalRoundTrips() async {
        await seededPropertyCheck(count: 400, input: Gen.int(in: Int.min...Int.max), Gen.int(in: 100_000_000_000_000...999_999_999_999_999), Gen.int(in: -300...300)) { bits, mantissa, exponent in
            let d = Double(bitPattern: UInt64(bitPattern: Int64(bits)))
            if d.isFinite {
                let text = BigFloat(d).formatted(significantDigits: 17)
                #expect(Double(text) == d, "\(d) -> \(text)")
                #expect(BigFloat(text, precision: 53) == BigFloat(d))
            }
            let literal = "\(mantissa / 100_000_000_000_000).\(String(mantissa).dropFirst())e\(exponent)"
            let parsed = BigFloat(literal, precision: 53)!
            #expect(Self.digitsAndExponent(parsed.formatted(significantDigits: 15)) == Self.digitsAndExponent(literal))
            #expect(parsed == BigFloat(BigRational(literal)!, precision: 53))
        }
    }

    /// At p bits, ceil(p·log10 2) + 1 digits identify the value (`description`).
    @Test func descriptionRoundTrips() async {
        await seededPropertyCheck(count: 200, input: Draws.draw(maxPrecision: 2000)) { d in
            let x = d.value(exponents: -5000...5000)
            #expect(BigFloat(x.description, precision: x.precision) == x)
        }
    }

    static func printf(_ d: Double, _ digits: Int) -> String {
        var buffer = [CChar](repeating: 0, count: 128)
        _ = withVaList([Int32(digits - 1), d]) { vsnprintf(&buffer, buffer.count, "%.*e", $0) }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// (sign, significant digits, decimal exponent of the first digit) of a fixed or scientific numeral.
    static func digitsAndExponent(_ text: String) -> String {
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        let parts = body.lowercased().split(separator: "e")
        let exponent = parts.count > 1 ? Int(parts[1])! : 0
        let mantissa = String(parts[0])
        let intDigits = mantissa.split(separator: ".", omittingEmptySubsequences: false)[0].count
        let all = mantissa.filter { $0 != "." }
        let leadingZeros = all.prefix { $0 == "0" }.count
        return "\(negative ? "-" : "+")\(all.dropFirst(leadingZeros))e\(exponent + intDigits - 1 - leadingZeros)"
    }
}
