import PhasecheckNumbers
import Synchronization

/// Leading-order analyses of one quantity, each reusable on the cell of exponent space where the
/// decisions of its traced expansion come out the same.
///
/// A phase sweep expands the same quantity at tens of thousands of grid points, but those points fall
/// into comparatively few cells (the leading exponent is piecewise linear, the coefficient constant on
/// each piece). A point in a known cell gets the cell's analysis with its exponents evaluated there,
/// which is exactly what expanding at that point would give: the expansion would take the same
/// decisions, in the same order, on the same coefficients.
final class AnalysisCache: Sendable {
    /// The exponent symbols, in the order of `ScaledPoint`'s numerators.
    let symbols: [String]
    private let state = Mutex(Cells())
    /// Past this many cells, new ones are not kept (memory stays bounded on grids that never repeat).
    static let capacity = 4096

    /// The hyperplanes the traces compared against (cells share most of them, so a lookup finds each
    /// sign once), and the cells as required signs on them; flat arrays of integers, so that a lookup
    /// scans without reference counting.
    private struct Cells {
        /// Hyperplane j is `planes[j * stride ..< (j + 1) * stride]`: constant, then one coefficient per symbol.
        var planes: [Int] = []
        var planeIndex: [Hyperplane: Int] = [:]
        /// Cell i requires `signs of planes[conditions[k].plane] == conditions[k].sign` for k in `bounds[i]`.
        var conditions: [(plane: Int, sign: Int8)] = []
        var bounds: [Range<Int>] = []
        /// Each cell's conditions as (plane, sign, plane, sign, ...) sorted by plane.
        var signatures: Set<[Int]> = []
        var cells: [CachedCell] = []
        /// The region of each cell (`CachedCell.result`): regions are numbered in order of their first cell.
        var regions: [Int] = []
        var regionOfResult: [CellResult: Int] = [:]
        /// Every cell number, the most recently found first: points in grid order revisit the cells of
        /// the points just before (and of the previous line), so a lookup usually stops after a few cells.
        var recent: [Int] = []

        /// Moves `recent[position]` to the front.
        mutating func moveToFront(_ position: Int) {
            let cell = recent[position]
            recent.withUnsafeMutableBufferPointer { recent in
                for k in stride(from: position, to: 0, by: -1) { recent[k] = recent[k - 1] }
                recent[0] = cell
            }
        }
    }

    init(symbols: [String]) { self.symbols = symbols }

    var count: Int { state.withLock { $0.cells.count } }

    /// The analysis at `point` if it lies in a known cell.
    func analysis(at point: [String: BigRational]) -> LimitAnalysis? {
        guard let scaled = ScaledPoint(point, symbols: symbols), let i = cellIndex(at: scaled) else { return nil }
        return try? cell(i).template.analysis(at: point)
    }

    func cell(_ index: Int) -> CachedCell { state.withLock { $0.cells[index] } }

    /// The region of every known cell, by cell number: cells with the same region have the same result
    /// (`CellResult`), and cells with different regions different results.
    var regionsOfCells: [Int] { state.withLock { $0.regions } }

    /// The number of the known cell that holds `scaled`, if any (cells are numbered in order of insertion).
    /// `hint`, a cell likely to hold the point (the caller's previous point's), is tried first, then the
    /// cells most recently found first: points in grid order revisit the cells of the points just before.
    ///
    /// The scan runs on the tables in place, under the lock (a copy would cost a reference count per
    /// array at every point); a sign is computed once per hyperplane and lookup.
    func cellIndex(at scaled: ScaledPoint, hint: Int? = nil) -> Int? {
        let stride = symbols.count + 1
        let unknown: Int8 = 2
        return state.withLock { cells in
            let found: (cell: Int, position: Int?)? = withUnsafeTemporaryAllocation(of: Int8.self, capacity: cells.planes.count / stride) { signs in
                signs.initialize(repeating: unknown)
                return cells.planes.withUnsafeBufferPointer { planes in
                    cells.conditions.withUnsafeBufferPointer { conditions in
                        func sign(ofPlane j: Int) -> Int8 {
                            if signs[j] == unknown {
                                let base = j * stride
                                signs[j] = Hyperplane.sign(constant: planes[base], coefficients: UnsafeBufferPointer(rebasing: planes[(base + 1)..<(base + stride)]), at: scaled)
                                    .map(Int8.init) ?? -unknown
                            }
                            return signs[j]
                        }
                        func holds(_ i: Int) -> Bool {
                            cells.bounds[i].allSatisfy { sign(ofPlane: conditions[$0].plane) == conditions[$0].sign }
                        }
                        if let hint, cells.bounds.indices.contains(hint), holds(hint) { return (hint, nil) }
                        for (position, i) in cells.recent.enumerated() where i != hint && holds(i) { return (i, position) }
                        return nil
                    }
                }
            }
            if let position = found?.position, position > 0 { cells.moveToFront(position) }
            return found?.cell
        }
    }

    /// Keeps a traced analysis for its cell (unless a condition or its leading exponent does not fit
    /// integer arithmetic).
    func insert(_ template: AnalysisTemplate, trace: ExponentTrace) {
        guard trace.isComplete, trace.symbols.names == symbols, let cell = CachedCell(template, symbols: symbols) else { return }
        let conditions = trace.signs
        state.withLock { cells in
            guard cells.cells.count < Self.capacity else { return }
            var resolved: [(plane: Int, sign: Int8)] = []
            for (plane, sign) in conditions {
                let index = cells.planeIndex[plane] ?? {
                    let j = cells.planeIndex.count
                    cells.planeIndex[plane] = j
                    cells.planes += [plane.constant] + plane.coefficients
                    return j
                }()
                resolved.append((index, Int8(sign)))
            }
            resolved.sort { $0.plane < $1.plane }
            // Threads that met the same new cell at once each traced it: keep it once, so that every
            // point belongs to exactly one cell (cells with different decisions are disjoint).
            guard cells.signatures.insert(resolved.flatMap { [$0.plane, Int($0.sign)] }).inserted else { return }
            let start = cells.conditions.count
            cells.conditions += resolved
            cells.bounds.append(start..<cells.conditions.count)
            cells.recent.insert(cells.cells.count, at: 0)
            cells.cells.append(cell)
            cells.regions.append(cells.regionOfResult[cell.result] ?? {
                let region = cells.regionOfResult.count
                cells.regionOfResult[cell.result] = region
                return region
            }())
        }
    }
}

/// A cell's analysis with what a sweep reads at every point of the cell, ready in integers (a class: every
/// classification read from the cell holds it, so a row costs one reference count, not one per array).
final class CachedCell: Sendable {
    let template: AnalysisTemplate
    /// The exponent symbols, in the order of the `ScaledPoint`s read on the cell.
    let symbols: [String]
    /// The leading exponent (nil when the quantity is identically zero).
    let leadingExponent: IntegerAffineForm?
    /// The same on the whole cell: the sign of the leading exponent is one of the trace's decisions.
    let regime: WidthRegime
    /// What the sweep reports and confirms on the whole cell.
    let result: CellResult

    init?(_ template: AnalysisTemplate, symbols: [String]) {
        self.template = template.untraced
        self.symbols = symbols
        switch template {
        case .identicallyZero:
            leadingExponent = nil
            regime = .vanishing
            result = .identicallyZero
        case .leading(let behavior, let termExponents, _, _):
            guard let form = IntegerAffineForm(termExponents[0].affine, symbols: symbols) else { return nil }
            leadingExponent = form
            regime = behavior.regime
            result = .leading(exponent: form, logPower: behavior.logPower, coefficient: behavior.coefficient,
                              exactCoefficient: behavior.exactCoefficient, closedForm: behavior.closedForm?.description,
                              digits: behavior.coefficientDigits, notes: behavior.notes, regime: regime)
        }
    }
}

/// What a sweep reports and confirms on a cell, the same at each of its points: the leading exponent as an
/// affine form with its power of log d, and the coefficient, closed form, digits, notes and regime (the limit follows from the
/// regime and the coefficient). Not part of it: the exponents of the further terms, the remainder and the
/// cancellation, which set each point's own numeric confirmation (its d = 10^k and precision).
///
/// Cells with the same result make one *region*; the sweep confirms each region at a sample of its points
/// (`CellSample`), since on a region the exact analysis is one affine exponent and one coefficient, as on a
/// cell. A region is a union of cells, each of which is a traced expansion's, so reading a point of a
/// region is still reading its own cell.
enum CellResult: Hashable, Sendable {
    case identicallyZero
    case leading(exponent: IntegerAffineForm, logPower: Int, coefficient: BigFloat, exactCoefficient: BigRational?, closedForm: String?,
                 digits: Int, notes: [String], regime: WidthRegime)
}

/// An affine form `c + sum a_i x_i` of the exponent symbols in integers (an `IntegerForm` without its
/// denominator, see `IntegerForm.hyperplane`), so that its sign at a point is found in integer arithmetic.
struct Hyperplane: Hashable, Sendable {
    let constant: Int
    let coefficients: [Int]

    /// The sign of `constant + sum coefficients[i] x_i` at the point; nil when the integers would overflow.
    static func sign(constant: Int, coefficients: UnsafeBufferPointer<Int>, at point: ScaledPoint) -> Int? {
        scaledValue(constant: constant, coefficients: coefficients, at: point)?.signum()
    }

    /// `denominator * (constant + sum coefficients[i] x_i)` at the point; nil when the integers would overflow.
    /// A `while` loop over buffers, not a generic `zip`: this module is unoptimized in debug builds, where the
    /// generic loop's metadata lookups cost more than the arithmetic (region sampling and sweeps evaluate this at
    /// every grid point).
    static func scaledValue(constant: Int, coefficients a: UnsafeBufferPointer<Int>, at point: ScaledPoint) -> Int? {
        var (total, overflow) = constant.multipliedReportingOverflow(by: point.denominator)
        if overflow { return nil }
        return point.numerators.withUnsafeBufferPointer { x in
            let count = Swift.min(a.count, x.count)
            var i = 0
            while i < count {
                if a[i] != 0 {
                    let (term, o1) = a[i].multipliedReportingOverflow(by: x[i])
                    let (sum, o2) = total.addingReportingOverflow(term)
                    if o1 || o2 { return nil }
                    total = sum
                }
                i += 1
            }
            return total
        }
    }
}

/// Rationals as integers over their least common (positive) denominator; nil unless every part fits an Int.
func overCommonDenominator(_ rationals: [BigRational]) -> (numerators: [Int], denominator: Int)? {
    var parts: [(numerator: Int, denominator: Int)] = []
    var denominator = 1
    for r in rationals {
        guard let (p, q) = r.smallParts else { return nil }
        let (lcm, overflow) = (denominator / gcd(denominator, q)).multipliedReportingOverflow(by: q)
        guard !overflow else { return nil }
        denominator = lcm
        parts.append((p, q))
    }
    var numerators: [Int] = []
    for (p, q) in parts {
        let (n, overflow) = p.multipliedReportingOverflow(by: denominator / q)
        guard !overflow else { return nil }
        numerators.append(n)
    }
    return (numerators, denominator)
}
