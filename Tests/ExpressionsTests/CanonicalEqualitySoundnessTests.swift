import PhasecheckExpressions
import PhasecheckNumbers
import Testing

/// `isCanonicallyEqual` is what lets an identity claim say `exact` (issue 10): it must never equate two
/// expressions that differ somewhere both are defined.
@Suite struct CanonicalEqualitySoundnessTests {
    /// Pairs that differ at a point where both sides are real and finite, each with the counterexample that
    /// Benchmarks/canonical_equality_reference.py found (SymPy trees evaluated in 50-digit real arithmetic
    /// with mpmath, a non-integer power of a negative number undefined as in MPFR). Each is a rewrite a
    /// careless canonical form would make: powers of powers, sign flips inside odd or fractional powers,
    /// non-commutative functions reordered.
    @Test(arguments: [
        ("(x^2)^(3/2)", "x^3"),              // x = -3: 27 vs -27
        ("(x^2)^(1/2)", "x"),                // x = -3: 3 vs -3
        ("sqrt(x^2)", "x"),                  // x = -3: 3 vs -3
        ("(x^-2)^(-1/2)", "x"),              // x = -3: 3 vs -3
        ("(x^2*y)^(1/2)", "x*y^(1/2)"),      // x = -3, y = 1/2: 2.1213 vs -2.1213
        ("(x^y)^(1/2)", "x^(y/2)"),          // x = -3, y = -2: 1/3 vs -1/3
        ("x - y", "y - x"),                  // x = -3, y = -5/2: -0.5 vs 0.5
        ("atan2(x, y)", "atan2(y, x)"),      // x = -3, y = -5/2: -2.2655 vs -2.4469
        ("pow(x, y)", "pow(y, x)"),          // x = -3, y = -2: 1/9 vs -1/8
        ("x^2^3", "x^6"),                    // x = -3: 6561 vs 729 (^ is right-associative)
        ("(x - y)^3", "(y - x)^3"),          // x = -3, y = -5/2: -0.125 vs 0.125
        ("abs(x)", "x"),                     // x = -3: 3 vs -3
        ("(-x)^3", "x^3"),                   // x = -3: 27 vs -27
        ("x/(y*x)", "x/y"),                  // x = -3, y = -3: -1/3 vs 1
        ("min(x, y)", "max(x, y)"),          // x = -3, y = -5/2: -3 vs -2.5
    ])
    func pairsThatDifferAreNeverCanonicallyEqual(left: String, right: String) throws {
        let (l, r) = (try ExpressionParser.parse(left), try ExpressionParser.parse(right))
        #expect(!l.isCanonicallyEqual(to: r, scalarSymbols: ["x", "y"]), "\(Simplifier.canonical(l - r, scalarSymbols: ["x", "y"]))")
        #expect(!r.isCanonicallyEqual(to: l, scalarSymbols: ["x", "y"]))
    }

    /// Pairs equal wherever both sides are defined (the same script: no counterexample, and SymPy's
    /// simplify gives 0 for positive symbols) that the canonical form sees.
    @Test(arguments: [
        ("x^(1/2)*x^(1/2)", "x"), ("x^(1/3)*x^(2/3)", "x"), ("x^2/x", "x"), ("x^2^3", "x^8"), ("(x^2)^3", "x^6"),
        ("(x - y)^2", "(y - x)^2"), ("(x - y)^3 + (y - x)^3", "0"), ("x^(3/2)/x^(1/2)", "x"), ("(x*y)^2", "x^2*y^2"),
        ("(2*x)^(-1)", "1/(2*x)"), ("min(x, y)", "min(y, x)"), ("(x^2)^(1/2)*(x^2)^(1/2)", "x^2"), ("x^(1/2)/x^(1/2)", "1"),
    ])
    func equalPairsTheFormSees(left: String, right: String) throws {
        let (l, r) = (try ExpressionParser.parse(left), try ExpressionParser.parse(right))
        #expect(l.isCanonicallyEqual(to: r, scalarSymbols: ["x", "y"]))
    }

    /// Random pairs built by rewrites, sound and unsound alike ((a^p)^q -> a^(pq), (a*b)^q -> a^q b^q,
    /// sqrt(a^2) -> a, a - b -> b - a, argument swaps, ...) on random subtrees: wherever the canonical form
    /// calls a pair equal, both sides are evaluated in interval arithmetic at 256 bits at 24 random points
    /// (the second method), and at every point where both are finite their enclosures must overlap.
    @Test func canonicalEqualityAgreesWithIntervalEvaluation() throws {
        var equalPairs = 0, pointsCompared = 0
        for seed in PropertySeeds.seeds(400, for: "canonicalEqualityAgreesWithIntervalEvaluation") {
            var generator = TreeGenerator(seed: seed)
            generator.scalars = ["x", "y"]
            let (left, right) = Self.rewrittenPair(&generator)
            guard left.isCanonicallyEqual(to: right, scalarSymbols: ["x", "y"]) else { continue }
            equalPairs += 1
            var rng = SplitMix64(seed: seed ^ 0xC0FFEE)
            let context = IntervalContext(precision: 256)
            for _ in 0..<24 {
                let point = randomPoint(&rng, precision: 256).mapValues { [BigInterval($0)] }
                guard let a = left.tapeValues(context, point)?.first, let b = right.tapeValues(context, point)?.first,
                      a.isFinite, b.isFinite else { continue }
                pointsCompared += 1
                #expect(a.overlaps(b), "seed \(seed): \(left) = \(a) but \(right) = \(b) at \(point)")
            }
        }
        // Not vacuous: many pairs were called equal and compared.
        #expect(equalPairs > 100 && pointsCompared > 1000, "\(equalPairs) pairs, \(pointsCompared) points")
    }

    static let exponents: [BigRational] = [2, -2, 3, -1, BigRational(1, 2), BigRational(-1, 2), BigRational(1, 3),
                                           BigRational(2, 3), BigRational(3, 2), BigRational(1, 4)]

    /// A random subtree pair (a, b) and one rewrite of an expression in them.
    static func rewrittenPair(_ g: inout TreeGenerator) -> (Expr, Expr) {
        let a = g.scalar(depth: 2), b = g.scalar(depth: 1)
        let p = Expr.number(exponents[g.int(0...exponents.count - 1)]), q = Expr.number(exponents[g.int(0...exponents.count - 1)])
        let pq = Expr.number(p.numberValue! * q.numberValue!), pPlusQ = Expr.number(p.numberValue! + q.numberValue!)
        switch g.int(0...13) {
        case 0: return (.power(.power(a, p), q), .power(a, pq))
        case 1: return (.power(a * b, q), .power(a, q) * .power(b, q))
        case 2: return (.power(a, p) * .power(a, q), .power(a, pPlusQ))
        case 3: return (.call(.sqrt, .power(a, .number(2))), a)
        case 4: return (.power(a - b, q), .power(b - a, q))
        case 5: return (a - b, -(b - a))
        case 6: return (.call(.atan2, a, b), .call(.atan2, b, a))
        case 7: return (.power(-a, q), -.power(a, q))
        case 8: return (.power(a, p) / .power(a, q), .power(a, .number(p.numberValue! - q.numberValue!)))
        case 9: return (a / (b * a), .number(1) / b)
        case 10: return (.call(.min, a, b) + .call(.max, b, a), .call(.max, a, b) + .call(.min, b, a))
        case 11: return (.power(.power(a, p) * .power(b, p), q), .power(a * b, pq))
        case 12: return (.call(.abs, a) * .call(.abs, b), .call(.abs, a * b))
        default: return (a * b - b * a + a, a)
        }
    }
}
