import PhasecheckVerify

/// `phasecheck plot`: what a line plot draws of `solve`'s rows.
extension LinePlot {
    /// A quantity a plot cannot draw: not a quantity of the file, or not a scalar.
    public struct QuantityError: Error, CustomStringConvertible {
        public let description: String
    }

    /// A quantity's points: x the time or step (`xs`, one per row), y its value where certified, within
    /// `0 ± b` its bound; and how many values were left out: uncertified (not the steps after a
    /// divergence), and certified but beyond the drawable range.
    public static func points(of name: String, in rows: [Solver.Row], at xs: [Double], solver: Solver,
                              alongFlow: Bool) throws -> (points: [Point], uncertified: Int, beyond: Int) {
        var omitted = 0, beyond = 0
        let points = try zip(rows, xs).map { row, x -> Point in
            guard let q = row.quantities.first(where: { $0.name == name }) else {
                let names = try solver.quantityNames(alongFlow: alongFlow)
                throw QuantityError(description: "`\(name)` is not a quantity of \(solver.model.derivation.file); expected one of: \(names.joined(separator: ", "))")
            }
            guard q.values.count == 1 else {
                throw QuantityError(description: "`\(name)` has \(q.values.count) components; plot a scalar (a `let` of one component, such as `let u1 = u[1]`)")
            }
            switch q.values[0] {
            case .digits(_, let y):
                if isDrawable(y) { return Point(x: x, y: y) }
                beyond += 1
            case .nearZero(let bound, _): return Point(x: x, y: 0, uncertainty: bound)
            case .uncertified: omitted += 1
            case .diverged: break
            }
            return Point(x: x, y: nil)
        }
        return (points, omitted, beyond)
    }
}
