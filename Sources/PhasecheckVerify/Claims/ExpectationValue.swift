import Foundation
import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckFormat
import PhasecheckNumbers

/// `expectation E == V [digits k]`: E, an expression of the parameters whose `expect(f, xi ~ law)` may have
/// no closed form (a smooth f of one normal or uniform variable), equals V. Each such expectation is enclosed
/// by interval Taylor quadrature with a certified remainder (`NumericalExpectation`), so the comparison is as
/// rigorous as a closed form's; a bound too wide for the digits asked leaves the claim undecided, saying why.
public struct ExpectationValueClaim: ClaimKind, ComparesSides {
    public static let keyword = "expectation"
    package static let grammar = #""expectation" expr "==" expr [ "digits" INTEGER ]"#
    package static let documentation = [
        #"| `expectation E == V` | E, an expression of the parameters, equals V, where E may hold `expect(f, xi ~ normal(m, s))` or `expect(f, xi ~ uniform(a, b))` of a smooth f with no closed form (tanh, erf, a sigmoid of xi; one variable, or two by the tensor rule of "Two variables: a tensor rule with a certified bound"): each is enclosed in interval arithmetic, the normal's tails \|z\| >= L by an enclosure of f/\|z\|^n there times the exact moment E[\|z\|^n ; z >= L] (so f must be bounded by a power of \|z\| there), [-L, L] by Taylor pieces whose order grows with the precision, the remainder bounded by the last coefficient's enclosure on each piece (see "Smooth integrands: quadrature with a certified bound" above). With `digits k`, V must be the value correctly rounded to k digits. Undecided, with the reason, when the bound is too wide (an unbounded tail, the 3000-piece limit) |"#,
    ]
    package static let example = ClaimExample(
        file: "derivations/large/gaussian_expectations.phc", claim: #"uniform on [0, 1]: E tanh(xi)^2 = 1 - tanh(1)"#,
        original: #"xi ~ uniform(0, 1)) == 1 - tanh(1)"#, planted: #"xi ~ uniform(0, 1)) == 1 - tanh(1.001)"#)

    public var expression: Expr
    public var expected: Expr
    public var digits: Int?
    package var referenceDigits: Int? { digits }
    /// The expectations without a closed form, in the order of their symbols in `expression`.
    public var deferred: [DeferredExpectation]

    public static func read(_ reader: inout StatementReader) throws(ParseError) -> Self {
        reader.parser.deferredExpectations = []
        defer { reader.parser.deferredExpectations = nil }
        let e = try reader.parser.parseExpression()
        let deferred = reader.parser.deferredExpectations ?? []
        reader.parser.deferredExpectations = nil
        try reader.parser.expect("==", "before the expected value")
        let expected = try reader.parser.parseExpression()
        var digits: Int? = nil
        if reader.acceptKeyword("digits") { digits = try reader.integer("the number of known digits", atLeast: 1) }
        return Self(expression: e, expected: expected, digits: digits, deferred: deferred)
    }

    /// The expression with each deferred expectation's integrand in its place (the names it uses), the
    /// laws' parameters and the expected value: what the reader checks.
    public var expressions: [Expr] {
        [expression.substituting(representatives), expected] + deferred.flatMap(\.lawParameters)
    }
    /// Each deferred expectation's symbol with the integrand at the law's centre in its place.
    private var representatives: [String: Expr] {
        Dictionary(uniqueKeysWithValues: deferred.map { ($0.symbol, $0.representative) })
    }
    package var sides: (Expr, Expr) { (expression.substituting(representatives), expected) }

    package func workingDigits(asked: Int) -> Int { Self.workingDigits(asked: asked, referenceDigits: digits) }

    package func check(_ check: inout ClaimCheck) throws {
        let model = check.model
        let expectations = deferred.map { $0.mapExpressions(model.expand) }
        let e = model.expand(expression), expected = model.expand(expected)
        if check.involvesMotion([e, expected] + expectations.map(\.representative)) {
            throw CheckError("an `expectation` claim is about the parameters alone; the state and t have no value here (use `value` for a quantity along the trajectory)")
        }
        let quadrature = try QuadratureValues(model: model, expectations: expectations, budget: check.options.budget)
        let decide = check.roundingDecision(knownDigits: digits)
        let laws = expectations.isEmpty ? "closed form" : "interval Taylor quadrature of \(expectations.count) expectation\(expectations.count == 1 ? "" : "s")"
        check.detail = laws + "; " + (digits.map { "reference known to \($0) digits: must be the value correctly rounded" } ?? "exact reference")
        do {
            let (outcome, point, count) = try check.compare([(e, expected)], at: [.number(0)], along: quadrature, decide: decide)
            check.record(outcome, point, count: count) { _ in [] }
            if check.status == .undecided, let reason = quadrature.shortfall { check.undecidedReason = reason }
        } catch let shortfall as QuadratureShortfall {
            check.status = .undecided
            check.undecidedReason = shortfall.reason
        }
    }
}

/// The values of expressions of the parameters in which the symbols of deferred expectations stand for
/// their enclosures: a `Trajectory` at t = 0 only, certified.
final class QuadratureValues: Trajectory, @unchecked Sendable {
    let model: Model
    let expectations: [DeferredExpectation]
    let integrators: [any CertifiedExpectation]
    /// Why the last enclosure asked for was wider than its tolerance (nil: it was not).
    private(set) var shortfall: String?
    /// The most quadrature work (`NumericalExpectation.work`) all the precisions tried may take together; nil when
    /// the user's --max-bits alone bounds them.
    let workBudget: Double?
    /// The work done so far, and the pieces each quadrature took at the last precision (to predict the next).
    private var workDone: Double = 0
    private var lastPieces: [Int] = []

    init(model: Model, expectations: [DeferredExpectation], budget: ComputeBudget) throws {
        self.model = model
        self.expectations = expectations
        workBudget = budget.maximumBits == nil ? budget.maximumQuadratureWork : nil
        integrators = try expectations.map { d in
            if let name = d.variables.map(\.name).first(where: { name in model.inputShapes.contains { $0.name == name } }) {
                throw CheckError("the random variable `\(name)` of `expect` is also a name of the model; give it another name")
            }
            do {
                return try model.certifiedExpectation(d)
            } catch {
                throw CheckError("cannot take the expectation of `\(d.integrand)` by quadrature: \(error)")
            }
        }
    }

    var isCertified: Bool { true }

    /// An expectation is an integral, a sum: the scale of what cancels in it is E|f| (a leaf's scale would be
    /// |E f|, nothing when the integrand is odd), which its symbol's scale input bounds from below.
    func cancellationScale(of e: Expr, digits: Int) -> Expr {
        CancellationScale.of(e, digits: digits, leafScales: Dictionary(uniqueKeysWithValues: expectations.map { ($0.symbol, .symbol(Self.scaleSymbol($0))) }))
    }

    /// The quadratures at twice `bits` take about the pieces they took at `bits`, each at the higher order and
    /// precision (8 times the work); beyond the budget's remainder they are not started.
    func unaffordable(raisingFrom bits: Int) -> String? {
        guard let workBudget else { return nil }
        let next = zip(integrators, lastPieces).map { $0.work(pieces: $1, bits: 2 * bits) }.reduce(0, +)
        guard workDone + next > workBudget else { return nil }
        func text(_ x: Double) -> String { String(format: "%.1e", x) }
        return "the quadrature was not run at \(2 * bits) bits: it would take about \(text(next)) word operations (pieces x tape x order^2 x words), "
            + "beyond what is left of the default budget of \(text(workBudget)) (\(text(workBudget - workDone))), counted the same on every machine; "
            + "--max-bits \(2 * bits) or more lifts it"
    }

    static func scaleSymbol(_ expectation: DeferredExpectation) -> String { expectation.symbol + "#scale" }

    /// Lower bounds of E|f| for each expectation, E f^2 / sup |f| (f^2 by the same quadrature at 112 bits, 64 for two variables, a few
    /// digits being all a scale needs): computed once, on first use.
    private var absoluteMeans: [BigInterval]?

    private func absoluteMeans(inputs vector: [BigInterval], bits: Int) throws -> [BigInterval] {
        if let absoluteMeans { return absoluteMeans }
        let means = try zip(expectations, integrators).map { d, integrator -> BigInterval in
            // A tensor rule's work grows faster with the precision: 64 bits (E f^2 within 2^-16) for it.
            let scaleBits = d.innerVariables.isEmpty ? 112 : 64
            let square = try model.certifiedExpectation(d.with(integrand: d.integrand * d.integrand))
            let zero = BigInterval(BigFloat(0, precision: bits))
            guard let bound = integrator.magnitudeBound(inputs: vector, bits: scaleBits), !bound.isZero else { return zero }
            let meanSquare = square.enclosure(inputs: vector, bits: scaleBits).value
            guard meanSquare.isFinite, meanSquare.lower.sign > 0 else { return zero }
            return BigInterval((BigInterval(meanSquare.lower) / BigInterval(bound)).lower)
        }
        absoluteMeans = means
        return means
    }

    /// More precision does not narrow a bound that fell short for a reason other than the precision (an
    /// unbounded tail, a kink, the piece limit), and costs more pieces: the comparison stops there.
    func values(of exprs: [Expr], at times: [Expr], bits: Int) throws -> [[[BigInterval]]] {
        if let shortfall { throw QuadratureShortfall(reason: shortfall) }
        let inputs = model.inputShapes + expectations.map { (name: $0.symbol, shape: Shape.scalar) }
            + expectations.map { (name: Self.scaleSymbol($0), shape: Shape.scalar) }
        let exprs = exprs.map(model.exactSwitches)
        let tape = try Tape(compiling: exprs, inputs: inputs, onlyUsedInputs: true)
        // The model's smooth expectations (a `let`'s) that the expressions or the integrands and laws read.
        let read = try Tape(compiling: exprs + expectations.flatMap { [$0.representative] + $0.lawParameters }, inputs: inputs, onlyUsedInputs: true)
        let context = IntervalContext(precision: bits)
        let modelInputs = try ModelInputs(model: model, context: context)
        let vector = modelInputs.vector(t: context.constant(0), reading: read)
        lastPieces = []
        let enclosures = zip(expectations, integrators).map { d, integrator in
            let result = integrator.enclosure(inputs: vector, bits: bits)
            workDone += result.work
            lastPieces.append(result.examined)
            if shortfall == nil, let reason = result.shortfall {
                shortfall = "expect(\(d.integrand), \(d.variables.map { "\($0.name) ~ ..." }.joined(separator: ", "))): " + reason
            }
            return result.value
        }
        let readsScales = exprs.contains { e in expectations.contains { e.freeSymbols.contains(Self.scaleSymbol($0)) } }
        let scales = readsScales ? try absoluteMeans(inputs: vector, bits: bits) : expectations.map { _ in context.constant(0) }
        var evaluator = TapeEvaluator(tape: tape, context: context)
        return times.map { _ in evaluator.evaluate(vector + enclosures + scales) }
    }
}

extension Model {
    /// The certified quadrature of `d` over the model's inputs. Over one uniform law whose width is exactly 0 at this
    /// model's values (`uniform(lo, hi)` with lo = hi as two parameters, as `noise` lines take it) it is the point mass
    /// there: the enclosures of the two ends differ by an interval around 0, which a kink's place would be divided by.
    func certifiedExpectation(_ d: DeferredExpectation) throws -> any CertifiedExpectation {
        if d.innerVariables.isEmpty, case .uniform(let a, let b) = d.law, exactValue(of: b - a)?.isZero == true {
            return try NumericalExpectation(integrand: d.integrand, variable: d.variable, law: d.law, inputs: inputShapes, pointMass: true)
        }
        return try NumericalExpectation.certified(d, inputs: inputShapes)
    }

    /// `e` with each abs or sign whose argument is a constant of the parameters, exactly 0 at this model's rational values,
    /// taken at that 0: sign(hi - lo) at lo = hi = 1/3 (a uniform law's width in an expectation's closed form, divided out
    /// only where it is not 0) is 0, where the enclosure of hi - lo straddles 0 at every precision and the closed form
    /// was not finite.
    func exactSwitches(_ e: Expr) -> Expr {
        var memo: [ObjectIdentifier: Expr] = [:]
        for node in Expr.postorder(from: [e]) {
            if case .function(let f) = node.kind, f.switchesAtZero, exactValue(of: node.arguments[0])?.isZero == true {
                memo[ObjectIdentifier(node)] = .number(0)
            } else {
                memo[ObjectIdentifier(node)] = node.arguments.isEmpty ? node : node.rebuilt(node.arguments.map { memo[ObjectIdentifier($0)]! })
            }
        }
        return memo[ObjectIdentifier(e)]!
    }
}

/// A quadrature bound that more precision would not narrow, with the reason.
struct QuadratureShortfall: Error {
    let reason: String
}
