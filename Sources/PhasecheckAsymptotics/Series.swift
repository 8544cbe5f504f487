import PhasecheckNumbers

/// A truncated asymptotic expansion `sum c_i d^(e_i) + O(d^remainder)` in descending exact exponents.
struct Series: Sendable {
    typealias Term = (exponent: Exponent, coefficient: Coefficient)

    /// Nonzero terms, exponents strictly descending, all above `remainder`.
    var terms: [Term]
    /// Nothing is known below d^remainder; nil when the expansion is exact (a finite sum).
    var remainder: Exponent?

    static let zero = Series(terms: [], remainder: nil)
    static func constant(_ c: Coefficient) -> Series { c.isExactZero ? .zero : Series(terms: [(0, c)], remainder: nil) }
    static func monomial(_ c: Coefficient, _ e: Exponent) -> Series { Series(terms: [(e, c)], remainder: nil) }

    var isExactZero: Bool { terms.isEmpty && remainder == nil }
    var lead: Term? { terms.first }
    /// The largest exponent the value can have: the leading one, or the remainder when no term is known.
    var top: Exponent? { terms.first?.exponent ?? remainder }

    /// The coefficient when the series is exactly one constant `c d^0` (its exponent the same at every
    /// point, so that recognising it decides nothing the trace would have to record).
    var constantFactor: Coefficient? {
        guard remainder == nil, terms.count == 1, terms[0].exponent.isConstantZero else { return nil }
        return terms[0].coefficient
    }

    /// The exact rational value, when the series is an exact constant.
    var exactConstant: BigRational? {
        if isExactZero { return 0 }
        guard remainder == nil, terms.count == 1, terms[0].exponent.isZero else { return nil }
        return terms[0].coefficient.exactValue
    }

    func shifted(by e: Exponent, scaledBy c: Coefficient, precision: Int) -> Series {
        Series(terms: terms.map { ($0.exponent + e, Coefficient.multiply($0.coefficient, c, precision: precision)) },
               remainder: remainder.map { $0 + e })
    }
}

/// Series operations at one working precision and truncation depth, counting the cancellations that
/// had to be decided numerically.
final class SeriesArithmetic {
    let precision: Int
    /// Each series keeps terms down to `depth` below its own leading exponent.
    let depth: BigRational
    /// `depth` and `-depth` as exponents, made once (every truncation cuts at one of them).
    private let depthExponent: Exponent, negativeDepthExponent: Exponent
    let maxTerms: Int
    /// Orders kept in a composition `f(1 + u)`, whatever the depth.
    let maxOrder = 400
    private(set) var numericalCancellations = 0
    /// Set when a coefficient depends on the exponents' values (log of d^(e) with e a form in the exponent
    /// symbols has the coefficient e): the expansion then describes its point alone, not a cell of them.
    private(set) var pointDependentCoefficients = false
    /// The most bits lost in one inexact sum that did not cancel completely.
    private(set) var maximumBitsLost = 0
    /// The arguments of the exponentially small terms (exp of an argument tending to -infinity like a power of d) kept only
    /// as a remainder O(d^-depth): where every known term cancels, what is left may be such a term, which no depth shows;
    /// and at a finite d one may still be large (e^(-d^(1/1000)) at d = 10^1000 is e^-10).
    private(set) var droppedExponentials: [Series] = []
    var exponentiallySmall: Bool { !droppedExponentials.isEmpty }
    /// The operands' differences of the max/min decided by a leading term's sign (their winner may take over only at large d).
    private(set) var decidedComparisons: [Series] = []

    init(precision: Int, depth: BigRational, maxTerms: Int = 24) {
        self.precision = precision
        self.depth = depth
        depthExponent = Exponent(depth)
        negativeDepthExponent = Exponent(-depth)
        self.maxTerms = maxTerms
    }

    /// Bits below which an inexact sum of same-order terms counts as a cancellation to zero.
    private var zeroThresholdBits: Int { precision - precision / 8 - 16 }

    /// Sum of two coefficients of the same power; nil when they cancel.
    private func combine(_ a: Coefficient, _ b: Coefficient) -> Coefficient? {
        let s = Coefficient.add(a, b, precision: precision)
        switch s {
        case .small, .big: return s.isExactZero ? nil : s
        case .approximate(let x):
            let scale = Swift.max(a.value(precision: precision).binaryExponent ?? Int.min,
                                  b.value(precision: precision).binaryExponent ?? Int.min)
            if isNumericalZero(x, scale: scale) { return nil }
            maximumBitsLost = Swift.max(maximumBitsLost, scale - x.binaryExponent!)
            return s
        }
    }

    /// Whether an inexact `value` lies so far below `scale` (a binary exponent) that it is the 0 exact arithmetic gives,
    /// counted as a cancellation decided numerically.
    private func isNumericalZero(_ value: BigFloat, scale: Int) -> Bool {
        guard value.isZero || (value.binaryExponent ?? Int.min) < scale - zeroThresholdBits else { return false }
        numericalCancellations += 1
        return true
    }

    /// Drops what lies below the remainder and below the relative depth, and caps the number of terms.
    /// Consumes its argument, so that the caller's series is trimmed in place rather than copied.
    func truncated(_ s: consuming Series) -> Series {
        var r = consume s
        // Terms descend, so those at or below the remainder are a tail: the scan stops at the first.
        if let rem = r.remainder, let i = r.terms.firstIndex(where: { $0.exponent <= rem }) { r.terms.removeSubrange(i...) }
        guard let lead = r.terms.first?.exponent else { return r }
        let cut = lead - depthExponent
        if let i = r.terms.firstIndex(where: { $0.exponent <= cut }) {
            r.remainder = r.terms[i].exponent
            r.terms.removeSubrange(i...)
        }
        if r.terms.count > maxTerms {
            r.remainder = r.terms[maxTerms].exponent
            r.terms.removeSubrange(maxTerms...)
        }
        return r
    }

    private func maxOptional(_ a: Exponent?, _ b: Exponent?) -> Exponent? {
        guard let a else { return b }
        guard let b else { return a }
        return Swift.max(a, b)
    }

    /// `a + b`, truncated to the depth unless `truncating` is false (a max/min keeps its operands' whole difference).
    func add(_ a: Series, _ b: Series, truncating: Bool = true) -> Series {
        var terms: [Series.Term] = []
        var i = 0, j = 0
        terms.reserveCapacity(a.terms.count + b.terms.count)
        while i < a.terms.count || j < b.terms.count {
            // One comparison decides both ways (the second would record the same hyperplane again).
            let order = i == a.terms.count ? -1 : j == b.terms.count ? 1 : Exponent.compare(a.terms[i].exponent, b.terms[j].exponent)
            if order > 0 {
                terms.append(a.terms[i]); i += 1
            } else if order < 0 {
                terms.append(b.terms[j]); j += 1
            } else {
                if let c = combine(a.terms[i].coefficient, b.terms[j].coefficient) {
                    terms.append((a.terms[i].exponent, c))
                }
                i += 1; j += 1
            }
        }
        let sum = Series(terms: terms, remainder: maxOptional(a.remainder, b.remainder))
        return truncating ? truncated(sum) : sum
    }

    func negate(_ a: Series) -> Series {
        Series(terms: a.terms.map { ($0.exponent, $0.coefficient.negated()) }, remainder: a.remainder)
    }

    func multiply(_ a: Series, _ b: Series) -> Series {
        if a.isExactZero || b.isExactZero { return .zero }
        if let c = a.constantFactor { return scaled(b, by: c, constantFirst: true) }
        if let c = b.constantFactor { return scaled(a, by: c, constantFirst: false) }
        var remainder: Exponent? = nil
        if let rb = b.remainder, let ta = a.top { remainder = maxOptional(remainder, ta + rb) }
        if let ra = a.remainder, let tb = b.top { remainder = maxOptional(remainder, tb + ra) }
        var products: [Series.Term] = []
        products.reserveCapacity(a.terms.count * b.terms.count)
        for x in a.terms {
            for y in b.terms {
                let e = x.exponent + y.exponent
                // b's terms descend, so the rest of this row lies at or below the remainder too.
                if let remainder, e <= remainder { break }
                products.append((e, Coefficient.multiply(x.coefficient, y.coefficient, precision: precision)))
            }
        }
        products.sort { $0.exponent > $1.exponent }
        var terms: [Series.Term] = []
        for p in products {
            if let last = terms.last, last.exponent == p.exponent {
                if let c = combine(last.coefficient, p.coefficient) {
                    terms[terms.count - 1].coefficient = c
                } else {
                    terms.removeLast()
                }
            } else {
                terms.append(p)
            }
        }
        return truncated(Series(terms: terms, remainder: remainder))
    }

    /// `multiply` by a constant series `c`: the same terms (their exponents unchanged, the products formed in
    /// the same operand order), without sorting products whose order is already known.
    private func scaled(_ s: Series, by c: Coefficient, constantFirst: Bool) -> Series {
        var terms: [Series.Term] = []
        terms.reserveCapacity(s.terms.count)
        for t in s.terms {
            if let remainder = s.remainder, t.exponent <= remainder { break }
            let product = constantFirst ? Coefficient.multiply(c, t.coefficient, precision: precision)
                                        : Coefficient.multiply(t.coefficient, c, precision: precision)
            terms.append((t.exponent, product))
        }
        return truncated(Series(terms: terms, remainder: s.remainder))
    }

    /// Splits `a = c0 d^e0 (1 + u)` with u -> 0; fails when no term of `a` is known.
    func factorLeading(_ a: Series, _ role: String) throws -> (c0: Coefficient, e0: Exponent, u: Series) {
        guard let (e0, c0) = a.lead else {
            if a.isExactZero { throw ExpansionFailure.unsupported("\(role) of a quantity that is identically zero") }
            throw ExpansionFailure.insufficientDepth("\(role): every known term cancelled")
        }
        let inverse = c0.reciprocal(precision: precision)
        let rest = Series(terms: Array(a.terms.dropFirst()), remainder: a.remainder)
        return (c0, e0, rest.shifted(by: -e0, scaledBy: inverse, precision: precision))
    }

    /// `sum_k coefficient(k) u^k` for u -> 0, to the truncation depth; `lastNonzeroOrder` ends a
    /// terminating series (a polynomial) exactly.
    func compose(_ u: Series, lastNonzeroOrder: Int? = nil, _ coefficient: (Int) throws -> Coefficient) throws -> Series {
        var result = Series.constant(try coefficient(0))
        guard let gap = u.top else { return result }  // u is exactly zero
        precondition(gap.sign < 0, "compose needs a vanishing argument")
        var order = try orders(in: -gap)
        if let last = lastNonzeroOrder { order = Swift.min(order, last) }
        var power = Series.constant(.one)
        for k in stride(from: 1, through: order, by: 1) {
            power = truncatedRelative(multiply(power, u))
            let c = try coefficient(k)
            if c.isExactZero { continue }
            result = add(result, multiply(.constant(c), power))
        }
        // Orders beyond `order` contribute O(u^(order + 1)).
        if lastNonzeroOrder.map({ order < $0 }) ?? true {
            result.remainder = maxOptional(result.remainder, gap.scaled(by: order + 1))
            result = truncated(result)
        }
        if let ru = u.remainder { result.remainder = maxOptional(result.remainder, ru); result = truncated(result) }
        return result
    }

    /// The least number of orders k (at most `maxOrder`) with `k * step >= depth`: how many powers of a
    /// quantity of order d^-step a composition keeps. The estimate in doubles is only a start; the
    /// answer rests on exact comparisons of exponents. A quantity that vanishes only like a power of 1/log d
    /// (its power of d 0) is refused: its powers never fall below d^-depth.
    private func orders(in step: Exponent) throws -> Int {
        guard step.powerSign > 0 else {
            throw ExpansionFailure.unsupported("a composition with an argument that tends to its limit like a power of 1/log d (no expansion in powers of d)")
        }
        let target = depthExponent
        var k = Int(Swift.min((depth / step.value).doubleValue.rounded(.up), Double(maxOrder)).clamped(to: 1...Double(maxOrder)))
        while k > 1 && step.scaled(by: k - 1) >= target { k -= 1 }
        while k < maxOrder && step.scaled(by: k) < target { k += 1 }
        return k
    }

    /// Truncation relative to 1 (exponent 0), for powers of a small quantity.
    private func truncatedRelative(_ s: consuming Series) -> Series {
        var r = consume s
        let cut = negativeDepthExponent
        if let i = r.terms.firstIndex(where: { $0.exponent <= cut }) {
            r.remainder = maxOptional(r.remainder, r.terms[i].exponent)
            r.terms.removeSubrange(i...)
        }
        return r
    }

    func reciprocal(_ a: Series) throws -> Series {
        let (c0, e0, u) = try factorLeading(a, "division")
        let inverse = try compose(u) { .small(SmallRational($0 % 2 == 0 ? 1 : -1, 1)!) }
        return inverse.shifted(by: -e0, scaledBy: c0.reciprocal(precision: precision), precision: precision)
    }

    func divide(_ a: Series, _ b: Series) throws -> Series { multiply(a, try reciprocal(b)) }

    /// `a^q` for a rational q (binomial series around the leading term).
    func power(_ a: Series, _ q: BigRational) throws -> Series {
        if q.isZero { return .constant(.one) }
        if a.isExactZero {
            if q.sign > 0 { return .zero }
            throw ExpansionFailure.unsupported("a negative power of zero")
        }
        let (c0, e0, u) = try factorLeading(a, "power")
        var last: Int? = nil
        if q.isInteger, q.sign > 0, let (n, _) = q.smallParts { last = n }
        var binomial = BigRational(1)
        let series = try compose(u, lastNonzeroOrder: last) { k in
            if k > 0 { binomial = binomial * (q - BigRational(k - 1)) / BigRational(k) }
            return .exact(binomial)
        }
        guard let shift = e0.scaled(by: q) else {
            throw ExpansionFailure.unsupported("the power \(q) of a quantity of order \(e0.order) (a fractional power of log d)")
        }
        return series.shifted(by: shift, scaledBy: try c0.power(q, precision: precision), precision: precision)
    }

    /// Splits `a` into its growing part, its constant term and its vanishing part.
    func splitAtConstant(_ a: Series, _ role: String) throws -> (constant: Coefficient, small: Series) {
        if let lead = a.lead, lead.exponent.sign > 0 {
            let direction = lead.coefficient.sign > 0 ? "+infinity" : "-infinity"
            // exp of it grows or vanishes faster than every power of d: no term c d^e log(d)^k can stand for it.
            let beyond = role != "exp" ? "(not a power of d)"
                : "(it \(lead.coefficient.sign > 0 ? "grows" : "vanishes") faster than every power of d, beyond an expansion in powers of d and log d)"
            throw ExpansionFailure.unsupported("\(role) of an argument tending to \(direction) like \(lead.exponent.order) \(beyond)")
        }
        if let r = a.remainder, r.sign >= 0 {
            throw ExpansionFailure.insufficientDepth("\(role): the argument is not known to o(1)")
        }
        let constant = a.terms.first { $0.exponent.isZero }?.coefficient ?? .exact(0)
        let small = Series(terms: a.terms.filter { $0.exponent.sign < 0 }, remainder: a.remainder)
        return (constant, small)
    }

    /// exp(a) for an argument that tends to a finite limit c, or that grows like q log d for an exact rational q:
    /// exp(q log d + c + s) = d^q e^c exp(s). An argument tending to -infinity like a positive power of d makes exp(a)
    /// smaller than every power of d: 0 with nothing known below d^-depth (`exponentiallySmall` notes it), so that
    /// 1/(1 + e^-d) -> 1 and tanh(d) -> 1 are decided; one tending to +infinity that way is refused.
    func exp(_ a: Series) throws -> Series {
        if let lead = a.lead, lead.coefficient.sign < 0, lead.exponent.powerSign > 0 {
            droppedExponentials.append(a)
            return Series(terms: [], remainder: negativeDepthExponent)
        }
        var argument = a, power: Exponent = 0
        if let lead = a.lead, lead.exponent == .logarithm, let q = lead.coefficient.exactValue {
            argument = Series(terms: Array(a.terms.dropFirst()), remainder: a.remainder)
            power = Exponent(q)
        }
        let (c, s) = try splitAtConstant(argument, "exp")
        var factorial = BigRational(1)
        let series = try compose(s) { k in
            if k > 0 { factorial = factorial * BigRational(k) }
            return .exact(BigRational(1) / factorial)
        }
        let ec: Coefficient = c.isExactZero ? .one : .approximate(BigFloat.exp(c.value(precision: precision)))
        return series.shifted(by: power, scaledBy: ec, precision: precision)
    }

    /// log(c0 d^e0 (1 + u)) = e0 log d + log c0 + log(1 + u), for c0 > 0 and a power e0 of d without a power of
    /// log d (log log d is refused). An e0 that depends on the exponent symbols makes log d's coefficient depend on
    /// the point: the expansion then holds at this point only (`pointDependentCoefficients`).
    func log(_ a: Series) throws -> Series {
        let (c0, e0, u) = try factorLeading(a, "log")
        guard e0.logPower == 0 else {
            throw ExpansionFailure.unsupported("log of a quantity of order \(e0.order) (the expansion would need log(log d))")
        }
        guard c0.sign > 0 else { throw ExpansionFailure.unsupported("log of a quantity tending to a negative limit") }
        var series = try compose(u) { k in k == 0 ? .exact(0) : .exact(BigRational(k % 2 == 1 ? 1 : -1, k)) }
        if c0.exactValue != 1 {
            series = add(.constant(.approximate(BigFloat.log(c0.value(precision: precision)))), series)
        }
        if !e0.isZero {
            if !e0.isConstant { pointDependentCoefficients = true }
            series = add(.monomial(.exact(e0.value), .logarithm), series)
        }
        return series
    }

    /// sin or cos of an argument tending to a finite limit c: sin(c + s) = sin c cos s + cos c sin s.
    func trigonometric(_ a: Series, cosine: Bool) throws -> Series {
        let (c, s) = try splitAtConstant(a, cosine ? "cos" : "sin")
        // Taylor coefficients of cos (even k) and sin (odd k): (+-1)/k!.
        func taylor(odd: Bool) -> (Int) -> Coefficient {
            var factorial = BigRational(1)
            return { k in
                if k > 0 { factorial = factorial * BigRational(k) }
                guard (k % 2 == 1) == odd else { return .exact(0) }
                return .exact(BigRational(k % 4 < 2 ? 1 : -1) / factorial)
            }
        }
        let cosS = try compose(s, taylor(odd: false))
        let sinS = try compose(s, taylor(odd: true))
        if c.isExactZero { return cosine ? cosS : sinS }
        let x = c.value(precision: precision)
        let sc = valueAtInexactConstant(BigFloat.sin(x), of: c), cc = valueAtInexactConstant(BigFloat.cos(x), of: c)
        func times(_ k: Coefficient?, _ series: Series) -> Series { k.map { multiply(.constant($0), series) } ?? .zero }
        return cosine ? add(times(cc, cosS), negate(times(sc, sinS)))
                      : add(times(sc, cosS), times(cc, sinS))
    }

    /// sin or cos at an inexact constant c (pi/2, pi): a value far below c's scale is the 0 the exact c gives
    /// (cos(pi/2) comes out near 10^-77), so it is dropped and counted as a numerical cancellation, as a sum that
    /// cancels is (`combine`); kept, it would lead the expansion (tan(pi/2 - 1/d) read as a constant, not ~ d).
    /// At an exact rational c, sin c and cos c are never 0 (c != 0).
    private func valueAtInexactConstant(_ value: BigFloat, of c: Coefficient) -> Coefficient? {
        guard case .approximate(let x) = c else { return .approximate(value) }
        return isNumericalZero(value, scale: Swift.max(x.binaryExponent ?? 0, 0)) ? nil : .approximate(value)
    }

    /// atan, using atan(x) = atan(c) + atan((x - c)/(1 + c x)) near a finite limit c and
    /// atan(x) = sign(x) pi/2 - atan(1/x) for a growing x.
    func atan(_ a: Series) throws -> Series {
        if let lead = a.lead, lead.exponent.sign > 0 {
            let halfPi = Series.constant(.approximate(BigFloat.pi(precision: precision) / BigFloat(lead.coefficient.sign * 2, precision: precision)))
            return add(halfPi, negate(try atan(try reciprocal(a))))
        }
        let (c, s) = try splitAtConstant(a, "atan")
        let small: Series
        if c.isExactZero {
            small = s
        } else {
            let denominator = add(.constant(.one), multiply(.constant(c), a))
            small = try divide(s, denominator)
        }
        let series = try compose(small) { k in .exact(k % 2 == 0 ? 0 : BigRational(k % 4 == 1 ? 1 : -1, k)) }
        if c.isExactZero { return series }
        return add(.constant(.approximate(BigFloat.atan(c.value(precision: precision)))), series)
    }

    /// erf(a) (or erfc(a)) for an argument with a finite limit c: erf(c + s) = erf(c) + 2/sqrt(pi) e^(-c^2)
    /// sum_(k>=1) (-1)^(k-1) H_(k-1)(c) s^k / k!, with the Hermite polynomials H_0 = 1, H_1 = 2c,
    /// H_(n+1) = 2c H_n - 2n H_(n-1) (d^n/dx^n e^(-x^2) = (-1)^n H_n(x) e^(-x^2)). erfc's constant is computed
    /// directly, so that it keeps its digits where erf(c) is near 1.
    func errorFunction(_ a: Series, complement: Bool) throws -> Series {
        let (c, s) = try splitAtConstant(a, complement ? "erfc" : "erf")
        let x = c.value(precision: precision)
        let scale = BigFloat(complement ? -2 : 2, precision: precision) * BigFloat.exp(-(x * x))
            / BigFloat.sqrt(BigFloat.pi(precision: precision))
        let two = BigFloat(2, precision: precision)
        var hermite = (previous: BigFloat(0, precision: precision), current: BigFloat(1, precision: precision))
        var factorial = BigFloat(1, precision: precision)
        return try compose(s) { k in
            if k == 0 {
                if c.isExactZero { return .exact(complement ? 1 : 0) }
                return .approximate(complement ? BigFloat.erfc(x) : BigFloat.erf(x))
            }
            factorial = factorial * BigFloat(k, precision: precision)
            if k >= 2 {   // H_(k-1) from H_(k-2) and H_(k-3)
                let n = BigFloat(k - 2, precision: precision)
                hermite = (hermite.current, two * x * hermite.current - two * n * hermite.previous)
            }
            let term = scale * hermite.current / factorial
            return .approximate(k % 2 == 1 ? term : -term)
        }
    }

    /// |a|, from the sign of the leading term.
    func absoluteValue(_ a: Series) throws -> Series {
        if a.isExactZero { return a }
        guard let lead = a.lead else { throw ExpansionFailure.insufficientDepth("abs: every known term cancelled") }
        return lead.coefficient.sign < 0 ? negate(a) : a
    }

    /// The larger (or smaller) of two expansions, from the sign of their difference.
    func extremum(_ a: Series, _ b: Series, maximum: Bool) throws -> Series {
        // Untruncated: where the winner takes over depends on every known term (d - 10^2000 is negative until d = 10^2000).
        let difference = add(a, negate(b), truncating: false)
        if difference.isExactZero { return a }
        guard let lead = difference.lead else { throw ExpansionFailure.insufficientDepth("max/min: the two sides agree to every known term") }
        decidedComparisons.append(difference)
        return (lead.coefficient.sign > 0) == maximum ? a : b
    }
}
