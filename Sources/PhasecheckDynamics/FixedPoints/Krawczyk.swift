import PhasecheckNumbers

/// The Krawczyk operator K(X) = c - Y G(c) + (I - Y G'(X)) (X - c), for a box X, its midpoint c and an
/// approximate inverse Y of G'(c). Every zero of G in X lies in K(X); so K(X) disjoint from X proves that
/// X holds no zero, and K(X) inside the interior of X proves that X holds exactly one (Krawczyk 1969,
/// Moore 1977), which then lies in K(X).
public enum Krawczyk {
    public enum Outcome {
        /// Exactly one zero in the box; it lies in `enclosure` (within the box).
        case unique(enclosure: Box)
        /// No zero in the box.
        case none
        /// Neither shown; `narrowed` is K(X) ∩ X when finite (every zero of X is in it).
        case undecided(narrowed: Box?)
    }

    /// Applies the test to the box (whose coordinates must be finite).
    public static func test(_ evaluator: inout ZeroProblem.Evaluator, box: Box) -> Outcome {
        let n = box.count
        // The midpoint, rounded to the working precision, kept inside the box (the mean-value form needs it there).
        let center: Box = box.map { x in
            let m = x.midpoint.rounded(toPrecision: evaluator.precision)
            return BigInterval(x.contains(m) ? m : x.lower)
        }
        let (atCenter, _) = evaluator.evaluate(center)
        let (overBox, jacobian) = evaluator.evaluate(box)
        // Exclusion: a component of G that cannot vanish on the box.
        if overBox.contains(where: { $0.isFinite && !$0.contains(BigFloat(0, precision: evaluator.precision)) }) { return .none }
        guard atCenter.allSatisfy(\.isFinite), jacobian.allSatisfy({ $0.allSatisfy(\.isFinite) }),
              let y = approximateInverse(jacobian.map { $0.map(\.midpoint) }) else { return .undecided(narrowed: nil) }
        let context = evaluator.context
        let zero = context.constant(0), one = context.constant(1)
        let offset = zip(box, center).map { $0 - $1 }
        var k: Box = []
        for i in 0..<n {
            var value = center[i]
            for j in 0..<n { value = value - BigInterval(y[i][j]) * atCenter[j] }
            for j in 0..<n {
                // (I - Y J(X))_ij
                var entry = i == j ? one : zero
                for l in 0..<n { entry = entry - BigInterval(y[i][l]) * jacobian[l][j] }
                value = value + entry * offset[j]
            }
            k.append(value)
        }
        guard k.allSatisfy(\.isFinite) else { return .undecided(narrowed: nil) }
        guard let narrowed = k.intersection(with: box) else { return .none }
        return k.isInterior(to: box) ? .unique(enclosure: k) : .undecided(narrowed: narrowed)
    }

    /// A zero proved unique in `isolatingBox`, with a tighter enclosure of it.
    public struct IsolatedZero: Sendable {
        public let enclosure: Box
        public let isolatingBox: Box
    }

    /// Looks for a zero near `start`: Newton's method, then boxes around its result, widened by 16 at each of
    /// up to eight tries (epsilon inflation), until the Krawczyk test proves one unique; the enclosure is then
    /// tightened by applying K again while that narrows it. Nil when no try succeeds, or a box is shown to hold no zero.
    ///
    /// - Parameter minimumRadius: a first radius at least this (a box to cover, when the caller searches one).
    public static func isolate(_ evaluator: inout ZeroProblem.Evaluator, near start: [BigFloat], minimumRadius: [BigFloat]? = nil) -> IsolatedZero? {
        let (point, lastStep) = evaluator.newton(from: start)
        guard point.allSatisfy(\.isFinite) else { return nil }
        let bits = evaluator.precision
        // A first radius of about half the precision's digits (the Krawczyk box's width then squares down to
        // the rounding level), or a few last Newton steps if those are larger.
        let small = zip(point, lastStep).map { x, step in
            BigFloat.max(BigFloat.scaled(BigFloat.max(BigFloat.abs(x), BigFloat(1, precision: bits)), byPowerOfTwo: -bits / 2),
                         BigFloat.scaled(step, byPowerOfTwo: 3))
        }
        var radius = minimumRadius.map { zip(small, $0).map { BigFloat.max($0, $1) } } ?? small
        for _ in 0..<8 {
            let box = Box.around(point, radius: radius)
            switch test(&evaluator, box: box) {
            case .unique(var enclosure):
                // K of a wide box may contract too little to tighten from: the small box around Newton's
                // point, when it lies in the box and holds a zero, holds the same (unique) one.
                let near = Box.around(point, radius: small)
                if radius != small, near.isSubset(of: box), case .unique(let tight) = test(&evaluator, box: near) { enclosure = tight }
                // K converges quadratically once the box is small: iterate while it still halves the width.
                // The box is widened a little first: K must lie strictly inside it, which an exact (point)
                // coordinate never does.
                for _ in 0..<12 {
                    let widened = Box.around(enclosure.map(\.midpoint), radius: enclosure.map { x in
                        BigFloat.scaled(x.width, byPowerOfTwo: -1) + BigFloat.scaled(BigFloat.max(BigFloat.abs(x.midpoint), BigFloat(1, precision: bits)), byPowerOfTwo: 4 - bits)
                    })
                    guard case .unique(let tighter) = test(&evaluator, box: widened),
                          tighter.maximumRelativeWidth(enclosure) < 0.5 else { break }
                    enclosure = tighter
                }
                return IsolatedZero(enclosure: enclosure, isolatingBox: box)
            case .none:
                return nil
            case .undecided:
                radius = radius.map { BigFloat.scaled($0, byPowerOfTwo: 4) }
            }
        }
        return nil
    }
}
