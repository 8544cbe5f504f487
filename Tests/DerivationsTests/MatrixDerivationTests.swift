import Foundation
import PhasecheckDerivations
import PhasecheckExpressions
import PhasecheckNumbers
import Testing

/// Matrices and named sizes in derivation files (issue 11): a two-layer linear network with unequal layer
/// sizes, checked against mpmath (Fixtures/two_layer_matrix_reference.py), and the reader's shape errors.
struct MatrixDerivationTests {
    static let shapes = """
        dim n = 4
        dim m = 3
        state W[n, m] = zeros(n, m)
        state u[n] = [1, 2, 3, 4]
        ode W' = W @ u
        ode u' = -u
        claim "trace": invariant sum(W)
        """

    @Test func theTwoLayerNetworkHoldsEntryByEntry() throws {
        let results = try Fixture.results("two_layer_matrix") { $0.parameterDraws = 2; $0.timeSamples = 3 }
        Fixture.expectPlantedOnlyFail(results, file: "two_layer_matrix")
        let invariant = try #require(results["the balancedness W2^T W2 - W1 W1^T is conserved"])
        // The worst entry of a 2 x 2 matrix is named by its row and column.
        let component = try #require(invariant.worstCase.first { $0.name == "component" }?.value)
        #expect(["(1,1)", "(1,2)", "(2,1)", "(2,2)"].contains(component))
    }

    /// A reference entry changed in its 20th digit (mpmath's value of (W2 W1)_{1,2} at t = 2 is
    /// 0.636606167366894628021519710857) fails at that entry.
    @Test func aWrongEntryFailsAtItsRowAndColumn() throws {
        let text = try String(contentsOf: Fixture.folder.appendingPathComponent("two_layer_matrix.phc"), encoding: .utf8)
            .replacingOccurrences(of: "0.636606167366894628021519710857", with: "0.636606167366894628031519710857")
            .replacingOccurrences(of: "W2 W1 at t = 2", with: "W2 W1 at t = 2 (PLANTED)")
        let results = try Fixture.results("two_layer_matrix", text: text) { $0.parameterDraws = 2; $0.timeSamples = 3 }
        Fixture.expectPlantedOnlyFail(results, file: "two_layer_matrix (planted)")
        let planted = try #require(results["W2 W1 at t = 2 (PLANTED)"])
        #expect(planted.worstCase.first { $0.name == "component" }?.value == "(1,2)")
    }

    static let saxe = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("derivations/saxe_deep_linear.phc")

    /// Saxe et al. (2014) as bundled: every claim holds, the integrated end-to-end map at t = 1 against
    /// mpmath's own integration of the matrix ODEs (saxe_deep_linear_reference.py).
    @Test func saxeDeepLinearHolds() throws {
        let text = try String(contentsOf: Self.saxe, encoding: .utf8)
        let results = try Fixture.results("saxe_deep_linear", text: text) { $0.parameterDraws = 2; $0.timeSamples = 3 }
        #expect(results.count == 10)
        Fixture.expectPlantedOnlyFail(results, file: "saxe_deep_linear")
    }

    /// The sigmoid with the wrong rate (e^{-s t} for e^{-2 s t}): the closed form no longer solves the
    /// flow, the learning times and mpmath's end-to-end map disagree.
    @Test func aWrongSigmoidFails() throws {
        let text = try String(contentsOf: Self.saxe, encoding: .utf8).replacingOccurrences(of: "exp(-2*s*t/tau)", with: "exp(-s*t/tau)")
        let results = try Fixture.results("saxe_deep_linear", text: text) { $0.parameterDraws = 2; $0.timeSamples = 3 }
        for name in ["the decoupled sigmoids solve the gradient flow", "the strong mode reaches s/2 at t = tau/(2s) ln((s - u0)/u0)",
                     "the weak mode reaches s/2 later, at its own learning time", "W32 W21 at t = 1 (mpmath, integrated)"] {
            #expect(results[name]?.status == .fails, "\(name): \(String(describing: results[name]?.status))")
        }
    }

    @Test func aShapeMistakeIsReportedAtItsLineAndColumn() {
        do {
            _ = try DerivationParser.parse(Self.shapes, file: "shapes.phc")
            Issue.record("the shape mistake was not reported")
        } catch {
            #expect(error.location == SourceLocation(line: 5, column: 10))
            #expect(error.message == "cannot multiply a 4x3 matrix by a 4-vector in `W @ u` in the ODE of `W`")
        }
    }

    /// Two sides with as many entries but different shapes are not compared entry by entry.
    @Test func theTwoSidesOfAClaimMustHaveOneShape() {
        let text = Self.shapes.replacingOccurrences(of: "W @ u", with: "W")
            + "\nclaim \"sides\": identity W == transpose(W)"
        do {
            _ = try DerivationParser.parse(text, file: "sides.phc")
            Issue.record("a 4x3 matrix was compared with a 3x4 one")
        } catch {
            #expect(error.location.line == 8)
            #expect(error.message.contains("the two sides of claim \"sides\" are a 4x3 matrix and a 3x4 matrix"))
        }
    }

    @Test func sizesAreSetFromTheCommandLine() throws {
        let text = Self.shapes.replacingOccurrences(of: "W @ u", with: "outer(u, [1, 2, 3])")
        let derivation = try DerivationParser.parse(text, file: "sizes.phc")
        let model = try Model(derivation, overrides: [(name: "n", value: Expr.number(5)), (name: "u", value: ExpressionParser.parse("[1, 2, 3, 4, 5]"))])
        #expect(model.shape(of: derivation.states[0]) == .matrix(5, 3))
        #expect(throws: DerivationError.self) { try Model(derivation, overrides: [(name: "n", value: Expr.number(0))]) }
    }

    /// (ModelMemoryTests checks the estimate behind the refusal, and that the sizes that fit are accepted.)
    @Test func sizesBeyondTheMachineAreRefusedBeforeAnyWork() throws {
        let text = Self.shapes.replacingOccurrences(of: "dim n = 4", with: "dim n = 100000")
            .replacingOccurrences(of: "W @ u", with: "W @ transpose(W) @ W")
        do {
            _ = try DerivationParser.parse(text, file: "huge.phc")
            Issue.record("a size of 100000 was accepted")
        } catch {
            #expect(error.location == SourceLocation(line: 1, column: 5))
            #expect(error.message.contains("n = 100000 is more than this machine can hold") && error.message.contains("fits"), "\(error)")
        }
    }

    @Test func anInitialValueOfTheWrongShapeIsRefused() {
        let text = Self.shapes.replacingOccurrences(of: "zeros(n, m)", with: "eye(n)").replacingOccurrences(of: "W @ u", with: "W")
        do {
            _ = try DerivationParser.parse(text, file: "initial.phc")
            Issue.record("a 4x4 initial value of a 4x3 state was accepted")
        } catch {
            #expect(error.message.contains("expected a 4x3 matrix as the initial value of `W`, found `eye(4)` (a 4x4 matrix)"))
        }
    }
}
