import Foundation
import PhasecheckTestSupport
import Testing

/// `phasecheck fixedpoints`: every fixed point in a box, classified. References from
/// Tests/DerivationsTests/Fixtures/fixed_points.mpmath.py (mpmath 1.3, 40 digits; its output quoted here).
struct FixedPointsCommandTests {
    /// A damped Duffing oscillator: a saddle at 0 (eigenvalues -1.28077640640441513745535246399 and
    /// 0.780776406404415137455352463994) and stable foci at (+-1, 0) (-0.25 +- 1.39194109070750548052986782473 i).
    static let duffing = """
    state x = 0.3
    state y = 0
    ode x' = y
    ode y' = -y/2 + x - x^3
    claim "origin": fixedpoint o = [0, 0]
    """

    @Test func findsAndClassifiesEveryFixedPointOfTheDuffingOscillator() throws {
        let file = try CLI.temporaryFile(named: "duffing.phc", contents: Self.duffing)
        let result = try CLI.run(["fixedpoints", file, "--box", "x=-2:2,y=-3:3", "--digits", "20"])
        #expect(result.status == 0, "\(result.stderr)")
        let text = result.stdout
        #expect(text.contains("3 fixed points in the box; every part of it was decided, so there are no others"), "\(text)")
        #expect(text.components(separatedBy: "stable focus").count == 3)
        #expect(text.contains("saddle\n    x = 0 (|x| <= "))
        #expect(text.contains("eigenvalues: -1.2807764064044151375, 0.78077640640441513746"))
        #expect(text.contains("eigenvalues: -0.25 +- 1.3919410907075054805 i"))
        #expect(text.contains("x = -1\n    y = 0") && text.contains("x = 1\n    y = 0"))
    }

    @Test func jsonListsThePointsAndFollowsTheSchema() throws {
        let file = try CLI.temporaryFile(named: "duffing.phc", contents: Self.duffing)
        let result = try CLI.run(["fixedpoints", file, "--box", "x=0.5:2,y=-1:1", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["type"] as? String == "fixedpoints" && object["complete"] as? Bool == true && object["dynamics"] as? String == "flow")
        let points = try #require(object["points"] as? [[String: Any]])
        #expect(points.count == 1)
        #expect((points.first?["coordinates"] as? [String: String]) == ["x": "1", "y": "0"])
        #expect(points.first?["stability"] as? String == "stable focus")
        guard Python.has("jsonschema") else { return }
        let schema = CLI.packageRoot.appendingPathComponent("docs/phasecheck-output.schema.json").path
        let check = try Python.run(DataOutputTests.validator, [schema, try CLI.temporaryFile(named: "fixedpoints.json", contents: result.stdout)])
        #expect(check.status == 0, "\(check.output)")
    }

    @Test func anIncompleteSearchSaysSoAndExitsWith1() throws {
        // u' = -(u w - 1) w, w' = -(u w - 1) u: the whole hyperbola u w = 1 is fixed.
        let curve = "state u = 1\nstate w = 1\node u' = -(u*w - 1)*w\node w' = -(u*w - 1)*u\nclaim \"c\": fixedpoint p = [1, 1]\n"
        let file = try CLI.temporaryFile(named: "curve.phc", contents: curve)
        let result = try CLI.run(["fixedpoints", file, "--box", "u=0.5:2,w=0.5:2", "--max-boxes", "300"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("could not be decided"), "\(result.stdout)")
        #expect(result.stderr.contains("the search of the box was not complete"))
    }

    /// Like `verify` and `solve`, the search stops on counted work (`--max-boxes`), the same on every machine; the
    /// wall clock (`--max-seconds`) is a safety net that is off unless the user sets it (it was 120 s by default),
    /// and a search it cuts says so.
    @Test func theWallClockIsASafetyNetTheUserSets() throws {
        let help = try CLI.run(["fixedpoints", "--help"])
        #expect(help.stdout.contains("Off by default") && !help.stdout.contains("default: 120"), "\(help.stdout)")
        let curve = "state u = 1\nstate w = 1\node u' = -(u*w - 1)*w\node w' = -(u*w - 1)*u\nclaim \"c\": fixedpoint p = [1, 1]\n"
        let file = try CLI.temporaryFile(named: "curve.phc", contents: curve)
        let counted = try CLI.run(["fixedpoints", file, "--box", "u=0.5:2,w=0.5:2", "--max-boxes", "300"])
        #expect(counted.status == 1)
        #expect(counted.stderr.contains("raise --max-boxes (counted, the same on every machine)") && !counted.stderr.contains("wall-clock"), "\(counted.stderr)")
        let timed = try CLI.run(["fixedpoints", file, "--box", "u=0.5:2,w=0.5:2", "--max-seconds", "1e-9"])
        #expect(timed.status == 1)
        #expect(timed.stderr.contains("stopped by the wall-clock limit of --max-seconds"), "\(timed.stderr)")
        let refused = try CLI.run(["fixedpoints", file, "--box", "u=0.5:2,w=0.5:2", "--max-seconds", "0"])
        #expect(refused.status == 2 && refused.stderr.contains("--max-seconds must be"), "\(refused.stderr)")
    }

    @Test(arguments: [
        (["--box", "x=-1:1"], "no range for the state `y`"),
        (["--box", "x=-1:1,y=1:0"], "the low end must be below the high end"),
        (["--box", "x=-1:1,y"], "expected NAME=LOW:HIGH"),
        (["--box", "x=-1:1,y=-1:1,z=0:1"], "`z` in --box is not a state"),
    ])
    func badBoxesAreInputErrors(arguments: [String], message: String) throws {
        let file = try CLI.temporaryFile(named: "duffing.phc", contents: Self.duffing)
        let result = try CLI.run(["fixedpoints", file] + arguments)
        #expect(result.status == 2)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    /// Oja's rule on a vector state (FixedPointClaimTests.oja; SymPy): 0 unstable, +-(1, 1)/sqrt(2) stable,
    /// +-(1, -1)/sqrt(2) saddles; `--box w=-2:2` bounds every entry of w.
    @Test func findsTheFixedPointsOfAVectorState() throws {
        let oja = "param c = 2\nparam e = 1\nstate w[2] = [0.3, 0.1]\nlet C = [[c, e], [e, c]]\node w' = C @ w - dot(w, C @ w)*w\n"
        let file = try CLI.temporaryFile(named: "oja.phc", contents: oja)
        let result = try CLI.run(["fixedpoints", file, "--box", "w=-2:2", "--digits", "20"])
        #expect(result.status == 0, "\(result.stderr)")
        let text = result.stdout
        #expect(text.contains("5 fixed points in the box; every part of it was decided, so there are no others"), "\(text)")
        #expect(text.components(separatedBy: "stable node").count == 3 + 1, "two stable, one unstable node: \(text)")
        #expect(text.components(separatedBy: "saddle").count == 3)
        #expect(text.contains("w[1] = 0.7071067811865475244\n"), "sqrt(1/2) = 0.70710678118654752440084 to 20 digits: \(text)")
    }
}
