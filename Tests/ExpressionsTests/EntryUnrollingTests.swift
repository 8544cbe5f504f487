import PhasecheckExpressions
import PhasecheckNumbers
import Testing

/// `EntryUnrolling` against the tape, a second method: the tape evaluates `det` and `inv` by Gaussian
/// elimination with partial pivoting and the products as matrix blocks; the unrolled scalars are cofactor
/// expansions and sums of products. Both at 200 bits at scalar symbols a, b, c.
@Suite struct EntryUnrollingTests {
    static let values: [String: Double] = ["a": 0.7, "b": -1.3, "c": 2.1]

    static func agree(_ source: String) throws -> (shape: Shape, entries: Int) {
        let e = try ExpressionParser.parse(source)
        var unrolling = EntryUnrolling()
        let (shape, entries) = try unrolling.unrolled(e)
        let context = MPFRContext(precision: 200)
        let names = Self.values.keys.sorted()
        let tape = try Tape(compiling: [e], inputs: names.map { (name: $0, length: Int?.none) })
        var evaluator = TapeEvaluator(tape: tape, context: context)
        let bound = names.map { BigFloat(Self.values[$0]!, precision: 200) }
        let direct = evaluator.evaluate(bound)[0]
        #expect(direct.count == entries.count)
        for (k, entry) in entries.enumerated() {
            #expect(entry.kind != .matmul && entry.kind != .matrixFunction(.det))
            let x = try entry.evaluate(in: context, at: Dictionary(uniqueKeysWithValues: zip(names, bound)))
            let gap = BigFloat.abs(x - direct[k]), scale = BigFloat.abs(direct[k]) + BigFloat(1, precision: 200)
            #expect(gap <= scale * BigFloat(1e-50, precision: 200), "\(source) entry \(k): \(x) against \(direct[k])")
        }
        return (shape, entries.count)
    }

    @Test(arguments: [
        ("det([[a, b, 1], [c, a*b, 2], [1, c, a + c]])", Shape.scalar),
        ("inv([[a, b, 1], [c, a*b, 2], [1, c, a + c]])", Shape.matrix(3, 3)),
        ("trace(transpose([[a, 1], [b, 2], [c, 3]]) @ [[a, 1], [b, 2], [c, 3]])", Shape.scalar),
        ("outer([a, b], [1, c, 2]) @ [1, a, b] + diag(diag([[a, b], [c, 1]])) @ row([[a, b], [c, 1]], 2)", Shape.vector(2)),
        ("norm(eye(3)*a - zeros(3, 3) + diag([1, b, c])) + sum(col([[a, b], [c, 1]], 1)) + dot([[a, b], [c, 1]], [[1, 2], [3, 4]])", Shape.scalar),
        ("[a, b] @ [[a, 1], [b, c]] + [[a, 1], [b, c]][2, 1]", Shape.vector(2)),
        ("det(inv([[a, b], [c, 1]]) @ [[1, 2], [3, 4]])^2 * sin([[a, b], [c, 1]])", Shape.matrix(2, 2)),
    ])
    func unrolledEntriesEqualTheTape(source: String, shape: Shape) throws {
        #expect(try Self.agree(source).shape == shape)
    }

    /// A planted mistake in the comparison: a different matrix on the tape side is told apart (the check
    /// above can fail).
    @Test func aDifferentMatrixDisagrees() throws {
        var unrolling = EntryUnrolling()
        let det = try unrolling.scalar(try ExpressionParser.parse("det([[a, b], [c, 1]])"))
        let context = MPFRContext(precision: 200)
        let at = Self.values.mapValues { BigFloat($0, precision: 200) }
        let x = try det.evaluate(in: context, at: at)
        let other = try ExpressionParser.parse("det([[a, c], [b, 2]])").evaluate(in: context, at: at)
        #expect(BigFloat.abs(x - other) > BigFloat(1e-3, precision: 200))
        // 0.7 - (-1.3)(2.1) = 3.43 exactly in decimals.
        #expect(BigFloat.abs(x - BigFloat(3.43, precision: 200)) < BigFloat(1e-15, precision: 200))
    }

    /// Matrix functions without a finite scalar form, and cofactor expansions above the limit, are refused
    /// with the node that caused it.
    @Test func refusalsNameTheirNode() throws {
        var unrolling = EntryUnrolling()
        #expect(throws: CompileError.self) { try unrolling.unrolled(try ExpressionParser.parse("expm([[a, 1], [0, a]])")) }
        let n = EntryUnrolling.maximumCofactorSize + 1
        let big = Expr.call(.det, Expr.identity(n) * Expr.symbol("a"))
        do {
            _ = try unrolling.unrolled(big)
            Issue.record("det of a \(n)x\(n) matrix was expanded")
        } catch let error as CompileError {
            #expect(error.node === big)
            #expect(error.message.contains("up to \(n - 1)x\(n - 1)"))
        }
    }
}
