import PhasecheckFormat
import PhasecheckVerify
import PhasecheckAsymptotics
import PhasecheckExpressions
import PhasecheckNumbers

/// `phasecheck regions`: each quantity's symbolic exponent and where it vanishes, stays bounded or diverges.
public enum RegionsReport {
    /// One block per quantity, in the order given; a quantity that cannot be derived says why.
    public static func text(_ model: WidthLimitModel, quantities selected: [String]) -> String {
        var out = ""
        for name in selected {
            do {
                let (quantity, shape) = try model.growth(of: name)
                let order = try model.limit.leadingExponent(of: quantity)
                out += "\(name)\(shape == .scalar ? "" : " (\(shape.phrase), by its norm)") ~ d^(\(order.exponent))\n"
                out += "  -> 0         where \(order.vanishingRegion)\n"
                out += "  Theta(1)     where \(order.boundedRegion)\n"
                out += "  -> infinity  where \(order.divergingRegion)\n"
                for assumption in order.assumptions { out += "  assuming \(assumption)\n" }
                out += try cancellations(of: quantity, order: order, model: model)
            } catch {
                out += "\(name): cannot be derived symbolically: \(error)\n"
            }
        }
        return out
    }

    /// Where the derivation assumed that leading terms do not cancel, the exact expansion at the points checked
    /// there (the file's grid, else a lattice of the exponent symbols; at most 48 of them, evenly spread) says whether they do: the regimes printed
    /// above are then wrong at those points (sqrt(1 + d^-a) - 1 is d^-a/2 for a > 0, not d^0), which this states
    /// with the first such point and the regimes the expansion finds. Empty when nothing cancels where checked.
    static func cancellations(of quantity: Expr, order: SymbolicLeadingOrder, model: WidthLimitModel) throws -> String {
        guard !order.assumptions.isEmpty else { return "" }
        var checked = 0
        var found: [(point: [String: BigRational], exponent: BigRational, derived: BigRational)] = []
        let assumed = try pointsToCheck(model).filter { point in try order.assumptions.contains(where: { try $0.region.holds(at: point) }) }
        // An exact expansion costs milliseconds to a second: at most `maximumExpansions`, spread evenly over the points.
        let stride = max(1, (assumed.count + maximumExpansions - 1)/maximumExpansions)
        for point in Swift.stride(from: 0, to: assumed.count, by: stride).map({ assumed[$0] }) {
            guard let leading = model.limit.leadingBehavior(of: quantity, at: point).leadingBehavior else { continue }
            checked += 1
            let derived = try order.exponent.value(at: point)
            if leading.exponent != derived { found.append((point, leading.exponent, derived)) }
        }
        guard let first = found.first else { return "" }
        let place = first.point.keys.sorted().map { "\($0) = \(first.point[$0]!)" }.joined(separator: ", ")
        let zero = BigRational(0)
        let regimes = [("-> 0", found.filter { $0.exponent < zero }.count), ("Theta(1)", found.filter { $0.exponent == zero }.count),
                       ("-> infinity", found.filter { $0.exponent > zero }.count)]
            .filter { $0.1 > 0 }.map { "\($0.0) at \($0.1)" }.joined(separator: ", ")
        return "  but they do cancel: at \(found.count) of the \(checked) points checked where this is assumed, the exact expansion "
            + "finds another exponent (\(place): d^\(first.exponent), not d^\(first.derived)), there \(regimes); the regimes above "
            + "are wrong there (`phasecheck phase` classifies each point by the exact expansion)\n"
    }

    /// The most exact expansions one quantity's check makes (the flagship's grid has thousands of points).
    static let maximumExpansions = 48

    /// The file's grid points, or without a grid every exponent symbol on -1, -1/2, ..., 1 (at most three symbols).
    static func pointsToCheck(_ model: WidthLimitModel) throws -> [[String: BigRational]] {
        let grid = model.gridPoints
        guard grid.isEmpty else { return grid }
        let lattice = (-2...2).map { BigRational($0, 2) }
        return model.limit.exponentSymbols.prefix(3).reduce([[:]]) { points, name in
            points.flatMap { p in lattice.map { p.merging([name: $0]) { _, new in new } } }
        }
    }
}
