import Foundation
import PhasecheckExpressions
import PhasecheckNumbers

/// The roots of a monic polynomial with interval coefficients (a Jacobian's eigenvalues), each enclosed
/// and proved simple. Real roots are the zeros of p on the real line within Cauchy's and Fujiwara's bounds; complex ones,
/// a + ib with b > 0 (their conjugates are the others), the zeros of (Re p(a + ib), Im p(a + ib) / b), both
/// found by `ZeroSearch`. Dividing by b removes the line b = 0, where Im p vanishes for every real a.
public struct Spectrum: Sendable {
    public var real: [BigInterval]
    /// One of each conjugate pair: the root with positive imaginary part.
    public var complex: [(re: BigInterval, im: BigInterval)]
    /// Whether every root was found: the real ones plus twice the complex ones make the degree. Otherwise a
    /// root is multiple (not simple), or the search ran out of boxes.
    public var isComplete: Bool

    /// - Parameter coefficients: ascending powers, the last one 1.
    public init(coefficients c: [BigInterval], context: IntervalContext) throws {
        try self.init(coefficients: c, context: context, lowestRealPart: nil)
    }

    /// How many roots have a positive real part, counted with the searches confined to the closed right
    /// half-plane: nil unless each is isolated (simple) with its enclosure strictly right of the imaginary axis
    /// and nothing else there is left undecided. A multiple root elsewhere, such as the triple -lam at the origin
    /// of a deep network with weight decay, is then never searched, where the whole spectrum cannot be complete.
    public static func countWithPositiveRealPart(coefficients c: [BigInterval], context: IntervalContext) throws -> Int? {
        let zero = BigFloat(0, precision: context.precision)
        let right = try Spectrum(coefficients: c, context: context, lowestRealPart: zero)
        guard right.isComplete, right.real.allSatisfy({ $0.lower > zero }), right.complex.allSatisfy({ $0.re.lower > zero }) else { return nil }
        return right.real.count + 2 * right.complex.count
    }

    /// - Parameter lowestRealPart: where the searches start on the real axis (nil: at minus the roots' bound);
    ///   above that, `isComplete` says only that every root right of it was isolated.
    init(coefficients c: [BigInterval], context: IntervalContext, lowestRealPart: BigFloat?) throws {
        let n = c.count - 1
        let names = (0...n).map { "c\($0)" }
        // Cauchy's bound: every root has |x| <= 1 + max |c_k| (k < n).
        var bound = context.constant(1)
        for k in 0..<n { bound = BigInterval.max(bound, context.constant(1) + BigInterval(c[k].magnitudeUpper)) }
        let b = BigFloat.min(bound.upper, Self.fujiwaraBound(c, precision: context.precision))
        let x = Expr.symbol("x"), re = Expr.symbol("re"), im = Expr.symbol("im")
        var realPart = Expr.number(0), imaginaryOverIm = Expr.number(0)
        for k in 0...n {
            let ck = Expr.symbol(names[k])
            // (a + ib)^k = sum_j C(k, j) a^(k-j) (ib)^j: even j real, odd j imaginary (sign (-1)^(j div 2)).
            for j in 0...k {
                let term = Expr.number(Self.binomial(k, j) * ((j / 2) % 2 == 0 ? 1 : -1)) * Self.power(re, k - j)
                if j % 2 == 0 { realPart = realPart + ck * term * Self.power(im, j) }
                else { imaginaryOverIm = imaginaryOverIm + ck * term * Self.power(im, j - 1) }
            }
        }
        // Simple roots are isolated after a few dozen boxes; a multiple one would use up any budget. On the
        // line a box costs one evaluation of a polynomial, so a cluster of real roots (a chain's Laplacian has
        // seven within 4 of each other) gets ten times the boxes. In the plane the sum of powers' enclosures are
        // wide, so two complex pairs of one modulus (a heavy ball's spectrum, moduli sqrt(beta)) need more than
        // 400 boxes (they were left not isolated) and fewer than 1000: 2000 leave room.
        var search = ZeroSearch()
        search.maximumBoxes = 4000
        // Horner's form for the real line: its enclosures over a box are much tighter than the sum of powers'.
        let horner = (0..<n).reversed().reduce(Expr.number(1)) { inner, k in Expr.symbol(names[k]) + x * inner }
        var realEvaluator = try ZeroProblem(unknowns: ["x"], equations: [horner], parameters: names)
            .evaluator(parameterValues: c, precision: context.precision)
        let low = lowestRealPart ?? -b
        let reals = search.run(&realEvaluator, in: [BigInterval(lower: low, upper: b)])
        search.maximumBoxes = 2000
        real = reals.zeros.map { $0.enclosure[0] }.sorted { $0.lower < $1.lower }
        // n real roots, each proved simple in its own box, are all n roots: no complex pair is left to look
        // for (a two-dimensional search that a tight cluster of real roots can exhaust).
        if reals.isComplete && real.count == n && lowestRealPart == nil {
            complex = []
            isComplete = true
            return
        }
        var complexEvaluator = try ZeroProblem(unknowns: ["re", "im"], equations: [realPart, imaginaryOverIm], parameters: names)
            .evaluator(parameterValues: c, precision: context.precision)
        let complexes = search.run(&complexEvaluator, in: [BigInterval(lower: low, upper: b), BigInterval(lower: BigFloat(0, precision: context.precision), upper: b)])
        let upperHalf = complexes.zeros.filter { $0.enclosure[1].lower.sign > 0 }
        complex = upperHalf.map { ($0.enclosure[0], $0.enclosure[1]) }.sorted { $0.re.lower < $1.re.lower }
        isComplete = reals.isComplete && complexes.isComplete && upperHalf.count == complexes.zeros.count
            && (lowestRealPart != nil || real.count + 2 * complex.count == n)
    }

    /// Fujiwara's bound 2 max(|c_(n-1)|, |c_(n-2)|^(1/2), ..., |c_0/2|^(1/n)) on the roots of a monic
    /// polynomial (much below Cauchy's when the coefficients are large), each k-th root rounded up to a power
    /// of two; infinite when a coefficient is beyond the range of a Double.
    static func fujiwaraBound(_ c: [BigInterval], precision: Int) -> BigFloat {
        let n = c.count - 1
        var exponent = Int.min
        for k in 1...n {
            let coefficient = c[n - k].magnitudeUpper
            let magnitude = coefficient.doubleValue * (k == n ? 0.5 : 1) * (1 + 1e-9)
            // Beyond a Double's range either way: no bound from here (Cauchy's stands).
            guard magnitude.isFinite, magnitude > 0 || coefficient.isZero else { return BigFloat(Double.infinity, precision: precision) }
            if magnitude > 0 { exponent = Swift.max(exponent, Int((log2(magnitude) / Double(k)).rounded(.up)) + 1) }
        }
        return BigFloat(exponent == Int.min ? 1 : Foundation.pow(2, Double(exponent)), precision: precision)
    }

    static func power(_ x: Expr, _ k: Int) -> Expr {
        k == 0 ? Expr.number(1) : k == 1 ? x : Expr.power(x, Expr.number(k))
    }

    static func binomial(_ n: Int, _ k: Int) -> Int {
        (0..<k).reduce(1) { $0 * (n - $1) / ($1 + 1) }
    }
}
