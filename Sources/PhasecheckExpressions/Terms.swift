import PhasecheckNumbers

/// Term constructors for the differentiator that drop identity elements (`x + 0`, `1*x`) and absorbing
/// zeros (`0*x`). Dropping identities is exact for every value, NaN and infinities included; `0*x -> 0` is
/// exact only for finite x (0*inf is NaN), which the differentiator assumes (a derivative at a point where
/// a subexpression is infinite is undefined anyway).
enum Terms {
    static let zero = Expr.number(0)
    static let one = Expr.number(1)

    static func sum(_ a: Expr, _ b: Expr) -> Expr {
        if a === zero { return b }
        if b === zero { return a }
        return a + b
    }

    static func difference(_ a: Expr, _ b: Expr) -> Expr {
        if b === zero { return a }
        if a === zero { return negation(b) }
        return a - b
    }

    static func product(_ a: Expr, _ b: Expr) -> Expr {
        if a === zero || b === zero { return zero }
        if a === one { return b }
        if b === one { return a }
        return a * b
    }

    static func quotient(_ a: Expr, _ b: Expr) -> Expr {
        if a === zero { return zero }
        if b === one { return a }
        return a / b
    }

    /// `-x`, with `-(-x) = x` and `-0 = 0` (exact, up to the sign of zero).
    static func negation(_ a: Expr) -> Expr {
        if a === zero { return zero }
        if a.kind == .negate { return a.arguments[0] }
        return -a
    }
}
