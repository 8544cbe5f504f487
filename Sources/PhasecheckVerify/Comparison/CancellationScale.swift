import PhasecheckExpressions
import PhasecheckNumbers

/// The scale against which a comparison whose true value may be 0 is judged: the size of what was
/// combined to make it, so that `sinh(k)^2 - cosh(k)^2 + 1 == 0` agrees to 30 digits when the left side
/// is below 10^-30 times cosh(k)^2, the largest term that cancelled.
///
/// The scale of an expression is the value it would have if no term cancelled: sums and differences add
/// the scales of their terms, products multiply them, a quotient divides its numerator's scale by |denominator|,
/// a positive integer power raises its base's scale to it, vectors and matrices work componentwise (`dot`,
/// `sum`, `norm`, `u[i]`, `@`, `transpose`, `trace` too), `abs` takes its argument's scale, `min` and `max` the
/// smaller of their arguments' scales (or their value, if larger), but the larger at their kink, where the
/// arguments agree to the digits asked (then the value is either argument's, to those digits: a ReLU
/// `max(x - 1, 0)` at x = 1 is judged against the scale of x - 1, not of 0); a function f whose derivative is
/// finite everywhere (exp, sin, tanh, erf, ...), where its value is 0 to the digits asked, has |f(a)| + |f'(a)| S(a),
/// the most that the error of its argument's terms can move it (its condition), so `sin(n*pi)` is judged against
/// n pi; `expm(A)` likewise expm(S(A)) (its series term by term); a symbol in `leafScales` has the scale given there (a smooth expectation's, which is an integral:
/// a sum); any other node (a function, a symbol, a number) is a leaf whose scale is its magnitude. It is at
/// least |E| (the triangle inequality), and equal to it when nothing cancels, so for sums without
/// cancellation the rule is the usual relative one. This is the condition number of the sum, as in
/// Higham, Accuracy and Stability of Numerical Algorithms, section 4.2.
enum CancellationScale {
    /// - Parameter digits: the digits asked, which say when the arguments of min and max agree (their kink).
    /// - Parameter leafScales: scales of symbols that are not leaves of magnitude |value|, by name.
    static func of(_ e: Expr, digits: Int, leafScales: [String: Expr] = [:]) -> Expr {
        let resolution = Expr.number(BigRational(10).power(digits))
        // Children before parents, without recursion: a flat sum of 10^6 terms is a tree 10^6 deep.
        var memo: [ObjectIdentifier: Expr] = [:]
        func scale(_ e: Expr) -> Expr { memo[ObjectIdentifier(e)]! }
        for e in Expr.postorder(from: [e]) {
            let a = e.arguments
            let result: Expr
            switch e.kind {
            case .add, .subtract: result = scale(a[0]) + scale(a[1])
            case .negate: result = scale(a[0])
            case .multiply: result = scale(a[0]) * scale(a[1])
            case .divide: result = scale(a[0]) / Expr.call(.abs, a[1])
            case .power:
                if let n = a[1].numberValue, n.isInteger, n.sign > 0 { result = Expr.power(scale(a[0]), a[1]) } else { result = Expr.call(.abs, e) }
            case .vector: result = Expr.vector(a.map(scale))
            // A leaf's scale is its magnitude, so dot(|u|, |u|) = |dot(u, u)|: said so, the value's own register serves,
            // not a second pass over the components (3 x 10^6 instructions for a state of width 10^6).
            case .dot where a[0] === a[1] && scale(a[0]) === Expr.call(.abs, a[0]): result = Expr.call(.abs, e)
            case .dot: result = Expr.dot(scale(a[0]), scale(a[1]))
            case .sum: result = Expr.sum(scale(a[0]))
            // |x| <= |scale(x)| entry by entry, so the norm is at most the norm of the scales.
            case .norm: result = scale(a[0]) === Expr.call(.abs, a[0]) ? e : Expr.norm(scale(a[0]))
            case .index, .row, .column: result = e.rebuilt([scale(a[0])] + a.dropFirst())
            // Linear and bilinear matrix operations: the same operation on the scales (|A| |B| for A B).
            case .matmul, .outer: result = e.rebuilt([scale(a[0]), scale(a[1])])
            case .transpose, .trace, .diag: result = e.rebuilt([scale(a[0])])
            // |a| is a's size up to sign. min and max select one argument: without knowing which, the smaller
            // of the two scales (never more than the selected one's), and at least the value.
            case .function(.abs): result = scale(a[0])
            case .binaryFunction(.min), .binaryFunction(.max):
                let (first, second) = (scale(a[0]), scale(a[1]))
                // The larger scale, less |a - b| 10^digits: falls to 0 (so to the smaller scale) once the
                // arguments differ at the digits asked, and a continuous expression, so intervals enclose it.
                let atKink = Expr.call(.max, Expr.call(.max, first, second) - Expr.call(.abs, a[0] - a[1]) * resolution, .number(0))
                result = Expr.call(.max, Expr.call(.max, Expr.call(.abs, e), Expr.call(.min, first, second)), atKink)
            // At a value 0 to the digits asked (against its condition): |f(a)| + |f'(a)| S(a), falling to |f(a)| once
            // |f(a)| exceeds 10^-digits of the condition term, continuously (as at a kink), so that where nothing
            // cancels the scale stays the value's own.
            case .function(let f) where conditioned.contains(f):
                let condition = Expr.call(.abs, Differentiator.derivative(of: f, at: a[0])) * scale(a[0])
                result = Expr.call(.abs, e) + Expr.call(.max, condition - Expr.call(.abs, e) * resolution, .number(0))
            // `expm` keeps its value as its scale: expm(S(A)) bounds its series with no term cancelled, but not what
            // an error in A's terms does to it (for A = -50 I that bound is e^50 against a value e^-50, and every
            // small wrong value would hold as 0); a sound condition needs A's logarithmic norm.
            case .symbol(let name) where leafScales[name] != nil: result = leafScales[name]!
            case .number(let q): result = Expr.number(q.sign < 0 ? -q : q)
            default: result = Expr.call(.abs, e)
            }
            memo[ObjectIdentifier(e)] = result
        }
        return scale(e)
    }

    /// Functions whose derivative is finite on the whole real line, so that |f'(a)| S(a) bounds what a's error can
    /// do to f(a) (sqrt, log, tan, asin, ... have poles in their derivative, where that bound says nothing).
    static let conditioned: Set<ElementaryFunction> = [.exp, .expm1, .sin, .cos, .sinh, .cosh, .tanh, .atan, .asinh, .erf, .erfc]
}
