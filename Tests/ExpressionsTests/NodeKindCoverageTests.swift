import PhasecheckExpressions
import PhasecheckNumbers
import Testing

/// SymPy's test_args: every node kind and every function is rebuilt, printed, parsed back, differentiated,
/// compiled and evaluated. Adding a case to `Expr.Kind`, `ElementaryFunction` or `BinaryFunction` breaks
/// the exhaustive switches below until it has a sample.
@Suite struct NodeKindCoverageTests {
    enum KindTag: CaseIterable {
        case number, symbol, add, subtract, multiply, divide, negate, power, function, binaryFunction
        case vector, dot, norm, sum, index
        case matmul, transpose, trace, identity, zeros, diag, outer, row, column, matrixFunction

        init(_ kind: Expr.Kind) {
            switch kind {
            case .number: self = .number
            case .symbol: self = .symbol
            case .add: self = .add
            case .subtract: self = .subtract
            case .multiply: self = .multiply
            case .divide: self = .divide
            case .negate: self = .negate
            case .power: self = .power
            case .function: self = .function
            case .binaryFunction: self = .binaryFunction
            case .vector: self = .vector
            case .dot: self = .dot
            case .norm: self = .norm
            case .sum: self = .sum
            case .index: self = .index
            case .matmul: self = .matmul
            case .transpose: self = .transpose
            case .trace: self = .trace
            case .identity: self = .identity
            case .zeros: self = .zeros
            case .diag: self = .diag
            case .outer: self = .outer
            case .row: self = .row
            case .column: self = .column
            case .matrixFunction: self = .matrixFunction
            }
        }
    }

    /// An argument inside the function's domain at x = 0.3.
    static func sample(_ f: ElementaryFunction) -> String {
        switch f {
        case .sqrt, .cbrt, .log, .log1p, .exp, .expm1, .sin, .cos, .tan, .atan, .sinh, .cosh, .tanh, .asinh, .abs,
             .erf, .erfc, .sign:
            return "\(f.rawValue)(x + 1)"
        case .asin, .acos, .atanh: return "\(f.rawValue)(x/2)"
        case .acosh: return "acosh(x + 2)"
        }
    }

    static func sample(_ f: BinaryFunction) -> String {
        switch f {
        case .pow: return "pow(x + 1, y)"
        case .atan2, .min, .max: return "\(f.rawValue)(x, y)"
        }
    }

    static let samples: [String] = ["2.5", "x", "x + y", "x - y", "x*y", "x/y", "-x", "x^y", "x^3",
                                    "[x, y*x]", "dot(u, [x, y, 1])", "norm(u*x)", "sum(u*x)", "u[2]*x", "[x, y][1]",
                                    "A @ (B*x)", "transpose(B*x) @ A", "(A*x) @ [x, 1]", "trace(A*x^2)", "eye(2)*x", "zeros(2, 3) + x",
                                    "zeros(3)*x + u", "diag(u*x)", "diag(A*x)", "outer(u*x, [x, 1])", "row(B*x, 2)", "col(B, 3)*x",
                                    "det(A*x)", "inv(A*x + eye(2))", "expm(A*0.5)*x", "sqrtm(transpose(A) @ A + eye(2))*x",
                                    "powm(transpose(A) @ A + eye(2), 0.3)*x",
                                    "sqrtm(transpose(A) @ A + eye(2)*x)", "powm(transpose(A) @ A + x*A + eye(2), -2/3)",
                                    "dpowm(transpose(A) @ A + eye(2), 1/3, A*x)", "dexpm(A, transpose(A)*x)", "dexpm(A @ A, [[0, x], [-x, 1]])", "(A*x)[1, 2]", "eye(2)", "zeros(2, 3)", "col(B, 3)", "transpose(B*x)", "[[x, 1], [2, y*x]]", "norm(B*x)", "sum(A*x)", "dot(A, A*x)", "[1, x] @ (A*x)", "u @ (u*x)"]
        + ElementaryFunction.allCases.map(sample) + BinaryFunction.allCases.map(sample)

    static let doubles: [String: [Double]] = ["x": [0.3], "y": [0.7], "u": [1, -2, 0.5],
                                              "A": [1.5, -0.5, 2, 0.25], "B": [0.5, 1, -1, 2, 0.75, -0.25]]

    @Test func everyKindIsCovered() throws {
        var tags = Set<KindTag>()
        for text in Self.samples { tags.insert(KindTag(try ExpressionParser.parse(text).kind)) }
        #expect(tags == Set(KindTag.allCases))
    }

    @Test(arguments: samples)
    func sample(text: String) throws {
        let e = try ExpressionParser.parse(text)
        #expect(e.rebuilt(e.arguments) === e)
        #expect(try ExpressionParser.parse(PlainPrinter.print(e)) === e)
        #expect(!LatexPrinter.print(e).isEmpty)
        #expect(e.simplified().tapeValues(DoubleContext(), Self.doubles) == e.tapeValues(DoubleContext(), Self.doubles))

        // Compiled evaluation equals direct evaluation, in Double and MPFR: bit for bit where both do the
        // same operations, to 10^-70 for matrix functions (the oracle uses other formulas).
        let byOtherFormulas = Expr.postorder(from: [e]).contains { if case .matrixFunction = $0.kind { true } else { false } }
        let direct = DirectEvaluator(context: DoubleContext(), values: Self.doubles).evaluate(e)
        if !byOtherFormulas { #expect(e.tapeValues(DoubleContext(), Self.doubles) == direct) }
        let bits = 300
        let context = MPFRContext(precision: bits)
        let mpfr = Self.doubles.mapValues { $0.map { BigFloat($0, precision: bits) } }
        let compiled = try #require(e.tapeValues(context, mpfr))
        let reference = DirectEvaluator(context: context, values: mpfr).evaluate(e)
        #expect(compiled.count == reference.count)
        #expect(zip(compiled, reference).allSatisfy { byOtherFormulas ? agree($0, $1, tolerance: 1e-70) : $0 == $1 }, "\(text): \(compiled) vs \(reference)")

        // The derivative agrees with a central difference in x (componentwise for vectors).
        let derivative = try #require(e.derivative(withRespectTo: "x").tapeValues(context, mpfr))
        let h = BigFloat.scaled(BigFloat(1, precision: bits), byPowerOfTwo: -100)
        var plus = mpfr, minus = mpfr
        plus["x"] = [mpfr["x"]![0] + h]
        minus["x"] = [mpfr["x"]![0] - h]
        let (above, below) = (try #require(e.tapeValues(context, plus)), try #require(e.tapeValues(context, minus)))
        for (i, d) in derivative.enumerated() {
            let numeric = (above[i % above.count] - below[i % below.count]) / (h + h)
            #expect(agree(d, numeric, tolerance: 1e-40), "\(text): component \(i): \(d) vs \(numeric)")
        }
        #expect(derivative.count == 1 || derivative.count == compiled.count)
    }
}
