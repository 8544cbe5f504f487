import PhasecheckExpressions
import PhasecheckNumbers
import Testing

@Suite struct SimplifierTests {
    static let bits = 256

    /// Simplified and original trees agree at random points in MPFR: exactly as values (NaN and infinities
    /// included) without assumptions, and wherever the original is finite when finite values are assumed.
    @Test func simplificationNeverChangesAValue() async throws {
        var compared = 0
        for seed in PropertySeeds.seeds(400, for: "simplificationNeverChangesAValue") {
            var generator = TreeGenerator(seed: seed)
            generator.simplifiable = true
            let e = generator.scalar(depth: 4)
            var rng = SplitMix64(seed: seed ^ 0x5EED)
            let point = randomPoint(&rng, precision: Self.bits)
            let context = MPFRContext(precision: Self.bits)
            let original = try e.evaluate(in: context, at: point)
            let strict = e.simplified()
            let strictValue = try strict.evaluate(in: context, at: point)
            #expect(agree(original, strictValue, tolerance: 1e-60), "seed \(seed): \(e) -> \(strict)")
            if original.isFinite {
                compared += 1
                let finite = e.simplified(assumingFiniteValues: true)
                let finiteValue = try finite.evaluate(in: context, at: point)
                #expect(agree(original, finiteValue, tolerance: 1e-60), "seed \(seed): \(e) -> \(finite)")
            }
            #expect(strict.simplified() === strict, "seed \(seed): not idempotent on \(strict)")
        }
        #expect(compared >= 150)
    }

    @Test(arguments: [
        ("x*1", "x"), ("1*x", "x"), ("x + 0", "x"), ("0 + x", "x"), ("x - 0", "x"), ("0 - x", "-x"),
        ("--x", "x"), ("x^1", "x"), ("norm(x)^0", "1"), ("sin(x)^0", "sin(x)^0"), ("x/1", "x"), ("x*(0 - 1)", "-x"), ("x/(0 - 1)", "-x"),
        ("x + -y", "x - y"), ("x - -y", "x + y"), ("-x*-y", "x*y"),
        ("2 + 3*4", "14"), ("1/3 + 1/6", "0.5"), ("(2/3)^-2", "2.25"), ("2^10", "1024"), ("0^0", "1"),
        ("abs(0 - 3)", "3"), ("min(2, 1/2)", "0.5"), ("max(2, 1/2)", "2"),
        ("y*x + x*y", "2*x*y"), ("x*x^2/x", "x^3/x"), ("x - x", "x - x"), ("2*(x + y)", "2*x + 2*y"), ("2*x", "2*x"), ("x*2", "2*x"), ("max(y, x)", "max(x, y)"),
        ("dot(w, u)", "dot(u, w)"),
    ])
    func rule(input: String, expected: String) throws {
        let simplified = try ExpressionParser.parse(input).simplified()
        #expect(PlainPrinter.print(simplified) == expected)
    }

    /// Rules that are wrong for infinite or NaN values apply only when finite values are assumed; those
    /// that would shrink a vector to a scalar only for symbols declared scalar (here x and y).
    @Test(arguments: [
        ("x*0", "0*x", "0"), ("0/x", "0/x", "0"), ("x - x", "x - x", "0"), ("sin(x) - sin(x) + y", "y + sin(x) - sin(x)", "y"),
        ("x/x", "x/x", "1"), ("x*x^2/x", "x^3/x", "x^2"), ("2*x/2 - x", "x - x", "0"),
        ("dot(0*u, w)", "dot(w, 0*u)", "0"), ("sum(u - u)", "sum(u - u)", "0"), ("(u*0)[2]", "(0*u)[2]", "0"),
        ("u - u", "u - u", "0*u"), ("u/u + x", "x + u/u", "x + u^0"),
    ])
    func finiteOnlyRules(input: String, strict: String, finite: String) throws {
        let e = try ExpressionParser.parse(input)
        #expect(PlainPrinter.print(e.simplified()) == strict)
        #expect(PlainPrinter.print(e.simplified(assumingFiniteValues: true, scalarSymbols: ["x", "y"])) == finite)
    }

    @Test func nothingShrinksAVectorToAScalar() throws {
        // u^0 is the all-ones vector: sum(u^0) is u's length, so `u^0 -> 1` would change the value.
        let e = try ExpressionParser.parse("sum(u^0) + x/x")
        let simplified = e.simplified(assumingFiniteValues: true)
        #expect(PlainPrinter.print(simplified) == "sum(u^0) + x^0")
        #expect(simplified.tapeValues(DoubleContext(), ["u": [1, 2, 3], "x": [2]]) == [4])
    }

    @Test func largePowersAreNotFolded() throws {
        let e = try ExpressionParser.parse("10^100000 + 2^-5000")
        #expect(PlainPrinter.print(e.simplified()) == "2^-5000 + 10^100000")
        #expect(try ExpressionParser.parse("0^-1").simplified() === Expr.power(.number(0), .number(-1)))
        #expect(try ExpressionParser.parse("1/0").simplified() === (try ExpressionParser.parse("1/0")))
    }
}
