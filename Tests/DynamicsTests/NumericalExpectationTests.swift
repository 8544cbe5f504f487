import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckNumbers
import Testing

/// Expectations of smooth integrands without a closed form, enclosed by interval Taylor quadrature, against
/// mpmath: `python3 Benchmarks/expectation_quadrature_reference.py` (mp.quad at 50 digits, printed to 40; the
/// closed forms that exist agree with it to every digit printed).
@Suite struct NumericalExpectationTests {
    static let bits = 80

    static func quadrature(_ text: String) throws -> NumericalExpectation {
        var parser = ExpressionParser(tokens: try Lexer.tokenize(text).filter { $0.kind != .newline })
        parser.deferredExpectations = []
        let e = try parser.parseExpression()
        let deferred = try #require(parser.deferredExpectations?.first, "\(text) has a closed form")
        #expect(e.symbolName == deferred.symbol)
        return try NumericalExpectation(integrand: deferred.integrand, variable: deferred.variable, law: deferred.law, inputs: [])
    }

    static func enclosure(_ text: String, bits: Int = bits) throws -> NumericalExpectation.Result {
        try quadrature(text).enclosure(inputs: [], bits: bits)
    }

    @Test(arguments: [
        ("expect(tanh(1 + xi)^2, xi ~ normal(0, 1))", "0.5504004907933271702883194988218261257191"),
        ("expect(1/(1 + exp(-xi)), xi ~ normal(1/2, 2))", "0.5752425317376335066221372906240014597357"),
        // Williams' arcsine kernel: (2/pi) asin(2ab/sqrt((1 + 2a^2)(1 + 2b^2))) at a = b = 1.
        ("expect(erf(xi)^2, xi ~ normal(0, 1))", "0.4645590543975399785095324081175362170113"),
        // 1 - tanh(1), and (sin 6 + sin 3)/9.
        ("expect(tanh(xi)^2, xi ~ uniform(0, 1))", "0.2384058440442351118805417173952064095872"),
        ("expect(cos(3*xi), xi ~ uniform(-1, 2))", "-0.01536616557100651674564562708930938664234"),
    ])
    func enclosesMpmathsValue(text: String, reference: String) throws {
        let result = try Self.enclosure(text)
        let exact = BigFloat(reference, precision: 200)!
        #expect(result.shortfall == nil, "\(text): \(result.shortfall ?? "")")
        // Enclosed (the reference's 40 digits are within 1e-40 of the value, far inside the enclosure's width)
        // and tight: at 80 bits the tolerance is 2^-32, about 2.3e-10.
        let slack = BigFloat(BigRational(1) / BigRational(10).power(40), precision: 200)
        #expect(result.value.lower <= exact + slack && exact - slack <= result.value.upper, "\(text): \(result.value) misses \(reference)")
        #expect(result.value.width < BigFloat(BigRational(1) / BigRational(10).power(8), precision: 64), "\(text): \(result.value) is wide")
    }

    /// A quartic exponent, whose plain enclosure on the tails is exp(-inf + inf): the tails are bounded with the
    /// polynomial factored by its top power (exp(z^4 (-1/(4T) + w^2/T)), w = 1/z), and the enclosure holds mpmath's value
    /// (mp.quad at 45 digits, Tests/DerivationsTests/Fixtures/s17_expectation_gaps.mpmath.py): T = 1 and T = 1/2.
    @Test(arguments: [("1", "1.557924327823268706913191816523717"), ("1/2", "2.824171180501345718694426857030743")])
    func aDecayingQuarticExponentIsBoundedOnTheTails(temperature: String, reference: String) throws {
        let result = try Self.enclosure("expect(exp(-xi^4/(4*(\(temperature))) + xi^2/(\(temperature))), xi ~ normal(0, 1))")
        #expect(result.shortfall == nil, "\(result.shortfall ?? "")")
        let exact = BigFloat(reference, precision: 200)!, slack = BigFloat(BigRational(1) / BigRational(10).power(33), precision: 200)
        #expect(result.value.lower <= exact + slack && exact - slack <= result.value.upper, "\(result.value) misses \(reference)")
        #expect(result.value.width < BigFloat(BigRational(1) / BigRational(10).power(8), precision: 64), "\(result.value) is wide")
    }

    /// A wrong integrand is told apart: tanh(1 + xi)^2 against E tanh(1.001 + xi)^2's enclosure.
    @Test func aNearbyIntegrandIsExcluded() throws {
        let nearby = try Self.enclosure("expect(tanh(1.001 + xi)^2, xi ~ normal(0, 1))")
        #expect(!nearby.value.contains(BigFloat("0.5504004907933271702883194988218261257191", precision: 200)!))
    }

    /// An integrand that grows without bound on the tails has no tail bound: the enclosure is not finite and
    /// the reason says so (softplus, E = 0.8060591833474397845282288315039461963726 by mpmath).
    @Test func anUnboundedTailIsReported() throws {
        let result = try Self.enclosure("expect(log(1 + exp(xi)), xi ~ normal(0, 1))")
        #expect(!result.value.isFinite)
        #expect(result.shortfall?.contains("no finite bound on the tails") == true, "\(result.shortfall ?? "nil")")
    }

    /// A closed form is still taken when one exists: no expectation is deferred.
    @Test func closedFormsAreNotDeferred() throws {
        var parser = ExpressionParser(tokens: try Lexer.tokenize("expect(exp(xi/2), xi ~ normal(0, 1))").filter { $0.kind != .newline })
        parser.deferredExpectations = []
        _ = try parser.parseExpression()
        #expect(parser.deferredExpectations?.isEmpty == true)
    }

    /// At 160 bits (tolerance 2^-112, about 1.9e-34) the enclosure of E tanh(1 + xi)^2 holds mpmath's 40 digits and
    /// is that narrow, with the Taylor order of the pieces grown with the precision (48), so that few pieces are needed.
    @Test func atAHigherPrecisionTheEnclosureNarrowsToTheTolerance() throws {
        let quadrature = try Self.quadrature("expect(tanh(1 + xi)^2, xi ~ normal(0, 1))")
        let exact = BigFloat("0.5504004907933271702883194988218261257191", precision: 200)!
        let slack = BigFloat(BigRational(1) / BigRational(10).power(40), precision: 200)
        let result = quadrature.enclosure(inputs: [], bits: 160)
        #expect(result.shortfall == nil, "\(result.shortfall ?? "")")
        #expect(result.value.lower <= exact + slack && exact - slack <= result.value.upper, "\(result.value)")
        #expect(result.value.width <= BigFloat(BigRational(1, 2).power(112), precision: 64), "\(result.value)")
        #expect(NumericalExpectation.order(bits: 160) == 48)
        #expect(result.examined < 200, "\(result.examined) pieces")
    }

    /// A kink at a fixed place splits the pieces there (it was refused: E[erfc(c xi); xi > 0], the NTK's step times the
    /// other unit's probability, had neither a closed form nor a quadrature). E sign(xi - 1/2) tanh(xi) against mpmath
    /// (quad split at 0 and 1/2, 40 digits: 0.4658157457441549073759037787310578835532); a kink whose place is not
    /// affine or quadratic in the variable (a cubic) is still refused, saying why.
    @Test func aKinkAtAFixedPlaceIsSplitAndAMovingOneRefused() throws {
        let quadrature = try Self.quadrature("expect(sign(xi - 1/2)*tanh(xi), xi ~ normal(0, 1))")
        let exact = BigFloat("0.4658157457441549073759037787310578835532", precision: 200)!
        let result = quadrature.enclosure(inputs: [], bits: 128)
        #expect(result.shortfall == nil, "\(result.shortfall ?? "")")
        let slack = BigFloat(BigRational(1) / BigRational(10).power(38), precision: 200)
        #expect(result.value.lower <= exact + slack && exact - slack <= result.value.upper, "\(result.value)")
        #expect(result.value.width <= BigFloat(BigRational(1) / BigRational(2).power(70), precision: 64), "\(result.value)")
        #expect { try Self.quadrature("expect(abs(xi^3 - 1)*tanh(xi), xi ~ normal(0, 1))") } throws: { "\($0)".contains("not where a polynomial of degree at most 2") }
    }
}
