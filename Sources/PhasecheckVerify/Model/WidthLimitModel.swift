import PhasecheckFormat
import PhasecheckAsymptotics
import PhasecheckExpressions
import PhasecheckNumbers

/// The width-limit section made ready to evaluate: quantities expanded, exponents as piecewise-linear
/// functions, conditions decidable exactly at a point of exponent space.
public struct WidthLimitModel: Sendable {
    public let section: WidthLimitSection
    public let width: String
    public let limit: WidthLimit
    /// The scalar asymptotic quantities, their `asymptotic` references expanded and their vectors and
    /// matrices unrolled to scalar operations (`EntryUnrolling`), which is all the expansion engine reads.
    public let quantities: [String: Expr]
    /// Every asymptotic quantity's shape and entries (row-major), in the same terms.
    let unrolledQuantities: [String: (shape: Shape, entries: [Expr])]
    /// Each `dim` name's size (a `dim` named like the width is not a size here).
    let sizes: [String: Int]
    /// Named exponents (`exponent e_R = ...`), expanded, in file order.
    public let exponents: [(name: String, value: PiecewiseLinearExponent)]
    /// The named exponents' expressions, expanded.
    let exponentDefinitions: [String: Expr]

    /// - Parameter overrides: `--set` assignments; those of a `dim` (`--set n_h=10`) resize its matrices here too
    ///   (the others, and malformed values, are `Model`'s to check).
    public init(_ derivation: Derivation, overrides: [(name: String, value: Expr)] = []) throws(DerivationError) {
        let section = derivation.widthLimit
        self.section = section
        let width = derivation.width?.name ?? "d"
        self.width = width
        func fail(_ message: String, _ at: SourceLocation) -> DerivationError {
            DerivationError(file: derivation.file, location: at, message: message)
        }
        limit = WidthLimit(width: width, scalings: Dictionary(section.scalings.map { ($0.name, $0.scaling) }, uniquingKeysWith: { a, _ in a }))
        var sizes: [String: Int] = [:]
        // The sizes this section unrolls (the model's own are `ModelMemory`'s to refuse).
        let unrolled = Set(section.quantities.flatMap { $0.expr.freeSymbols.union($0.dimensions) })
        for dim in derivation.dims where dim.name != width {
            let size = Self.size(dim, overrides: overrides)
            if unrolled.contains(dim.name), let refusal = Model.sizeRefusal(dim, size: size, file: derivation.file) { throw refusal }
            sizes[dim.name] = sizes[dim.name] ?? size
        }
        self.sizes = sizes
        _ = try Self.expandAll(section.quantities, file: derivation.file)   // rejects cycles, at the definition that closes one
        unrolledQuantities = try Self.unrolled(section.quantities, sizes: sizes, width: width, file: derivation.file)
        quantities = unrolledQuantities.compactMapValues { $0.shape == .scalar ? $0.entries[0] : nil }
        let exponentExprs = try Self.expandAll(section.exponents, file: derivation.file)
        exponentDefinitions = exponentExprs
        var exponents: [(String, PiecewiseLinearExponent)] = []
        for def in section.exponents {
            do { exponents.append((def.name, try PiecewiseLinearExponent(expression: exponentExprs[def.name]!))) } catch {
                throw fail("`\(def.name)` must be piecewise linear in the exponents (sums, rational multiples, abs, max, min): \(error)", def.location)
            }
        }
        self.exponents = exponents
        let readers = (section.classification.map { [($0.quantity, "classify", $0.location)] } ?? [])
            + section.flags.map { ($0.quantity, "flag `\($0.name)`", $0.location) }
        for (name, what, at) in readers where unrolledQuantities[name] != nil {
            do { _ = try scalarQuantity(.symbol(name)) } catch { throw fail("\(error) (in \(what))", at) }
        }
    }

    /// The size of `dim` after the last `--set` of it that is a positive integer.
    static func size(_ dim: Width, overrides: [(name: String, value: Expr)]) -> Int {
        overrides.last { $0.name == dim.name }.flatMap { $0.value.numberValue?.smallParts }.flatMap { n, d in d == 1 && n >= 1 ? n : nil } ?? dim.value
    }

    /// Whether an assignment sets one of the derivation's sizes (so that the width-limit model changes).
    public static func setsASize(_ derivation: Derivation, _ overrides: [(name: String, value: Expr)]) -> Bool {
        overrides.contains { o in derivation.dims.contains { $0.name == o.name } }
    }

    /// Every definition expanded (they may refer to each other in any order; cycles are errors).
    static func expandAll(_ definitions: [Definition], file: String) throws(DerivationError) -> [String: Expr] {
        var expansion = MacroExpansion(definitions, file: file)
        for def in definitions { _ = try expansion.expand(def.name) }
        return expansion.expanded
    }

    /// Every quantity unrolled, those it refers to first (the definitions have no cycles); a shape that does
    /// not fit, or an operation that cannot be unrolled, is an error at the operation as the file writes it.
    static func unrolled(_ definitions: [Definition], sizes: [String: Int], width: String,
                         file: String) throws(DerivationError) -> [String: (shape: Shape, entries: [Expr])] {
        let byName = Dictionary(definitions.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var done: [String: (shape: Shape, entries: [Expr])] = [:]
        func unroll(_ def: Definition) throws(DerivationError) {
            guard done[def.name] == nil else { return }
            for name in def.expr.freeSymbols.sorted() { if let used = byName[name] { try unroll(used) } }
            var unrolling = EntryUnrolling(sizes: sizes, inputs: done)
            do { done[def.name] = try unrolling.unrolled(def.expr) } catch {
                let node = (error as? CompileError)?.node
                let at = node.flatMap { def.nodeLocations[ObjectIdentifier($0)] ?? $0.freeSymbols.compactMap { def.symbolLocations[$0] }.min() }
                throw DerivationError(file: file, location: at ?? def.location,
                                      message: unrollingMessage(error, width: width) + " in the asymptotic quantity `\(def.name)`")
            }
        }
        for def in definitions { try unroll(def) }
        return done
    }

    /// The unrolling's error, with why a size cannot be the width here.
    static func unrollingMessage(_ error: any Error, width: String) -> String {
        guard let node = (error as? CompileError)?.node, node.kind == .identity || node.kind == .zeros,
              node.arguments.contains(where: { $0.symbolName == width }) else { return "\(error)" }
        return "\(error) (the width-limit section unrolls a matrix to its entries, so a size there is a fixed number: "
            + "a size growing with \(width) has no entries to expand; write the scalar it reduces to, as `\(width)` for `trace(eye(\(width)))`)"
    }

    /// The scalar that a `limit` claim, a `classify` or a `flag` reads: `e` with the quantities substituted
    /// and unrolled; a vector or matrix is refused, naming what to write instead.
    public func scalarQuantity(_ e: Expr) throws -> Expr {
        var unrolling = EntryUnrolling(sizes: sizes, inputs: unrolledQuantities)
        let (shape, entries) = try unrolling.unrolled(e)
        guard shape == .scalar else {
            throw CompileError(message: "a width limit is taken of a scalar, but `\(e)` is \(shape.phrase): write `norm(\(e))` for its size "
                               + "(every norm of a matrix of fixed size grows with the same power of \(width), that of its largest entry) or an entry such as `\(e)[1\(shape.isMatrix ? ", 1" : "")]`", node: e)
        }
        return entries[0]
    }

    /// The points of the file's `grid` (with its `fix`ed values) that give every exponent symbol a value; none
    /// without a grid.
    public var gridPoints: [[String: BigRational]] {
        guard !section.grid.isEmpty else { return [] }
        var points: [[String: BigRational]] = [Dictionary(section.fixed.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })]
        for axis in section.grid {
            points = points.flatMap { p in axis.values.map { p.merging([axis.name: $0]) { _, new in new } } }
        }
        // Computed once: `exponentSymbols` sorts and merges the scalings' symbols each time it is read.
        let symbols = limit.exponentSymbols
        return points.filter { p in symbols.allSatisfy { p[$0] != nil } }
    }

    /// The scalar whose power of d is the named quantity's: the quantity itself, or the Frobenius norm of a
    /// vector or matrix (every norm of a matrix of fixed size grows with the same power of d), with its shape.
    public func growth(of name: String) throws -> (quantity: Expr, shape: Shape) {
        var unrolling = EntryUnrolling(sizes: sizes, inputs: unrolledQuantities)
        let shape = unrolledQuantities[name]!.shape
        return (try unrolling.scalar(shape == .scalar ? .symbol(name) : .norm(.symbol(name))), shape)
    }

    /// An exponent expression with named exponents replaced by their (expanded) definitions.
    func piecewise(_ e: Expr) throws -> PiecewiseLinearExponent {
        try PiecewiseLinearExponent(expression: e.substituting(exponentDefinitions))
    }

    /// Whether the condition holds at a point of exponent space (exactly).
    public func holds(_ condition: Condition, at point: [String: BigRational]) throws -> Bool {
        try compile(condition).holds(at: point)
    }

    /// The condition as an exponent formula (each comparison `lhs - rhs relation 0`), so that a sweep reads
    /// the named exponents once.
    public func compile(_ condition: Condition) throws -> ExponentCondition {
        .all(try condition.comparisons.map { ExponentCondition(try piecewise($0.lhs) - piecewise($0.rhs), $0.relation) })
    }

    /// The quantity under a parameterization: scaled hyperparameters replaced by its expressions in d.
    public func quantity(_ e: Expr, under parameterization: Parameterization?) throws -> Expr {
        let expanded = try scalarQuantity(e)
        guard let parameterization else { return expanded }
        return expanded.substituting(Dictionary(parameterization.assignments.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a }))
    }

    /// A width limit in which the parameterization's hyperparameters are no longer scaled (they are
    /// explicit functions of d in the quantity); the others keep their scalings.
    public func limit(under parameterization: Parameterization?) -> WidthLimit {
        guard let parameterization else { return limit }
        let replaced = Set(parameterization.assignments.map(\.name))
        return WidthLimit(width: width, scalings: limit.scalings.filter { !replaced.contains($0.key) })
    }

    public func parameterization(named name: String) -> Parameterization? {
        section.parameterizations.first { $0.name == name }
    }
}
