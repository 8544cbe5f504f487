@testable import PhasecheckAsymptotics
import PhasecheckTestSupport
import PhasecheckExpressions
import PhasecheckNumbers
import PropertyBased
import Testing

private func analyze(_ limit: WidthLimit, _ e: Expr) throws -> LeadingBehavior {
    let analysis = limit.leadingBehavior(of: e)
    return try #require(analysis.leadingBehavior, "\(analysis)")
}

@Suite struct ParameterizationTests {
    let zeta = Flagship.zeta
    let one = Expr.number(1)

    @Test func ntkIsKernelOfOrderOneOverD() throws {
        let limit = Flagship.parameterization(gamma: .power(d, n(-1, 2)), sigmaSquaredU: one, sigmaSquaredW: one, eta: one)
        let b = try analyze(limit, zeta)
        #expect(b.exponent == -1)
        #expect(b.exactCoefficient == BigRational(1, 2))
        #expect(try limit.confirmNumerically(zeta, against: b).agrees)
    }

    @Test func meanFieldTendsToSqrtTwoMinusOne() throws {
        let limit = Flagship.parameterization(gamma: one / d, sigmaSquaredU: one, sigmaSquaredW: one, eta: d)
        let b = try analyze(limit, zeta)
        #expect(b.exponent == 0)
        #expect(b.closedForm?.description == "sqrt(2) - 1")
        #expect(try limit.confirmNumerically(zeta, against: b).agrees)
    }

    @Test func standardKaimingIsOrderDToTheMinusTwo() throws {
        let limit = Flagship.parameterization(gamma: one, sigmaSquaredU: one / d, sigmaSquaredW: one, eta: one / d)
        let b = try analyze(limit, zeta)
        #expect(b.exponent == -2)
        #expect(b.exactCoefficient == 2)
        #expect(try limit.confirmNumerically(zeta, against: b).agrees)
    }

    @Test func kaimingPlusTendsToSqrtFiveMinusOne() throws {
        let limit = Flagship.parameterization(gamma: one / d, sigmaSquaredU: one / d, sigmaSquaredW: one, eta: d)
        let b = try analyze(limit, zeta)
        #expect(b.exponent == 0)
        #expect(b.closedForm?.description == "sqrt(5) - 1")
        #expect(try limit.confirmNumerically(zeta, against: b).agrees)
    }

    @Test func xavierTendsToSqrtFiveQuartersMinusOne() throws {
        let s2 = n(2) / (d + one)
        let limit = Flagship.parameterization(gamma: one, sigmaSquaredU: s2, sigmaSquaredW: s2, eta: one)
        let b = try analyze(limit, zeta)
        #expect(b.exponent == 0)
        #expect(b.closedForm?.description == "sqrt(5/4) - 1")
        #expect(b.closedForm!.verifiedDigits >= 40)
        let check = try limit.confirmNumerically(zeta, against: b)
        #expect(check.agrees, "\(check)")
        #expect(check.coefficientDigits >= 15)
    }
}

@Suite struct NumericConfirmationTests {
    @Test func cancellationNeedsAndGetsPrecision() throws {
        // sqrt(1 + d^-3) - 1 loses 3k digits at d = 10^k.
        let e = Expr.call(.sqrt, n(1) + Expr.power(d, n(-3))) - n(1)
        let b = try analyze(plainWidth, e)
        #expect(b.cancellationExponent == 3)
        let check = try plainWidth.confirmNumerically(e, against: b)
        #expect(check.agrees, "\(check)")
        #expect(check.samples.last!.precision > 3 * 1000 * 3)
        #expect(Swift.abs(check.exponentDifference) < 1e-9)
    }

    @Test func tooLittlePrecisionIsReportedNotHidden() throws {
        let e = Expr.call(.sqrt, n(1) + Expr.power(d, n(-3))) - n(1)
        let b = try analyze(plainWidth, e)
        let lying = LeadingBehavior(exponent: b.exponent, coefficient: b.coefficient, exactCoefficient: b.exactCoefficient,
                                    closedForm: b.closedForm, limit: b.limit, expansion: b.expansion,
                                    coefficientDigits: b.coefficientDigits, cancellationExponent: 0, notes: [])
        let check = try plainWidth.confirmNumerically(e, against: lying, powersOfTen: [100, 200])
        #expect(!check.agrees)
        #expect(check.problem?.contains("precision too low to resolve the limit") == true)
    }

    @Test func disagreementIsReported() throws {
        // Claim 3 d^2 for d^2 + d: the coefficient check must fail.
        let e = Expr.power(d, n(2)) + d
        let b = try analyze(plainWidth, e)
        let wrong = LeadingBehavior(exponent: 2, coefficient: BigFloat(3, precision: 256), exactCoefficient: 3,
                                    closedForm: nil, limit: .positiveInfinity, expansion: b.expansion,
                                    coefficientDigits: 70, cancellationExponent: 0, notes: [])
        let check = try plainWidth.confirmNumerically(e, against: wrong)
        #expect(!check.agrees)
        #expect(check.problem?.contains("coefficient") == true)
    }

    /// Random sums, products, quotients and square roots of c d^(p/q) with positive c: the exact exponent
    /// must match the one measured at d = 10^500 and 10^1000, and the tropical one.
    @Test func exactExponentMatchesMeasuredOne() async throws {
        let gen = Gen.int(in: -8...8).array(of: 9)
        await seededPropertyCheck(count: 40, input: gen) { v in
            func monomial(_ c: Int, _ p: Int, _ q: Int) -> Expr {
                .number(BigRational(Swift.abs(c) + 1, 3)) * .power(d, .number(BigRational(p, Swift.abs(q) + 1)))
            }
            let a = monomial(v[0], v[1], v[2]) + monomial(v[3], v[4], v[5])
            let b = monomial(v[6], v[7], v[8]) + monomial(v[0], v[4], v[8])
            let e = Expr.call(.sqrt, a * b + n(1)) / (b + monomial(v[2], v[3], v[6]))
            guard let leading = plainWidth.leadingBehavior(of: e).leadingBehavior else {
                Issue.record("undecided for \(e)"); return
            }
            let check = try! plainWidth.confirmNumerically(e, against: leading, powersOfTen: [500, 1000])
            #expect(check.agrees, "\(e): \(check)")
            let tropical = try! plainWidth.leadingExponent(of: e)
            #expect(tropical.exponent.constantValue == leading.exponent)
            // sqrt(d^(2a) + c d^b) - d^a ~ (c/2) d^(b - a) for b < 2a: a cancellation.
            let x = BigRational(v[1], Swift.abs(v[2]) + 1), y = x * 2 - BigRational(Swift.abs(v[5]) + 1, 4)
            let c = BigRational(Swift.abs(v[3]) + 1, 2)
            let cancelling = Expr.call(.sqrt, .power(d, .number(x * 2)) + .number(c) * .power(d, .number(y))) - .power(d, .number(x))
            let lead = plainWidth.leadingBehavior(of: cancelling).leadingBehavior
            #expect(lead?.exponent == y - x)
            #expect(lead?.exactCoefficient == c / 2)
            if let lead {
                #expect(try! plainWidth.confirmNumerically(cancelling, against: lead, powersOfTen: [500, 1000]).agrees)
            }
        }
    }
}

@Suite struct PhaseClassifierTests {
    @Test func flagshipGridIsConfirmedAndMatchesTheSymbolicRegions() throws {
        let classifier = try PhaseClassifier(quantity: Flagship.zeta, limit: Flagship.symbolicLimit)
        let eR = try Flagship.symbolicLimit.leadingExponent(of: Flagship.R).exponent
        let values: [BigRational] = [-1, BigRational(-1, 2), 0, BigRational(1, 4), BigRational(1, 2), 1]
        var points = 0
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for alpha in values { for bu in values { for cu in values {
                let point: [String: BigRational] = ["alpha": alpha, "b_u": bu, "b_w": bu / 2, "c_u": cu, "c_w": 0]
                let result = classifier.classify(at: point)
                points += 1
                #expect(result.isConfirmed, "\(point): \(result)")
                let r = try! eR.value(at: point)
                let expected: WidthRegime = r.sign < 0 ? .vanishing : r.isZero ? .bounded : .diverging
                #expect(result.regime == expected, "\(point): \(result)")
                if expected == .vanishing { #expect(result.leading?.exponent == r, "zeta ~ R/2 when R -> 0") }
                if expected == .diverging { #expect(result.leading?.exponent == r / 2, "zeta ~ sqrt(R)") }
            } } }
        }
        let perPoint = elapsed / points
        print("classification: \(points) points, \(perPoint) per point")
    }
}

@Suite struct FlagshipSymbolicVerdictTests {
    @Test func meanFieldAndKaimingPlusPointsOfTheGridGiveClosedForms() throws {
        let classifier = try PhaseClassifier(quantity: Flagship.zeta, limit: Flagship.symbolicLimit)
        // mean field: gamma = 1/d, sigma = 1, eta = d.
        let meanField = classifier.classify(at: ["alpha": 1, "b_u": 0, "b_w": 0, "c_u": 1, "c_w": 1])
        #expect(meanField.regime == .bounded)
        #expect(meanField.leading?.closedForm?.description == "sqrt(2) - 1")
        #expect(meanField.isConfirmed, "\(meanField)")
        // Kaiming+: gamma = 1/d, sigma_u = d^-1/2, sigma_w = 1, eta = d.
        let kaimingPlus = classifier.classify(at: ["alpha": 1, "b_u": BigRational(1, 2), "b_w": 0, "c_u": 1, "c_w": 1])
        #expect(kaimingPlus.leading?.closedForm?.description == "sqrt(5) - 1")
        #expect(kaimingPlus.isConfirmed, "\(kaimingPlus)")
    }

    /// The tropical algebra cannot see that sqrt(1 + R) - 1 cancels where R -> 0: it must say that its
    /// verdict assumes no cancellation there, rather than return the wrong exponent silently.
    @Test func tropicalVerdictOnZetaNamesTheCancellationItAssumesAway() throws {
        let order = try Flagship.symbolicLimit.leadingExponent(of: Flagship.zeta)
        #expect(order.assumptions.count == 1)
        let assumption = try #require(order.assumptions.first)
        #expect(assumption.statement.contains("do not cancel"))
        // The assumption's region is where R does not diverge: exactly where the expansion engine is needed.
        let kernel: [String: BigRational] = ["alpha": 0, "b_u": 0, "b_w": 0, "c_u": 0, "c_w": 0]  // e_R = -2
        let ultraRich: [String: BigRational] = ["alpha": 1, "b_u": 1, "b_w": 1, "c_u": 0, "c_w": 0]  // e_R = 4
        #expect(try assumption.region.holds(at: kernel))
        #expect(try !assumption.region.holds(at: ultraRich))
    }
}
