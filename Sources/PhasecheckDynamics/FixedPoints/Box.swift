import PhasecheckNumbers

/// An axis-aligned box of R^n: one interval per coordinate.
public typealias Box = [BigInterval]

extension Array where Element == BigInterval {
    /// The box x +- radius, rounded outward.
    public static func around(_ x: [BigFloat], radius: [BigFloat]) -> Box {
        zip(x, radius).map { xi, r in BigInterval(xi) + BigInterval(lower: -BigFloat.abs(r), upper: BigFloat.abs(r)) }
    }

    /// Whether every coordinate lies strictly inside the other box's (the Krawczyk test needs the interior).
    public func isInterior(to other: Box) -> Bool {
        zip(self, other).allSatisfy { x, o in o.lower < x.lower && x.upper < o.upper }
    }

    /// Whether every coordinate lies within the other box's.
    public func isSubset(of other: Box) -> Bool {
        zip(self, other).allSatisfy { x, o in !(x.lower < o.lower) && !(o.upper < x.upper) }
    }

    /// The common part of two boxes, or nil when they are disjoint (or a coordinate is NaN).
    public func intersection(with other: Box) -> Box? {
        var result: Box = []
        for (x, o) in zip(self, other) {
            guard !x.isNaN, !o.isNaN else { return nil }
            let lower = BigFloat.max(x.lower, o.lower), upper = BigFloat.min(x.upper, o.upper)
            if upper < lower { return nil }
            result.append(BigInterval(lower: lower, upper: upper))
        }
        return result
    }

    /// Whether the two boxes share a point.
    public func overlaps(_ other: Box) -> Bool { zip(self, other).allSatisfy { $0.overlaps($1) } }

    /// Two parts of the box, cut across its widest coordinate relative to `scale` (each coordinate's width
    /// divided by the scale's), at 31/64 of it rather than the middle: zeros often sit at the middle of a
    /// symmetric box (x = 0), and a zero on a cut lies on the boundary of both parts, where the Krawczyk
    /// test cannot prove it.
    func bisected(relativeTo scale: Box) -> (Box, Box) {
        let widest = indices.max { relativeWidth($0, scale) < relativeWidth($1, scale) }!
        let x = self[widest]
        let cut = x.lower + (x.upper - x.lower) * BigFloat(BigRational(31, 64), precision: x.precision)
        let middle = x.contains(cut) ? cut : x.midpoint
        var low = self, high = self
        low[widest] = BigInterval(lower: self[widest].lower, upper: middle)
        high[widest] = BigInterval(lower: middle, upper: self[widest].upper)
        return (low, high)
    }

    /// Width of coordinate i divided by the width of the scale box's coordinate i.
    func relativeWidth(_ i: Int, _ scale: Box) -> Double {
        self[i].width.doubleValue / Swift.max(scale[i].width.doubleValue, .leastNormalMagnitude)
    }

    /// The largest relative width over the coordinates.
    func maximumRelativeWidth(_ scale: Box) -> Double { indices.map { relativeWidth($0, scale) }.max() ?? 0 }
}
