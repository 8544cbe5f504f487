import Foundation
import PhasecheckDerivations
import PhasecheckNumbers
import Testing

/// Verdicts along the integrator that its error estimate does not settle rest on a validated enclosure of
/// the flow (`ValidatedTrajectory`): FAILS only where the enclosure excludes agreement, otherwise undecided
/// with the reason; the report names the basis.
struct ValidatedVerdictTests {
    static let validated = "validated enclosure of the flow (interval Taylor method)"

    static func basis(_ result: ClaimResult) -> String? { result.compared.first { $0.name == "basis" }?.value }

    /// Lotka-Volterra (not bundled; mpmath's odefun at 50 digits is the referee, lotka_volterra.mpmath.out):
    /// the correct file holds, and a state off by a relative 10^-25 FAILS on the validated enclosure.
    @Test(arguments: ["lotka_volterra", "lotka_volterra_planted"])
    func lotkaVolterraHoldsAndAPlantedStateFailsOnTheValidatedEnclosure(file: String) throws {
        let results = try Fixture.results(file) { $0.parameterDraws = 1; $0.timeSamples = 3 }
        Fixture.expectPlantedOnlyFail(results, file: file)
        if let planted = results["y(10) (PLANTED)"] {
            #expect(Self.basis(planted) == Self.validated)
            // A relative gap of 10^-25 is 25 digits: the certified lower bound reads 24 or 25.
            #expect(planted.agreement?.shown == "24" || planted.agreement?.shown == "25")
        }
    }

    /// Issue 10.3: the log-odds of the logistic at t = 60 (1 - a ~ 1e-26) hold, and the planted slope FAILS
    /// on the validated enclosure, not on the estimate.
    @Test func thePlantedLogisticSlopeFailsOnTheValidatedEnclosure() throws {
        let planted = try #require(try Fixture.results("i03_logistic_cancel_planted")["log-odds grow linearly (PLANTED)"])
        #expect(planted.status == .fails)
        #expect(Self.basis(planted) == Self.validated)
    }

    /// x' = 1 + |x| from -2 crosses the kink at t = ln 3 (issue 10 item 4): x(2) = e^2/3 - 1, which mpmath
    /// confirms to 50 digits integrating each branch with odefun (abs_kink.mpmath.py, abs_kink.mpmath.out). The
    /// enclosure crosses the switch, so a value off by 10^-25 FAILS on it.
    @Test func aPlantedValuePastAKinkFailsOnTheValidatedEnclosure() throws {
        let text = """
        state x = -2
        horizon 2
        ode x' = 1 + abs(x)
        claim "x(2) = e^2/3 - 1": value x at t = 2 == exp(2)/3 - 1
        claim "x(2) = e^2/3 - 1 + 10^-25 (PLANTED)": value x at t = 2 == exp(2)/3 - 1 + 10^-25
        """
        let results = try Fixture.results("kink", text: text)
        Fixture.expectPlantedOnlyFail(results, file: "kink")
        #expect(results["x(2) = e^2/3 - 1 + 10^-25 (PLANTED)"].map(Self.basis) == Self.validated)
    }

    /// Over the 12 state slots the validated enclosure once took: 16 weights under gradient flow on
    /// L = sum k_i x_i^2 / 2 (k_i = i/8) from 1 have x_i(t) = e^(-k_i t), so x_16(1) = e^-2 exactly; a value
    /// off by 10^-20 FAILS on the validated enclosure.
    @Test func sixteenSlotsAPlantedValueFailsOnTheValidatedEnclosure() throws {
        let text = """
        dim n = 16
        param k[n] = [\((1...16).map { "\($0)/8" }.joined(separator: ", "))]
        state x[n] = [\(Array(repeating: "1", count: 16).joined(separator: ", "))]
        horizon 1
        ode x' = -k*x
        claim "x16(1) = e^-2": value x[16] at t = 1 == exp(-2)
        claim "x16(1) = e^-2 + 10^-20 (PLANTED)": value x[16] at t = 1 == exp(-2) + 10^-20
        """
        let results = try Fixture.results("sixteen", text: text)
        Fixture.expectPlantedOnlyFail(results, file: "sixteen")
        #expect(results["x16(1) = e^-2 + 10^-20 (PLANTED)"].map(Self.basis) == Self.validated)
    }

    /// Beyond the slots the validated enclosure takes, a disagreement the estimate alone shows is not certain:
    /// x' = -x on 40 slots from 1 has x(1) = e^-1 exactly, and a claim off by 10^-20 is undecided, saying why
    /// and with the numbers (the gap, the estimated error), not FAILS.
    @Test func withoutAnEnclosureAnEstimatedDisagreementIsUndecided() throws {
        let text = """
        dim n = 40
        state x[n] = [\(Array(repeating: "1", count: 40).joined(separator: ", "))]
        horizon 1
        ode x' = -x
        claim "x1(1) = e^-1 + 10^-20": value x[1] at t = 1 == exp(-1) + 10^-20
        """
        let result = try #require(try Fixture.results("slots", text: text).values.first)
        #expect(result.status == .undecided, "\(result.status) \(result.detail)")
        #expect(Self.basis(result) == "error estimate of the integrator (two tolerances)")
        #expect(result.detail.contains("state slots") && result.detail.contains("gap 1.0e-20") && result.detail.contains("not a certain failure"), "\(result.detail)")
    }

    /// A ReLU unit trained by gradient flow whose second sample switches on at t = 0.4665 (relu_network.phc;
    /// mpmath's odefun on each activation pattern, the switch by findroot: relu_network.mpmath.py and .out):
    /// the correct file holds, and w(1) off by 10^-18 FAILS on the validated enclosure across the switch (at
    /// 20 digits, to keep the interval integration short).
    @Test(arguments: ["relu_network", "relu_network_planted"])
    func aReluNetworkHoldsAndItsPlantedTwinFailsOnTheValidatedEnclosure(file: String) throws {
        let results = try Fixture.results(file) { $0.digits = 20 }
        Fixture.expectPlantedOnlyFail(results, file: file)
        if let planted = results["w(1) (PLANTED: off by 10^-18)"] { #expect(Self.basis(planted) == Self.validated) }
    }

    /// The planted ReLU twin's FAILS rests on the validated enclosure, which crossed the activation switch: the
    /// report gives the certified bracket of the switch's time, which holds mpmath's findroot value
    /// (relu_network.mpmath.out: t = 0.4665437893130466510996703063224443634985) and whose printed ends still
    /// hold the bracket, and labels the place as the certified disagreement it is, not the worst case.
    @Test func theEnclosuresSwitchTimesAreCertifiedBracketsAndItsPlaceIsLabelled() throws {
        let results = try Fixture.results("relu_network_planted") { $0.digits = 20 }
        let planted = try #require(results["w(1) (PLANTED: off by 10^-18)"])
        #expect(planted.status == .fails && planted.place == .certifiedDisagreement)
        // One kink, listed once under the function written (the gradient's `abs(w/2 + b)` switches there too).
        #expect(planted.switchingTimes.map(\.function) == ["max(w/2 + b, 0)"])
        let mpmath = BigInterval("0.4665437893130466510996703063224443634985", precision: 256)!
        for s in planted.switchingTimes {
            let bracket = try #require(s.bracket)
            #expect(s.basis == .certified && bracket.overlaps(mpmath) && bracket.width.doubleValue < 1e-18, "\(s)")
            let ends = s.time.dropFirst().dropLast().split(separator: ",").compactMap {
                BigInterval(String($0).trimmingCharacters(in: .whitespaces), precision: 256)
            }
            #expect(ends.count == 2 && !(bracket.lower < ends[0].upper) && !(ends[1].lower < bracket.upper), "\(s.time) against \(bracket)")
        }
        // A claim that holds on the estimate keeps the estimated switches, and its place is the worst case.
        let held = try #require(results["b(1)"])
        #expect(held.place == .worst && !held.switchingTimes.isEmpty && held.switchingTimes.allSatisfy { $0.basis == .estimated })

        let report = FileReport(file: "relu.phc", title: nil, citation: nil, results: [planted, held], seconds: 0)
        let run = RunRecord(arguments: [], seed: 1, digits: 20, files: [])
        let text = ReportPrinter.render([report], format: .text, run: run)
        #expect(text.contains("certified disagreement at t=1\n") && text.contains("worst: t=1\n"), "\(text)")
        #expect(text.contains("switches: t in [0.46654378931304665, 0.46654378931304666] max(w/2 + b, 0) (certified)"), "\(text)")
        let json = ReportPrinter.render([report], format: .json, run: run)
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let claims = try #require((object?["files"] as? [[String: Any]])?.first?["claims"] as? [[String: Any]])
        #expect(claims.map { $0["place"] as? String } == ["certified disagreement", nil])
        #expect((claims[0]["switchingTimes"] as? [[String: String]])?.allSatisfy { $0["basis"] == "certified" } == true)
    }
}
