import PhasecheckNumbers

/// A rigorous enclosure of `E f(xi)` for an integrand without a closed form (tanh, erf, a sigmoid of a Gaussian
/// or uniform variable): `Expectation` rewrites polynomials, kinks and exponentials exactly; this covers
/// smooth integrands by interval Taylor quadrature.
///
/// The variable is standardized, xi = mean + sd z with z ~ N(0, 1), or xi = a + (b - a) w with w uniform on
/// [0, 1], and F(z) = f(xi(z)) with its derivatives F', ..., F^(K) (symbolic, compiled to one tape) is
/// integrated against the density rho(z) (phi(z), or 1 on [0, 1]):
///
/// - on |z| >= L (normal only), the integral lies in `enclosure of F over [L, inf)` times Q(L) = erfc(L/sqrt 2)/2,
///   and likewise on the left: the tail is bounded only when the integrand's enclosure there is (a bounded
///   integrand: tanh, erf, sigmoids, sin; an integrand that grows, such as exp(xi) tanh(xi), has no bound);
/// - on [-L, L] (or [0, 1]), on pieces [c - h, c + h]: g = F rho has the Taylor expansion
///   g(c + u) = sum_(j < K) g^(j)(c) u^j/j! + g^(K)(eta) u^K/K! (K = 8), so, K being even (u^K >= 0),
///   the piece's integral lies in sum_(even j < K) g^(j)(c) 2h^(j+1)/(j+1)! + g^(K)([c - h, c + h]) 2h^(K+1)/(K+1)!,
///   every term in interval arithmetic: g^(j) = sum_i C(j, i) F^(i) (-1)^(j-i) He_(j-i) phi (Leibniz, with
///   phi^(k) = (-1)^k He_k phi for the Hermite polynomials He_k). A piece whose remainder is wider than its
///   share of the tolerance is halved, up to `maximumPieces`.
///
/// The enclosure always holds the exact value; when it is wider than the tolerance asked, `shortfall` says why.
public struct NumericalExpectation: Sendable {
    public let integrand: Expr
    public let variable: String
    public let law: Distribution
    /// Taylor order of the pieces (even: the remainder's weight u^K does not change sign).
    public static let order = 8
    /// Pieces examined at most per enclosure (each costs two evaluations of the derivatives' tape).
    public static let maximumPieces = 3000

    /// Outputs: F, F', ..., F^(K) in the standardized variable, then the law's two parameters.
    let tape: Tape

    /// Compiles the integrand's derivatives over `inputs` (the symbols the integrand and the law's parameters
    /// may use besides the variable), which `enclosure` then takes in this order.
    public init(integrand: Expr, variable: String, law: Distribution,
                inputs: [(name: String, shape: Shape)]) throws {
        self.integrand = integrand
        self.variable = variable
        self.law = law
        let z = Expr.symbol(variable)
        let standardized: Expr
        let parameters: [Expr]
        switch law {
        case .normal(let mean, let sd):
            standardized = mean + sd * z
            parameters = [mean, sd]
        case .uniform(let a, let b):
            standardized = a + (b - a) * z
            parameters = [a, b]
        case .rademacher:
            preconditionFailure("a Rademacher expectation is always exact")
        }
        var derivatives = [integrand.substituting([variable: standardized])]
        var differentiator = Differentiator(variable: variable)
        for _ in 0..<Self.order { derivatives.append(try differentiator.derivative(of: derivatives.last!)) }
        tape = try Tape(compiling: derivatives + parameters, inputs: inputs + [(name: variable, shape: Shape.scalar)])
    }

    /// An enclosure of the expectation and, when it may be wider than about 2^-(bits - 48), why.
    public struct Result: Sendable {
        public let value: BigInterval
        public let shortfall: String?
    }

    /// The enclosure at `bits` of precision, the inputs given as enclosures in the order of `init`.
    public func enclosure(inputs: [BigInterval], bits: Int) -> Result {
        let context = IntervalContext(precision: bits)
        var quadrature = Quadrature(evaluator: TapeEvaluator(tape: tape, context: context), inputs: inputs,
                                    context: context, order: Self.order)
        let tolerance = BigRational(1, 2).power(Swift.max(bits - 48, 8))
        var value: BigInterval
        var shortfall: String? = nil
        switch law {
        case .normal:
            // e^(-L^2/2) <= tolerance.
            let lnTolerance = -Double(Swift.max(bits - 48, 8)) * 0.6931471805599453
            let L = Int((2 * -lnTolerance).squareRoot().rounded(.up))
            let (tail, tailShortfall) = quadrature.tails(beyond: L)
            if let tailShortfall { return Result(value: tail, shortfall: tailShortfall) }
            value = tail
            let (inner, innerShortfall) = quadrature.integral(from: BigRational(-L), to: BigRational(L),
                                                             pieces: 2 * L, tolerance: tolerance, gaussian: true)
            value = value + inner
            shortfall = innerShortfall
        case .uniform:
            (value, shortfall) = quadrature.integral(from: 0, to: 1, pieces: 1, tolerance: tolerance, gaussian: false)
        case .rademacher:
            preconditionFailure("a Rademacher expectation is always exact")
        }
        if shortfall == nil, !value.isFinite { shortfall = "the integrand is not finite everywhere on its domain" }
        return Result(value: value, shortfall: shortfall)
    }
}

/// The interval arithmetic of one enclosure.
private struct Quadrature {
    var evaluator: TapeEvaluator<IntervalContext>
    let inputs: [BigInterval]
    let context: IntervalContext
    let order: Int

    /// F, ..., F^(K) at z (an enclosure of their ranges when z is an interval).
    mutating func derivatives(at z: BigInterval) -> [BigInterval] {
        let outputs = evaluator.evaluate(inputs + [z])
        return outputs[0...order].map { $0[0] }
    }

    func point(_ q: BigRational) -> BigInterval { context.constant(q) }

    func hull(_ a: BigRational, _ b: BigRational) -> BigInterval {
        BigInterval(lower: BigFloat(a, precision: context.precision, rounding: .down),
                    upper: BigFloat(b, precision: context.precision, rounding: .up))
    }

    /// The integral over |z| >= L against phi, and why it is unbounded if it is.
    mutating func tails(beyond L: Int) -> (BigInterval, String?) {
        let infinity = BigFloat.infinity(precision: context.precision)
        let right = BigInterval(lower: BigFloat(L, precision: context.precision), upper: infinity)
        let left = BigInterval(lower: BigFloat.infinity(precision: context.precision, negative: true),
                               upper: BigFloat(-L, precision: context.precision))
        let range = derivatives(at: right)[0] + derivatives(at: left)[0]
        let mass = BigInterval.erfc(point(BigRational(L)) / BigInterval.sqrt(point(2))) / point(2)
        guard range.isFinite else {
            return (BigInterval.entire(precision: context.precision),
                    "the integrand has no finite bound on the tails |z| >= \(L) of the standardized variable, so the tails' share cannot be bounded")
        }
        return (range * mass, nil)
    }

    /// The integral over [a, b] of F (times phi when `gaussian`), starting from `pieces` equal pieces.
    mutating func integral(from a: BigRational, to b: BigRational, pieces: Int, tolerance: BigRational,
                           gaussian: Bool) -> (BigInterval, String?) {
        let perLength = tolerance / (b - a)
        var stack = (0..<pieces).reversed().map { k in
            (a + (b - a) * BigRational(k, pieces), a + (b - a) * BigRational(k + 1, pieces))
        }
        var total = point(0)
        var examined = 0
        var shortfall: String? = nil
        while let (lo, hi) = stack.popLast() {
            examined += 1
            let c = (lo + hi) / 2, h = (hi - lo) / 2
            let (central, remainder) = piece(center: c, halfWidth: h, box: hull(lo, hi), gaussian: gaussian)
            let allowed = BigFloat(perLength * (hi - lo), precision: 64)
            if examined + stack.count >= NumericalExpectation.maximumPieces {
                if shortfall == nil {
                    shortfall = "the quadrature stopped at \(NumericalExpectation.maximumPieces) pieces, its remainder still wider than the tolerance near z = \(c.doubleValue)"
                }
            } else if !(remainder.isFinite && remainder.width <= allowed) {
                stack.append((c, hi))
                stack.append((lo, c))
                continue
            }
            total = total + central + remainder
        }
        return (total, shortfall)
    }

    /// The Taylor part and the remainder of the integral over [c - h, c + h].
    mutating func piece(center c: BigRational, halfWidth h: BigRational, box: BigInterval,
                        gaussian: Bool) -> (BigInterval, BigInterval) {
        let atCenter = weighted(derivatives(at: point(c)), at: point(c), gaussian: gaussian, through: order - 1)
        var central = point(0)
        var factorial = BigRational(1)   // (j + 1)!
        var hPower = h                   // h^(j + 1)
        for j in 0..<order {
            factorial = factorial * BigRational(j + 1)
            if j % 2 == 0 { central = central + atCenter[j] * point(2 * hPower / factorial) }
            hPower = hPower * h
        }
        factorial = factorial * BigRational(order + 1)
        let top = weighted(derivatives(at: box), at: box, gaussian: gaussian, through: order)[order]
        return (central, top * point(2 * hPower / factorial))
    }

    /// g^(j) = (F phi)^(j) for j = 0 ... n by Leibniz's rule (or F^(j) itself without the Gaussian weight).
    func weighted(_ F: [BigInterval], at z: BigInterval, gaussian: Bool, through n: Int) -> [BigInterval] {
        guard gaussian else { return Array(F[0...n]) }
        // He_0 ... He_n at z, and phi(z).
        var hermite = [point(1), z]
        while hermite.count <= n { hermite.append(z * hermite[hermite.count - 1] - point(BigRational(hermite.count - 1)) * hermite[hermite.count - 2]) }
        let phi = BigInterval.exp(-(BigInterval.pow(z, 2) / point(2))) / BigInterval.sqrt(point(2) * context.pi)
        var binomial = [BigRational(1)]
        return (0...n).map { j in
            if j > 0 { binomial = [1] + (1..<j).map { binomial[$0 - 1] + binomial[$0] } + [1] }
            var sum = point(0)
            for i in 0...j {
                let term = F[i] * hermite[j - i] * point(binomial[i])
                sum = (j - i) % 2 == 0 ? sum + term : sum - term
            }
            return sum * phi
        }
    }
}

/// An expectation without a closed form, as an `expectation` claim's reader keeps it (see
/// `ExpressionParser.deferredExpectations`): the claim's expression holds the symbol `symbol` in its place.
public struct DeferredExpectation: Sendable {
    public let index: Int
    public let integrand: Expr
    public let variable: String
    public let law: Distribution

    public init(index: Int, integrand: Expr, variable: String, law: Distribution) {
        self.index = index
        self.integrand = integrand
        self.variable = variable
        self.law = law
    }

    /// The same expectation with `rewrite` applied to its integrand and its law's parameters (a `let`'s
    /// expansion, say).
    public func mapExpressions(_ rewrite: (Expr) -> Expr) -> DeferredExpectation {
        let rewritten: Distribution = switch law {
        case .normal(let mean, let sd): .normal(mean: rewrite(mean), standardDeviation: rewrite(sd))
        case .uniform(let a, let b): .uniform(lower: rewrite(a), upper: rewrite(b))
        case .rademacher: .rademacher
        }
        return DeferredExpectation(index: index, integrand: rewrite(integrand), variable: variable, law: rewritten)
    }

    /// The law's parameters.
    public var lawParameters: [Expr] {
        switch law {
        case .normal(let mean, let sd): [mean, sd]
        case .uniform(let a, let b): [a, b]
        case .rademacher: []
        }
    }

    /// A name no file can write (`#` is not a character of names).
    public var symbol: String { "expect#\(index + 1)" }

    /// The integrand at the law's centre, which has the names and shape the expectation has: what the file's
    /// reader checks in place of the expectation.
    public var representative: Expr {
        switch law {
        case .normal(let mean, _): integrand.substituting([variable: mean])
        case .uniform(let a, let b): integrand.substituting([variable: (a + b) / .number(2)])
        case .rademacher: integrand.substituting([variable: Terms.one])
        }
    }
}
