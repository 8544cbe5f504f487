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

    /// x' = a x + y - x^3, y' = x + b y - y^3: the origin's Jacobian is [[a, 1], [1, b]]. SymPy's eigenvalues
    /// (sympy.Matrix.eigenvals, run for this test) classify the grid a, b in -2..2, rows a = -2..2, columns b = -2..2:
    /// undecided where a b = 1 (a zero eigenvalue).
    static let coupled = """
    param a = -1 in [-3, 3]
    param b = -2 in [-3, 3]
    state x = 0.1
    state y = 0.1
    ode x' = a*x + y - x^3
    ode y' = x + b*y - y^3
    claim "the origin": fixedpoint origin = [0, 0]
    claim "it is stable": stable at origin
    """
    static let sympyClasses = [
        ["stable", "stable", "saddle", "saddle", "saddle"],
        ["stable", "undecided", "saddle", "saddle", "saddle"],
        ["saddle", "saddle", "saddle", "saddle", "saddle"],
        ["saddle", "saddle", "saddle", "undecided", "unstable"],
        ["saddle", "saddle", "saddle", "unstable", "unstable"],
    ]

    @Test func theStabilityOfANamedFixedPointClassifiesEachPoint() throws {
        let file = try CLI.temporaryFile(named: "coupled.phc", contents: Self.coupled + "\n")
        let result = try CLI.run(["phase", file, "--stability", "origin", "--grid", "a=-2:2:1,b=-2:2:1", "--format", "json"])
        #expect(result.status == 1, "two points are undecided: \(result.stderr)")
        let points = result.stdout.split(separator: "\n").filter { $0.contains("\"type\":\"point\"") }
        #expect(points.count == 25)
        let found = points.map { line in ["stable", "unstable", "saddle"].first { line.contains("\"found\":\"\($0)\"") } ?? "undecided" }
        #expect(found == Self.sympyClasses.flatMap { $0 }, "\(found)")
    }

    /// The Hopf normal form x' = mu x - om y - x r^2, y' = om x + mu y - y r^2: the origin has eigenvalues
    /// mu +- i om (by hand): a stable focus for mu < 0, unstable for mu > 0, undecided at mu = 0 (the Hopf point).
    @Test(.enabled(if: Python.path != nil, "needs python3 to parse the SVG"))
    func aHopfDiagramIsDrawnWithTheUndecidedLine() throws {
        let hopf = """
        param mu = -1
        param om = 1
        state x = 0.1
        state y = 0
        ode x' = mu*x - om*y - x*(x^2 + y^2)
        ode y' = om*x + mu*y - y*(x^2 + y^2)
        claim "the origin": stationary origin near [0, 0]
        """
        let file = try CLI.temporaryFile(named: "hopf.phc", contents: hopf + "\n")
        let text = try CLI.run(["phase", file, "--stability", "origin", "--grid", "mu=-1:1:1/2,om=1:2:1"])
        #expect(text.status == 1)
        #expect(text.stdout.contains("10 points: saddle 0") == false)
        #expect(text.stdout.contains("stable 4, undecided 2, unstable 4"), "\(text.stdout)")
        let result = try CLI.run(["phase", file, "--stability", "origin", "--grid", "mu=-1:1:1/2,om=1:2:1", "--format", "svg"])
        let svg = try ParsedSVG.parse(result.stdout)
        #expect(svg.groups["cells"] == 10)
        for label in ["stability of origin", "stable", "saddle", "unstable", "undecided", "mu", "om"] {
            #expect(svg.texts.contains(label), "\(label) in \(svg.texts)")
        }
    }

    /// x' = (x - p)(x - p + 1) + y/4, y' = x - 2y: the fixed point through the origin at p = 0 moves with p
    /// (x = p + sqrt(81 - 32 p)/16 - 9/16, y = x/2) while a second branch, stable, stays 0.72 or more from it.
    /// Started from the declared (0, 0) at every p, Newton's method lands on the other branch from p = 3/4 on;
    /// the sweep follows the declared branch from grid point to grid point instead. Referee:
    /// Tests/DerivationsTests/Fixtures/moving_fixed_point.mpmath.py (sympy's exact branch, mpmath findroot
    /// continued along the grid, mpmath eig: a saddle at every p; its output is the .out file beside it).
    static let moving = """
    param p = 0 in [0, 2]
    state x = 0
    state y = 0
    ode x' = (x - p)*(x - p + 1) + y/4
    ode y' = x - 2*y
    claim "the branch through the origin": stationary P near [0, 0]
    claim "the same branch, where its formula puts it": stationary Pformula near [p + sqrt(81 - 32*p)/16 - 9/16, (p + sqrt(81 - 32*p)/16 - 9/16)/2]
    """
    static let movingBranch = ["0", "0.22150023408234569799", "0.44139110926865935327", "0.65936465220442185608", "0.875",
                               "1.0876952648395530429", "1.2965351654086267912"]

    static func points(_ result: CLI.Result) -> [(found: String, x: String)] {
        result.stdout.split(separator: "\n").filter { $0.contains("\"type\":\"point\"") }.map { line in
            let found = ["stable", "unstable", "saddle"].first { line.contains("\"found\":\"\($0)\"") } ?? "undecided"
            let x = line.firstRange(of: "x = ").map { String(line[$0.upperBound...].prefix { $0 != "," && $0 != " " }) } ?? "?"
            return (found, x)
        }
    }

    @Test func theStabilitySweepFollowsAMovingFixedPoint() throws {
        let file = try CLI.temporaryFile(named: "moving.phc", contents: Self.moving + "\n")
        let result = try CLI.run(["phase", file, "--stability", "P", "--grid", "p=0:3/2:1/4", "--digits", "20", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let points = Self.points(result)
        #expect(points.map(\.found) == Array(repeating: "saddle", count: 7), "\(points)")
        for (point, reference) in zip(points, Self.movingBranch) {
            #expect(reference.hasPrefix(point.x.prefix(17)) || point.x.hasPrefix(reference), "x = \(point.x), mpmath \(reference)")
        }
        // Declared by its formula, the point is taken where the formula puts it, even on a coarse grid.
        let formula = try CLI.run(["phase", file, "--stability", "Pformula", "--grid", "p=0:2:1", "--format", "json"])
        let coarse = Self.points(formula)
        #expect(coarse.map(\.found) == ["saddle", "saddle", "saddle"], "\(coarse) \(formula.stderr)")
        #expect(coarse.map { $0.x.prefix(5) } == ["0", "0.875", "1.695"], "sympy: p + sqrt(81 - 32 p)/16 - 9/16 = 0, 7/8, 1.6952")
    }

    @Test func theGridMustNameParametersAndATimeForAMovingQuantity() throws {
        let axis = try CLI.run(["phase", Self.kunin, "--sign", "eps - 1", "--grid", "zeta=0:1:1/2"])
        #expect(axis.status != 0)
        #expect(axis.stderr.contains("`zeta` is not a parameter"), "\(axis.stderr)")
        let moving = try CLI.run(["phase", Self.kunin, "--sign", "a - 1", "--grid", "eps=0:1:1/2"])
        #expect(moving.status != 0)
        #expect(moving.stderr.contains("--at T or --step N"), "\(moving.stderr)")
    }

    /// A sign that cannot be decided is said to be undecided, with the reason, and never as "certified"
    /// (issue 18): 1/0 has no finite value anywhere; gamma - 3/2 is exactly 0 at gamma = 3/2 (its other
    /// signs are exact facts: negative at 1, positive at 2). Either exits 1.
    @Test func undecidedSignsAreSaidWithTheirReasonAndExitOne() throws {
        let logistic = "derivations/saxe_logistic.phc"
        let pole = try CLI.run(["phase", logistic, "--sign", "1/0", "--grid", "gamma=1:2:1/2"])
        #expect(pole.status == 1, "\(pole.stderr)")
        #expect(pole.stdout.contains("0 disagreeing, 3 undecided; no sign decided"), "\(pole.stdout)")
        #expect(pole.stdout.contains("the sign of 1/0 is undecided: it has no finite value here"), "\(pole.stdout)")
        #expect(!pole.stdout.contains("certified"), "\(pole.stdout)")
        let zero = try CLI.run(["phase", logistic, "--sign", "gamma - 3/2", "--grid", "gamma=1:2:1/2"])
        #expect(zero.status == 1, "\(zero.stderr)")
        #expect(zero.stdout.contains("negative 1, positive 1, undecided 1; 0 disagreeing, 1 undecided; every decided sign certified"), "\(zero.stdout)")
        #expect(zero.stdout.contains("gamma = 3/2: the sign of gamma - 3/2 is undecided: it is exactly 0 here"), "\(zero.stdout)")
        let json = try CLI.run(["phase", logistic, "--sign", "1/0", "--grid", "gamma=1:2:1/2", "--format", "json"])
        #expect(json.status == 1)
        #expect(json.stdout.contains("\"undecided\":3"), "\(json.stdout)")
    }
}
