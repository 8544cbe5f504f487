import PhasecheckExpressions
import PhasecheckNumbers

/// Expands an expression tree into series in d, node by node (vectors are unrolled into components).
struct SeriesExpander {
    let arithmetic: SeriesArithmetic
    let width: String
    let scalings: [String: (coefficient: Expr, exponent: Exponent)]
    private var memo: [ObjectIdentifier: [Series]] = [:]
    /// Sum over nodes of how far their value drops below their operands (exponent units): evaluating the
    /// tree directly at d = 10^k loses about `cancellationLoss * k` decimal digits.
    private(set) var cancellationLoss: Exponent = 0

    init(arithmetic: SeriesArithmetic, width: String, scalings: [String: (coefficient: Expr, exponent: Exponent)]) {
        self.arithmetic = arithmetic
        self.width = width
        self.scalings = scalings
    }

    mutating func scalar(_ e: Expr) throws -> Series {
        let values = try expand(e)
        guard values.count == 1 else {
            throw ExpansionFailure.unsupported("`\(e)` is a vector of length \(values.count) where a scalar is needed")
        }
        return values[0]
    }

    /// The series of `e`, its nodes expanded children first from an explicit stack (every node needs all
    /// its children's series), so that a sum or product of a million terms does not use a million
    /// stack frames. `lower` only reads its children's finished series from `memo`; the only nesting
    /// left is a scaling's coefficient inside a node, one level per scaled symbol.
    mutating func expand(_ e: Expr) throws -> [Series] {
        if let done = memo[ObjectIdentifier(e)] { return done }
        var stack: [(node: Expr, childrenDone: Bool)] = [(e, false)]
        while let (node, childrenDone) = stack.popLast() {
            guard memo[ObjectIdentifier(node)] == nil else { continue }
            if childrenDone {
                memo[ObjectIdentifier(node)] = try lower(node)
                continue
            }
            stack.append((node, true))
            // Reversed, so that the first argument is expanded (and reports its failure) first.
            for child in node.arguments.reversed() where memo[ObjectIdentifier(child)] == nil { stack.append((child, false)) }
        }
        return memo[ObjectIdentifier(e)]!
    }

    private mutating func noteLoss(from operands: [Series], to result: Series) {
        guard let out = result.top else { return }
        let highest = operands.compactMap(\.top).max()
        if let highest, highest > out { cancellationLoss = cancellationLoss + (highest - out) }
    }

    private func elementwise(_ a: [Series], _ b: [Series], _ e: Expr,
                             _ op: (Series, Series) throws -> Series) throws -> [Series] {
        if a.count == b.count { return try zip(a, b).map { try op($0, $1) } }
        if a.count == 1 { return try b.map { try op(a[0], $0) } }
        if b.count == 1 { return try a.map { try op($0, b[0]) } }
        throw ExpansionFailure.unsupported("vector lengths \(a.count) and \(b.count) do not match in `\(e)`")
    }

    private mutating func lower(_ e: Expr) throws -> [Series] {
        let s = arithmetic
        let args = e.arguments
        switch e.kind {
        case .number(let q):
            return [.constant(.exact(q))]
        case .symbol(let name):
            if name == width { return [.monomial(.one, 1)] }
            if let scaling = scalings[name] {
                return try expand(scaling.coefficient).map {
                    $0.shifted(by: scaling.exponent, scaledBy: .one, precision: s.precision)
                }
            }
            if name == ReservedSymbols.pi { return [.constant(.approximate(BigFloat.pi(precision: s.precision)))] }
            throw ExpansionFailure.unknownSymbol(name)
        case .add, .subtract:
            let a = try expand(args[0]), b = try expand(args[1])
            let subtract = e.kind == .subtract
            var losses: [(Series, Series, Series)] = []
            let result = try elementwise(a, b, e) { x, y in
                let r = s.add(x, subtract ? s.negate(y) : y)
                losses.append((x, y, r))
                return r
            }
            for (x, y, r) in losses { noteLoss(from: [x, y], to: r) }
            return result
        case .multiply:
            return try elementwise(expand(args[0]), expand(args[1]), e) { s.multiply($0, $1) }
        case .divide:
            return try elementwise(expand(args[0]), expand(args[1]), e) { try s.divide($0, $1) }
        case .negate:
            return try expand(args[0]).map(s.negate)
        case .power:
            let base = try expand(args[0])
            let exponent = try scalar(args[1])
            guard let q = exponent.exactConstant else { return [try varyingPower(base, exponent, e)] }
            return try base.map { try s.power($0, q) }
        case .function(let f):
            let x = try scalar(args[0])
            let r = try apply(f, x, e)
            // The identities below subtract near a branch point (sqrt(x^2 - 1) of acosh at 1, 1 - x^2 of asin, 1 - x
            // of atanh): the digits lost there count too.
            if [.acosh, .asinh, .asin, .acos].contains(f) {
                let square = s.multiply(x, x)
                noteLoss(from: [square], to: s.add(square, .constant(.exact(f == .asinh ? 1 : -1))))
            } else if f == .atanh {
                noteLoss(from: [x], to: s.add(.constant(.one), s.negate(x)))
                noteLoss(from: [x], to: s.add(.constant(.one), x))
            }
            if [.log, .sin, .cos, .atan, .tan, .asin, .acos, .atanh, .asinh, .acosh].contains(f) { noteLoss(from: [x], to: r) }
            return [r]
        case .binaryFunction(let f):
            let a = try scalar(args[0]), b = try scalar(args[1])
            switch f {
            case .pow:
                guard let q = b.exactConstant else { return [try varyingPower([a], b, e)] }
                return [try s.power(a, q)]
            case .max, .min:
                return [try s.extremum(a, b, maximum: f == .max)]
            case .atan2:
                return [try angle(a, b, e)]
            }
        case .vector:
            return try args.map { try scalar($0) }
        case .dot:
            let a = try expand(args[0]), b = try expand(args[1])
            guard a.count == b.count else {
                throw ExpansionFailure.unsupported("dot of vectors of lengths \(a.count) and \(b.count) in `\(e)`")
            }
            return [zip(a, b).map { s.multiply($0, $1) }.reduce(.zero) { s.add($0, $1) }]
        case .norm:
            let squares = try expand(args[0]).map { s.multiply($0, $0) }.reduce(.zero) { s.add($0, $1) }
            return [try s.power(squares, BigRational(1, 2))]
        case .sum:
            return [try expand(args[0]).reduce(.zero) { s.add($0, $1) }]
        case .matmul, .transpose, .trace, .identity, .zeros, .diag, .outer, .row, .column, .matrixFunction:
            throw ExpansionFailure.unsupported("matrix operations in the width-limit section (`\(e)`)")
        case .index:
            guard args.count == 2 else { throw ExpansionFailure.unsupported("matrix entries in the width-limit section (`\(e)`)") }
            let v = try expand(args[0])
            guard let q = args[1].numberValue, q.isInteger, let (i, _) = q.smallParts, (1...v.count).contains(i) else {
                throw ExpansionFailure.unsupported("index in `\(e)` must be an integer from 1 to \(v.count)")
            }
            return [v[i - 1]]
        }
    }

    /// `a^b` for an exponent that is not an exact constant, as exp(b log a): (1 + x/d)^d, d^(1/d). The base must
    /// tend to a positive limit or grow or vanish like a power of d, and b log a tend to a finite limit or grow
    /// like q log d (see `SeriesArithmetic.log` and `exp`). The digits log a loses against a (1 + 1/d: all but those
    /// of 1/d) are lost by a direct evaluation of a^b too, and are counted as for `log`.
    private mutating func varyingPower(_ base: [Series], _ exponent: Series, _ e: Expr) throws -> Series {
        guard base.count == 1 else {
            throw ExpansionFailure.unsupported("a vector raised to a power that is not an exact rational constant in `\(e)`")
        }
        do {
            let logarithm = try arithmetic.log(base[0])
            noteLoss(from: base, to: logarithm)
            return try arithmetic.exp(arithmetic.multiply(exponent, logarithm))
        } catch ExpansionFailure.unsupported(let reason) {
            throw ExpansionFailure.unsupported("the power `\(e)`, whose exponent is not an exact rational constant, as exp(exponent * log(base)): \(reason)")
        }
    }

    /// atan2(y, x), the angle of the point (x, y), from the sign of x's leading term: atan(y/x) where x > 0, that
    /// plus pi (minus pi) where x < 0 and y >= 0 (y < 0), and +-pi/2 where x is exactly 0. An x or y whose every known
    /// term cancelled leaves the quadrant, and so the branch, unknown.
    private mutating func angle(_ y: Series, _ x: Series, _ e: Expr) throws -> Series {
        let s = arithmetic
        func sign(_ a: Series, _ role: String) throws -> Int {
            if a.isExactZero { return 0 }
            guard let lead = a.lead else { throw ExpansionFailure.insufficientDepth("atan2: every known term of its \(role) cancelled in `\(e)`") }
            return lead.coefficient.sign
        }
        let sx = try sign(x, "second argument"), sy = try sign(y, "first argument")
        let pi = BigFloat.pi(precision: s.precision)
        if sx == 0 {
            guard sy != 0 else { throw ExpansionFailure.unsupported("atan2(0, 0) in `\(e)`") }
            return .constant(.approximate(pi / BigFloat(2 * sy, precision: s.precision)))
        }
        let quotient = try s.divide(y, x)
        let principal = try s.atan(quotient)
        noteLoss(from: [quotient], to: principal)
        guard sx < 0 else { return principal }
        return s.add(principal, .constant(.approximate(sy < 0 ? -pi : pi)))
    }

    private mutating func apply(_ f: ElementaryFunction, _ x: Series, _ e: Expr) throws -> Series {
        let s = arithmetic
        switch f {
        case .sqrt: return try s.power(x, BigRational(1, 2))
        case .cbrt: return try s.power(x, BigRational(1, 3))
        case .exp: return try s.exp(x)
        case .expm1: return s.add(try s.exp(x), .constant(.exact(-1)))
        case .log: return try s.log(x)
        case .log1p: return try s.log(s.add(.constant(.one), x))
        case .sin: return try s.trigonometric(x, cosine: false)
        case .cos: return try s.trigonometric(x, cosine: true)
        case .atan: return try s.atan(x)
        case .abs: return try s.absoluteValue(x)
        case .sinh, .cosh:
            let plus = try s.exp(x), minus = try s.exp(s.negate(x))
            let sum = s.add(plus, f == .sinh ? s.negate(minus) : minus)
            return s.multiply(sum, .constant(.exact(BigRational(1, 2))))
        case .erf, .erfc: return try s.errorFunction(x, complement: f == .erfc)
        // The rest by their identities in exp, log, atan and roots, which carry the expansion's limits (an argument
        // that grows, or reaches a singular point, fails there with the reason).
        case .tan:   // sin x/cos x: the digits either loses near its zeros (cos at pi/2) count too
            let sine = try s.trigonometric(x, cosine: false), cosine = try s.trigonometric(x, cosine: true)
            noteLoss(from: [x], to: sine)
            noteLoss(from: [x], to: cosine)
            return try s.divide(sine, cosine)
        case .tanh:   // m tanh(m x) = m (1 - 2/(e^(2 m x) + 1)), m = -1 for x growing to +infinity like a power of d (its
                      // e^(-2x) exponentially small: tanh(d) -> 1), else 1 (tanh(-d^2) -> -1 the same way)
            let m: BigRational = x.lead.map { $0.exponent.powerSign > 0 && $0.coefficient.sign > 0 } == true ? -1 : 1
            let plus = s.add(try s.exp(s.multiply(.constant(.exact(2 * m)), x)), .constant(.one))
            let odd = s.add(.constant(.one), s.negate(s.multiply(.constant(.exact(2)), try s.reciprocal(plus))))
            return m < 0 ? s.negate(odd) : odd
        case .atanh:  // (log(1 + x) - log(1 - x))/2
            let difference = s.add(try s.log(s.add(.constant(.one), x)), s.negate(try s.log(s.add(.constant(.one), s.negate(x)))))
            return s.multiply(.constant(.exact(BigRational(1, 2))), difference)
        case .asinh, .acosh:   // log(x + sqrt(x^2 +- 1))
            let square = s.add(s.multiply(x, x), .constant(.exact(f == .asinh ? 1 : -1)))
            return try s.log(s.add(x, try s.power(square, BigRational(1, 2))))
        case .asin, .acos:   // asin x = atan(x/sqrt(1 - x^2)), acos x = pi/2 - asin x
            let asin = try s.atan(s.divide(x, try s.power(s.add(.constant(.one), s.negate(s.multiply(x, x))), BigRational(1, 2))))
            guard f == .acos else { return asin }
            let halfPi = Series.constant(.approximate(BigFloat.pi(precision: s.precision) / BigFloat(2, precision: s.precision)))
            return s.add(halfPi, s.negate(asin))
        case .sign:
            if x.isExactZero { return .zero }
            guard let lead = x.lead else { throw ExpansionFailure.insufficientDepth("sign: every known term cancelled") }
            return .constant(.exact(BigRational(lead.coefficient.sign)))
        }
    }
}
