import CMPFR
import PhasecheckNumbers
import PropertyBased
import Testing

/// One random draw: 504 random fraction bits, an exponent, a sign and a precision. Inputs are built from
/// it at the draw's precision; reference computations widen them exactly.
struct Draw: Sendable, CustomStringConvertible {
    let words: [Int]
    let exponent: Int
    let negative: Bool
    let precision: Int

    /// u in [0, 1), exact at 504 bits.
    var unit: BigFloat {
        var u = BigFloat(0, precision: 504)
        for (i, w) in words.enumerated() {
            u += BigFloat.scaled(BigFloat(w, precision: 64), byPowerOfTwo: -63 * (i + 1))
        }
        return u
    }

    /// ±(1 + u)·2^e with e folded into `exponents`, rounded to the draw's precision.
    func value(exponents: ClosedRange<Int>, signed: Bool = true) -> BigFloat {
        let e = exponents.lowerBound + ((exponent % exponents.count) + exponents.count) % exponents.count
        let magnitude = BigFloat.scaled(BigFloat(1, precision: 504) + unit, byPowerOfTwo: e)
        let x = (signed && negative) ? -magnitude : magnitude
        return x.rounded(toPrecision: precision)
    }

    /// A point of [lo, hi] (at the draw's precision).
    func value(in lo: Double, _ hi: Double) -> BigFloat {
        let x = BigFloat(lo, precision: 504) + BigFloat(hi - lo, precision: 504) * unit
        return x.rounded(toPrecision: precision)
    }

    var description: String { "Draw(exponent: \(exponent), negative: \(negative), precision: \(precision), words: \(words))" }
}

enum Draws {
    /// Precision between `minPrecision` and `maxPrecision` bits.
    static func draw(minPrecision: Int = 2, maxPrecision: Int = 300) -> Generator<Draw, some SendableSequenceType> {
        zip(Gen.int(in: 0...Int.max).array(of: 8), Gen.int(in: -1000...1000), Gen.bool, Gen.int(in: minPrecision...maxPrecision))
            .map { Draw(words: $0, exponent: $1, negative: $2, precision: $3) }
    }
}

/// A random argument in the natural domain of each function (a few fall on its edge).
func argument(_ f: ElementaryFunction, _ d: Draw) -> BigFloat {
    switch f {
    case .sqrt, .log: return d.value(exponents: -200...200, signed: false)
    case .cbrt, .abs, .sign: return d.value(exponents: -200...200)
    case .exp, .expm1: return d.value(exponents: -30...9)
    case .log1p: return d.value(exponents: -40...40, signed: false) - BigFloat(d.negative ? 1 : 0, precision: 2)
    case .sin, .cos, .tan: return d.value(exponents: -30...70)
    case .asin, .acos, .atanh: return d.value(in: -1, 1)
    case .atan, .sinh, .cosh, .tanh, .asinh, .erf, .erfc: return d.value(exponents: -30...9)
    case .acosh: return BigFloat(1, precision: 2) + d.value(exponents: -40...40, signed: false)
    }
}

/// Two random arguments for a two-argument function, from two draws.
func arguments(_ f: BinaryFunction, _ d: Draw, _ e: Draw) -> (BigFloat, BigFloat) {
    let e = Draw(words: e.words, exponent: e.exponent, negative: e.negative, precision: d.precision)
    switch f {
    case .pow:
        // Positive bases with any exponent, and negative bases with integer exponents.
        if d.negative { return (d.value(exponents: -8...8), BigFloat(e.exponent % 40, precision: 64).rounded(toPrecision: d.precision)) }
        return (d.value(exponents: -30...30, signed: false), e.value(exponents: -8...5))
    case .atan2, .min, .max:
        return (d.value(exponents: -20...20), e.value(exponents: -20...20))
    }
}

/// MPFR's test_generic criterion: y approximates the exact value to within 2^(E(y) - yPrecision) (it was
/// rounded to nearest at yPrecision bits); when that determines the rounding to `precision` bits, return
/// that rounding, else nil.
func correctRounding(of y: BigFloat, toPrecision precision: Int) -> BigFloat? {
    if !y.isFinite || y.isZero { return y.rounded(toPrecision: precision) }
    let canRound = y.withPointer { mpfr_can_round($0, mpfr_exp_t(y.precision), MPFR_RNDN, MPFR_RNDN, mpfr_prec_t(precision)) }
    return canRound != 0 ? y.rounded(toPrecision: precision) : nil
}

/// Bitwise identity, NaN included (== is IEEE, NaN != NaN).
func same(_ a: BigFloat, _ b: BigFloat) -> Bool {
    (a.isNaN && b.isNaN) || (a == b && a.isZero == b.isZero && (!a.isZero || a.signBitSet == b.signBitSet))
}

extension BigFloat {
    var signBitSet: Bool { withPointer { mpfr_signbit($0) != 0 } }
}

/// 2^e as a double.
func twoToThe(_ e: Int) -> Double { Double(sign: .plus, exponent: e, significand: 1) }
