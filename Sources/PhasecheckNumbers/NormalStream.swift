/// Standard normal draws for one path of a Monte Carlo run, the same doubles on every machine.
///
/// Path `p` of a run with seed `s` draws 64-bit words from SplitMix64 started at
/// `mix(mix(s) + p)` (`SplitMix64.mix`), so every path has its own stream, fixed by the seed and the
/// path's index alone: paths may run in any order, on any number of threads. Uniforms are the top 53 bits
/// of a word times 2^-53; normals come in pairs from Marsaglia's polar form of the Box-Muller transform
/// (u, v uniform on (-1, 1) until 0 < s = u^2 + v^2 < 1, then u r and v r with r = sqrt(-2 ln s / s)),
/// computed with IEEE 754 operations, `squareRoot` (correctly rounded) and `PortableMath.log` only.
/// Two paths' streams overlap only if their starting words differ by fewer multiples of SplitMix64's
/// increment than the words drawn: for 10^4 paths of 10^7 draws, a chance below 10^-4.
public struct NormalStream: Sendable {
    private var generator: SplitMix64
    private var spare: Double?

    public init(seed: UInt64, path: Int) {
        generator = SplitMix64(seed: SplitMix64.mix(SplitMix64.mix(seed) &+ UInt64(truncatingIfNeeded: path)))
    }

    /// Uniform on [0, 1), a multiple of 2^-53.
    public mutating func nextUniform() -> Double { Double(generator.next() >> 11) * 0x1p-53 }

    /// A standard normal draw.
    public mutating func next() -> Double {
        if let s = spare {
            spare = nil
            return s
        }
        while true {
            let u = 2 * nextUniform() - 1, v = 2 * nextUniform() - 1
            let s = u * u + v * v
            guard s < 1 && s > 0 else { continue }
            let r = (-2 * PortableMath.log(s) / s).squareRoot()
            spare = v * r
            return u * r
        }
    }
}
