import PhasecheckExpressions
import Testing

/// `ShapeChecker` infers what `Tape` compiles: the same lengths, and the same error for every misuse.
struct ShapeCheckerTests {
    static let inputs: [(name: String, shape: Shape)] = [("x", .scalar), ("u", .vector(3)), ("v", .vector(2)),
                                                         ("A", .matrix(2, 3)), ("S", .matrix(3, 3))]

    /// Every node kind, with and without broadcasting, and each shape error of `TapeBuilder.lower`.
    static let cases = [
        "2", "x", "pi", "u", "x + u", "u - x", "u*u", "u/x", "-u", "sin(u)", "u^2", "u^x", "x^u", "atan2(u, x)",
        "[x, 1, x^2]", "dot(u, u)", "norm(v)", "sum(u)", "u[3]", "dot(u, [x, x, 1]) * v",
        "u + v", "atan2(u, v)", "u^v", "[u, x]", "dot(u, v)", "u[4]", "y + 1", "norm(u + v)",
        // Matrices: products in every combination, the operations, and each misuse.
        "A @ u", "v @ A", "S @ S", "A @ S", "u @ u", "transpose(A) @ v", "trace(S)", "eye(3) + S", "diag(u)", "diag(S)",
        "outer(u, v)", "row(A, 2)", "col(A, 3)", "A[2, 3]", "[[1, 2], [3, 4]]", "[u, u]", "A*2 - A", "norm(A)", "dot(S, S)",
        "zeros(2, 3) + A", "zeros(3) + u", "sin(A)^2", "A @ v", "A @ A", "S @ A", "x @ A", "trace(A)", "transpose(u)",
        "eye(2) + S", "diag(A)", "outer(A, u)", "row(A, 3)", "col(u, 1)", "A[3, 1]", "A[1]", "u[1, 2]", "[[1, 2], [3]]",
        "[A, A]", "A + u", "A + S", "dot(A, S)",
    ]

    @Test(arguments: cases)
    func agreesWithTheTapeCompiler(_ text: String) throws {
        let e = try ExpressionParser.parse(text)
        var checker = ShapeChecker(inputs: Self.inputs)
        let inferred = Result { try checker.shape(of: e) }
        let compiled = Result { try Tape(compiling: [e], inputs: Self.inputs).outputShapes[0] }
        switch (inferred, compiled) {
        case let (.success(a), .success(b)): #expect(a == b, "\(text)")
        case let (.failure(a), .failure(b)): #expect("\(a)" == "\(b)", "\(text)")
        default: Issue.record("\(text): inferred \(inferred), compiled \(compiled)")
        }
    }

    /// What each matrix operation gives, and what a misuse says.
    @Test func matrixShapesAndMessages() throws {
        var checker = ShapeChecker(inputs: Self.inputs)
        for (text, shape) in [("A @ u", Shape.vector(2)), ("v @ A", .vector(3)), ("transpose(A) @ A", .matrix(3, 3)),
                              ("u @ u", .scalar), ("outer(v, u)", .matrix(2, 3)), ("diag(S)", .vector(3)), ("[[1, 2], [3, 4]]", .matrix(2, 2))] {
            #expect(try checker.shape(of: ExpressionParser.parse(text)) == shape, "\(text)")
        }
        for (text, message) in [("S @ v", "cannot multiply a 3x3 matrix by a 2-vector in `S @ v`"),
                                ("A + S", "cannot add a 2x3 matrix and a 3x3 matrix elementwise"),
                                ("trace(A)", "trace needs a square matrix, found a 2x3 matrix"),
                                ("x @ A", "scale by a scalar with `*`"), ("A[3, 1]", "from 1 to 2 and from 1 to 3")] {
            #expect(throws: CompileError.self, "\(text)") { try checker.shape(of: ExpressionParser.parse(text)) }
            do { _ = try checker.shape(of: ExpressionParser.parse(text)) } catch { #expect("\(error)".contains(message), "\(text): \(error)") }
        }
    }

    @Test func aWideVectorIsOneStep() throws {
        var checker = ShapeChecker(inputs: [("u", 1_000_000)])
        #expect(try checker.length(of: try ExpressionParser.parse("dot(u, u) * u + 1")) == 1_000_000)
    }
}
