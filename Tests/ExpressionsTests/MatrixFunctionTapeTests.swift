import PhasecheckExpressions
import PhasecheckNumbers
import Testing

/// The tape's matrix-function instruction: one block per distinct call, evaluated once when constant, and
/// the same values point by point and in lanes.
@Suite struct MatrixFunctionTapeTests {
    static let inputs: [(name: String, shape: Shape)] = [("A", .matrix(2, 2)), ("p", .scalar)]

    /// inv(A) + inv(A) and det(A) * inv(A) share one inv block; entries follow their block.
    @Test func repeatedCallsShareOneBlock() throws {
        let tape = try Tape(compiling: [ExpressionParser.parse("inv(A) + inv(A)"), ExpressionParser.parse("det(A) * inv(A)")],
                            inputs: Self.inputs)
        let blocks = tape.instructions.enumerated().filter { if case .matrixFunction = $0.element { true } else { false } }
        #expect(blocks.count == 2)   // inv and det
        for (register, instruction) in tape.instructions.enumerated() {
            if case .matrixEntry(let block, let entry) = instruction { #expect(register == block + entry) }
        }
    }

    /// A constant argument is evaluated when the evaluator is made (det([[1, 2], [3, 4]]) = -2), and no
    /// step runs per point.
    @Test func constantBlocksAreEvaluatedOnce() throws {
        let tape = try Tape(compiling: [ExpressionParser.parse("det([[1, 2], [3, 4]]) * p")], inputs: Self.inputs)
        var evaluator = TapeEvaluator(tape: tape, context: MPFRContext(precision: 128))
        #expect(evaluator.stepsPerRun == 6)   // five inputs and one product
        let x = evaluator.evaluate([1, 2, 3, 4, 5].map { BigFloat($0, precision: 128) })
        #expect(BigFloat.abs(x[0][0] + BigFloat(10, precision: 128)) < BigFloat(1e-35, precision: 53))
    }

    /// powm(A A^T + I, p) + expm(A) over 70 points: `evaluate(columns:)` (64 lanes, then 6) equals one
    /// point at a time in Double, and the interval lanes are narrow and agree with Double.
    @Test func lanesAgreeWithPointByPoint() throws {
        let tape = try Tape(compiling: [ExpressionParser.parse("powm(A @ transpose(A) + eye(2), p) + expm(A)")], inputs: Self.inputs)
        let points = (0..<70).map { k -> [Double] in
            let s = Double(k) / 70
            return [1 + s, 0.5 - s, 0.25 * s, 2 - s, [-0.5, -0.25, 0.25, 0.5, 0.75][k % 5]]
        }
        var double = TapeEvaluator(tape: tape, context: DoubleContext())
        let columns = double.evaluate(columns: (0..<5).map { slot in points.map { $0[slot] } })
        for (k, point) in points.enumerated() {
            let single = double.evaluate(point)[0]
            for entry in 0..<4 { #expect(columns[0][entry][k] == single[entry]) }
        }
        let context = IntervalContext(precision: 96)
        var intervals = TapeEvaluator(tape: tape, context: context)
        let boxes = (0..<5).map { slot in points.map { BigInterval(BigFloat($0[slot], precision: 96)) } }
        let enclosed = intervals.evaluate(columns: boxes)
        for (k, point) in points.enumerated() {
            let single = double.evaluate(point)[0]
            for entry in 0..<4 {
                let box = enclosed[0][entry][k]
                #expect(Swift.abs(box.midpoint.doubleValue - single[entry]) < 1e-12 * Swift.max(1, Swift.abs(single[entry])))
                #expect(box.width < BigFloat(1e-20, precision: 53), "point \(k): \(box)")
            }
        }
    }
}
