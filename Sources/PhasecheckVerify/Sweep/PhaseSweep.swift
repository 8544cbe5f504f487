import PhasecheckFormat
import Foundation
import PhasecheckAsymptotics
import PhasecheckExpressions
import PhasecheckNumbers
import Synchronization

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
        count = axisValues.reduce(1) { product, values in
            let (next, overflow) = product.multipliedReportingOverflow(by: values.count)
            return overflow ? Int.max : next
        }
    }

    /// The most points a sweep accepts: at the tool's rate (thousands of points a second) more would not
    /// finish in years, and shard arithmetic stays exact well below `Int.max`.
    public static let maximumPoints = 1_000_000_000_000

    /// Every coordinate name: the axes, then the fixed exponents.
    public var names: [String] { axes.map(\.name) + fixed.map(\.name) }
    /// The number of points; `Int.max` when the product of the axis sizes does not fit (`PhaseSweep`
    /// refuses grids beyond `maximumPoints`).
    public let count: Int
    /// The axes that take more than one value.
    public var varyingAxes: [GridAxis] { zip(axes, axisValues).filter { $0.1.count > 1 }.map(\.0) }

    /// The coordinates of point `index`, in the order of `names`.
    public func coordinates(at index: Int) -> [BigRational] {
        GridPoint.coordinates(of: index, axisValues: axisValues) + fixed.map(\.value)
    }

    /// Shard `shard` (1-based) of `of` equal contiguous parts.
    public func shard(_ shard: Int, of parts: Int) -> Range<Int> {
        // count * i / parts in double width: the product may not fit an Int.
        func boundary(_ i: Int) -> Int { parts.dividingFullWidth(count.multipliedFullWidth(by: i)).quotient }
        return boundary(shard - 1) ..< boundary(shard)
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

/// An exact rational of a sweep: in machine integers where it fits, so that a point allocates no rational.
public enum ExactNumber: Sendable {
    case small(SmallRational)
    case big(BigRational)

    public var exact: BigRational {
        switch self {
        case .small(let q): return q.exact
        case .big(let q): return q
        }
    }
}

/// One point of a phase sweep: what the claims predict and what the classification found.
public struct PhaseRow: Sendable {
    public let index: Int
    /// The coordinates in the order of `PhaseGrid.names`, as integers over `denominator` (the grid's).
    public let scaledCoordinates: [Int]
    public let denominator: Int
    /// Values of the file's named exponents, in file order.
    public let exponentValues: [ExactNumber]
    public let classification: PhaseClassification
    /// The first claimed region whose condition holds.
    public let predicted: String?
    /// The region named by `classify` for the quantity's regime (nil when undecided).
    public let found: String?
    public let flags: [FlagOutcome]
    /// Every reason the point does not agree (empty when it agrees): its certain disagreements, then why it is undecided.
    public let problems: [String]
    /// Whether the point is undecided rather than disagreeing: no certain disagreement, but a classification undecided or
    /// a numeric confirmation too imprecise to show the limit either way (`PhaseSweep.doubts`).
    public let undecided: Bool
    /// Rows with the same key are the same but for their point's numbers (`index`, the coordinates, the
    /// exponents, the classification's exponent): see `PhaseSweep.templateKey`. nil for a row computed on its own.
    public let templateKey: UInt64?

    public var agrees: Bool { problems.isEmpty }

    public var coordinates: [BigRational] { scaledCoordinates.map { BigRational($0, denominator) } }
    /// Coordinate `i` in machine integers (nil only for a numerator of `Int.min`, which has no negation).
    public func coordinate(_ i: Int) -> SmallRational? { SmallRational(scaledCoordinates[i], denominator) }
    public var exponents: [BigRational] { exponentValues.map(\.exact) }
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
    /// The `classify` quantity's classifier, then one per distinct flag quantity (sorted by name).
    let classifiers: [(quantity: String, classifier: PhaseClassifier)]
    /// For each flag, the position of its quantity's classifier in `classifiers`.
    let flagClassifier: [Int]
    /// The claimed regions' and flags' conditions, compiled once for the whole sweep.
    let regionConditions: [(name: String, condition: ExponentCondition)]
    let flagConditions: [ExponentCondition?]
    /// Where the exact analyses are confirmed numerically.
    public let confirm: ConfirmationScope
    /// The grid, exponents and conditions in machine integers (see `IntegerPointEvaluator`).
    let integers: IntegerPointEvaluator
    /// Bits of a template key for the claimed region (its number, or the count of regions for none); nil
    /// when a key does not fit 64 bits (then every row is computed on its own).
    let regionKeyBits: Int?

    /// - Parameter widthLimitModel: the derivation's, when already built (`CheckedDerivation`).
    public init(_ derivation: Derivation, widthLimitModel: WidthLimitModel? = nil, grid: PhaseGrid, confirm: ConfirmationScope = .sample) throws {
        model = try widthLimitModel ?? WidthLimitModel(derivation)
        guard let classification = model.section.classification else {
            throw SweepError("\(derivation.file): no `classify` statement: nothing names the regions to find")
        }
        self.classification = classification
        self.grid = grid
        guard grid.count != Int.max else { throw SweepError("the grid has more points than a 64-bit integer counts: sweep fewer or coarser axes") }
        guard grid.count <= PhaseGrid.maximumPoints else {
            let sizes = zip(grid.axes, grid.axisValues).map { "\($0.name): \($1.count)" }.joined(separator: " x ")
            throw SweepError("the grid has more than \(PhaseGrid.maximumPoints) points (\(sizes)), too many to sweep: use coarser steps, fewer axes or --fix")
        }
        // Only the exponents something evaluated on the grid reads need values: those of the hyperparameters the
        // classified quantities read (the rule of a `limit` claim), of the named exponents (printed in every row)
        // and of the regions' and flags' conditions.
        let widthModel = self.model
        let classified = [classification.quantity] + widthModel.section.flags.map(\.quantity)
        var read = Set(classified.flatMap { widthModel.limit.exponentSymbols(readBy: widthModel.quantities[$0]!) })
        read.formUnion(widthModel.exponents.flatMap(\.value.symbols))
        let regionConditions = try widthModel.section.regions.map { (name: $0.name, condition: try widthModel.compile($0.condition)) }
        let flagConditions = try widthModel.section.flags.map { try $0.claimed.map(widthModel.compile) }
        for condition in regionConditions.map(\.condition) + flagConditions.compactMap({ $0 }) { read.formUnion(condition.symbols) }
        let names = Set(grid.names)
        if let missing = model.limit.exponentSymbols.first(where: { !names.contains($0) && read.contains($0) }) {
            throw SweepError("the exponent `\(missing)` has no value: give it a grid axis (--grid \(missing)=FROM:TO:STEP) or fix it (--fix \(missing)=VALUE)")
        }
        let unread = Set(model.limit.exponentSymbols).subtracting(names)
        let known = Set(model.limit.exponentSymbols)
        if let unknown = grid.names.first(where: { !known.contains($0) }) {
            throw SweepError("`\(unknown)` is not an exponent symbol of \(derivation.file) (expected \(model.limit.exponentSymbols.joined(separator: ", ")))")
        }
        classifier = try PhaseClassifier(quantity: model.quantities[classification.quantity]!, limit: model.limit)
        var flagClassifiers: [String: PhaseClassifier] = [:]
        for flag in model.section.flags where flagClassifiers[flag.quantity] == nil {
            flagClassifiers[flag.quantity] = try PhaseClassifier(quantity: model.quantities[flag.quantity]!, limit: model.limit)
        }
        classifiers = [(classification.quantity, classifier)] + flagClassifiers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        let classifiers = self.classifiers
        flagClassifier = model.section.flags.map { flag in classifiers.indices.dropFirst().first { classifiers[$0].quantity == flag.quantity }! }
        self.regionConditions = regionConditions
        self.flagConditions = flagConditions
        self.confirm = confirm
        guard let integers = IntegerPointEvaluator(grid: grid, symbols: classifier.symbols, unread: unread, exponents: model.exponents.map(\.value),
                                                   conditions: regionConditions.map(\.condition) + flagConditions.compactMap { $0 }) else {
            throw SweepError("the grid's values need a common denominator and numerators within 64-bit integers")
        }
        self.integers = integers
        let regionBits = Int.bitWidth - regionConditions.count.leadingZeroBitCount
        let keyBits = Self.cellKeyBits * classifiers.count + regionBits + flagConditions.count(where: { $0 != nil })
        regionKeyBits = keyBits <= UInt64.bitWidth ? regionBits : nil
    }

    /// Bits of a template key per cell number (cells are numbered below `AnalysisCache.capacity`).
    static let cellKeyBits = 12

    public var exponentNames: [String] { model.exponents.map(\.name) }
    public var flagNames: [String] { model.section.flags.map(\.name) }
    /// Region names in the order of the regimes (vanishing, bounded, diverging).
    public var regionNames: [String] {
        [WidthRegime.vanishing, .bounded, .diverging].compactMap { classification.regions[$0] }
    }

    /// Classifies point `index` of the grid and compares with the claims; `samples` holds the cells'
    /// confirmations when `confirm` is `.sample`.
    func row(at index: Int, samples: SampleConfirmations?) throws -> PhaseRow {
        var hints = [Int?](repeating: nil, count: classifiers.count)
        return try row(at: index, samples: samples, hints: &hints)
    }

    /// What decides every part of a row but its point's numbers, packed in 64 bits: the cell of each
    /// classifier, the claimed region and the truth of each flag condition. At a point no sample confirms
    /// on its own, the classifications are read from those cells with their regions' confirmations, so two
    /// such points with the same key have the same regimes, confirmations, found and claimed regions, flags
    /// and problems. nil at a sampled point, a point without a surveyed cell, or where machine integers
    /// would overflow (such a row is computed on its own). `hints` as in `row(at:samples:hints:)`.
    func templateKey(at index: Int, _ point: ScaledPoint, samples: SampleConfirmations, hints: inout [Int?]) -> UInt64? {
        guard let regionKeyBits, !samples.isSampled(index) else { return nil }
        var key: UInt64 = 0
        for (q, (_, classifier)) in classifiers.enumerated() {
            // The survey's cell, or on a grid too large to keep them the same cell found again.
            let cell = samples.surveyedCell(classifier: q, index: index) ?? classifier.cell(at: point, hint: hints[q])
            hints[q] = cell
            guard let cell, samples.hasVerdict(classifier: q, cell: cell) else { return nil }
            key = key << Self.cellKeyBits | UInt64(cell)
        }
        var predicted = regionConditions.count
        for c in regionConditions.indices {
            guard let holds = integers.holds(c, at: point) else { return nil }
            if holds {
                predicted = c
                break
            }
        }
        key = key << regionKeyBits | UInt64(predicted)
        for c in regionConditions.count ..< integers.conditions.count {
            guard let holds = integers.holds(c, at: point) else { return nil }
            key = key << 1 | (holds ? 1 : 0)
        }
        return key
    }

    /// Point `index`'s row made from `template`, a row with the same key (see `templateKey`): only its
    /// numbers are computed, in machine integers; nil where one would overflow.
    func row(at index: Int, coordinates: [Int], point: ScaledPoint, from template: PhaseRow) -> PhaseRow? {
        var exponents: [ExactNumber] = []
        exponents.reserveCapacity(model.exponents.count)
        for i in model.exponents.indices {
            guard let value = integers.exponent(i, at: point) else { return nil }
            exponents.append(.small(value))
        }
        guard let classification = template.classification.moved(to: point),
              classification.integerExponent != nil || template.classification.leadingInCell == nil else { return nil }
        return PhaseRow(index: index, scaledCoordinates: coordinates, denominator: point.denominator, exponentValues: exponents,
                        classification: classification, predicted: template.predicted, found: template.found, flags: template.flags,
                        problems: template.problems, undecided: template.undecided, templateKey: template.templateKey)
    }

    /// The same as `row(at:samples:)`, trying first the cells in `hints` (per classifier; the previous
    /// point's, for speed only) and leaving this point's cells there; with `samples`, made from the row of
    /// the same key in `templates` (the chunk's) or `shared` (the sweep's) when there is one, else computed
    /// and kept in both.
    func row(at index: Int, samples: SampleConfirmations?, hints: inout [Int?], templates: inout [UInt64: PhaseRow],
             shared: TemplateRows) throws -> PhaseRow {
        let coordinates = integers.grid.coordinates(at: index)
        let scaled = integers.grid.point(coordinates: coordinates)
        guard let samples, let key = templateKey(at: index, scaled, samples: samples, hints: &hints) else {
            return try row(at: index, coordinates: coordinates, point: scaled, samples: samples, hints: &hints, templateKey: nil)
        }
        if let template = templates[key] ?? shared.row(key) {
            templates[key] = template
            if let row = row(at: index, coordinates: coordinates, point: scaled, from: template) { return row }
        }
        let row = try row(at: index, coordinates: coordinates, point: scaled, samples: samples, hints: &hints, templateKey: key)
        templates[key] = row
        shared.keep(row, key)
        return row
    }

    func row(at index: Int, samples: SampleConfirmations?, hints: inout [Int?]) throws -> PhaseRow {
        let coordinates = integers.grid.coordinates(at: index)
        return try row(at: index, coordinates: coordinates, point: integers.grid.point(coordinates: coordinates), samples: samples, hints: &hints,
                       templateKey: nil)
    }

    /// Point `index`'s row computed on its own: every classification read from its cell (or analysed), every
    /// condition decided, every problem written.
    private func row(at index: Int, coordinates: [Int], point scaled: ScaledPoint, samples: SampleConfirmations?, hints: inout [Int?],
                     templateKey: UInt64?) throws -> PhaseRow {
        // The point in rationals, made only where machine integers would overflow.
        var values: [String: BigRational]? = nil
        func point() -> [String: BigRational] {
            if let values { return values }
            values = Dictionary(uniqueKeysWithValues: zip(grid.names, coordinates.map { BigRational($0, scaled.denominator) }))
            return values!
        }
        let exponents = try model.exponents.indices.map { i -> ExactNumber in
            if let value = integers.exponent(i, at: scaled) { return .small(value) }
            return .big(try model.exponents[i].value.value(at: point()))
        }
        func classify(_ q: Int, _ classifier: PhaseClassifier) -> PhaseClassification {
            let cell = samples?.surveyedCell(classifier: q, index: index) ?? classifier.cell(at: scaled, hint: hints[q])
            hints[q] = cell
            guard let cell else { return classifier.classify(at: point()) }
            if let samples, let (own, cellConfirmation) = samples.confirmation(classifier: q, cell: cell, index: index) {
                return classifier.classify(cell: cell, at: scaled, confirmation: own, cellConfirmation: cellConfirmation)
            }
            return classifier.classify(cell: cell, at: scaled, confirmation: classifier.confirm(cell: cell, at: scaled), cellConfirmation: nil)
        }
        func holds(_ c: Int, _ condition: ExponentCondition) throws -> Bool {
            try integers.holds(c, at: scaled) ?? condition.holds(at: point())
        }
        var problems: [String] = [], doubts: [String] = []
        func judge(_ result: PhaseClassification, _ quantity: String) {
            let (certain, undecided) = Self.doubts(result, quantity)
            problems += certain
            doubts += undecided
        }
        let result = classify(0, classifier)
        judge(result, classification.quantity)
        let found = result.regime.flatMap { classification.regions[$0] }
        if result.regime != nil && found == nil {
            problems.append("\(classification.quantity) is \(result.regime!.word), which `classify` does not name")
        }
        let predicted = try regionConditions.indices.first { try holds($0, regionConditions[$0].condition) }.map { regionConditions[$0].name }
        if let found {
            if let predicted {
                if predicted != found { problems.append("claimed \(predicted), found \(found)") }
            } else {
                problems.append("no claimed region holds, found \(found)")
            }
        }
        var flagResults = [result]
        for (q, (quantity, classifier)) in classifiers.enumerated().dropFirst() {
            let r = classify(q, classifier)
            flagResults.append(r)
            judge(r, quantity)
        }
        var conditionNumber = regionConditions.count
        let flags = try model.section.flags.indices.map { f in
            let flag = model.section.flags[f], condition = flagConditions[f], found = flagResults[flagClassifier[f]]
            let raised = found.regime.map { $0 == flag.regime }
            let claimed = try condition.map { c in
                defer { conditionNumber += 1 }
                return try holds(conditionNumber, c)
            }
            if let raised, let claimed, raised != claimed {
                problems.append("flag \(flag.name) \(raised ? "raised" : "not raised") (\(flag.quantity) \(found.regime!.word)), claimed \(claimed ? "raised" : "not raised")")
            }
            return FlagOutcome(name: flag.name, raised: raised, claimed: claimed)
        }
        return PhaseRow(index: index, scaledCoordinates: coordinates, denominator: scaled.denominator, exponentValues: exponents, classification: result,
                        predicted: predicted, found: found, flags: flags, problems: problems + doubts,
                        undecided: problems.isEmpty && !doubts.isEmpty, templateKey: templateKey)
    }

    /// A numeric confirmation that certainly disagrees with the exact analysis is a disagreement (`certain`); an undecided
    /// regime, or samples too imprecise to show the limit either way, leave the point undecided (`undecided`): never
    /// counted as agreeing, never hidden, never called a disagreement.
    static func doubts(_ result: PhaseClassification, _ quantity: String) -> (certain: [String], undecided: [String]) {
        guard result.regime != nil else { return ([], ["\(quantity) undecided: \(result.analysis)"]) }
        guard let problem = result.confirmationProblem else { return ([], []) }
        return result.confirmationDisagreementIsCertain ? (["\(quantity) not confirmed numerically: \(problem)"], [])
            : ([], ["\(quantity) unconfirmed (undecided): \(problem)"])
    }

    /// Computes the rows of `indices` on `jobs` threads and hands them to `emit` one at a time, in grid
    /// order. With `confirm == .sample`, the whole grid is surveyed first (its cells and their samples,
    /// so that rows do not depend on the shard) and every cell is confirmed at its sample.
    /// Rows come in chunks of 512 points with `confirm == .sample` (each chunk computes the first row of each
    /// template key in full, the rest from it), of 16 with `.all` (each row costs its own confirmation).
    public func rows(_ indices: Range<Int>, jobs: Int, emit: (PhaseRow) throws -> Void) throws {
        let samples = confirm == .sample ? try sampleConfirmations(jobs: jobs) : nil
        let shared = TemplateRows()
        try Self.inOrder(indices, jobs: jobs, chunkSize: samples == nil ? 16 : 512) { range in
            var hints = [Int?](repeating: nil, count: classifiers.count)
            var templates: [UInt64: PhaseRow] = [:]
            return try range.map { try row(at: $0, samples: samples, hints: &hints, templates: &templates, shared: shared) }
        } consume: { rows in try rows.forEach(emit) }
    }

    /// Surveys the whole grid's cells (fixed chunks merged in grid order) and confirms each at its sample.
    func sampleConfirmations(jobs: Int) throws -> SampleConfirmations {
        let classifiers = self.classifiers.map(\.classifier), grid = integers.grid
        // Each point's cells are kept for the rows when they fit `CellSurvey.maximumPointCells`.
        let keep = self.grid.count <= CellSurvey.maximumPointCells / classifiers.count
        var survey = CellSurvey(classifiers: classifiers.count, keepingPointCells: keep)
        try Self.inOrder(0 ..< self.grid.count, jobs: jobs, chunkSize: 1024) { range in
            CellSurvey.survey(range, of: grid, classifiers: classifiers, keepingPointCells: keep)
        } consume: { survey.merge($0) }
        return survey.confirm(on: grid, classifiers: classifiers, jobs: jobs)
    }

    /// Runs `work` on chunks of `chunkSize` points on `jobs` threads and hands the results to `consume`
    /// one at a time, in grid order. Chunks are taken in increasing order and at most `4 * jobs` finished
    /// chunks wait for an earlier one, so memory stays flat for any grid size.
    static func inOrder<T>(_ indices: Range<Int>, jobs: Int, chunkSize: Int, work: @Sendable (Range<Int>) throws -> T,
                           consume: (T) throws -> Void) throws {
        let chunks = (indices.count + chunkSize - 1) / chunkSize
        try withoutActuallyEscaping(consume) { consume in
            let state = OrderedChunks(window: 4 * max(1, jobs), consume: consume)
            DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, chunks))) { _ in
                while let chunk = state.take(below: chunks) {
                    let start = indices.lowerBound + chunk * chunkSize
                    state.finish(chunk, Result { try work(start ..< min(start + chunkSize, indices.upperBound)) })
                }
            }
            if let error = state.error { throw error }
        }
    }
}

/// The template rows of a sweep by key (`PhaseSweep.templateKey`), shared by its threads, so that each key's
/// row is computed in full about once per sweep rather than once per chunk; a chunk asks only for the keys it
/// has not met yet. At most `capacity` rows are kept (memory stays flat on grids of tiny cells).
final class TemplateRows: Sendable {
    private let rows = Mutex<[UInt64: PhaseRow]>([:])
    static let capacity = 1 << 14

    func row(_ key: UInt64) -> PhaseRow? { rows.withLock { $0[key] } }

    func keep(_ row: PhaseRow, _ key: UInt64) {
        rows.withLock { rows in if rows.count < Self.capacity { rows[key] = row } }
    }
}

/// Hands out chunk numbers in order and consumes finished chunks in order, one thread at a time (every
/// access to the state and every call of `consume` holds the lock).
private final class OrderedChunks<T>: @unchecked Sendable {
    private let condition = NSCondition()
    private let window: Int
    private let consume: (T) throws -> Void
    private var nextToTake = 0
    private var nextToEmit = 0
    private var finished: [Int: Result<T, any Error>] = [:]
    private(set) var error: (any Error)?

    init(window: Int, consume: @escaping (T) throws -> Void) {
        self.window = window
        self.consume = consume
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

    func finish(_ chunk: Int, _ result: Result<T, any Error>) {
        condition.lock()
        defer { condition.unlock() }
        finished[chunk] = result
        while error == nil, let next = finished.removeValue(forKey: nextToEmit) {
            do { try consume(try next.get()) } catch { self.error = error }
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
    /// Every point that does not agree, undecided ones included (`undecided` of them): any makes the exit status 1.
    public private(set) var disagreements: [(index: Int, coordinates: [BigRational], problems: [String])] = []
    public private(set) var undecided = 0

    public init(quantity: String) { self.quantity = quantity }

    public mutating func add(_ row: PhaseRow) {
        points += 1
        found[row.found ?? "undecided", default: 0] += 1
        predicted[row.predicted ?? "none", default: 0] += 1
        for f in row.flags where f.raised == true { flagsRaised[f.name, default: 0] += 1 }
        if row.undecided { undecided += 1 }
        if !row.agrees { disagreements.append((row.index, row.coordinates, row.problems)) }
    }
}

/// A sweep's grid, named exponents and conditions compiled to machine integers, so that a point costs no
/// rational arithmetic; each value is nil where an intermediate would overflow (the caller then uses
/// the rational definition).
struct IntegerPointEvaluator: Sendable {
    let grid: IntegerGrid
    let exponents: [IntegerExponent?]
    let conditions: [IntegerCondition?]

    /// nil when the grid's coordinates do not fit machine integers over one denominator.
    init?(grid: PhaseGrid, symbols: [String], unread: Set<String> = [], exponents: [PiecewiseLinearExponent], conditions: [ExponentCondition]) {
        guard let integers = IntegerGrid(axes: grid.axisValues, fixed: grid.fixed.map(\.value), names: grid.names, symbols: symbols,
                                         unread: unread) else { return nil }
        self.grid = integers
        self.exponents = exponents.map { IntegerExponent($0, symbols: symbols) }
        self.conditions = conditions.map { IntegerCondition($0, symbols: symbols) }
    }

    func exponent(_ i: Int, at point: ScaledPoint) -> SmallRational? { exponents[i]?.value(at: point) }

    /// Whether condition `c` holds at `point`.
    func holds(_ c: Int, at point: ScaledPoint) -> Bool? { conditions[c]?.holds(at: point) }
}
