import PhasecheckNumbers

extension Expr {
    /// The symbolic gradient of this scalar expression with respect to `variable`, which may name a vector
    /// or a matrix (then the gradient has its shape, or is a scalar standing for a constant one); see
    /// `Gradient`. `shapes` gives the shape of every symbol that is not a scalar.
    public func gradient(withRespectTo variable: String, shapes: [String: Shape]) throws(GradientError) -> Expr {
        var gradient = Gradient(variable: variable, shapes: shapes)
        return try gradient.of(self)
    }
}

/// Reverse-mode symbolic differentiation: the gradient of a scalar (a loss) with respect to one symbol,
/// scalar, vector or matrix.
///
/// The forward `Differentiator` treats every symbol as a scalar direction, which for a vector `u` gives
/// the derivative along the all-ones vector, not the gradient. Here each node's adjoint (dL/dnode, with the
/// node's shape) is pushed to its arguments in reverse topological order, so the work is linear in the size
/// of the tree and no component is ever written out: `dot(u, w)` passes `adjoint * w` to `u`, `A @ B`
/// passes `adjoint @ transpose(B)` to `A`.
///
/// - Shapes: symbols in `shapes` have theirs, other symbols are scalars; node shapes follow `ShapeRules`.
/// - Broadcasting: where a scalar argument meets a vector or matrix, its share is the `sum` of the node's
///   adjoint; an adjoint that is a scalar standing for a constant one is widened with `x^0` where an
///   operation needs its full shape.
/// - Components (`u[i]`, `W[i, j]`, rows, columns) pass their adjoint back through unit vectors
///   (`col(eye(n), i)`); vector literals inside a loss are not supported;
///   `sqrtm` and `powm` pass `dpowm(A, p, adjoint)` to A, `expm` passes `dexpm(transpose(A), adjoint)`.
public struct Gradient {
    public let variable: String
    public let shapes: [String: Shape]
    private var checker: ShapeChecker
    private var dependsMemo: [ObjectIdentifier: Bool] = [:]

    public init(variable: String, shapes: [String: Shape]) {
        self.variable = variable
        self.shapes = shapes
        checker = ShapeChecker(inputs: shapes.map { (name: $0.key, shape: $0.value) })
    }

    public mutating func of(_ loss: Expr) throws(GradientError) -> Expr {
        for name in loss.freeSymbols where shapes[name] == nil { checker.declare(name, .scalar) }
        let lossShape = try shape(of: loss)
        guard lossShape.count == 1 else { throw GradientError(message: "the loss must be a scalar, but `\(loss)` is \(lossShape.phrase)") }
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
                let reduced = try reduce(share, into: argument, from: node)
                adjoints[ObjectIdentifier(argument)] = Terms.sum(adjoints[ObjectIdentifier(argument)] ?? Terms.zero, reduced)
            }
        }
        let variableNode = Expr.symbol(variable)
        let result = adjoints[ObjectIdentifier(variableNode)] ?? Terms.zero
        return try widened(result, like: variableNode)
    }

    private mutating func shape(of e: Expr) throws(GradientError) -> Shape {
        do { return try checker.shape(of: e) } catch { throw GradientError(message: "\(error)") }
    }

    /// `g` with the shape of `node`: a scalar adjoint standing for a constant vector or matrix, times `node^0`.
    private mutating func widened(_ g: Expr, like node: Expr) throws(GradientError) -> Expr {
        if g.isZeroLiteral { return g }
        let nodeCount = try shape(of: node).count, adjointCount = try shape(of: g).count
        if nodeCount == 1 || adjointCount != 1 { return g }
        return Terms.product(g, .power(node, Terms.zero))
    }

    /// The unit vector e_i of length n.
    private static func unit(_ i: Expr, _ n: Int) -> Expr { Expr.make(.column, [.identity(n), i]) }

    /// Each argument's share of `adjoint` before broadcasting is undone.
    private mutating func shares(of e: Expr, adjoint g: Expr) throws(GradientError) -> [(Expr, Expr)] {
        let args = e.arguments
        switch e.kind {
        case .number, .symbol, .identity, .zeros:
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
        case .vector:
            throw GradientError(message: "the gradient of `\(e)` with respect to `\(variable)` is not supported (vector and matrix literals in a loss)")
        default:
            return try matrixShares(of: e, adjoint: widened(g, like: e))
        }
    }

    /// Shares through the matrix operations, whose adjoint `g` has the node's full shape.
    private mutating func matrixShares(of e: Expr, adjoint g: Expr) throws(GradientError) -> [(Expr, Expr)] {
        let args = e.arguments
        let a = try shape(of: args[0])
        switch e.kind {
        case .matmul:
            let (x, y) = (args[0], args[1])
            switch (a, try shape(of: y)) {
            case (.matrix, .matrix): return [(x, .matmul(g, .transpose(y))), (y, .matmul(.transpose(x), g))]
            case (.matrix, _): return [(x, .outer(g, y)), (y, .matmul(.transpose(x), g))]
            case (_, .matrix): return [(x, .matmul(y, g)), (y, .outer(x, g))]
            default: return [(x, Terms.product(g, y)), (y, Terms.product(g, x))]
            }
        case .transpose:
            return [(args[0], a.isMatrix ? .transpose(g) : g)]
        case .trace:
            guard case .matrix(let n, _) = a else { return [(args[0], g)] }
            return [(args[0], Terms.product(g, .identity(n)))]
        case .diag:
            return [(args[0], .diag(g))]
        case .outer:
            return [(args[0], .matmul(g, args[1])), (args[1], .matmul(args[0], g))]
        case .row, .column:
            guard case .matrix(let m, let n) = a else { return [] }
            return [(args[0], e.kind == .row ? .outer(Self.unit(args[1], m), g) : .outer(g, Self.unit(args[1], n)))]
        case .index:
            if case .matrix(let m, let n) = a {
                return [(args[0], Terms.product(g, .outer(Self.unit(args[1], m), Self.unit(args[2], n))))]
            }
            return [(args[0], a.count == 1 ? g : Terms.product(g, Self.unit(args[1], a.count)))]
        case .matrixFunction(.det):
            return [(args[0], Terms.product(Terms.product(g, e), .transpose(.call(.inv, args[0]))))]
        case .matrixFunction(.inv):
            let inverseT = Expr.transpose(e)
            return [(args[0], Terms.negation(.matmul(.matmul(inverseT, g), inverseT)))]
        case .matrixFunction(let f) where f == .sqrtm || f == .powm || f == .dpowm:
            // dpowm(A, p, .) is self-adjoint in the Frobenius product (Daleckii and Krein's weights are symmetric,
            // in an orthonormal basis) and returns symmetric matrices, so <g, dpowm(A, p, dA)> = <dpowm(A, p, g), dA>:
            // A's share for sqrtm and powm, the direction's for dpowm (linear in it).
            let varying = args.indices.filter { depends(args[$0]) }
            guard f == .dpowm ? varying == [2] : !varying.contains(1) else {
                throw GradientError(message: "the gradient of `\(e)` with respect to `\(variable)` is not supported (the exponent of `powm` and the matrix of `dpowm` must not depend on it)")
            }
            let exponent = f == .sqrtm ? Expr.number(BigRational(1, 2)) : args[1]
            return [(f == .dpowm ? args[2] : args[0], .call(.dpowm, args[0], exponent: exponent, direction: g))]
        case .matrixFunction(let f) where f == .expm || f == .dexpm:
            // dexpm(A, E) = int_0^1 e^(sA) E e^((1-s)A) ds, so <G, dexpm(A, E)> = <dexpm(A^T, G), E> in the Frobenius
            // product: A's share for expm, the direction's for dexpm (linear in it).
            guard f == .expm || !depends(args[0]) else {
                throw GradientError(message: "the gradient of `\(e)` with respect to `\(variable)` is not supported (the matrix of `dexpm` must not depend on it)")
            }
            return [(f == .dexpm ? args[1] : args[0], .call(.dexpm, .transpose(args[0]), direction: g))]
        default:
            throw GradientError(message: "the gradient of `\(e)` with respect to `\(variable)` is not supported")
        }
    }

    private func power(_ a: Expr, _ b: Expr, _ g: Expr) -> [(Expr, Expr)] {
        if a.kind == .norm, let q = b.numberValue, q >= 2 {
            // Past the norm node, whose share x/|x| is 0/0 at x = 0: grad |x|^q = q |x|^(q-2) x (as `Differentiator`).
            let x = a.arguments[0]
            let share = Terms.product(g, Terms.product(.number(q), x))
            return [(x, q == 2 ? share : Terms.product(share, .power(a, .number(q - 2))))]
        }
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

    /// Undoes broadcasting: a single-component argument of a larger node gets the sum of its share.
    private mutating func reduce(_ share: Expr, into argument: Expr, from node: Expr) throws(GradientError) -> Expr {
        let argumentCount = try shape(of: argument).count, nodeCount = try shape(of: node).count
        guard argumentCount == 1, nodeCount > 1, !share.isZeroLiteral else { return share }
        return .sum(try widened(share, like: node))
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
}

public struct GradientError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
