import Foundation
import PhasecheckExpressions
import PhasecheckNumbers

/// A rigorous enclosure of `E f(xi)` for an integrand without a closed form (tanh, erf, a sigmoid of a Gaussian
/// or uniform variable): `Expectation` rewrites polynomials, kinks and exponentials exactly; this covers
/// smooth integrands by interval Taylor quadrature.
///
/// The variable is standardized, xi = mean + sd z with z ~ N(0, 1), or xi = a + (b - a) w with w uniform on
/// [0, 1], F(z) = f(xi(z)), and g = F rho is integrated, rho the density (phi(z), or 1 on [0, 1]):
///
/// - on |z| >= L (normal only), F is enclosed on [L, inf) as z^n times an interval I (`TailGrowth`: n = 0 for a
///   bounded integrand such as tanh, erf, sigmoids, sin; n >= 1 for one growing like a power, z tanh z), and the
///   integral lies in I times the exact moment integral over [L, inf) of z^n phi(z); likewise on the left. An
///   integrand growing faster than every power, such as exp(xi) tanh(xi), has no bound;
/// - on [-L, L] (or [0, 1]), on pieces [c - h, c + h]: g(c + u) = sum_(j < K) g_j(c) u^j + g_K(eta) u^K with
///   g_j the normalized Taylor coefficients, computed to order K by the Taylor-mode recurrences of
///   `TaylorCoefficientEngine` (z in the place of t), in interval arithmetic; K even (u^K >= 0), so the piece's
///   integral lies in sum_(even j < K) g_j(c) 2h^(j+1)/(j+1) + g_K([c - h, c + h]) 2h^(K+1)/(K+1), the last
///   coefficient evaluated over the whole piece. A piece whose remainder is wider than its share of the tolerance
///   is halved, up to `maximumPieces`. The order grows with the precision (`order(bits:)`), so that the pieces
///   needed stay few as the tolerance tightens.
///
/// The enclosure always holds the exact value; when it is wider than the tolerance asked, `shortfall` says why.
public struct NumericalExpectation: Sendable {
    public let integrand: Expr
    public let variable: String
    public let law: Distribution
    /// Pieces examined at most per enclosure (each costs two evaluations of the Taylor coefficients).
    public static let maximumPieces = 3000

    /// Outputs: F in the standardized variable, then the law's two parameters (the tails and the law's checks).
    let values: Tape
    /// Output: g = F rho, the variable its last input (the Taylor engine's time).
    let weighted: Tape
    /// Output: F with its polynomials in z factored by their top power (`Expectation.factoredAtInfinity`), inputs
    /// those of `values` and then w = 1/z: the tails' enclosure (`TailGrowth`).
    let valuesAtInfinity: Tape
    let inputCount: Int
    /// Outputs: the coefficients c0, c1 (and c2) of each kink's or jump's switching argument, a polynomial of degree
    /// 1 or 2 in z (`KinkPolynomial`), whose zeros the pieces are split at (`splitAtKinks`).
    let kinkLines: Tape
    /// The degree of each switching argument in `kinkLines`, in order.
    let kinkDegrees: [Int]

    /// Compiles the integrand over `inputs` (the symbols the integrand and the law's parameters may use besides
    /// the variable), which `enclosure` then takes in this order. A kink or jump (abs, sign, min, max, atan2) must
    /// switch where an argument affine or quadratic in the variable vanishes (fixed places, given the parameters): the pieces are
    /// split there, each smooth on its side (E[erfc(c xi) ; xi > 0], an NTK's step times an erf, has no closed form).
    /// - Parameter pointMass: a uniform law's width is exactly 0 at the values it will be given (the caller knows them
    ///   exactly: `uniform(lo, hi)` with lo = hi = 1/3, whose enclosures' difference straddles 0 and would put a kink's
    ///   place at a division by it): the integrand is taken at the lower end, the point mass there.
    public init(integrand: Expr, variable: String, law: Distribution,
                inputs: [(name: String, shape: Shape)], pointMass: Bool = false) throws {
        self.integrand = integrand
        self.variable = variable
        self.law = law
        let z = Expr.symbol(variable)
        let standardized: Expr, parameters: [Expr], density: Expr
        switch law {
        case .normal(let mean, let sd):
            standardized = mean + sd * z
            parameters = [mean, sd]
            density = .call(.exp, -(z * z) / .number(2)) / .call(.sqrt, .number(2) * .symbol(ReservedSymbols.pi))
        case .uniform(let a, let b):
            standardized = pointMass ? a : a + (b - a) * z
            parameters = [a, b]
            density = .number(1)
        case .rademacher:
            preconditionFailure("a Rademacher expectation is always exact")
        }
        let F = integrand.substituting([variable: standardized])
        let allInputs = inputs + [(name: variable, shape: Shape.scalar)]
        values = try Tape(compiling: [F] + parameters, inputs: allInputs)
        guard values.outputShapes.allSatisfy({ $0 == .scalar }) else {
            throw CompileError(message: "its integrand and law's parameters must be scalars, found \(values.outputShapes[0]) for `\(integrand)`")
        }
        weighted = try Tape(compiling: [F * density], inputs: allInputs)
        let reciprocal = variable + "#reciprocal"
        valuesAtInfinity = try Tape(compiling: [Expectation.factoredAtInfinity(F, variable: variable, reciprocal: reciprocal)],
                                    inputs: allInputs + [(name: reciprocal, shape: Shape.scalar)])
        inputCount = weighted.inputs.count - 1
        var lines: [Expr] = [], degrees: [Int] = []
        for node in Expr.postorder(from: [F]) {
            guard let argument = node.switchingArgument, argument.freeSymbols.contains(variable) else { continue }
            guard let polynomial = try KinkPolynomial(argument, variable: variable) else {
                throw CompileError(message: "`\(integrand)` has a kink or jump `\(node)` whose place is not where a polynomial of degree at most 2 in \(variable) vanishes, and no closed form: the quadrature's Taylor pieces are split where an affine or quadratic switching argument vanishes; write the kink as max(A, B) with A - B affine or quadratic in the variable")
            }
            lines += polynomial.coefficients
            degrees.append(polynomial.coefficients.count - 1)
        }
        kinkLines = try Tape(compiling: lines, inputs: inputs)
        kinkDegrees = degrees
    }

    /// Whether the instruction is piecewise (abs, min, max, sign) or jumps (atan2 across its branch cut): the Taylor
    /// pieces need a smooth integrand.
    public static func isKink(_ instruction: Tape.Instruction) -> Bool {
        switch instruction {
        case .function(let f, _): f.switchesAtZero
        case .binaryFunction(let f, _, _): f.switching != nil
        default: false
        }
    }

    /// The Taylor order of the pieces at `bits`: even, about 0.3 bits (which about minimizes pieces times the
    /// order's quadratic cost per piece), at least 8.
    public static func order(bits: Int) -> Int { Swift.max(8, 2 * ((3 * bits / 10) / 2)) }

    /// An enclosure of the expectation and, when it may be wider than about 2^-(bits - 48), why.
    public struct Result: Sendable {
        public let value: BigInterval
        public let shortfall: String?
        /// The precision it was computed at.
        public let bits: Int
        /// Pieces whose Taylor coefficients were computed (kept or halved).
        public let examined: Int
        /// The arithmetic it took, counted the same on every machine (`work(pieces:bits:)`).
        public let work: Double

        /// This enclosure standing in for one at `bits` that was not computed, for `reason` (a work budget).
        public func standingIn(at bits: Int, because reason: String) -> Result {
            Result(value: value, shortfall: reason, bits: bits, examined: 0, work: 0)
        }
    }

    /// The work of `pieces` pieces at `bits`: each computes the Taylor coefficients twice (at its centre and over
    /// it), about the tape's operations times the order squared, each on numbers of bits/64 machine words.
    public func work(pieces: Int, bits: Int) -> Double {
        let order = Double(Self.order(bits: bits) + 1)
        return Double(pieces) * 2 * Double(weighted.instructions.count) * order * order * Double((bits + 63) / 64)
    }

    /// The enclosure at `bits` of precision, the inputs given as enclosures in the order of `init`.
    public func enclosure(inputs: [BigInterval], bits: Int) -> Result {
        let context = IntervalContext(precision: bits)
        let tolerance = BigRational(1, 2).power(Swift.max(bits - 48, 8))
        let (a, b, tail): (BigRational, BigRational, BigInterval)
        switch law {
        case .normal:
            // e^(-L^2/2) <= tolerance.
            let lnTolerance = -Double(Swift.max(bits - 48, 8)) * 0.6931471805599453
            let L = Int((2 * -lnTolerance).squareRoot().rounded(.up))
            let (tails, tailShortfall) = self.tails(beyond: L, inputs: inputs, context: context)
            if let tailShortfall { return Result(value: tails, shortfall: tailShortfall, bits: bits, examined: 0, work: 0) }
            (a, b, tail) = (BigRational(-L), BigRational(L), tails)
        case .uniform:
            (a, b, tail) = (0, 1, context.constant(0))
        case .rademacher:
            preconditionFailure("a Rademacher expectation is always exact")
        }
        let order = Self.order(bits: bits)
        let perLength = tolerance / (b - a)
        // Pieces of length 1 to start: at the orders used, most need no halving.
        let pieces = (0..<Int((b - a).doubleValue.rounded())).map { k in (a + BigRational(k), a + BigRational(k + 1)) }
        let (start, gaps, gapShortfall) = splitAtKinks(pieces, inputs: inputs, context: context)
        if let gapShortfall { return Result(value: .entire(precision: bits), shortfall: gapShortfall, bits: bits, examined: 0, work: 0) }
        do {
            var quadrature = try Quadrature(tape: weighted, inputs: Array(inputs.prefix(inputCount)), context: context, order: order)
            let (inner, examined, innerShortfall) = quadrature.integral(start, perLength: perLength)
            let value = tail + gaps + inner
            let shortfall = innerShortfall ?? (value.isFinite ? nil : "the integrand is not finite everywhere on its domain")
            return Result(value: value, shortfall: shortfall, bits: bits, examined: examined, work: work(pieces: examined, bits: bits))
        } catch {
            return Result(value: .entire(precision: bits), shortfall: "its Taylor coefficients cannot be computed: \(error)",
                          bits: bits, examined: 0, work: 0)
        }
    }

    /// `pieces` split at each zero of each kink's switching argument (`KinkPolynomial.places`), a gap of 2^-24 times the
    /// tolerance on each side left out (`FixedNodeExpectation.leavingGaps`: the gaps' ends are exact at the working
    /// precision, so a piece's hull stays off the place), and the gaps' share: at most |F| over the gap times the
    /// density's bound (1/sqrt(2 pi) < 1/2, or 1) times its width. A shortfall when a slope may be 0 while its argument
    /// may vanish (a kink that may switch anywhere), a place is not finite, or a gap's share is not finite.
    private func splitAtKinks(_ pieces: [(BigRational, BigRational)], inputs: [BigInterval], context: IntervalContext)
        -> ([(BigRational, BigRational)], BigInterval, String?) {
        guard !kinkLines.outputShapes.isEmpty else { return (pieces, context.constant(0), nil) }
        var lines = TapeEvaluator(tape: kinkLines, context: context)
        let values = lines.evaluate(Array(inputs.prefix(inputCount)))
        var places: [BigInterval] = [], next = 0
        for degree in kinkDegrees {
            let (zeros, failure) = KinkPolynomial.places(values[next...(next + degree)].map { $0[0] })
            next += degree + 1
            if let failure { return (pieces, context.constant(0), failure) }
            guard zeros.allSatisfy(\.isFinite) else { return (pieces, context.constant(0), "a kink or jump of the integrand has no finite place") }
            places += zeros
        }
        let epsilon = BigRational(1, 2).power(Swift.max(context.precision - 48, 8) + 24)
        var evaluator = TapeEvaluator(tape: self.values, context: context)
        let densityBound: BigRational = if case .normal = law { BigRational(1, 2) } else { 1 }
        let (split, share) = FixedNodeExpectation.leavingGaps(around: places, in: pieces, epsilon: epsilon, densityBound: densityBound,
                                                              context: context) { evaluator.evaluate(inputs + [$0])[0][0] }
        guard share.isFinite else { return (pieces, context.constant(0), "the integrand is not bounded near a kink or jump") }
        return (split, BigInterval(lower: -share.upper, upper: share.upper), nil)
    }

    /// An upper bound of |f| over the law's whole support (f's interval extension there), or nil when there is
    /// none; with `enclosure` of f^2 it bounds E|f| from below, E|f| >= E f^2 / sup |f|.
    public func magnitudeBound(inputs: [BigInterval], bits: Int) -> BigFloat? {
        let context = IntervalContext(precision: bits)
        let support: BigInterval = switch law {
        case .normal: BigInterval(lower: BigFloat.infinity(precision: bits, negative: true), upper: BigFloat.infinity(precision: bits))
        default: BigInterval(lower: BigFloat(0, precision: bits), upper: BigFloat(1, precision: bits))
        }
        var evaluator = TapeEvaluator(tape: values, context: context)
        let range = evaluator.evaluate(inputs + [support])[0][0]
        return range.isFinite ? range.magnitudeUpper : nil
    }

    /// The integral over |z| >= L against phi, and why it is unbounded if it is: on each tail F, its polynomials in z
    /// factored by their top power, is enclosed as |z|^n times an interval (`TailGrowth`), n = 0 for a bounded
    /// integrand (tanh, erf; exp(-xi^4/4 + xi^2), whose top power wins), n >= 1 for one that grows like a power (z tanh z,
    /// a ReLU times a normal input), and the tail's share is that interval times the exact moment E[|z|^n ; z >= L].
    /// An integrand that grows faster than every power (exp(xi), exp(xi^2/2)) has no bound.
    private func tails(beyond L: Int, inputs: [BigInterval], context: IntervalContext) -> (BigInterval, String?) {
        let variable = values.inputs.count - 1
        let sides = [1, -1].map {
            TailGrowth(tape: valuesAtInfinity, variable: variable, reciprocal: variable + 1, sign: $0, inputs: inputs, cut: L, context: context)
        }
        guard sides.allSatisfy(\.isFinite) else {
            return (BigInterval.entire(precision: context.precision),
                    "the integrand has no finite bound on the tails |z| >= \(L) of the standardized variable, not even as a power of |z| times a constant (it grows faster than every power, or its growth is not seen), so the tails' share cannot be bounded")
        }
        return (sides[0].integral(cut: L, context: context) + sides[1].integral(cut: L, context: context), nil)
    }
}

/// The interval arithmetic of one enclosure: the Taylor coefficients of g in z at a piece's centre and over the piece.
private struct Quadrature {
    var engine: TaylorCoefficientEngine<IntervalContext>
    let context: IntervalContext
    let order: Int

    init(tape: Tape, inputs: [BigInterval], context: IntervalContext, order: Int) throws {
        // Order K + 1: the engine computes a register's coefficients through one order below its own.
        engine = try TaylorCoefficientEngine(tape: tape, order: order + 1, context: context, stateSlotCount: 0,
                                             parameterValues: inputs, hasTime: true)
        self.context = context
        self.order = order
    }

    func hull(_ a: BigRational, _ b: BigRational) -> BigInterval {
        BigInterval(lower: BigFloat(a, precision: context.precision, rounding: .down),
                    upper: BigFloat(b, precision: context.precision, rounding: .up))
    }

    /// g_0 ... g_K at z (an enclosure of their ranges when z is an interval), on the branch of every kink that z lies
    /// on one side of; nil when some kink may switch inside z.
    mutating func coefficients(at z: BigInterval) -> [BigInterval]? {
        guard FixedNodeExpectation.computeOnOneBranch(&engine, over: z, through: order + 1) else { return nil }
        return (0...order).map { engine.outputCoefficient(0, $0) }
    }

    /// The integral over the union of `start`'s pieces, each halved while its remainder is wider than its share
    /// `perLength` times its length of the tolerance; how many pieces were examined, and why it fell short if it did.
    mutating func integral(_ start: [(BigRational, BigRational)], perLength: BigRational) -> (BigInterval, Int, String?) {
        var stack = Array(start.reversed())
        var total = context.constant(0)
        var examined = 0
        var shortfall: String? = nil
        while let (lo, hi) = stack.popLast() {
            examined += 1
            let c = (lo + hi) / 2, h = (hi - lo) / 2
            // A piece on which a kink may switch has no enclosure: it is halved, or counts as the whole line.
            let (central, remainder) = piece(center: c, halfWidth: h, box: hull(lo, hi))
                ?? (context.constant(0), BigInterval.entire(precision: context.precision))
            let allowed = BigFloat(perLength * (hi - lo), precision: 64)
            if examined + stack.count >= NumericalExpectation.maximumPieces {
                if shortfall == nil {
                    shortfall = "the quadrature stopped at \(NumericalExpectation.maximumPieces) pieces, its remainder still wider than the tolerance near z = \(c.doubleValue)"
                }
            } else if !(remainder.isFinite && remainder.width <= allowed) {
                stack.append((c, hi))
                stack.append((lo, c))
                continue
            }
            total = total + central + remainder
        }
        return (total, examined, shortfall)
    }

    /// The Taylor part and the remainder of the integral over [c - h, c + h].
    mutating func piece(center c: BigRational, halfWidth h: BigRational, box: BigInterval) -> (BigInterval, BigInterval)? {
        guard let atCenter = coefficients(at: context.constant(c)), let top = coefficients(at: box)?[order] else { return nil }
        var central = context.constant(0)
        var hPower = h   // h^(j + 1)
        for j in 0..<order {
            if j % 2 == 0 { central = central + atCenter[j] * context.constant(2 * hPower / BigRational(j + 1)) }
            hPower = hPower * h
        }
        return (central, top * context.constant(2 * hPower / BigRational(order + 1)))
    }
}

/// A certified quadrature of an expectation without a closed form: `NumericalExpectation` (one variable) or
/// `TensorExpectation` (two).
public protocol CertifiedExpectation: Sendable {
    /// The enclosure at `bits` of precision, the inputs given as enclosures in the order the quadrature was compiled with.
    func enclosure(inputs: [BigInterval], bits: Int) -> NumericalExpectation.Result
    /// The work, counted the same on every machine, of `pieces` pieces (rectangles) at `bits`.
    func work(pieces: Int, bits: Int) -> Double
    /// An upper bound of |f| over the laws' supports, or nil when there is none.
    func magnitudeBound(inputs: [BigInterval], bits: Int) -> BigFloat?
}

extension NumericalExpectation: CertifiedExpectation {
    /// The quadrature of `d` over its variables, compiled over `inputs`: one variable by Taylor pieces, two by the tensor rule.
    public static func certified(_ d: DeferredExpectation, inputs: [(name: String, shape: Shape)]) throws -> any CertifiedExpectation {
        d.innerVariables.isEmpty ? try NumericalExpectation(integrand: d.integrand, variable: d.variable, law: d.law, inputs: inputs)
            : try TensorExpectation(integrand: d.integrand, variables: d.variables, inputs: inputs)
    }
}

extension TensorExpectation: CertifiedExpectation {}

extension TaylorCoefficientEngine {
    /// Coefficient k of tape output i (k below the engine's order).
    func outputCoefficient(_ i: Int, _ k: Int) -> V { store[rightHandSideOffsets[i] + k] }
}
