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
            }
        }
    }

    /// An argument inside the function's domain at x = 0.3.
    static func sample(_ f: ElementaryFunction) -> String {
        switch f {
        case .sqrt, .cbrt, .log, .log1p, .exp, .expm1, .sin, .cos, .tan, .atan, .sinh, .cosh, .tanh, .asinh, .abs,
             .erf, .erfc:
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
                                    "[x, y*x]", "dot(u, [x, y, 1])", "norm(u*x)", "sum(u*x)", "u[2]*x", "[x, y][1]"]
        + ElementaryFunction.allCases.map(sample) + BinaryFunction.allCases.map(sample)

    static let doubles: [String: [Double]] = ["x": [0.3], "y": [0.7], "u": [1, -2, 0.5]]

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

        // Compiled evaluation equals direct evaluation, in Double and MPFR.
        let direct = DirectEvaluator(context: DoubleContext(), values: Self.doubles).evaluate(e)
        #expect(e.tapeValues(DoubleContext(), Self.doubles) == direct)
        let bits = 300
        let context = MPFRContext(precision: bits)
        let mpfr = Self.doubles.mapValues { $0.map { BigFloat($0, precision: bits) } }
        let compiled = try #require(e.tapeValues(context, mpfr))
        let reference = DirectEvaluator(context: context, values: mpfr).evaluate(e)
        #expect(zip(compiled, reference).allSatisfy { $0 == $1 } && compiled.count == reference.count)

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
