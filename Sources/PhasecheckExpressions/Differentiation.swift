import PhasecheckNumbers

extension Expr {
    /// The symbolic derivative d(self)/d(variable); see `Differentiator`.
    public func derivative(withRespectTo variable: String) throws(DifferentiationError) -> Expr {
        var differentiator = Differentiator(variable: variable)
        return try differentiator.derivative(of: self)
    }
}

/// A derivative the language does not write: a second derivative of `expm`, `sqrtm` or `powm` (`dexpm` or
/// `dpowm` of a matrix that depends on the variable), or `powm` with an exponent that does.
public struct DifferentiationError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// Symbolic differentiation by the chain rule, memoized on node identity (shared subtrees are
/// differentiated once; reuse one differentiator for several roots to share that work).
///
/// - The variable is a scalar symbol; every other symbol, scalar or vector, is a constant.
/// - Matrix functions: d det A = det A tr(A^-1 dA), d A^-1 = -A^-1 dA A^-1, d expm(s(x) C) = s'(x) C expm(s(x) C)
///   for C constant, other d expm(A) = dexpm(A, dA) (the Fréchet derivative: A and dA need not commute),
///   d powm(A, p) = dpowm(A, p, dA) for p constant (sqrtm: p = 1/2), d dpowm(A, p, E) = dpowm(A, p, dE) for A
///   and p constant, d dexpm(A, E) = dexpm(A, dE) for A constant; dpowm and dexpm of a varying A (second
///   derivatives) only where they do not depend on the variable, else `DifferentiationError`.
/// - Vector and matrix operations differentiate elementwise; `dot`, `norm`, `sum`, `u[i]`, `@`, `outer`
///   by the product rule, keeping the order of the factors of `@`; `transpose`, `trace`, `diag`, `row`,
///   `col` are linear, so their derivative is the operation applied to the argument's derivative.
/// - Zero terms are dropped (`0*x -> 0`), which assumes finite values: where a subexpression is infinite or
///   NaN the derivative is undefined anyway.
/// - Functions without a derivative everywhere give it where it exists and NaN elsewhere:
///   `abs(x)' = x/abs(x) * x'` (NaN at 0), `min`/`max` select a' or b' by `sign(a - b) = (a - b)/abs(a - b)`
///   (NaN where a = b), `sqrt`, `log`, `asin`, ... at the ends of their domains as their formulas give.
/// - A derivative can be a scalar standing for a constant vector (`d/dt (u0 + t) = 1`); it broadcasts like
///   any scalar. Where a reduction needs the full length, it is widened as `1 * u^0` (`u^0` is the
///   all-ones vector of u's length).
public struct Differentiator {
    public let variable: String
    private var memo: [ObjectIdentifier: Derivative] = [:]
    private var shapes = ScalarShapes()
    /// Shapes where the variable, a scalar, is known to be one.
    private var variableShapes: ScalarShapes

    /// A derivative and whether it may be a scalar where the differentiated tree is a vector.
    private struct Derivative {
        let value: Expr
        let mayBeNarrower: Bool
        static let zero = Derivative(value: Terms.zero, mayBeNarrower: false)
        var isZero: Bool { value === Terms.zero }
    }

    public init(variable: String) {
        self.variable = variable
        variableShapes = ScalarShapes(scalarSymbols: [variable])
    }

    public mutating func derivative(of e: Expr) throws(DifferentiationError) -> Expr {
        if let done = memo[ObjectIdentifier(e)] { return done.value }
        for node in Expr.postorder(from: [e], skipping: { memo[ObjectIdentifier($0)] != nil }) {
            if case .matrixFunction(let f) = node.kind {
                // The arguments that may depend on the variable: any for det, inv, expm and sqrtm, powm's matrix
                // (not its exponent), dpowm's and dexpm's direction (linear in it).
                let varying = node.arguments.indices.filter { !differentiate(node.arguments[$0]).isZero }
                let allowed: Bool = switch f {
                case .det, .inv, .expm, .sqrtm: true
                case .powm: !varying.contains(1)
                case .dpowm, .dexpm: varying.allSatisfy { $0 == f.directionIndex }
                }
                guard allowed else {
                    throw DifferentiationError(message: f == .dexpm
                        ? "the derivative of `\(node)` with respect to `\(variable)` is not supported: `dexpm` is differentiated only along its direction (its matrix must not depend on the variable: a second derivative of `expm`)"
                        : "the derivative of `\(node)` with respect to `\(variable)` is not supported: \(f == .powm ? "the exponent of `powm` must not depend on the variable" : "`dpowm` is differentiated only along its direction (its matrix and exponent must not depend on the variable: a second derivative of `sqrtm` or `powm`)")")
                }
            }
        }
        return differentiate(e).value
    }

    /// Whether `a` is a product (and quotients, negations) of factors that either do not depend on the
    /// variable or are scalar functions of the variable alone (`-c*t*A`, `A*t/2`): then a = s(t) C with C
    /// constant, a and its derivative commute, and expm(a)' = a' expm(a) (else it is `dexpm(a, a')`).
    private mutating func isScalarOfVariableTimesConstant(_ a: Expr) -> Bool {
        switch a.kind {
        case .multiply: return isScalarOfVariableTimesConstant(a.arguments[0]) && isScalarOfVariableTimesConstant(a.arguments[1])
        case .divide: return isScalarOfVariableTimesConstant(a.arguments[0]) && differentiate(a.arguments[1]).isZero
            && (shapes.isScalar(a.arguments[1]) || a.arguments[1].freeSymbols.isEmpty)
        case .negate: return isScalarOfVariableTimesConstant(a.arguments[0])
        // A scalar in the variable alone; a matrix of functions of it (`[[0, t], [1, 0]]`) need not commute with its derivative.
        default: return differentiate(a).isZero || (a.freeSymbols.isSubset(of: [variable, ReservedSymbols.pi]) && variableShapes.isScalar(a))
        }
    }

    /// The derivative of `e`, computed for every node below it first (in `Expr.postorder`, so that `rule`
    /// finds its arguments' derivatives in the memo and nothing recurses once per level of the tree).
    private mutating func differentiate(_ e: Expr) -> Derivative {
        if let done = memo[ObjectIdentifier(e)] { return done }
        for node in Expr.postorder(from: [e], skipping: { memo[ObjectIdentifier($0)] != nil }) {
            memo[ObjectIdentifier(node)] = rule(node)
        }
        return memo[ObjectIdentifier(e)]!
    }

    /// `d` with the length of `like` when it may be narrower.
    private mutating func widened(_ d: Derivative, like x: Expr) -> Expr {
        if !d.mayBeNarrower || shapes.isScalar(x) { return d.value }
        return Terms.product(d.value, .power(x, Terms.zero))
    }

    /// The chain rule for a function of one argument whose derivative is `outer`.
    private mutating func chain(_ outer: (Expr) -> Expr, _ x: Expr) -> Derivative {
        let dx = differentiate(x)
        if dx.isZero { return .zero }
        return Derivative(value: Terms.product(outer(x), dx.value), mayBeNarrower: false)
    }

    private func full(_ value: Expr) -> Derivative { Derivative(value: value, mayBeNarrower: false) }

    private mutating func rule(_ e: Expr) -> Derivative {
        let args = e.arguments
        switch e.kind {
        case .number:
            return .zero
        case .symbol(let name):
            return name == variable ? full(Terms.one) : .zero
        case .add, .subtract:
            let da = differentiate(args[0]), db = differentiate(args[1])
            let combine = e.kind == .add ? Terms.sum : Terms.difference
            let value = combine(da.value, db.value)
            // A surviving term alone has its own operand's length, which may be shorter than the sum's.
            let narrower = (da.isZero ? !shapes.isScalar(args[0]) : da.mayBeNarrower)
                || (db.isZero ? !shapes.isScalar(args[1]) : db.mayBeNarrower)
            return Derivative(value: value, mayBeNarrower: !value.isZeroLiteral && narrower)
        case .multiply:
            let (a, b) = (args[0], args[1])
            let da = differentiate(a), db = differentiate(b)
            return Derivative(value: Terms.sum(Terms.product(da.value, b), Terms.product(a, db.value)),
                              mayBeNarrower: da.mayBeNarrower || db.mayBeNarrower)
        case .divide:
            let (a, b) = (args[0], args[1])
            let da = differentiate(a), db = differentiate(b)
            let value = Terms.difference(Terms.quotient(da.value, b),
                                         Terms.quotient(Terms.product(a, db.value), .power(b, .number(2))))
            return Derivative(value: value, mayBeNarrower: da.mayBeNarrower || db.mayBeNarrower)
        case .negate:
            let da = differentiate(args[0])
            return Derivative(value: Terms.negation(da.value), mayBeNarrower: da.mayBeNarrower)
        case .power:
            return power(args[0], args[1])
        case .function(let f):
            return chain(Self.derivativeFactor(f), args[0])
        case .binaryFunction(let f):
            return binary(f, args[0], args[1])
        case .vector:
            let derivatives = args.map { differentiate($0) }
            if derivatives.allSatisfy(\.isZero) { return .zero }
            // A row of a matrix literal keeps its length: a constant row's derivative is a row of zeros.
            return full(.vector(zip(derivatives, args).map { d, row in
                d.isZero && row.kind == .vector ? .vector(row.arguments.map { _ in Terms.zero }) : widened(d, like: row)
            }))
        case .dot:
            let (a, b) = (args[0], args[1])
            let da = differentiate(a), db = differentiate(b)
            let left = da.isZero ? Terms.zero : Expr.dot(widened(da, like: a), b)
            let right = db.isZero ? Terms.zero : Expr.dot(a, widened(db, like: b))
            return full(Terms.sum(left, right))
        case .norm:
            let da = differentiate(args[0])
            if da.isZero { return .zero }
            return full(.dot(args[0], widened(da, like: args[0])) / .norm(args[0]))
        case .sum:
            let da = differentiate(args[0])
            return da.isZero ? .zero : full(.sum(widened(da, like: args[0])))
        case .index, .row, .column:
            let dv = differentiate(args[0])
            return dv.isZero ? .zero : full(e.rebuilt([widened(dv, like: args[0])] + args.dropFirst()))
        case .transpose, .trace, .diag:
            let da = differentiate(args[0])
            return da.isZero ? .zero : full(e.rebuilt([widened(da, like: args[0])]))
        case .identity, .zeros:
            return .zero
        case .matrixFunction(let f):
            let a = args[0]
            let da = differentiate(a)
            if da.isZero && args.dropFirst().allSatisfy({ differentiate($0).isZero }) { return .zero }
            let dA = widened(da, like: a), inverse = Expr.call(.inv, a)
            switch f {
            case .det: return full(Terms.product(e, .trace(.matmul(inverse, dA))))
            case .inv: return full(Terms.negation(.matmul(.matmul(inverse, dA), inverse)))
            // Where A commutes with A' (`isScalarOfVariableTimesConstant`) expm(A)' = A' expm(A), else the Fréchet derivative.
            case .expm: return full(isScalarOfVariableTimesConstant(a) ? .matmul(dA, e) : .call(.dexpm, a, direction: dA))
            // The Fréchet derivative along A' (sqrtm is powm with p = 1/2; the exponent is constant, checked by `derivative(of:)`).
            case .sqrtm: return full(.call(.dpowm, a, exponent: .number(BigRational(1, 2)), direction: dA))
            case .powm: return full(.call(.dpowm, a, exponent: args[1], direction: dA))
            // Linear in the direction, the only argument that may vary (`derivative(of:)`).
            case .dpowm: return full(.call(.dpowm, a, exponent: args[1], direction: widened(differentiate(args[2]), like: args[2])))
            case .dexpm: return full(.call(.dexpm, a, direction: widened(differentiate(args[1]), like: args[1])))
            }
        case .matmul, .outer:
            // Bilinear: (a b)' = a' b + a b', the factors in their order.
            let (a, b) = (args[0], args[1])
            let da = differentiate(a), db = differentiate(b)
            let left = da.isZero ? Terms.zero : e.rebuilt([widened(da, like: a), b])
            let right = db.isZero ? Terms.zero : e.rebuilt([a, widened(db, like: b)])
            return full(Terms.sum(left, right))
        }
    }

    /// `(a^b)' = b a^(b-1) a'` for constant b, else `a^b (b' log(a) + b a'/a)`.
    private mutating func power(_ a: Expr, _ b: Expr) -> Derivative {
        let da = differentiate(a), db = differentiate(b)
        if da.isZero && db.isZero { return .zero }
        if db.isZero, a.kind == .norm, let q = b.numberValue, q >= 2 {
            // |x|^q' = q |x|^(q-2) x.x', written without the 1/|x| of norm's own rule, which is 0/0 at x = 0
            // (the squared Frobenius norm of a loss, differentiated at a zero weight matrix).
            let x = a.arguments[0]
            let inner = Terms.product(.number(q), .dot(x, widened(differentiate(x), like: x)))
            return full(q == 2 ? inner : Terms.product(.power(a, .number(q - 2)), inner))
        }
        if db.isZero {
            let reduced: Expr = if let q = b.numberValue { .number(q - 1) } else { b - Terms.one }
            return full(Terms.product(Terms.product(b, .power(a, reduced)), da.value))
        }
        let logarithmic = Terms.product(db.value, .call(.log, a))
        let inner = da.isZero ? logarithmic : Terms.sum(logarithmic, Terms.product(b, da.value) / a)
        return full(Terms.product(.power(a, b), inner))
    }

    private mutating func binary(_ f: BinaryFunction, _ a: Expr, _ b: Expr) -> Derivative {
        switch f {
        case .pow:
            return power(a, b)
        case .atan2:
            // atan2(y, x)' = (x y' - y x') / (x^2 + y^2)
            let dy = differentiate(a), dx = differentiate(b)
            if dy.isZero && dx.isZero { return .zero }
            let numerator = Terms.difference(Terms.product(b, dy.value), Terms.product(a, dx.value))
            return full(numerator / (.power(b, .number(2)) + .power(a, .number(2))))
        case .min, .max:
            // min' = a' where a < b and b' where b < a (NaN where a = b). Weighting by the exact 0/1 switches
            // (1 -+ s)/2, s = (a - b)/|a - b| = +-1, keeps a' and b' apart: the identity
            // min = (a + b - |a - b|)/2 would give (a' + b' - s(a' - b'))/2, which loses every digit of the
            // selected derivative when the other one is much larger (seen as d/dx min(huge(x), x) = 0).
            let da = differentiate(a), db = differentiate(b)
            if da.isZero && db.isZero { return .zero }
            let s = (a - b) / .call(.abs, a - b)
            let half = Expr.number(BigRational(1, 2))
            let aWins = f == .min ? (Terms.one - s) * half : (Terms.one + s) * half
            let bWins = f == .min ? (Terms.one + s) * half : (Terms.one - s) * half
            return full(Terms.sum(Terms.product(da.value, aWins), Terms.product(db.value, bWins)))
        }
    }

    /// f'(x) as an expression in x: the factor the chain rule multiplies by.
    public static func derivative(of f: ElementaryFunction, at x: Expr) -> Expr { derivativeFactor(f)(x) }

    /// f'(x) for each elementary function.
    private static func derivativeFactor(_ f: ElementaryFunction) -> (Expr) -> Expr {
        let two = Expr.number(2)
        switch f {
        case .sqrt: return { Terms.one / (two * .call(.sqrt, $0)) }
        case .cbrt: return { Terms.one / (.number(3) * .power(.call(.cbrt, $0), two)) }
        case .exp, .expm1: return { .call(.exp, $0) }
        case .log: return { Terms.one / $0 }
        case .log1p: return { Terms.one / (Terms.one + $0) }
        case .sin: return { .call(.cos, $0) }
        case .cos: return { -.call(.sin, $0) }
        case .tan: return { Terms.one / .power(.call(.cos, $0), two) }
        case .asin: return { Terms.one / .call(.sqrt, Terms.one - .power($0, two)) }
        case .acos: return { -(Terms.one / .call(.sqrt, Terms.one - .power($0, two))) }
        case .atan: return { Terms.one / (Terms.one + .power($0, two)) }
        case .sinh: return { .call(.cosh, $0) }
        case .cosh: return { .call(.sinh, $0) }
        case .tanh: return { Terms.one / .power(.call(.cosh, $0), two) }
        case .asinh: return { Terms.one / .call(.sqrt, .power($0, two) + Terms.one) }
        case .acosh: return { Terms.one / .call(.sqrt, .power($0, two) - Terms.one) }
        case .atanh: return { Terms.one / (Terms.one - .power($0, two)) }
        case .abs: return { $0 / .call(.abs, $0) }
        // 0 away from the jump at 0 (where the derivative is undefined, as abs's is).
        case .sign: return { _ in Terms.zero }
        case .erf, .erfc:
            // erf' = 2/sqrt(pi) exp(-x^2), erfc' = -erf'.
            let scale = two / .call(.sqrt, .symbol(ReservedSymbols.pi))
            return { x in
                let derivative = scale * .call(.exp, -.power(x, two))
                return f == .erf ? derivative : -derivative
            }
        }
    }
}

extension Expr {
    /// Whether this node is the literal 0.
    var isZeroLiteral: Bool { self === Terms.zero }
}
