import Foundation
import PhasecheckDerivations
import PhasecheckExpressions
import PhasecheckNumbers
import Testing

/// Matrices as a user meets them (issue 11): a derivation written from a paper not bundled (Tarmoun et al.
/// 2021, Fixtures/m01_tarmoun_imbalance.phc with mpmath as referee), limits of matrices as t -> inf, and
/// constant matrices given new values.
struct MatrixUserTests {
    static let tarmoun = "m01_tarmoun_imbalance"
    static let limits = ["U V^T -> Y", "the error Y - U V^T -> 0"]

    /// Every claim holds (m01_tarmoun_imbalance.mpmath.out: the imbalance and the sqrtm identity hold to 1e-50
    /// along mpmath's integration, |U V^T - Y| falls from 0.69 at t = 1 to 3.4e-8 at t = 32, and U V^T at
    /// t = 1 is the value in the file). A limit may stay undecided only when its 10 seconds ran out (the
    /// machine is shared while the suite runs), never fail.
    @Test func tarmounImbalanceHolds() throws {
        let results = try Fixture.results(Self.tarmoun) { $0.parameterDraws = 2; $0.timeSamples = 3 }
        #expect(results.count == 6)
        for (name, r) in results {
            if Self.limits.contains(name) && r.status == .undecided {
                #expect(r.detail.contains("stopped after 10 s"), "\(name): \(r.detail)")
            } else {
                #expect(r.status == .holds, "\(name): \(r.status) \(r.detail)")
            }
        }
        let mpmath = try #require(results["U V^T at t = 1 (mpmath)"])
        #expect(mpmath.worstCase.contains { $0.name == "component" })
    }

    /// Planted mistakes: a target entry changed (U V^T tends to Y, so a limit Y' fails, at the changed entry),
    /// and the imbalance claimed for U U^T - V V^T (3 x 3 against 2 x 2: a shape error) replaced by
    /// U^T U + V^T V, which grows (mpmath: A + C = sqrtm(lam^2 I + 4 A C) with A C growing as U V^T -> Y).
    @Test func plantedMistakesFailAtTheirEntry() throws {
        let text = try String(contentsOf: Fixture.folder.appendingPathComponent(Self.tarmoun + ".phc"), encoding: .utf8)
            .replacingOccurrences(of: "claim \"U V^T -> Y\": value U @ transpose(V) at t = inf == Y",
                                  with: "claim \"U V^T -> Y' (PLANTED)\": value U @ transpose(V) at t = inf == Y + [[0, 0], [0, 0], [0, 1/1000]]")
            .replacingOccurrences(of: "claim \"the imbalance U^T U - V^T V is conserved\": invariant A - C",
                                  with: "claim \"U^T U + V^T V is conserved (PLANTED)\": invariant A + C")
        let results = try Fixture.results(Self.tarmoun, text: text) { $0.parameterDraws = 2; $0.timeSamples = 3 }
        let limit = try #require(results["U V^T -> Y' (PLANTED)"])
        #expect(limit.status == .fails, "\(limit.status) \(limit.detail)")
        #expect(limit.worstCase.first { $0.name == "component" }?.value == "(3,2)")
        #expect(results["U^T U + V^T V is conserved (PLANTED)"]?.status == .fails)
    }

    /// W' = 8 (S - W) tends to S entry by entry (W = S + (W0 - S) e^{-8t}: at t = 16 the gap is below
    /// 10^-54); a scalar limit V is compared with every entry; a wrong entry fails there.
    @Test func matrixLimitsAreJudgedEntryByEntry() throws {
        let text = """
            dim n = 2
            param S[n, n] = [[1, 0], [-1, 2]]
            state W[n, n] = eye(n)/10
            horizon 1
            ode W' = 8*(S - W)
            claim "W -> S": value W at t = inf == S
            claim "S - W -> 0": value S - W at t = inf == 0
            claim "W -> S' (PLANTED)": value W at t = inf == S + [[0, 0], [1/100, 0]]
            """
        let results = try Fixture.results("matrix_limits", text: text)
        Fixture.expectPlantedOnlyFail(results, file: "matrix_limits")
        #expect(results["W -> S' (PLANTED)"]?.worstCase.first { $0.name == "component" }?.value == "(2,1)")
        #expect(results["W -> S"]?.worstCase.contains { $0.name == "component" } == true)
    }

    static let constants = """
        dim n = 2
        param a = 1
        param S[n, n] = [[1, 0], [0, 2]]
        state W[n, n] = zeros(n, n)
        horizon 1
        ode W' = S - W
        claim "W(1) = (1 - e^-1) S": value W at t = 1 == (1 - exp(-1))*S
        claim "W(1)[2, 2] = 2 (1 - e^-1)": value W[2, 2] at t = 1 == 2*(1 - exp(-1))
        """

    /// A constant matrix takes a new value (`--set`, a scenario) when it has the declared shape, and the
    /// flow and every claim then use it: W(1) = (1 - e^-1) S holds for any S, the literal 2 (1 - e^-1) only
    /// while S_22 = 2. A value of another shape is refused, naming both shapes.
    @Test func aConstantMatrixIsSetWithItsShapeChecked() throws {
        let d = try Fixture.derivation("constants", text: Self.constants)
        func results(_ value: String) throws -> [String: ClaimResult.Status] {
            var options = VerifyOptions()
            options.overrides = [("S", try ExpressionParser.parse(value))]
            return Dictionary(uniqueKeysWithValues: Verifier(derivation: d, options: options).verifyAll().map { ($0.name, $0.status) })
        }
        let same = try results("[[1, 0], [0, a + 1]]")
        #expect(same.values.allSatisfy { $0 == .holds }, "\(same)")
        let other = try results("[[3, 0], [-1, 5]]")
        #expect(other["W(1) = (1 - e^-1) S"] == .holds && other["W(1)[2, 2] = 2 (1 - e^-1)"] == .fails, "\(other)")
        // A scenario sets it the same way, and is refused at its line with another shape.
        let scenarios = Self.constants + "\nscenario wide: S = 2*eye(n)\nclaim \"under wide\": value W[1, 1] at t = 1 == 2*(1 - exp(-1)) under wide"
        let wide = Verifier(derivation: try Fixture.derivation("constants", text: scenarios), options: VerifyOptions()).verifyAll()
        #expect(wide.allSatisfy { $0.status == .holds }, "\(wide.map { ($0.name, $0.status) })")
        #expect {
            _ = try Model(try Fixture.derivation("constants", text: Self.constants + "\nscenario bad: S = [1, 2]"), scenario: "bad")
        } throws: { error in
            "\(error)".contains("constants.phc:9:10: error: scenario `bad`: `S` is declared a 2x2 matrix, but `[1, 2]` is a 2-vector")
        }
        for (value, message) in [("[[3, 0]]", "`S` is declared a 2x2 matrix, but `[[3, 0]]` is a 1x2 matrix"),
                                 ("[1, 2]", "`S` is declared a 2x2 matrix, but `[1, 2]` is a 2-vector")] {
            #expect {
                _ = try Model(d, overrides: [("S", try ExpressionParser.parse(value))])
            } throws: { error in
                "\(error)".contains("constants.phc:3:7: error: --set: " + message)
            }
        }
    }
}
