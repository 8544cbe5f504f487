import PhasecheckNumbers

/// `base^exponent` in a collected product.
struct Factor {
    var base: Expr
    var exponent: BigRational
}

/// `coefficient * factors[0] * factors[1] * ...`
struct CollectedProduct {
    var coefficient: BigRational
    var factors: [Factor]
}

/// `coefficient * monomial`, where the monomial is a canonical product with coefficient 1 (or an atom).
struct Term {
    var monomial: Expr
    var coefficient: BigRational
}

/// `terms[0] + terms[1] + ... + constant`
struct CollectedSum {
    var constant: BigRational
    var terms: [Term]
}

/// Collecting and rebuilding canonical sums and products (the rules are in `Simplifier`'s documentation).
extension Simplifier {
    /// Adds `k` times the simplified node `e` to a sum being collected.
    mutating func add(_ e: Expr, times k: BigRational, to sum: inout CollectedSum) {
        if let q = e.numberValue {
            sum.constant = sum.constant + k * q
        } else if let inner = sums[ObjectIdentifier(e)] {
            sum.constant = sum.constant + k * inner.constant
            sum.terms += inner.terms.map { Term(monomial: $0.monomial, coefficient: k * $0.coefficient) }
        } else if let product = products[ObjectIdentifier(e)] {
            let monomial = product.coefficient == 1 ? e
                : makeProduct(CollectedProduct(coefficient: 1, factors: product.factors))
            sum.terms.append(Term(monomial: monomial, coefficient: k * product.coefficient))
        } else {
            sum.terms.append(Term(monomial: e, coefficient: k))
        }
    }

    /// Multiplies a product being collected by the simplified node `e` to the power ±1.
    mutating func multiply(_ e: Expr, power sign: Int, into product: inout CollectedProduct) {
        if let q = e.numberValue, sign > 0 || !q.isZero {
            product.coefficient = sign > 0 ? product.coefficient * q : product.coefficient / q
        } else if let inner = products[ObjectIdentifier(e)], sign > 0 || !inner.coefficient.isZero {
            product.coefficient = sign > 0 ? product.coefficient * inner.coefficient : product.coefficient / inner.coefficient
            product.factors += sign > 0 ? inner.factors : inner.factors.map { Factor(base: $0.base, exponent: -$0.exponent) }
        } else {
            // Includes division by a zero literal or by a zero product: kept as the factor 1/e.
            product.factors.append(Factor(base: e, exponent: BigRational(sign)))
        }
    }

    /// Whether two like terms (or two exponents of like factors) may be added: always on the finite-values
    /// domain; otherwise only when both have the same sign, where inf - inf (or 0/0 as x^1 * x^-1) cannot
    /// arise.
    private func mayCombine(_ a: BigRational, _ b: BigRational) -> Bool {
        assumesFiniteValues || (a.sign == b.sign && a.sign != 0)
    }

    /// The canonical node of a collected sum.
    mutating func makeSum(_ sum: CollectedSum) -> Expr {
        let sorted = sum.terms.sorted { a, b in
            let c = CanonicalOrder.compare(a.monomial, b.monomial)
            return c != 0 ? c < 0 : a.coefficient.sign > b.coefficient.sign
        }
        var terms: [Term] = []
        for term in sorted {
            if let last = terms.last, last.monomial === term.monomial, mayCombine(last.coefficient, term.coefficient) {
                terms[terms.count - 1].coefficient = last.coefficient + term.coefficient
            } else {
                terms.append(term)
            }
        }
        if assumesFiniteValues {
            // A cancelled vector term stays as the zero vector 0*u, which keeps the sum's length.
            var kept: [Term] = []
            for term in terms where !term.coefficient.isZero || !shapes.isScalar(term.monomial) { kept.append(term) }
            terms = kept
        }
        guard let first = terms.first else { return .number(sum.constant) }
        if terms.count == 1 && sum.constant.isZero { return node(of: first) }
        var chain = node(of: first)
        for term in terms.dropFirst() {
            chain = term.coefficient.sign < 0
                ? chain - node(of: Term(monomial: term.monomial, coefficient: -term.coefficient))
                : chain + node(of: term)
        }
        if sum.constant.sign > 0 { chain = chain + .number(sum.constant) }
        if sum.constant.sign < 0 { chain = chain - .number(-sum.constant) }
        sums[ObjectIdentifier(chain)] = CollectedSum(constant: sum.constant, terms: terms)
        return chain
    }

    /// `coefficient * monomial` as a canonical product.
    private mutating func node(of term: Term) -> Expr {
        if term.coefficient == 1 { return term.monomial }
        let factors = products[ObjectIdentifier(term.monomial)]?.factors ?? [Factor(base: term.monomial, exponent: 1)]
        return makeProduct(CollectedProduct(coefficient: term.coefficient, factors: factors))
    }

    /// The canonical node of a collected product: `c*a*b^2/(d*e)`, the sign on the first factor
    /// (`-x*exp(-x^2/2)/sqrt(2*pi)`), the denominator of c leading the divisor.
    mutating func makeProduct(_ product: CollectedProduct) -> Expr {
        var product = product
        for i in product.factors.indices {
            // (-s)^n = (-1)^n s^n for an integer n: a sum factor leads with a positive term, so that
            // (a - b)*c and -(b - a)*c collect alike.
            let factor = product.factors[i]
            guard factor.exponent.isInteger, let sum = sums[ObjectIdentifier(factor.base)],
                  let lead = sum.terms.first, lead.coefficient.sign < 0 else { continue }
            product.factors[i].base = makeSum(CollectedSum(constant: -sum.constant, terms: sum.terms.map {
                Term(monomial: $0.monomial, coefficient: -$0.coefficient) }))
            if let (n, _) = factor.exponent.smallParts, n % 2 != 0 { product.coefficient = -product.coefficient }
        }
        let sorted = product.factors.sorted { a, b in
            let c = CanonicalOrder.compare(a.base, b.base)
            return c != 0 ? c < 0 : a.exponent < b.exponent
        }
        var factors: [Factor] = []
        for factor in sorted {
            if let last = factors.last, last.base === factor.base,
               assumesFiniteValues || (mayCombine(last.exponent, factor.exponent) && last.exponent.isInteger && factor.exponent.isInteger) {
                factors[factors.count - 1].exponent = last.exponent + factor.exponent
            } else {
                factors.append(factor)
            }
        }
        // b^0 = 1 for every scalar b, NaN included; for a vector it is the all-ones vector.
        var kept: [Factor] = []
        for factor in factors where !factor.exponent.isZero || !shapes.isScalar(factor.base) { kept.append(factor) }
        factors = kept
        let c = product.coefficient
        if c.isZero && assumesFiniteValues {
            // 0 times finite values is 0; vector factors stay, so that the zero keeps its length.
            var witnesses: [Factor] = []
            for factor in factors where !shapes.isScalar(factor.base) { witnesses.append(factor) }
            factors = witnesses
        }
        if factors.isEmpty { return .number(c) }
        if factors.count == 1 && factors[0].exponent == 1 {
            if c == 1 { return factors[0].base }
            if !c.isZero, let sum = sums[ObjectIdentifier(factors[0].base)] {
                return makeSum(CollectedSum(constant: c * sum.constant,
                                            terms: sum.terms.map { Term(monomial: $0.monomial, coefficient: c * $0.coefficient) }))
            }
        }
        let result = tree(c, factors)
        products[ObjectIdentifier(result)] = CollectedProduct(coefficient: c, factors: factors)
        return result
    }

    /// The printed shape of a canonical product.
    private func tree(_ c: BigRational, _ factors: [Factor]) -> Expr {
        func power(_ base: Expr, _ exponent: BigRational) -> Expr { exponent == 1 ? base : .power(base, .number(exponent)) }
        let (p, q) = Self.fractionParts(c.magnitude)
        var numerator = factors.filter { $0.exponent.sign >= 0 }.map { power($0.base, $0.exponent) }
        if p != 1 || numerator.isEmpty { numerator.insert(.number(p), at: 0) }
        if c.sign < 0 {
            // The sign goes on the first factor that is not a sum: -(a + b) would be read back as -a - b.
            if let i = numerator.firstIndex(where: { Self.role($0) != .sum }) {
                numerator[i] = numerator[i].numberValue.map { .number(-$0) } ?? -numerator[i]
            } else {
                numerator.insert(.number(-1), at: 0)
            }
        }
        var denominator = factors.filter { $0.exponent.sign < 0 }.map { power($0.base, -$0.exponent) }
        if q != 1 { denominator.insert(.number(q), at: 0) }
        let top = numerator.dropFirst().reduce(numerator[0], *)
        guard let first = denominator.first else { return top }
        return top / denominator.dropFirst().reduce(first, *)
    }

    /// Numerator and denominator of a nonnegative rational.
    private static func fractionParts(_ q: BigRational) -> (BigRational, BigRational) {
        let parts = q.description.split(separator: "/")
        guard parts.count == 2, let p = BigRational(String(parts[0])), let d = BigRational(String(parts[1])) else { return (q, 1) }
        return (p, d)
    }
}
