import Foundation
import PhasecheckExpressions
import PhasecheckNumbers

/// `E f(x, xi)` for every value of inputs x (a state) in a box, replaced by a fixed-node sum Q(x) = sum_i W_i F(x, z_i),
/// an ordinary expression the integrators take, with a certified bound of |E f(x, xi) - Q(x)| over the whole box.
///
/// The variable is standardized as in `NumericalExpectation` (xi = mean + sd z, z ~ N(0, 1), or xi = a + (b - a) w,
/// w uniform on [0, 1]), F(z) = f(xi(z)), rho the density (phi, or 1 on [0, 1]). The rule and its bound:
///
/// - on [-L, L] (or [0, 1]), pieces [c - h, c + h] (of width 2 at first), each with the k nodes c + h u_i of an
///   interpolatory rule for the weight rho: u_i are Chebyshev points rounded to rationals, W_i = integral of
///   l_i((z - c)/h) rho(z) over the piece, l_i the Lagrange polynomials (exact rationals under the uniform law; under
///   the normal one from the density's moments in interval arithmetic, rounded, the rounding bounded by |F| on the
///   piece). The rule integrates p rho exactly for p of degree below k, and F - p = F[z_1, ..., z_k, z] omega(z) with
///   the divided difference F^(k)(eta)/k!, the normalized Taylor coefficient F_k at some eta of the piece: the piece's
///   error is at most |F_k(piece x box)| max(rho on the piece) h^(k+1) C_k, C_k = integral of |prod (u - u_i)| over
///   [-1, 1] (exact: it changes sign at the nodes alone). F_k is enclosed by the Taylor-mode recurrences of
///   `TaylorCoefficientEngine` in interval arithmetic (z as its time), over sub-boxes of the box (`subdivided`);
/// - on |z| >= L (normal), the sum leaves out the tails, each at most |I| E[|z|^n ; z >= L] where |F| <= |z|^n |I| over the
///   tail and the box (`TailGrowth`: n = 0, I the range of F, for a bounded F; n >= 1 for one growing like a power).
/// - around each kink or jump of F at a fixed place (`kinkPlaces`), a gap of width far below the tolerance is left out,
///   at most |F| there times the density's bound times its width; every piece then lies on one side of every kink,
///   where its coefficients are those of one smooth branch (`computeOnOneBranch`).
///
/// A piece whose bound exceeds its share of the tolerance is halved, up to `maximumPieces`. The nodes do not depend
/// on the box, so Q is the same function whatever the box; the box only decides the bound.
public struct FixedNodeExpectation: Sendable {
    /// Q, in the inputs of `init` (the variable no longer appears).
    public let sum: Expr
    /// An upper bound of |E f - Q| for every input in the box.
    public let errorBound: BigFloat
    /// Evaluations of the integrand in `sum`.
    public let nodeCount: Int

    /// Pieces at most (each adds up to 48 evaluations of the integrand to every evaluation of Q).
    public static let maximumPieces = 64

    /// Where the standardized integrand F(z) has a kink or jump (abs, sign, min, max; atan2's branch cut where y = 0):
    /// enclosures of the places z of each switching argument s(z) = 0, which must be affine or quadratic in z and free of the inputs
    /// (a kink at a fixed place; `ExpectationQuadratureError` otherwise, with the reason). The rule leaves a gap of
    /// width below the tolerance around each place, so every piece lies on one side of every kink, where F is smooth.
    public static func kinkPlaces(of F: Expr, variable: String, precision: Int = 256) throws -> [BigInterval] {
        var places: [BigInterval] = []
        for node in Expr.postorder(from: [F]) {
            guard let argument = node.switchingArgument else { continue }
            let others = argument.freeSymbols.subtracting([variable, ReservedSymbols.pi])
            guard others.isEmpty else {
                let moving = argument.freeSymbols.contains(variable)
                throw ExpectationQuadratureError(reason: "`\(node)` has a kink or jump \(moving ? "that moves with" : "that switches with") \(others.sorted().joined(separator: ", ")) and no closed form: "
                    + "the fixed-node rule splits the variable's line at kinks of fixed place only (a kink at a place that moves with the state is not implemented); "
                    + "write the kink as max(A, B) with A - B affine in the variable and a polynomial or exp factor, which has a closed form")
            }
            guard argument.freeSymbols.contains(variable) else { continue }
            guard let polynomial = try KinkPolynomial(argument, variable: variable) else {
                throw ExpectationQuadratureError(reason: "the kink or jump `\(node)` switches where `\(argument)` = 0, which is not a polynomial of degree at most 2 in \(variable): "
                                                 + "the fixed-node rule splits the line where an affine or quadratic switching argument vanishes")
            }
            let tape = try Tape(compiling: polynomial.coefficients, inputs: [])
            var evaluator = TapeEvaluator(tape: tape, context: IntervalContext(precision: precision))
            let (zeros, failure) = KinkPolynomial.places(evaluator.evaluate([]).map { $0[0] })
            if let failure { throw ExpectationQuadratureError(reason: "`\(node)`: \(failure)") }
            places += zeros
        }
        return places
    }

    /// The rules a piece may take: the fewest nodes whose bound fits (a width-2 piece of tanh(c + xi/2) phi(xi) near
    /// the centre takes 32 for 10^-15).
    static let nodeCounts = [4, 8, 12, 16, 24, 32, 40, 48]
    /// The rules tried first, on coefficients through their order only.
    static let smallRuleNodes = 16

    /// - Parameters:
    ///   - inputs: the symbols the integrand and the law may use besides the variable (scalars), in the box's order.
    ///   - box: an enclosure of every input value for which the bound must hold (entire lines allowed).
    ///   - tolerance: the bound asked for; `ExpectationQuadratureError` when the pieces cannot reach it.
    public init(integrand: Expr, variable: String, law: Distribution, inputs: [String], box: [BigInterval],
                tolerance: BigRational, precision: Int = 128) throws {
        let z = Expr.symbol(variable)
        let standardized: Expr, tailCut: Int?
        switch law {
        case .normal(let mean, let sd):
            standardized = mean + sd * z
            // erfc(L/sqrt 2) <= e^(-L^2/2) below a quarter of the tolerance (its logarithm taken from the rational:
            // a tolerance below the smallest double would make 4 / tolerance infinite); raised below for a growing F.
            let logTolerance = BigFloat(tolerance, precision: 64).logMagnitude
            guard logTolerance.isFinite else { throw ExpectationQuadratureError(reason: "the tolerance \(tolerance) is not a positive number") }
            tailCut = 2 * Int(((2 * (log(4) - logTolerance)).squareRoot() / 2).rounded(.up))
        case .uniform(let a, let b):
            standardized = a + (b - a) * z
            tailCut = nil
        case .rademacher:
            preconditionFailure("a Rademacher expectation is always exact")
        }
        let F = integrand.substituting([variable: standardized])
        let tapeInputs = inputs.map { (name: $0, shape: Shape.scalar) } + [(name: variable, shape: Shape.scalar)]
        let tape = try Tape(compiling: [F], inputs: tapeInputs)
        let places = try Self.kinkPlaces(of: F, variable: variable)
        let context = IntervalContext(precision: precision)
        func magnitude(_ x: BigInterval) -> BigInterval { BigInterval(lower: BigFloat(0, precision: precision), upper: x.magnitudeUpper) }
        var values = TapeEvaluator(tape: tape, context: context)
        var bound = context.constant(0)
        let start: [(BigRational, BigRational)]
        if var L = tailCut {
            // Each tail: |F| <= |z|^n |I| (`TailGrowth`, n = 0 for a bounded F), so its share is at most |I| E[|z|^n; z >= L];
            // L is raised (by 2, at most 8 times) while that moment exceeds a quarter of the tolerance (n >= 1 only).
            let reciprocal = variable + "#reciprocal"
            let atInfinity = try Tape(compiling: [Expectation.factoredAtInfinity(F, variable: variable, reciprocal: reciprocal)],
                                      inputs: tapeInputs + [(name: reciprocal, shape: Shape.scalar)])
            func sides(_ L: Int) -> [TailGrowth] {
                [1, -1].map { TailGrowth(tape: atInfinity, variable: inputs.count, reciprocal: inputs.count + 1, sign: $0, inputs: box, cut: L, context: context) }
            }
            var tails = sides(L)
            guard tails.allSatisfy(\.isFinite) else {
                throw ExpectationQuadratureError(reason: "the integrand has no finite bound on the tails |z| >= \(L) of the standardized variable for every state, not even as a power of |z| times a constant")
            }
            let quarter = BigFloat(tolerance / 4, precision: 64, rounding: .down)
            var raised = 0
            while raised < 8, tails.contains(where: { TailGrowth.moment($0.power, cut: L, context: context).upper > quarter }) {
                (L, raised) = (L + 2, raised + 1)
                tails = sides(L)
            }
            bound = tails.reduce(bound) { $0 + magnitude($1.scaled) * TailGrowth.moment($1.power, cut: L, context: context) }
            start = stride(from: -L, to: L, by: 2).map { (BigRational($0), BigRational(Swift.min($0 + 2, L))) }
        } else {
            start = [(0, 1)]
        }
        // One Taylor enclosure of F per piece and sub-box of the states, through the largest rule's order: each piece
        // takes the fewest nodes whose bound fits its share (the tails' pieces, where the density is small, take few).
        let ladder = Self.nodeCounts
        var engines = try Self.subdivided(box, used: inputs.map(F.freeSymbols.contains)).map {
            try TaylorCoefficientEngine(tape: tape, order: ladder.last! + 1, context: context, stateSlotCount: 0, parameterValues: $0, hasTime: true)
        }
        // A gap of width 2 epsilon around each kink (epsilon = 2^-e far below the tolerance), left out of the sum and
        // bounded by |F| there times the density's bound (1/2 > 1/sqrt(2 pi) under the normal law) times its width.
        let epsilon = BigRational(1, 2).power(Int(-BigFloat(tolerance, precision: 64).logMagnitude / log(2)) + 24 + places.count)
        guard places.allSatisfy(\.isFinite) else {
            throw ExpectationQuadratureError(reason: "a kink or jump of the integrand has no finite place for every state (its enclosure is not finite)")
        }
        let (pieceList, gapShare) = Self.leavingGaps(around: places, in: start, epsilon: epsilon, densityBound: tailCut == nil ? 1 : BigRational(1, 2),
                                                     context: context) { values.evaluate(box + [$0])[0][0] }
        bound = bound + gapShare
        let length = pieceList.reduce(BigRational(0)) { $0 + ($1.1 - $1.0) }
        var stack = Array(pieceList.reversed()), terms: [Expr] = [], pieces = 0
        while let (lo, hi) = stack.popLast() {
            let c = (lo + hi) / 2, h = (hi - lo) / 2
            let piece = BigInterval(lower: BigFloat(lo, precision: precision, rounding: .down), upper: BigFloat(hi, precision: precision, rounding: .up))
            // The density's largest value on the piece (1 for the uniform law).
            let densityBound: BigInterval = tailCut == nil ? context.constant(1)
                : magnitude(BigInterval.exp(-(piece * piece) / context.constant(2)) / BigInterval.sqrt(context.constant(2) * BigInterval.pi(precision: precision)))
            let share = BigFloat(tolerance / 2 * (hi - lo) / length, precision: 64, rounding: .down)
            // The small rules first, from coefficients through their order alone (the Taylor work grows with the
            // square of the order); the large ones only when none of those fits.
            var fitting: (ReferenceRule, BigInterval)? = nil
            for rules in [ladder.filter { $0 <= Self.smallRuleNodes }, ladder.filter { $0 > Self.smallRuleNodes }] where fitting == nil {
                var largest = [BigFloat](repeating: BigFloat(0, precision: precision), count: rules.last! + 1)
                for i in engines.indices {
                    guard Self.computeOnOneBranch(&engines[i], over: piece, through: rules.last! + 1) else {
                        throw ExpectationQuadratureError(reason: "a kink or jump of the integrand may switch inside the piece near z = \(c.doubleValue) for some state")
                    }
                    for k in rules {
                        let coefficient = engines[i].outputCoefficient(0, k)
                        largest[k] = coefficient.isFinite ? BigFloat.max(largest[k], coefficient.magnitudeUpper) : BigFloat.infinity(precision: precision)
                    }
                }
                // Halving the piece does not bound a coefficient that is infinite over some states.
                guard largest[rules.last!].isFinite else {
                    throw ExpectationQuadratureError(reason: "the integrand's derivatives in the variable are not bounded over every state near z = \(c.doubleValue)")
                }
                fitting = rules.lazy.map { k -> (ReferenceRule, BigInterval) in
                    let rule = ReferenceRule.make(nodes: k)
                    return (rule, BigInterval(largest[k]) * densityBound * context.constant(h.power(k + 1) * rule.absoluteOmegaIntegral))
                }.first { $0.1.isFinite && $0.1.upper <= share }
            }
            if let (rule, error) = fitting {
                let weights = tailCut == nil ? rule.weights.map { (h * $0, BigFloat(0, precision: 64)) } : Self.normalWeights(rule, center: c, halfWidth: h)
                let range = magnitude(values.evaluate(box + [piece])[0][0])
                for (u, (w, rounding)) in zip(rule.nodes, weights) {
                    terms.append(Expr.number(w) * F.substituting([variable: .number(c + h * u)]))
                    bound = bound + range * BigInterval(rounding)
                }
                bound = bound + error
                pieces += 1
            } else if pieces + stack.count + 2 > Self.maximumPieces {
                throw ExpectationQuadratureError(reason: "a fixed-node rule of \(Self.maximumPieces) pieces of up to \(ladder.last!) nodes does not reach \(tolerance.doubleValue) "
                                                 + "near z = \(c.doubleValue) for every state")
            } else {
                stack.append((c, hi))
                stack.append((lo, c))
            }
        }
        guard bound.isFinite else {
            throw ExpectationQuadratureError(reason: "the integrand is not bounded on the pieces for every state")
        }
        sum = terms.reduce(Expr.number(0), +)
        errorBound = bound.upper
        nodeCount = terms.count
    }

    /// `pieces` with a gap of `epsilon` on each side of each (finite) place left out, so that every piece left lies on
    /// one side of every kink, and the gaps' share of the integral in magnitude, [0, S]: over each gap, |F| there
    /// (`range` encloses F over an interval) times the density's bound times the gap's width. A place outside the
    /// pieces' span is skipped (the tails' bound covers it), decided before the place is made exact, which for a place
    /// like exp(10^20) would not fit in memory. The quadrature of `expectation` claims and the drift rule share it.
    static func leavingGaps(around places: [BigInterval], in pieces: [(BigRational, BigRational)], epsilon: BigRational, densityBound: BigRational,
                            context: IntervalContext, range: (BigInterval) -> BigInterval) -> (pieces: [(BigRational, BigRational)], share: BigInterval) {
        let precision = context.precision
        let (first, last) = (pieces.first!.0, pieces.last!.1)
        let (supportStart, supportEnd) = (BigFloat(first - 1, precision: precision), BigFloat(last + 1, precision: precision))
        var split = pieces, share = context.constant(0)
        for place in places {
            guard place.upper > supportStart && place.lower < supportEnd else { continue }
            let gap = (BigRational(exactly: place.lower)! - epsilon, BigRational(exactly: place.upper)! + epsilon)
            guard gap.0 < last && gap.1 > first else { continue }   // the kink is outside the support or in the tails
            split = split.flatMap { lo, hi in [(lo, Swift.min(hi, gap.0)), (Swift.max(lo, gap.1), hi)].filter { $0.0 < $0.1 } }
            let width = BigInterval(lower: BigFloat(gap.0, precision: precision, rounding: .down), upper: BigFloat(gap.1, precision: precision, rounding: .up))
            let magnitude = BigInterval(lower: BigFloat(0, precision: precision), upper: range(width).magnitudeUpper)
            share = share + magnitude * context.constant(densityBound) * context.constant(gap.1 - gap.0)
        }
        return (split, share)
    }

    /// The Taylor coefficients over `piece` (the engine's time) on the branch of every kink and jump that the piece lies
    /// on: a first pass reads the switching arguments' signs, which must be certain, the second follows those branches
    /// (pinned), and they must hold there too. False when some argument may vanish or an atan2 may reach its cut.
    static func computeOnOneBranch(_ engine: inout TaylorCoefficientEngine<IntervalContext>, over piece: BigInterval, through order: Int) -> Bool {
        engine.pinned = engine.kinks.map { _ in 0 }
        _ = engine.computeCoefficients(state: [], time: piece, through: order)
        guard !engine.kinks.isEmpty else { return !ValidatedFlow.mayMeetBranchCut(engine) }
        func side(_ kink: Kink) -> Int {
            let argument = engine.switchingCoefficient(kink, 0)
            return argument.lower.sign > 0 ? 1 : argument.upper.sign < 0 ? -1 : 0
        }
        let sides = engine.kinks.map(side)
        guard !sides.contains(0) else { return false }
        // Branches the first pass took already (decided from order 0) need no second one.
        guard engine.choices != sides else { return !ValidatedFlow.mayMeetBranchCut(engine) }
        engine.pinned = sides
        _ = engine.computeCoefficients(state: [], time: piece, through: order)
        return engine.kinks.map(side) == sides && !ValidatedFlow.mayMeetBranchCut(engine)
    }

    /// The weights h integral over [-1, 1] of l_i(u) phi(c + h u) du of the rule's Lagrange polynomials l_i against the
    /// normal density on the piece, as rationals (rounded to 256 bits), each with a bound of its rounding error. The
    /// moments N_j = integral of u^j phi(c + h u) follow from integrating (u^(j-1) phi(c + h u))' by parts:
    /// N_j = ((j - 1) N_(j-2) - h c N_(j-1) - [u^(j-1) phi(c + h u)] from -1 to 1)/h^2, in interval arithmetic at a
    /// precision that covers the recurrence's growth.
    static func normalWeights(_ rule: ReferenceRule, center c: BigRational, halfWidth h: BigRational) -> [(BigRational, BigFloat)] {
        let k = rule.nodes.count
        let precision = 256 + 12 * k
        func constant(_ q: BigRational) -> BigInterval { BigInterval(q, precision: precision) }
        let root2 = BigInterval.sqrt(constant(2)), root2pi = BigInterval.sqrt(constant(2) * BigInterval.pi(precision: precision))
        func phi(_ x: BigRational) -> BigInterval { BigInterval.exp(-(constant(x * x)) / constant(2)) / root2pi }
        let (above, below) = (phi(c + h), phi(c - h))
        var moments = [(BigInterval.erf(constant(c + h) / root2) - BigInterval.erf(constant(c - h) / root2)) / constant(2 * h)]
        for j in 1..<k {
            let boundary = j % 2 == 1 ? above - below : above + below
            let previous = j >= 2 ? constant(BigRational(j - 1)) * moments[j - 2] : constant(0)
            moments.append((previous - constant(h * c) * moments[j - 1] - boundary) / constant(h * h))
        }
        return rule.lagrange.map { coefficients in
            let w = zip(coefficients, moments).reduce(constant(0)) { $0 + constant($1.0) * $1.1 } * constant(h)
            let rounded = BigRational(exactly: w.midpoint.rounded(toPrecision: 256))!
            return (rounded, (w - constant(rounded)).magnitudeUpper)
        }
    }
}

extension FixedNodeExpectation {
    /// The box as sub-boxes whose union covers it: the one wide input the integrand uses (if only one) cut at the
    /// quarters of [-8, 8]. The Taylor coefficients of tanh(c + z) over every c are those of a majorant whose poles are
    /// nearer than tanh's own; over c in a unit interval they are nearly tanh's, so the pieces need fewer nodes.
    static func subdivided(_ box: [BigInterval], used: [Bool]) -> [[BigInterval]] {
        let wide = box.indices.filter { used[$0] && !($0 < box.count && box[$0].isFinite && box[$0].width.doubleValue <= 2) }
        guard wide.count == 1, let i = wide.first else { return [box] }
        let precision = box[i].precision
        let cuts = [box[i].lower] + (-32...32).map { BigFloat(BigRational($0, 4), precision: precision) } + [box[i].upper]
        return zip(cuts, cuts.dropFirst()).compactMap { a, b in
            let lower = BigFloat.max(a, box[i].lower), upper = BigFloat.min(b, box[i].upper)
            guard lower <= upper else { return nil }
            var part = box
            part[i] = BigInterval(lower: lower, upper: upper)
            return part
        }
    }
}

/// Why a fixed-node rule with a bound could not be built.
public struct ExpectationQuadratureError: Error, Sendable, CustomStringConvertible {
    public let reason: String
    public var description: String { reason }
}

/// An interpolatory rule on [-1, 1] with rational nodes and weights, and the integral of |omega| that bounds its error.
struct ReferenceRule: Sendable {
    let nodes: [BigRational]
    let weights: [BigRational]
    /// The coefficients (lowest first) of each node's Lagrange polynomial.
    let lagrange: [[BigRational]]
    /// C_k = integral over [-1, 1] of |prod (u - u_i)|.
    let absoluteOmegaIntegral: BigRational

    private static let lock = NSLock()
    nonisolated(unsafe) private static var made: [Int: ReferenceRule] = [:]

    /// The rule of `nodes` Chebyshev points of the first kind rounded to multiples of 2^-32 (symmetric), computed once.
    static func make(nodes k: Int) -> ReferenceRule {
        if let rule = lock.withLock({ made[k] }) { return rule }
        let scale = BigRational(1, 1 << 32)
        let half = (0..<(k / 2)).map { i in BigRational(Int((cos(Double(2 * i + 1) * .pi / Double(2 * k)) * 4294967296).rounded())) * scale }
        let nodes = half.map { -$0 } + (k % 2 == 1 ? [BigRational(0)] : []) + half.reversed()
        // omega's coefficients, lowest first.
        var omega: [BigRational] = [1]
        for u in nodes {
            var next = [BigRational](repeating: 0, count: omega.count + 1)
            for (j, c) in omega.enumerated() { next[j + 1] = next[j + 1] + c; next[j] = next[j] - u * c }
            omega = next
        }
        func integral(_ p: [BigRational], from a: BigRational, to b: BigRational) -> BigRational {
            var total = BigRational(0)
            for (j, c) in p.enumerated() where !c.isZero { total = total + c * (b.power(j + 1) - a.power(j + 1)) / BigRational(j + 1) }
            return total
        }
        let lagrange = nodes.map { u -> [BigRational] in
            // omega / (x - u) by synthetic division, then divided by omega'(u) = its value at u.
            var quotient = [BigRational](repeating: 0, count: omega.count - 1)
            var carry = BigRational(0)
            for j in stride(from: omega.count - 1, through: 1, by: -1) { carry = omega[j] + carry * u; quotient[j - 1] = carry }
            let atNode = quotient.reversed().reduce(BigRational(0)) { $0 * u + $1 }
            return quotient.map { $0 / atNode }
        }
        let weights = lagrange.map { integral($0, from: -1, to: 1) }
        let breaks = [BigRational(-1)] + nodes + [BigRational(1)]
        let absolute = zip(breaks, breaks.dropFirst()).reduce(BigRational(0)) { $0 + integral(omega, from: $1.0, to: $1.1).magnitude }
        let rule = ReferenceRule(nodes: nodes, weights: weights, lagrange: lagrange, absoluteOmegaIntegral: absolute)
        lock.withLock { made[k] = rule }
        return rule
    }
}
