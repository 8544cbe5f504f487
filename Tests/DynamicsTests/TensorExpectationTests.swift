import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckNumbers
import Testing

/// Expectations over two variables without a closed form, enclosed by the tensor rule (`TensorExpectation`), against
/// closed forms checked by mpmath (Tests/DerivationsTests/Fixtures/t17_tensor_expectations.mpmath.py and .out).
@Suite struct TensorExpectationTests {
    /// The tensor rule of `integrand` over xi ~ normal(0, 1) and the second variable (the reader would take the erf
    /// product below over one rotated variable, exactly in the other: here the tensor rule is tested on it as written).
    static func quadrature(_ integrand: String, second: (name: String, law: Distribution)) throws -> TensorExpectation {
        try TensorExpectation(integrand: try ExpressionParser.parse(integrand),
                              variables: [("xi", .normal(mean: .number(0), standardDeviation: .number(1))), second], inputs: [])
    }
    static let normal = (name: "eta", law: Distribution.normal(mean: .number(0), standardDeviation: .number(1)))
    static func uniform(_ upper: String) throws -> (name: String, law: Distribution) {
        (name: "eta", law: Distribution.uniform(lower: .number(0), upper: try ExpressionParser.parse(upper)))
    }

    /// Saad and Solla's erf correlation 2/pi asin((1/6)/sqrt((9/4)(19/9))) and Rahimi and Recht's random Fourier
    /// features exp(-(3/4)^2/2) (a normal frequency, a uniform phase) are enclosed, within the tolerance 2^-(bits - 48)
    /// at 80 bits (2^-32, about 2.3e-10); the planted neighbours (J2 = (-1/3, 1.01), the phase on [0, 3]) are excluded.
    @Test(arguments: [
        ("erf((xi + eta/2)/sqrt(2))*erf((-xi/3 + eta)/sqrt(2))", "erf((xi + eta/2)/sqrt(2))*erf((-xi/3 + 1.01*eta)/sqrt(2))", nil,
         "0.0487311058975000955683157249115"),
        ("2*cos(xi/2 + eta)*cos(-xi/4 + eta)", "2*cos(xi/2 + eta)*cos(-xi/4 + eta)", "3", "0.754839601989007337327347095918"),
    ] as [(String, String, String?, String)])
    func enclosesTheClosedForm(integrand: String, planted: String, plantedUpper: String?, reference: String) throws {
        let second = integrand.contains("cos") ? try Self.uniform("2*pi") : Self.normal
        let result = try Self.quadrature(integrand, second: second).enclosure(inputs: [], bits: 80)
        let exact = BigFloat(reference, precision: 200)!, slack = BigFloat(BigRational(1) / BigRational(10).power(30), precision: 200)
        #expect(result.shortfall == nil, "\(result.shortfall ?? "")")
        #expect(result.value.lower <= exact + slack && exact - slack <= result.value.upper, "\(result.value) misses \(reference)")
        #expect(result.value.width < BigFloat(BigRational(1) / BigRational(10).power(8), precision: 64), "\(result.value) is wide")
        let wrong = try Self.quadrature(planted, second: try plantedUpper.map(Self.uniform) ?? second).enclosure(inputs: [], bits: 80)
        #expect(!wrong.value.contains(exact), "\(planted): \(wrong.value) holds \(reference)")
    }

    /// An integrand unbounded on the tails (xi tanh(eta)) has no bound: the whole line, saying why; a kink is refused.
    @Test func anUnboundedTailOrAKinkIsRefusedWithTheReason() throws {
        let unbounded = try Self.quadrature("xi*tanh(eta)", second: try Self.uniform("1")).enclosure(inputs: [], bits: 64)
        #expect(!unbounded.value.isFinite && (unbounded.shortfall ?? "").contains("no finite bound"), "\(unbounded.shortfall ?? "")")
        #expect(throws: (any Error).self) { try Self.quadrature("abs(tanh(xi*eta))", second: Self.normal) }
    }
}
