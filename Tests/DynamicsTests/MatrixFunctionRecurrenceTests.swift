import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckNumbers
import Testing
import PhasecheckTestSupport

/// inv and det of a time-varying matrix inside a right-hand side go through the Taylor recurrences
/// B_k = -B_0 sum_{j>=1} A_j B_{k-j} and k d_k = sum_m u_m d_{k-1-m} (u = tr(A^-1 A')).
@Suite struct MatrixFunctionRecurrenceTests {
    /// A' = C, X' = inv(A), y' = det(A), A(0) = A0, X(0) = 0, y(0) = 0: X(1) = int_0^1 inv(A0 + s C) ds and
    /// y(1) = int_0^1 det(A0 + s C) ds. References: mpmath 1.3 at mp.dps = 60 (45 digits printed),
    ///     A0 = matrix([[2, 0.5], [-0.3, 1.5]]); C = matrix([[0.4, -0.2], [0.1, 0.3]])
    ///     quad(lambda s: inverse(A0 + s*C)[i, j], [0, 1]); quad(lambda s: det(A0 + s*C), [0, 1])
    static let inverseIntegral = ["0.442768259415812629817154783989733772882454924", "-0.109357147021452055279018960012397434036392589",
                                  "0.0681631063984591545891913294286060486612417122", "0.590357679221083506422873045319645030509939898"]
    static let determinantIntegral = "3.74166666666666666666666666666666666666666667"

    static func system() throws -> ODESystem {
        try ODESystem(state: [.init("A", shape: .matrix(2, 2)), .init("X", shape: .matrix(2, 2)), .init("y")],
                      rightHandSides: [ExpressionParser.parse("C"), ExpressionParser.parse("inv(A)"), ExpressionParser.parse("det(A)")],
                      parameters: [.init("C", shape: .matrix(2, 2))])
    }

    @Test(arguments: [53, 128]) func integralsOfTheInverseAndTheDeterminantMatchMpmath(bits: Int) throws {
        let context = MPFRContext(precision: bits)
        let c = ["0.4", "-0.2", "0.1", "0.3"].map { big($0, bits) }
        let a0 = ["2", "0.5", "-0.3", "1.5"].map { big($0, bits) }
        var integrator = try TaylorIntegrator(system: Self.system(), parameters: ["C": c], context: context)
        let initial = a0 + [BigFloat](repeating: context.constant(0), count: 5)
        let end = try integrator.integrate(initial: initial, from: context.constant(0), to: [context.constant(1)])[0]
        let digits = Double(bits) * 0.301 - 4
        for (x, reference) in zip(end[4..<8], Self.inverseIntegral) {
            #expect(agreementDigits(relativeError(x, big(reference, bits + 64))) > digits, "X(1): \(x) vs mpmath \(reference)")
        }
        #expect(agreementDigits(relativeError(end[8], big(Self.determinantIntegral, bits + 64))) > digits)
    }

    /// expm, sqrtm and powm of a matrix that changes along the integration are refused when the integrator
    /// is set up, with the reason; of a constant matrix they are fine.
    @Test func otherMatrixFunctionsOfTheStateAreRefusedUpFront() throws {
        let refused = try ODESystem(state: [.init("A", shape: .matrix(2, 2))], rightHandSides: [ExpressionParser.parse("expm(A)")])
        do {
            _ = try TaylorIntegrator(system: refused, context: DoubleContext())
            Issue.record("expm of the state was accepted")
        } catch let error as IntegrationError {
            #expect(error.message.contains("`expm` of a matrix that changes with the state or the time cannot be integrated"))
        }
        let constant = try ODESystem(state: [.init("A", shape: .matrix(2, 2))], rightHandSides: [ExpressionParser.parse("expm(C) @ A")],
                                     parameters: [.init("C", shape: .matrix(2, 2))])
        // With C = 0, expm(C) = I and A(t) = A0 e^t.
        var integrator = try TaylorIntegrator(system: constant, parameters: ["C": [0, 0, 0, 0]], context: DoubleContext())
        let end = try integrator.integrate(initial: [1, 2, 3, 4], from: 0, to: [1])[0]
        for (x, x0) in zip(end, [1.0, 2, 3, 4]) { #expect(relativeError(x, x0 * 2.718281828459045) < 1e-12) }
    }
}
