import PhasecheckAsymptotics
import PhasecheckExpressions
import PhasecheckNumbers
import Testing

/// Issue 18: the walks over expression trees in the width analyses must not overflow the stack. Sums
/// (the common huge case: a flat sum parsed as a chain of `+` as deep as it is long) are expanded without
/// recursion; other deep nesting is refused by the symbolic analysis with a clear error past
/// `WidthLimit.maximumNesting`, and expanded without recursion by the series expander.
@Suite struct DeepExpressionTests {
    static let limit = WidthLimit(scalings: ["gamma": .power(of: "alpha", sign: -1)])
    static let gamma = Expr.symbol("gamma")

    /// `gamma + gamma + ... + gamma` (n terms), nested as the parser nests it: ((gamma + gamma) + gamma) + ...
    static func flatSum(_ n: Int) -> Expr {
        var sum = gamma
        for _ in 1..<n { sum = sum + gamma }
        return sum
    }

    /// The independent value: n copies of d^-alpha are n d^-alpha.
    @Test func aFlatSumOfAHundredThousandTermsIsExpanded() throws {
        let n = 100_000
        let sum = Self.flatSum(n)
        let leading = try #require(Self.limit.leadingBehavior(of: sum, at: ["alpha": BigRational(1, 2)]).leadingBehavior)
        #expect(leading.exponent == BigRational(-1, 2))
        #expect(leading.exactCoefficient == BigRational(n))
        let symbolic = try Self.limit.leadingExponent(of: sum)
        #expect(symbolic.exponent.description == "-alpha")
        #expect(symbolic.sign == 1)
    }

    /// sqrt(sqrt(...sqrt(gamma))) k deep is d^(-alpha / 2^k) with coefficient 1.
    @Test func deepNestingIsExpandedOrRefusedClearly() throws {
        var nested = Self.gamma
        for _ in 0..<(WidthLimit.maximumNesting + 10) { nested = .call(.sqrt, nested) }
        // The series expander needs no stack per level.
        let leading = try #require(Self.limit.leadingBehavior(of: nested, at: ["alpha": 0]).leadingBehavior)
        #expect(leading.exponent == 0)
        #expect(leading.exactCoefficient == 1)
        // The symbolic analysis refuses it, naming the limit.
        #expect {
            _ = try Self.limit.leadingExponent(of: nested)
        } throws: { error in
            "\(error)".contains("more than \(WidthLimit.maximumNesting) levels deep")
        }
        // At the limit it answers (so the limit leaves stack to spare, here in a test thread of a debug
        // build): k = maximumNesting - 2 roots of d^-alpha (the symbol and its scaling coefficient are the other two
        // levels) are d^(-alpha / 2^k).
        let k = WidthLimit.maximumNesting - 2
        var within = Self.gamma
        for _ in 0..<k { within = .call(.sqrt, within) }
        let expected = PiecewiseLinearExponent.symbol("alpha").scaled(by: -(BigRational(1, 2).power(k)))
        #expect(try Self.limit.leadingExponent(of: within).exponent.description == expected.description)
    }
}
