import PhasecheckNumbers

/// All zeros of a `ZeroProblem` in a box, by subdivision: a box is dropped when G certainly does not vanish
/// on it or the Krawczyk test shows it holds no zero, kept as one zero when the test proves exactly one,
/// and otherwise cut in two across its widest side. Small boxes that stay undecided also try Newton's
/// method from their midpoint with epsilon inflation, which finds a zero lying on a cut. Boxes narrower
/// than 2^-`depth` of the region that still cannot be decided (a multiple zero, a curve of zeros), and every
/// box left when the budget of boxes is spent, are returned as unresolved: the search is then incomplete.
public struct ZeroSearch {
    public struct Result: Sendable {
        /// Distinct zeros in the region, each proved unique in its isolating box.
        public var zeros: [Krawczyk.IsolatedZero] = []
        /// Parts of the region where zeros could be neither excluded nor isolated.
        public var unresolved: [Box] = []
        /// Whether every part of the region was decided: then `zeros` are all the zeros in it.
        public var isComplete: Bool { unresolved.isEmpty }
    }

    public var depth = 24
    public var maximumBoxes = 2000
    /// Asked before each box: true stops the search, leaving what is left unresolved (a time budget).
    public var shouldStop: @Sendable () -> Bool = { false }

    public init() {}

    public func run(_ evaluator: inout ZeroProblem.Evaluator, in region: Box) -> Result {
        var result = Result()
        var found: [Krawczyk.IsolatedZero] = []
        var stack = [region]
        var processed = 0
        let smallest = 1 / Double(1 << depth)
        while let box = stack.popLast() {
            processed += 1
            if processed > maximumBoxes || shouldStop() {
                result.unresolved += [box] + stack
                break
            }
            if found.contains(where: { box.isSubset(of: $0.isolatingBox) }) { continue }
            switch Krawczyk.test(&evaluator, box: box) {
            case .none:
                continue
            case .unique(let enclosure):
                var zero = Krawczyk.IsolatedZero(enclosure: enclosure, isolatingBox: box)
                if let tight = Krawczyk.isolate(&evaluator, near: enclosure.map(\.midpoint)), tight.enclosure.isSubset(of: box) {
                    zero = Krawczyk.IsolatedZero(enclosure: tight.enclosure, isolatingBox: box)
                }
                if !Self.record(zero, in: &found) { result.unresolved.append(box) }
            case .undecided(let narrowed):
                let relative = box.maximumRelativeWidth(region)
                if relative < 1.0 / 256, let zero = Krawczyk.isolate(&evaluator, near: box.map(\.midpoint), minimumRadius: box.map(\.width)),
                   zero.enclosure.overlaps(box) {
                    if !Self.record(zero, in: &found) { result.unresolved.append(zero.isolatingBox) }
                    if box.isSubset(of: zero.isolatingBox) { continue }
                }
                if relative < smallest {
                    result.unresolved.append(box)
                    continue
                }
                // Cut the narrowed box when K shrank it (every zero of the box is in it).
                let next = narrowed.map { $0.maximumRelativeWidth(region) < relative / 2 ? $0 : box } ?? box
                if next != box {
                    stack.append(next)
                } else {
                    let (low, high) = box.bisected(relativeTo: region)
                    stack.append(high)
                    stack.append(low)
                }
            }
        }
        // Zeros whose enclosure straddles the region's boundary cannot be said to lie in it or not.
        for zero in found {
            if zero.enclosure.isSubset(of: region) { result.zeros.append(zero) }
            else if zero.enclosure.overlaps(region) { result.unresolved.append(zero.enclosure) }
        }
        return result
    }

    /// Adds a zero unless it is one already found (its enclosure within the other's isolating box, where the
    /// zero is unique, or the other way round). Returns false when that cannot be told: the enclosures
    /// overlap the other's isolating box without lying inside it.
    static func record(_ zero: Krawczyk.IsolatedZero, in found: inout [Krawczyk.IsolatedZero]) -> Bool {
        for (index, other) in found.enumerated() {
            if zero.enclosure.isSubset(of: other.isolatingBox) { return true }
            if other.enclosure.isSubset(of: zero.isolatingBox) {
                // The same zero: keep the tighter enclosure.
                if zero.enclosure.isSubset(of: other.enclosure) { found[index] = zero }
                return true
            }
            if zero.enclosure.overlaps(other.isolatingBox) || other.enclosure.overlaps(zero.isolatingBox) { return false }
        }
        found.append(zero)
        return true
    }
}
