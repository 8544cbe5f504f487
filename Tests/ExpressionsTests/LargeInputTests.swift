import PhasecheckExpressions
import PhasecheckNumbers
import Testing

/// Flat sums and products of a million terms (issue 18): a left-leaning chain a million deep goes through
/// every pass (parse, both printers, differentiation, simplification, compilation, evaluation) without
/// overflowing the stack.
@Suite struct LargeInputTests {
    static let n = 1_000_000

    @Test func flatSum() throws {
        let text = (1...Self.n).map { $0 % 2 == 0 ? "x" : "y" }.joined(separator: " + ")
        let e = try ExpressionParser.parse(text)
        #expect(PlainPrinter.print(e) == text)
        #expect(LatexPrinter.print(e).count == text.count)
        #expect(e.simplified() === (try ExpressionParser.parse("500000*x + 500000*y")))
        let d = e.derivative(withRespectTo: "x")
        #expect(d.simplified(assumingFiniteValues: true) === Expr.number(Self.n / 2))
        // Term by term in Double, the sum of 500,000 x's and y's with x = 0.5, y = 0.25 is exact.
        #expect(try e.evaluate(in: DoubleContext(), at: ["x": 0.5, "y": 0.25]) == 375_000)
        #expect(try d.evaluate(in: DoubleContext(), at: ["x": 0.5, "y": 0.25]) == Double(Self.n / 2))
    }

    @Test func flatProduct() throws {
        let text = Array(repeating: "x", count: Self.n).joined(separator: "*")
        let e = try ExpressionParser.parse(text)
        #expect(PlainPrinter.print(e) == text)
        #expect(!LatexPrinter.print(e).isEmpty)
        #expect(PlainPrinter.print(e.simplified()) == "x^\(Self.n)")
        let d = e.derivative(withRespectTo: "x")
        #expect(PlainPrinter.print(d.simplified(assumingFiniteValues: true, scalarSymbols: ["x"])) == "\(Self.n)*x^\(Self.n - 1)")
        // Powers of two multiply exactly: x = 1 gives 1, and the derivative n x^(n-1) = n.
        #expect(try e.evaluate(in: DoubleContext(), at: ["x": 1]) == 1)
        #expect(try d.evaluate(in: DoubleContext(), at: ["x": 1]) == Double(Self.n))
    }

    @Test func longIndexChainsAndVectors() throws {
        let e = try ExpressionParser.parse("u" + String(repeating: "[1]", count: 100_000))
        #expect(PlainPrinter.print(e).count == 1 + 300_000)
        #expect(throws: CompileError.self) { try Tape(compiling: [e], inputs: [(name: "u", length: 2)]) }
        let v = try ExpressionParser.parse("sum([" + Array(repeating: "x", count: Self.n).joined(separator: ", ") + "])")
        #expect(try v.evaluate(in: DoubleContext(), at: ["x": 1]) == Double(Self.n))
    }
}
