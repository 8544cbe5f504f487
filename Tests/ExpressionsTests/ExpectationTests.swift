import PhasecheckExpressions
import PhasecheckNumbers
import Testing

/// `expect(...)` is rewritten into closed forms as it is read; each is checked against an independent value.
@Suite struct ExpectationTests {
    static let bits = 200

    /// mpmath 1.3, `python3 Benchmarks/expectation_mpmath_reference.py`: mp.quad (tanh-sinh) at 60 digits of the
    /// integrand times the density, split at the kinks, printed to 40 digits (shorter where exact).
    static let quadratureReference: [(String, String)] = [
        ("expect(xi^4 - 3*xi, xi ~ normal(0.3, 0.7))", "0.093"),
        ("expect(xi^7, xi ~ normal(-0.4, 1.3))", "-222.284026"),
        ("expect(max(xi, 0), xi ~ normal(0, 1))", "0.3989422804014326779399460599343818684759"),
        // Shi, Pan and Dokmanic's mean-field drift g(F) = E phi(F + s xi), phi the dead zone, at F = 0.05,
        // s = 0.1, mu_r = 0.1, mu_l = 0.12 (seed-systems.md, claim S4: 0.01795087667139422735593025).
        ("expect(max(0.05 + 0.1*xi - 0.1, 0) + min(0.05 + 0.1*xi + 0.12, 0), xi ~ normal(0, 1))",
         "0.01795087667139422735593024963904356243814"),
        ("expect(xi^3*abs(xi - 0.4) - 2*xi*min(1 - 2*xi, 0.5), xi ~ normal(0.2, 1.5))",
         "6.774695974507984131953647633871979826995"),
        ("expect(max(0.3 - 2*xi, 0)^2*xi, xi ~ normal(-0.1, 0.8))", "-2.558577642017384719002677319405755150125"),
        ("expect(xi^2*max(xi - 0.3, 0) + abs(2*xi - 1), xi ~ uniform(-1, 2))", "2.566891666666666666666666666666666666667"),
        ("expect(xi*max(0.5 - xi, 0) + max(xi - 5, 0), xi ~ uniform(0, 1))", "0.02083333333333333333333333333333333333333"),
        ("expect(tanh(0.3 + xi)*xi, xi ~ rademacher)", "0.7330454682152349303018204495202891369312"),
        ("expect(exp(0.3 + 0.5*xi), xi ~ normal(0.2, 1.1))", "1.735420938808036016226881249046063186889"),
        ("expect(xi^2*cosh(xi)*max(1 - xi, 0) + sinh(2*xi - 1)*abs(xi), xi ~ normal(0.1, 0.7))",
         "-1.30116012467500317540111160163582782138"),
        // erf of an affine function: E erf(a0 + a1 xi) = erf((a0 + a1 mu)/sqrt(1 + 2 a1^2 s^2)), times exp by completing the square.
        ("expect(erf(0.3 + 0.7*xi), xi ~ normal(-0.2, 1.3))", "0.1104208863828977266273521030014226343357"),
        ("expect(3*erfc(1 - 2*xi)*exp(0.5*xi) - erf(xi)/2, xi ~ normal(0.4, 0.6))", "4.016510247992969185683852595879703841282"),
        // Owen's table: E Phi(a0 + a1 xi) = Phi((a0 + a1 mu)/sqrt(1 + a1^2 s^2)), Phi written through erf (mpmath quad of
        // ncdf(0.3 - 1.7 xi) npdf(xi; 0.2, 0.9) at 60 digits, run for this test), and a relu unit's mean E max(1 + 2 xi, 0).
        ("expect((1 + erf((0.3 - 1.7*xi)/sqrt(2)))/2, xi ~ normal(0.2, 0.9))", "0.4912702128443152056352309608236431207262"),
        ("expect(max(1 + 2*xi, 0), xi ~ normal(0, 1))", "1.395593114802612059187065493801373046104"),
        // SymPy's exact double integral (same script): E over x ~ N(1, 1) of E over y ~ N(x, 4).
        ("expect(x^2*y^2 + x*y, x ~ normal(1, 1), y ~ normal(x, 2))", "20"),
    ]

    @Test(arguments: quadratureReference)
    func agreesWithQuadrature(text: String, reference: String) throws {
        let e = try ExpressionParser.parse(text)
        #expect(e.freeSymbols.isSubset(of: [ReservedSymbols.pi]), "\(e)")
        let value = try e.evaluate(in: MPFRContext(precision: Self.bits), at: [:])
        #expect(agree(value, BigFloat(reference, precision: Self.bits)!, tolerance: 1e-38), "\(text) = \(value)")
        // The interval evaluation of the same closed form encloses the reference.
        let enclosure = try e.evaluate(in: IntervalContext(precision: Self.bits), at: [:])
        let rounded = BigFloat(BigRational(reference)!, precision: 140)
        #expect(enclosure.width < BigFloat("1e-50", precision: 64)!)
        #expect(abs(enclosure.midpoint - rounded) < BigFloat("1e-38", precision: 64)! * (BigFloat(1, precision: 64) + abs(rounded)))
    }

    /// sign(A) = 2 H(A) - 1 with A affine, and two normal variables whose kink lies along one combination (rotated into
    /// one variable), against mpmath (Tests/DerivationsTests/Fixtures/s17_expectation_gaps.mpmath.py: mp.quad split at
    /// the jumps, nested over both variables for two; 32 digits).
    static let signAndCombinationReference: [(String, String)] = [
        ("expect(sign(xi + 0.3), xi ~ normal(0, 1))", "0.23582284437790527461305792624284"),
        ("expect(sign(0.5 - 2*xi)*xi^2, xi ~ normal(0.2, 0.9))", "-0.28498644447806411916287929584976"),
        ("expect(sign(xi - 0.5)*xi^2, xi ~ uniform(-1, 2))", "0.75"),
        ("expect(sign(xi + 0.2)*exp(0.5*xi)*abs(xi + 0.2), xi ~ normal(0.1, 1.3))", "1.4868423410468853187506424767811"),
        ("expect(max(xi + 2*eta - 0.5, 0), xi ~ normal(0.3, 0.7), eta ~ normal(-0.1, 1.2))", "0.81009468907792516110494459304993"),
        ("expect(xi*eta*max(xi - eta, 0), xi ~ normal(0, 1), eta ~ normal(0, 1))", "-0.28209479177387814347403972578039"),
        ("expect(expect(xi*eta*max(xi - eta, 0), eta ~ normal(0, 1)), xi ~ normal(0, 1))", "-0.28209479177387814347403972578039"),
        // Kinks along orthogonal combinations: independent after the rotation, (E max(sqrt 2 u, 0))^2 = 1/pi.
        ("expect(max(xi + eta, 0)*max(xi - eta, 0), xi ~ normal(0, 1), eta ~ normal(0, 1))", "0.31830988618379067153776752674503"),
        // Steps and kinks at different places (two rising, a window, and H(L) H(-L) = 0), and uniform laws with exp, cosh
        // and erf beside them (Tests/DerivationsTests/Fixtures/t17_tensor_expectations.mpmath.py: mp.quad split at the jumps, 34 digits).
        ("expect(max(xi, 0)*max(xi - 1, 0), xi ~ normal(0, 1))", "0.1586552539314570514147674543679621"),
        ("expect(sign(xi - 0.5)*sign(xi + 0.5), xi ~ normal(0, 1))", "0.2341501549039475854491815575666490"),
        ("expect(max(xi - 0.5, 0)*sign(0.5 - xi), xi ~ normal(0, 1))", "-0.1977965574013060295935327469006865"),
        ("expect(max(xi - 0.5, 0)*(1 + sign(1.5 - xi))/2*(xi + 1), xi ~ normal(0, 1))", "0.2138953041610804377253819998929228"),
        ("expect(sign(xi)*exp(xi), xi ~ uniform(-1, 2))", "1.918978513367364182941983743578823"),
        ("expect(max(xi - 0.5, 0)*sign(xi + 0.5)*cosh(xi), xi ~ uniform(-1, 2))", "0.9352402952977591590554442192769395"),
        ("expect(xi^2*exp(-xi/2)*sign(xi - 1/3), xi ~ uniform(-1, 2))", "0.2586027140028894883149921396361453"),
        ("expect(erf(2*xi - 1)*exp(xi), xi ~ uniform(0, 1))", "0.2655418705800455083224946898473267"),
        ("expect(3*erf(xi/2 + 0.25), xi ~ uniform(-1, 2))", "1.345594118628203652571370862400575"),
    ]

    @Test(arguments: signAndCombinationReference)
    func signAndCombinationsAgreeWithQuadrature(text: String, reference: String) throws {
        let e = try ExpressionParser.parse(text)
        #expect(e.freeSymbols.isSubset(of: [ReservedSymbols.pi]), "\(e)")
        let value = try e.evaluate(in: MPFRContext(precision: Self.bits), at: [:])
        #expect(agree(value, BigFloat(reference, precision: Self.bits)!, tolerance: 1e-30), "\(text) = \(value)")
    }

    /// E sign(xi + a) is erf(a/sqrt 2) for every a (compared at a = -1.7 and 0.45 to 50 digits); a jump that is not affine
    /// in the variable, or two kinks along combinations that are not orthogonal, is still refused with the reason.
    @Test func signHasTheErfClosedFormAndOddJumpsAreRefused() throws {
        let e = try ExpressionParser.parse("expect(sign(xi + a), xi ~ normal(0, 1)) - erf(a/sqrt(2))")
        for a in ["-1.7", "0.45"] {
            let value = try e.evaluate(in: MPFRContext(precision: Self.bits), at: ["a": BigFloat(a, precision: Self.bits)!])
            #expect(abs(value) < BigFloat("1e-50", precision: 64)!, "\(a): \(value)")
        }
        #expect(throws: ParseError.self) { try ExpressionParser.parse("expect(sign(xi^2 - 1), xi ~ normal(0, 1))") }
        #expect(throws: ParseError.self) { try ExpressionParser.parse("expect(max(xi + eta, 0)*max(xi + 2*eta, 0), xi ~ normal(0, 1), eta ~ normal(0, 1))") }
    }

    /// A smooth function of one combination of two normal variables is reduced to one variable (xi + 2 eta = sqrt 5 u),
    /// which the quadrature then encloses; a function of no single combination is not.
    @Test func aSmoothFunctionOfOneCombinationIsOneVariable() throws {
        let x = Expr.symbol("xi"), y = Expr.symbol("eta")
        let unit = Distribution.normal(mean: .number(0), standardDeviation: .number(1))
        let reduced = try #require(Expectation.oneVariable(.power(.call(.tanh, x + .number(2) * y), .number(2)), over: [("xi", unit), ("eta", unit)]))
        #expect(reduced.integrand.freeSymbols == [reduced.variable], "\(reduced.integrand)")
        // At u = 1 the integrand is tanh(sqrt 5)^2.
        let atOne = try reduced.integrand.evaluate(in: MPFRContext(precision: Self.bits), at: [reduced.variable: BigFloat(1, precision: Self.bits)])
        let expected = BigFloat.pow(BigFloat.tanh(BigFloat.sqrt(BigFloat(5, precision: Self.bits))), 2)
        #expect(agree(atOne, expected, tolerance: 1e-50), "\(atOne)")
        #expect(Expectation.oneVariable(.call(.tanh, x * y), over: [("xi", unit), ("eta", unit)]) == nil)
    }

    /// Polynomials in Gaussian variables have exact rational expectations, which the simplifier folds.
    @Test func gaussianMomentsAreExact() throws {
        // E xi^4 = mu^4 + 6 mu^2 s^2 + 3 s^4 with mu = 3/10, s = 7/10; minus 3 mu.
        let fourth = try ExpressionParser.parse("expect(xi^4 - 3*xi, xi ~ normal(0.3, 0.7))").simplified()
        #expect(fourth.numberValue == BigRational(93, 1000))
        // Isserlis with independent factors: E x^2 y^2 z^2 = 1 * 4 * 9, E x y = 0.
        let product = try ExpressionParser.parse("expect(x^2*y^2*z^2 + x*y, x ~ normal(0, 1), y ~ normal(0, 2), z ~ normal(0, 3))")
        #expect(product.simplified().numberValue == 36)
        // Symbolic parameters stay symbolic: E (mu + s z)^2 = mu^2 + s^2.
        let symbolic = try ExpressionParser.parse("expect(xi^2, xi ~ normal(mu, s))")
        #expect(symbolic.isCanonicallyEqual(to: try ExpressionParser.parse("mu^2 + s^2"), scalarSymbols: ["mu", "s"]), "\(symbolic) = \(symbolic.simplified())")
        // Uniform moments: E xi^3 on [a, b] = (b^4 - a^4) / (4 (b - a)).
        let uniform = try ExpressionParser.parse("expect(xi^3, xi ~ uniform(-1, 3))").simplified()
        #expect(uniform.numberValue == BigRational(80, 16))
    }

    /// Meng and Wang's contrastive loss term -E f(z+) f(z-) (seed-systems.md 3.2, f(z) = z - b z^3/3, z+- = c Q + X+-
    /// with X+- of variance R (1 + s^2) and covariance R (1 + rho s^2), c Rademacher), at Q = 0.3, R = 0.6,
    /// s = 1/2, rho = -1/2, b = 1/4: -25286709/64000000 by SymPy, expanding the polynomial and replacing each
    /// monomial by its moments (an independent implementation of the same moments).
    @Test func mengWangCrossTerm() throws {
        let zp = "(c*Q + sqrt(R)*(g + s*e1))", zm = "(c*Q + sqrt(R)*(g + s*(rho*e1 + sqrt(1 - rho^2)*e2)))"
        let text = "-expect((\(zp) - b*\(zp)^3/3)*(\(zm) - b*\(zm)^3/3), c ~ rademacher, g ~ normal(0, 1), e1 ~ normal(0, 1), e2 ~ normal(0, 1))"
        let point = ["Q": "0.3", "R": "0.6", "s": "0.5", "rho": "-0.5", "b": "0.25"].mapValues { BigFloat($0, precision: Self.bits)! }
        let value = try ExpressionParser.parse(text).evaluate(in: MPFRContext(precision: Self.bits), at: point)
        #expect(agree(value, BigFloat(BigRational(-25286709, 64000000), precision: Self.bits), tolerance: 1e-55), "\(value)")
    }

    /// The drift's derivative, differentiated symbolically through the erfc closed form, against mpmath's
    /// numerical derivative of the quadrature (same script; seed-systems.md S4: g' = 0.35310300148452993585).
    @Test func deadZoneDriftDerivative() throws {
        let g = try ExpressionParser.parse("expect(max(F + s*xi - mr, 0) + min(F + s*xi + ml, 0), xi ~ normal(0, 1))")
        let point = ["F": "0.05", "s": "0.1", "mr": "0.1", "ml": "0.12"].mapValues { BigFloat($0, precision: Self.bits)! }
        let slope = try g.derivative(withRespectTo: "F").evaluate(in: MPFRContext(precision: Self.bits), at: point)
        #expect(agree(slope, BigFloat("0.3531030014845299358497283941", precision: Self.bits)!, tolerance: 1e-27), "\(slope)")
        // And the closed form of the derivative, Q(a) + Q(b) with Q(x) = erfc(x/sqrt 2)/2.
        let closed = try ExpressionParser.parse("erfc((mr - F)/s/sqrt(2))/2 + erfc((ml + F)/s/sqrt(2))/2")
        #expect(agree(slope, try closed.evaluate(in: MPFRContext(precision: Self.bits), at: point), tolerance: 1e-55))
    }

    /// A sum chain 20000 terms deep (what a nested expectation hands the next variable) is read without
    /// recursing once per term: E sum_i i xi^2 = N(N + 1)/2 for xi ~ N(0, 1).
    @Test func deepSumChains() throws {
        let n = 20_000, xi = Expr.symbol("xi")
        let chain = (1...n).reduce(Expr.number(0)) { $0 + .number($1) * .power(xi, .number(2)) }
        let e = try Expectation.expand(chain, over: "xi", .normal(mean: .number(0), standardDeviation: .number(1)))
        let value = try e.evaluate(in: MPFRContext(precision: 64), at: [:])
        #expect(value == BigFloat(n * (n + 1) / 2, precision: 64))
    }

    /// The rewritten tree is an ordinary expression: it prints and parses back to itself.
    @Test func closedFormRoundTrips() throws {
        let e = try ExpressionParser.parse("expect(abs(a + b*xi)*xi, xi ~ normal(m, s))")
        #expect(try ExpressionParser.parse(PlainPrinter.print(e)) === e)
        #expect(LatexPrinter.print(e).contains("\\operatorname{erfc}"))
    }

    /// Unsupported integrands and malformed laws: where, and why.
    static let errors: [(String, String, String)] = [
        ("expect(tanh(xi), xi ~ normal(0, 1))", "1:8", "no closed-form expectation over `xi` of `tanh(xi)`: only polynomials"),
        ("1 + expect(max(xi^2, 1), xi ~ normal(0, 1))", "1:12", "not affine in `xi`"),
        ("expect(max(a*xi, 0)*max(xi - 1, 0), xi ~ normal(0, 1))", "1:8", "two kinks at different places whose slopes in `xi` are not numbers"),
        ("expect(1/xi, xi ~ uniform(1, 2))", "1:8", "divides by an expression in `xi`"),
        ("expect(xi^0.5, xi ~ uniform(1, 2))", "1:8", "integer exponent from 0 to 64"),
        ("expect(exp(xi^2), xi ~ normal(0, 1))", "1:8", "the exponent `xi^2` is not affine in `xi`"),
        ("expect(xi*erf(xi), xi ~ uniform(0, 1))", "1:8", "erf of `xi` has a closed form alone or times constants and exp"),
        ("expect(erf(xi)*sign(xi - 1), xi ~ normal(0, 1))", "1:8", "a bivariate normal probability, Owen's T function"),
        ("expect(xi*erf(1 + xi), xi ~ normal(0, 1))", "1:8", "erf of `xi` has a closed form alone or times constants and exp"),
        ("expect(erf(xi)*erf(2*xi), xi ~ normal(0, 1))", "1:8", "it multiplies two erf factors of `xi`"),
        ("expect(erf(xi^2), xi ~ normal(0, 1))", "1:8", "the argument `xi^2` of erf is not affine in `xi`"),
        // An erf piece is not its constant polynomial: these were read as abs(1) = 1 (giving 2), exp(1) and erf(1),
        // against mpmath quad 0.6081734479693927, 1.2466932160483601 and 0 (odd integrand); refused, as no closed form applies.
        ("expect(abs(erf(xi)), xi ~ normal(0, 1))", "1:8", "`erf(xi)` changes sign, which is not affine in `xi`"),
        ("expect(exp(erf(xi)), xi ~ normal(0, 1))", "1:8", "the exponent `erf(xi)` is not affine in `xi`"),
        ("expect(erf(erf(xi)), xi ~ normal(0, 1))", "1:8", "the argument `erf(xi)` of erf is not affine in `xi`"),
        ("expect(max(erf(xi), 0), xi ~ uniform(-1, 2))", "1:8", "`erf(xi) - 0` changes sign, which is not affine in `xi`"),
        ("expect(xi, xi ~ gaussian(0, 1))", "1:17", "expected a law, one of normal(mean, sd), rademacher, uniform(a, b)"),
        ("expect(xi, xi = normal(0, 1))", "1:15", "expected `~` after the random variable `xi`"),
        ("expect(xi)", "1:10", "expected `,` after the integrand of `expect`"),
        ("expect(xi, xi ~ normal(0))", "1:17", "`normal` takes 2 arguments, found 1"),
        ("expect(xi, xi ~ normal(0, 1)", "1:29", "expected `)` or `,` in the `expect` opened at 1:7"),
    ]

    @Test(arguments: errors)
    func reportsPositionAndReason(input: String, location: String, fragment: String) {
        do {
            let e = try ExpressionParser.parse(input)
            Issue.record("\(input) was read as \(e)")
        } catch {
            #expect(error.location.description == location, "\(input): \(error)")
            #expect(error.message.contains(fragment), "\(input): \(error)")
        }
    }

    /// A map averaged over a Rademacher vector noise sums over its sign patterns, 2^d of them: up to 12 variables it is
    /// exact (E (x1 + ... + xk)^2 = k, the cross moments 0), past that a clear error instead of an expansion that
    /// doubles 13 or more times (the twelfth session's review: `noise x[d] ~ rademacher` at d = 20 grew to 10^6 terms).
    @Test func rademacherSumsAreBoundedBySignPatterns() throws {
        func sumSquared(_ k: Int) -> (Expr, [(name: String, law: Distribution)]) {
            let names = (1...k).map { "x\($0)" }
            let sum = names.dropFirst().reduce(Expr.symbol(names[0])) { $0 + .symbol($1) }
            return (.power(sum, .number(2)), names.map { (name: $0, law: Distribution.rademacher) })
        }
        let (twelve, laws12) = sumSquared(12)
        #expect(try Expectation.expand(twelve, over: laws12).simplified().numberValue == 12)
        let (thirteen, laws13) = sumSquared(13)
        #expect(throws: ExpectationError.self) { try Expectation.expand(thirteen, over: laws13) }
    }
}
