import PhasecheckNumbers

/// `FROM:TO:STEP` on the command line (`--at 0:10:0.05`, `--steps 0:1000:10`): exact rationals, FROM and
/// then every STEP up to TO (TO itself when it falls on the grid), within a size budget so that a typo
/// (`0:1000:0.0001`) is refused before any work rather than filling the memory.
public struct SampleRange: Sendable, Equatable {
    public let from: BigRational
    public let to: BigRational
    public let step: BigRational

    /// The most values one range may give; larger samplings are a mistake far more often than a wish.
    public static let maximumCount = 100_000

    public struct RangeError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Whether a command-line item is a range rather than a single value (expressions hold no colon).
    public static func isRange(_ text: String) -> Bool { text.contains(":") }

    /// - Parameter integers: whether every value must be an integer (step numbers).
    public init(parsing text: String, integers: Bool = false) throws(RangeError) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        let example = integers ? "0:1000:10" : "0:10:0.05"
        guard parts.count == 3 else {
            throw RangeError(description: "`\(text)`: expected FROM:TO:STEP with three numbers (\(example)), found \(parts.count) part\(parts.count == 1 ? "" : "s")")
        }
        let names = ["FROM", "TO", "STEP"]
        var values: [BigRational] = []
        for (name, part) in zip(names, parts) {
            guard let q = BigRational(part) else {
                throw RangeError(description: "`\(text)`: \(name) `\(part)` is not a number (an integer, a decimal such as 0.05 or a fraction such as 1/20)")
            }
            if integers && !q.isInteger {
                throw RangeError(description: "`\(text)`: \(name) `\(part)` is not an integer; steps are counted in whole iterations")
            }
            values.append(q)
        }
        (from, to, step) = (values[0], values[1], values[2])
        guard step.sign > 0 else { throw RangeError(description: "`\(text)`: STEP must be positive, found \(step)") }
        guard from <= to else { throw RangeError(description: "`\(text)`: FROM (\(from)) is after TO (\(to)); write the smaller end first") }
        if integers && from.sign < 0 { throw RangeError(description: "`\(text)`: steps start at 0, found FROM = \(from)") }
        let count = ((to - from) / step).doubleValue.rounded(.down) + 1
        guard count <= Double(Self.maximumCount) else {
            throw RangeError(description: "`\(text)` asks for \(Self.countText(count)) values; at most \(Self.maximumCount) per range (a larger STEP, or several runs)")
        }
    }

    /// FROM, FROM + STEP, ... up to TO, exactly.
    public var values: [BigRational] { BigRational.progression(from: from, through: to, step: step) }

    private static func countText(_ count: Double) -> String {
        count < 1e15 ? String(Int(count)) : "more than 10^15"
    }
}
