import PhasecheckExpressions
import PhasecheckNumbers
import Testing

/// `ExactIdentity` against SymPy: every expression here is expanded by
/// Tests/DerivationsTests/Fixtures/exact_identity.sympy.py (output beside it, exact_identity.sympy.out). The identities
/// print 0 there and must be shown 0 here; each planted near-miss prints a nonzero polynomial there and must not.
@Suite struct ExactIdentityTests {
    static func zero(_ source: String) throws -> Bool { ExactIdentity.isZero(try ExpressionParser.parse(source)) }

    @Test(arguments: [
        // sympy: product of sums: 0; cube: 0; partial fractions: 0; quotient rule: 0 (written as the derivative below); Laurent: 0
        "(a + b)*(c - d) - (a*c - a*d + b*c - b*d)",
        "(a - b)^3 - (a^3 - 3*a^2*b + 3*a*b^2 - b^3)",
        "1/(a + b) + 1/(a - b) - 2*a/(a^2 - b^2)",
        "(a^2*b - a*b^2)/(a*b) - (a - b)",
    ])
    func identitiesReduceToZero(source: String) throws {
        #expect(try Self.zero(source), "\(source)")
    }

    @Test(arguments: [
        // sympy: product of sums, planted: b*d; cube, planted: a*b**2; partial fractions, planted: 2/(a + b); Laurent with a changed sign
        "(a + b)*(c - d) - (a*c - a*d + b*c - 2*b*d)",
        "(a - b)^3 - (a^3 - 3*a^2*b + 2*a*b^2 - b^3)",
        "1/(a + b) + 1/(a - b) - 2*b/(a^2 - b^2)",
        "(a^2*b - a*b^2)/(a*b) - (a + b)",
    ])
    func plantedNearMissesDoNotReduce(source: String) throws {
        #expect(try !Self.zero(source), "\(source)")
    }

    /// The quotient rule: d/dx x/(1 + x^2) against (1 - x^2)/(1 + x^2)^2 (sympy: 0), and against the planted
    /// (1 + x^2)/(1 + x^2)^2 (sympy: -2*x**2/(x**2 + 1)**2).
    @Test func rationalFunctionsCompareByCrossMultiplication() throws {
        let derivative = try ExpressionParser.parse("x/(1 + x^2)").derivative(withRespectTo: "x")
        #expect(ExactIdentity.isZero(derivative - (try ExpressionParser.parse("(1 - x^2)/(1 + x^2)^2"))))
        #expect(!ExactIdentity.isZero(derivative - (try ExpressionParser.parse("(1 + x^2)/(1 + x^2)^2"))))
    }

    /// E = x exp(-t) along x' = x: dE/dt = dE/dx x' + dE/dt is 0 with exp(-t) an atom (sympy: 0); along the planted
    /// x' = 2x it is x exp(-t) (sympy).
    @Test func exponentialAtoms() throws {
        let e = try ExpressionParser.parse("x*exp(-t)")
        let (byX, byT) = (try e.derivative(withRespectTo: "x"), try e.derivative(withRespectTo: "t"))
        #expect(ExactIdentity.isZero(byX * .symbol("x") + byT))
        #expect(!ExactIdentity.isZero(byX * (.number(2) * .symbol("x")) + byT))
        // The atom is keyed by its argument's normal form: exp(-t + 0*x) and exp(-t) are one atom.
        #expect(try Self.zero("exp(-t + 0*x) - exp(-t)"))
        #expect(try Self.zero("exp((a + b)^2) - exp(a^2 + 2*a*b + b^2)"))
        #expect(try !Self.zero("exp((a + b)^2) - exp(a^2 + a*b + b^2)"))
    }

    /// Balancedness of a two-layer linear network with 3x3 layers along W1' = W2^T E, W2' = E W1^T, E = S - W2 W1:
    /// d/dt (W1 W1^T - W2^T W2) has 9 entries that expand to 0 (sympy: nonzero entries 0); with the planted flow
    /// W2' = 2 E W1^T all 9 are nonzero (sympy: 9, with 36 terms in entry [1,1]).
    @Test(arguments: [(1, true), (2, false)])
    func balancednessAlongTheTwoLayerFlow(factor: Int, conserved: Bool) throws {
        func matrix(_ name: String) -> (shape: Shape, entries: [Expr]) {
            (.matrix(3, 3), (1...3).flatMap { i in (1...3).map { Expr.index(.symbol(name), i, $0) } })
        }
        var unrolling = EntryUnrolling(inputs: ["W1": matrix("W1"), "W2": matrix("W2"), "S": matrix("S")])
        let rate = try ExpressionParser.parse("""
            transpose(W2) @ (S - W2 @ W1) @ transpose(W1) + W1 @ transpose(transpose(W2) @ (S - W2 @ W1)) \
            - transpose(\(factor)*(S - W2 @ W1) @ transpose(W1)) @ W2 - transpose(W2) @ (\(factor)*(S - W2 @ W1) @ transpose(W1))
            """)
        let entries = try unrolling.unrolled(rate).entries
        #expect(entries.count == 9)
        #expect(entries.filter { ExactIdentity.isZero($0) }.count == (conserved ? 9 : 0))
    }

    /// Over the term budget the normal form is refused, even for an expression that is 0: (a+b+c+d+x+t+1)^14 has
    /// 38,760 terms (sympy), over `maximumTerms`; the square of the same sum is within it.
    @Test func theTermBudgetRefuses() throws {
        #expect(try !Self.zero("(a + b + c + d + x + t + 1)^14 - (a + b + c + d + x + t + 1)^14"))
        #expect(try Self.zero("(a + b + c + d + x + t + 1)^2 - (a + b + c + d + x + t + 1)*(1 + t + x + d + c + b + a)"))
        #expect(!ExactIdentity.isZero(try ExpressionParser.parse("(a + b)^3 - (a + b)^3"), maximumTerms: 3))
    }

    /// Kinks are refused (abs(x) - abs(x) is 0, but a claim with a kink goes the numeric route), and identities
    /// between atoms are not known (sqrt(x)^2 = x and sin^2 + cos^2 = 1 hold where defined, but are not shown).
    @Test func refusalsAndIncompleteness() throws {
        for source in ["abs(x) - abs(x)", "sign(x) - sign(x)", "min(a, b) - min(a, b)", "max(a, b) - max(b, a)",
                       "sqrt(x)^2 - x", "sin(x)^2 + cos(x)^2 - 1", "x/(a - a)"] {
            #expect(try !Self.zero(source), "\(source)")
        }
        // An atom's power and its reciprocal cancel: sqrt(x)/x^(1/2) is 1 wherever defined.
        #expect(try Self.zero("sqrt(x)/x^(1/2) - 1"))
        #expect(try Self.zero("x^(-1/2)*sqrt(x) - 1"))
    }

    /// `.everywhere` asks for smoothness on the whole real line (an invariant's), `.whereDefined` for analyticity on an
    /// open set around every point where the expression is defined (a flow with unique solutions): divisions, negative
    /// integer powers and log, log1p, tan, atanh qualify there, not roots, rational or varying exponents, asin, acos,
    /// acosh (defined at an end of their domain without a derivative there), kinks or jumps. Anything of the constants
    /// alone qualifies for both.
    @Test func smoothEverywhereAndWhereDefined() throws {
        func smooth(_ source: String, _ smoothness: ExactIdentity.Smoothness) throws -> Bool {
            ExactIdentity.isSmooth(try ExpressionParser.parse(source), smoothness, constants: ["c"])
        }
        for source in ["x^2*exp(-x) + atan(x)", "x/2 + sin(c*x)", "sqrt(c)*x + log(c)/c"] {
            #expect(try smooth(source, .everywhere), "\(source)")
            #expect(try smooth(source, .whereDefined), "\(source)")
        }
        for source in ["x/(1 + exp(-x))", "x^(-2)", "log(x) + log1p(x)", "tan(x)*atanh(x)"] {
            #expect(try !smooth(source, .everywhere), "\(source)")
            #expect(try smooth(source, .whereDefined), "\(source)")
        }
        for source in ["sqrt(x)", "x^(3/2)", "cbrt(x)", "x^c", "asin(x)", "acos(x)", "acosh(x)", "abs(x)", "sign(x)",
                       "min(x, c)", "atan2(x, c)"] {
            #expect(try !smooth(source, .everywhere), "\(source)")
            #expect(try !smooth(source, .whereDefined), "\(source)")
        }
    }
}
