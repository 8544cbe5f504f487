import PhasecheckExpressions
import PhasecheckNumbers

/// A square system G(x; p) = 0 of n equations in n scalar unknowns, with scalar parameters. The equations
/// and their Jacobian dG/dx (symbolic differentiation) compile into one tape, evaluated on boxes in
/// interval arithmetic: every value is an enclosure over the whole box, which is what the exclusion and
/// Krawczyk tests need.
public struct ZeroProblem: Sendable {
    public let unknowns: [String]
    public let equations: [Expr]
    public let parameters: [String]
    /// Outputs: the n equations, then the n x n Jacobian row by row (dG_i/dx_j).
    let tape: Tape

    public var dimension: Int { unknowns.count }

    public init(unknowns: [String], equations: [Expr], parameters: [String]) throws {
        guard !unknowns.isEmpty, unknowns.count == equations.count else {
            throw ODESystemError(message: "\(unknowns.count) unknowns but \(equations.count) equations")
        }
        var differentiators = unknowns.map { Differentiator(variable: $0) }
        let jacobian = try equations.flatMap { g in try differentiators.indices.map { try differentiators[$0].derivative(of: g) } }
        let tape: Tape
        do {
            tape = try Tape(compiling: equations + jacobian, inputs: (unknowns + parameters).map { (name: $0, length: nil) })
        } catch let error as CompileError {
            throw ODESystemError(message: "cannot compile the equations: \(error.message)")
        }
        if let vector = tape.outputs.prefix(equations.count).firstIndex(where: { $0.count != 1 }) {
            throw ODESystemError(message: "equation \(vector + 1) is a vector; fixed points need scalar equations")
        }
        self.unknowns = unknowns
        self.equations = equations
        self.parameters = parameters
        self.tape = tape
    }

    /// An evaluator at `precision` bits with the parameters bound to `parameterValues` (in `parameters` order).
    public func evaluator(parameterValues: [BigInterval], precision: Int) -> Evaluator {
        precondition(parameterValues.count == parameters.count, "one value per parameter")
        return Evaluator(problem: self, parameterValues: parameterValues, context: IntervalContext(precision: precision))
    }

    /// G and dG/dx over boxes, at one precision.
    public struct Evaluator {
        public let problem: ZeroProblem
        let parameterValues: [BigInterval]
        public let context: IntervalContext
        var tapeEvaluator: TapeEvaluator<IntervalContext>

        init(problem: ZeroProblem, parameterValues: [BigInterval], context: IntervalContext) {
            self.problem = problem
            self.parameterValues = parameterValues
            self.context = context
            tapeEvaluator = TapeEvaluator(tape: problem.tape, context: context)
        }

        public var precision: Int { context.precision }

        /// Enclosures of G over the box and of its Jacobian (rows: equations, columns: unknowns).
        public mutating func evaluate(_ box: Box) -> (values: [BigInterval], jacobian: [[BigInterval]]) {
            let n = problem.dimension
            let outputs = tapeEvaluator.evaluate(box + parameterValues).map { $0[0] }
            return (Array(outputs[..<n]), (0..<n).map { i in Array(outputs[(n + i * n)..<(n + (i + 1) * n)]) })
        }

        /// Newton's method from `start` in the midpoints of interval evaluations (no enclosure: it only
        /// finds where to look). Stops when a step is below 2^-(precision - 8) of the iterate, after 60
        /// steps, or when the Jacobian is singular; returns the last iterate and the size of its last step.
        public mutating func newton(from start: [BigFloat]) -> (point: [BigFloat], lastStep: [BigFloat]) {
            var x = start.map { $0.rounded(toPrecision: precision) }
            var step = x.map { _ in BigFloat(0, precision: precision) }
            for _ in 0..<60 {
                let (g, j) = evaluate(x.map { BigInterval($0) })
                guard let y = approximateInverse(j.map { $0.map(\.midpoint) }) else { break }
                let gm = g.map(\.midpoint)
                guard gm.allSatisfy(\.isFinite) else { break }
                step = y.map { row in zip(row, gm).reduce(BigFloat(0, precision: precision)) { $0 + $1.0 * $1.1 } }
                guard step.allSatisfy(\.isFinite) else { break }
                x = zip(x, step).map { $0 - $1 }
                let tiny = zip(x, step).allSatisfy { xi, si in
                    BigFloat.abs(si) <= BigFloat.scaled(BigFloat.max(BigFloat.abs(xi), BigFloat(1, precision: precision)), byPowerOfTwo: 8 - precision)
                }
                if tiny { break }
            }
            return (x, step.map { BigFloat.abs($0) })
        }
    }
}

/// The inverse of a square matrix by Gauss-Jordan elimination with partial pivoting, rounded to nearest
/// (an approximate inverse, as the Krawczyk operator needs); nil when a pivot is zero or not finite.
public func approximateInverse(_ matrix: [[BigFloat]]) -> [[BigFloat]]? {
    let n = matrix.count
    guard n > 0 else { return [] }
    let precision = matrix[0][0].precision
    var a = matrix
    var inverse = (0..<n).map { i in (0..<n).map { j in BigFloat(i == j ? 1 : 0, precision: precision) } }
    for column in 0..<n {
        guard let pivot = (column..<n).max(by: { BigFloat.abs(a[$0][column]) < BigFloat.abs(a[$1][column]) }),
              a[pivot][column].isFinite, !a[pivot][column].isZero else { return nil }
        a.swapAt(column, pivot)
        inverse.swapAt(column, pivot)
        let p = a[column][column]
        for j in 0..<n {
            a[column][j] = a[column][j] / p
            inverse[column][j] = inverse[column][j] / p
        }
        for row in 0..<n where row != column {
            let factor = a[row][column]
            if factor.isZero { continue }
            for j in 0..<n {
                a[row][j] = a[row][j] - factor * a[column][j]
                inverse[row][j] = inverse[row][j] - factor * inverse[column][j]
            }
        }
    }
    return inverse
}
