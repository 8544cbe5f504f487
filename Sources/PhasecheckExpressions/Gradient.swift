import PhasecheckNumbers

extension Expr {
    /// The symbolic gradient of this scalar expression with respect to `variable`, which may name a vector
    /// (then the gradient is a vector of its length, or a scalar standing for a constant vector); see
    /// `Gradient`.
    public func gradient(withRespectTo variable: String, vectorSymbols: Set<String>) throws(GradientError) -> Expr {
        var gradient = Gradient(variable: variable, vectorSymbols: vectorSymbols)
        return try gradient.of(self)
    }
}

/// Reverse-mode symbolic differentiation: the gradient of a scalar (a loss) with respect to one symbol,
/// scalar or vector.
///
/// The forward `Differentiator` treats every symbol as a scalar direction, which for a vector `u` gives
/// the derivative along the all-ones vector, not the gradient. Here each node's adjoint (dL/dnode, with the
/// node's shape) is pushed to its arguments in reverse topological order, so the work is linear in the size
/// of the tree and no component is ever written out: `dot(u, w)` passes `adjoint * w` to `u`.
///
/// - Shapes: symbols in `vectorSymbols` are vectors, other symbols scalars; reductions are scalars.
/// - Broadcasting: where a scalar argument meets a vector, its share is the `sum` of the vector's
///   adjoint; an adjoint that is a scalar standing for a constant vector is widened first with `v^0`.
/// - `u[i]` and vector literals inside a loss are not supported (their adjoints need unit vectors).
public struct Gradient {
    public let variable: String
    public let vectorSymbols: Set<String>
    private var isVector: [ObjectIdentifier: Bool] = [:]
    private var dependsMemo: [ObjectIdentifier: Bool] = [:]

    public init(variable: String, vectorSymbols: Set<String>) {
        self.variable = variable
        self.vectorSymbols = vectorSymbols
    }

    public mutating func of(_ loss: Expr) throws(GradientError) -> Expr {
        guard !vectorShaped(loss) else { throw GradientError(message: "the loss must be a scalar, but `\(loss)` is a vector") }
        guard depends(loss) else { return Terms.zero }
        // Nodes that depend on the variable, children before parents.
        var order: [Expr] = []
        var seen: Set<ObjectIdentifier> = []
        func visit(_ e: Expr) {
            guard seen.insert(ObjectIdentifier(e)).inserted else { return }
            for a in e.arguments where depends(a) { visit(a) }
            order.append(e)
        }
        visit(loss)
        var adjoints: [ObjectIdentifier: Expr] = [ObjectIdentifier(loss): Terms.one]
        for node in order.reversed() {
            guard let adjoint = adjoints[ObjectIdentifier(node)] else { continue }
            for (argument, share) in try shares(of: node, adjoint: adjoint) where depends(argument) {
                let reduced = reduce(share, into: argument, from: node)
                adjoints[ObjectIdentifier(argument)] = Terms.sum(adjoints[ObjectIdentifier(argument)] ?? Terms.zero, reduced)
            }
        }
        let variableNode = Expr.symbol(variable)
        let result = adjoints[ObjectIdentifier(variableNode)] ?? Terms.zero
        if vectorSymbols.contains(variable) && !vectorShaped(result) && !result.isZeroLiteral {
            return Terms.product(result, .power(variableNode, Terms.zero))
        }
        return result
    }

    /// Each argument's share of `adjoint` before broadcasting is undone.
    private mutating func shares(of e: Expr, adjoint g: Expr) throws(GradientError) -> [(Expr, Expr)] {
        let args = e.arguments
        switch e.kind {
        case .number, .symbol:
            return []
        case .add:
            return [(args[0], g), (args[1], g)]
        case .subtract:
            return [(args[0], g), (args[1], Terms.negation(g))]
        case .negate:
            return [(args[0], Terms.negation(g))]
        case .multiply:
            return [(args[0], Terms.product(g, args[1])), (args[1], Terms.product(g, args[0]))]
        case .divide:
            let (a, b) = (args[0], args[1])
            return [(a, Terms.quotient(g, b)), (b, Terms.negation(Terms.product(g, a / .power(b, .number(2)))))]
        case .power:
            return power(args[0], args[1], g)
        case .binaryFunction(.pow):
            return power(args[0], args[1], g)
        case .function, .binaryFunction:
            return try partials(of: e).map { ($0.0, Terms.product(g, $0.1)) }
        case .dot:
            return [(args[0], Terms.product(g, args[1])), (args[1], Terms.product(g, args[0]))]
        case .norm:
            return [(args[0], Terms.product(g, args[0] / .norm(args[0])))]
        case .sum:
            return [(args[0], g)]
        case .index, .vector, .matmul, .transpose, .trace, .identity, .zeros, .diag, .outer, .row, .column, .matrixFunction:
            throw GradientError(message: "the gradient of `\(e)` with respect to `\(variable)` is not supported (components `u[i]`, vector literals and matrix operations in a loss)")
        }
    }

    private func power(_ a: Expr, _ b: Expr, _ g: Expr) -> [(Expr, Expr)] {
        let reduced: Expr = if let q = b.numberValue { .number(q - 1) } else { b - Terms.one }
        return [(a, Terms.product(g, Terms.product(b, .power(a, reduced)))),
                (b, Terms.product(g, Terms.product(.power(a, b), .call(.log, a))))]
    }

    /// Partial derivatives of a function node in its arguments, from the forward differentiator's rules
    /// applied to stand-in scalars (so the two differentiators cannot disagree on a function).
    private func partials(of e: Expr) throws(GradientError) -> [(Expr, Expr)] {
        let standIns = e.arguments.indices.map { Expr.symbol("__gradient_argument_\($0)") }
        let template = e.rebuilt(standIns)
        let back = Dictionary(uniqueKeysWithValues: zip(standIns.map { $0.symbolName! }, e.arguments))
        var result: [(Expr, Expr)] = []
        for i in e.arguments.indices {
            do { result.append((e.arguments[i], try template.derivative(withRespectTo: standIns[i].symbolName!).substituting(back))) }
            catch { throw GradientError(message: error.message) }
        }
        return result
    }

    /// Undoes broadcasting: a scalar argument of a vector node gets the sum of its share.
    private mutating func reduce(_ share: Expr, into argument: Expr, from node: Expr) -> Expr {
        guard !vectorShaped(argument), vectorShaped(node), !share.isZeroLiteral else { return share }
        let full = vectorShaped(share) ? share : Terms.product(share, .power(node, Terms.zero))
        return .sum(full)
    }

    private mutating func depends(_ e: Expr) -> Bool {
        if let known = dependsMemo[ObjectIdentifier(e)] { return known }
        let result: Bool
        if case .symbol(let name) = e.kind { result = name == variable } else {
            var any = false
            for a in e.arguments where depends(a) { any = true; break }
            result = any
        }
        dependsMemo[ObjectIdentifier(e)] = result
        return result
    }

    private mutating func vectorShaped(_ e: Expr) -> Bool {
        if let known = isVector[ObjectIdentifier(e)] { return known }
        let result: Bool
        switch e.kind {
        case .number, .dot, .norm, .sum, .index, .trace, .matrixFunction(.det): result = false
        case .vector, .matmul, .identity, .zeros, .diag, .outer, .row, .column: result = true
        case .symbol(let name): result = vectorSymbols.contains(name)
        default:
            var any = false
            for a in e.arguments where vectorShaped(a) { any = true; break }
            result = any
        }
        isVector[ObjectIdentifier(e)] = result
        return result
    }
}

public struct GradientError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
