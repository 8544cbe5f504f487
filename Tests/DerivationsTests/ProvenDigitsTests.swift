import Foundation
import PhasecheckDerivations
import Testing

/// A claim proved exactly (`invariant`, `rate`, `identity` by `ExactIdentity`) is still compared at the file's
/// parameters, but only for what the proof leaves open: that the trajectory exists up to the horizon and that the
/// sides are finite where compared. That comparison runs at the draws' digits (at most 30, `atProvenDigits`) whatever
/// `--digits` asks (issue 15 item 3: at `--digits 300` it was an integration at 320 digits). These tests ask that a
/// proof at `--digits 100` still holds exactly, says the digits its comparison had, and still fails or stays undecided
/// where the trajectory does not reach the horizon or a side has no value, as at 30 digits.
@Suite struct ProvenDigitsTests {
    static func results(_ text: String, digits: Int) throws -> [String: ClaimResult] {
        try Fixture.results("proven", text: text) { $0.parameterDraws = 2; $0.timeSamples = 3; $0.digits = digits }
    }

    /// The harmonic oscillator x' = -w y, y' = w x from (1, 0): x = cos(w t), y = sin(w t), so x^2 + y^2 = 1 for every w
    /// (cos^2 + sin^2 = 1) and d/dt (x y) = x' y + x y' = w (x^2 - y^2). The first invariant and the rate are proved; the
    /// radius (a root: not smooth everywhere) goes the numeric route at the digits asked.
    static let oscillator = """
        param w = 1 in (1/2, 2)
        state x = 1
        state y = 0
        horizon 3
        ode x' = -w*y
        ode y' = w*x
        claim "the square radius is conserved": invariant x^2 + y^2
        claim "the rate of x y": rate x*y == w*(x^2 - y^2)
        claim "the radius is conserved": invariant sqrt(x^2 + y^2)
        """

    @Test func aProvedClaimHoldsExactlyAndItsComparisonHasThirtyDigits() throws {
        let results = try Self.results(Self.oscillator, digits: 100)
        for name in ["the square radius is conserved", "the rate of x y"] {
            let r = try #require(results[name])
            #expect(r.status == .holds && r.agreement == .exact, "\(name): \(r.status) \(r.detail)")
            #expect(r.detail.contains("exactly") && r.detail.contains(" to 30 digits"), "\(name): \(r.detail)")
        }
        // The compared value of x^2 + y^2 along the integration is 1 (cos^2 + sin^2).
        let square = try #require(results["the square radius is conserved"])
        let left = try #require(square.compared.first { $0.name == "left" }?.value)
        #expect(abs(try #require(Double(left)) - 1) <= 1e-15, "\(square.compared)")
        // Not proved: compared at the 100 digits asked, with nothing said of fewer.
        let radius = try #require(results["the radius is conserved"])
        #expect(radius.status == .holds && radius.agreement != .exact, "\(radius.detail)")
        #expect(try #require(radius.agreement).atLeast >= 100, "\(radius.detail)")
        #expect(!radius.detail.hasPrefix("exactly") && radius.detail.contains("compared with its initial value along the Taylor integration at 3 times;"),
                "\(radius.detail)")

        // At 30 digits nothing is said of the comparison's digits: they are the claim's.
        let at30 = try Self.results(Self.oscillator, digits: 30)
        for name in ["the square radius is conserved", "the rate of x y"] {
            let r = try #require(at30[name])
            #expect(r.status == .holds && r.agreement == .exact && !r.detail.contains(" to 30 digits"), "\(name): \(r.detail)")
        }
    }

    /// x' = x^2 from 1 is 1/(1 - t): it blows up at t = 1, before the horizon 3. x - x is proved invariant (smooth, its
    /// derivative expands to 0) and q (q' = q x from 0) is frozen at 0 by uniqueness, but the trajectory does not exist
    /// to the horizon, which the comparison at 30 digits must still show at `--digits 100`: neither holds.
    @Test func aProvedInvariantPastABlowUpDoesNotHoldAtAnyDigits() throws {
        let text = """
            state x = 1
            state q = 0
            horizon 3
            ode x' = x^2
            ode q' = q*x
            claim "polynomial, past the blow-up": invariant x - x
            claim "frozen, past the blow-up": invariant q
            """
        for digits in [30, 100] {
            let results = try Self.results(text, digits: digits)
            #expect(results.count == 2)
            for (name, r) in results { #expect(r.status != .holds, "\(digits) digits: \(name): \(r.detail)") }
        }
    }

    /// x' = -1 from 1 is x = 1 - t, negative after t = 1: log x has no real value at the sample times 1.6 and 2.4 (x = -0.6
    /// and -1.4), where its rate -1/x (proved: d/dt log x = x'/x) is finite. No quantity, no rate: the claim FAILS at
    /// 100 digits as at 30.
    @Test func aProvedRateWhoseQuantityHasNoValueStillFails() throws {
        let text = """
            state x = 1
            horizon 2.4
            ode x' = -1
            claim "rate of log x": rate log(x) == -1/x
            """
        for digits in [30, 100] {
            let r = try #require(Self.results(text, digits: digits)["rate of log x"])
            #expect(r.status == .fails && r.detail.contains("has no real value"), "\(digits) digits: \(r.detail)")
        }
    }
}
