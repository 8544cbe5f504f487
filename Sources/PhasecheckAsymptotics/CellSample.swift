import PhasecheckNumbers

/// The grid points of one cell of exponent space at which a sweep confirms the cell's exact analysis
/// numerically, chosen from every point of the cell:
///
/// - for each coordinate, the cell's point with the smallest and the one with the largest value (the
///   first in grid order among equals): the cell's extreme points;
/// - points completing an affine basis of the cell's points (the first point, then each point, in grid
///   order of chunks, that is not an affine combination of those before): on the cell the exponents are
///   affine and the coefficient constant, so these points pin the whole exact analysis down;
/// - `randomCount` further points drawn at random: those whose number, hashed with `seed`, is smallest.
///
/// Points are given by their number in the sweep and their coordinates as integers over a denominator
/// shared by the whole sweep. Extremes and random points do not depend on the order in which points are
/// added; the basis depends only on the order of `merge`, which a sweep makes the grid order of fixed
/// chunks, so the sample is the same with any number of threads or shards.
public struct CellSample: Sendable {
    public static let randomCount = 2
    /// The seed of the random points (fixed, so that every run confirms the same points).
    public static let seed: UInt64 = 0x5EED_CE11_5A3B_1E00

    private var lowest: [(value: Int, index: Int)] = []
    private var highest: [(value: Int, index: Int)] = []
    /// At most `randomCount` (hash, index) pairs, the smallest hashes seen.
    private var random: [(hash: UInt64, index: Int)] = []
    /// The basis points, the first one the origin of `echelon`.
    private var basis: [(index: Int, point: [Int])] = []
    /// Differences of basis points from the first, in fraction-free row echelon form (pivot = first nonzero).
    private var echelon: [[Int]] = []
    /// The last point added that lies in the affine span of `basis` without an overflow in the elimination:
    /// a next point differing from it in one coordinate only is in the span too when that coordinate's
    /// direction is (`axesInSpan`), which is most points of a region surveyed line by line.
    private var lastInSpan: [Int]? = nil
    /// Per coordinate, whether its unit direction lies in the span of `echelon`.
    private var axesInSpan: [Bool] = []
    /// The largest magnitude of an entry of `echelon`.
    private var largestEntry = 0
    /// The affine dimension of the space the points lie in (a grid's number of varying axes): once the
    /// basis spans it, no point can extend it, so later points skip the elimination.
    private let dimension: Int

    public init(dimension: Int = .max) { self.dimension = dimension }

    /// Adds point `index` with coordinates `point` (numerators over the sweep's denominator).
    public mutating func add(index: Int, point: [Int]) {
        if lowest.isEmpty {
            lowest = point.map { ($0, index) }
            highest = lowest
        } else {
            for (j, x) in point.enumerated() {
                if (x, index) < lowest[j] { lowest[j] = (x, index) }
                if x > highest[j].value || (x == highest[j].value && index < highest[j].index) { highest[j] = (x, index) }
            }
        }
        var generator = SplitMix64(seed: Self.seed ^ UInt64(bitPattern: Int64(index)))
        note(random: (generator.next(), index))
        extendBasis(index: index, point: point)
    }

    /// Adds the points of a sample taken over points that all come after this one's in grid order.
    public mutating func merge(_ later: CellSample) {
        guard !lowest.isEmpty else {
            self = later
            return
        }
        for j in lowest.indices where !later.lowest.isEmpty {
            if later.lowest[j] < lowest[j] { lowest[j] = later.lowest[j] }
            if later.highest[j].value > highest[j].value
                || (later.highest[j].value == highest[j].value && later.highest[j].index < highest[j].index) {
                highest[j] = later.highest[j]
            }
        }
        later.random.forEach { note(random: $0) }
        for (index, point) in later.basis { extendBasis(index: index, point: point) }
    }

    /// The sample's point numbers, ascending and distinct.
    public var indices: [Int] {
        Array(Set(lowest.map(\.index) + highest.map(\.index) + random.map(\.index) + basis.map(\.index))).sorted()
    }

    private mutating func note(random candidate: (hash: UInt64, index: Int)) {
        // Past the largest of a full set it would be added and dropped again (most points stop here).
        if random.count == Self.randomCount, let last = random.last, (candidate.hash, candidate.index) > (last.hash, last.index) { return }
        guard !random.contains(where: { $0.index == candidate.index }) else { return }
        random.append(candidate)
        random.sort { ($0.hash, $0.index) < ($1.hash, $1.index) }
        if random.count > Self.randomCount { random.removeLast() }
    }

    /// Keeps the point if it is not an affine combination of the basis so far.
    private mutating func extendBasis(index: Int, point: [Int]) {
        guard let origin = basis.first?.point else {
            basis = [(index, point)]
            lastInSpan = point
            return
        }
        guard echelon.count < Swift.min(point.count, dimension) else { return }
        if inSpanAlongAnAxis(point, origin: origin) {
            lastInSpan = point
            return
        }
        // On overflow keep the point (a larger sample).
        guard let v = reduced(zip(point, origin).map { $0 - $1 }) else {
            basis.append((index, point))
            lastInSpan = nil
            return
        }
        lastInSpan = point
        guard v.contains(where: { $0 != 0 }) else { return }
        basis.append((index, point))
        echelon.append(v)
        echelon.sort { ($0.firstIndex { $0 != 0 } ?? $0.count) < ($1.firstIndex { $0 != 0 } ?? $1.count) }
        largestEntry = echelon.joined().map(\.magnitude).max().map { Int(clamping: $0) } ?? 0
        axesInSpan = point.indices.map { j in
            reduced(point.indices.map { $0 == j ? 1 : 0 }).map { !$0.contains { $0 != 0 } } ?? false
        }
    }

    /// `v` less its components along the rows of `echelon` (fraction-free, made primitive after each row):
    /// zero exactly when `v` lies in their span; nil when an intermediate overflows.
    private func reduced(_ v: [Int]) -> [Int]? {
        var v = v
        for row in echelon {
            guard let pivot = row.firstIndex(where: { $0 != 0 }), v[pivot] != 0 else { continue }
            // v <- row[pivot] v - v[pivot] row in place, made primitive.
            let a = row[pivot], b = v[pivot]
            var g = 0
            for j in v.indices {
                let (x, o1) = a.multipliedReportingOverflow(by: v[j]), (y, o2) = b.multipliedReportingOverflow(by: row[j])
                let (z, o3) = x.subtractingReportingOverflow(y)
                guard !(o1 || o2 || o3) else { return nil }
                v[j] = z
                g = gcd(Swift.abs(z), g)
            }
            if g > 1 { for j in v.indices { v[j] /= g } }
        }
        return v
    }

    /// Whether `point` differs from `lastInSpan` (a point of the span) in at most one coordinate whose direction
    /// lies in the span, and `reduced` would not overflow on it: then `extendBasis` finds it in the span
    /// without the elimination (a point of the span plus a direction of it). The bound: each row multiplies
    /// the largest magnitude of v by at most 2 `largestEntry` (two products and a difference), so if every
    /// product stays within Int.max / 2 no step overflows.
    private func inSpanAlongAnAxis(_ point: [Int], origin: [Int]) -> Bool {
        guard let last = lastInSpan, last.count == point.count, axesInSpan.count == point.count else { return false }
        var axis: Int? = nil
        for j in point.indices where point[j] != last[j] {
            guard axis == nil, axesInSpan[j] else { return false }
            axis = j
        }
        var largest = 0
        for (x, o) in zip(point, origin) {
            let (d, overflow) = x.subtractingReportingOverflow(o)
            guard !overflow, d != .min else { return false }
            largest = Swift.max(largest, Swift.abs(d))
        }
        for _ in echelon {
            let (product, overflow) = largest.multipliedReportingOverflow(by: largestEntry)
            guard !overflow, product <= Int.max / 2 else { return false }
            largest = 2 * product
        }
        return true
    }
}
