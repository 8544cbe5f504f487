import PhasecheckDerivations
import Testing

/// Expectations whose closed forms, built for every parameter value, meet a degenerate value (issue 17): a step's or
/// kink's slope 0 at the file's values, a normal law with sd 0, a uniform law of width 0, products of steps at one
/// place there, the same in a `let` and a drift, and random draws that take the degenerate value from a domain
/// (Fixtures/d17_degenerate_expectations.phc; mpmath: d17_degenerate_expectations.mpmath.py and .out, or the
/// integrand's constant value where it is constant in xi, as the fixture's header says).
struct DegenerateExpectationTests {
    static let name = "d17_degenerate_expectations"

    /// Every claim holds. Before, 19 of these 30 FAILED (1 was undecided, 3 were errors): with "division by 0" in the tool's
    /// own closed form (0/abs(a)), with the a.e. identity H(L)^2 = H(L) at a step that does not move (sign(0*xi)^2 is 0,
    /// not 1), or with a jump clamped into the empty interval of reversed symbolic bounds.
    @Test func degenerateValuesGiveTheIntegrandsValue() throws {
        let results = try Fixture.results(Self.name) { $0.parameterDraws = 6 }
        #expect(results.count == 30)
        Fixture.expectPlantedOnlyFail(results, file: Self.name)
    }

    /// A wrong value next to each class FAILS: the zero-slope step, relu and squared sign, the zero-sd relu, the zero-slope
    /// uniform step, the uniform point mass, the symbolic-slope relu in its 25th digit, the drift and the drawn identity.
    @Test func plantedErrorsFail() throws {
        let plants = [
            ("\"step, zero slope\": expectation expect((1 + sign(a*xi))/2, xi ~ normal(0, 1)) == 1/2",
             "\"step, zero slope (PLANTED)\": expectation expect((1 + sign(a*xi))/2, xi ~ normal(0, 1)) == 1/2 + 10^-25"),
            ("\"relu, zero slope\": expectation expect(max(a*xi + b, 0), xi ~ normal(0, 1)) == 1/3",
             "\"relu, zero slope (PLANTED)\": expectation expect(max(a*xi + b, 0), xi ~ normal(0, 1)) == 1/3 - 10^-25"),
            ("\"relu, zero sd\": expectation expect(max(xi, 0), xi ~ normal(m, s)) == 1/4",
             "\"relu, zero sd (PLANTED)\": expectation expect(max(xi, 0), xi ~ normal(m, s)) == 1/sqrt(2*pi)"),
            ("\"uniform step, zero slope\": expectation expect(sign(a*xi + b)*xi, xi ~ uniform(0, 1)) == 1/2",
             "\"uniform step, zero slope (PLANTED)\": expectation expect(sign(a*xi + b)*xi, xi ~ uniform(0, 1)) == 0"),
            ("\"uniform point mass\": expectation expect(max(xi - 1/5, 0), xi ~ uniform(u, u)) == 3/10",
             "\"uniform point mass (PLANTED)\": expectation expect(max(xi - 1/5, 0), xi ~ uniform(u, u)) == 3/10 + 10^-25"),
            ("\"sign squared, zero slope\": expectation expect(sign(a*xi)^2, xi ~ normal(0, 1)) == 0",
             "\"sign squared, zero slope (PLANTED)\": expectation expect(sign(a*xi)^2, xi ~ normal(0, 1)) == 1"),
            ("== 0.477003344760677184470940907892 digits 30", "== 0.477003344760677184470940907893 digits 30"),
            ("\"relu, symbolic slope\"", "\"relu, symbolic slope (PLANTED)\""),
            ("\"drift, zero slope\": value x at t = 1 == 1/3 + (2/3)*exp(-1)", "\"drift, zero slope (PLANTED)\": value x at t = 1 == 1/3 + (2/3)*exp(-1) + 10^-20"),
            ("== sign(a)*sqrt(2/pi)", "== a*sqrt(2/pi)"),
            ("\"E sign(a xi) xi at every a\"", "\"E sign(a xi) xi at every a (PLANTED)\""),
        ]
        let results = try Fixture.results(Self.name, text: try Fixture.text(Self.name, planting: plants)) { $0.parameterDraws = 6 }
        #expect(results.keys.filter { $0.contains("PLANTED") }.count == 9)
        Fixture.expectPlantedOnlyFail(results, file: Self.name + " (planted)")
    }

    /// A law that is no law is refused where it is written: a negative sd, a uniform law whose bounds are reversed
    /// (numbers; a zero spread is the point mass, above).
    @Test(arguments: [
        ("claim \"c\": expectation expect(max(xi, 0), xi ~ normal(0, -1)) == 0", "bad.phc:1:48", "standard deviation must be at least 0"),
        ("claim \"c\": expectation expect(max(xi, 0), xi ~ uniform(1, 1/2)) == 0", "bad.phc:1:48", "lower bound must not exceed the upper"),
    ])
    func anInvalidLawIsAClearError(line: String, location: String, message: String) throws {
        let error = try #require(Fixture.readError(line + "\n"), "expected an input error")
        #expect("\(error)".contains(location), "\(error)")
        #expect("\(error)".contains(message), "\(error)")
    }
}
