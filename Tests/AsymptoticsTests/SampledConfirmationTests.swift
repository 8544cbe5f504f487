@testable import PhasecheckAsymptotics
import PhasecheckExpressions
import PhasecheckNumbers
import Testing

/// The sample of a cell or region (`CellSample`) and confirmation by regions (`CellSurvey`): the sample holds
/// each coordinate's extremes and spans the points affinely, whatever the chunking; and a region whose
/// analysis is wrong is reported at every one of its points, not only at the sampled ones.
@Suite struct SampledConfirmationTests {
    /// The affine rank of points, by Gaussian elimination in exact rationals (independent of the
    /// fraction-free integer elimination inside `CellSample`).
    static func affineRank(_ points: [[Int]]) -> Int {
        guard let origin = points.first else { return 0 }
        var rows = points.dropFirst().map { zip($0, origin).map { BigRational($0 - $1) } }
        var rank = 0
        for column in origin.indices {
            guard let pivot = rows.indices.first(where: { $0 >= rank && !rows[$0][column].isZero }) else { continue }
            rows.swapAt(rank, pivot)
            for r in rows.indices where r != rank && !rows[r][column].isZero {
                let factor = rows[r][column] / rows[rank][column]
                rows[r] = zip(rows[r], rows[rank]).map { $0 - factor * $1 }
            }
            rank += 1
        }
        return rank
    }

    /// Points of a 3-D grid cut out by random affine (in)equalities: cells of every dimension 0...3.
    static func randomCell(_ generator: inout SplitMix64) -> [(index: Int, point: [Int])] {
        let side = 7
        let a = (0..<3).map { _ in Int(generator.next() % 5) - 2 }, b = Int(generator.next() % 9) - 4
        let equality = generator.next() % 3 == 0
        var cell: [(index: Int, point: [Int])] = []
        for index in 0..<(side * side * side) {
            let p = [index / (side * side) - 3, (index / side) % side - 3, index % side - 3]
            let value = zip(a, p).map { $0 * $1 }.reduce(b, +)
            if equality ? value == 0 : value > 0 { cell.append((index, p)) }
        }
        return cell
    }

    @Test func theSampleHoldsTheExtremesAndSpansTheCell() {
        var generator = SplitMix64(seed: 20261129)
        var tested = 0
        for _ in 0..<200 {
            let cell = Self.randomCell(&generator)
            guard !cell.isEmpty else { continue }
            tested += 1
            var samples: [[Int]] = []
            for chunkSize in [1, 5, 64, cell.count] {
                var sample = CellSample()
                for chunk in stride(from: 0, to: cell.count, by: chunkSize) {
                    var part = CellSample()
                    for (index, point) in cell[chunk ..< min(chunk + chunkSize, cell.count)] { part.add(index: index, point: point) }
                    sample.merge(part)
                }
                samples.append(sample.indices)
            }
            let byIndex = Dictionary(uniqueKeysWithValues: cell.map { ($0.index, $0.point) })
            for indices in samples {
                #expect(Set(indices).isSubset(of: byIndex.keys))
                #expect(Self.affineRank(indices.map { byIndex[$0]! }) == Self.affineRank(cell.map(\.point)), "\(cell.count) points")
                for j in 0..<3 {
                    let values = cell.map { $0.point[j] }
                    #expect(indices.contains { byIndex[$0]![j] == values.min()! })
                    #expect(indices.contains { byIndex[$0]![j] == values.max()! })
                }
                // Extremes, a basis of at most 4 points and 2 random ones.
                #expect(indices.count <= 6 + 4 + CellSample.randomCount)
            }
            // The extremes and random points do not depend on the chunking; the sample with one chunk is
            // the sample of points added one by one in grid order.
            #expect(samples[0] == samples[3])
            // With a fixed fourth coordinate (a fixed exponent), knowing that the points span at most 3
            // dimensions only skips work: the same sample as without knowing it.
            var bounded = CellSample(dimension: 3), unbounded = CellSample()
            for (index, point) in cell {
                bounded.add(index: index, point: point + [5])
                unbounded.add(index: index, point: point + [5])
            }
            #expect(bounded.indices == unbounded.indices)
            #expect(bounded.indices == samples[3])
        }
        #expect(tested > 100)
    }

    /// The sample its definition gives, worked out point by point: each coordinate's extremes (the first in
    /// order among equals), the `randomCount` smallest seeded hashes, and the greedy affine basis (a point kept
    /// when it raises the affine rank of the points kept before it, in exact rationals).
    static func definedSample(_ points: [(index: Int, point: [Int])]) -> [Int] {
        var chosen: Set<Int> = []
        for j in points[0].point.indices {
            chosen.insert(points.min { ($0.point[j], $0.index) < ($1.point[j], $1.index) }!.index)
            chosen.insert(points.min { (-$0.point[j], $0.index) < (-$1.point[j], $1.index) }!.index)
        }
        let hashes = points.map { p -> (UInt64, Int) in
            var generator = SplitMix64(seed: CellSample.seed ^ UInt64(bitPattern: Int64(p.index)))
            return (generator.next(), p.index)
        }
        chosen.formUnion(hashes.sorted { $0 < $1 }.prefix(CellSample.randomCount).map(\.1))
        var kept: [[Int]] = []
        for (index, point) in points where kept.isEmpty || affineRank(kept + [point]) > affineRank(kept) {
            kept.append(point)
            chosen.insert(index)
        }
        return chosen.sorted()
    }

    /// Points added line by line (where most points are placed in the span without an elimination, along a
    /// direction it holds) or in shuffled order, near the origin or far from it: the sample is the defined one.
    @Test func theSampleIsTheDefinedOne() {
        var generator = SplitMix64(seed: 20261207)
        var tested = 0
        for trial in 0..<240 {
            var cell = Self.randomCell(&generator)
            guard !cell.isEmpty else { continue }
            if trial % 3 == 1 {
                for i in cell.indices.reversed() { cell.swapAt(i, Int(generator.next() % UInt64(i + 1))) }
            }
            if trial % 4 == 2 { cell = cell.map { ($0.index, $0.point.map { 1000 * $0 - 7_000_000 }) } }
            var sample = CellSample()
            for (index, point) in cell { sample.add(index: index, point: point) }
            #expect(sample.indices == Self.definedSample(cell), "trial \(trial): \(cell.count) points")
            tested += 1
        }
        #expect(tested > 150)
    }

    /// zeta_inf at typical initialization (as in AnalysisCacheTests).
    static let zetaTypical = Expr.call(.sqrt, Expr.number(1) + Flagship.R
                                       - Flagship.B * .number(BigRational(1, 4)) / d) - Expr.number(1)

    /// alpha, b_u in [-1, 2] step 1/4 at b_w = c_u = c_w = 0, in the classifier's symbol order.
    static func slice(_ symbols: [String]) -> IntegerGrid {
        let axis = (-4...8).map { BigRational($0, 4) }
        return IntegerGrid(axes: [axis, axis], fixed: [0, 0, 0], names: ["alpha", "b_u", "b_w", "c_u", "c_w"], symbols: symbols)!
    }

    @Test func everyPointOfACellWithAWrongAnalysisIsReported() throws {
        let classifier = try PhaseClassifier(quantity: Self.zetaTypical, limit: Flagship.symbolicLimit)
        let grid = Self.slice(classifier.symbols)
        let count = 13 * 13
        // Plant a wrong analysis (the right exponents, the coefficient doubled) for the slice's largest
        // cell, found by a first classifier.
        let scout = try PhaseClassifier(quantity: Self.zetaTypical, limit: Flagship.symbolicLimit)
        let cellOf = (0..<count).map { scout.cell(at: grid.point(at: $0))! }
        let largest = Dictionary(grouping: 0..<count, by: { cellOf[$0] }).values.max { $0.count < $1.count }!
        let planted = grid.point(at: largest[0])
        let trace = ExponentTrace(symbols: classifier.symbols)
        let (_, template) = Flagship.symbolicLimit.analyze(Self.zetaTypical, at: planted.values(symbols: classifier.symbols),
                                                           precision: 192, terms: 1, trace: trace)
        guard case .leading(let right, let terms, let remainder, let cancellation) = try #require(template) else {
            Issue.record("expected a leading term")
            return
        }
        let wrong = LeadingBehavior(exponent: right.exponent, coefficient: right.coefficient * BigFloat(2, precision: 192),
                                    exactCoefficient: right.exactCoefficient.map { $0 * 2 }, closedForm: nil, limit: right.limit,
                                    expansion: right.expansion, coefficientDigits: right.coefficientDigits,
                                    cancellationExponent: right.cancellationExponent, notes: right.notes)
        classifier.analyses.insert(.leading(wrong, termExponents: terms, remainder: remainder, cancellation: cancellation), trace: trace)
        let wrongCell = try #require(classifier.cell(at: planted))

        let survey = CellSurvey.survey(0 ..< count, of: grid, classifiers: [classifier])
        let confirmations = survey.confirm(on: grid, classifiers: [classifier], jobs: 2)
        // The planted cell's region: the cells with its (wrong) result, sampled together.
        let regionsOfCells = classifier.analyses.regionsOfCells
        let wrongRegion = regionsOfCells[wrongCell]
        let sample = try #require(survey.regions[0][wrongRegion]).indices
        var inRegion = 0, reportedWithoutEvaluation = 0
        for index in 0..<count {
            let point = grid.point(at: index)
            let cell = try #require(classifier.cell(at: point))
            let (own, verdict) = try #require(confirmations.confirmation(classifier: 0, cell: cell, index: index))
            let result = classifier.classify(cell: cell, at: point, confirmation: own, cellConfirmation: verdict)
            if regionsOfCells[cell] == wrongRegion {
                inRegion += 1
                #expect(result.confirmationProblem != nil, "#\(index)")
                #expect(!result.isConfirmed)
                if !sample.contains(index) {
                    #expect(own == nil)
                    #expect(result.confirmationProblem!.hasPrefix("at #"))
                    reportedWithoutEvaluation += 1
                }
            } else {
                #expect(result.isConfirmed, "#\(index): \(result)")
            }
        }
        #expect(inRegion > sample.count && reportedWithoutEvaluation > 0, "\(inRegion) points, sample \(sample)")
    }

    /// Without planting, the classification by cell at a sample point equals the per-point one.
    @Test func aSamplePointGetsThePerPointConfirmation() throws {
        let classifier = try PhaseClassifier(quantity: Self.zetaTypical, limit: Flagship.symbolicLimit)
        let grid = Self.slice(classifier.symbols)
        let survey = CellSurvey.survey(0 ..< 169, of: grid, classifiers: [classifier])
        let confirmations = survey.confirm(on: grid, classifiers: [classifier], jobs: 1)
        for (_, sample) in survey.regions[0] {
            for index in sample.indices {
                let point = grid.point(at: index)
                let cell = try #require(classifier.cell(at: point))
                let own = try #require(confirmations.confirmation(classifier: 0, cell: cell, index: index)?.atPoint)
                let fresh = classifier.classify(at: point.values(symbols: classifier.symbols))
                #expect(own.measuredExponent == fresh.confirmation?.measuredExponent)
                #expect(own.problem == nil && fresh.confirmation?.problem == nil)
                #expect(classifier.classify(cell: cell, at: point, confirmation: own, cellConfirmation: nil).exponent == fresh.leading?.exponent)
            }
        }
    }

    /// The cells a survey keeps for the rows (surveyed in chunks, merged in grid order) are the cells a
    /// fresh lookup finds, for every point and quantity.
    @Test func theSurveysPointCellsAreTheCellsLookedUp() throws {
        let classifiers = try [Self.zetaTypical, Flagship.K0].map { try PhaseClassifier(quantity: $0, limit: Flagship.symbolicLimit) }
        let grid = Self.slice(classifiers[0].symbols)
        var survey = CellSurvey(classifiers: 2, keepingPointCells: true)
        for start in stride(from: 0, to: 169, by: 20) {
            survey.merge(CellSurvey.survey(start ..< min(start + 20, 169), of: grid, classifiers: classifiers, keepingPointCells: true))
        }
        let confirmations = survey.confirm(on: grid, classifiers: classifiers, jobs: 2)
        for index in 0..<169 {
            for (q, classifier) in classifiers.enumerated() {
                let kept = try #require(confirmations.surveyedCell(classifier: q, index: index), "#\(index)")
                #expect(kept == classifier.cell(at: grid.point(at: index)), "#\(index), quantity \(q)")
            }
        }
        #expect(confirmations.surveyedCell(classifier: 0, index: 169) == nil, "past the grid: not kept")
        let unkept = CellSurvey.survey(0 ..< 169, of: grid, classifiers: classifiers).confirm(on: grid, classifiers: classifiers, jobs: 1)
        #expect(unkept.surveyedCell(classifier: 0, index: 0) == nil)
    }
}
