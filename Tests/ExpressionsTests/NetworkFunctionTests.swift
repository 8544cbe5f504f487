@testable import PhasecheckExpressions
import PhasecheckNumbers
import Testing

/// `relu` and `sigmoid`, as network papers write them, are read as the language's own max and exp forms (a user
/// writing `relu(w*x)` got "unknown function"), so every rule for kinks and exp applies to them unchanged.
struct NetworkFunctionTests {
    @Test func reluAndSigmoidAreTheirDefinitions() throws {
        #expect(try ExpressionParser.parse("relu(w*x - 1)") === (try ExpressionParser.parse("max(w*x - 1, 0)")))
        #expect(try ExpressionParser.parse("sigmoid(2*z)") === (try ExpressionParser.parse("1/(1 + exp(-(2*z)))")))
        // Values at a point, against the definition by hand: relu(-3) = 0, relu(5/2) = 5/2 (the simplifier folds max of
        // numbers; sigmoid's exp it keeps, so sigmoid is checked by its form above).
        for (text, value) in [("relu(-3)", BigRational(0)), ("relu(5/2)", BigRational(5, 2))] {
            #expect(try ExpressionParser.parse(text).simplified().numberValue == value, "\(text)")
        }
    }

    @Test func theirArityIsChecked() {
        #expect(throws: ParseError.self) { try ExpressionParser.parse("relu(x, 1)") }
        #expect(throws: ParseError.self) { try ExpressionParser.parse("sigmoid()") }
    }
}
