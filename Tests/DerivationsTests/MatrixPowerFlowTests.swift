import Foundation
import PhasecheckDerivations
import Testing

/// sqrtm and powm of a matrix that changes along the flow, in ODEs (the Taylor integrator's root recurrence)
/// and differentiated (`dpowm`), end to end: the Bures-Wasserstein gradient flow of Chewi et al. (2020)
/// with its geodesic closed form (Fixtures/bures_wasserstein_flow.phc; reference values from
/// bures_wasserstein_flow.mpmath.py), and Theorem 1 of Arora et al. (2018) integrated as an ODE next to the
/// layers (Fixtures/arora_theorem1_flow.phc; arora_depth3_reference.py).
struct MatrixPowerFlowTests {
    static let flow = "bures_wasserstein_flow"

    static func results(_ name: String, text: String? = nil, digits: Int = 30) throws -> [String: ClaimResult] {
        try Fixture.results(name, text: text) { $0.parameterDraws = 2; $0.timeSamples = 3; $0.digits = digits }
    }

    /// The ODE has sqrtm and powm(., -1/2) of the state (integrated), the closed form's check differentiates
    /// nothing varying inside them, and the rate claim differentiates sqrtm(sqrtm(Sigma) S1 sqrtm(Sigma)):
    /// dpowm twice, nested, evaluated in intervals.
    @Test func theGeodesicClosedFormAndTheDecayHold() throws {
        let results = try Self.results(Self.flow)
        #expect(results.count == 3)
        for (name, result) in results { #expect(result.status == .holds, "\(name): \(result.status) \(result.detail)") }
    }

    /// The geodesic run at speed 1 - exp(-2t) and a decay rate of 2.1 both fail (certainly: the closed form's
    /// residual and the rate along it are interval enclosures).
    @Test func aWrongSpeedAndAWrongRateFail() throws {
        let text = try Fixture.text(Self.flow, planting: [("let s = 1 - exp(-t)", "let s = 1 - exp(-2*t)"),
                                                          ("rate W2sq == -2*W2sq", "rate W2sq == -2.1*W2sq")])
        let results = try Self.results(Self.flow, text: text)
        for (name, result) in results { #expect(result.status == .fails, "\(name): \(result.status) \(result.detail)") }
    }

    /// Theorem 1's flow of We, integrated with its fractional powers of the state, equals the layers' product
    /// and mpmath's We(1) (at 15 digits here, to stay fast; `phasecheck verify` of the fixture holds at 30).
    @Test func theoremOneIntegratedAsAnOdeFollowsTheLayers() throws {
        let text = try Fixture.text("arora_theorem1_flow", planting: [("] digits 30", "] digits 15")])
        let results = try Self.results("arora_theorem1_flow", text: text, digits: 15)
        #expect(results.count == 2)
        for (name, result) in results { #expect(result.status == .holds, "\(name): \(result.status) \(result.detail)") }
    }
}
