import PhasecheckNumbers

/// The law of one random variable in `expect(integrand, xi ~ law)`.
public enum Distribution: Sendable {
    /// Gaussian with this mean and standard deviation.
    case normal(mean: Expr, standardDeviation: Expr)
    /// +1 or -1 with probability 1/2 each.
    case rademacher
    /// Uniform on [lower, upper].
    case uniform(lower: Expr, upper: Expr)

    /// The laws the language names, with their parameters, for messages.
    public static let syntax = ["normal(mean, sd)", "rademacher", "uniform(a, b)"]

    /// The law's name as files write it: `normal`, `uniform` or `rademacher`.
    public var name: String {
        switch self {
        case .normal: "normal"
        case .uniform: "uniform"
        case .rademacher: "rademacher"
        }
    }

    /// The expressions the law is written with, in the order written (none for `rademacher`).
    public var parameters: [Expr] {
        switch self {
        case .normal(let mean, let standardDeviation): [mean, standardDeviation]
        case .uniform(let lower, let upper): [lower, upper]
        case .rademacher: []
        }
    }

    /// The law named `name` written with `parameters` (as many as it takes: `parameters` of that law); nil for
    /// another name or count.
    public init?(name: String, parameters: [Expr]) {
        switch (name, parameters.count) {
        case ("normal", 2): self = .normal(mean: parameters[0], standardDeviation: parameters[1])
        case ("uniform", 2): self = .uniform(lower: parameters[0], upper: parameters[1])
        case ("rademacher", 0): self = .rademacher
        default: return nil
        }
    }

    /// The same law with `rewrite` applied to each parameter.
    public func mapParameters(_ rewrite: (Expr) -> Expr) -> Distribution {
        Distribution(name: name, parameters: parameters.map(rewrite))!
    }

    /// The law as written with its parameters given as texts (their values at a model's, say): `uniform(0, 1/2)`,
    /// `rademacher`.
    public func text(parameters texts: [String]) -> String {
        texts.isEmpty ? name : "\(name)(\(texts.joined(separator: ", ")))"
    }
}

extension Distribution: CustomStringConvertible {
    /// The law as written: `normal(0, s)`, `uniform(a, b)`, `rademacher`.
    public var description: String { text(parameters: parameters.map { "\($0)" }) }
}

/// Why an integrand has no closed-form expectation (the parser adds where it was written).
public struct ExpectationError: Error, Sendable, Equatable {
    public let message: String
}

/// Expectations rewritten into closed forms when an expression is read, so that every evaluator, the
/// interval arithmetic and the Taylor integrator see an ordinary expression (see docs/derivation-format.md).
///
/// The integrand is first written as a sum of pieces `P(xi) * H(c0 + c1 xi) * exp(e0 + e1 xi)`, either
/// last factor optional, with P a polynomial in xi and H the unit step (H(y) = 1 for y > 0, else 0), or
/// `c * erf(a0 + a1 xi) * exp(e0 + e1 xi)` with c free of xi, using ramp(y) = max(y, 0) = y H(y) and
///
///     max(A, B) = B + ramp(A - B),  min(A, B) = A - ramp(A - B),  abs(A) = 2 ramp(A) - A,
///     sign(A) = 2 H(A) - 1,  H(L)^2 = H(L),  cosh(L) = (exp(L) + exp(-L))/2,  sinh(L) = (exp(L) - exp(-L))/2,
///     erfc(L) = 1 - erf(L)
///
/// (A - B, A and L affine in xi). Each piece then has an exact expectation:
///
/// - normal(mu, s): with xi = mu + s z, z ~ N(0, 1), polynomial pieces use the moments E z^k = (k - 1)!!
///   for even k (Isserlis for one variable). A step piece becomes P(z) H(alpha + beta z); since z and -z have
///   the same law, z = sign(beta) w gives the truncated moments J_k(c) = E[w^k; w > c] at
///   c = -alpha/|beta| (E sign(z + a) = 1 - 2 J_0(-a) = erf(a/sqrt 2)), with J_0 = erfc(c/sqrt 2)/2, J_1 = phi(c), J_k = c^(k-1) phi(c) + (k - 1) J_(k-2)
///   (integration by parts), phi the standard normal density. Where beta may be 0 at the values (a zero slope or s),
///   `Degeneracy` blends in the constant step H(alpha).
///   An exponential factor is absorbed by completing the square: E[h(xi) e^(e0 + e1 xi)] =
///   e^(e0 + e1 mu + e1^2 s^2/2) E[h(xi')] with xi' ~ N(mu + e1 s^2, s). An erf piece has
///   E erf(a0 + a1 xi) = erf((a0 + a1 mu)/sqrt(1 + 2 a1^2 s^2)) (erf(u) = P(w < sqrt 2 u) - P(w < -sqrt 2 u) for
///   w ~ N(0, 1), and sqrt 2 (a0 + a1 xi) - w is normal), so the mean-field drift of a noisy erf unit, whose
///   argument holds the state, is an ordinary expression the integrators take.
/// - uniform(a, b): exact antiderivatives (`antiderivative(of:)`: of P, P e^(e0 + e1 xi), c erf(a0 + a1 xi) and c erf(a0 +
///   a1 xi) e^(e0 + e1 xi)), the step's jump clamped into [a, b].
/// - rademacher: (f(1) + f(-1))/2 for any integrand.
///
/// Several variables are independent unless a later law's parameters name an earlier variable
/// (hierarchical): the expectation is taken over the last variable first.
public enum Expectation {
    /// Largest power of the variable expanded (the moments grow as (k - 1)!!, the expressions as k^2).
    public static let maximumDegree = 64

    /// E over `variables` (independent, or each law conditional on the variables before it) of `integrand`; two
    /// independent normal variables whose kink or function argument combines them are first rotated into one
    /// (`oneVariable`), the last two first, and again with the variable before them while more are left: so
    /// |x1 g1 + x2 g2 + x3 g3| over three normals is E|r u| over one, r = |x| (a Gaussian average of a sample).
    public static func expand(_ integrand: Expr, over variables: [(name: String, law: Distribution)]) throws(ExpectationError) -> Expr {
        let signs = variables.filter { if case .rademacher = $0.law { true } else { false } }.count
        guard signs <= maximumRademacherVariables else {
            throw ExpectationError(message: "the average over \(signs) Rademacher variables sums the integrand over their 2^\(signs) sign patterns; "
                                   + "at most \(maximumRademacherVariables) are summed so (state the moments in closed form, such as E x[i] x[j] = 1 if i = j else 0, "
                                   + "or take the mean over paths with `mean of`)")
        }
        do {
            var e = integrand
            for (name, law) in variables.reversed() { e = try expand(e, over: name, law) }
            return e
        } catch {
            guard variables.count >= 2, let reduced = oneVariable(integrand, over: Array(variables.suffix(2))),
                  let e = try? expand(reduced.integrand, over: variables.dropLast(2) + [(name: reduced.variable, law: reduced.law)])
            else { throw error }
            return e
        }
    }

    /// The most Rademacher variables one expectation sums over exactly: each doubles the integrand ((f(1) + f(-1))/2),
    /// so a vector noise x[d] in a map averaged over its noise would otherwise grow like 2^d.
    public static let maximumRademacherVariables = 12

    /// E over two independent normal variables as an expectation over one: where the integrand's first kink or
    /// function argument that holds both is A = c + a z1 + b z2 (z1, z2 the standardized variables), the rotation
    /// z1 = (a u - b w)/r, z2 = (b u + a w)/r with r = sqrt(a^2 + b^2) keeps u, w independent standard normals and
    /// makes A = c + r u; the expectation over w is then taken exactly (it must be: w left only in polynomials).
    /// So max(xi + eta, 0) or tanh(xi - 2 eta) is a function of one normal variable u (its expectation a closed form
    /// or a one-variable quadrature). Nil when the laws are not two independent normals or no such argument exists or
    /// w is left where it has no closed form (also where a = b = 0, with the integrand then unrotated, see below).
    public static func oneVariable(_ integrand: Expr, over variables: [(name: String, law: Distribution)])
        -> (integrand: Expr, variable: String, law: Distribution)? {
        guard variables.count == 2, case .normal(let m1, let s1) = variables[0].law, case .normal(let m2, let s2) = variables[1].law
        else { return nil }
        let (x, y) = (variables[0].name, variables[1].name)
        guard [m1, s1, m2, s2].allSatisfy({ $0.freeSymbols.isDisjoint(with: [x, y]) }) else { return nil }
        // The variables standardized, keeping their names: x -> m1 + s1 x, y -> m2 + s2 y.
        let standardized = integrand.substituting([x: Terms.sum(m1, Terms.product(s1, .symbol(x))),
                                                   y: Terms.sum(m2, Terms.product(s2, .symbol(y)))])
        // An argument affine in both: c + p z1 + q z2 (nil when it is not).
        func affine(_ argument: Expr) -> (c: Expr, p: Expr, q: Expr)? {
            guard let p = polynomialCoefficients(of: argument, in: x), p.count <= 2, !p.last!.freeSymbols.contains(y),
                  let q = polynomialCoefficients(of: argument, in: y), q.count <= 2, !q.last!.freeSymbols.contains(x) else { return nil }
            return (argument.substituting([x: Terms.zero, y: Terms.zero]), p.count == 2 ? p[1] : Terms.zero, q.count == 2 ? q[1] : Terms.zero)
        }
        func arguments(of node: Expr) -> [Expr] {
            switch node.kind {
            case .function: [node.arguments[0]]
            case .binaryFunction(.min), .binaryFunction(.max): [node.arguments[0] - node.arguments[1]]
            default: []
            }
        }
        let combined = Expr.postorder(from: [standardized]).lazy.flatMap(arguments).compactMap { argument -> (Expr, Expr)? in
            let free = argument.freeSymbols
            guard free.contains(x), free.contains(y), let (_, p, q) = affine(argument) else { return nil }
            return (p, q)
        }.first
        guard let (a, b) = combined else { return nil }
        // r^2 = a^2 + b^2 is 0 where a and b both are (symbolic coefficients at some values): r is divided out as
        // `Degeneracy` does a slope's, and the integrand blended with the unrotated one, its arguments along (a, b)
        // then constant (c); nil when that one has no closed form over y.
        let squaredNorm = Degeneracy(Terms.sum(.power(a, .number(2)), .power(b, .number(2))))
        guard !squaredNorm.isZero else { return nil }
        let r = Expr.call(.sqrt, squaredNorm.safeMagnitude)
        let u = "\(x)+\(y)", w = "\(x)-\(y)"
        // Each function's affine arguments rotated as affine forms, c + ((p a + q b)/r) u + ((q a - p b)/r) w with the
        // coefficients simplified, so that w's vanishes where the argument is along (a, b); x and y elsewhere by substitution.
        // a and b are scalars (r is a standard deviation), so that q a - p b of the argument along (a, b) is 0, not
        // `0*a*b` (which the simplifier keeps for names that could be vectors: w's slope would stay symbolic, and 0).
        let scalars = a.freeSymbols.union(b.freeSymbols)
        func rotated(_ c: Expr, _ p: Expr, _ q: Expr) -> Expr {
            let alongU = Terms.quotient(Terms.sum(Terms.product(p, a), Terms.product(q, b)), r)
                .simplified(assumingFiniteValues: true, scalarSymbols: scalars)
            let alongW = Terms.quotient(Terms.difference(Terms.product(q, a), Terms.product(p, b)), r)
                .simplified(assumingFiniteValues: true, scalarSymbols: scalars)
            return Terms.sum(c, Terms.sum(Terms.product(alongU, .symbol(u)), Terms.product(alongW, .symbol(w))))
        }
        let substitution = [
            x: Terms.quotient(Terms.difference(Terms.product(a, .symbol(u)), Terms.product(b, .symbol(w))), r),
            y: Terms.quotient(Terms.sum(Terms.product(b, .symbol(u)), Terms.product(a, .symbol(w))), r),
        ]
        // The integrand with x and y replaced by `symbols` and each kink or function argument affine in them,
        // c + p x + q y, by `argument(c, p, q)` where that is not nil (min(A, B) = B + min(A - B, 0), max likewise).
        func rewritten(_ symbols: [String: Expr], argument: (Expr, Expr, Expr) -> Expr?) -> Expr {
            var done: [ObjectIdentifier: Expr] = [:]
            for node in Expr.postorder(from: [standardized]) {
                let result: Expr
                if let name = node.symbolName, let replacement = symbols[name] {
                    result = replacement
                } else if case .function = node.kind, let (c, p, q) = affine(node.arguments[0]), let rewrittenArgument = argument(c, p, q) {
                    result = node.rebuilt([rewrittenArgument])
                } else if node.kind == .binaryFunction(.min) || node.kind == .binaryFunction(.max),
                          let (c, p, q) = affine(node.arguments[0] - node.arguments[1]), let difference = argument(c, p, q) {
                    result = done[ObjectIdentifier(node.arguments[1])]! + node.rebuilt([difference, Terms.zero])
                } else {
                    result = node.arguments.isEmpty ? node : node.rebuilt(node.arguments.map { done[ObjectIdentifier($0)]! })
                }
                done[ObjectIdentifier(node)] = result
            }
            return done[ObjectIdentifier(standardized)]!
        }
        let rotatedIntegrand = rewritten(substitution, argument: rotated)
        let unit = Distribution.normal(mean: Terms.zero, standardDeviation: Terms.one)
        guard let overU = try? expand(rotatedIntegrand, over: w, unit), !overU.freeSymbols.contains(w) else { return nil }
        guard !squaredNorm.isNonzeroNumber else { return (overU, u, unit) }
        // Where a = b = 0: x and y as they are (u and w), each argument along (a, b) the constant c.
        let flat = rewritten([x: .symbol(u), y: .symbol(w)]) { c, p, q in p == a && q == b ? c : nil }
        // x and y only inside arguments along (a, b): the rotated integrand is already right where a = b = 0 (those
        // arguments are then c + 0 u + 0 w), so no blend is needed.
        if flat.freeSymbols.isDisjoint(with: [u, w]) { return (overU, u, unit) }
        guard let flatOverU = try? expand(flat, over: w, unit), !flatOverU.freeSymbols.contains(w) else { return nil }
        return (squaredNorm.choosing(overU, orWhereZero: flatOverU), u, unit)
    }

    /// The integrand summed exactly over each Rademacher variable that no other law names ((f(1) + f(-1))/2), and the
    /// variables left: what a quadrature integrates (a finite law needs none).
    public static func summingFiniteLaws(_ integrand: Expr, over variables: [(name: String, law: Distribution)])
        -> (integrand: Expr, variables: [(name: String, law: Distribution)]) {
        let named = Set(variables.flatMap { v -> [String] in
            switch v.law {
            case .normal(let a, let b), .uniform(let a, let b): Array(a.freeSymbols.union(b.freeSymbols))
            case .rademacher: []
            }
        })
        var e = integrand, left: [(name: String, law: Distribution)] = []
        for v in variables {
            if case .rademacher = v.law, !named.contains(v.name) {
                e = (e.substituting([v.name: Terms.one]) + e.substituting([v.name: .number(-1)])) / .number(2)
            } else {
                left.append(v)
            }
        }
        return (e, left)
    }

    /// E over `variable ~ law` of `integrand`.
    public static func expand(_ integrand: Expr, over variable: String, _ law: Distribution) throws(ExpectationError) -> Expr {
        if !integrand.freeSymbols.contains(variable) { return integrand }
        switch law {
        case .rademacher:
            let plus = integrand.substituting([variable: Terms.one])
            let minus = integrand.substituting([variable: .number(-1)])
            return (plus + minus) / .number(2)
        case .normal(let mean, let sd):
            var reader = PiecewiseReader(variable: variable)
            return try reader.pieces(of: integrand).map { normalExpectation(of: $0, mean: mean, sd: sd) }.sumOfTerms
        case .uniform(let a, let b):
            // The signed width b - a in its canonical form, where bounds that differ by terms that cancel ((m + dd) - m)
            // leave only what is left (dd): at inexact values (m = 1/3) the interval enclosure of the width as written
            // straddles 0 at every precision, so its sign, which the blend below needs, could never be certified 0.
            let difference = canonicalForm(Terms.difference(b, a))
            // Bounds equal as functions (the same bound twice) give the point mass there, whatever its value.
            if difference.numberValue?.isZero == true { return integrand.substituting([variable: a]) }
            // Bounds whose order is not known when read (numbers are checked then) are ordered at the values: at a > b the
            // law on [b, a], as the quadrature takes it, not a jump clamped into an empty interval.
            // `length` is the width upper - lower, never negative.
            let (lower, upper, length): (Expr, Expr, Expr) = switch difference.numberValue?.sign {
            case 1?: (a, b, difference)
            case (-1)?: (b, a, Terms.negation(difference))
            default: (Expr.call(.min, a, b), Expr.call(.max, a, b), Expr.call(.abs, difference))
            }
            var reader = PiecewiseReader(variable: variable)
            let pieces = try reader.pieces(of: integrand)
            try requireConditioned(pieces, width: length)
            // A polynomial piece's mean needs no antiderivative: (A(b) - A(a))/(b - a) cancels where the law is narrow
            // (over U(1, 1 + 10^-20) it lent a comparison the scale 10^20, and E xi^2 == 1 + 10^-12 held).
            let isPolynomial = { (piece: Piece) in piece.step == nil && piece.atom == nil && piece.erf == nil && (piece.exponential?.slope.isZeroLiteral ?? true) }
            let means = pieces.filter(isPolynomial).map { Terms.product($0.constantFactor, polynomialMean($0.polynomial, from: lower, to: upper)) }
            let others = pieces.filter { !isPolynomial($0) }
            guard !others.isEmpty else { return means.sumOfTerms }
            // Width 0 is the point mass at a = b (the polynomial means above are already its values there), taken at a as
            // written, not at min(a, b), so that a jump there met through terms that cancel is seen (sign(xi - m) at m).
            let width = Degeneracy(length)
            let atPoint = width.isNonzeroNumber ? Terms.zero : others.map { $0.value(at: a) }.sumOfTerms
            if width.isZero { return Terms.sum(means.sumOfTerms, atPoint) }
            let integrals = others.map { integral(of: $0, from: lower, to: upper) }
            let mean = Terms.quotient(Terms.product(integrals.sumOfTerms, width.sign), width.safeMagnitude)
            return Terms.sum(means.sumOfTerms, width.choosing(mean, orWhereZero: atPoint))
        }
    }

    // MARK: Gaussian

    static func normalExpectation(of piece: Piece, mean: Expr, sd: Expr) -> Expr {
        if let exponential = piece.exponential {
            let variance = Expr.power(sd, .number(2))
            let shift = Terms.product(exponential.slope, variance)
            let scale = Expr.call(.exp, Terms.sum(Terms.sum(exponential.constant, Terms.product(exponential.slope, mean)),
                                                  Terms.product(shift, exponential.slope) / .number(2)))
            let rest = Piece(polynomial: piece.polynomial, step: piece.step, atom: piece.atom, erf: piece.erf)
            return Terms.product(scale, normalExpectation(of: rest, mean: Terms.sum(mean, shift), sd: sd))
        }
        if let erf = piece.erf {
            // The reader keeps P a constant and no step beside an erf.
            let shifted = Terms.sum(erf.constant, Terms.product(erf.slope, mean))
            let spread = Expr.call(.sqrt, Terms.sum(Terms.one, Terms.product(.number(2), .power(Terms.product(erf.slope, sd), .number(2)))))
            return Terms.product(piece.polynomial.coefficients[0], .call(.erf, shifted / spread))
        }
        // P(mu + s z) as a polynomial in z.
        let p = piece.polynomial.composed(withAffine: Polynomial([mean, sd]))
        let moments = (0..<p.coefficients.count).map { k in
            k % 2 == 1 ? Terms.zero : Expr.number(doubleFactorial(k - 1))
        }
        if let atom = piece.atom {
            // [alpha + beta z = 0] has probability 0 unless beta = 0; then it is the constant [alpha = 0].
            let flat = Terms.product(zeroIndicator(Terms.sum(atom.constant, Terms.product(atom.slope, mean))), p.dot(moments))
            let slope = Degeneracy(Terms.product(atom.slope, sd))
            return slope.isZero ? flat : slope.choosing(Terms.zero, orWhereZero: flat)
        }
        guard let step = piece.step else { return p.dot(moments) }
        let alpha = Terms.sum(step.constant, Terms.product(step.slope, mean))
        let beta = Terms.product(step.slope, sd)
        // With beta = 0 (a zero slope or sd at the values) the step is the constant H(alpha): E P H(alpha).
        let flat = Terms.product(unitStep(alpha), p.dot(moments))
        let slope = Degeneracy(beta)
        if slope.isZero { return flat }
        let c = Terms.negation(alpha) / slope.safeMagnitude
        let j = truncatedMoments(at: c, through: p.degree)
        // sum_k p_k sign^k J_k, with sign^2 = 1.
        let signed = p.coefficients.enumerated().map { k, pk in k % 2 == 1 ? Terms.product(pk, slope.sign) : pk }
        return slope.choosing(Polynomial(signed).dot(j), orWhereZero: flat)
    }

    /// H(x) = (1 + sign(x))/2, the unit step as the language writes it (H(0) = 1/2, since sign(0) = 0).
    /// x is taken in its canonical form, as `Degeneracy` takes a slope: a jump met exactly at the values through terms
    /// that cancel (-m + m, the step at the mean of a point mass) is then at a number or at what is left.
    static func unitStep(_ written: Expr) -> Expr {
        let x = canonicalForm(written)
        if let q = x.numberValue { return .number(q.isZero ? BigRational(1, 2) : BigRational(q.sign > 0 ? 1 : 0)) }
        return Terms.sum(Terms.one, .call(.sign, x)) / .number(2)
    }

    /// J_0 ... J_n with J_k = E[w^k; w > c] for w ~ N(0, 1).
    static func truncatedMoments(at c: Expr, through n: Int) -> [Expr] {
        let two = Expr.number(2)
        let density = Expr.call(.exp, -(Expr.power(c, two) / two)) / .call(.sqrt, two * .symbol(ReservedSymbols.pi))
        var j = [Expr.call(.erfc, c / .call(.sqrt, two)) / two, density]
        while j.count <= n {
            let k = j.count
            let boundary = Terms.product(k == 2 ? c : .power(c, .number(k - 1)), density)
            j.append(Terms.sum(boundary, Terms.product(.number(k - 1), j[k - 2])))
        }
        return j
    }

    /// A width, slope or jump argument in the form whose sign the evaluators can decide where it is 0 through terms that
    /// cancel: simplified (the value wherever the written form is finite), and a rational function of the parameters
    /// written expanded when that is small (m (1 + dd) - m is m dd, 0 at dd = 0 whatever m).
    static func canonicalForm(_ written: Expr) -> Expr {
        let simplified = written.simplified(assumingFiniteValues: true)
        if simplified.numberValue != nil { return simplified }
        return ExactIdentity.expandedRationalForm(simplified, maximumTerms: 16) ?? simplified
    }

    /// [x = 0]: 1 where x is 0, else 0 (a number when x simplifies to one; x in its canonical form, as in `unitStep`).
    static func zeroIndicator(_ written: Expr) -> Expr {
        let x = canonicalForm(written)
        if let q = x.numberValue { return q.isZero ? Terms.one : Terms.zero }
        return Terms.difference(Terms.one, .power(.call(.sign, x), .number(2)))
    }

    /// A step's slope in a closed form built for every value of the parameters, where the form divides by the slope: a
    /// slope that is a nonzero number is used as it is; one that is 0 at some values (`a*xi` at a = 0, a zero standard
    /// deviation, `a - a^2` at a = 1) is divided out as |slope| + 1 - sign(slope)^2, never 0, and the form blended with
    /// the constant case by sign(slope)^2 (1, or 0 where the slope is), so that the closed form has the step's value at
    /// every parameter value and no division by 0 of the tool's own making.
    struct Degeneracy {
        /// Whether the slope is the number 0 (only the constant case is built).
        let isZero: Bool
        /// Whether the slope is a number other than 0 (only the generic case is built).
        var isNonzeroNumber: Bool { indicator == nil && !isZero }
        /// A divisor equal to |slope| wherever the slope is not 0 (1 where it is).
        let safeMagnitude: Expr
        /// sign(slope), the number itself when known.
        let sign: Expr
        /// sign(slope)^2; nil when the slope is a nonzero number (it is 1).
        private let indicator: Expr?

        init(_ written: Expr) {
            // The slope in its canonical form: a slope 0 through terms that cancel ((m + dd) - m at dd = 0, m = 1/3) is then
            // the remainder (dd), whose enclosure is exactly 0 there; as written it straddles 0 at every precision and
            // neither its sign nor the divisor below is ever certified. Agrees with the slope wherever that is finite.
            let slope = canonicalForm(written)
            if let q = slope.numberValue {
                isZero = q.isZero
                safeMagnitude = .number(q.isZero ? BigRational(1) : q.magnitude)
                sign = .number(BigRational(q.sign))
                indicator = nil
            } else {
                isZero = false
                sign = .call(.sign, slope)
                let indicator = Expr.power(sign, .number(2))
                safeMagnitude = Terms.sum(.call(.abs, slope), Terms.difference(Terms.one, indicator))
                self.indicator = indicator
            }
        }

        /// `generic` where the slope is not 0, `flat` where it is.
        func choosing(_ generic: Expr, orWhereZero flat: Expr) -> Expr {
            guard let indicator else { return generic }
            return Terms.sum(Terms.product(indicator, generic), Terms.product(Terms.difference(Terms.one, indicator), flat))
        }
    }

    static func doubleFactorial(_ n: Int) -> BigRational {
        stride(from: n, to: 1, by: -2).reduce(BigRational(1)) { $0 * BigRational($1) }
    }

    // MARK: Uniform

    /// E P over U(a, b) without a division by b - a: E xi^k = (a^k + a^(k-1) b + ... + b^k)/(k + 1).
    static func polynomialMean(_ p: Polynomial, from a: Expr, to b: Expr) -> Expr {
        p.coefficients.enumerated().map { k, c -> Expr in
            let powers = (0...k).map { j -> Expr in
                let left = j == 0 ? Terms.one : j == 1 ? a : Expr.power(a, .number(j))
                let right = k - j == 0 ? Terms.one : k - j == 1 ? b : Expr.power(b, .number(k - j))
                return Terms.product(left, right)
            }
            return Terms.product(c, Terms.quotient(powers.sumOfTerms, .number(k + 1)))
        }.sumOfTerms
    }

    /// The antiderivatives of exp and erf pieces over [a, b] are differences of terms of size 1/e1^(k+1) (and 1/a1):
    /// where e1 (b - a) or a1 (b - a) is small those terms cancel, and a comparison judged against the scale of
    /// what cancelled would accept wrong values (x^3 e^(c x) over [0, 1] with c = 10^-20 held `== 1`). So they are
    /// used only where the slopes and the width are numbers with |slope| (b - a) >= 1, when the terms stay within a
    /// factor of the polynomial's degree of the integral; otherwise the integrand goes to the certified quadrature.
    static func requireConditioned(_ pieces: [Piece], width: Expr) throws(ExpectationError) {
        let w = width.simplified().numberValue
        for piece in pieces {
            let slopes = [piece.exponential?.slope, piece.erf?.slope].compactMap { $0 }.filter { !$0.isZeroLiteral }
            for slope in slopes {
                guard let c = slope.numberValue, let w, (c * w).magnitude >= BigRational(1) else {
                    throw ExpectationError(message: "no closed form used for exp or erf of `\(slope)` times the variable over a uniform law unless that slope "
                                           + "and the law's width are numbers whose product is at least 1 in size (the antiderivative's terms would cancel)")
                }
            }
        }
    }

    /// The integral of the piece over [a, b] (the step's jump x0 = -c0/c1 clamped into [a, b]).
    static func integral(of piece: Piece, from a: Expr, to b: Expr) -> Expr {
        let antiderivative = self.antiderivative(of: piece)
        let whole = Terms.difference(antiderivative(b), antiderivative(a))
        if let atom = piece.atom {
            // [c0 + c1 x = 0] is a null set of [a, b] unless c1 = 0; then it is the constant [c0 = 0].
            let flat = Terms.product(zeroIndicator(atom.constant), whole)
            let slope = Degeneracy(atom.slope)
            return slope.isZero ? flat : slope.choosing(Terms.zero, orWhereZero: flat)
        }
        guard let step = piece.step else { return whole }
        // A zero slope c1 at the values leaves the constant step H(c0) over all of [a, b].
        let flat = Terms.product(unitStep(step.constant), whole)
        let slope = Degeneracy(step.slope)
        if slope.isZero { return flat }
        let kink = Terms.quotient(Terms.product(Terms.negation(step.constant), slope.sign), slope.safeMagnitude)
        let clamped = Expr.call(.max, a, .call(.min, b, kink))
        let atKink = antiderivative(clamped)
        // The step is 1 right of the jump for c1 > 0 and left of it for c1 < 0.
        let half = Expr.number(BigRational(1, 2))
        let right = Terms.difference(antiderivative(b), atKink)
        let left = Terms.difference(atKink, antiderivative(a))
        return slope.choosing((half + half * slope.sign) * right + (half - half * slope.sign) * left, orWhereZero: flat)
    }

    /// An antiderivative in the variable of the piece without its step, as a function of where it is taken:
    ///
    /// - P(x) e^(e0 + e1 x): e^(e0 + e1 x) sum_k (-1)^k P^(k)(x)/e1^(k+1) (integration by parts; e1 = 0 at some
    ///   parameter values would give NaN there: `requireConditioned` admits numbers only);
    /// - c erf(a0 + a1 x), u = a0 + a1 x: c (u erf(u) + e^(-u^2)/sqrt(pi))/a1;
    /// - c erf(a0 + a1 x) e^(e0 + e1 x): c (e^(e0 + e1 x) erf(u) - e^(e0 + e1^2/(4 a1^2) - e1 a0/a1) erf(u - e1/(2 a1)))/e1, since
    ///   e^(e1 x) e^(-u^2) = e^(-(u - e1/(2 a1))^2 + e1^2/(4 a1^2) - e1 a0/a1).
    static func antiderivative(of piece: Piece) -> (Expr) -> Expr {
        let p = piece.polynomial
        guard let exponential = piece.exponential, !exponential.slope.isZeroLiteral else {
            let factor = piece.constantFactor
            guard let erf = piece.erf else { return { x in Terms.product(factor, p.antiderivative.value(at: x)) } }
            // The reader keeps P a constant beside an erf.
            return { x in
                let u = Terms.sum(erf.constant, Terms.product(erf.slope, x))
                let primitive = Terms.sum(Terms.product(u, .call(.erf, u)),
                                          Expr.call(.exp, Terms.negation(.power(u, .number(2)))) / .call(.sqrt, .symbol(ReservedSymbols.pi)))
                return Terms.product(Terms.product(factor, p.coefficients[0]), Terms.quotient(primitive, erf.slope))
            }
        }
        let (e0, e1) = (exponential.constant, exponential.slope)
        if let erf = piece.erf {
            let (a0, a1) = (erf.constant, erf.slope)
            let shift = Terms.quotient(e1, Terms.product(.number(2), a1))
            let scale = Expr.call(.exp, Terms.sum(Terms.sum(e0, Terms.product(shift, shift)), Terms.negation(Terms.quotient(Terms.product(e1, a0), a1))))
            return { x in
                let u = Terms.sum(a0, Terms.product(a1, x))
                let value = Terms.difference(Terms.product(.call(.exp, Terms.sum(e0, Terms.product(e1, x))), .call(.erf, u)),
                                             Terms.product(scale, .call(.erf, Terms.difference(u, shift))))
                return Terms.product(p.coefficients[0], Terms.quotient(value, e1))
            }
        }
        // sum_k (-1)^k P^(k) / e1^(k+1), the derivatives of P taken on its coefficients.
        var derivative = p, terms: [Polynomial] = []
        for k in 0...p.degree {
            let scale = Terms.quotient(k % 2 == 0 ? Terms.one : .number(-1), k == 0 ? e1 : .power(e1, .number(k + 1)))
            terms.append(derivative.scaled(scale))
            derivative = Polynomial(derivative.coefficients.enumerated().dropFirst().map { j, c in Terms.product(.number(j), c) })
            if derivative.coefficients.isEmpty { break }
        }
        let sum = terms.reduce(Polynomial([Terms.zero])) { $0.adding($1) }
        return { x in Terms.product(.call(.exp, Terms.sum(e0, Terms.product(e1, x))), sum.value(at: x)) }
    }
}

// MARK: The piecewise-polynomial form of an integrand

/// `sum_k coefficients[k] xi^k`, the coefficients free of xi.
struct Polynomial {
    var coefficients: [Expr]

    init(_ coefficients: [Expr]) { self.coefficients = coefficients }

    var degree: Int { coefficients.count - 1 }

    func adding(_ other: Polynomial) -> Polynomial {
        let n = Swift.max(coefficients.count, other.coefficients.count)
        return Polynomial((0..<n).map { k in
            Terms.sum(k < coefficients.count ? coefficients[k] : Terms.zero,
                      k < other.coefficients.count ? other.coefficients[k] : Terms.zero)
        })
    }

    func scaled(_ c: Expr) -> Polynomial { Polynomial(coefficients.map { Terms.product(c, $0) }) }
    func divided(by d: Expr) -> Polynomial { Polynomial(coefficients.map { Terms.quotient($0, d) }) }
    var negated: Polynomial { Polynomial(coefficients.map(Terms.negation)) }

    func multiplied(by other: Polynomial) -> Polynomial {
        var product = [Expr](repeating: Terms.zero, count: coefficients.count + other.coefficients.count - 1)
        for (i, a) in coefficients.enumerated() {
            for (j, b) in other.coefficients.enumerated() { product[i + j] = Terms.sum(product[i + j], Terms.product(a, b)) }
        }
        return Polynomial(product)
    }

    /// P(q(z)) by Horner's scheme.
    func composed(withAffine q: Polynomial) -> Polynomial {
        var result = Polynomial([Terms.zero])
        for c in coefficients.reversed() { result = result.multiplied(by: q).adding(Polynomial([c])) }
        return result
    }

    /// sum_k coefficients[k] * values[k].
    func dot(_ values: [Expr]) -> Expr {
        zip(coefficients, values).map { Terms.product($0, $1) }.sumOfTerms
    }

    var antiderivative: Polynomial {
        Polynomial([Terms.zero] + coefficients.enumerated().map { k, c in Terms.quotient(c, .number(k + 1)) })
    }

    func value(at x: Expr) -> Expr {
        coefficients.reversed().reduce(Terms.zero) { Terms.sum(Terms.product($0, x), $1) }
    }
}

/// `constant + slope xi` (the argument of a step or an exponential), its coefficients simplified so that
/// equal functions compare equal.
struct Affine: Hashable {
    let constant: Expr
    let slope: Expr
}

/// `polynomial(xi) * H(step) * exp(exponential)` (H the unit step), the last two factors optional, or `c * erf(erf) *
/// exp(exponential)` (an erf factor has a constant polynomial and no step).
struct Piece {
    var polynomial: Polynomial
    var step: Affine? = nil
    /// [atom = 0]: 1 where the affine function is exactly 0, else 0 (never beside a step). What the products of steps
    /// leave at the jump, where H(0) = 1/2 (sign(0) = 0): H(L)^2 = H(L) - [L = 0]/4 and H(L) H(-L) = [L = 0]/4. A null
    /// set, unless the slope is 0 at the values (or the law a point mass), when it is the constant [L = 0].
    var atom: Affine? = nil
    var exponential: Affine? = nil
    var erf: Affine? = nil

    /// Whether the piece is a bare polynomial (no step, atom, exponential or erf factor).
    var isBarePolynomial: Bool { step == nil && atom == nil && exponential == nil && erf == nil }

    /// The integrand's piece at the point x (H(0) = 1/2): what a point mass at x gives it.
    func value(at x: Expr) -> Expr {
        var factors = [polynomial.value(at: x)]
        func at(_ f: Affine) -> Expr { Terms.sum(f.constant, Terms.product(f.slope, x)) }
        if let step { factors.append(Expectation.unitStep(at(step))) }
        if let atom { factors.append(Expectation.zeroIndicator(at(atom))) }
        if let exponential { factors.append(.call(.exp, at(exponential))) }
        if let erf { factors.append(.call(.erf, at(erf))) }
        return factors.dropFirst().reduce(factors[0], Terms.product)
    }

    /// e^(e0) of an exponential whose slope is 0 (its factor free of the variable), 1 without one.
    var constantFactor: Expr { exponential.map { Expr.call(.exp, $0.constant) } ?? Terms.one }

    /// The same factors with another polynomial.
    func with(_ polynomial: Polynomial) -> Piece { Piece(polynomial: polynomial, step: step, atom: atom, exponential: exponential, erf: erf) }
}

/// Writes an integrand as a sum of pieces (see `Expectation`), or says which part has no such form.
struct PiecewiseReader {
    let variable: String
    private var memo: [ObjectIdentifier: [Piece]] = [:]
    private var involves: [ObjectIdentifier: Bool] = [:]

    init(variable: String) { self.variable = variable }

    /// The pieces of `e`, like factors merged.
    mutating func pieces(of e: Expr) throws(ExpectationError) -> [Piece] { try read(e) }

    /// Pieces with the same step and exponential added (so that a long sum keeps few pieces).
    private func merged(_ pieces: [Piece]) -> [Piece] {
        var merged: [Piece] = []
        for piece in pieces {
            if let i = merged.firstIndex(where: { $0.step == piece.step && $0.atom == piece.atom && $0.exponential == piece.exponential && $0.erf == piece.erf }) {
                merged[i].polynomial = merged[i].polynomial.adding(piece.polynomial)
            } else {
                merged.append(piece)
            }
        }
        return merged
    }

    /// The pieces of every node below `e` that involves the variable, in `Expr.postorder` (so that `rule` finds
    /// its arguments' pieces in the memo and nothing recurses once per level: a nested expectation is a sum
    /// chain as long as its number of terms).
    private mutating func read(_ e: Expr) throws(ExpectationError) -> [Piece] {
        if !involvesVariable(e) { return constant(e) }
        if let done = memo[ObjectIdentifier(e)] { return done }
        let pending = Expr.postorder(from: [e]) { memo[ObjectIdentifier($0)] != nil || involves[ObjectIdentifier($0)] == false }
        for node in pending { memo[ObjectIdentifier(node)] = try rule(node) }
        return memo[ObjectIdentifier(e)]!
    }

    /// Whether `e` involves the variable, found for every node below it in one pass (a walk of each node's
    /// subtree would be quadratic in the size of a nested expectation).
    private mutating func involvesVariable(_ e: Expr) -> Bool {
        if let known = involves[ObjectIdentifier(e)] { return known }
        for node in Expr.postorder(from: [e], skipping: { involves[ObjectIdentifier($0)] != nil }) {
            involves[ObjectIdentifier(node)] = node.symbolName == variable || node.arguments.contains { involves[ObjectIdentifier($0)]! }
        }
        return involves[ObjectIdentifier(e)]!
    }

    private func constant(_ e: Expr) -> [Piece] { [Piece(polynomial: Polynomial([e]))] }

    private mutating func rule(_ e: Expr) throws(ExpectationError) -> [Piece] {
        if !involvesVariable(e) { return constant(e) }
        let args = e.arguments
        switch e.kind {
        case .symbol:
            return [Piece(polynomial: Polynomial([Terms.zero, Terms.one]))]
        case .add:
            return merged(try read(args[0]) + read(args[1]))
        case .subtract:
            return merged(try read(args[0]) + negated(read(args[1])))
        case .negate:
            return negated(try read(args[0]))
        case .multiply:
            return try product(read(args[0]), read(args[1]), e)
        case .divide:
            guard !involvesVariable(args[1]) else {
                throw unsupported(e, "it divides by an expression in `\(variable)`")
            }
            return try read(args[0]).map { $0.with($0.polynomial.divided(by: args[1])) }
        case .power, .binaryFunction(.pow):
            guard let q = args[1].numberValue, q.isInteger, let (n, _) = q.smallParts, n >= 0,
                  n <= Expectation.maximumDegree else {
                throw unsupported(e, "a power of `\(variable)` must have an integer exponent from 0 to \(Expectation.maximumDegree)")
            }
            let base = try read(args[0])
            var result = constant(Terms.one)
            for _ in 0..<n { result = try product(result, base, e) }
            return result
        case .binaryFunction(.max), .binaryFunction(.min):
            // max(A, B) = B + ramp(A - B), min(A, B) = A - ramp(A - B).
            let ramp = try rampPieces(args[0] - args[1], in: e)
            return e.kind == .binaryFunction(.max) ? try read(args[1]) + ramp : try read(args[0]) + negated(ramp)
        case .function(.abs):
            // abs(A) = 2 ramp(A) - A.
            let ramp = try rampPieces(args[0], in: e)
            return ramp.map { $0.with($0.polynomial.scaled(.number(2))) } + negated(try read(args[0]))
        case .function(.sign):
            // sign(A) = 2 H(A) - 1.
            guard let jump = try affine(args[0]) else {
                throw unsupported(e, "its jump is where `\(args[0])` changes sign, which is not affine in `\(variable)`")
            }
            if jump.slope.isZeroLiteral { return constant(.call(.sign, jump.constant)) }
            return merged([Piece(polynomial: Polynomial([.number(2)]), step: jump)] + negated(constant(Terms.one)))
        case .function(.exp), .function(.sinh), .function(.cosh):
            guard let exponent = try affine(args[0]) else {
                throw unsupported(e, "the exponent `\(args[0])` is not affine in `\(variable)`")
            }
            let up = Piece(polynomial: Polynomial([Terms.one]), exponential: exponent)
            if e.kind == .function(.exp) { return [up] }
            let half = Expr.number(BigRational(1, 2))
            let down = Affine(constant: Terms.negation(exponent.constant).simplified(), slope: Terms.negation(exponent.slope).simplified())
            let sign = e.kind == .function(.cosh) ? half : Terms.negation(half)
            return [up.with(Polynomial([half])), Piece(polynomial: Polynomial([sign]), exponential: down)]
        case .function(.erf), .function(.erfc):
            guard let argument = try affine(args[0]) else {
                throw unsupported(e, "the argument `\(args[0])` of erf is not affine in `\(variable)`")
            }
            let erf = Piece(polynomial: Polynomial([Terms.one]), erf: argument)
            return e.kind == .function(.erf) ? [erf] : merged(constant(Terms.one) + negated([erf]))
        default:
            throw unsupported(e, "only polynomials, max, min, abs of affine functions, exp, sinh, cosh of affine "
                              + "functions and erf, erfc of an affine function (times constants and exp) of `\(variable)` have closed forms")
        }
    }

    /// The coefficients of `argument` when it is affine in the variable (nil otherwise): every piece a bare
    /// polynomial, since a step, exp or erf piece keeps its factor outside the polynomial.
    private mutating func affine(_ argument: Expr) throws(ExpectationError) -> Affine? {
        let pieces = try read(argument)
        let linear = pieces.reduce(Polynomial([Terms.zero])) { $0.adding($1.polynomial) }
        guard pieces.allSatisfy(\.isBarePolynomial), linear.degree <= 1 else { return nil }
        // Simplified on finite values, so that a slope that cancels (w's in a rotated kink, `oneVariable`) is the literal 0.
        return Affine(constant: linear.coefficients[0].simplified(assumingFiniteValues: true),
                      slope: linear.degree == 1 ? linear.coefficients[1].simplified(assumingFiniteValues: true) : Terms.zero)
    }

    /// ramp(L) = L H(L) for L affine in the variable (a constant when L does not involve it).
    private mutating func rampPieces(_ argument: Expr, in e: Expr) throws(ExpectationError) -> [Piece] {
        guard let ramp = try affine(argument) else {
            throw unsupported(e, "its kink is where `\(argument)` changes sign, which is not affine in `\(variable)`; "
                              + "write a dead zone as max(z - a, 0) + min(z + b, 0)")
        }
        if ramp.slope.isZeroLiteral { return constant(.call(.max, ramp.constant, Terms.zero)) }
        return [Piece(polynomial: Polynomial([ramp.constant, ramp.slope]), step: ramp)]
    }

    private func negated(_ pieces: [Piece]) -> [Piece] {
        pieces.map { $0.with($0.polynomial.negated) }
    }

    /// The product of two sums of pieces; H(L)^2 = H(L), two different steps have no closed form here.
    private func product(_ a: [Piece], _ b: [Piece], _ e: Expr) throws(ExpectationError) -> [Piece] {
        var result: [Piece] = []
        for x in a {
            for y in b {
                let polynomial = x.polynomial.multiplied(by: y.polynomial)
                guard polynomial.degree <= Expectation.maximumDegree else {
                    throw unsupported(e, "its degree in `\(variable)` exceeds \(Expectation.maximumDegree)")
                }
                // E[xi erf(a0 + a1 xi)] and the like have closed forms too, but the reader keeps to c erf(L) exp(M).
                let erf: Affine?
                switch (x.erf, y.erf) {
                case (nil, nil): erf = nil
                case (let f?, nil), (nil, let f?):
                    guard x.step == nil, y.step == nil, x.atom == nil, y.atom == nil else {
                        throw unsupported(e, "erf of `\(variable)` times a step or kink has no closed form in the language's functions "
                                          + "(E[erf(a0 + a1 xi); xi > c] is a bivariate normal probability, Owen's T function)")
                    }
                    guard polynomial.degree == 0 else {
                        throw unsupported(e, "erf of `\(variable)` has a closed form alone or times constants and exp of an affine function only "
                                          + "(times a power of the variable it is smooth: it is taken by quadrature)")
                    }
                    erf = f
                default:
                    throw unsupported(e, "it multiplies two erf factors of `\(variable)`")
                }
                // exp(L) exp(M) = exp(L + M).
                let exponential: Affine?
                switch (x.exponential, y.exponential) {
                case (nil, let f), (let f, nil): exponential = f
                case (let f?, let g?):
                    exponential = Affine(constant: Terms.sum(f.constant, g.constant).simplified(),
                                         slope: Terms.sum(f.slope, g.slope).simplified())
                }
                // (An erf piece has no step or atom, and one beside a step was refused above.)
                for (sign, step, atom) in try indicatorProduct(x, y, e) {
                    result.append(Piece(polynomial: polynomial.scaled(sign), step: step, atom: atom, exponential: exponential, erf: erf))
                }
            }
        }
        return result
    }

    /// The step or atom factors of the product of two pieces, as signed single factors.
    private func indicatorProduct(_ x: Piece, _ y: Piece, _ e: Expr) throws(ExpectationError) -> [(sign: Expr, step: Affine?, atom: Affine?)] {
        func same(_ r: Affine, _ s: Affine) -> Bool { r == s || isOpposite(r, s) }
        switch (x.step, x.atom, y.step, y.atom) {
        case (nil, nil, let step, let atom), (let step, let atom, nil, nil): return [(Terms.one, step, atom)]
        case (let r?, nil, let s?, nil): return try stepProduct(r, s, e)
        // [L = 0] H(+-L) = [L = 0]/2 and [L = 0]^2 = [L = 0].
        case (nil, let a?, let s?, nil) where same(a, s), (let s?, nil, nil, let a?) where same(a, s): return [(.number(BigRational(1, 2)), nil, a)]
        case (nil, let a?, nil, let b?) where same(a, b): return [(Terms.one, nil, a)]
        default: throw unsupported(e, "it multiplies the products of steps at different places of `\(variable)` with further steps")
        }
    }

    private func isOpposite(_ r: Affine, _ s: Affine) -> Bool {
        Terms.negation(r.constant).simplified() == s.constant.simplified() && Terms.negation(r.slope).simplified() == s.slope.simplified()
    }

    /// H(L1) H(L2) as signed single steps and atoms, exactly (H(0) = 1/2): equal steps give H(L1) - [L1 = 0]/4, opposite
    /// ones, H(L) H(-L), give [L = 0]/4 (the atoms are null sets unless the slope is 0 at the values or the law a point
    /// mass; a Rademacher expectation substitutes its values, where `sign(0) = 0` holds as written). Otherwise, with
    /// x_i = -c_i/s_i the jumps, slopes of known signs give H(xi - max(x1, x2)) (both rising), H(min(x1, x2) - xi)
    /// (both falling), or the window x1 < xi < x2 of a rising and a falling step as H(xi - x1) - H(xi - max(x1, x2)),
    /// each corrected by -+[xi = x1]/4 where the jumps coincide (there the product is 1/4, the single step 1/2 or 0).
    private func stepProduct(_ r: Affine, _ s: Affine, _ e: Expr) throws(ExpectationError) -> [(sign: Expr, step: Affine?, atom: Affine?)] {
        let quarter = Expr.number(BigRational(1, 4))
        if r == s { return [(Terms.one, r, nil), (Terms.negation(quarter), nil, r)] }
        if isOpposite(r, s) { return [(quarter, nil, r)] }
        guard let p = r.slope.numberValue, let q = s.slope.numberValue, !p.isZero, !q.isZero else {
            throw unsupported(e, "it multiplies two kinks at different places whose slopes in `\(variable)` are not numbers, so which side of each is kept is not known")
        }
        let jumpR = Terms.quotient(Terms.negation(r.constant), r.slope), jumpS = Terms.quotient(Terms.negation(s.constant), s.slope)
        func rising(at x: Expr) -> Affine { Affine(constant: Terms.negation(x).simplified(), slope: Terms.one) }
        let single: [(sign: Expr, step: Affine?, atom: Affine?)]
        switch (p.sign > 0, q.sign > 0) {
        case (true, true): single = [(Terms.one, rising(at: .call(.max, jumpR, jumpS)), nil)]
        case (false, false):
            single = [(Terms.one, Affine(constant: Expr.call(.min, jumpR, jumpS).simplified(), slope: .number(-1)), nil)]
        case (true, false): single = [(Terms.one, rising(at: jumpR.simplified()), nil), (.number(-1), rising(at: .call(.max, jumpR, jumpS)), nil)]
        case (false, true): single = [(Terms.one, rising(at: jumpS.simplified()), nil), (.number(-1), rising(at: .call(.max, jumpS, jumpR)), nil)]
        }
        let coincide = Expectation.zeroIndicator(Terms.difference(jumpR, jumpS))
        if coincide.isZeroLiteral { return single }
        let correction = Terms.product(p.sign == q.sign ? Terms.negation(quarter) : quarter, coincide)
        return single + [(correction, nil, rising(at: jumpR.simplified()))]
    }

    private func unsupported(_ e: Expr, _ reason: String) -> ExpectationError {
        ExpectationError(message: "no closed-form expectation over `\(variable)` of `\(e)`: \(reason)")
    }
}

extension Array where Element == Expr {
    /// The sum, zero terms dropped.
    var sumOfTerms: Expr { reduce(Terms.zero, Terms.sum) }
}

// MARK: The integrand at infinity

extension Expectation {
    /// The coefficients (lowest first) of `e` as a polynomial in `variable`, or nil when it is not one.
    public static func polynomialCoefficients(of e: Expr, in variable: String) -> [Expr]? {
        var reader = PiecewiseReader(variable: variable)
        guard let pieces = try? reader.pieces(of: e),
              pieces.allSatisfy(\.isBarePolynomial) else { return nil }
        return pieces.reduce(Polynomial([Terms.zero])) { $0.adding($1.polynomial) }.coefficients
    }

    /// `e` with every largest polynomial in `variable` of degree n >= 1 written as z^n (a_n + a_(n-1) w + ... + a_0 w^n),
    /// w = 1/z the symbol `reciprocal`: the same function for z != 0, but its interval extension over z in [L, inf)
    /// (w in [0, 1/L]) sees the leading term dominate. So exp(-z^4/4 + z^2) over [L, inf), whose naive enclosure is
    /// exp(-inf + inf), is enclosed in [0, exp(L^4 (-1/4 + 1/L^2))]: the bound of a tail where the top power wins.
    public static func factoredAtInfinity(_ e: Expr, variable: String, reciprocal: String) -> Expr {
        var done: [ObjectIdentifier: Expr] = [:]
        for node in Expr.postorder(from: [e]) {
            guard node.freeSymbols.contains(variable) else { done[ObjectIdentifier(node)] = node; continue }
            if let p = polynomialCoefficients(of: node, in: variable), p.count >= 2 {
                let n = p.count - 1, w = Expr.symbol(reciprocal)
                let bracket = p.enumerated().map { k, a in n == k ? a : Terms.product(a, .power(w, .number(n - k))) }.sumOfTerms
                done[ObjectIdentifier(node)] = Terms.product(n == 1 ? .symbol(variable) : .power(.symbol(variable), .number(n)), bracket)
            } else {
                done[ObjectIdentifier(node)] = node.rebuilt(node.arguments.map { done[ObjectIdentifier($0)]! })
            }
        }
        return done[ObjectIdentifier(e)]!
    }
}
