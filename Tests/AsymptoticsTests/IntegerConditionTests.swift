@testable import PhasecheckAsymptotics
import PhasecheckExpressions
import PhasecheckNumbers
import Testing

/// `IntegerCondition`, the machine-integer form of `ExponentCondition` that a phase sweep decides at each
/// point, against the definition: `e relation 0` read from the sign of `e` evaluated in exact rationals
/// (independent of the condition's max-of-min decomposition and of the integer arithmetic).
@Suite struct IntegerConditionTests {
    static let symbols = ["x", "y"]
    /// Kinked exponents (abs, max, min) whose zero sets pass through grid points, so that `=`, `<=` and
    /// `>=` are decided on the boundary too.
    static let exponents = ["abs(x - 2*y) + max(x, 1/3 - y) - 1/2", "min(x, y) - max(-x, y/2)", "3*x - y + 1/6"]

    @Test(arguments: exponents)
    func decidesAsTheExponentsSign(_ text: String) throws {
        let e = try PiecewiseLinearExponent(expression: ExpressionParser.parse(text))
        let relations: [ExponentCondition.Relation] = [.less, .lessOrEqual, .equal, .greaterOrEqual, .greater]
        var boundaryPoints = 0
        for relation in relations {
            let integer = try #require(IntegerCondition(ExponentCondition(e, relation), symbols: Self.symbols))
            for i in -12...12 { for j in -12...12 {
                let point = ScaledPoint(numerators: [i, j], denominator: 6)
                let sign = try e.value(at: point.values(symbols: Self.symbols)).sign
                if sign == 0 && relation == .equal { boundaryPoints += 1 }
                #expect(integer.holds(at: point) == relation.holds(sign), "\(text) \(relation.rawValue) 0 at x = \(i)/6, y = \(j)/6")
            } }
        }
        #expect(boundaryPoints > 0, "the grid should meet the zero set of \(text)")
    }

    /// Where machine integers would overflow the answer is nil (the sweep then uses the rational condition).
    @Test func overflowIsNotAnAnswer() throws {
        let e = try PiecewiseLinearExponent(expression: ExpressionParser.parse("x + y"))
        let integer = try #require(IntegerCondition(ExponentCondition(e, .greater), symbols: Self.symbols))
        #expect(integer.holds(at: ScaledPoint(numerators: [Int.max, Int.max], denominator: 1)) == nil)
        #expect(integer.holds(at: ScaledPoint(numerators: [1, 1], denominator: 1)) == true)
    }
}
