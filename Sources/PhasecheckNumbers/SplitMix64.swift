/// SplitMix64 (Steele, Lea and Flood 2014): a small, fast generator whose whole state is one seed, so
/// random draws (initial values, parameter draws, generated test trees) are reproducible on every machine.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// The generator's output function: a bijection of 64-bit words that scatters nearby inputs (also
    /// used to derive independent seeds from a seed and an index).
    public static func mix(_ word: UInt64) -> UInt64 {
        var z = word
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
