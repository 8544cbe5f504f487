import Testing
import PhasecheckVerify

/// A claim one of whose sides certainly has no real value where the other has one cannot hold: FAILS with the
/// reason. An enclosure that is only possibly undefined (an argument straddling the domain's edge) decides
/// nothing: never FAILS.
struct DomainViolationTests {
    /// The claim FAILS and its detail says each of `phrases` (the domain error, the argument's value).
    static func expectFails(_ result: ClaimResult, saying phrases: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(result.status == .fails, "\(result.detail)", sourceLocation: sourceLocation)
        for phrase in phrases {
            #expect(result.detail.contains(phrase), "\(result.detail)", sourceLocation: sourceLocation)
        }
    }

    /// The mutant of kunin_single_neuron.phc's tanh law with `(R0 + 2 nu0)*root` for `/root`: atanh of 2.38...
    /// (a0 = 0.3, w0 = (0.2, -0.1, 0), beta = (1, 0.5, -0.25): R0 = 0.04, nu0 = 0.5, root = sqrt(4*1.3125 + 0.0016);
    /// (R0 + 2 nu0) root = 2.38330244828473249315416458787 by mpmath at 30 digits).
    @Test func atanhOfANumberAboveOneFailsTheIdentity() throws {
        let text = """
        param b1 = 1
        param b2 = 0.5
        param b3 = -0.25
        state a = 0.3
        state w[3] = [0.2, -0.1, 0]
        ode a' = -dot(a*w - [b1, b2, b3], w)
        ode w' = -a*(a*w - [b1, b2, b3])
        horizon 2
        let s = norm([b1, b2, b3])
        let R = a^2 - dot(w, w)
        let nu = dot(w, [b1, b2, b3])/a
        let root = sqrt(4*s^2 + R0^2)
        claim "tanh law": identity nu == (-R0 + root*tanh(t*root/2 + atanh((R0 + 2*nu0)/root)))/2
        claim "tanh law, mutated": identity nu == (-R0 + root*tanh(t*root/2 + atanh((R0 + 2*nu0)*root)))/2
        """
        let results = try Fixture.results("atanh_mutant", text: text) { $0.parameterDraws = 1; $0.timeSamples = 2 }
        #expect(results["tanh law"]?.status == .holds)
        let mutated = try #require(results["tanh law, mutated"])
        Self.expectFails(mutated, saying: ["atanh of a number outside (-1, 1)", "2.38330244828473"])
        #expect(mutated.compared.first { $0.name == "right" }?.value == "undefined")
    }

    @Test func aSquareRootOfANegativeClosedFormValueFailsAValueClaim() throws {
        // sqrt(x - 2) with x(1) = e^-1: sqrt of e^-1 - 2 = -1.63212055882855767840447622984 (mpmath, 30 digits).
        let text = """
        state x = 1
        ode x' = -x
        solution x = x0*exp(-t)
        claim "c": value sqrt(x - 2) at t = 1 == 0.5
        """
        let r = try #require(try Fixture.results("sqrt_negative", text: text)["c"])
        Self.expectFails(r, saying: ["sqrt of a negative number", "-1.63212055882855767"])
        #expect(r.worstCase.first { $0.name == "t" }?.value == "1")
    }

    @Test func alongAnIntegrationTheArgumentsEstimateDecides() throws {
        // No closed form: log of x(1) - 1 = e^-1 - 1 = -0.632..., far below 0 against its estimate's width.
        let text = """
        state x = 1
        ode x' = -x
        claim "c": value log(x - 1) at t = 1 == 0.5
        """
        let r = try #require(try Fixture.results("log_integration", text: text)["c"])
        Self.expectFails(r, saying: ["log of a number <= 0"])
    }

    @Test func anArgumentOnlyPossiblyOutsideTheDomainIsNeverAFailure() throws {
        // sin(pi t) at t = 1 is 0: its enclosure straddles 0, so sqrt's is NaN, but sqrt(0) = 0 is the claim.
        let text = """
        state x = 1
        ode x' = 0
        solution x = 1
        claim "c": value sqrt(sin(pi*t)^3) at t = 1 == 0
        """
        let r = try #require(try Fixture.results("straddle", text: text)["c"])
        #expect(r.status != .fails, "\(r.detail)")
    }

    @Test func bothSidesUndefinedIsAnErrorNotAFailure() throws {
        let text = """
        state x = 1
        ode x' = -x
        solution x = x0*exp(-t)
        claim "c": value sqrt(x - 2) at t = 1 == sqrt(-1)
        """
        let r = try #require(try Fixture.results("both_undefined", text: text)["c"])
        #expect(r.status == .error, "\(r.detail)")
    }
}

extension DomainViolationTests {
    /// A divisor that is exactly 0 leaves the quotient without a real value whatever the numerator: the interval
    /// quotient was the whole line, which a product by 0 turned into 0, so (1/p) sin(p) == 0 held exactly at p = 0 and
    /// (1/p) p^2 == 0 held too. Both left sides have no value at p = 0 (1/0), the right sides are 0: FAILS, saying why.
    @Test func aProductWithAQuotientByExactlyZeroHasNoValue() throws {
        let text = """
        param p = 0
        claim "sin": identity (1/p)*sin(p) == 0
        claim "square": value (1/p)*p^2 at t = 0 == 0
        """
        let results = try Fixture.results("quotient_by_zero", text: text)
        for name in ["sin", "square"] {
            Self.expectFails(try #require(results[name]), saying: ["division by 0", "`1/p`"])
        }
    }
}

extension DomainViolationTests {
    /// A map whose update divides by exactly 0 leaves the next iterate without a value: y3 = 1/x2 with x2 = -2 + 2 = 0
    /// (exact). Every claim reading that iterate is an error saying which update at which step (no more precision can
    /// help, so none is tried, and it is a step, not a time t); y3 (x3 - 1) was 0 before (a product by 0 of an
    /// unbounded quotient), so `== 0` held and the true identity y (x - 1) = 1, which holds at steps 0 to 2, failed.
    @Test func anIterateAfterAnUpdateDividingByZeroHasNoValue() throws {
        let text = """
        state x = -2
        state y = -1/3
        map x -> x + 1
        map y -> 1/x
        descent steps 10
        claim "identity": identity y*(x - 1) == 1
        claim "one": value y*(x - 1) at step 3 == 1
        claim "zero": value y*(x - 1) at step 3 == 0
        """
        let results = try Fixture.results("undefined_iterate", text: text)
        for name in ["identity", "one", "zero"] {
            let r = try #require(results[name])
            #expect(r.status == .error && r.detail.contains("the iterate at step 3 has no value")
                    && r.detail.contains("division by 0 in `1/x`") && r.detail.contains("update at step 2")
                    && !r.detail.contains("bits"), "\(name): \(r.status) \(r.detail)")
        }
    }
}
