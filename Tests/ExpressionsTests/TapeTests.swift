import PhasecheckExpressions
import PhasecheckNumbers
import Testing

@Suite struct TapeTests {
    /// Random trees over scalars and vectors of length 3: the tape equals a direct recursive evaluation
    /// exactly (same operations, same rounding) in Double and in MPFR.
    @Test func compiledEqualsDirectEvaluation() async throws {
        for seed in PropertySeeds.seeds(200, for: "compiledEqualsDirectEvaluation") {
            var generator = TreeGenerator(seed: seed)
            generator.vectors = true
            let e = generator.chance(0.5) ? generator.scalar(depth: 4) : generator.vector(depth: 4)
            var rng = SplitMix64(seed: seed ^ 0x7A9E)
            var doubles: [String: [Double]] = [:]
            for name in ["x", "y", "z"] { doubles[name] = [Double.random(in: -2...2, using: &rng)] }
            for name in ["u", "w"] { doubles[name] = (0..<3).map { _ in Double.random(in: -2...2, using: &rng) } }

            let compiled = try #require(e.tapeValues(DoubleContext(), doubles), "seed \(seed): \(e)")
            let direct = DirectEvaluator(context: DoubleContext(), values: doubles).evaluate(e)
            #expect(compiled.count == direct.count)
            #expect(zip(compiled, direct).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }, "seed \(seed): \(e)")

            let context = MPFRContext(precision: 160)
            let mpfr = doubles.mapValues { $0.map { BigFloat($0, precision: 160) } }
            let compiledMPFR = try #require(e.tapeValues(context, mpfr))
            let directMPFR = DirectEvaluator(context: context, values: mpfr).evaluate(e)
            #expect(zip(compiledMPFR, directMPFR).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }, "seed \(seed): \(e)")
        }
    }

    static let vectors: [String: [Double]] = ["u": [1, 2, 3], "w": [4, 5, 6], "x": [2]]

    @Test(arguments: [
        ("dot(u, w)", [32.0]),
        ("norm(u)", [3.7416573867739413]),
        ("u*w", [4.0, 10, 18]),
        ("u + 1", [2.0, 3, 4]),
        ("x*u - w", [-2.0, -1, 0]),
        ("u/x", [0.5, 1, 1.5]),
        ("-u", [-1.0, -2, -3]),
        ("u^2", [1.0, 4, 9]),
        ("pow(u, 0.5)", [1.0, 1.4142135623730951, 1.7320508075688772]),
        ("max(u, 2)", [2.0, 2, 3]),
        ("sum(u)", [6.0]),
        ("u[2]", [2.0]),
        ("(u*w)[3]", [18.0]),
        ("[x, 2*x, x^2][3]", [4.0]),
        ("sum([x, x])*norm(w - u)", [20.784609690826528]),
        ("abs(u - w)", [3.0, 3, 3]),
    ])
    func vectorUnrolling(text: String, expected: [Double]) throws {
        let got = try #require(try ExpressionParser.parse(text).tapeValues(DoubleContext(), Self.vectors))
        #expect(got.count == expected.count)
        for (g, e) in zip(got, expected) { #expect(Swift.abs(g - e) <= 1e-15 * Swift.abs(e), "\(text): \(got)") }
    }

    @Test(arguments: [
        ("u + [1, 2]", "vector lengths 3 and 2 do not match"),
        ("dot(u, [1, 2])", "dot of vectors of lengths 3 and 2"),
        ("u[4]", "must be an integer from 1 to 3"),
        ("[u, x]", "a vector component must be a scalar"),
        ("v + 1", "unknown symbol `v`"),
    ])
    func shapeErrors(text: String, fragment: String) throws {
        let e = try ExpressionParser.parse(text)
        #expect {
            try Tape(compiling: [e], inputs: [(name: "u", length: 3), (name: "x", length: nil)])
        } throws: { error in
            String(describing: error).contains(fragment)
        }
    }

    @Test func constantsAreHoistedAndRegistersReused() throws {
        let e = try ExpressionParser.parse("sin(1)*exp(pi) + x*sin(1)")
        let tape = try Tape(compiling: [e], inputs: [(name: "x", length: nil)])
        #expect(tape.instructions.filter { $0 == .function(.sin, 0) || $0 == .constant(1) }.count <= 2)
        let context = MPFRContext(precision: 200)
        var evaluator = TapeEvaluator(tape: tape, context: context)
        for x in [0.5, -3.0, 7.25] {
            let input = BigFloat(x, precision: 200)
            let got = evaluator.evaluate([input])[0][0]
            let sin1 = BigFloat.apply(.sin, BigFloat(1, precision: 200))
            let expected = sin1 * BigFloat.apply(.exp, BigFloat.pi(precision: 200)) + input * sin1
            #expect(agree(got, expected, tolerance: 1e-58))
        }
    }

    /// A long tape stores only the values live at once (issue 18: one pair of MPFR numbers per instruction
    /// took 3.5 GB for a dot product of width 10^6), and reusing storage changes no value: dot(u, u) and a
    /// flat sum against their exact values (second method: rational arithmetic), in intervals, MPFR and Double.
    @Test func longTapesReuseStorage() throws {
        let n = 20_000
        let e = try ExpressionParser.parse("[dot(u, u), " + Array(repeating: "x", count: n).joined(separator: " + ") + "]")
        let tape = try Tape(compiling: [e], inputs: [(name: "u", length: n), (name: "x", length: nil)])
        let u = (1...n).map { BigRational($0, 7) }
        let x = BigRational(3, 11)
        let exact = [BigRational(n * (n + 1) * (2 * n + 1), 6 * 49), x * BigRational(n)]   // sum of (i/7)^2; n x
        let inputs = u + [x]
        #expect(tape.instructions.count > 3 * n)

        let context = IntervalContext(precision: 128)
        var intervals = TapeEvaluator(tape: tape, context: context)
        #expect(intervals.storedValues < 10, "\(intervals.storedValues) values stored for \(tape.instructions.count) instructions")
        let enclosed = intervals.evaluate(inputs.map { context.constant($0) })[0]
        for (value, exact) in zip(enclosed, exact) {
            #expect(value.contains(BigFloat(exact, precision: 256)) && value.width < BigFloat(1e-20, precision: 64) * value.upper, "\(value)")
        }
        var mpfr = TapeEvaluator(tape: tape, context: MPFRContext(precision: 200))
        let rounded = mpfr.evaluate(inputs.map { BigFloat($0, precision: 200) })[0]
        for (value, exact) in zip(rounded, exact) { #expect(agree(value, BigFloat(exact, precision: 256), tolerance: 1e-50)) }
        var double = TapeEvaluator(tape: tape, context: DoubleContext())
        let doubles = double.evaluate(inputs.map(\.doubleValue))[0]
        for (value, exact) in zip(doubles, exact) { #expect(Swift.abs(value - exact.doubleValue) <= 1e-12 * exact.doubleValue) }
        // Batched evaluation runs on the same storage, one lane per point.
        let columns = double.evaluate(columns: inputs.map { [$0.doubleValue, 2 * $0.doubleValue] })[0]
        #expect(columns[0] == [doubles[0], 4 * doubles[0]] && columns[1] == [doubles[1], 2 * doubles[1]])
    }

    /// The builder forgets a node's registers once its last reader is lowered, and finds repeated instructions by
    /// hash in the tape itself (issue 18: the per-node memo and a dictionary keyed by instructions dominated the
    /// memory of a 10^6-term identity). A node read early by one root and late by another, a root that is also an
    /// argument, and two roots that lower to the same instructions keep one register each; values against exact
    /// rational arithmetic (second method).
    @Test func sharedNodesAcrossRootsKeepOneRegister() throws {
        let s = try ExpressionParser.parse("x*y")
        let roots = try ["x*y + 1", "sin(x*y)", "x*y", "(x*y + 1)*2", "dot(u, w)", "sum(u*w)"].map(ExpressionParser.parse)
        let tape = try Tape(compiling: roots, inputs: [(name: "x", length: nil), (name: "y", length: nil), (name: "u", length: 3), (name: "w", length: 3)])
        #expect(tape.outputs[2] == [try #require(tape.instructions.firstIndex(of: .multiply(0, 1)))], "\(s) is one register")
        #expect(tape.outputs[4] == tape.outputs[5], "dot(u, w) and sum(u*w) are the same instructions")
        // 8 inputs; x*y, its + 1, sin, * 2 and the constants 1 and 2; three products and two sums for the dot.
        #expect(tape.instructions.count == 8 + 6 + 5, "\(tape.instructions)")
        // Dyadic values, so every operation is exact and the tape's value must equal the rational one.
        let (x, y) = (BigRational(3, 8), BigRational(-5, 2))
        let (u, w) = ([1, 2, 3].map { BigRational($0, 4) }, [4, -5, 6].map { BigRational($0) })
        var evaluator = TapeEvaluator(tape: tape, context: MPFRContext(precision: 200))
        let values = evaluator.evaluate(([x, y] + u + w).map { BigFloat($0, precision: 200) }).map { $0[0] }
        let dot = zip(u, w).map { $0 * $1 }.reduce(BigRational(0), +)
        for (value, exact) in zip([values[0], values[2], values[3], values[4]], [x * y + 1, x * y, (x * y + 1) * 2, dot]) {
            #expect(value == BigFloat(exact, precision: 200), "\(value) against \(exact)")
        }
        #expect(values[1] == BigFloat.apply(.sin, BigFloat(x * y, precision: 200)))
    }

    /// Batched evaluation (blocks of points, across block boundaries) equals one run per point.
    @Test func batchedEqualsPointwise() throws {
        let e = try ExpressionParser.parse("[exp(-x*t)*sin(t) + 1/(1 + t^2), max(t, x) - pow(t, 0.5)]")
        let tape = try Tape(compiling: [e, .number(3)], inputs: [(name: "t", length: nil), (name: "x", length: nil)])
        let ts = (0..<150).map { Double($0) / 10 }
        var evaluator = TapeEvaluator(tape: tape, context: DoubleContext())
        let batched = evaluator.evaluate(columns: [ts, ts.map { _ in 0.7 }])
        #expect(batched[1] == [[Double]](repeating: [Double](repeating: 3, count: 150), count: 1))
        for (k, t) in ts.enumerated() {
            let single = evaluator.evaluate([t, 0.7])
            #expect(batched[0][0][k] == single[0][0] && batched[0][1][k] == single[0][1])
        }
        var mpfr = TapeEvaluator(tape: tape, context: MPFRContext(precision: 100))
        let column = ts.map { BigFloat($0, precision: 100) }
        let wide = mpfr.evaluate(columns: [column, column.map { _ in BigFloat(0.7, precision: 100) }])
        for k in [0, 63, 64, 149] {
            #expect(wide[0][1][k] == mpfr.evaluate([column[k], BigFloat(0.7, precision: 100)])[0][1])
        }
    }

    @Test func evaluateConvenience() throws {
        let e = try ExpressionParser.parse("x^2 + y")
        #expect(try e.evaluate(in: DoubleContext(), at: ["x": 3, "y": 0.5]) == 9.5)
        #expect(throws: CompileError.self) { try e.evaluate(in: DoubleContext(), at: ["x": 3]) }
        #expect(throws: CompileError.self) { try ExpressionParser.parse("[x, x]").evaluate(in: DoubleContext(), at: ["x": 3]) }
    }
}
