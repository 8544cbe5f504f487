import PhasecheckExpressions
import PhasecheckNumbers
import Testing

/// expm(A(t))' = A' expm(A) only when A commutes with A'. It does for s(t) C with C constant; a matrix of
/// functions of t need not: for A = [[0, t], [1, 0]] at t = 1/2, d/dt expm(A)[1, 1] = 0.542720820636303500934811540539
/// (mpmath 1.3: mp.diff of mp.expm at 30 digits), while A' expm(A) gives 1.08544164127260700186962308108. Such an
/// argument is differentiated through the Fréchet derivative dexpm(A, A'); s(t) C keeps its closed form. Both agree
/// with mpmath.
@Suite struct MatrixExponentialDerivativeTests {
    @Test func aMatrixThatNeedNotCommuteWithItsDerivativeTakesTheFrechetDerivative() throws {
        var differentiator = Differentiator(variable: "t")
        let d = try differentiator.derivative(of: try ExpressionParser.parse("expm([[0, t], [1, 0]])[1, 1]"))
        #expect(d.description.contains("dexpm"), "\(d)")
        let x = try d.evaluate(in: MPFRContext(precision: 128), at: ["t": BigFloat(0.5, precision: 128)])
        let reference = try #require(BigFloat("0.542720820636303500934811540539", precision: 128))
        #expect(BigFloat.abs(x - reference) < BigFloat(1e-25, precision: 128), "\(x)")
    }

    /// d/dt expm(t^2 [[0, 1], [1, 0]])[1, 2] = d/dt sinh(t^2) = 2t cosh(t^2), at t = 1/2 cosh(1/4) =
    /// 1.03141309987957317615929541752 (mpmath 1.3: mp.diff of mp.expm at 30 digits, equal to mp.cosh(1/4)).
    @Test func aScalarTimesAConstantMatrixIsDifferentiated() throws {
        var differentiator = Differentiator(variable: "t")
        let d = try differentiator.derivative(of: try ExpressionParser.parse("expm(t^2*[[0, 1], [1, 0]])[1, 2]"))
        let x = try d.evaluate(in: MPFRContext(precision: 128), at: ["t": BigFloat(0.5, precision: 128)])
        let reference = try #require(BigFloat("1.03141309987957317615929541752", precision: 128))
        #expect(BigFloat.abs(x - reference) < BigFloat(1e-25, precision: 128), "\(x)")
    }
}
