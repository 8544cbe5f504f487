import Foundation
import PhasecheckExpressions
import PhasecheckNumbers

/// A rigorous enclosure of E f(xi, eta) over two random variables, normal or uniform (eta's law may name xi), for an
/// integrand that is no function of one combination of them (tanh(xi eta), exp(-xi^2 eta^2/2), a normal times a
/// uniform variable): the nested form E_xi[E_eta f] by a tensor rule on rectangles, each side's error bounded uniformly
/// over the other side's whole interval.
///
/// Both variables are standardized as in `NumericalExpectation` (z ~ N(0, 1) with density phi on [-L, L], or w uniform on
/// [0, 1] with density 1), F(z1, z2) = f. On a rectangle I1 x I2 (I_i = [c_i - h_i, c_i + h_i]) the rule is
/// Q = sum_i sum_j W1_i W2_j F(u_i, v_j), with the nodes and density weights of `FixedNodeExpectation`'s interpolatory
/// rules (k1 and k2 nodes). With G(z1) = integral over I2 of F(z1, z2) rho2(z2), the error splits as
///
///     [integral over I1 of G rho1 - sum_i W1_i G(u_i)] + sum_i W1_i [G(u_i) - sum_j W2_j F(u_i, v_j)]:
///
/// - the first is at most |F_k1| max(rho1 on I1) h1^(k1+1) C_k1 mass(I2), F_k1 the k1-th normalized Taylor coefficient
///   in z1 enclosed over I1 x I2 (G's coefficient is the integral of F's against rho2, at most sup |F_k1| mass(I2));
/// - the second at most sum |W1_i| |F_k2| max(rho2 on I2) h2^(k2+1) C_k2, F_k2 the coefficient in z2 over I1 x I2:
///   the inner rule's bound holds for every z1 of I1, so for every outer node.
///
/// The coefficients come from the Taylor-mode recurrences of `TaylorCoefficientEngine` in interval arithmetic: the
/// variable along which they are taken is the engine's time, the other a state whose derivative is 0, so that one engine
/// per direction serves every rectangle. Each rectangle takes the fewest nodes per side whose bound fits its share of the
/// tolerance; one that no rule fits is halved along the failing side, up to `maximumRectangles`. Outside [-L, L]^2
/// (normal sides), the integral lies in the enclosure of F over the tail region times its probability: F must be bounded
/// there (tanh, exp(-xi^2 eta^2/2); xi tanh(eta) is not, and the enclosure is the whole line, saying so).
public struct TensorExpectation: Sendable {
    public let integrand: Expr
    /// Outer first (E over the last variable is taken first).
    public let variables: [(name: String, law: Distribution)]
    /// Rectangles examined at most per enclosure.
    public static let maximumRectangles = 2000

    /// Output F(z1, z2); inputs: the model's, then z1, z2.
    let values: Tape
    /// Outputs 0 and F; inputs: the other variable (a constant state), the model's, then the variable along which the
    /// coefficients are taken (the engine's time). One per side.
    let along: [Tape]
    let inputCount: Int
    let isNormal: [Bool]

    /// Compiles the integrand over `inputs` (the symbols it and the laws may use besides the variables). A kink or jump
    /// is refused (the bound needs a smooth integrand), as is a law other than normal or uniform (a Rademacher variable
    /// is a finite sum, taken exactly before: `Expectation.withoutFiniteLaws`).
    public init(integrand: Expr, variables: [(name: String, law: Distribution)], inputs: [(name: String, shape: Shape)]) throws {
        guard variables.count == 2 else {
            throw CompileError(message: "a tensor quadrature over \(variables.count) variables is not implemented (two at most)")
        }
        self.integrand = integrand
        self.variables = variables
        var F = integrand
        var normal: [Bool] = []
        for (name, law) in variables.reversed() {
            let z = Expr.symbol(name)
            switch law {
            case .normal(let mean, let sd): F = F.substituting([name: mean + sd * z]); normal.append(true)
            case .uniform(let a, let b): F = F.substituting([name: a + (b - a) * z]); normal.append(false)
            case .rademacher: preconditionFailure("a Rademacher variable is summed exactly before the quadrature")
            }
        }
        isNormal = normal.reversed()
        let (first, second) = (variables[0].name, variables[1].name)
        func scalar(_ name: String) -> (name: String, shape: Shape) { (name: name, shape: Shape.scalar) }
        values = try Tape(compiling: [F], inputs: inputs + [scalar(first), scalar(second)])
        guard values.outputShapes == [.scalar] else {
            throw CompileError(message: "its integrand must be a scalar, found \(values.outputShapes[0]) for `\(integrand)`")
        }
        along = try [(second, first), (first, second)].map { other, time in
            try Tape(compiling: [Expr.number(0), F], inputs: [scalar(other)] + inputs + [scalar(time)])
        }
        inputCount = inputs.count
        if values.instructions.contains(where: NumericalExpectation.isKink) {
            throw CompileError(message: "`\(integrand)` has a kink or jump (abs, min, max, sign or atan2) and no closed form: the tensor rule's error bound needs a smooth integrand")
        }
    }

    /// The rules a side may take (`FixedNodeExpectation.nodeCounts`).
    static let nodeCounts = FixedNodeExpectation.nodeCounts
    /// The orders through which a rectangle's Taylor coefficients are computed: the small rules' first (most rectangles
    /// take one; the recurrences cost the order squared), the largest rule's only when none of those fits.
    static let tiers = [16, nodeCounts.last!]

    /// The work of `rectangles` rectangles at `bits`, a prediction: per rectangle, two Taylor enclosures of the small
    /// rules' order and a quarter of one of the largest rule's (`Self.tiers`), and the rule's nodes (24 x 24 taken
    /// as typical), in tape operations times the words of the precision.
    public func work(pieces rectangles: Int, bits: Int) -> Double {
        let (small, large) = (Double(Self.tiers[0] + 2), Double(Self.tiers[1] + 2))
        let perRectangle = 2 * Double(along[0].instructions.count) * (small * small + large * large / 4) + 576 * Double(values.instructions.count)
        return Double(rectangles) * perRectangle * Double((bits + 63) / 64)
    }

    /// An upper bound of |f| over both laws' supports, or nil when there is none.
    public func magnitudeBound(inputs: [BigInterval], bits: Int) -> BigFloat? {
        var evaluator = TapeEvaluator(tape: values, context: IntervalContext(precision: bits))
        let range = evaluator.evaluate(inputs + isNormal.map { support(normal: $0, bits: bits) })[0][0]
        return range.isFinite ? range.magnitudeUpper : nil
    }

    private func support(normal: Bool, bits: Int) -> BigInterval {
        normal ? .entire(precision: bits) : BigInterval(lower: BigFloat(0, precision: bits), upper: BigFloat(1, precision: bits))
    }

    /// The enclosure at `bits`, the inputs given as enclosures in the order of `init`; `examined` counts rectangles.
    public func enclosure(inputs: [BigInterval], bits: Int) -> NumericalExpectation.Result {
        let context = IntervalContext(precision: bits)
        let tolerance = BigRational(1, 2).power(Swift.max(bits - 48, 8))
        // e^(-L^2/2) <= tolerance, L even (the starting pieces have width 2).
        let L = 2 * Int(((2 * Double(Swift.max(bits - 48, 8)) * 0.6931471805599453).squareRoot() / 2).rounded(.up))
        let cores = isNormal.map { $0 ? (-L, L) : (0, 1) }
        func entire(_ reason: String) -> NumericalExpectation.Result {
            NumericalExpectation.Result(value: .entire(precision: bits), shortfall: reason, bits: bits, examined: 0, work: 0)
        }
        guard let tails = tails(beyond: L, inputs: inputs, context: context) else {
            return entire("the integrand has no finite bound where a normal variable's standardized value is beyond \(L) in magnitude, so the tails' share cannot be bounded")
        }
        do {
            var rule = try TensorRule(expectation: self, inputs: inputs, context: context)
            let starts = cores.map { lo, hi in
                stride(from: lo, to: hi, by: 2).map { a in (BigRational(a), BigRational(Swift.min(a + 2, hi))) }
            }
            let area = BigRational((cores[0].1 - cores[0].0) * (cores[1].1 - cores[1].0))
            let (core, examined, shortfall) = rule.integral(over: starts[0].flatMap { a in starts[1].map { b in Rectangle(first: a, second: b) } },
                                                            perArea: tolerance / 2 / area)
            let value = tails + core
            return NumericalExpectation.Result(value: value, shortfall: shortfall ?? (value.isFinite ? nil : "the integrand is not finite everywhere on its domain"),
                                               bits: bits, examined: examined, work: rule.work)
        } catch {
            return entire("its Taylor coefficients cannot be computed: \(error)")
        }
    }

    /// The integral outside the core square: {|z1| > L} x (z2 anywhere), then (z1 in its core) x {|z2| > L}, each as F's
    /// enclosure over the region times the region's probability. Nil when an enclosure is not finite.
    private func tails(beyond L: Int, inputs: [BigInterval], context: IntervalContext) -> BigInterval? {
        let p = context.precision
        var evaluator = TapeEvaluator(tape: values, context: context)
        let core = BigInterval(lower: BigFloat(-L, precision: p), upper: BigFloat(L, precision: p))
        let sides = [BigInterval(lower: BigFloat(L, precision: p), upper: .infinity(precision: p)),
                     BigInterval(lower: .infinity(precision: p, negative: true), upper: BigFloat(-L, precision: p))]
        let root2 = BigInterval.sqrt(context.constant(2))
        let oneSide = BigInterval.erfc(context.constant(BigRational(L)) / root2) / context.constant(2)
        let inCore = BigInterval.erf(context.constant(BigRational(L)) / root2)
        var total = context.constant(0)
        for side in 0..<2 where isNormal[side] {
            // The first variable's tails against the second anywhere; the second's against the first's core only.
            let other = side == 0 ? support(normal: isNormal[1], bits: p) : (isNormal[0] ? core : support(normal: false, bits: p))
            let otherMass = side == 0 || !isNormal[0] ? context.constant(1) : inCore
            for tail in sides {
                let box = side == 0 ? [tail, other] : [other, tail]
                let range = evaluator.evaluate(inputs + box)[0][0]
                guard range.isFinite else { return nil }
                total = total + range * oneSide * otherMass
            }
        }
        return total
    }
}

/// A rectangle of the standardized variables.
private struct Rectangle {
    var first: (BigRational, BigRational)
    var second: (BigRational, BigRational)

    func side(_ i: Int) -> (BigRational, BigRational) { i == 0 ? first : second }

    /// The two halves along side `i`.
    func halved(along i: Int) -> [Rectangle] {
        let (lo, hi) = side(i), mid = (lo + hi) / 2
        return [(lo, mid), (mid, hi)].map { half in i == 0 ? Rectangle(first: half, second: second) : Rectangle(first: first, second: half) }
    }

    var area: BigRational { (first.1 - first.0) * (second.1 - second.0) }
}

/// The interval arithmetic of one enclosure of a `TensorExpectation`.
private struct TensorRule {
    let expectation: TensorExpectation
    let inputs: [BigInterval]
    let context: IntervalContext
    /// Per side, the coefficients through each of `TensorExpectation.tiers`.
    var engines: [[TaylorCoefficientEngine<IntervalContext>]]
    var values: TapeEvaluator<IntervalContext>
    /// Counted as `TensorExpectation.work` counts.
    private(set) var work: Double = 0

    init(expectation: TensorExpectation, inputs: [BigInterval], context: IntervalContext) throws {
        self.expectation = expectation
        self.inputs = inputs
        self.context = context
        engines = try expectation.along.map { tape in
            try TensorExpectation.tiers.map { last in
                try TaylorCoefficientEngine(tape: tape, order: last + 1, context: context, stateSlotCount: 1,
                                            parameterValues: Array(inputs.prefix(expectation.inputCount)), hasTime: true)
            }
        }
        values = TapeEvaluator(tape: expectation.values, context: context)
    }

    private var words: Double { Double((context.precision + 63) / 64) }

    func hull(_ a: BigRational, _ b: BigRational) -> BigInterval {
        BigInterval(lower: BigFloat(a, precision: context.precision, rounding: .down), upper: BigFloat(b, precision: context.precision, rounding: .up))
    }

    /// The largest value of the side's density on [lo, hi] and the side's probability there.
    func density(side i: Int, _ lo: BigRational, _ hi: BigRational) -> (largest: BigInterval, mass: BigInterval) {
        guard expectation.isNormal[i] else { return (context.constant(1), context.constant(hi - lo)) }
        let p = context.precision
        let root2 = BigInterval.sqrt(context.constant(2))
        let nearest: BigRational = lo.sign > 0 ? lo : (hi.sign < 0 ? hi : 0)
        let largest = BigInterval.exp(-(context.constant(nearest * nearest)) / context.constant(2)) / BigInterval.sqrt(context.constant(2) * BigInterval.pi(precision: p))
        let mass = (BigInterval.erf(context.constant(hi) / root2) - BigInterval.erf(context.constant(lo) / root2)) / context.constant(2)
        return (largest, mass)
    }

    /// |F_k| over the rectangle along side i, for k through tier t's last order.
    mutating func coefficientBounds(along i: Int, of r: Rectangle, tier t: Int) -> [BigFloat] {
        let (lo, hi) = r.side(i), (otherLo, otherHi) = r.side(1 - i)
        _ = engines[i][t].computeCoefficients(state: [hull(otherLo, otherHi)], time: hull(lo, hi))
        work += Double(engines[i][t].stride * engines[i][t].stride) * Double(expectation.along[i].instructions.count) * words
        return (0...TensorExpectation.tiers[t]).map { k in
            let c = engines[i][t].outputCoefficient(1, k)
            return c.isFinite ? c.magnitudeUpper : .infinity(precision: context.precision)
        }
    }

    /// The fewest-node rule of side i whose bound, `scale` times the side's interpolation bound, is at most `share`;
    /// the largest rule's when none is (fits false).
    mutating func rule(side i: Int, of r: Rectangle, scale: BigInterval, share: BigFloat) -> (rule: ReferenceRule, error: BigInterval, fits: Bool) {
        let (lo, hi) = r.side(i), h = (hi - lo) / 2
        let largest = density(side: i, lo, hi).largest
        var last: (ReferenceRule, BigInterval)? = nil
        for t in TensorExpectation.tiers.indices {
            let coefficients = coefficientBounds(along: i, of: r, tier: t)
            for k in TensorExpectation.nodeCounts where k <= TensorExpectation.tiers[t] && (t == 0 || k > TensorExpectation.tiers[t - 1]) {
                let rule = ReferenceRule.make(nodes: k)
                let error = BigInterval(coefficients[k]) * largest * context.constant(h.power(k + 1) * rule.absoluteOmegaIntegral) * scale
                if error.isFinite && error.upper <= share { return (rule, error, true) }
                last = (rule, error)
            }
        }
        return (last!.0, last!.1, false)
    }

    /// The side's nodes and weights as intervals (a weight's rounding inside its interval).
    func nodesAndWeights(side i: Int, _ rule: ReferenceRule, of r: Rectangle) -> [(node: BigInterval, weight: BigInterval)] {
        let (lo, hi) = r.side(i), c = (lo + hi) / 2, h = (hi - lo) / 2
        let weights = expectation.isNormal[i] ? FixedNodeExpectation.normalWeights(rule, center: c, halfWidth: h)
            : rule.weights.map { (h * $0, BigFloat(0, precision: 64)) }
        return zip(rule.nodes, weights).map { u, w in
            let rounding = BigInterval(lower: BigFloat(0, precision: context.precision) - w.1, upper: w.1)
            return (context.constant(c + h * u), context.constant(w.0) + rounding)
        }
    }

    /// The integral over the rectangles, each split while no rule fits its share `perArea` times its area; how many
    /// rectangles were examined, and why the bound fell short if it did.
    mutating func integral(over start: [Rectangle], perArea: BigRational) -> (BigInterval, Int, String?) {
        var stack = Array(start.reversed())
        var total = context.constant(0)
        var examined = 0
        var shortfall: String? = nil
        while let r = stack.popLast() {
            examined += 1
            let share = BigFloat(perArea * r.area / 2, precision: 64, rounding: .down)
            let lastChance = examined + stack.count >= TensorExpectation.maximumRectangles
            // The outer side's bound, with G's coefficient at most F's times the inner side's mass.
            let innerMass = density(side: 1, r.second.0, r.second.1).mass
            let outer = rule(side: 0, of: r, scale: innerMass, share: share)
            if !outer.fits && !lastChance { stack += r.halved(along: 0); continue }
            let outerNodes = nodesAndWeights(side: 0, outer.rule, of: r)
            let absoluteWeights = outerNodes.reduce(context.constant(0)) { $0 + BigInterval($1.weight.magnitudeUpper) }
            let inner = rule(side: 1, of: r, scale: absoluteWeights, share: share)
            if !inner.fits && !lastChance { stack += r.halved(along: 1); continue }
            if (!outer.fits || !inner.fits) && shortfall == nil {
                shortfall = "the tensor rule stopped at \(TensorExpectation.maximumRectangles) rectangles, its bound still wider than the tolerance near "
                    + "z = (\(((r.first.0 + r.first.1) / 2).doubleValue), \(((r.second.0 + r.second.1) / 2).doubleValue))"
            }
            let innerNodes = nodesAndWeights(side: 1, inner.rule, of: r)
            var sum = context.constant(0)
            for (u, wu) in outerNodes {
                var row = context.constant(0)
                for (v, wv) in innerNodes { row = row + wv * values.evaluate(inputs + [u, v])[0][0] }
                sum = sum + wu * row
            }
            work += Double(outerNodes.count * innerNodes.count * expectation.values.instructions.count) * words
            let error = (outer.error + inner.error).magnitudeUpper
            total = total + sum + BigInterval(lower: BigFloat(0, precision: context.precision) - error, upper: error)
        }
        return (total, examined, shortfall)
    }
}
