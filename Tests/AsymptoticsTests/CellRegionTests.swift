@testable import PhasecheckAsymptotics
import PhasecheckExpressions
import PhasecheckNumbers
import Testing

/// A region is the union of the cells whose result (`CellResult`: leading exponent form, coefficient, closed
/// form, digits, notes, regime) is the same; a sweep confirms each region at one sample. So on a region the
/// exact analysis must really be that one result: at random grid points, a fresh untraced expansion is
/// compared with the result of the region's *first* cell (usually not the point's own cell) read there.
@Suite struct CellRegionTests {
    /// A grid over `axes` (name, first and last numerator, step denominator), the other symbols fixed.
    static func grid(_ axes: [(String, ClosedRange<Int>, Int)], fixed: [String: BigRational], symbols: [String]) -> IntegerGrid {
        let values = axes.map { _, range, step in range.map { BigRational($0, step) } }
        let names = axes.map(\.0) + fixed.keys.sorted()
        return IntegerGrid(axes: values, fixed: fixed.keys.sorted().map { fixed[$0]! }, names: names, symbols: symbols)!
    }

    /// Surveys the whole grid (which analyses its cells and groups them into regions), then checks
    /// `checks` seeded random points of it; returns the numbers of cells and regions.
    @discardableResult
    static func expectRegionsHoldOneResult(_ quantity: Expr, limit: WidthLimit, grid: (([String]) -> IntegerGrid), count: Int,
                                           checks: Int, seed: UInt64, _ name: String) throws -> (cells: Int, regions: Int) {
        let classifier = try PhaseClassifier(quantity: quantity, limit: limit)
        let grid = grid(classifier.symbols)
        let survey = CellSurvey.survey(0..<count, of: grid, classifiers: [classifier])
        let regionsOfCells = classifier.analyses.regionsOfCells
        #expect(survey.regions[0].count == Set(regionsOfCells).count, "\(name): every region has surveyed points")
        var generator = SplitMix64(seed: seed)
        for _ in 0..<checks {
            let index = Int(generator.next() % UInt64(count))
            let point = grid.point(at: index)
            let values = point.values(symbols: classifier.symbols)
            let cell = try #require(classifier.cell(at: point), "\(name) #\(index)")
            let first = try #require(regionsOfCells.firstIndex(of: regionsOfCells[cell]))
            let template = classifier.analyses.cell(first).template
            let fresh = limit.leadingBehavior(of: quantity, at: values, precision: 192)
            let read = try template.analysis(at: values)
            guard let r = read.leadingBehavior, let f = fresh.leadingBehavior else {
                #expect("\(read)" == "\(fresh)", "\(name) #\(index) \(values)")
                continue
            }
            #expect(r.exponent == f.exponent, "\(name) #\(index) \(values)")
            #expect(classifier.analyses.cell(first).leadingExponent?.value(at: point)?.exact == f.exponent, "\(name) #\(index)")
            #expect(r.coefficient == f.coefficient, "\(name) #\(index) \(values)")
            #expect(r.exactCoefficient == f.exactCoefficient, "\(name) #\(index)")
            #expect(r.closedForm?.description == f.closedForm?.description, "\(name) #\(index)")
            #expect(r.limit == f.limit, "\(name) #\(index)")
            #expect(r.coefficientDigits == f.coefficientDigits, "\(name) #\(index)")
            #expect(r.notes == f.notes, "\(name) #\(index)")
        }
        return (regionsOfCells.count, Set(regionsOfCells).count)
    }

    static let zetaTypical = SampledConfirmationTests.zetaTypical
    static let a0 = Flagship.gamma * .call(.sqrt, d) * Flagship.sigmaU * Flagship.sigmaW * .number(BigRational(1, 2))

    /// The flagship's three quantities on a 3-D box of its grid (alpha, b_u, c_u at step 1/2, b_w = 0):
    /// regions are far fewer than cells, and each holds one result.
    @Test func flagshipRegionsHoldOneResult() throws {
        let box = { (symbols: [String]) in
            Self.grid([("alpha", -2...4, 2), ("b_u", -2...4, 2), ("c_u", -4...4, 2)], fixed: ["b_w": 0, "c_w": 0], symbols: symbols)
        }
        let boxCount = 7 * 7 * 9
        let (cells, regions) = try Self.expectRegionsHoldOneResult(Self.zetaTypical, limit: Flagship.symbolicLimit, grid: box,
                                                                   count: boxCount, checks: 100, seed: 1, "zeta_typ, box")
        #expect(regions * 3 < cells, "zeta_typ: \(regions) regions of \(cells) cells")
        for (name, quantity) in [("K0", Flagship.K0), ("a0", Self.a0)] {
            try Self.expectRegionsHoldOneResult(quantity, limit: Flagship.symbolicLimit, grid: box, count: boxCount,
                                                checks: 60, seed: 2, name)
        }
    }

    /// zeta_inf_typ on a finer 2-D slice (alpha, b_u at step 1/16, where cells are smallest).
    @Test func flagshipRegionsOnAFineSliceHoldOneResult() throws {
        let fine = { (symbols: [String]) in
            Self.grid([("alpha", -8...4, 16), ("b_u", -8...8, 16)], fixed: ["b_w": 0, "c_u": BigRational(1, 2), "c_w": 0], symbols: symbols)
        }
        let (fineCells, fineRegions) = try Self.expectRegionsHoldOneResult(Self.zetaTypical, limit: Flagship.symbolicLimit, grid: fine,
                                                                           count: 13 * 17, checks: 80, seed: 3, "zeta_typ, slice at step 1/16")
        #expect(fineRegions * 3 < fineCells, "zeta_typ at step 1/16: \(fineRegions) regions of \(fineCells) cells")
    }

    /// A second model: the determinant of the imbalance Lam = U0^T U0 - V0^T V0 of a two-layer linear network
    /// (Tarmoun et al. 2021; the fixture m02_imbalance_width_limit.phc's `balance_gap`, its 2 x 2 entries
    /// written out) with sigma_u = (1 + 1/d) d^-b_u and sigma_v = d^-b_v: on b_u = b_v the leading terms
    /// cancel to d^-1 relative. On the fixture's axes at step 1/8, and on a 3-D box at step 1/2.
    @Test func imbalanceRegionsHoldOneResult() throws {
        let su = (Expr.number(1) + .number(1) / d) * .symbol("s_u"), sv = Expr.symbol("s_v")
        let u = Flagship.square(su), v = Flagship.square(sv)
        // U0^T U0 = s_u^2 [[4, 2], [2, 2]], V0^T V0 = s_v^2 [[4, 2], [2, 2]] plus a rank-one term t [[1, 0], [0, 0]].
        let t = Expr.symbol("t")
        let l11 = .number(4) * u - .number(4) * v + t, l12 = .number(2) * u - .number(2) * v, l22 = .number(2) * u - .number(2) * v
        let det = l11 * l22 - l12 * l12
        let limit = WidthLimit(scalings: ["s_u": .power(of: "b_u", sign: -1), "s_v": .power(of: "b_v", sign: -1), "t": .power(of: "c")])
        let plane = { (symbols: [String]) in
            Self.grid([("b_u", -8...8, 8), ("b_v", -8...8, 8)], fixed: ["c": -4], symbols: symbols)
        }
        let (planeCells, planeRegions) = try Self.expectRegionsHoldOneResult(det, limit: limit, grid: plane, count: 17 * 17,
                                                                             checks: 120, seed: 4, "det, c = -4")
        #expect(planeRegions > 1 && planeRegions < planeCells, "det: \(planeRegions) regions of \(planeCells) cells")
        let box = { (symbols: [String]) in
            Self.grid([("b_u", -2...2, 2), ("b_v", -2...2, 2), ("c", -6...2, 2)], fixed: [:], symbols: symbols)
        }
        try Self.expectRegionsHoldOneResult(det, limit: limit, grid: box, count: 5 * 5 * 9, checks: 100, seed: 5, "det, box")
    }
}
