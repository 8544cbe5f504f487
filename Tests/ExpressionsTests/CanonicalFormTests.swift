import PhasecheckExpressions
import PhasecheckNumbers
import Testing

/// The simplifier's canonical form (issue 10 item 10).
@Suite struct CanonicalFormTests {
    /// Derivatives simplified as `diff --simplify` should (finite values, the variable a scalar), printed
    /// as SymPy 1.14 prints them (with `**` written `^`):
    /// - `python3 -c "from sympy import *; x=Symbol('x'); print(expand(diff(cosh(x)**2 - sinh(x)**2, x)))"` -> `0`
    /// - `... print(diff(x**x, x))` -> `x**x*(log(x) + 1)`
    /// - `... c=Symbol('c'); print(diff(exp(-x**2/2)/sqrt(c), x))` -> `-x*exp(-x**2/2)/sqrt(c)`, with c = 2*pi
    ///   (SymPy itself would split sqrt(2*pi) into sqrt(2)*sqrt(pi)).
    @Test(arguments: [
        ("cosh(x)^2 - sinh(x)^2", "0"),
        ("x^x", "x^x*(log(x) + 1)"),
        ("exp(-x^2/2)/sqrt(2*pi)", "-x*exp(-x^2/2)/sqrt(2*pi)"),
    ])
    func derivativesPrintAsSympy(text: String, sympy: String) throws {
        let d = try ExpressionParser.parse(text).derivative(withRespectTo: "x")
        let simplified = d.simplified(assumingFiniteValues: true, scalarSymbols: ["x"])
        #expect(PlainPrinter.print(simplified) == sympy)
        #expect(simplified === Simplifier.canonical(try ExpressionParser.parse(sympy), scalarSymbols: ["x"]))
        // The unsimplified derivative has the same value (x^x: 0.501186188693578675401078609589 at 7/10, from
        // `print(N(diff(x**x, x).subs(x, Rational(7, 10)), 30))`).
        let point = ["x": BigFloat("0.7", precision: 200)!]
        let context = MPFRContext(precision: 200)
        #expect(agree(try d.evaluate(in: context, at: point), try simplified.evaluate(in: context, at: point), tolerance: 1e-55))
    }

    @Test func xToTheXAgreesWithSympyValue() throws {
        let d = try ExpressionParser.parse("x^x").derivative(withRespectTo: "x").simplified(assumingFiniteValues: true, scalarSymbols: ["x"])
        let value = try d.evaluate(in: MPFRContext(precision: 200), at: ["x": BigFloat("0.7", precision: 200)!])
        #expect(agree(value, BigFloat("0.501186188693578675401078609589", precision: 200)!, tolerance: 1e-29))
    }

    /// Pairs whose difference reaches the canonical zero (exact equality wherever both are defined).
    @Test(arguments: [
        ("a*b", "b*a"), ("2*x/2", "x"), ("x + x", "2*x"), ("x*y/(y*x)", "1"), ("x^2*x^-2", "1"),
        ("(a + b) - (b - -a)", "0"), ("3*(x + y) - 3*y", "3*x"), ("x/3 + x/6", "x/2"), ("-(-x)", "x"),
        ("exp(x)*exp(x)", "exp(x)^2"), ("sqrt(x)*sqrt(x)*y", "y*sqrt(x)^2"), ("a*b*c - c*(b*a)", "0"),
        ("min(x, y) + max(y, x)", "max(x, y) + min(y, x)"), ("dot(u, w) - dot(w, u)", "0"),
        ("(a - b)*c", "-(b - a)*c"), ("(a - b)^2", "(b - a)^2"), ("(a - b)^3 + (b - a)^3", "0"), ("1/(a - b)", "-1/(b - a)"),
    ])
    func identitiesReachTheSameForm(left: String, right: String) throws {
        let (l, r) = (try ExpressionParser.parse(left), try ExpressionParser.parse(right))
        #expect(l.isCanonicallyEqual(to: r, scalarSymbols: ["x", "y", "a", "b", "c"]), "\(Simplifier.canonical(l - r))")
    }

    /// Not seen (no expansion of products of sums, no function identities), or not equal.
    @Test(arguments: [
        ("(x + 1)^2", "x^2 + 2*x + 1"), ("sqrt(x - y)", "sqrt(y - x)"), ("(x - y)^0.5", "(y - x)^0.5"), ("cosh(x)^2 - sinh(x)^2", "1"), ("x", "y"), ("x/x", "2"), ("2*x", "x"),
    ])
    func differencesTheFormDoesNotCancel(left: String, right: String) throws {
        let (l, r) = (try ExpressionParser.parse(left), try ExpressionParser.parse(right))
        #expect(!l.isCanonicallyEqual(to: r, scalarSymbols: ["x", "y"]))
    }

    /// Canonical forms of trees that are equal as written in different orders are the same node, and the
    /// canonical form evaluates like the original at random points (fixed seeds; see `PropertySeeds`).
    @Test func reorderedTreesShareTheirCanonicalForm() throws {
        for seed in PropertySeeds.seeds(200, for: "reorderedTreesShareTheirCanonicalForm") {
            var generator = TreeGenerator(seed: seed)
            let terms = (0..<5).map { _ in generator.scalar(depth: 2) }
            var rng = SplitMix64(seed: seed ^ 0x0DE5)
            let shuffled = terms.shuffled(using: &rng)
            let sum = terms.dropFirst().reduce(terms[0], +), otherSum = shuffled.dropFirst().reduce(shuffled[0], +)
            let product = terms.dropFirst().reduce(terms[0], *), otherProduct = shuffled.dropFirst().reduce(shuffled[0], *)
            #expect(Simplifier.canonical(sum) === Simplifier.canonical(otherSum), "seed \(seed): \(sum)")
            #expect(Simplifier.canonical(product) === Simplifier.canonical(otherProduct), "seed \(seed): \(product)")
            #expect(sum.simplified() === otherSum.simplified(), "seed \(seed): \(sum)")
            #expect(product.isCanonicallyEqual(to: otherProduct))
        }
    }

    /// `x/x` cancels only on the finite-values domain, and only to 1 for a known scalar.
    @Test func cancellationFollowsTheDomain() throws {
        let e = try ExpressionParser.parse("x/x")
        #expect(PlainPrinter.print(e.simplified()) == "x/x")
        #expect(PlainPrinter.print(e.simplified(assumingFiniteValues: true)) == "x^0")
        #expect(PlainPrinter.print(e.simplified(assumingFiniteValues: true, scalarSymbols: ["x"])) == "1")
        // u - u is the zero vector of u's length, so sum(u - u + 1) stays 3 for u of length 3.
        let v = try ExpressionParser.parse("sum(u - u + 1)").simplified(assumingFiniteValues: true)
        #expect(v.tapeValues(DoubleContext(), ["u": [1, 2, 3]]) == [3])
    }

    /// A 4,000-factor product (issue 18: over a minute before) and its derivative reach closed forms. The
    /// derivative of a product of n distinct factors is a sum of n products of n - 1 factors, quadratic
    /// however it is written, so that case runs with 100.
    @Test func largeProductsSimplifyToClosedForms() throws {
        let n = 4000
        let product = try ExpressionParser.parse(Array(repeating: "x", count: n).joined(separator: "*"))
        let d = try product.derivative(withRespectTo: "x").simplified(assumingFiniteValues: true, scalarSymbols: ["x"])
        #expect(PlainPrinter.print(d) == "\(n)*x^\(n - 1)")
        let shifted = try ExpressionParser.parse((1...100).map { "(x + \($0))" }.joined(separator: "*"))
        let ds = try shifted.derivative(withRespectTo: "x").simplified(assumingFiniteValues: true, scalarSymbols: ["x"])
        // Compare with the unsimplified derivative in MPFR (at x = 0 both are 100! * H_100).
        let context = MPFRContext(precision: 200)
        let zero = ["x": BigFloat(0, precision: 200)]
        #expect(agree(try ds.evaluate(in: context, at: zero), try shifted.derivative(withRespectTo: "x").evaluate(in: context, at: zero), tolerance: 1e-50))
    }
}
