import Foundation
import PhasecheckNumbers
import Testing

/// The Monte Carlo noise: the same doubles on every machine, and normally distributed.
struct NormalStreamTests {
    /// The first six draws of three streams, from Benchmarks/normal_stream_reference.py: an independent Python
    /// implementation whose floats are IEEE 754 doubles rounded as Swift's, so equal bits are expected.
    static let pythonDraws: [(seed: UInt64, path: Int, draws: [Double])] = [
        (1, 0, [-0x1.b4d1bde6f0ef1p-3, -0x1.7053aed7aa14fp-2, -0x1.ba9f6509ad186p+0, 0x1.181317462fa14p-1, 0x1.dfcba6ef0b886p+0, 0x1.d64493fecfed0p-2]),
        (1, 1, [-0x1.ddaffbb778dc4p+0, 0x1.4edb0512cf1b8p-1, 0x1.7a49042b97359p+0, 0x1.c928a324b5046p-3, -0x1.0bff6e54ac95cp-5, 0x1.f1c887ed7a7ecp-1]),
        (20261206, 399, [0x1.f13178a70340fp-3, -0x1.2e252ad8f6d26p+0, 0x1.c163a530463d0p-1, 0x1.d0e4da7386ff3p-4, -0x1.1e3a79330ab71p-1, 0x1.39964bf801cb1p-1]),
    ]

    @Test func drawsAreBitForBitThoseOfTheIndependentImplementation() {
        for (seed, path, expected) in Self.pythonDraws {
            var stream = NormalStream(seed: seed, path: path)
            let draws = (0..<6).map { _ in stream.next() }
            #expect(draws.map(\.bitPattern) == expected.map(\.bitPattern), "seed \(seed) path \(path): \(draws)")
        }
    }

    /// mpmath at 40 digits (Benchmarks/normal_stream_reference.py): the log of the double nearest 0.1 is
    /// -2.30258509299404562850684..., correctly rounded -0x1.26bb1bbb55515p+1, which the portable log returns;
    /// elsewhere it is within 2 units in the last place of the platform's log (glibc's is within 1 of the truth).
    @Test func portableLogIsWithinTwoUlpsOfTheLogarithm() {
        #expect(PortableMath.log(0.1) == -0x1.26bb1bbb55515p+1)
        var generator = SplitMix64(seed: 17)
        for _ in 0..<20_000 {
            let x = Double(bitPattern: generator.next() % 0x7FE0_0000_0000_0000 + 0x0010_0000_0000_0000)   // any positive normal
            let reference = Foundation.log(x)
            #expect((PortableMath.log(x) - reference).magnitude <= 2 * Swift.max(reference.ulp, Double.leastNormalMagnitude), "log(\(x))")
        }
        #expect(PortableMath.log(1) == 0)
        #expect(PortableMath.log(0x1p-1074) == -0x1.74385446d71c3p+9)   // the smallest subnormal: mpmath's, correctly rounded
    }

    /// 200,000 draws: mean, variance, skewness and excess kurtosis within 4.5 of their sampling standard
    /// deviations (sqrt(1/n), sqrt(2/n), sqrt(6/n), sqrt(24/n)), and the Kolmogorov-Smirnov distance to the
    /// normal distribution below 1.95/sqrt(n) (its 0.1% point). The draws are fixed by the seed, so this
    /// either always passes or always fails.
    @Test func drawsAreStandardNormal() {
        var stream = NormalStream(seed: 1, path: 0)
        let n = 200_000
        let draws = (0..<n).map { _ in stream.next() }
        let count = Double(n)
        let mean = draws.reduce(0, +) / count
        let moment = { (k: Double) in draws.reduce(0) { $0 + Foundation.pow($1 - mean, k) } / count }
        let variance = moment(2)
        #expect(mean.magnitude < 4.5 * (1 / count).squareRoot())
        #expect((variance - 1).magnitude < 4.5 * (2 / count).squareRoot())
        #expect((moment(3) / Foundation.pow(variance, 1.5)).magnitude < 4.5 * (6 / count).squareRoot())
        #expect((moment(4) / (variance * variance) - 3).magnitude < 4.5 * (24 / count).squareRoot())
        let sorted = draws.sorted()
        var distance = 0.0
        for (i, x) in sorted.enumerated() {
            let cdf = 0.5 * Foundation.erfc(-x / 2.squareRoot())
            distance = Swift.max(distance, (cdf - Double(i) / count).magnitude, (Double(i + 1) / count - cdf).magnitude)
        }
        #expect(distance < 1.95 / count.squareRoot(), "Kolmogorov-Smirnov distance \(distance)")
    }

    /// Neighbouring paths and seeds give uncorrelated streams (|r| within 4.5/sqrt(n)), and different ones.
    @Test func pathsAndSeedsGiveIndependentStreams() {
        let n = 50_000
        func draws(seed: UInt64, path: Int) -> [Double] {
            var stream = NormalStream(seed: seed, path: path)
            return (0..<n).map { _ in stream.next() }
        }
        let base = draws(seed: 1, path: 0)
        for other in [draws(seed: 1, path: 1), draws(seed: 2, path: 0), draws(seed: 0, path: 1)] {
            let r = zip(base, other).reduce(0) { $0 + $1.0 * $1.1 } / Double(n)
            #expect(r.magnitude < 4.5 / Double(n).squareRoot(), "correlation \(r)")
        }
    }

    @Test func uniformsAreMultiplesOfTwoToTheMinus53InTheUnitInterval() {
        var stream = NormalStream(seed: 5, path: 3)
        for _ in 0..<10_000 {
            let u = stream.nextUniform()
            #expect(u >= 0 && u < 1)
            #expect((u * 0x1p53).rounded() == u * 0x1p53)
        }
    }
}
