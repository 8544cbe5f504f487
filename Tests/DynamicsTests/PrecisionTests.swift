import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckNumbers
import Testing

/// Convergence shown the Mathematica WorkingPrecision way: agreement across precisions and orders, and
/// digits that follow the tolerance asked for.
@Suite struct PrecisionTests {
    func caseAStates(bits: Int, order: Int? = nil, tolerance: Tolerance? = nil, times: [String] = ["0.5", "1", "5", "20"]) throws -> [[BigFloat]] {
        let context = MPFRContext(precision: bits)
        var integrator = try TaylorIntegrator(system: flagshipSystem(width: 3), parameters: caseA.parameters(context),
                                              context: context, tolerance: tolerance, order: order)
        return try integrator.integrate(initial: caseA.initial(context), from: context.constant(0),
                                        to: times.map { big($0, bits) })
    }

    @Test func pAnd2pBitsAgreeToTheDigitsOfP() throws {
        let low = try caseAStates(bits: 100), high = try caseAStates(bits: 200)
        for (a, b) in zip(low.joined(), high.joined()) {
            let error = relativeError(a.rounded(toPrecision: 200), b)
            #expect(error < 1e-28, "100 vs 200 bits: \(agreementDigits(error)) digits")
        }
    }

    @Test func orderPAnd2pAgree() throws {
        let p = Tolerance(precisionBits: 200).taylorOrder
        let times = ["0.5", "2"]
        let base = try caseAStates(bits: 200, times: times), doubled = try caseAStates(bits: 200, order: 2 * p, times: times)
        for (a, b) in zip(base.joined(), doubled.joined()) {
            #expect(relativeError(a, b) < 1e-56, "order \(p) vs \(2 * p)")
        }
    }

    @Test func correctDigitsTrackTheRequestedDigits() throws {
        // At a working precision well above the request, the error is the truncation error the tolerance
        // controls: at least the requested digits, and not wildly more (the rule is not just "use the maximum").
        var achieved: [Double] = []
        for digits in [10, 20, 40, 80] {
            let bits = Int(Double(digits) * 3.33) + 64
            let context = MPFRContext(precision: bits)
            var integrator = try TaylorIntegrator(system: scalarNetworkSystem(), context: context,
                                                  tolerance: Tolerance(digits: Double(digits)))
            let u0 = context.constant(BigRational("0.01")!)
            let state = try integrator.integrate(initial: [u0, u0], from: context.constant(0), to: [context.constant(10)])
            let exact = scalarNetworkClosedForm(u0: "0.01", t: "10", bits: bits + 64)
            let error = relativeError(state[0][0].rounded(toPrecision: bits + 64), exact)
            let correct = agreementDigits(error)
            achieved.append(correct)
            #expect(correct >= Double(digits) - 1, "asked \(digits) digits, got \(correct)")
            #expect(correct <= Double(digits) + 12, "asked \(digits) digits, got \(correct): the order/step rule ignores the tolerance")
        }
        #expect(achieved == achieved.sorted(), "more digits asked, more digits obtained: \(achieved)")
    }
}
