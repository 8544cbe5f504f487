import PhasecheckTestSupport
import PhasecheckNumbers
import PropertyBased
import Testing

/// MPFR's reuse.c idea: results are the same when the output is one of the inputs, and copies are values.
struct AliasingTests {
    @Test(arguments: ElementaryFunction.allCases) func outputIsInput(_ f: ElementaryFunction) async {
        await seededPropertyCheck(count: 30, input: Draws.draw()) { d in
            let x0 = argument(f, d)
            var x = x0
            BigFloat.apply(f, x, into: &x)
            #expect(same(x, BigFloat.apply(f, x0)))
            var y = x0
            y = BigFloat.apply(f, y)
            #expect(same(y, x))
            #expect(same(x0, argument(f, d)), "input changed")

            let i0 = BigInterval(lower: x0, upper: x0)
            var i = i0
            BigInterval.apply(f, i, into: &i)
            #expect(i == BigInterval.apply(f, i0))
            #expect(i0 == BigInterval(x0))
        }
    }

    @Test(arguments: BinaryFunction.allCases) func bothInputsAreTheOutput(_ f: BinaryFunction) async {
        await seededPropertyCheck(count: 30, input: Draws.draw()) { d in
            let a0 = d.value(exponents: -10...10)
            var a = a0
            BigFloat.apply(f, a, a, into: &a)
            #expect(same(a, BigFloat.apply(f, a0, a0)))
            var i = BigInterval(a0)
            BigInterval.apply(f, i, i, into: &i)
            #expect(i == BigInterval.apply(f, BigInterval(a0), BigInterval(a0)))
        }
    }

    @Test func arithmeticInPlace() async {
        await seededPropertyCheck(count: 50, input: Draws.draw(), Gen.int(in: -5...5)) { d, n in
            let a0 = d.value(exponents: -10...10)
            var a = a0
            BigFloat.add(a, a, into: &a); #expect(a == a0 + a0)
            a = a0; BigFloat.subtract(a, a, into: &a); #expect(a.isZero)
            a = a0; BigFloat.multiply(a, a, into: &a); #expect(a == a0 * a0)
            a = a0; BigFloat.divide(a, a, into: &a); #expect(a == BigFloat(1, precision: 2))
            a = a0; BigFloat.negate(a, into: &a); #expect(a == -a0)
            a = a0; BigFloat.pow(a, n, into: &a); #expect(same(a, BigFloat.pow(a0, n)))
            a = a0; a *= a; a += a; #expect(a == (a0 * a0) + (a0 * a0))

            let i0 = BigInterval(a0)
            var i = i0
            BigInterval.multiply(i, i, into: &i); #expect(i == i0 * i0)
            i = i0; BigInterval.subtract(i, i, into: &i); #expect(i == i0 - i0)
            i = i0; BigInterval.pow(i, n, into: &i); #expect(i == BigInterval.pow(i0, n))
        }
    }

    /// In-place forms reuse the destination's storage when nothing else shares it.
    @Test func inPlaceFormsDoNotReallocate() {
        func address(_ x: BigFloat) -> UnsafeRawPointer { x.withPointer { UnsafeRawPointer($0) } }
        var x = BigFloat(BigRational(1, 3), precision: 300)
        let y = BigFloat(BigRational(2, 7), precision: 300)
        var r = BigFloat.nan(precision: 300)
        let before = (address(x), address(r))
        x += y
        x *= y
        BigFloat.multiply(x, y, into: &r)
        BigFloat.apply(.exp, x, into: &r)
        #expect(address(x) == before.0 && address(r) == before.1)
        let shared = x
        x += y
        #expect(address(x) != address(shared))
    }

    /// Copy on write: mutating a copy (or the original) leaves the other alone.
    @Test func copiesAreIndependent() {
        var x = BigFloat(BigRational(1, 3), precision: 200)
        let saved = x
        let text = saved.formatted(significantDigits: 40)
        x += BigFloat(1, precision: 2)
        #expect(saved.formatted(significantDigits: 40) == text)
        var copy = saved
        copy.withMutablePointer { _ = $0 }
        BigFloat.apply(.exp, copy, into: &copy)
        #expect(saved.formatted(significantDigits: 40) == text)
        #expect(copy == BigFloat.exp(saved))

        var interval = BigInterval(BigRational(1, 3), precision: 100)
        let before = interval
        BigInterval.apply(.sin, interval, into: &interval)
        #expect(before == BigInterval(BigRational(1, 3), precision: 100))
        #expect(interval != before)
    }
}
