import Foundation
import PhasecheckDerivations
import Testing

/// Fixtures/e17_spring_block_drift.phc: Gaussian expectations of a dead zone in an ODE and in identities,
/// against the mpmath references of e17_spring_block_drift.mpmath.py (quadrature and odefun).
struct ExpectationDerivationTests {
    static let name = "e17_spring_block_drift"

    @Test func springBlockDriftHolds() throws {
        let results = try Fixture.results(Self.name) { $0.parameterDraws = 3; $0.timeSamples = 3 }
        #expect(results.count == 5)
        Fixture.expectPlantedOnlyFail(results, file: Self.name)
    }

    /// A stationary force with the wrong sign and an x(5) off by 10^-20 are caught: the force FAILS; x(5) FAILS
    /// on the validated enclosure of the flow, or, where that enclosure would exceed its work budget (the
    /// interval integration of the Gaussian dead zone takes several hundred steps), is undecided saying so,
    /// since the integrator's estimate alone certifies no failure.
    @Test func plantedErrorsFail() throws {
        let plants = [
            ("\"S5: the drift vanishes at F* = (mr - ml)/2 at every noise level\": identity expect(max((mr - ml)/2 + s*xi - mr, 0) + min((mr - ml)/2",
             "\"S5 with F* of the wrong sign (PLANTED)\": identity expect(max((ml - mr)/2 + s*xi - mr, 0) + min((ml - mr)/2"),
            ("\"the mean-field block at t = 5 (mpmath)\": value x at t = 5 == 0.49634800502221500682542212611841386632",
             "\"x(5) off by 10^-20 (PLANTED)\": value x at t = 5 == 0.49634800502221500682542212611841386632 + 10^-20"),
        ]
        let text = try Fixture.text(Self.name, planting: plants)
        let results = try Fixture.results(Self.name, text: text) { $0.parameterDraws = 3; $0.timeSamples = 3 }
        #expect(results.keys.filter { $0.contains("PLANTED") }.count == 2)
        let drift = try #require(results["x(5) off by 10^-20 (PLANTED)"])
        #expect(Fixture.isCaught(drift), "\(drift.detail)")
        Fixture.expectPlantedOnlyFail(results.filter { $0.key != "x(5) off by 10^-20 (PLANTED)" }, file: Self.name + " (planted)")
    }

    /// A smooth expectation (no closed form) in a claim other than `expectation` is refused where it is written,
    /// saying why and naming the forms that take it; the same integrand in an `expectation` claim or a `let` is read.
    @Test(arguments: [
        ("claim \"v\": value expect(tanh(1 + xi), xi ~ normal(0, s)) at t = 0 == 0", "3:25"),
        ("claim \"i\": identity x + expect(tanh(1 + xi), xi ~ normal(0, s)) == x", "3:32"),
    ])
    func aSmoothExpectationOutsideAnExpectationClaimIsAClearError(line: String, location: String) throws {
        let text = "param s = 1/2\nstate x = 0\n\(line)\n"
        let error = try #require(Fixture.readError(text, file: "smooth.phc"), "expected an input error")
        #expect("\(error)".contains("smooth.phc:\(location)"), "\(error)")
        #expect("\(error)".contains("write it there and use that name here"), "\(error)")
        #expect("\(error)".contains("expectation E == V"), "\(error)")
        let accepted = "param s = 1/2\nlet m = expect(tanh(1 + xi), xi ~ normal(0, s))\nclaim \"c\": expectation expect(tanh(1 + xi), xi ~ normal(0, s)) == m\n"
        #expect(throws: Never.self) { try DerivationParser.parse(accepted, file: "smooth.phc") }
    }
}
