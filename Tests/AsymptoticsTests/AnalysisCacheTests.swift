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
            #expect(classifier.analyses.cellIndex(at: scaled, hint: hint) == cell, "\(p), hint \(hint)")
            #expect(classifier.analyses.cellIndex(at: scaled, hint: cell) == cell, "\(p)")
            let read = classifier.classify(cell: cell, at: scaled, confirmation: nil, cellConfirmation: nil).analysis
            Self.expectSame(read, Flagship.symbolicLimit.leadingBehavior(of: Self.zetaTypical, at: p, precision: 192), at: p)
        }
        #expect(classifier.cellsAnalysed > 10, "the random points should fall in many cells")
    }

    /// A cursor only saves scans: walking grid lines (along one axis, then jumping to another line, a
    /// reversed step, a point repeated, a change of axis), every point gets the cell a lookup without a
    /// cursor finds, and that cell read at the point is what a fresh expansion there gives.
    @Test(arguments: [("zeta_typ", zetaTypical), ("K0", Flagship.K0)])
    func cursorsDoNotChangeTheCellFound(name: String, quantity: Expr) async throws {
        let classifier = try PhaseClassifier(quantity: quantity, limit: Flagship.symbolicLimit)
        var cursor = CellCursor()
        var fresh = 0
        await seededPropertyCheck(count: 40, input: Gen.int(in: -8...16).array(of: 5), Gen.int(in: 0...4), Gen.int(in: 1...12)) { start, axis, length in
            var v = start
            // Steps of 1/8 along `axis`, one back, and the last point again.
            for step in Array(repeating: 1, count: length) + [-1, 0] {
                v[axis] += step
                let p = ["alpha": BigRational(v[0], 8), "b_u": BigRational(v[1], 8), "b_w": BigRational(v[2], 8),
                         "c_u": BigRational(v[3], 8), "c_w": BigRational(v[4], 8)]
                let scaled = try #require(ScaledPoint(p, symbols: classifier.symbols))
                let withCursor = classifier.cell(at: scaled, cursor: &cursor)
                #expect(withCursor == classifier.cell(at: scaled), "\(name) at \(p)")
                guard let cell = withCursor else { continue }
                if fresh % 5 == 0 {
                    let read = classifier.classify(cell: cell, at: scaled, confirmation: nil, cellConfirmation: nil).analysis
                    Self.expectSame(read, Flagship.symbolicLimit.leadingBehavior(of: quantity, at: p, precision: 192), at: p)
                }
                fresh += 1
            }
        }
        #expect(classifier.cellsAnalysed > 5, "\(name): the walks should cross many cells")
    }

    /// The stretch of a line in a cell is exactly the line's points in the cell: each point of it is in the
    /// cell (found by a scan), and the points just past its ends are not; the stretch holds the point itself.
    @Test func stretchesAreTheLinesPointsInTheCell() async throws {
        let classifier = try PhaseClassifier(quantity: Self.zetaTypical, limit: Flagship.symbolicLimit)
        try #require(classifier.symbols.count == 5)
        var checked = 0
        await seededPropertyCheck(count: 60, input: Gen.int(in: -8...16).array(of: 5), Gen.int(in: 0...4)) { v, axis in
            let point = ScaledPoint(numerators: v.map { $0 * 3 }, denominator: 24)
            let cell = try #require(classifier.cell(at: point))
            let stretch = try #require(classifier.analyses.stretch(of: cell, along: axis, through: point), "\(v) along \(axis)")
            #expect(stretch.contains(point.numerators[axis]))
            func cellOnLine(_ x: Int) -> Int? {
                var numerators = point.numerators
                numerators[axis] = x
                return classifier.cell(at: ScaledPoint(numerators: numerators, denominator: 24))
            }
            // Every point of the stretch within 3 of the grid's range, and one past each end.
            let window = (-8 * 3 - 24)...(16 * 3 + 24)
            for x in stretch.clamped(to: window) { #expect(cellOnLine(x) == cell, "\(v) along \(axis) at \(x)") }
            for x in [stretch.lowerBound - 1, stretch.upperBound + 1] where window.contains(x) {
                #expect(cellOnLine(x) != cell, "\(v) along \(axis): \(x) is past the stretch \(stretch)")
                checked += 1
            }
        }
        #expect(checked > 20, "most stretches should end inside the window")
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
