import PhasecheckExpressions
import PhasecheckNumbers
import Testing

/// Flat sums and products (issue 18): a left-leaning chain `n` deep goes through every pass (parse, both
/// printers, differentiation, simplification, compilation, evaluation) without overflowing the stack.
/// n = 100,000 is past the ~60,000 terms that overflowed the 8 MB main-thread stack before (test threads
/// have less); the passes are iterative, so 10^6 differs only in time, which in a debug build is about
/// 10 s per pass, too slow for every test run.
@Suite struct LargeInputTests {
    static let n = 100_000

    @Test func flatSum() throws {
        let text = (1...Self.n).map { $0 % 2 == 0 ? "x" : "y" }.joined(separator: " + ")
        let e = try ExpressionParser.parse(text)
        #expect(PlainPrinter.print(e) == text)
        #expect(LatexPrinter.print(e).count == text.count)
        #expect(e.simplified() === (try ExpressionParser.parse("\(Self.n / 2)*x + \(Self.n / 2)*y")))
        let d = try e.derivative(withRespectTo: "x")
        #expect(d.simplified(assumingFiniteValues: true) === Expr.number(Self.n / 2))
        // Term by term in Double, the sum of n/2 x's and y's with x = 0.5, y = 0.25 is exact.
        #expect(try e.evaluate(in: DoubleContext(), at: ["x": 0.5, "y": 0.25]) == Double(Self.n) * 0.375)
        #expect(try d.evaluate(in: DoubleContext(), at: ["x": 0.5, "y": 0.25]) == Double(Self.n / 2))
    }

    @Test func flatProduct() throws {
        let text = Array(repeating: "x", count: Self.n).joined(separator: "*")
        let e = try ExpressionParser.parse(text)
        #expect(PlainPrinter.print(e) == text)
        #expect(!LatexPrinter.print(e).isEmpty)
        #expect(PlainPrinter.print(e.simplified()) == "x^\(Self.n)")
        let d = try e.derivative(withRespectTo: "x")
        // Powers of two multiply exactly: at x = 1 the product is 1 and the derivative n x^(n-1) = n.
        #expect(try e.evaluate(in: DoubleContext(), at: ["x": 1]) == 1)
        #expect(try d.evaluate(in: DoubleContext(), at: ["x": 1]) == Double(Self.n))
        // The derivative has 3n nodes, each collected once (about 0.4 ms each in a debug build), so a
        // fifth of the chain is simplified here.
        let m = Self.n / 5
        let shorter = try ExpressionParser.parse(Array(repeating: "x", count: m).joined(separator: "*"))
        let ds = try shorter.derivative(withRespectTo: "x").simplified(assumingFiniteValues: true, scalarSymbols: ["x"])
        #expect(PlainPrinter.print(ds) == "\(m)*x^\(m - 1)")
    }

    @Test func longIndexChainsAndVectors() throws {
        let e = try ExpressionParser.parse("u" + String(repeating: "[1]", count: Self.n))
        #expect(PlainPrinter.print(e).count == 1 + 3 * Self.n)
        // u[1] is a scalar, and a scalar's first component is itself.
        #expect(e.tapeValues(DoubleContext(), ["u": [3, 4]]) == [3])
        let v = try ExpressionParser.parse("sum([" + Array(repeating: "x", count: Self.n).joined(separator: ", ") + "])")
        #expect(try v.evaluate(in: DoubleContext(), at: ["x": 1]) == Double(Self.n))
    }
}
