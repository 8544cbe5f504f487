import PhasecheckNumbers

/// A point of exponent space as integers over one positive denominator: `symbol i = numerators[i] / denominator`.
///
/// A sweep builds these from its grid without any rational arithmetic, so that finding a point's cell
/// and evaluating exponents there costs a few machine multiplications.
public struct ScaledPoint: Sendable {
    public let numerators: [Int]
    public let denominator: Int

    public init(numerators: [Int], denominator: Int) {
        precondition(denominator > 0, "ScaledPoint: the denominator must be positive")
        self.numerators = numerators
        self.denominator = denominator
    }

    /// nil when a symbol has no value or the common denominator is not a small integer.
    public init?(_ point: [String: BigRational], symbols: [String]) {
        var values: [BigRational] = []
        for symbol in symbols {
            guard let x = point[symbol] else { return nil }
            values.append(x)
        }
        guard let (numerators, denominator) = overCommonDenominator(values) else { return nil }
        self.init(numerators: numerators, denominator: denominator)
    }

    /// The point as exact rationals, by symbol.
    public func values(symbols: [String]) -> [String: BigRational] {
        Dictionary(uniqueKeysWithValues: zip(symbols, numerators.map { BigRational($0, denominator) }))
    }
}

/// A rational in machine integers (denominator positive, lowest terms); arithmetic reports overflow as nil.
public struct SmallRational: Sendable, Hashable, CustomStringConvertible {
    public let numerator: Int
    public let denominator: Int

    /// `numerator / denominator` reduced; nil if the denominator is zero or a part overflows.
    public init?(_ numerator: Int, _ denominator: Int) {
        guard denominator != 0, numerator != .min, denominator != .min else { return nil }
        let g = gcd(Swift.abs(numerator), Swift.abs(denominator))
        let sign = denominator < 0 ? -1 : 1
        self.numerator = sign * numerator / g
        self.denominator = sign * denominator / g
    }

    public var sign: Int { numerator.signum() }
    public var magnitude: SmallRational { SmallRational(Swift.abs(numerator), denominator)! }
    public var exact: BigRational { BigRational(numerator, denominator) }

    /// The nearest double, the same as `exact.doubleValue` without a rational: below 2^53 both parts are
    /// exact doubles and one IEEE division rounds correctly.
    public var doubleValue: Double {
        let limit = 1 << 53
        guard Swift.abs(numerator) <= limit, denominator <= limit else { return exact.doubleValue }
        return Double(numerator) / Double(denominator)
    }

    /// `n` or `n/d`, as `BigRational.description` writes it.
    public var description: String { denominator == 1 ? String(numerator) : "\(numerator)/\(denominator)" }

    static func + (a: SmallRational, b: SmallRational) -> SmallRational? {
        let g = gcd(a.denominator, b.denominator)
        let (left, o1) = a.numerator.multipliedReportingOverflow(by: b.denominator / g)
        let (right, o2) = b.numerator.multipliedReportingOverflow(by: a.denominator / g)
        let (sum, o3) = left.addingReportingOverflow(right)
        let (denominator, o4) = (a.denominator / g).multipliedReportingOverflow(by: b.denominator)
        guard !(o1 || o2 || o3 || o4) else { return nil }
        return SmallRational(sum, denominator)
    }

    static func * (a: SmallRational, b: SmallRational) -> SmallRational? {
        let (n, o1) = a.numerator.multipliedReportingOverflow(by: b.numerator)
        let (d, o2) = a.denominator.multipliedReportingOverflow(by: b.denominator)
        guard !(o1 || o2) else { return nil }
        return SmallRational(n, d)
    }

    static func < (a: SmallRational, b: SmallRational) -> Bool? {
        guard let difference = a + SmallRational(-b.numerator, b.denominator)! else { return nil }
        return difference.sign < 0
    }
}

/// An affine form over a fixed order of symbols, in machine integers: `(constant + sum coefficients[i] x_i) / divisor`.
struct IntegerAffineForm: Hashable, Sendable {
    let constant: Int
    let coefficients: [Int]
    let divisor: Int

    /// nil when the form uses a symbol outside `symbols` or its coefficients are not small integers.
    init?(_ form: AffineExponent, symbols: [String]) {
        guard form.symbols.allSatisfy(symbols.contains),
              let (integers, divisor) = overCommonDenominator([form.constant] + symbols.map { form.coefficient(of: $0) })
        else { return nil }
        constant = integers[0]
        coefficients = Array(integers.dropFirst())
        self.divisor = divisor
    }

    /// The sign of the value at `point` (the divisor and the point's denominator are positive), without
    /// reducing a fraction; nil when an intermediate overflows.
    func sign(at point: ScaledPoint) -> Int? {
        coefficients.withUnsafeBufferPointer { Hyperplane.sign(constant: constant, coefficients: $0, at: point) }
    }

    /// The value at `point`; nil when an intermediate overflows.
    func value(at point: ScaledPoint) -> SmallRational? {
        guard let total = coefficients.withUnsafeBufferPointer({ Hyperplane.scaledValue(constant: constant, coefficients: $0, at: point) }) else { return nil }
        let (denominator, overflow) = divisor.multipliedReportingOverflow(by: point.denominator)
        return overflow ? nil : SmallRational(total, denominator)
    }
}

/// A `PiecewiseLinearExponent` compiled for evaluation at `ScaledPoint`s in machine integers.
public struct IntegerExponent: Sendable {
    private let affine: IntegerAffineForm
    private let absoluteTerms: [(form: IntegerAffineForm, coefficient: SmallRational)]
    private let extrema: [(isMaximum: Bool, branches: [IntegerExponent])]

    /// nil when a coefficient does not fit machine integers or a symbol is not in `symbols`.
    public init?(_ e: PiecewiseLinearExponent, symbols: [String]) {
        guard let affine = IntegerAffineForm(e.affine, symbols: symbols) else { return nil }
        var absoluteTerms: [(form: IntegerAffineForm, coefficient: SmallRational)] = []
        for (form, coefficient) in e.absoluteTerms {
            guard let f = IntegerAffineForm(form, symbols: symbols), let (p, q) = coefficient.smallParts,
                  let c = SmallRational(p, q) else { return nil }
            absoluteTerms.append((f, c))
        }
        var extrema: [(isMaximum: Bool, branches: [IntegerExponent])] = []
        for x in e.extrema {
            var branches: [IntegerExponent] = []
            for b in x.branches {
                guard let compiled = IntegerExponent(b, symbols: symbols) else { return nil }
                branches.append(compiled)
            }
            extrema.append((x.isMaximum, branches))
        }
        self.affine = affine
        self.absoluteTerms = absoluteTerms
        self.extrema = extrema
    }

    /// The exact value at `point`; nil when machine integers would overflow (use the rational value then).
    public func value(at point: ScaledPoint) -> SmallRational? {
        guard var total = affine.value(at: point) else { return nil }
        for (form, coefficient) in absoluteTerms {
            guard let v = form.value(at: point), let term = coefficient * v.magnitude, let sum = total + term else { return nil }
            total = sum
        }
        for (isMaximum, branches) in extrema {
            var best: SmallRational? = nil
            for branch in branches {
                guard let v = branch.value(at: point) else { return nil }
                if let b = best {
                    guard let less = b < v else { return nil }
                    if less == isMaximum { best = v }
                } else {
                    best = v
                }
            }
            guard let sum = total + best! else { return nil }
            total = sum
        }
        return total
    }
}

/// An `ExponentCondition` compiled for deciding at `ScaledPoint`s in machine integers, as `IntegerExponent`
/// is for a `PiecewiseLinearExponent`: the same formula, its affine forms over a fixed order of symbols.
public struct IntegerCondition: Sendable {
    private indirect enum Node: Sendable {
        case constant(Bool)
        case comparison(IntegerAffineForm, ExponentCondition.Relation)
        case all([Node])
        case any([Node])
    }
    private let root: Node

    /// nil when a coefficient does not fit machine integers or a symbol is not in `symbols`.
    public init?(_ condition: ExponentCondition, symbols: [String]) {
        func compile(_ c: ExponentCondition) -> Node? {
            switch c {
            case .always: return .constant(true)
            case .never: return .constant(false)
            case .comparison(let form, let relation): return IntegerAffineForm(form, symbols: symbols).map { .comparison($0, relation) }
            case .all(let parts):
                let nodes = parts.compactMap(compile)
                return nodes.count == parts.count ? .all(nodes) : nil
            case .any(let parts):
                let nodes = parts.compactMap(compile)
                return nodes.count == parts.count ? .any(nodes) : nil
            }
        }
        guard let root = compile(condition) else { return nil }
        self.root = root
    }

    /// Whether the condition holds at `point`; nil when machine integers would overflow (decide with the
    /// rational condition then).
    public func holds(at point: ScaledPoint) -> Bool? { Self.holds(root, at: point) }

    private static func holds(_ node: Node, at point: ScaledPoint) -> Bool? {
        switch node {
        case .constant(let value): return value
        case .comparison(let form, let relation): return form.sign(at: point).map(relation.holds)
        case .all(let parts):
            // In order, as the rational condition: a false part decides; an overflow leaves it to the rationals.
            for part in parts {
                guard let value = holds(part, at: point) else { return nil }
                if !value { return false }
            }
            return true
        case .any(let parts):
            for part in parts {
                guard let value = holds(part, at: point) else { return nil }
                if value { return true }
            }
            return false
        }
    }
}

/// A grid of exponent tuples (axes, the first varying slowest, then fixed values) as `ScaledPoint`s over
/// one denominator shared by every point, so that a sweep reads a point's coordinates without rational
/// arithmetic and compares coordinates of different points directly.
public struct IntegerGrid: Sendable {
    public let denominator: Int
    /// Per axis, its values' numerators.
    let axes: [[Int]]
    let fixed: [Int]
    /// For each symbol of the points, its position among the axes followed by the fixed values.
    let positions: [Int]

    /// nil when the common denominator or a numerator does not fit an `Int`, or a symbol has no coordinate.
    /// - Parameter unread: symbols without a coordinate that nothing evaluated on the grid reads (the exponent of a
    ///   hyperparameter no classified quantity uses): they take the value 0 in every point, which decides nothing.
    public init?(axes: [[BigRational]], fixed: [BigRational], names: [String], symbols: [String], unread: Set<String> = []) {
        guard let (numerators, denominator) = overCommonDenominator(axes.flatMap { $0 } + fixed) else { return nil }
        var rest = numerators[...]
        var scaledAxes: [[Int]] = []
        for axis in axes {
            scaledAxes.append(Array(rest.prefix(axis.count)))
            rest = rest.dropFirst(axis.count)
        }
        var positions: [Int] = []
        for symbol in symbols {
            if let i = names.firstIndex(of: symbol) {
                positions.append(i)
            } else if unread.contains(symbol) {
                positions.append(-1)
            } else {
                return nil
            }
        }
        self.denominator = denominator
        self.axes = scaledAxes
        self.fixed = Array(rest)
        self.positions = positions
    }

    /// The number of axes with more than one value: the affine dimension of the grid's points.
    public var dimension: Int { axes.count(where: { $0.count > 1 }) }

    /// Point `index` of the grid, coordinates in the order of `symbols`.
    public func point(at index: Int) -> ScaledPoint { point(coordinates: coordinates(at: index)) }

    /// The numerators of point `index` in grid order (the axes, then the fixed values).
    /// (`while` loops: this module is unoptimized in debug builds, where region sampling and sweeps call this at
    /// every grid point.)
    public func coordinates(at index: Int) -> [Int] {
        var rest = index
        var coordinates = [Int](repeating: 0, count: axes.count + fixed.count)
        var i = axes.count - 1
        while i >= 0 {
            coordinates[i] = axes[i][rest % axes[i].count]
            rest /= axes[i].count
            i -= 1
        }
        var j = 0
        while j < fixed.count {
            coordinates[axes.count + j] = fixed[j]
            j += 1
        }
        return coordinates
    }

    /// The point with numerators `coordinates` in grid order, as a `ScaledPoint` in the order of `symbols`.
    public func point(coordinates: [Int]) -> ScaledPoint {
        var numerators = [Int](repeating: 0, count: positions.count)
        var i = 0
        while i < positions.count {
            if positions[i] >= 0 { numerators[i] = coordinates[positions[i]] }
            i += 1
        }
        return ScaledPoint(numerators: numerators, denominator: denominator)
    }
}
