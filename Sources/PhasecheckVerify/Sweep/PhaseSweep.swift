import PhasecheckFormat
import Foundation
import PhasecheckAsymptotics
import PhasecheckExpressions
import PhasecheckNumbers

/// The exponent tuples of a phase sweep: grid axes (the first varies slowest) and fixed exponents.
/// Points are numbered 0 ..< count in that order, so any contiguous range is a shard.
public struct PhaseGrid: Sendable {
    public let axes: [GridAxis]
    public let fixed: [(name: String, value: BigRational)]
    let axisValues: [[BigRational]]

    /// The file's `grid` and `fix` with per-axis overrides: an axis of `grid` replaces the file's axis or
    /// fixed value of that name (new names are appended), a `fix` replaces the file's axis or fixed value.
    public init(section: WidthLimitSection, grid overrides: [GridAxis] = [], fix: [(name: String, value: BigRational)] = []) {
        var axes = section.grid
        var fixed = section.fixed
        for axis in overrides {
            fixed.removeAll { $0.name == axis.name }
            if let i = axes.firstIndex(where: { $0.name == axis.name }) { axes[i] = axis } else { axes.append(axis) }
        }
        for f in fix {
            axes.removeAll { $0.name == f.name }
            if let i = fixed.firstIndex(where: { $0.name == f.name }) { fixed[i] = f } else { fixed.append(f) }
        }
        self.axes = axes
        self.fixed = fixed
        axisValues = axes.map(\.values)
    }

    /// Every coordinate name: the axes, then the fixed exponents.
    public var names: [String] { axes.map(\.name) + fixed.map(\.name) }
    public var count: Int { axisValues.reduce(1) { $0 * $1.count } }
    /// The axes that take more than one value.
    public var varyingAxes: [GridAxis] { zip(axes, axisValues).filter { $0.1.count > 1 }.map(\.0) }

    /// The coordinates of point `index`, in the order of `names`.
    public func coordinates(at index: Int) -> [BigRational] {
        var rest = index
        var result = [BigRational](repeating: 0, count: axisValues.count)
        for i in axisValues.indices.reversed() {
            result[i] = axisValues[i][rest % axisValues[i].count]
            rest /= axisValues[i].count
        }
        return result + fixed.map(\.value)
    }

    /// Shard `shard` (1-based) of `of` equal contiguous parts.
    public func shard(_ shard: Int, of parts: Int) -> Range<Int> {
        (count * (shard - 1) / parts) ..< (count * shard / parts)
    }
}

/// One flag at one point: found from the classification of its quantity, and the claim about it.
public struct FlagOutcome: Sendable {
    public let name: String
    /// nil when the quantity's regime could not be decided.
    public let raised: Bool?
    /// nil when the flag has no `when` condition.
    public let claimed: Bool?
}

/// One point of a phase sweep: what the claims predict and what the classification found.
public struct PhaseRow: Sendable {
    public let index: Int
    public let coordinates: [BigRational]
    /// Values of the file's named exponents, in file order.
    public let exponents: [BigRational]
    public let classification: PhaseClassification
    /// The first claimed region whose condition holds.
    public let predicted: String?
    /// The region named by `classify` for the quantity's regime (nil when undecided).
    public let found: String?
    public let flags: [FlagOutcome]
    /// Every reason the point disagrees (empty when it agrees).
    public let problems: [String]

    public var agrees: Bool { problems.isEmpty }
}

/// The width-limit section of a derivation swept over a grid of exponent tuples.
///
/// Each point classifies the `classify` quantity and every flag quantity (`PhaseClassifier`, compiled
/// once per quantity), decides the claimed regions and flag conditions exactly, and records every
/// disagreement, including classifications that are undecided or not confirmed numerically.
public struct PhaseSweep: Sendable {
    public let model: WidthLimitModel
    public let grid: PhaseGrid
    public let classification: Classification
    let classifier: PhaseClassifier
    /// One classifier per distinct flag quantity.
    let flagClassifiers: [String: PhaseClassifier]
    /// The claimed regions' and flags' conditions, compiled once for the whole sweep.
    let regionConditions: [(name: String, condition: ExponentCondition)]
    let flagConditions: [ExponentCondition?]

    public init(_ derivation: Derivation, grid: PhaseGrid) throws {
        model = try WidthLimitModel(derivation)
        guard let classification = model.section.classification else {
            throw SweepError("\(derivation.file): no `classify` statement: nothing names the regions to find")
        }
        self.classification = classification
        self.grid = grid
        let names = Set(grid.names)
        if let missing = model.limit.exponentSymbols.first(where: { !names.contains($0) }) {
            throw SweepError("the exponent `\(missing)` has no value: give it a grid axis (--grid \(missing)=FROM:TO:STEP) or fix it (--fix \(missing)=VALUE)")
        }
        let known = Set(model.limit.exponentSymbols)
        if let unknown = grid.names.first(where: { !known.contains($0) }) {
            throw SweepError("`\(unknown)` is not an exponent symbol of \(derivation.file) (expected \(model.limit.exponentSymbols.joined(separator: ", ")))")
        }
        classifier = try PhaseClassifier(quantity: model.quantities[classification.quantity]!, limit: model.limit)
        var flagClassifiers: [String: PhaseClassifier] = [:]
        for flag in model.section.flags where flagClassifiers[flag.quantity] == nil {
            flagClassifiers[flag.quantity] = try PhaseClassifier(quantity: model.quantities[flag.quantity]!, limit: model.limit)
        }
        self.flagClassifiers = flagClassifiers
        let model = self.model
        regionConditions = try model.section.regions.map { ($0.name, try model.compile($0.condition)) }
        flagConditions = try model.section.flags.map { try $0.claimed.map(model.compile) }
    }

    public var exponentNames: [String] { model.exponents.map(\.name) }
    public var flagNames: [String] { model.section.flags.map(\.name) }
    /// Region names in the order of the regimes (vanishing, bounded, diverging).
    public var regionNames: [String] {
        [WidthRegime.vanishing, .bounded, .diverging].compactMap { classification.regions[$0] }
    }

    /// Classifies point `index` of the grid and compares with the claims.
    public func row(at index: Int) throws -> PhaseRow {
        let coordinates = grid.coordinates(at: index)
        let point = Dictionary(uniqueKeysWithValues: zip(grid.names, coordinates))
        let exponents = try model.exponents.map { try $0.value.value(at: point) }
        var problems: [String] = []
        let result = classifier.classify(at: point)
        problems += Self.doubts(result, classification.quantity)
        let found = result.regime.flatMap { classification.regions[$0] }
        if result.regime != nil && found == nil {
            problems.append("\(classification.quantity) is \(result.regime!.word), which `classify` does not name")
        }
        let predicted = try regionConditions.first { try $0.condition.holds(at: point) }?.name
        if let found {
            if let predicted {
                if predicted != found { problems.append("claimed \(predicted), found \(found)") }
            } else {
                problems.append("no claimed region holds, found \(found)")
            }
        }
        var flagResults: [String: PhaseClassification] = [:]
        for (quantity, classifier) in flagClassifiers {
            let r = classifier.classify(at: point)
            flagResults[quantity] = r
            problems += Self.doubts(r, quantity)
        }
        let flags = try zip(model.section.flags, flagConditions).map { flag, condition in
            let raised = flagResults[flag.quantity]!.regime.map { $0 == flag.regime }
            let claimed = try condition.map { try $0.holds(at: point) }
            if let raised, let claimed, raised != claimed {
                problems.append("flag \(flag.name) \(raised ? "raised" : "not raised") (\(flag.quantity) \(flagResults[flag.quantity]!.regime!.word)), claimed \(claimed ? "raised" : "not raised")")
            }
            return FlagOutcome(name: flag.name, raised: raised, claimed: claimed)
        }
        return PhaseRow(index: index, coordinates: coordinates, exponents: exponents, classification: result,
                        predicted: predicted, found: found, flags: flags, problems: problems)
    }

    /// An undecided regime or a failed numeric confirmation is a disagreement, never hidden.
    static func doubts(_ result: PhaseClassification, _ quantity: String) -> [String] {
        guard result.regime != nil else { return ["\(quantity) undecided: \(result.analysis)"] }
        if let problem = result.confirmation?.problem { return ["\(quantity) not confirmed numerically: \(problem)"] }
        return []
    }

    /// Computes the rows of `indices` on `jobs` threads and hands them to `emit` one at a time, in grid
    /// order. Chunks of `chunkSize` points are taken in increasing order and at most `4 * jobs` finished
    /// chunks wait for an earlier one, so memory stays flat for any grid size.
    public func rows(_ indices: Range<Int>, jobs: Int, chunkSize: Int = 16, emit: (PhaseRow) throws -> Void) throws {
        let chunks = (indices.count + chunkSize - 1) / chunkSize
        try withoutActuallyEscaping(emit) { emit in
            let state = OrderedChunks(window: 4 * max(1, jobs), emit: emit)
            DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, chunks))) { _ in
                while let chunk = state.take(below: chunks) {
                    let start = indices.lowerBound + chunk * chunkSize
                    state.finish(chunk, Result { try (start ..< min(start + chunkSize, indices.upperBound)).map(row(at:)) })
                }
            }
            if let error = state.error { throw error }
        }
    }
}

/// Hands out chunk numbers in order and emits finished chunks in order, one thread at a time (every
/// access to the state and every call of `emit` holds the lock).
private final class OrderedChunks: @unchecked Sendable {
    private let condition = NSCondition()
    private let window: Int
    private let emit: (PhaseRow) throws -> Void
    private var nextToTake = 0
    private var nextToEmit = 0
    private var finished: [Int: Result<[PhaseRow], any Error>] = [:]
    private(set) var error: (any Error)?

    init(window: Int, emit: @escaping (PhaseRow) throws -> Void) {
        self.window = window
        self.emit = emit
    }

    /// The next chunk, waiting while too many finished chunks are held; nil when done or after an error.
    func take(below count: Int) -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while nextToTake - nextToEmit >= window && error == nil { condition.wait() }
        guard nextToTake < count, error == nil else { return nil }
        nextToTake += 1
        return nextToTake - 1
    }

    func finish(_ chunk: Int, _ result: Result<[PhaseRow], any Error>) {
        condition.lock()
        defer { condition.unlock() }
        finished[chunk] = result
        while error == nil, let next = finished.removeValue(forKey: nextToEmit) {
            do { for row in try next.get() { try emit(row) } } catch { self.error = error }
            nextToEmit += 1
        }
        condition.broadcast()
    }
}

/// A sweep that cannot start (a missing exponent, no `classify`).
public struct SweepError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Counts per region and every disagreement, accumulated as rows stream past.
public struct PhaseSummary: Sendable {
    public let quantity: String
    public private(set) var points = 0
    /// Found region (or "undecided") -> count, and predicted region (or "none") -> count.
    public private(set) var found: [String: Int] = [:]
    public private(set) var predicted: [String: Int] = [:]
    public private(set) var flagsRaised: [String: Int] = [:]
    public private(set) var disagreements: [(index: Int, coordinates: [BigRational], problems: [String])] = []

    public init(quantity: String) { self.quantity = quantity }

    public mutating func add(_ row: PhaseRow) {
        points += 1
        found[row.found ?? "undecided", default: 0] += 1
        predicted[row.predicted ?? "none", default: 0] += 1
        for f in row.flags where f.raised == true { flagsRaised[f.name, default: 0] += 1 }
        if !row.agrees { disagreements.append((row.index, row.coordinates, row.problems)) }
    }
}
