import Foundation
import PhasecheckDerivations
import Testing

/// Fixtures/smooth_let_expectation.phc: expectations without a closed form in `let` and `ode` lines, constants of
/// the model enclosed by quadrature, against the mpmath references of smooth_let_expectation.mpmath.py (quad at
/// 50 digits, odefun at 50, rounded to 30 digits; y(1) by the arcsine kernel's closed form, which quad confirms
/// to 42 digits).
struct SmoothLetExpectationTests {
    static let name = "smooth_let_expectation"

    @Test func constantsOfTheModelHoldAgainstMpmath() throws {
        let results = try Fixture.results(Self.name)
        #expect(results.count == 6)
        Fixture.expectPlantedOnlyFail(results, file: Self.name)
    }

    /// A chi off in its 24th digit, an x(2) off by 10^-28 (the drift's constant carried through the flow), a y(1)
    /// off by 10^-26 (the expectation in the ODE line) and the scenario's chi off in its 29th digit are caught.
    @Test func plantedErrorsFail() throws {
        let plants = [
            ("\"chi by quadrature\": value chi at t = 0 == 0.536968065533663517543108248026",
             "\"chi off in its 24th digit (PLANTED)\": value chi at t = 0 == 0.536968065533663517543109248026"),
            ("\"x(2) of the flow with a smooth-expectation drift\": value x at t = 2 == 0.924428750040596700973749743103 digits 30",
             "\"x(2) off by 10^-28 (PLANTED)\": value x at t = 2 == 0.924428750040596700973749743103 + 10^-28 digits 30"),
            ("\"y(1): an expectation in the ODE line (arcsine kernel)\": value y at t = 1 == 2/pi*asin(1/3)*(1 - exp(-1))",
             "\"y(1) off by 10^-26 (PLANTED)\": value y at t = 1 == 2/pi*asin(1/3)*(1 - exp(-1)) + 10^-26"),
            ("\"chi at s = 0.3\": value chi at t = 0 == 0.557347436602055693006719510052",
             "\"chi at s = 0.3 off in its 29th digit (PLANTED)\": value chi at t = 0 == 0.557347436602055693006719510062"),
        ]
        let text = try Fixture.text(Self.name, planting: plants)
        let results = try Fixture.results(Self.name, text: text)
        #expect(results.keys.filter { $0.contains("PLANTED") }.count == 4)
        Fixture.expectPlantedOnlyFail(results, file: Self.name + " (planted)")
    }

    /// A smooth expectation of the state or t in a `let` line is refused at its integrand, saying why and what to
    /// write instead (in an `ode` line it is a drift: `DriftQuadratureTests`).
    @Test(arguments: [
        ("let drift = expect(tanh(x + xi), xi ~ normal(0, s))\node x' = -x + drift", "3:20", "depends on `x`"),
        ("let drift = expect(tanh(1 + t*xi), xi ~ normal(0, s))\node x' = -x + drift", "3:20", "depends on `t`"),
    ])
    func aSmoothExpectationOfTheStateIsRefused(lines: String, location: String, reason: String) throws {
        let text = "param s = 1/2\nstate x = 0\n\(lines)\n"
        let error = try #require(Fixture.readError(text, file: "smooth.phc"), "expected an input error")
        #expect("\(error)".contains("smooth.phc:\(location)"), "\(error)")
        #expect("\(error)".contains(reason), "\(error)")
        #expect("\(error)".contains("write the expectation in the `ode` line itself"), "\(error)")
    }

    /// Through a `let` of the state the reader cannot see it; the model says so when the file is checked.
    @Test func aSmoothExpectationOfTheStateThroughALetIsRefusedWhenChecked() throws {
        let text = "param s = 1/2\nstate x = 0\nlet m = tanh(x)\nlet drift = expect(tanh(m + xi), xi ~ normal(0, s))\node x' = -x + drift\nclaim \"c\": value x at t = 1 == 0\n"
        let results = Verifier(derivation: try DerivationParser.parse(text, file: "smooth.phc"), options: VerifyOptions()).verifyAllInParallel()
        let result = try #require(results.first)
        #expect(result.status == .error, "\(result.status) \(result.detail)")
        #expect(result.detail.contains("depends on `x`") && result.detail.contains("through a `let`"), "\(result.detail)")
    }
}
