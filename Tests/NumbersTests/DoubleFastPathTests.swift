import PhasecheckTestSupport
import PhasecheckNumbers
import PropertyBased
import Testing

/// The Double fast path (glibc's libm) against MPFR at 53 bits, which is correctly rounded, in ulps of the
/// correct result (swift-numerics' style of measuring). glibc documents errors of at most a few ulps for
/// these functions; we allow 3 (measured here, glibc 2.36: at most 1, and 2 for cbrt).
struct DoubleFastPathTests {
    static let allowedUlps = 3.0

    static func ulps(_ got: Double, _ correct: Double) -> Double {
        if got == correct || (got.isNaN && correct.isNaN) { return 0 }
        guard correct.isFinite, got.isFinite else { return .infinity }
        return (got - correct).magnitude / correct.ulp
    }

    static func at53(_ d: Draw) -> Draw { Draw(words: d.words, exponent: d.exponent, negative: d.negative, precision: 53) }

    @Test(arguments: ElementaryFunction.allCases) func elementaryFunction(_ f: ElementaryFunction) async {
        await seededPropertyCheck(count: 300, input: Draws.draw()) { d in
            let x = argument(f, Self.at53(d)).doubleValue
            let correct = BigFloat.apply(f, BigFloat(x)).doubleValue
            let error = Self.ulps(Double.apply(f, x), correct)
            #expect(error <= Self.allowedUlps, "\(f)(\(x)) = \(Double.apply(f, x)), correctly rounded \(correct)")
        }
    }

    @Test(arguments: BinaryFunction.allCases) func twoArgumentFunction(_ f: BinaryFunction) async {
        await seededPropertyCheck(count: 300, input: Draws.draw(), Draws.draw()) { d, e in
            let (a, b) = arguments(f, Self.at53(d), e)
            let x = a.doubleValue, y = b.doubleValue
            let correct = BigFloat.apply(f, BigFloat(x), BigFloat(y)).doubleValue
            #expect(Self.ulps(Double.apply(f, x, y), correct) <= Self.allowedUlps, "\(f)(\(x), \(y))")
        }
    }

    @Test func arithmeticIsExactlyRounded() async {
        await seededPropertyCheck(count: 300, input: Gen.double(in: -1e100...1e100), Gen.double(in: -1e100...1e100), Gen.int(in: -20...20)) { x, y, n in
            let a = BigFloat(x), b = BigFloat(y)
            #expect((a + b).doubleValue == x + y)
            #expect((a * b).doubleValue == x * y)
            #expect((a / b).doubleValue == x / y)
            #expect(BigFloat.sqrt(a.magnitude).doubleValue == x.magnitude.squareRoot())
            #expect(Self.ulps(Double.pow(x / 1e90, n), BigFloat.pow(BigFloat(x / 1e90), n).doubleValue) <= Self.allowedUlps)
        }
    }

    /// The contexts make the same generic code run on all three scalar types.
    @Test func contextsAgree() {
        func f<C: ScalarContext>(_ c: C) -> C.Value {
            let x = c.constant(BigRational(3, 7))
            return C.Value.sin(c.pi * x) + C.Value.log(onePlus: x * x)
        }
        let double = f(DoubleContext())
        let big = f(MPFRContext(precision: 53))
        let interval = f(IntervalContext(precision: 53))
        #expect(Self.ulps(double, big.doubleValue) <= 4)
        #expect(interval.contains(f(MPFRContext(precision: 200))))
    }
}

extension BigFloat {
    var magnitude: BigFloat { BigFloat.abs(self) }
}
