import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckNumbers
import Testing
import PhasecheckTestSupport

/// The 2-D scalar linear network a' = b (1 - a b), b' = a (1 - a b), a(0) = b(0) = 0.01, to t = 10.
@Suite struct ScalarNetworkTests {
    /// mpmath 1.3.0 odefun (gmpy backend), computed with
    ///   python3 Benchmarks/dynamics_odefun.py 30 1 10    and    python3 Benchmarks/dynamics_odefun.py 100 10
    static let odefun30 = (t1: "0.0271741388158426789834815588173", t10: "0.999989695421743306400350034734")
    static let odefun100 = "0.9999896954217433064003500347337207656059310993616808647403557878414251201580519785826438618953368142"

    func integrate(digits: Int, times: [String]) throws -> [[BigFloat]] {
        let bits = Int((Double(digits) * 3.3219280948873626).rounded(.up)) + 16
        let context = MPFRContext(precision: bits)
        var integrator = try TaylorIntegrator(system: scalarNetworkSystem(), context: context,
                                              tolerance: Tolerance(digits: Double(digits + 3)))
        let u0 = context.constant(BigRational("0.01")!)
        return try integrator.integrate(initial: [u0, u0], from: context.constant(0),
                                        to: times.map { context.constant(BigRational($0)!) })
    }

    @Test(arguments: [30, 100])
    func matchesTheClosedFormToTheRequestedDigits(digits: Int) throws {
        let times = ["1", "2.5", "5", "10"]
        let states = try integrate(digits: digits, times: times)
        for (state, t) in zip(states, times) {
            let exact = scalarNetworkClosedForm(u0: "0.01", t: t, bits: 4 * digits + 64)
            for value in state {
                let error = relativeError(value.rounded(toPrecision: 4 * digits + 64), exact)
                #expect(error < pow10(-digits), "t = \(t): \(agreementDigits(error)) digits of \(digits)")
            }
        }
    }

    @Test func agreesWithMpmathOdefunAt30Digits() throws {
        let states = try integrate(digits: 30, times: ["1", "10"])
        #expect(matchesPrintedDigits(states[0][0], Self.odefun30.t1))
        #expect(matchesPrintedDigits(states[1][0], Self.odefun30.t10))
        #expect(matchesPrintedDigits(states[1][1], Self.odefun30.t10))
    }

    @Test func agreesWithMpmathOdefunAt100Digits() throws {
        let states = try integrate(digits: 100, times: ["10"])
        #expect(matchesPrintedDigits(states[0][0], Self.odefun100))
        #expect(matchesPrintedDigits(states[0][1], Self.odefun100))
    }

    @Test func doublePathMatchesTheClosedForm() throws {
        var integrator = try TaylorIntegrator(system: scalarNetworkSystem(), context: DoubleContext())
        let times: [Double] = [1, 2.5, 5, 10]
        let states = try integrator.integrate(initial: [0.01, 0.01], from: 0, to: times)
        for (state, t) in zip(states, times) {
            let exact = scalarNetworkClosedForm(u0: "0.01", t: "\(t)", bits: 128).doubleValue
            #expect(relativeError(state[0], exact) < 2e-14, "a(\(t)) = \(state[0]) vs \(exact)")
            #expect(state[0] == state[1], "the symmetry a = b holds exactly in the recurrences")
        }
    }
}
