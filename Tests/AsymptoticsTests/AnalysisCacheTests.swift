@testable import PhasecheckAsymptotics
import PhasecheckTestSupport
import PhasecheckExpressions
import PhasecheckNumbers
import PropertyBased
import Testing

/// The per-cell cache of exact analyses must give, at every point, exactly what expanding at that point
/// gives: the independent value here is a fresh, untraced expansion.
@Suite struct AnalysisCacheTests {
    /// zeta_inf at typical initialization and finite d (the bundled file's `zeta_inf_typ`, xi = 1/2):
    /// the quantity whose cells are the most finely cut.
    static let zetaTypical = Expr.call(.sqrt, Expr.number(1) + Flagship.R
                                       - Flagship.B * .number(BigRational(1, 4)) / d) - Expr.number(1)

    static func point(_ v: [Int]) -> [String: BigRational] {
        ["alpha": BigRational(v[0], 4), "b_u": BigRational(v[1], 4), "b_w": BigRational(v[2], 4),
         "c_u": BigRational(v[3], 4), "c_w": BigRational(v[4], 4)]
    }

    static func expectSame(_ cached: LimitAnalysis, _ fresh: LimitAnalysis, at point: [String: BigRational]) {
        guard let c = cached.leadingBehavior, let f = fresh.leadingBehavior else {
            #expect("\(cached)" == "\(fresh)", "\(point)")
            return
        }
        #expect(c.exponent == f.exponent, "\(point)")
        #expect(c.coefficient == f.coefficient, "\(point)")
        #expect(c.exactCoefficient == f.exactCoefficient, "\(point)")
        #expect(c.closedForm?.description == f.closedForm?.description, "\(point)")
        #expect(c.limit == f.limit, "\(point)")
        #expect(c.expansion.terms.map(\.exponent) == f.expansion.terms.map(\.exponent), "\(point)")
        #expect(c.expansion.terms.map(\.coefficient) == f.expansion.terms.map(\.coefficient), "\(point)")
        #expect(c.expansion.remainderExponent == f.expansion.remainderExponent, "\(point)")
        #expect(c.cancellationExponent == f.cancellationExponent, "\(point)")
        #expect(c.coefficientDigits == f.coefficientDigits, "\(point)")
        #expect(c.notes == f.notes, "\(point)")
    }

    @Test(arguments: [("zeta_typ", zetaTypical), ("zeta", Flagship.zeta), ("K0", Flagship.K0)])
    func cachedAnalysesEqualFreshExpansions(name: String, quantity: Expr) async throws {
        let classifier = try PhaseClassifier(quantity: quantity, limit: Flagship.symbolicLimit)
        // Warm the cache on a coarse grid, then compare at random points of a finer one: most are hits.
        let coarse = [-4, 0, 4, 8]
        for a in coarse { for bu in coarse { for bw in coarse { for cu in [-8, -4, 0, 4, 8] {
            let p = Self.point([a, bu, bw, cu, 0])
            Self.expectSame(classifier.exactAnalysis(at: p), Flagship.symbolicLimit.leadingBehavior(of: quantity, at: p, precision: 192), at: p)
        } } } }
        let cellsAfterWarmUp = classifier.cellsAnalysed
        #expect(cellsAfterWarmUp > 1 && cellsAfterWarmUp < 320, "\(name): \(cellsAfterWarmUp) cells for 320 points")
        await seededPropertyCheck(count: 150, input: Gen.int(in: -4...8).array(of: 5)) { v in
            let p = Self.point(v)
            Self.expectSame(classifier.exactAnalysis(at: p), Flagship.symbolicLimit.leadingBehavior(of: quantity, at: p, precision: 192), at: p)
        }
    }

    /// A hint only says where a lookup starts: with any hint (the point's own cell, another cell, a number
    /// past the last cell) a point gets the cell it gets without one, and that cell read at the point is
    /// what a fresh expansion there gives (the brute-force classification).
    @Test func hintsDoNotChangeTheCellFound() async throws {
        let classifier = try PhaseClassifier(quantity: Self.zetaTypical, limit: Flagship.symbolicLimit)
        await seededPropertyCheck(count: 150, input: Gen.int(in: -4...8).array(of: 5), Gen.int(in: 0...400)) { v, hint in
            let p = Self.point(v)
            let scaled = try #require(ScaledPoint(p, symbols: classifier.symbols))
            let cell = try #require(classifier.cell(at: scaled))
            #expect(classifier.cell(at: scaled, hint: hint) == cell, "\(p), hint \(hint)")
            #expect(classifier.cell(at: scaled, hint: cell) == cell, "\(p)")
            let read = classifier.classify(cell: cell, at: scaled, confirmation: nil, cellConfirmation: nil).analysis
            Self.expectSame(read, Flagship.symbolicLimit.leadingBehavior(of: Self.zetaTypical, at: p, precision: 192), at: p)
        }
        #expect(classifier.cellsAnalysed > 10, "the random points should fall in many cells")
    }

    /// A scaling exponent with a kink (|x|) is not traced: nothing is cached, and the answers stay right.
    @Test func piecewiseScalingsAreNotCached() throws {
        let kinked = try PiecewiseLinearExponent(expression: ExpressionParser.parse("abs(x)"))
        let limit = WidthLimit(scalings: ["s": WidthScaling(exponent: kinked), "t": .power(of: "y")])
        let quantity = try ExpressionParser.parse("sqrt(1 + s/d + t) - 1")
        let classifier = try PhaseClassifier(quantity: quantity, limit: limit)
        for (x, y) in [(1, -1), (-1, -1), (2, 0), (-2, 1)] {
            let p: [String: BigRational] = ["x": BigRational(x), "y": BigRational(y)]
            Self.expectSame(classifier.exactAnalysis(at: p), limit.leadingBehavior(of: quantity, at: p, precision: 192), at: p)
        }
        #expect(classifier.cellsAnalysed == 0)
    }
}
