@testable import PhasecheckExpressions
import Testing

/// `Substitution` shares its memo between expressions; its results must be those of `Expr.substituting`
/// (nodes are hash-consed, so equal results are the same node).
struct SubstitutionTests {
    @Test func aSharedMemoGivesWhatSubstitutingGives() throws {
        // A chain l_i = l_(i-1) * u + t, each containing the previous, as expanded lets are.
        var chain = [Expr.symbol("u")]
        for _ in 1..<200 { chain.append(chain.last! * Expr.symbol("u") + Expr.symbol("t")) }
        let replacements = ["u": Expr.symbol("u0"), "t": Expr.number(0)]
        var substitution = Substitution(replacements)
        for e in chain.reversed() { #expect(substitution.apply(to: e) === e.substituting(replacements)) }
        // Simultaneous: a replacement is not itself rewritten.
        var swap = Substitution(["x": Expr.symbol("y"), "y": Expr.symbol("x")])
        let e = try ExpressionParser.parse("x - 2*y")
        #expect(swap.apply(to: e) === (try ExpressionParser.parse("y - 2*x")))
    }

    @Test func aDeepChainNeedsNoStack() {
        // 50,000 nested additions: a recursive walk would overflow the stack.
        var e = Expr.symbol("u")
        for _ in 0..<50_000 { e = e + Expr.symbol("t") }
        var substitution = Substitution(["t": Expr.number(1)])
        var node = substitution.apply(to: e), depth = 0
        while node.arguments.count == 2 {
            #expect(node.arguments[1] === Expr.number(1))
            node = node.arguments[0]
            depth += 1
        }
        #expect(depth == 50_000 && node === Expr.symbol("u"))
    }
}
