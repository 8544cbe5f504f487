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

/// Symbols the tests use as matrices, with their shapes (any other symbol with n > 1 values is a vector).
let testMatrixShapes: [String: Shape] = ["A": .matrix(2, 2), "B": .matrix(2, 3)]

/// The shape a test gives a symbol with these values.
func testShape(_ name: String, count: Int) -> Shape {
    if let shape = testMatrixShapes[name], shape.count == count { return shape }
    return count == 1 ? .scalar : .vector(count)
}

/// The test oracle: a direct recursive evaluation (no tape, no value numbering, no shared shape rules)
/// with broadcasting, matrices as nested loops over rows and columns.
struct DirectEvaluator<Context: ScalarContext> {
    typealias V = Context.Value
    let context: Context
    let values: [String: [V]]

    func evaluate(_ e: Expr) -> [V] { evaluateShaped(e).values }

    /// Values row-major, with rows and columns (a vector is one column, a scalar 1 x 1).
    func evaluateShaped(_ e: Expr) -> (values: [V], rows: Int, columns: Int, matrix: Bool) {
        let args = e.arguments
        func plain(_ v: [V]) -> (values: [V], rows: Int, columns: Int, matrix: Bool) { (v, v.count, 1, false) }
        func pairwise(_ op: (V, V) -> V) -> (values: [V], rows: Int, columns: Int, matrix: Bool) {
            let a = evaluateShaped(args[0]), b = evaluateShaped(args[1])
            if a.values.count == b.values.count { return (zip(a.values, b.values).map(op), a.rows, a.columns, a.matrix) }
            return a.values.count == 1 ? (b.values.map { op(a.values[0], $0) }, b.rows, b.columns, b.matrix)
                : (a.values.map { op($0, b.values[0]) }, a.rows, a.columns, a.matrix)
        }
        func total(_ xs: [V]) -> V { xs.dropFirst().reduce(xs[0], +) }
        func integer(_ x: Expr) -> Int { Int(x.numberValue!.description)! }
        func identity(_ n: Int, diagonal: (Int) -> V) -> [V] {
            (0..<n).flatMap { i in (0..<n).map { j in i == j ? diagonal(i) : context.constant(0) } }
        }
        switch e.kind {
        case .number(let q): return plain([context.constant(q)])
        case .symbol(let name):
            guard let v = values[name] else { return plain([context.pi]) }
            if case .matrix(let m, let n) = testShape(name, count: v.count) { return (v, m, n, true) }
            return plain(v)
        case .add: return pairwise(+)
        case .subtract: return pairwise(-)
        case .multiply: return pairwise(*)
        case .divide: return pairwise(/)
        case .negate: let a = evaluateShaped(args[0]); return (a.values.map { -$0 }, a.rows, a.columns, a.matrix)
        case .power:
            if let q = args[1].numberValue, q.isInteger, let (n, _) = q.smallParts {
                let a = evaluateShaped(args[0]); return (a.values.map { V.pow($0, n) }, a.rows, a.columns, a.matrix)
            }
            return pairwise { V.apply(.pow, $0, $1) }
        case .function(let f): let a = evaluateShaped(args[0]); return (a.values.map { V.apply(f, $0) }, a.rows, a.columns, a.matrix)
        case .binaryFunction(let f): return pairwise { V.apply(f, $0, $1) }
        case .vector:
            let rows = args.map { evaluateShaped($0).values }
            return rows[0].count == 1 ? plain(rows.map { $0[0] }) : (rows.flatMap { $0 }, rows.count, rows[0].count, true)
        case .dot: return plain([total(zip(evaluate(args[0]), evaluate(args[1])).map(*))])
        case .norm: return plain([V.sqrt(total(evaluate(args[0]).map { $0 * $0 }))])
        case .sum: return plain([total(evaluate(args[0]))])
        case .index:
            let a = evaluateShaped(args[0])
            let i = integer(args[1]) - 1
            return plain([args.count == 3 ? a.values[i * a.columns + integer(args[2]) - 1] : a.values[i]])
        case .matmul:
            let a = evaluateShaped(args[0]), b = evaluateShaped(args[1])
            // A vector on the left is a row.
            let (m, k) = a.matrix ? (a.rows, a.columns) : (1, a.values.count)
            let n = b.matrix ? b.columns : 1
            var c: [V] = []
            for i in 0..<m { for j in 0..<n { c.append(total((0..<k).map { a.values[i * k + $0] * b.values[$0 * n + j] })) } }
            return a.matrix && b.matrix ? (c, m, n, true) : plain(c)
        case .transpose:
            let a = evaluateShaped(args[0])
            var c: [V] = []
            for j in 0..<a.columns { for i in 0..<a.rows { c.append(a.values[i * a.columns + j]) } }
            return (c, a.columns, a.rows, a.matrix)
        case .trace:
            let a = evaluateShaped(args[0])
            return plain([total((0..<a.rows).map { a.values[$0 * a.columns + $0] })])
        case .identity:
            let n = integer(args[0])
            return (identity(n) { _ in context.constant(1) }, n, n, true)
        case .zeros:
            let sizes = args.map(integer)
            let zeros = [V](repeating: context.constant(0), count: sizes.reduce(1, *))
            return sizes.count == 1 ? plain(zeros) : (zeros, sizes[0], sizes[1], true)
        case .diag:
            let a = evaluateShaped(args[0])
            if a.matrix { return plain((0..<a.rows).map { a.values[$0 * a.columns + $0] }) }
            return (identity(a.values.count) { a.values[$0] }, a.values.count, a.values.count, true)
        case .outer:
            let a = evaluate(args[0]), b = evaluate(args[1])
            return (a.flatMap { x in b.map { x * $0 } }, a.count, b.count, true)
        case .row:
            let a = evaluateShaped(args[0]), i = integer(args[1]) - 1
            return plain((0..<a.columns).map { a.values[i * a.columns + $0] })
        case .column:
            let a = evaluateShaped(args[0]), j = integer(args[1]) - 1
            return plain((0..<a.rows).map { a.values[$0 * a.columns + j] })
        case .matrixFunction(let f):
            let m = evaluateShaped(args[0]).values
            precondition(m.count == 4, "the oracle knows 2 x 2 matrix functions only")
            let direction = f.directionIndex.map { evaluateShaped(args[$0]).values }
            return (matrixFunction2x2(f, m, exponent: f.takesExponent ? evaluate(args[1])[0] : nil, direction: direction),
                    f == .det ? 1 : 2, f == .det ? 1 : 2, f != .det)
        }
    }

    /// 2 x 2 matrix functions by formulas independent of the tape's algorithms: det and inv by cofactors,
    /// expm by its Taylor series summed to 80 terms, sqrtm and powm by Sylvester's formula
    /// f(S) = (f(l1) (S - l2 I) - f(l2) (S - l1 I)) / (l1 - l2) on the eigenvalues of the symmetric part;
    /// dpowm by the eigenprojections P1 = (S - l2 I) / (l1 - l2), P2 = I - P1 as
    /// sum_ij G_ij P_i sym(E) P_j, G_ii = p l_i^(p-1), G_12 = G_21 = (l1^p - l2^p) / (l1 - l2); dexpm by the
    /// series' derivative sum_k D_k, D_k = d(A^k/k!) along E = (D_(k-1) A + A^(k-1)/(k-1)! E) / k, to 80 terms.
    func matrixFunction2x2(_ f: MatrixFunction, _ m: [V], exponent: V?, direction: [V]? = nil) -> [V] {
        let (a, b, c, d) = (m[0], m[1], m[2], m[3])
        let det = a * d - b * c
        switch f {
        case .det: return [det]
        case .inv: return [d / det, -b / det, -c / det, a / det]
        case .expm:
            var term = [context.constant(1), context.constant(0), context.constant(0), context.constant(1)]
            var total = term
            for k in 1...80 {
                let scale = context.constant(BigRational(1, k))
                term = [(term[0] * a + term[1] * c) * scale, (term[0] * b + term[1] * d) * scale,
                        (term[2] * a + term[3] * c) * scale, (term[2] * b + term[3] * d) * scale]
                total = zip(total, term).map(+)
            }
            return total
        case .dexpm:
            let e = direction!
            func times(_ x: [V], _ y: [V]) -> [V] {
                [x[0] * y[0] + x[1] * y[2], x[0] * y[1] + x[1] * y[3], x[2] * y[0] + x[3] * y[2], x[2] * y[1] + x[3] * y[3]]
            }
            var term = [context.constant(1), context.constant(0), context.constant(0), context.constant(1)]
            var derivative = [V](repeating: context.constant(0), count: 4)
            var total = derivative
            for k in 1...80 {
                let scale = context.constant(BigRational(1, k))
                derivative = zip(times(derivative, m), times(term, e)).map { ($0 + $1) * scale }
                term = times(term, m).map { $0 * scale }
                total = zip(total, derivative).map(+)
            }
            return total
        case .dpowm:
            let p = exponent!, e = direction!
            let offDiagonal = (b + c) / context.constant(2)
            let half = (a + d) / context.constant(2)
            let radius = V.sqrt((a - d) * (a - d) / context.constant(4) + offDiagonal * offDiagonal)
            let (l1, l2) = (half + radius, half - radius)
            let one = context.constant(1)
            let p1 = [(a - l2) / (l1 - l2), offDiagonal / (l1 - l2), offDiagonal / (l1 - l2), (d - l2) / (l1 - l2)]
            let p2 = [one - p1[0], -p1[1], -p1[2], one - p1[3]]
            let symmetricE = [e[0], (e[1] + e[2]) / context.constant(2), (e[1] + e[2]) / context.constant(2), e[3]]
            func times(_ x: [V], _ y: [V]) -> [V] {
                [x[0] * y[0] + x[1] * y[2], x[0] * y[1] + x[1] * y[3], x[2] * y[0] + x[3] * y[2], x[2] * y[1] + x[3] * y[3]]
            }
            let g11 = p * V.apply(.pow, l1, p - one), g22 = p * V.apply(.pow, l2, p - one)
            let g12 = (V.apply(.pow, l1, p) - V.apply(.pow, l2, p)) / (l1 - l2)
            let terms = [(g11, p1, p1), (g12, p1, p2), (g12, p2, p1), (g22, p2, p2)]
            return (0..<4).map { entry in terms.reduce(context.constant(0)) { $0 + $1.0 * times(times($1.1, symmetricE), $1.2)[entry] } }
        case .sqrtm, .powm:
            let p = exponent ?? context.constant(BigRational(1, 2))
            let offDiagonal = (b + c) / context.constant(2)
            let half = (a + d) / context.constant(2)
            let radius = V.sqrt((a - d) * (a - d) / context.constant(4) + offDiagonal * offDiagonal)
            let (l1, l2) = (half + radius, half - radius)
            let (f1, f2) = (V.apply(.pow, l1, p), V.apply(.pow, l2, p))
            let s = [a, offDiagonal, offDiagonal, d]
            let identity = [context.constant(1), context.constant(0), context.constant(0), context.constant(1)]
            return (0..<4).map { (f1 * (s[$0] - l2 * identity[$0]) - f2 * (s[$0] - l1 * identity[$0])) / (l1 - l2) }
        }
    }
}

extension Expr {
    /// Evaluates through a tape with scalar, vector and matrix inputs (`testShape`); nil if the tree does
    /// not compile.
    func tapeValues<C: ScalarContext>(_ context: C, _ values: [String: [C.Value]]) -> [C.Value]? {
        let names = values.keys.sorted()
        guard let tape = try? Tape(compiling: [self], inputs: names.map { (name: $0, shape: testShape($0, count: values[$0]!.count)) })
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
