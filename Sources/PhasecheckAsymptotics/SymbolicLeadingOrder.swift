import PhasecheckExpressions
import PhasecheckNumbers

/// A condition a symbolic verdict relies on (SymbolicLimits.jl style), with the region where it matters.
public struct Assumption: Sendable, CustomStringConvertible {
    public let statement: String
    /// Where the assumption is needed; `.always` when it is needed everywhere.
    public let region: ExponentCondition
    /// An assumption about the quantity's own terms (leading terms do not cancel, a logarithm's argument vanishes),
    /// which the exact expansion at a point settles, even where it is needed everywhere (2*M - 2*M ties at every
    /// point and is 0); false for one about a symbol without a scaling (a nonzero constant, a positive base).
    public let settledByExpansion: Bool

    public var description: String {
        if case .always = region { return statement }
        return "\(statement) where \(region)"
    }
}

/// The leading exponent of a quantity as a piecewise-linear function of the exponent symbols.
public struct SymbolicLeadingOrder: Sendable, CustomStringConvertible {
    public let exponent: PiecewiseLinearExponent
    /// Sign of the leading coefficient when it is the same everywhere and known.
    public let sign: Int?
    public let assumptions: [Assumption]

    /// The three regimes of a quantity: -> 0 iff exponent < 0, Theta(1) iff = 0, -> infinity iff > 0.
    public var vanishingRegion: ExponentCondition { ExponentCondition(exponent, .less) }
    public var boundedRegion: ExponentCondition { ExponentCondition(exponent, .equal) }
    public var divergingRegion: ExponentCondition { ExponentCondition(exponent, .greater) }

    public var description: String {
        let assumed = assumptions.isEmpty ? "" : " assuming " + assumptions.map(\.description).joined(separator: "; ")
        return "d^(\(exponent))" + assumed
    }
}

public struct SymbolicAnalysisError: Error, CustomStringConvertible {
    public let reason: String
    public var description: String { reason }
}

extension PiecewiseLinearExponent {
    /// Reads an exponent written as an expression: rationals, symbols, `+ - *`, division by a constant,
    /// `max`, `min`, `abs` (e.g. `1 - alpha - b_u` or `max(c_u - 2*b_w, c_w - 2*b_u)`).
    public init(expression e: Expr) throws {
        var depth = 0
        func read(_ e: Expr) throws -> PiecewiseLinearExponent {
            depth += 1
            defer { depth -= 1 }
            guard depth <= WidthLimit.maximumNesting else { throw SymbolicAnalysisError(reason: WidthLimit.nestingRefusal) }
            let args = e.arguments
            switch e.kind {
            case .number(let q): return PiecewiseLinearExponent(q)
            case .symbol(let name): return .symbol(name)
            case .add: return try read(args[0]) + read(args[1])
            case .subtract: return try read(args[0]) - read(args[1])
            case .negate: return -(try read(args[0]))
            case .multiply:
                let a = try read(args[0]), b = try read(args[1])
                if let c = a.constantValue { return b.scaled(by: c) }
                if let c = b.constantValue { return a.scaled(by: c) }
                throw SymbolicAnalysisError(reason: "`\(e)` is not linear in the exponent symbols")
            case .divide:
                let a = try read(args[0]), b = try read(args[1])
                guard let c = b.constantValue, !c.isZero else {
                    throw SymbolicAnalysisError(reason: "`\(e)` divides by something other than a nonzero constant")
                }
                return a.scaled(by: BigRational(1) / c)
            case .function(.abs): return .abs(try read(args[0]))
            case .binaryFunction(.max): return .max(try read(args[0]), try read(args[1]))
            case .binaryFunction(.min): return .min(try read(args[0]), try read(args[1]))
            default:
                throw SymbolicAnalysisError(reason: "`\(e)` is not a piecewise-linear exponent")
            }
        }
        self = try read(e)
    }
}

extension WidthLimit {
    /// The leading exponent of `quantity` in the tropical algebra: a product adds exponents, a quotient
    /// subtracts, a power scales, a sum takes the max. Where two terms of a sum can have equal exponents
    /// and their leading coefficients are not known to share a sign, the verdict assumes they do not
    /// cancel and says so. Symbols without a scaling are taken as nonzero constants (also an assumption).
    public func leadingExponent(of quantity: Expr) throws -> SymbolicLeadingOrder {
        var analysis = TropicalAnalysis(limit: self)
        guard let value = try analysis.order(quantity) else {
            throw SymbolicAnalysisError(reason: "`\(quantity)` is identically zero")
        }
        return SymbolicLeadingOrder(exponent: value.exponent, sign: value.sign, assumptions: analysis.assumptions)
    }
}

/// The leading order of each node: exponent, sign of the leading coefficient if known, and the exact value
/// when the node is a rational constant. nil stands for an identically zero node.
private struct TropicalAnalysis {
    struct Order {
        var exponent: PiecewiseLinearExponent
        var sign: Int?
        var exact: BigRational?
    }

    let limit: WidthLimit
    var assumptions: [Assumption] = []
    private var memo: [ObjectIdentifier: Order?] = [:]

    init(limit: WidthLimit) { self.limit = limit }

    private mutating func assume(_ statement: String, _ region: ExponentCondition = .always, settledByExpansion: Bool = false) {
        if case .never = region { return }
        if assumptions.contains(where: { $0.statement == statement }) { return }
        assumptions.append(Assumption(statement: statement, region: region, settledByExpansion: settledByExpansion))
    }

    /// Nodes other than sums on the path being analysed (`order` recurses through them).
    private var depth = 0

    /// The order of `e`. A sum always needs both operands, so sums are analysed operands first from an
    /// explicit stack (a sum of a million terms takes no stack); other nodes may skip an operand (a zero
    /// factor) and recurse, at most `WidthLimit.maximumNesting` deep.
    mutating func order(_ e: Expr) throws -> Order? {
        if let done = memo[ObjectIdentifier(e)] { return done }
        var stack: [(node: Expr, operandsDone: Bool)] = [(e, false)]
        while let (node, operandsDone) = stack.popLast() {
            guard memo[ObjectIdentifier(node)] == nil else { continue }
            let isSum = node.kind == .add || node.kind == .subtract
            if isSum && !operandsDone {
                stack.append((node, true))
                for operand in node.arguments.reversed() where memo[ObjectIdentifier(operand)] == nil { stack.append((operand, false)) }
                continue
            }
            if !isSum { depth += 1 }
            defer { if !isSum { depth -= 1 } }
            guard depth <= WidthLimit.maximumNesting else { throw SymbolicAnalysisError(reason: WidthLimit.nestingRefusal) }
            memo[ObjectIdentifier(node)] = .some(try lower(node))
        }
        return memo[ObjectIdentifier(e)]!
    }

    private static func constant(_ q: BigRational) -> Order? {
        q.isZero ? nil : Order(exponent: 0, sign: q.sign, exact: q)
    }

    private mutating func lower(_ e: Expr) throws -> Order? {
        let args = e.arguments
        switch e.kind {
        case .number(let q):
            return Self.constant(q)
        case .symbol(let name):
            if name == limit.width { return Order(exponent: 1, sign: 1) }
            if let scaling = limit.scalings[name] {
                // `scale z = 0`: z is identically zero, as the number 0 is.
                guard var c = try order(scaling.coefficient) else { return nil }
                c.exponent = c.exponent + scaling.exponent
                c.exact = scaling.exponent.constantValue == 0 ? c.exact : nil
                return c
            }
            if name == ReservedSymbols.pi { return Order(exponent: 0, sign: 1) }
            assume("`\(name)` is a nonzero constant independent of \(limit.width)")
            return Order(exponent: 0, sign: nil)
        case .add, .subtract:
            let a = try order(args[0])
            var b = try order(args[1])
            if e.kind == .subtract, var negated = b {
                negated.sign = negated.sign.map { -$0 }
                negated.exact = negated.exact.map { -$0 }
                b = negated
            }
            guard let a else { return b }
            guard let b else { return a }
            if let x = a.exact, let y = b.exact { return Self.constant(x + y) }
            let gap = a.exponent - b.exponent
            // The larger operand's order, but not its exact value: 2 + 1/d is of order d^0 and not exactly 2.
            if let c = gap.constantValue, !c.isZero {
                var larger = c.sign > 0 ? a : b
                larger.exact = nil
                return larger
            }
            let sign: Int?
            if let sa = a.sign, sa == b.sign {
                sign = sa
            } else {
                sign = nil
                assume("the leading terms of `\(args[0])` and `\(args[1])` do not cancel",
                       ExponentCondition(a.exponent, .equal, b.exponent), settledByExpansion: true)
            }
            return Order(exponent: .max(a.exponent, b.exponent), sign: sign)
        case .multiply, .divide:
            guard let a = try order(args[0]) else { return nil }
            guard let b = try order(args[1]) else {
                if e.kind == .divide { throw SymbolicAnalysisError(reason: "division by zero in `\(e)`") }
                return nil
            }
            let divide = e.kind == .divide
            var exact: BigRational? = nil
            if let x = a.exact, let y = b.exact { exact = divide ? x / y : x * y }
            let sign = a.sign.flatMap { sa in b.sign.map { sa * $0 } }
            return Order(exponent: divide ? a.exponent - b.exponent : a.exponent + b.exponent, sign: sign, exact: exact)
        case .negate:
            guard var a = try order(args[0]) else { return nil }
            a.sign = a.sign.map { -$0 }
            a.exact = a.exact.map { -$0 }
            return a
        case .power, .binaryFunction(.pow):
            return try power(args[0], args[1], e)
        case .function(.sqrt):
            return try power(args[0], .number(BigRational(1, 2)), e)
        case .function(.cbrt):
            return try power(args[0], .number(BigRational(1, 3)), e)
        case .function(.abs):
            guard var a = try order(args[0]) else { return nil }
            a.sign = 1
            a.exact = a.exact?.magnitude
            return a
        case .function(.exp):
            guard let a = try order(args[0]) else { return Order(exponent: 0, sign: 1, exact: 1) }
            guard let c = a.exponent.constantValue, c.sign <= 0 else {
                throw SymbolicAnalysisError(reason: "exp of `\(args[0])`, whose order is not known to stay bounded")
            }
            return Order(exponent: 0, sign: 1)
        case .binaryFunction(.max), .binaryFunction(.min):
            return try extremum(args[0], args[1], e, isMax: e.kind == .binaryFunction(.max))
        case .function(.log1p):
            return try logarithmOfOnePlus(args[0], e)
        case .function(.log) where args[0].kind == .add && (args[0].arguments.contains { $0.numberValue == BigRational(1) }):
            let operands = args[0].arguments
            return try logarithmOfOnePlus(operands[0].numberValue == BigRational(1) ? operands[1] : operands[0], e)
        default:
            if let constant = try Self.constantOrder(e) { return constant }
            throw SymbolicAnalysisError(reason: "`\(e)` is outside the tropical algebra (use rational exponents for the expansion engine)")
        }
    }

    /// A node without symbols (the closed form of a Gaussian expectation, such as erfc(0/sqrt(2))/2): order d^0, its
    /// sign certified in interval arithmetic. nil for a node with symbols; an error when the enclosure may hold 0.
    private static func constantOrder(_ e: Expr) throws -> Order? {
        guard e.freeSymbols.subtracting([ReservedSymbols.pi]).isEmpty else { return nil }
        var evaluator = TapeEvaluator(tape: try Tape(compiling: [e]), context: IntervalContext(precision: 128))
        let value = evaluator.evaluate([])[0][0]
        guard value.isFinite, value.lower.sign > 0 || value.upper.sign < 0 else {
            throw SymbolicAnalysisError(reason: "the constant `\(e)` may be 0 or is not finite")
        }
        return Order(exponent: 0, sign: value.lower.sign > 0 ? 1 : -1)
    }

    /// log(1 + u) (or log1p(u)) has u's order where u vanishes (log(1 + u) = u - u^2/2 + ...): the depth-to-width
    /// log(1 + 5/n) ~ 5/n. Where u may not vanish that is assumed, and the exact expansion decides there.
    private mutating func logarithmOfOnePlus(_ uExpr: Expr, _ e: Expr) throws -> Order? {
        guard let u = try order(uExpr) else { return nil }
        if let x = u.exact {
            guard x > BigRational(-1) else { throw SymbolicAnalysisError(reason: "the logarithm of a nonpositive constant in `\(e)`") }
            return Self.constantOrder(sign: x.sign)
        }
        assume("`\(uExpr)` vanishes, so that `\(e)` has its order", ExponentCondition(u.exponent, .greaterOrEqual), settledByExpansion: true)
        return Order(exponent: u.exponent, sign: u.sign)
    }

    /// max(A, B) or min(A, B) where the signs of both leading coefficients are known (a quantity has its leading
    /// coefficient's sign for all large d): of two positive operands the max has the larger exponent and the min the
    /// smaller (no cancellation: the operands are compared, never added; Lin et al.'s variance min(M, N^(1/a))/N), of
    /// two negative ones the other way round, and of mixed signs the max is the positive operand and the min the
    /// negative. An operand of unknown sign is refused: which one wins would depend on it.
    private mutating func extremum(_ aExpr: Expr, _ bExpr: Expr, _ e: Expr, isMax: Bool) throws -> Order? {
        let a = try order(aExpr), b = try order(bExpr)
        if let x = a?.exact, let y = b?.exact { return Self.constant(isMax ? Swift.max(x, y) : Swift.min(x, y)) }
        let signA = a == nil ? 0 : a!.sign, signB = b == nil ? 0 : b!.sign
        guard let sa = signA, let sb = signB else {
            throw SymbolicAnalysisError(reason: "`\(e)` takes the \(isMax ? "max" : "min") of operands whose signs are not known,"
                + " so which one is larger cannot be read from their orders")
        }
        // Mixed signs (or a zero operand): the operand on the winning side of 0.
        if sa != sb { return (isMax ? sa > sb : sa < sb) ? a : b }
        guard let a, let b else { return nil }
        // Same sign: the larger magnitude wins for the max of positive and the min of negative operands.
        let largerMagnitude = isMax == (sa > 0)
        return Order(exponent: largerMagnitude ? .max(a.exponent, b.exponent) : .min(a.exponent, b.exponent), sign: sa)
    }

    private static func constantOrder(sign: Int) -> Order? {
        sign == 0 ? nil : Order(exponent: 0, sign: sign)
    }

    private mutating func power(_ baseExpr: Expr, _ exponentExpr: Expr, _ e: Expr) throws -> Order? {
        let base = try order(baseExpr)
        let exponent: PiecewiseLinearExponent
        // A name in the exponent is an exponent symbol unless it is a scaled hyperparameter or the width: with
        // `scale a = 2`, M^(-(a - 1)) is M^-1 (Lin et al.'s spectral exponent as a constant), not a power in a symbol `a`.
        let readsScaledNames = exponentExpr.freeSymbols.contains { $0 == limit.width || limit.scalings[$0] != nil }
        if !readsScaledNames, let readable = try? PiecewiseLinearExponent(expression: exponentExpr) {
            exponent = readable
        } else if let exponentOrder = try order(exponentExpr), let q = exponentOrder.exact {
            exponent = PiecewiseLinearExponent(q)
        } else if try order(exponentExpr) == nil {
            // An identically zero exponent (`a - a`, a `scale z = 0`): the power is 1.
            exponent = 0
        } else {
            throw SymbolicAnalysisError(reason: "the exponent in `\(e)` is neither rational nor piecewise linear")
        }
        guard let q = exponent.constantValue else {
            // (c d^a)^E = c^E d^(a E) for a symbolic E needs a rational a and a positive base.
            guard let base, let a = base.exponent.constantValue else {
                throw SymbolicAnalysisError(reason: "`\(e)` raises a quantity of symbolic order to a symbolic power")
            }
            if base.sign != 1 { assume("`\(baseExpr)` is positive") }
            return Order(exponent: exponent.scaled(by: a), sign: 1)
        }
        if q.isZero { return Self.constant(1) }
        guard let base else {
            if q.sign > 0 { return nil }
            throw SymbolicAnalysisError(reason: "a nonpositive power of zero in `\(e)`")
        }
        guard let (p, r) = q.smallParts else { throw SymbolicAnalysisError(reason: "exponent \(q) too large in `\(e)`") }
        if r % 2 == 0 {
            if base.sign == -1 { throw SymbolicAnalysisError(reason: "an even root of a negative quantity in `\(e)`") }
            if base.sign == nil { assume("`\(baseExpr)` is positive") }
        }
        let sign = p % 2 == 0 || r % 2 == 0 ? 1 : base.sign
        var exact: BigRational? = nil
        if let x = base.exact, r == 1, Swift.abs(p) <= 64 { exact = x.power(p) }
        return Order(exponent: base.exponent.scaled(by: q), sign: sign, exact: exact)
    }
}
