import PhasecheckExpressions
import PhasecheckNumbers

/// A kink's or jump's switching argument s(z) (`Expr.switchingArgument`) written as c0 + c1 z or c0 + c1 z + c2 z^2 in
/// the quadratures' variable z, its coefficients free of z: the quadratures split the line where s vanishes, so that
/// every piece lies on one branch. Degree 2 takes the multiplicative factor of SGD on least squares, |1 - eta z^2|,
/// whose kinks sit at z = +-1/sqrt(eta).
struct KinkPolynomial {
    /// c0, c1 and, for a quadratic, c2.
    let coefficients: [Expr]

    /// Nil when `argument` is not a polynomial of degree at most 2 in `variable` (its second derivative still holds it).
    init?(_ argument: Expr, variable: String) throws {
        func simplified(_ e: Expr) -> Expr { e.simplified(assumingFiniteValues: true, scalarSymbols: [variable]) }
        func atZero(_ e: Expr) -> Expr { e.substituting([variable: .number(0)]) }
        let first = simplified(try argument.derivative(withRespectTo: variable))
        guard first.freeSymbols.contains(variable) else {
            coefficients = [atZero(argument), first]
            return
        }
        let second = simplified(try first.derivative(withRespectTo: variable))
        guard !second.freeSymbols.contains(variable) else { return nil }
        coefficients = [atZero(argument), atZero(first), second / .number(2)]
    }

    /// Enclosures of the real zeros of c0 + c1 z (+ c2 z^2), from enclosures of its coefficients (every zero lies in
    /// one of them; a double root, or two roots the enclosures cannot tell apart, share one), or why there are none
    /// to give: a slope or square coefficient that may be 0 while the argument may vanish (it may switch anywhere).
    static func places(_ c: [BigInterval]) -> (places: [BigInterval], failure: String?) {
        func nonzero(_ x: BigInterval) -> Bool { x.lower.sign > 0 || x.upper.sign < 0 }
        if c.count == 2 {
            if nonzero(c[1]) { return ([-c[0] / c[1]], nil) }
            if nonzero(c[0]) { return ([], nil) }   // constant and away from 0: no switch
            return ([], "a kink or jump of the integrand may switch on the whole line (its slope in the variable may be 0)")
        }
        guard nonzero(c[2]) else {
            return ([], "a kink or jump of the integrand switches where a quadratic in the variable vanishes, and its square's coefficient may be 0")
        }
        let precision = c[2].precision
        let four = BigInterval(BigRational(4), precision: precision), two = BigInterval(BigRational(2), precision: precision)
        let discriminant = c[1] * c[1] - four * c[2] * c[0]
        if discriminant.upper.sign < 0 { return ([], nil) }   // no real zero: the argument keeps one sign
        let zero = BigFloat(0, precision: precision)
        let root = BigInterval.apply(.sqrt, BigInterval(lower: discriminant.lower.sign > 0 ? discriminant.lower : zero, upper: discriminant.upper))
        let (left, right) = ((-c[1] - root) / (two * c[2]), (-c[1] + root) / (two * c[2]))
        if discriminant.lower.sign > 0 { return ([left, right], nil) }
        return ([BigInterval(lower: Swift.min(left.lower, right.lower), upper: Swift.max(left.upper, right.upper))], nil)
    }
}
