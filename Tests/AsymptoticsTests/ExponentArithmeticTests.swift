@testable import PhasecheckAsymptotics
import PhasecheckNumbers
import Testing

/// Exponents are kept in machine integers (values, and forms over the trace's symbols) and fall back to
/// rationals on overflow: every result must be what the same operations give on `AffineExponent`s of
/// GMP rationals, the independent value here.
@Suite struct ExponentArithmeticTests {
    static let symbols = ["alpha", "b_u", "b_w"]

    static func randomRational(_ g: inout SplitMix64, numerators: ClosedRange<Int>) -> BigRational {
        BigRational(Int.random(in: numerators, using: &g), Int.random(in: 1...12, using: &g))
    }

    static func randomForm(_ g: inout SplitMix64) -> AffineExponent {
        AffineExponent(randomRational(&g, numerators: -9...9),
                       symbols.compactMap { s in Bool.random(using: &g) ? (s, randomRational(&g, numerators: -9...9)) : nil })
    }

    @Test func integerFormsGiveWhatRationalFormsGive() throws {
        var g = SplitMix64(seed: 15)
        for _ in 0..<400 {
            let f = Self.randomForm(&g), h = Self.randomForm(&g)
            let point = Dictionary(uniqueKeysWithValues: Self.symbols.map { ($0, Self.randomRational(&g, numerators: -20...20)) })
            let q = Self.randomRational(&g, numerators: -5...5)
            let trace = ExponentTrace(symbols: Self.symbols)
            let a = Exponent.traced(f, value: try f.value(at: point), in: trace)
            let b = Exponent.traced(h, value: try h.value(at: point), in: trace)
            #expect((a + b).affine == f + h)
            #expect((a - b).affine == f - h)
            #expect((-a).affine == -f)
            #expect(a.scaled(by: q)?.affine == (q.isZero ? AffineExponent(0) : f.scaled(by: q)))
            #expect((a + b).value == (try (f + h).value(at: point)))
            #expect(try (a - b + Exponent(q)).value(at: point) == (try (f - h).value(at: point)) + q)
            let expected = (try f.value(at: point) - h.value(at: point)).sign
            #expect(Exponent.compare(a, b) == expected)
            // The one hyperplane recorded is that of the difference formed in GMP rationals.
            if let difference = IntegerForm(f - h, symbols: trace.symbols), !difference.isConstant {
                let (plane, orientation) = difference.hyperplane
                #expect(trace.signs == [plane: expected * orientation])
            } else {
                #expect(trace.signs.isEmpty)
            }
            // Each recorded hyperplane has, at the traced point, the sign recorded for it.
            let scaled = try #require(ScaledPoint(point, symbols: Self.symbols))
            for (plane, sign) in trace.signs {
                let value = try #require(plane.coefficients.withUnsafeBufferPointer { Hyperplane.sign(constant: plane.constant, coefficients: $0, at: scaled) })
                #expect(value == sign)
            }
            #expect(trace.isComplete)
        }
    }

    /// A constant exponent combined with or compared to a form is read without a form of zeros
    /// (`IntegerOperand.constant`): the forms and the recorded hyperplanes must be those of the GMP rationals,
    /// with the constant on either side (its orientation then flips).
    @Test func constantOperandsGiveWhatRationalFormsGive() throws {
        var g = SplitMix64(seed: 16)
        for _ in 0..<400 {
            let f = Self.randomForm(&g)
            let q = Self.randomRational(&g, numerators: -40...40)
            let point = Dictionary(uniqueKeysWithValues: Self.symbols.map { ($0, Self.randomRational(&g, numerators: -20...20)) })
            let trace = ExponentTrace(symbols: Self.symbols)
            let a = Exponent.traced(f, value: try f.value(at: point), in: trace), c = Exponent(q)
            #expect((a + c).affine == f + AffineExponent(q))
            #expect((c - a).affine == AffineExponent(q) - f)
            #expect((a + c).value == (try f.value(at: point)) + q)
            let expected = (try f.value(at: point) - q).sign
            #expect(Exponent.compare(a, c) == expected)
            #expect(Exponent.compare(c, a) == -expected)
            if let difference = IntegerForm(f - AffineExponent(q), symbols: trace.symbols), !difference.isConstant {
                let (plane, orientation) = difference.hyperplane
                #expect(trace.signs == [plane: expected * orientation])
            } else {
                #expect(trace.signs.isEmpty)
            }
            #expect(trace.isComplete)
        }
        // A tie with a constant, decided only on its hyperplane: alpha - 1/2 = 0 at alpha = 1/2, recorded with sign 0
        // from either side (the hyperplane oriented with alpha's coefficient positive).
        let trace = ExponentTrace(symbols: Self.symbols)
        let a = Exponent.traced(.symbol("alpha"), value: BigRational(1, 2), in: trace)
        #expect(Exponent.compare(a, Exponent(BigRational(1, 2))) == 0 && Exponent.compare(Exponent(BigRational(1, 2)), a) == 0)
        #expect(trace.signs == [Hyperplane(constant: -1, coefficients: [2, 0, 0]): 0])
    }

    /// A form whose integers overflow is carried in rationals, exactly; a comparison on it leaves the
    /// trace incomplete (no cell is kept), never wrong.
    @Test func overflowFallsBackToRationals() {
        let big = BigRational(1 << 62)
        let trace = ExponentTrace(symbols: Self.symbols)
        let a = Exponent.traced(AffineExponent(0, [("alpha", big)]), value: big, in: trace)
        let sum = a + a
        #expect(sum.value == big * 2)
        #expect(sum.affine == AffineExponent(0, [("alpha", big * 2)]))
        #expect((sum - a).affine == AffineExponent(0, [("alpha", big)]))
        #expect(trace.isComplete)
        #expect(sum.sign == 1)
        #expect(!trace.isComplete)
    }

    /// Every comparison of traced exponents is recorded as the sign of an oriented integer hyperplane.
    @Test func comparisonsAreRecorded() {
        let trace = ExponentTrace(symbols: ["alpha", "b_u"])
        let a = Exponent.traced(.symbol("alpha"), value: 1, in: trace)
        let b = Exponent.traced(AffineExponent(0, [("b_u", 2)]), value: 3, in: trace)
        #expect(a < b)
        #expect((a - a).isZero)  // the constant 0: nothing to record
        #expect(Exponent(5) > Exponent(2))  // constants: nothing to record
        #expect(a.sign > 0)
        #expect(trace.signs.count == 2)
        #expect(trace.signs[Hyperplane(constant: 0, coefficients: [1, 0])] == 1)
        // alpha - 2 b_u < 0 at the point; oriented so that alpha's coefficient is positive.
        #expect(trace.signs[Hyperplane(constant: 0, coefficients: [1, -2])] == -1)
        // The same plane from a multiple of its form, with the opposite orientation: one entry.
        #expect(!(b.scaled(by: 2) < a.scaled(by: 2)))
        #expect(trace.signs.count == 2)
    }
}

/// A sweep writes its CSV numbers from `SmallRational`s: the text and the double must be exactly those
/// of the same `BigRational` (GMP's text, MPFR's correctly rounded double).
@Suite struct SmallRationalTextTests {
    @Test func textAndDoubleAreThoseOfTheRational() {
        var g = SplitMix64(seed: 8)
        let edges = [0, 1, -1, 3, 1 << 53, (1 << 53) + 1, -(1 << 53) - 1, (1 << 60) + 7, Int.max, Int.min + 1]
        var pairs = edges.flatMap { n in [1, 3, 7, 1 << 53, (1 << 53) + 1, Int.max].map { (n, $0) } }
        for _ in 0..<2000 {
            pairs.append((Int.random(in: -1_000_000...1_000_000, using: &g), Int.random(in: 1...4096, using: &g)))
        }
        for (n, d) in pairs {
            let small = SmallRational(n, d)!, exact = BigRational(n, d)
            #expect(small.description == exact.description)
            #expect(small.doubleValue.bitPattern == exact.doubleValue.bitPattern, "\(n)/\(d)")
        }
    }
}
