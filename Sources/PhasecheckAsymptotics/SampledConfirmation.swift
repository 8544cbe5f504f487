import Foundation
import PhasecheckNumbers
import Synchronization

/// Where a phase sweep confirms its exact analyses numerically.
public enum ConfirmationScope: String, Sendable, CaseIterable {
    /// At a sample of every cell of exponent space (`CellSample`); the other points of the cell share
    /// its outcome. Points outside any cell are confirmed one by one.
    case sample
    /// At every point (nine direct evaluations per point for the flagship).
    case all
}

/// The regions of exponent space that a sweep's points fall in, per classifier, with the sample of each
/// region (a region: the cells with the same result, `CellResult`): built chunk by chunk of the grid
/// (`survey`), the chunks merged in grid order (`merge`).
public struct CellSurvey: Sendable {
    /// Per classifier: region number -> its sample so far.
    public private(set) var regions: [[Int: CellSample]]
    /// The cell of every point surveyed so far, in grid order (`PointCells`); nil when not kept.
    private var pointCells: [UInt16]?

    /// `keepingPointCells`: keep each point's cell, so that the rows need not look it up again.
    public init(classifiers: Int, keepingPointCells: Bool = false) {
        regions = Array(repeating: [:], count: classifiers)
        pointCells = keepingPointCells ? [] : nil
    }

    /// The most cells per point a survey keeps (2 bytes each): 16 MB.
    public static let maximumPointCells = 1 << 23

    /// The cells of the points in `range` (analysing the cells not known yet); run on any thread.
    public static func survey(_ range: Range<Int>, of grid: IntegerGrid, classifiers: [PhaseClassifier],
                              keepingPointCells: Bool = false) -> CellSurvey {
        var result = CellSurvey(classifiers: classifiers.count, keepingPointCells: keepingPointCells)
        result.pointCells?.reserveCapacity(range.count * classifiers.count)
        var previous = [Int?](repeating: nil, count: classifiers.count)
        // The region of each cell, refreshed from the classifier when a point finds a cell newer than the copy.
        var regionsOfCells = classifiers.map(\.analyses.regionsOfCells)
        for index in range {
            let point = grid.point(at: index)
            for (q, classifier) in classifiers.enumerated() {
                let cell = classifier.cell(at: point, hint: previous[q])
                previous[q] = cell
                result.pointCells?.append(cell.map { UInt16($0) } ?? PointCells.none)
                guard let cell else { continue }
                if cell >= regionsOfCells[q].count { regionsOfCells[q] = classifier.analyses.regionsOfCells }
                result.regions[q][regionsOfCells[q][cell], default: CellSample(dimension: grid.dimension)].add(index: index, point: point.numerators)
            }
        }
        return result
    }

    /// Adds a survey of the points that follow in the grid.
    public mutating func merge(_ later: CellSurvey) {
        for q in regions.indices {
            for (region, sample) in later.regions[q] { regions[q][region, default: CellSample()].merge(sample) }
        }
        if let more = later.pointCells { pointCells?.append(contentsOf: more) }
    }

    /// Confirms every region at its sample on `jobs` threads, each sample point with its own cell's analysis
    /// (its further terms, remainder and cancellation set the point's d = 10^k and precision).
    public func confirm(on grid: IntegerGrid, classifiers: [PhaseClassifier], jobs: Int) -> SampleConfirmations {
        // In order of classifier and region, so that consecutive samples ask for similar precisions and
        // reuse the sampler's idle evaluators (building one costs more than running it); the outcome of
        // each sample does not depend on the order.
        let tasks = regions.enumerated().flatMap { q, samples in
            samples.sorted { $0.key < $1.key }.flatMap { _, sample in sample.indices.map { (classifier: q, index: $0) } }
        }
        let results = Mutex<[[Int: NumericConfirmation?]]>(Array(repeating: [:], count: classifiers.count))
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, tasks.count))) { _ in
            while true {
                let t = next.add(1, ordering: .relaxed).oldValue
                guard t < tasks.count else { return }
                let (q, index) = tasks[t]
                let point = grid.point(at: index)
                // A surveyed point of a region has a cell (cells are never removed).
                let confirmation = classifiers[q].cell(at: point).flatMap { classifiers[q].confirm(cell: $0, at: point)?.withoutSamples }
                results.withLock { $0[q][index] = .some(confirmation) }
            }
        }
        let atPoints = results.withLock { $0 }
        var verdicts: [[Int: CellConfirmation]] = Array(repeating: [:], count: classifiers.count)
        for (q, samples) in regions.enumerated() {
            for (region, sample) in samples {
                let indices = sample.indices
                let failures = indices.lazy.compactMap { i in atPoints[q][i]!.flatMap { c in c.problem.map { (index: i, problem: $0, certain: c.disagreementIsCertain) } } }
                let failure = failures.first { $0.certain } ?? failures.first
                verdicts[q][region] = CellConfirmation(samples: indices.count, failure: failure)
            }
        }
        let cellVerdicts = classifiers.indices.map { q in classifiers[q].analyses.regionsOfCells.map { verdicts[q][$0] } }
        return SampleConfirmations(atPoints: atPoints, cellVerdicts: cellVerdicts, sampledPoints: Set(tasks.map(\.index)),
                                   pointCells: pointCells.map { PointCells(cells: $0, classifiers: classifiers.count) })
    }
}

/// The cell of each point of a surveyed grid, per classifier: what looking it up again would find (cells
/// are disjoint and never removed, and a point without a cell stays without one).
public struct PointCells: Sendable {
    /// Point i's cell for classifier q is `cells[i * classifiers + q]`.
    let cells: [UInt16]
    let classifiers: Int
    /// No cell (the analysis cannot be kept); cell numbers stay below `AnalysisCache.capacity`.
    static let none = UInt16.max

    /// nil when the point was not surveyed; .some(nil) when it has no cell.
    func cell(classifier q: Int, index: Int) -> Int?? {
        let position = index * classifiers + q
        guard index >= 0, position < cells.count else { return nil }
        return .some(cells[position] == Self.none ? nil : Int(cells[position]))
    }
}

/// The outcome of confirming every region at its sample.
public struct SampleConfirmations: Sendable {
    /// Per classifier: sample point number -> its confirmation (nil inside when there was nothing to confirm).
    let atPoints: [[Int: NumericConfirmation?]]
    /// Per classifier: by cell number (the cells known after the survey), the outcome at its region's sample.
    let cellVerdicts: [[CellConfirmation?]]
    /// Every point some classifier confirms on its own (the union of `atPoints`' keys).
    let sampledPoints: Set<Int>
    /// The surveyed cell of every point; nil when the grid was too large to keep them.
    let pointCells: PointCells?

    /// Whether some classifier confirms point `index` on its own (it belongs to a sample).
    public func isSampled(_ index: Int) -> Bool { sampledPoints.contains(index) }

    /// Whether classifier `q`'s cell `cell` was surveyed (and so confirmed at its region's sample).
    public func hasVerdict(classifier q: Int, cell: Int) -> Bool { cellVerdicts[q].indices.contains(cell) && cellVerdicts[q][cell] != nil }

    /// The cell of point `index` for classifier `q` as the survey found it; nil when not kept, .some(nil)
    /// when the point has no cell.
    public func surveyedCell(classifier q: Int, index: Int) -> Int?? { pointCells?.cell(classifier: q, index: index) }

    /// Classifier `q`'s confirmation at point `index` of cell `cell`: the point's own when it belongs to
    /// the sample, and its region's; nil when the cell was not surveyed.
    public func confirmation(classifier q: Int, cell: Int, index: Int) -> (atPoint: NumericConfirmation?, cell: CellConfirmation)? {
        guard cellVerdicts[q].indices.contains(cell), let verdict = cellVerdicts[q][cell] else { return nil }
        return ((atPoints[q][index]).flatMap { $0 }, verdict)
    }
}
