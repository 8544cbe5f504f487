import Foundation
import PhasecheckTestSupport
import Testing

/// `phasecheck phase FILE --sign E --grid ...`: phase diagrams over ordinary parameters.
struct ParameterPhaseTests {
    static let kunin = "derivations/kunin_get_rich_quick.phc"
    /// The growth of a deviation from the minimum over 8 GD steps (Kunin et al. K13).
    static let growth = "abs(dot(a*w - bstar, bhat))/abs(dot(a0*w0 - bstar, bhat)) - 1"
    static let boundary = "eps*sqrt(dc^2 + 4*eta_a*eta_w*(b1^2 + b2^2 + b3^2)) - 2"

    static func run(_ grid: String, claimed: String = boundary, format: String = "json") throws -> CLI.Result {
        try CLI.run(["phase", kunin, "--scenario", "edge", "--sign", growth, "--step", "8", "--grid", grid,
                     "--claimed", claimed, "--phases", "stable,unstable", "--digits", "20", "--format", format])
    }

    @Test func gradientDescentIsStableExactlyBelowTwoOverKappa() throws {
        // At eta_a = 2, eta_w = 1/2, delta = -0.4: eps_c = 2/kappa_inf = 0.859867160784695542940711487852
        // (seed-systems-checks/grq_bias_gd.py), so 0.85 is stable and 0.87 is not.
        let result = try Self.run("eps=0.5:0.85:0.35,eta_a=2:2:1")
        let result2 = try Self.run("eps=0.87:1.2:0.33,eta_a=2:2:1")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result2.status == 0, "\(result2.stderr)")
        let points = (result.stdout + result2.stdout).split(separator: "\n").filter { $0.contains("\"type\":\"point\"") }
        #expect(points.count == 4)
        let found = points.map { line in line.contains("\"found\":\"stable\"") ? "stable" : line.contains("\"found\":\"unstable\"") ? "unstable" : "?" }
        #expect(found == ["stable", "stable", "unstable", "unstable"], "\(points)")
        #expect(points.allSatisfy { $0.contains("\"certified\":true") })
    }

    /// The SVG is well-formed XML with one cell per grid point, the axes named and every phase in the
    /// legend; the true boundary (eps_c = 0.8599 at eta_a = 2, as above) is not contradicted anywhere.
    @Test(.enabled(if: Python.path != nil, "needs python3 to parse the SVG"))
    func theDiagramIsAWellFormedSVG() throws {
        let result = try Self.run("eps=0.5:0.9:0.2,eta_a=2:3:1", format: "svg")
        #expect(result.status == 0, "\(result.stderr)")
        let svg = try ParsedSVG.parse(result.stdout)
        #expect(svg.groups["cells"] == 6)
        #expect(svg.groups["disagreements"] == 0)
        for text in ["eps", "eta_a", "stable", "unstable", "undecided", "claimed boundary", "disagreements: 0"] {
            #expect(svg.texts.contains(text), "\(text) in \(svg.texts)")
        }
    }

    @Test func aWrongClaimedBoundaryDisagreesAndExitsOne() throws {
        // 1.8 instead of 2 moves the claimed boundary to eps = 0.774 at eta_a = 2: eps = 0.8 disagrees.
        let result = try Self.run("eps=0.6:0.8:0.2,eta_a=2:2:1", claimed: Self.boundary.replacingOccurrences(of: "- 2", with: "- 1.8"), format: "text")
        #expect(result.status == 1)
        #expect(result.stdout.contains("1 disagreeing"), "\(result.stdout)")
        #expect(result.stdout.contains("claimed unstable, found stable"))
    }

    @Test func theGridMustNameParametersAndATimeForAMovingQuantity() throws {
        let axis = try CLI.run(["phase", Self.kunin, "--sign", "eps - 1", "--grid", "zeta=0:1:1/2"])
        #expect(axis.status != 0)
        #expect(axis.stderr.contains("`zeta` is not a parameter"), "\(axis.stderr)")
        let moving = try CLI.run(["phase", Self.kunin, "--sign", "a - 1", "--grid", "eps=0:1:1/2"])
        #expect(moving.status != 0)
        #expect(moving.stderr.contains("--at T or --step N"), "\(moving.stderr)")
    }
}
