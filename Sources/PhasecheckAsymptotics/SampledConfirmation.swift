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

/// The cells that a sweep's points fall in, per classifier, with the sample of each cell: built chunk by
/// chunk of the grid (`survey`), the chunks merged in grid order (`merge`).
public struct CellSurvey: Sendable {
    /// Per classifier: cell number -> its sample so far.
    public private(set) var cells: [[Int: CellSample]]

    public init(classifiers: Int) { cells = Array(repeating: [:], count: classifiers) }

    /// The cells of the points in `range` (analysing the cells not known yet); run on any thread.
    public static func survey(_ range: Range<Int>, of grid: IntegerGrid, classifiers: [PhaseClassifier]) -> CellSurvey {
        var result = CellSurvey(classifiers: classifiers.count)
        for index in range {
            let point = grid.point(at: index)
            for (q, classifier) in classifiers.enumerated() {
                guard let cell = classifier.cell(at: point) else { continue }
                result.cells[q][cell, default: CellSample()].add(index: index, point: point.numerators)
            }
        }
        return result
    }

    /// Adds a survey of later points of the grid.
    public mutating func merge(_ later: CellSurvey) {
        for q in cells.indices {
            for (cell, sample) in later.cells[q] { cells[q][cell, default: CellSample()].merge(sample) }
        }
    }

    /// Confirms every cell at its sample on `jobs` threads.
    public func confirm(on grid: IntegerGrid, classifiers: [PhaseClassifier], jobs: Int) -> SampleConfirmations {
        let tasks = cells.enumerated().flatMap { q, samples in
            samples.flatMap { cell, sample in sample.indices.map { (classifier: q, cell: cell, index: $0) } }
        }
        let results = Mutex<[[Int: NumericConfirmation?]]>(Array(repeating: [:], count: classifiers.count))
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, tasks.count))) { _ in
            while true {
                let t = next.add(1, ordering: .relaxed).oldValue
                guard t < tasks.count else { return }
                let (q, cell, index) = tasks[t]
                let confirmation = classifiers[q].confirm(cell: cell, at: grid.point(at: index))?.withoutSamples
                results.withLock { $0[q][index] = .some(confirmation) }
            }
        }
        let atPoints = results.withLock { $0 }
        var verdicts: [[Int: CellConfirmation]] = Array(repeating: [:], count: classifiers.count)
        for (q, samples) in cells.enumerated() {
            for (cell, sample) in samples {
                let indices = sample.indices
                let failure = indices.lazy.compactMap { i in atPoints[q][i]!.flatMap { $0.problem }.map { (index: i, problem: $0) } }.first
                verdicts[q][cell] = CellConfirmation(samples: indices.count, failure: failure)
            }
        }
        return SampleConfirmations(atPoints: atPoints, verdicts: verdicts)
    }
}

/// The outcome of confirming every cell at its sample.
public struct SampleConfirmations: Sendable {
    /// Per classifier: sample point number -> its confirmation (nil inside when there was nothing to confirm).
    let atPoints: [[Int: NumericConfirmation?]]
    /// Per classifier: cell number -> the outcome at its sample.
    let verdicts: [[Int: CellConfirmation]]

    /// Classifier `q`'s confirmation at point `index` of cell `cell`: the point's own when it belongs to
    /// the sample, and the cell's; nil when the cell was not surveyed.
    public func confirmation(classifier q: Int, cell: Int, index: Int) -> (atPoint: NumericConfirmation?, cell: CellConfirmation)? {
        guard let verdict = verdicts[q][cell] else { return nil }
        return ((atPoints[q][index]).flatMap { $0 }, verdict)
    }
}
