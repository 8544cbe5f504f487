@testable import PhasecheckExpressions
import PhasecheckNumbers
import Testing

/// `diff` of expm of a matrix that does not commute with its derivative gives `dexpm` (the Fréchet derivative),
/// not A' expm(A).
@Suite struct ExpmDerivativeTests {
    /// E_1 = d/dx expm(A0 + x C1 + x^2 C2) at x = 0 (3 x 3, row-major; the matrices of
    /// Tests/DerivationsTests/Fixtures/matrix_exponential_series.mpmath.py, whose block-Toeplitz coefficients agree
    /// with mpmath.taylor to 1e-62; 45 digits printed).
    static let firstCoefficient = ["0.778813109269427494248945226079318752453413845", "-0.5860984235180932076092281252434293769113158", "0.0436180654409354811520031498804202521258771038", "1.13944908295305775220296387189359521988033984", "-0.35985253898492670377638181292150935945491983", "0.0202169757623252860148563349667705534370236125", "0.51726315427733698684816197750028633621873007", "-0.705790571118995312161393997952160767074144206", "-0.741012882036006017998475354071008486590919417"]

    @Test func theDerivativeOfExpmOfANonCommutingMatrixIsItsFrechetDerivative() throws {
        let e = try ExpressionParser.parse("expm(A + x*C + x^2*D)")
        let derivative = try e.derivative(withRespectTo: "x")
        #expect(derivative.description.contains("dexpm("), "\(derivative)")
        let bits = 200
        let names = ["A", "C", "D", "x"]
        let tape = try Tape(compiling: [derivative], inputs: names.map { (name: $0, shape: $0 == "x" ? Shape.scalar : .matrix(3, 3)) })
        func values(_ entries: [String]) -> [BigFloat] { entries.map { BigFloat($0, precision: bits)! } }
        var evaluator = TapeEvaluator(tape: tape, context: MPFRContext(precision: bits))
        let inputs = values(["1.2", "-0.7", "0.4", "0.5", "-0.8", "1.1", "-0.3", "0.9", "0.6"])
            + values(["0.4", "-0.2", "0.1", "0.6", "0.3", "0", "0.1", "-0.5", "-0.2"])
            + values(["0.1", "0.05", "0", "-0.35", "-0.2", "0.1", "0", "0.1", "0.3"]) + values(["0"])
        let computed = evaluator.evaluate(inputs)[0]
        for (x, reference) in zip(computed, Self.firstCoefficient) {
            let expected = BigFloat(reference, precision: bits)!
            #expect(BigFloat.abs(x - expected).doubleValue <= 1e-44, "\(x) vs mpmath \(reference)")
        }
        // Commuting cases keep their closed form: d/dx expm(x C) = C expm(x C).
        #expect(!(try ExpressionParser.parse("expm(x*C)").derivative(withRespectTo: "x")).description.contains("dexpm"))
    }

    /// A second derivative of expm (dexpm of a varying matrix) is refused with the reason.
    @Test func aSecondDerivativeIsRefused() throws {
        let first = try ExpressionParser.parse("expm(A + x*C)").derivative(withRespectTo: "x")
        #expect(throws: DifferentiationError.self) { try first.derivative(withRespectTo: "x") }
    }
}
