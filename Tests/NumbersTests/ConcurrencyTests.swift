import PhasecheckNumbers
import Testing

/// Precision travels with values and contexts, never through global state: parallel evaluation at
/// different precisions gives exactly the serial results.
struct ConcurrencyTests {
    /// A generic chain touching arithmetic, every elementary function and the two-argument functions.
    static func chain<C: ScalarContext>(_ c: C, seed: Int) -> C.Value {
        typealias T = C.Value
        var x = c.constant(BigRational(seed, 7))
        let y = c.constant(BigRational(3, 11))
        for f in ElementaryFunction.allCases {
            // Clamp into [0.1, 0.9] (shifted by 1 for acosh) so that every function is defined.
            let u = T.apply(.min, T.apply(.max, x, c.constant(BigRational(1, 10))), c.constant(BigRational(9, 10)))
            let z = T.apply(f, f == .acosh ? u + c.constant(1) : u)
            x = (x * y + z) / (c.pi + T.pow(y, 2))
        }
        return T.apply(.atan2, x, T.apply(.pow, y, x))
    }

    static let precisions = [53, 64, 113, 200, 256, 512, 1000, 2048]

    @Test func parallelEqualsSerial() async {
        let serial = Self.precisions.flatMap { p in (1...4).map { (p, $0, Self.chain(MPFRContext(precision: p), seed: $0)) } }
        let serialIntervals = Self.precisions.flatMap { p in (1...4).map { Self.chain(IntervalContext(precision: p), seed: $0) } }
        let parallel = await withTaskGroup(of: (Int, BigFloat, BigInterval).self) { group in
            for (i, (p, seed, _)) in serial.enumerated() {
                group.addTask {
                    (i, Self.chain(MPFRContext(precision: p), seed: seed), Self.chain(IntervalContext(precision: p), seed: seed))
                }
            }
            var results = [(Int, BigFloat, BigInterval)]()
            for await r in group { results.append(r) }
            return results.sorted { $0.0 < $1.0 }
        }
        #expect(parallel.count == serial.count)
        #expect(serial.allSatisfy { $0.2.isFinite })
        for (i, value, interval) in parallel {
            #expect(value == serial[i].2 && value.precision == serial[i].0)
            #expect(interval == serialIntervals[i])
            // And the interval result encloses the MPFR one at the highest precision.
            #expect(interval.contains(Self.chain(MPFRContext(precision: 4096), seed: serial[i].1)))
        }
        let double = Self.chain(DoubleContext(), seed: 1)
        #expect(Swift.abs(double - serial[0].2.doubleValue) <= 1e-13 * Swift.abs(double))
    }
}
