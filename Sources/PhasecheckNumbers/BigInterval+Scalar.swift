extension BigInterval: Scalar {
    public static func apply(_ f: ElementaryFunction, _ x: BigInterval) -> BigInterval {
        var r = BigInterval(uninitializedPrecision: x.precision)
        apply(f, x, into: &r)
        return r
    }

    public static func apply(_ f: BinaryFunction, _ a: BigInterval, _ b: BigInterval) -> BigInterval {
        var r = BigInterval(uninitializedPrecision: Swift.max(a.precision, b.precision))
        apply(f, a, b, into: &r)
        return r
    }

    public static func pow(_ x: BigInterval, _ n: Int) -> BigInterval {
        var r = BigInterval(uninitializedPrecision: x.precision)
        pow(x, n, into: &r)
        return r
    }

    /// The midpoint's nearest double.
    public var doubleValue: Double { midpoint.doubleValue }
}

/// Interval arithmetic at a fixed working precision: constants are the narrowest enclosures.
public struct IntervalContext: ScalarContext {
    public let precision: Int
    public init(precision: Int) { self.precision = precision }
    /// An enclosure of q (lower end rounded down, upper end rounded up).
    public func constant(_ q: BigRational) -> BigInterval { BigInterval(q, precision: precision) }
    /// An enclosure of π.
    public var pi: BigInterval { BigInterval.pi(precision: precision) }
}
