import ArgumentParser
import PhasecheckExpressions
import PhasecheckNumbers
import PhasecheckVerify

/// `--at` (times along the flow) and `--steps` (iterations of the file's map), each a comma list whose
/// items are single values or `FROM:TO:STEP` ranges: shared by `solve` and `plot`.
struct SampleOptions: ParsableArguments {
    /// Unconditional, so that a time may start with a minus (`--at -1`).
    @Option(parsing: .unconditional, help: "Times along the flow, comma-separated; each a value (expressions allowed: 0.5,1,tau*log(2)) or a range FROM:TO:STEP (0:10:0.05).")
    var at: String?

    @Option(parsing: .unconditional, help: "Steps of the file's iteration (`descent steps N` or `map` lines), comma-separated; each an integer or a range FROM:TO:STEP (0:1000:10).")
    var steps: String?

    /// The times asked for, in order (nil without `--at`).
    func times() throws -> [Expr]? {
        guard let at else { return nil }
        return try Self.items(at, option: "--at", noun: "time", example: "0.5,1,tau*log(2) or 0:10:0.05") { item in
            if SampleRange.isRange(item) { return try Self.range(item, option: "--at", integers: false).values.map(Expr.number) }
            return [try parseArgument(item, "--at \(item)")]
        }
    }

    /// The steps asked for, in order (nil without `--steps`).
    func stepNumbers() throws -> [Int]? {
        guard let steps else { return nil }
        return try Self.items(steps, option: "--steps", noun: "step", example: "10,100 or 0:1000:10") { item in
            if SampleRange.isRange(item) {
                return try Self.range(item, option: "--steps", integers: true).values.map { Int($0.description)! }
            }
            guard let n = Int(item), n >= 0 else { throw UserError("--steps \(item): a step is a nonnegative integer (10,100 or 0:1000:10)") }
            return [n]
        }
    }

    /// Items of a comma list, each expanded, within the size budget of one range.
    static func items<T>(_ text: String, option: String, noun: String, example: String, _ expand: (String) throws -> [T]) throws -> [T] {
        let items = splitTopLevel(text)
        guard !items.contains("") else { throw UserError("\(option) '\(text)': an empty \(noun); expected \(noun)s separated by commas (\(example))") }
        var all: [T] = []
        for item in items {
            all += try expand(item)
            guard all.count <= SampleRange.maximumCount else {
                throw UserError("\(option) '\(text)': more than \(SampleRange.maximumCount) values in all; use a larger STEP")
            }
        }
        return all
    }

    static func range(_ item: String, option: String, integers: Bool) throws -> SampleRange {
        do { return try SampleRange(parsing: item, integers: integers) } catch { throw UserError("\(option) \(error)") }
    }
}
