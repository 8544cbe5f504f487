import PhasecheckExpressions
import PhasecheckNumbers
import Testing

@Suite struct RoundTripTests {
    @Test func printThenParseGivesTheSameNode() async throws {
        for seed in PropertySeeds.seeds(500, for: "printThenParseGivesTheSameNode") {
            var generator = TreeGenerator(seed: seed)
            let e = generator.parseable(depth: 5)
            let text = PlainPrinter.print(e)
            let parsed = try ExpressionParser.parse(text)
            #expect(parsed === e, "seed \(seed): `\(text)` parsed as `\(parsed)`")
        }
    }

    @Test(arguments: [
        ("a - (b - c)", "a - (b - c)"),
        ("(a - b) - c", "a - b - c"),
        ("2^3^2", "2^3^2"),
        ("(x^y)^z", "(x^y)^z"),
        ("-x^2", "-x^2"),
        ("A @ (B @ C)", "A @ (B @ C)"),
        ("A @ B*c", "A @ B*c"),
        ("W[1, 2]", "W[1, 2]"),
        ("(-x)^2", "(-x)^2"),
        ("x^-y", "x^-y"),
        ("a/(b*c)", "a/(b*c)"),
        ("u0[2]", "u0[2]"),
        ("(u + w)[1]", "(u + w)[1]"),
        ("dot([1, 2], u)", "dot([1, 2], u)"),
        ("0.125 * 1e-3", "0.125*0.001"),
    ])
    func canonicalPrintedForms(input: String, printed: String) throws {
        #expect(PlainPrinter.print(try ExpressionParser.parse(input)) == printed)
    }
}

@Suite struct LatexPrinterTests {
    @Test(arguments: [
        ("a/b", "\\frac{a}{b}"),
        ("(a + b)/c^2", "\\frac{a + b}{c^{2}}"),
        ("(a/b)^2", "\\left(\\frac{a}{b}\\right)^{2}"),
        ("2*x", "2 x"),
        ("x*2", "2 x"),
        ("2*3", "2 \\cdot 3"),
        ("a*(b + c)", "a \\left(b + c\\right)"),
        ("-(a + b)", "-\\left(a + b\\right)"),
        ("a - (b - c)", "a - \\left(b - c\\right)"),
        ("sqrt(x)", "\\sqrt{x}"),
        ("cbrt(x)", "\\sqrt[3]{x}"),
        ("abs(x)", "\\left|x\\right|"),
        ("sinh(x)^2", "\\sinh\\left(x\\right)^{2}"),
        ("asinh(x)", "\\operatorname{asinh}\\left(x\\right)"),
        ("atan(x)", "\\arctan\\left(x\\right)"),
        ("atan2(y, x)", "\\operatorname{atan2}\\left(y, x\\right)"),
        ("max(a, b)", "\\max\\left(a, b\\right)"),
        ("pow(x, y)", "x^{y}"),
        ("alpha*gamma", "\\alpha \\gamma"),
        ("eta_u + sigma_w", "\\eta_{u} + \\sigma_{w}"),
        ("u0 + w0[2]", "u_{0} + w_{0,2}"),
        ("Kinf + K_inf + lambda", "\\mathrm{Kinf} + K_{\\infty} + \\lambda"),
        ("(u + w)[1]", "\\left(u + w\\right)_{1}"),
        ("dot(u, w) + norm(u)", "\\left\\langle u, w\\right\\rangle + \\left\\lVert u\\right\\rVert"),
        ("sum([1, x])", "\\operatorname{sum}\\left(\\begin{pmatrix}1 \\\\ x\\end{pmatrix}\\right)"),
        ("2^3^2", "2^{3^{2}}"),
        ("d^(-1/2)", "d^{-1/2}"),
        ("d^(3/4)", "d^{3/4}"),
        ("d^(1/x)", "d^{\\frac{1}{x}}"),
        // What `diff 'exp(-k*t)' t --simplify --latex` prints: the derivative as a paper writes it.
        ("-k*exp(t*-k)", "-k e^{-k t}"),
        ("exp(-k*t)*-k", "-k e^{-k t}"),
        ("x^2*cos(x)*2", "2 x^{2} \\cos\\left(x\\right)"),
        ("x*-2", "-2 x"),
        ("(x^y)^z", "\\left(x^{y}\\right)^{z}"),
        ("pi*exp(-x)", "\\pi e^{-x}"),
        // Matrices as papers write them.
        ("transpose(W2) @ W2 - W1 @ transpose(W1)", "W_{2}^{\\top} W_{2} - W_{1} W_{1}^{\\top}"),
        ("trace(A @ B)", "\\operatorname{tr}\\left(A B\\right)"),
        ("(A*B) @ C", "\\left(A B\\right) C"),
        ("A @ B @ C", "A B C"),
        ("transpose(A + B)", "\\left(A + B\\right)^{\\top}"),
        ("W[2, 3] + row(W, 1)[2]", "W_{2,3} + \\left(W_{1,:}\\right)_{2}"),
        ("col(W, 2)", "W_{:,2}"),
        ("eye(3) + zeros(3, 3)", "I_{3} + 0_{3 \\times 3}"),
        ("diag(s) @ outer(u, v)", "\\operatorname{diag}\\left(s\\right) \\left(u v^{\\top}\\right)"),
        ("[[1, 2], [3, x]]", "\\begin{pmatrix}1 & 2 \\\\ 3 & x\\end{pmatrix}"),
        ("det(A)*inv(A)", "\\det\\left(A\\right) A^{-1}"),
        ("expm(A*t) + sqrtm(S) + powm(S, 1/3)", "\\exp\\left(A t\\right) + S^{1/2} + S^{\\frac{1}{3}}"),
    ])
    func latex(input: String, expected: String) throws {
        #expect(LatexPrinter.print(try ExpressionParser.parse(input)) == expected)
    }

    @Test func fractionsAndNegativeLiterals() {
        #expect(LatexPrinter.print(.number(BigRational(-1, 3)) * .symbol("x")) == "-\\frac{1}{3} x")
        #expect(LatexPrinter.print(.power(.number(BigRational(1, 3)), .symbol("x"))) == "\\left(\\frac{1}{3}\\right)^{x}")
        #expect(LatexPrinter.print(.number(BigRational(5, 2))) == "2.5")
    }

    /// Table cells: exact values as inline fractions, a rational factor of a product as `\tfrac`, so that
    /// `3/8 d^-1` cannot read as 3/(8 d^-1); decimals never appear for a computed rational.
    @Test func inlineFractionsForTableCells() {
        func inline(_ e: Expr) -> String { LatexPrinter.print(e, rationals: .inlineFractions) }
        let d = Expr.symbol("d")
        #expect(inline(.number(BigRational(-1, 2))) == "-1/2")
        #expect(inline(.number(BigRational(5, 2))) == "5/2")
        #expect(inline(.number(BigRational(3))) == "3")
        #expect(inline(.call(.sqrt, .number(BigRational(5, 4))) - .number(1)) == "\\sqrt{5/4} - 1")
        #expect(inline(.number(BigRational(3, 8)) * .power(d, .number(-1))) == "\\tfrac{3}{8} d^{-1}")
        #expect(inline(.number(BigRational(-1, 8)) * .power(d, .number(-1))) == "-\\tfrac{1}{8} d^{-1}")
        #expect(inline((.call(.sqrt, .number(2)) - .number(1)) * .power(d, .number(-1))) == "\\left(\\sqrt{2} - 1\\right) d^{-1}")
        #expect(inline(.power(.number(BigRational(1, 3)), .symbol("x"))) == "\\left(1/3\\right)^{x}")
        #expect(inline(.power(d, .number(BigRational(-1, 2)))) == "d^{-1/2}")
    }
}
