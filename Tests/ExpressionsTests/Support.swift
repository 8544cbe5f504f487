#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PhasecheckExpressions
import PhasecheckNumbers

/// Random expression trees.
struct TreeGenerator {
    var rng: SplitMix64
    /// Scalar symbols; `u` and `w` are vectors of length `vectorLength` when `vectors` is set.
    var scalars = ["x", "y", "z"]
    var vectors = false
    var vectorLength = 3
    /// Emit patterns the simplifier rewrites (`e*1`, `e - e`, `e^0`, folding of literals, ...).
    var simplifiable = false

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }

    /// A nonnegative literal the parser reads back as the same number: an integer or a short decimal.
    mutating func literal() -> Expr {
        if chance(0.6) { return .number(int(0...12)) }
        let places = int(1...3)
        return .number(BigRational(int(0...2000)) / BigRational(10).power(places))
    }

    /// Any tree the parser can produce (shapes are not checked: vectors may meet scalars).
    mutating func parseable(depth: Int) -> Expr {
        if depth == 0 || chance(0.2) { return chance(0.5) ? literal() : .symbol(["x", "y", "eta_u", "u0", "pi"][int(0...4)]) }
        let d = depth - 1
        switch int(0...13) {
        case 0: return parseable(depth: d) + parseable(depth: d)
        case 1: return parseable(depth: d) - parseable(depth: d)
        case 2: return parseable(depth: d) * parseable(depth: d)
        case 3: return parseable(depth: d) / parseable(depth: d)
        case 4: return -parseable(depth: d)
        case 5: return .power(parseable(depth: d), parseable(depth: d))
        case 6: return .call(ElementaryFunction.allCases.randomElement(using: &rng)!, parseable(depth: d))
        case 7: return .call(BinaryFunction.allCases.randomElement(using: &rng)!, parseable(depth: d), parseable(depth: d))
        case 8: return .vector((0..<int(1...3)).map { _ in parseable(depth: d) })
        case 9: return .dot(parseable(depth: d), parseable(depth: d))
        case 10: return .norm(parseable(depth: d))
        case 11: return .sum(parseable(depth: d))
        case 12: return .index(parseable(depth: d), int(1...3))
        default: return parseable(depth: d) * literal()
        }
    }

    /// A scalar-valued tree over the scalar symbols (and the vector symbols inside reductions).
    mutating func scalar(depth: Int) -> Expr {
        if depth == 0 || chance(0.15) {
            return chance(0.35) ? smallNumber() : .symbol(scalars.randomElement(using: &rng)!)
        }
        let d = depth - 1
        if simplifiable && chance(0.3) { return pattern(scalar(depth: d)) }
        switch int(0...11) {
        case 0, 1: return scalar(depth: d) + scalar(depth: d)
        case 2: return scalar(depth: d) - scalar(depth: d)
        case 3, 4: return scalar(depth: d) * scalar(depth: d)
        case 5: return scalar(depth: d) / scalar(depth: d)
        case 6: return -scalar(depth: d)
        case 7: return .power(scalar(depth: d), chance(0.6) ? .number(int(-3...3)) : scalar(depth: d))
        case 8, 9: return .call(ElementaryFunction.allCases.randomElement(using: &rng)!, scalar(depth: d))
        case 10: return .call(BinaryFunction.allCases.randomElement(using: &rng)!, scalar(depth: d), scalar(depth: d))
        default:
            let v = vector(depth: d)
            switch int(0...3) {
            case 0: return .dot(v, vector(depth: d))
            case 1: return .norm(v)
            case 2: return .sum(v)
            default: return .index(v, int(1...vectorLength))
            }
        }
    }

    /// A vector-valued tree of length `vectorLength`.
    mutating func vector(depth: Int) -> Expr {
        if depth == 0 || chance(0.3) {
            if vectors && chance(0.6) { return .symbol(chance(0.5) ? "u" : "w") }
            return .vector((0..<vectorLength).map { _ in scalar(depth: Swift.max(0, depth - 1)) })
        }
        let d = depth - 1
        switch int(0...5) {
        case 0: return vector(depth: d) + vector(depth: d)
        case 1: return scalar(depth: d) * vector(depth: d)
        case 2: return vector(depth: d) - scalar(depth: d)
        case 3: return -vector(depth: d)
        case 4: return .call(ElementaryFunction.allCases.randomElement(using: &rng)!, vector(depth: d))
        default: return .call(BinaryFunction.allCases.randomElement(using: &rng)!, vector(depth: d), scalar(depth: d))
        }
    }

    mutating func smallNumber() -> Expr {
        chance(0.7) ? .number(int(1...5)) : .number(BigRational(int(1...9), int(2...4)))
    }

    /// `e` inside a pattern the simplifier rewrites; the value is unchanged.
    mutating func pattern(_ e: Expr) -> Expr {
        switch int(0...11) {
        case 0: return e * .number(1)
        case 1: return .number(1) * e
        case 2: return e + .number(0)
        case 3: return e - e + e
        case 4: return -(-e)
        case 5: return .power(e, .number(1))
        case 6: return .power(e, .number(0)) * e
        case 7: return (.number(int(1...5)) + .number(BigRational(1, int(2...7)))) * e
        case 8: return .power(.number(BigRational(int(1...7), int(1...7))), .number(int(-4...4))) + e
        case 9: return e * (.number(2) - .number(2))  + e
        case 10: return e / .number(1) + .number(0) * e
        default: return -.number(1) * e
        }
    }
}

/// The test oracle: a direct recursive evaluation (no tape, no value numbering) with broadcasting.
struct DirectEvaluator<Context: ScalarContext> {
    typealias V = Context.Value
    let context: Context
    let values: [String: [V]]

    func evaluate(_ e: Expr) -> [V] {
        let args = e.arguments
        func pairwise(_ op: (V, V) -> V) -> [V] {
            let a = evaluate(args[0]), b = evaluate(args[1])
            if a.count == b.count { return zip(a, b).map(op) }
            return a.count == 1 ? b.map { op(a[0], $0) } : a.map { op($0, b[0]) }
        }
        func total(_ xs: [V]) -> V { xs.dropFirst().reduce(xs[0], +) }
        switch e.kind {
        case .number(let q): return [context.constant(q)]
        case .symbol(let name): return values[name] ?? [context.pi]
        case .add: return pairwise(+)
        case .subtract: return pairwise(-)
        case .multiply: return pairwise(*)
        case .divide: return pairwise(/)
        case .negate: return evaluate(args[0]).map { -$0 }
        case .power:
            if let q = args[1].numberValue, q.isInteger, let (n, _) = q.smallParts {
                return evaluate(args[0]).map { V.pow($0, n) }
            }
            return pairwise { V.apply(.pow, $0, $1) }
        case .function(let f): return evaluate(args[0]).map { V.apply(f, $0) }
        case .binaryFunction(let f): return pairwise { V.apply(f, $0, $1) }
        case .vector: return args.map { evaluate($0)[0] }
        case .dot: return [total(zip(evaluate(args[0]), evaluate(args[1])).map(*))]
        case .norm: return [V.sqrt(total(evaluate(args[0]).map { $0 * $0 }))]
        case .sum: return [total(evaluate(args[0]))]
        case .index: return [evaluate(args[0])[Int(args[1].numberValue!.description)! - 1]]
        }
    }
}

extension Expr {
    /// Evaluates through a tape with scalar and vector inputs; nil if the tree does not compile.
    func tapeValues<C: ScalarContext>(_ context: C, _ values: [String: [C.Value]]) -> [C.Value]? {
        let names = values.keys.sorted()
        guard let tape = try? Tape(compiling: [self], inputs: names.map { (name: $0, length: values[$0]!.count == 1 ? nil : values[$0]!.count) })
        else { return nil }
        var evaluator = TapeEvaluator(tape: tape, context: context)
        return evaluator.evaluate(names.flatMap { values[$0]! })[0]
    }
}

/// Whether two MPFR values agree to a relative `tolerance` (scaled by 1 + |a| + |b|), both are NaN,
/// or both are infinite (the simplifier does not promise the sign of zero, hence of 1/0).
func agree(_ a: BigFloat, _ b: BigFloat, tolerance: Double) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    if a.isInfinite || b.isInfinite { return a.isInfinite && b.isInfinite }
    let scale = BigFloat(1, precision: a.precision) + abs(a) + abs(b)
    return abs(a - b) <= scale * BigFloat(tolerance, precision: a.precision)
}

func abs(_ x: BigFloat) -> BigFloat { BigFloat.apply(.abs, x) }

/// Random point values for x, y, z in [-2, 2] away from 0, at `precision` bits.
func randomPoint(_ rng: inout SplitMix64, precision: Int) -> [String: BigFloat] {
    var point: [String: BigFloat] = [:]
    for name in ["x", "y", "z"] {
        let magnitude = Double.random(in: 0.1...2, using: &rng)
        point[name] = BigFloat(Bool.random(using: &rng) ? magnitude : -magnitude, precision: precision)
    }
    return point
}

/// Seeds for the property tests. They are fixed, so a red CI run reproduces exactly; to explore new
/// cases, run with `PHASECHECK_PROPERTY_SEED=<n>` (any UInt64, or `random` for a fresh one printed in the
/// failure message), e.g. `PHASECHECK_PROPERTY_SEED=random swift test --filter ExpressionsTests`. Every
/// failure found that way is a tree seed: add it as a fixed regression case.
enum PropertySeeds {
    static let base: UInt64 = {
        guard let text = getenv("PHASECHECK_PROPERTY_SEED").map({ String(cString: $0) }) else { return 0x5EED_F1ED }
        return text == "random" ? UInt64.random(in: 0...UInt64.max) : UInt64(text) ?? 0x5EED_F1ED
    }()

    /// `count` tree seeds for one test, distinct per `test` name.
    static func seeds(_ count: Int, for test: String) -> [UInt64] {
        var rng = SplitMix64(seed: base ^ test.utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 })
        return (0..<count).map { _ in rng.next() }
    }
}
