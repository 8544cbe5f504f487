import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckFormat
import PhasecheckNumbers

/// `identity L == R`: for all parameters in their domains (and along trajectories if either side involves
/// the state or t).
public struct IdentityClaim: ClaimKind, ComparesSides {
    public static let keyword = "identity"
    package static let grammar = #""identity" expr "==" expr"#
    package static let documentation = [
        #"| `identity L == R` | at the file's parameters and at 5 random draws (from the domains, satisfying the `assume` lines; seeded by `--seed`); along the trajectory at 6 times if either side involves the state or t (in a file of `map` lines without a flow, at step 0, its first 6 steps and 6 spread over the iteration, `descent steps N`, in interval arithmetic: an identity in the map states is about every state, the initial one included, and the iterates are states the map reaches; where the iteration passes 10^30 the steps it reached before are compared, a certain failure there FAILS, and otherwise a random draw is rejected, never counted as checked (with none checked the claim is undecided, saying the draws diverged), and an identity proved exactly holds on the steps before; sides that read a state whose map draws noise are an error). Exactly (digits `exact`, the file's parameters only, along its trajectory at 6 times if either side moves) when L - R expands to 0 as for `invariant E`, with no kink or jump: the sides are then equal wherever every subexpression is defined, every point a comparison could use, so a division by, a root or a logarithm of a varying quantity is allowed; the comparison at the file's parameters shows them defined there. A random draw where a side is not finite at 4 times the starting precision is rejected and counted in the report. A failure is shrunk: each random value is replaced by the first of (its default, 1, 2, 1/2, 0, -1) that keeps it failing (and the `assume` lines satisfied) |"#,
    ]
    package static let allowsVectors = true
    package static let example = ClaimExample(
        file: "derivations/saxe_logistic.phc", claim: #"with D = 0 the NTK is K = 2 lambda |a|"#,
        original: #"== 2*lambda*a"#, planted: #"== 3*lambda*a"#)

    public var lhs: Expr
    public var rhs: Expr

    public static func read(_ reader: inout StatementReader) throws(ParseError) -> Self {
        let lhs = try reader.parser.parseExpression()
        try reader.parser.expect("==", "between the two sides of the identity")
        return Self(lhs: lhs, rhs: try reader.parser.parseExpression())
    }

    public var expressions: [Expr] { [lhs, rhs] }
    package var sides: (Expr, Expr) { (lhs, rhs) }

    package func check(_ check: inout ClaimCheck) throws {
        let (l, r) = (check.model.expand(lhs), check.model.expand(rhs))
        try check.checkIdentity(l, r, provenExactly: check.areExactlyEqual([(l, r)]), because: "L - R expands to 0")
    }
}

extension ClaimCheck {
    /// - Parameters:
    ///   - provenExactly: the sides are equal wherever defined, for all values (`areExactlyEqual`), `reason` says
    ///     why: they are compared at the file's parameters only (which shows them defined there, and along its
    ///     trajectory), with no random draws, and hold with exact agreement.
    ///   - definedToo: expressions that must have a value at every point compared at the file's parameters as well (a
    ///     rate's quantity L, whose derivative formula may be finite where L is not: 1/y for log y at y < 0). Where one
    ///     certainly has no real value (`DomainViolation`) the claim FAILS; where one is not finite otherwise, neither
    ///     exact route speaks for the claim and the numeric comparison decides.
    mutating func checkIdentity(_ lhs: Expr, _ rhs: Expr, provenExactly: Bool = false, because reason: String = "", definedToo: [Expr] = []) throws {
        var provenExactly = provenExactly
        let moving = involvesMotion([lhs, rhs] + (provenExactly ? definedToo : []))
        let shape = shape(of: (lhs, rhs))
        // In a file of `map` lines the states move step by step: sides that read them are compared at steps spread over
        // the iteration (the identity is about every state, and the iterates are states the map reaches).
        let alongMaps = movesByItsMaps && involvesState([lhs, rhs])
        if alongMaps, let noisy = try noisyStateError(readBy: [lhs, rhs], claim: "the identity") { throw noisy }
        // Step 0 too: the initial state is a state the identity is about.
        let times = alongMaps ? [Expr.number(0)] + (try stepsSpreadOverTheIteration(for: "an identity in the states of `map` lines"))
            : moving ? Sampling.times(horizon: try horizon, count: options.timeSamples) : [Expr.number(0)]
        let placeLabel = { (t: Expr) in alongMaps ? ("step", timeText(t)) : timeLabel(t) }
        var canonical = reachTheSameCanonicalForm(lhs, rhs)
        switch try valuesOfDifferentiated(definedToo, at: times, named: definedToo.first.map { "`\($0)`" } ?? "") {
        case .finite: break
        case .notFinite: (provenExactly, canonical) = (false, false)
        case .noRealValue: return
        }
        let exact = provenExactly || canonical
        var generator = SeededRandom(seed: options.seed)
        let random = derivation.parameters.filter { $0.domain != nil }
        var draw = 0
        var rejected = 0, diverged = 0
        var divergence: IteratedTrajectory.IterationDiverged? = nil
        var reachedNote = ""
        let parameterSets = provenExactly ? 1 : options.parameterDraws
        let (provenCheck, drawCheck) = (atProvenDigits, atDrawDigits)
        while draw < parameterSets {
            // The file's values are compared to the claim's digits (to fewer where proved: `atProvenDigits`), a random
            // draw to the draws' (`drawDigits`).
            let checker = draw > 0 ? drawCheck : provenExactly ? provenCheck : self
            var drawn = model
            var values: [String: BigRational] = [:]
            if draw > 0 {
                if random.isEmpty { break }
                (drawn, values) = try drawParameters(&generator)
            }
            let comparison: (Outcome, Point?, Int)
            do {
                // A random draw is given 4 times the starting precision: where a side is still not finite, it
                // lies outside the formulas' domain (or too far out to resolve), and another draw is taken.
                comparison = try checker.compare([(lhs, rhs)], at: times, along: checker.motion(for: drawn, needsState: involvesState([lhs, rhs])),
                                                 undefinedCapBits: draw == 0 ? nil : checker.startBits * 4)
            } catch let diverged as IteratedTrajectory.IterationDiverged where draw == 0 && provenExactly {
                // Equal wherever defined (proved): the steps the iteration reached before it diverged show the sides
                // defined at the states it reaches, and no later state exists to compare.
                let reached = times.filter { $0.numberValue.map { $0 < BigRational(diverged.step) } ?? false }
                comparison = try checker.compare([(lhs, rhs)], at: reached, along: checker.motion(for: drawn, needsState: true))
                reachedNote = "; the iteration diverges (passes 10^30 at step \(diverged.escapedAt)): compared at the \(reached.count) steps before"
            } catch let error where draw > 0 && (Self.isOutsideTheDomain(error) || error is IteratedTrajectory.IterationDiverged) {
                // A draw whose iteration diverges is rejected only once the steps it reached showed no certain failure.
                if let error = error as? IteratedTrajectory.IterationDiverged { (diverged, divergence) = (diverged + 1, divergence ?? error) } else { rejected += 1 }
                if rejected + diverged > 4 * options.parameterDraws {
                    guard diverged > 0 else {
                        throw CheckError("a side is not finite at \(rejected) random draws (\(error)); state the region where the identity holds with `assume`")
                    }
                    break
                }
                continue
            }
            var (outcome, point, count) = comparison
            if exact && outcome != .fails && point != nil {
                // Both sides were finite at every point compared, and equal as functions there.
                outcome = .holds
                point!.agreement = .exact
            }
            if outcome == .fails {
                let (shrunk, shrunkPoint) = try checker.shrink(values, lhs: lhs, rhs: rhs, times: times) ?? (values, point!)
                record(.fails, shrunkPoint, count: count, atADraw: draw > 0) { p in
                    shrunk.keys.sorted().map { ($0, decimal(shrunk[$0]!)) } + Self.componentLabel(p, of: shape) + (moving ? [placeLabel(p.time)] : [])
                }
                detail = "fails at the parameter values shown" + (draw == 0 ? " (the file's own)"
                    : " (drawn from the domains, then simplified" + (drawDigits < required ? "; compared to \(drawDigits) digits" : "") + ")")
                return
            }
            record(outcome, point, count: count, atADraw: draw > 0) { p in
                values.keys.sorted().map { ($0, decimal(values[$0]!)) } + Self.componentLabel(p, of: shape) + (moving ? [placeLabel(p.time)] : [])
            }
            draw += 1
        }
        let draws = random.isEmpty ? 1 : draw
        if draw == 1 && parameterSets > 1 && !random.isEmpty, let divergence, status == .holds {
            // A diverged draw is never counted as checked: with none checked, the random draws say nothing.
            status = .undecided
            undecidedReason = "no random draw of the parameters could be checked: the iteration diverged at \(diverged) draw\(diverged == 1 ? "" : "s") "
                + "without a certain failure at the steps before (at the first, \(divergence))" + (rejected > 0 ? ", and a side was not finite at \(rejected)" : "")
                + "; state the region where the iteration stays finite with `assume`"
        }
        detail = "\(draws) parameter set\(draws == 1 ? "" : "s")" + (alongMaps ? " x \(times.count) steps along the iteration in interval arithmetic"
               : moving ? " x \(times.count) times along the " + (model.closedForm != nil ? "closed form" : "integration") : "")
            + reachedNote + (provenExactly ? provenDigitsNote : "")
            + drawsNote(count: draws - 1)
            + (rejected > 0 ? "; \(rejected) further draw\(rejected == 1 ? "" : "s") rejected where a side was not finite" : "")
            + (diverged > 0 ? "; \(diverged) further draw\(diverged == 1 ? "" : "s") rejected where the iteration diverged" : "")
            + (provenExactly ? "; exactly: " + reason + " " + Self.exactlyWhereDefined + ", so no random draws"
               : exact ? "; exact: both sides reach the same canonical form, so they are equal wherever both are defined" : "")
    }

    /// What the quantities a claim differentiates (a rate's L, the loss) are at `times` at the file's parameters.
    enum DifferentiatedValues { case finite, notFinite, noRealValue }

    /// The values of `quantities` that a claim differentiates at each of `times` at the file's parameters: a derivative's
    /// formula can be finite where the quantity is not (1/y for log y at y < 0). Where one certainly has no real value
    /// (`DomainViolation`) the claim FAILS, recorded here with `name` in the detail (no quantity, no derivative); one
    /// that is not finite otherwise leaves the claim to the numeric comparison (no exact route speaks for it).
    /// Only whether they have values is asked, so they are evaluated first as a proved claim is compared (`atProvenDigits`),
    /// and at the claim's own digits only where that leaves one not finite.
    mutating func valuesOfDifferentiated(_ quantities: [Expr], at times: [Expr], named name: String) throws -> DifferentiatedValues {
        guard !quantities.isEmpty else { return .finite }
        var notFinite: (index: Int, along: any Trajectory, bits: Int)? = nil
        for check in drawDigits < required ? [atProvenDigits, self] : [self] {
            let along = check.trajectory(for: model, needsState: involvesState(quantities))
            let values = try along.values(of: quantities, at: times, bits: check.startBits)
            guard let i = values.firstIndex(where: { !$0.allSatisfy { $0.allSatisfy(\.isFinite) } }) else { return .finite }
            notFinite = (i, along, check.startBits)
        }
        let (i, along, bits) = notFinite!
        guard let violation = DomainViolation.find(in: quantities, at: times[i], along: along, model: model, bits: bits) else { return .notFinite }
        status = .fails
        worst = nil
        worstCase = [timeLabel(times[i])]
        compared = []
        detail = "\(name) has no real value at t = \(timeText(times[i])) at the file's parameters: \(violation), so its derivative is not defined there"
        return .noRealValue
    }

    /// Whether the two sides are equal as functions wherever both are defined, shown by their difference
    /// reaching the simplifier's canonical zero (`Expr.isCanonicallyEqual`). Only trees of scalars and
    /// vectors under the operations whose canonical rules are exact qualify (elementwise
    /// operations on matrices do; the matrix product and the other matrix operations do not). The switch is exhaustive on
    /// purpose: a new node kind (a matrix product, which does not commute) must be classified here before
    /// an identity using it can be called exact.
    func reachTheSameCanonicalForm(_ lhs: Expr, _ rhs: Expr) -> Bool {
        let known = Expr.postorder(from: [lhs, rhs]).allSatisfy { node in
            switch node.kind {
            case .number, .symbol, .add, .subtract, .multiply, .divide, .negate, .power, .function, .binaryFunction,
                 .dot, .norm, .sum: true
            case .vector: !node.arguments.contains { $0.kind == .vector }  // a list of rows is a matrix
            case .index: node.arguments.count == 2
            case .matmul, .transpose, .trace, .identity, .zeros, .diag, .outer, .row, .column, .matrixFunction: false
            }
        }
        guard known else { return false }
        let scalars = Set(model.inputShapes.filter { $0.shape == .scalar }.map(\.name) + [ReservedSymbols.pi])
        return lhs.isCanonicallyEqual(to: rhs, scalarSymbols: scalars)
    }

    /// A value not finite at the precision cap, or an integration that met one: the draw left the domain.
    static func isOutsideTheDomain(_ error: any Error) -> Bool {
        if error is UndefinedValueError { return true }
        if let e = error as? IntegrationError { return e.reason == .nonFiniteValue }
        return false
    }

    /// Simplifies a failing parameter set: each value in turn is replaced by the first of a few simple
    /// values (the file's default, 1, 2, 1/2, 0, -1) that lies in its domain and keeps the failure.
    func shrink(_ values: [String: BigRational], lhs: Expr, rhs: Expr, times: [Expr]) throws -> ([String: BigRational], Point)? {
        guard !values.isEmpty else { return nil }
        var current = values
        var lastPoint: Point? = nil
        func failure(_ candidate: [String: BigRational]) throws -> Point? {
            var m = model
            for (name, q) in candidate { m.setParameter(name, Expr.number(q)) }
            guard try m.violatedAssumption() == nil else { return nil }
            let (outcome, point, _) = try compare([(lhs, rhs)], at: times, along: motion(for: m, needsState: involvesState([lhs, rhs])))
            return outcome == .fails ? point : nil
        }
        for name in values.keys.sorted() {
            let domain = derivation.parameter(named: name)!.domain!
            var candidates = [BigRational(1), BigRational(2), BigRational(1, 2), BigRational(0), BigRational(-1)]
            if let q = derivation.parameter(named: name)!.value.numberValue { candidates.insert(q, at: 0) }
            for candidate in candidates where domain.contains(candidate) && candidate != current[name] {
                var trial = current
                trial[name] = candidate
                if let point = try? failure(trial) {
                    current = trial
                    lastPoint = point
                    break
                }
            }
        }
        if lastPoint == nil { lastPoint = try failure(current) }
        return lastPoint.map { (current, $0) }
    }
}
