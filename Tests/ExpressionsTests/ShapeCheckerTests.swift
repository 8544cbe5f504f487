import PhasecheckExpressions
import Testing

/// `ShapeChecker` infers what `Tape` compiles: the same lengths, and the same error for every misuse.
struct ShapeCheckerTests {
    static let inputs: [(name: String, length: Int?)] = [("x", nil), ("u", 3), ("v", 2)]

    /// Every node kind, with and without broadcasting, and each shape error of `TapeBuilder.lower`.
    static let cases = [
        "2", "x", "pi", "u", "x + u", "u - x", "u*u", "u/x", "-u", "sin(u)", "u^2", "u^x", "x^u", "atan2(u, x)",
        "[x, 1, x^2]", "dot(u, u)", "norm(v)", "sum(u)", "u[3]", "dot(u, [x, x, 1]) * v",
        "u + v", "atan2(u, v)", "u^v", "[u, x]", "dot(u, v)", "u[4]", "y + 1", "norm(u + v)",
    ]

    @Test(arguments: cases)
    func agreesWithTheTapeCompiler(_ text: String) throws {
        let e = try ExpressionParser.parse(text)
        var checker = ShapeChecker(inputs: Self.inputs)
        let inferred = Result { try checker.length(of: e) }
        let compiled = Result { try Tape(compiling: [e], inputs: Self.inputs).outputs[0].count }
        switch (inferred, compiled) {
        case let (.success(a), .success(b)): #expect(a == b, "\(text)")
        case let (.failure(a), .failure(b)): #expect("\(a)" == "\(b)", "\(text)")
        default: Issue.record("\(text): inferred \(inferred), compiled \(compiled)")
        }
    }

    @Test func aWideVectorIsOneStep() throws {
        var checker = ShapeChecker(inputs: [("u", 1_000_000)])
        #expect(try checker.length(of: try ExpressionParser.parse("dot(u, u) * u + 1")) == 1_000_000)
    }
}
