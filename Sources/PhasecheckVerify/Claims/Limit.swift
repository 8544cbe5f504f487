import PhasecheckFormat
import PhasecheckAsymptotics
import PhasecheckExpressions
import PhasecheckNumbers

/// `limit Q -> L`, `limit Q -> inf` or `limit Q ~ C*d^E` as the width grows; `under` names a
/// parameterization of the width-limit section.
public struct LimitClaim: ClaimKind {
    public enum Expected: Sendable {
        /// A finite limit (0 included).
        case tendsTo(Expr)
        case tendsToInfinity
        /// The same leading term: exponent and coefficient.
        case behavesLike(Expr)
    }
    public var quantity: Expr
    public var expected: Expected

    public static let keyword = "limit"
    public static let under = UnderClause.parameterization
    package static let grammar = #""limit" NAME ( "->" ( expr | "inf" ) | "~" expr )"#
    package static let documentation = [
        #"| `limit Q -> L`, `limit Q -> inf`, `limit Q ~ c*d^e` | Q (an `asymptotic` quantity, under the named parameterization or at the `fix` values) is expanded exactly in powers of d and of log d (see "Logarithms in width limits"): the leading exponent is an exact rational, with a whole power of log d where Q takes the log of a growing or vanishing argument, the coefficient an MPFR number (recognised as a closed form such as `sqrt(5/4) - 1` where possible). The expansion is then confirmed numerically at d = 10^125, 10^250, 10^500, 10^1000 with the precision needed to resolve the cancellation; a disagreement the samples resolve fails the claim; samples too imprecise to show the limit (a value whose sign flips with the precision), or an exponentially small term the expansion leaves out (as O(d^-depth)) not yet below that truncation at a sampled width (tanh(d^(1/1000)) is 1 - 4e-9 at d = 10^1000), or a sampled width below the crossover where the expansion's behaviour takes over (the leading term not yet 10 times the other terms of a deeper expansion, as in d + 10^2000; a max/min whose chosen operand is not yet the larger by the same margin, as in max(d, 10^2000)), leave it undecided with the reason. Where a correction is still about as large as the leading term at d = 10^1000 (1 + 10^6/log d), the samples check the exponent only, and the report says that the verdict rests on the exact expansion alone (not "confirmed"). `-> 0` needs a vanishing leading term (a negative exponent, or exponent 0 and a negative power of log d), `-> inf` a growing positive one, `-> L` exponent 0 without log d and the coefficient equal to L, `~ c*d^e` (or `~ c*d^e*log(d)^k`) the same exponent, power of log d and coefficient. Functions are expanded by their series (exp, log, sin, cos, atan, erf, erfc) or identities in them (sinh, cosh, tan, tanh, atanh, asinh, acosh, asin, acos; sign from the leading term; atan2(y, x) as atan(y/x) where x's leading term is positive, plus or minus pi by the sign of y where it is negative (a zero y, exact or as -(g - g), counts as +0: pi, also in the numeric confirmation), +-pi/2 where x is exactly 0); a power whose exponent is not an exact rational, such as (1 + 1/d)^d, as exp(b log a). exp of an argument tending to -infinity like a power of d is below every power of d (0 up to the truncation), so tanh(d) -> 1, tanh(-d^2) -> -1 and 1/(1 + exp(-d)) -> 1 are decided (atan(d) -> pi/2 by atan(x) = pi/2 - atan(1/x)); where every power of d cancels and only such a term is left (tanh(d) - 1 ~ -2 e^(-2d)) the expansion is refused, saying so; exp of an argument growing to +infinity like a power of d is refused |"#,
        #"| `limit Q ~ d^(E)` with E in the exponent symbols | the symbolic order: Q's leading exponent is derived as a piecewise-linear function (products add exponents, sums take the maximum, assuming no cancellation between equal leading terms, which the report states); it must equal E at every point of the file's grid and at 200 random points of the grid's box (each exponent symbol between the ends of its `grid` axis, a `fix`ed one at its value, one the grid does not give between -3 and 3: the claim is about the phase diagram the file draws), and the exact expansion must agree at a sample of them (it sees cancellations the symbolic algebra assumes away; where it finds Q identically zero the claim FAILS, where it cannot decide the claim is undecided); at a point where such an assumption may fail, including a tie of identical exponents that holds everywhere (`2*M - 2*M`, `max(d, d^2) - d^2`: 0, not of the claimed order), the exact expansion there decides, whether or not the derived exponent equals E, and where the derived exponent differs from E with no assumption at stake, a FAILS is first cross-checked by the exact expansion there (finding E, the claim is undecided) (sqrt(1 + d^-a) - 1 is d^-a/2, not d^0; log(1 + d^(a - 31/5)) is (1/20) log d at a = 25/4, not d^(1/20)). A constant without symbols (an expectation's closed form) has order d^0, its sign certified in interval arithmetic; a sum is an exact constant only when both operands are (2 + 1/d is of order d^0, not exactly 2, so max(2, 2 + 1/d) - 2 is left to the exact expansion); log(1 + u) and log1p(u) have u's order where u vanishes (an assumption as above: where u may not vanish, the exact expansion decides); max(A, B) and min(A, B) of operands whose leading signs are known compare, never add: of two positive operands the max has the larger exponent and the min the smaller (`min(M, sqrt(N))/N` ~ d^(min(m, n/2) - n)), of two negative ones the other way round, of mixed signs the max is the positive operand and the min the negative one; an operand of unknown sign (`max(M - N, N)`) is an error saying so. A name in a power's exponent is an exponent symbol unless it is a `scale`d constant (`scale a = 3`: `M^(-(a - 1))` is M^-2; the claimed order reads it too: `~ d^(m + a)` is d^(m + 3); an identically zero exponent such as `a - a` makes the power 1); a `scale` named like an exponent symbol (of a scaling, `grid` or `fix`) or like the width is an error at its name |"#,
    ]
    package static let example = ClaimExample(
        file: "derivations/xu_ziyin_linear_network.phc", claim: #"mean field: feature learning, zeta_inf -> sqrt(2) - 1"#,
        original: #"limit zeta_inf_typ -> sqrt(2) - 1 under mean_field"#, planted: #"limit zeta_inf_typ -> sqrt(3) - 1 under mean_field"#)

    public static func read(_ reader: inout StatementReader) throws(ParseError) -> Self {
        let quantity = try reader.parser.parseExpression()
        if reader.parser.accept("->") {
            if reader.acceptKeyword("inf") { return Self(quantity: quantity, expected: .tendsToInfinity) }
            return Self(quantity: quantity, expected: .tendsTo(try reader.parser.parseExpression()))
        }
        if reader.parser.accept("~") { return Self(quantity: quantity, expected: .behavesLike(try reader.parser.parseExpression())) }
        throw reader.fail("expected `->` or `~` after the quantity (as in `limit zeta_inf -> 0`), found \(reader.found)", at: reader.parser.current.location)
    }

    /// The expressions are in the width-limit section's names, which `checkNames` checks.
    public var expressions: [Expr] { [] }

    /// The parameterization exists, and the claim uses asymptotic quantities, scaled hyperparameters and the
    /// width (a symbolic order `d^(e_R)` also exponent symbols and named exponents).
    public func checkNames(of claim: Claim, in scope: NameScope) throws(DerivationError) {
        let d = scope.derivation
        if let p = claim.scenario, !d.widthLimit.parameterizations.contains(where: { $0.name == p }) {
            throw scope.error("unknown parameterization `\(p)` in claim \"\(claim.name)\"", at: claim.location)
        }
        let allowed = Set(d.widthLimit.quantities.map(\.name)).union(d.widthLimit.scalings.map(\.name))
            .union(d.dims.map(\.name)).union([d.width?.name ?? "d", ReservedSymbols.pi])
        var used = quantity.freeSymbols
        switch expected {
        case .tendsTo(let e): used.formUnion(e.freeSymbols.subtracting([d.width?.name ?? "d"]))
        case .behavesLike(let e):
            // A symbolic order `d^(e_R)` may use exponent symbols and named exponents.
            let exponentNames = Set(d.widthLimit.exponents.map(\.name))
                .union(d.widthLimit.scalings.flatMap { $0.scaling.exponent.symbols })
            used.formUnion(e.freeSymbols.subtracting(exponentNames))
        case .tendsToInfinity: break
        }
        if let unknown = used.subtracting(allowed).sorted().first {
            throw scope.error("unknown symbol `\(unknown)` in claim \"\(claim.name)\"; expected asymptotic quantities, scaled hyperparameters and the width",
                              at: claim.symbolLocations[unknown] ?? claim.location)
        }
    }

    package func check(_ check: inout ClaimCheck) throws { try check.checkLimit(self) }
}

/// Width-limit claims: the exact leading term as d -> infinity (exponent exact, coefficient in MPFR with
/// closed-form recognition), confirmed numerically at d = 10^125 ... 10^1000.
extension ClaimCheck {
    mutating func checkLimit(_ claim: LimitClaim) throws {
        let widthModel = try widthLimitModel.get()
        let parameterization = self.claim.scenario.flatMap(widthModel.parameterization(named:))
        let quantity = try widthModel.quantity(claim.quantity, under: parameterization)
        let limit = widthModel.limit(under: parameterization)
        if case .behavesLike(let claimed) = claim.expected,
           let order = try symbolicOrder(Self.readingScaledConstants(claimed, limit: limit), widthModel: widthModel) {
            try checkSymbolicOrder(quantity, claimed: order, limit: limit, widthModel: widthModel)
            return
        }
        let point = Dictionary(widthModel.section.fixed.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        if let free = limit.exponentSymbols(readBy: quantity).first(where: { point[$0] == nil }) {
            throw CheckError("the exponent `\(free)` has no value: name a parameterization with `under` or give it with `fix`")
        }
        let bits = startBits + 64
        let expansion = limit.leadingBehavior(of: quantity, at: point, precision: bits)
        guard let leading = expansion.leadingBehavior else {
            if case .identicallyZero = expansion {
                try decideIdenticallyZero(claim)
                return
            }
            status = .undecided
            detail = "the expansion could not decide: \(expansion)"
            return
        }
        let confirmation = try limit.confirmNumerically(quantity, against: leading, at: point)
        worstCase = [("leading", "\(leading.closedForm?.description ?? leading.coefficient.formatted(significantDigits: 12)) \(widthOrder(leading.exponent, logPower: leading.logPower, width: widthModel.width))"),
                     ("measured exponent", String(format: "%.6f", confirmation.measuredExponent))]
        points = confirmation.samples.count
        var notes = leading.notes
        if let problem = confirmation.problem {
            // Samples too imprecise to show the limit are no disagreement: undecided, with the reason.
            status = confirmation.disagreementIsCertain ? .fails : .undecided
            detail = (confirmation.disagreementIsCertain ? "numeric confirmation disagrees with the expansion: "
                      : "the numeric confirmation cannot decide: ") + problem
            return
        }
        let digits = Swift.min(required, leading.coefficientDigits)
        shownRequired = digits
        switch claim.expected {
        // The regime reads the power of d and, where that is 0, the power of log d (log d -> inf, 1/log d -> 0).
        case .tendsToInfinity:
            status = leading.limit == .positiveInfinity ? .holds : .fails
        case .tendsTo(let value):
            if let q = value.simplified().numberValue, q.isZero {
                status = leading.regime == .vanishing ? .holds : .fails
            } else {
                status = leading.regime == .bounded ? .holds : .fails
                if status == .holds { try compareCoefficient(leading.coefficient, with: value, digits: digits) }
            }
        case .behavesLike(let expected):
            let reference = WidthLimit(width: widthModel.width, scalings: [:])
            guard let target = reference.leadingBehavior(of: Self.readingScaledConstants(expected, limit: limit), precision: bits).leadingBehavior else {
                throw CheckError("cannot expand the claimed behaviour `\(expected)` in \(widthModel.width)")
            }
            status = leading.exponent == target.exponent && leading.logPower == target.logPower ? .holds : .fails
            if status == .holds { try compareCoefficient(leading.coefficient, with: expected, digits: digits, at: target) }
            notes.append("claimed \(target.closedForm?.description ?? target.coefficient.formatted(significantDigits: 12)) \(widthOrder(target.exponent, logPower: target.logPower, width: widthModel.width))")
        }
        // Samples that asked no digits of the coefficient confirmed nothing of it: the report says what the verdict rests on.
        detail = (confirmation.comparedCoefficient ? "exact expansion, confirmed at " + confirmation.samplesText()
            : "exact expansion, not confirmed numerically: at " + confirmation.samplesText() + " a correction is still about as large as the"
                + " leading term, so the samples checked its exponent only, and the verdict rests on the exact expansion alone")
            + (notes.isEmpty ? "" : "; " + notes.joined(separator: "; "))
    }

    /// A claimed behaviour with each `scale`d constant (`scale a = 3`) replaced by its value, as quantities read it:
    /// `M*d^(a) ~ d^(m + a)` claims d^(m + 3).
    static func readingScaledConstants(_ claimed: Expr, limit: WidthLimit) -> Expr {
        let constants = limit.scalings.filter { $0.value.exponent.constantValue == 0 && $0.value.coefficient.freeSymbols.isEmpty }
        return constants.isEmpty ? claimed : claimed.substituting(constants.mapValues(\.coefficient))
    }

    /// The exponent of a claimed `d^(E)` (or `c*d^(E)`) when E involves exponent symbols; nil for a numeric claim.
    func symbolicOrder(_ claimed: Expr, widthModel: WidthLimitModel) throws -> PiecewiseLinearExponent? {
        let exponentNames = Set(widthModel.exponents.map(\.name)).union(widthModel.limit.exponentSymbols)
        guard !claimed.freeSymbols.isDisjoint(with: exponentNames) else { return nil }
        var power = claimed
        if case .multiply = claimed.kind, claimed.arguments[0].freeSymbols.isEmpty { power = claimed.arguments[1] }
        guard case .power = power.kind, power.arguments[0].symbolName == widthModel.width else {
            throw CheckError("expected the claimed order as \(widthModel.width)^(EXPONENT), found `\(claimed)`")
        }
        return try widthModel.piecewise(power.arguments[1])
    }

    /// The box a symbolic order is claimed on: each exponent symbol between the ends of its `grid` axis, a `fix`ed
    /// one at its value (the phase diagram the file draws; outside it a rate or a scale may have no meaning, such as
    /// a learning rate 2 - d^-s at s < 0). Symbols the grid leaves free are drawn from [-3, 3] by the caller.
    static func exponentRanges(_ widthModel: WidthLimitModel) -> [String: (BigRational, BigRational)] {
        var ranges: [String: (BigRational, BigRational)] = [:]
        for fixed in widthModel.section.fixed { ranges[fixed.name] = (fixed.value, fixed.value) }
        for axis in widthModel.section.grid {
            guard let low = axis.values.min(), let high = axis.values.max() else { continue }
            ranges[axis.name] = (low, high)
        }
        return ranges
    }

    /// A symbolic order: the exponent derived in the tropical algebra must equal the claimed piecewise-linear
    /// function at every point of the file's grid and at random rational points, and the exact expansion
    /// (which sees cancellations the tropical algebra assumes away) must agree at a sample of them.
    mutating func checkSymbolicOrder(_ quantity: Expr, claimed: PiecewiseLinearExponent, limit: WidthLimit,
                                     widthModel: WidthLimitModel) throws {
        let derived = try limit.leadingExponent(of: quantity)
        let symbols = limit.exponentSymbols
        var generator = SeededRandom(seed: options.seed)
        let ranges = Self.exponentRanges(widthModel)
        var samples: [[String: BigRational]] = (0..<200).map { _ in
            Dictionary(uniqueKeysWithValues: symbols.map { symbol in
                let (low, high) = ranges[symbol] ?? (BigRational(-3), BigRational(3))
                return (symbol, low + (high - low) * BigRational(Int(generator.nextUInt64() % 49), 48))
            })
        }
        samples += widthModel.gridPoints
        points = samples.count
        worstCase = [("derived", "d^(\(derived.exponent))")]
        var overruled = 0, confirmedUnderAssumption = 0
        for p in samples {
            let d = try derived.exponent.value(at: p), c = try claimed.value(at: p)
            // An assumption on the exponents (leading terms do not cancel, log(1 + u)'s u vanishes) that may fail here
            // makes the derived exponent uncertain even where it equals the claim: log(1 + d^(a - 31/5)) is
            // (1/20) log d at a = 25/4, not d^(1/20). One the expansion settles counts also where it is needed
            // everywhere (a tie of identical exponents: 2*M - 2*M is 0, not of order M).
            let regional = try derived.assumptions.contains { assumption in
                if case .always = assumption.region, !assumption.settledByExpansion { return false }
                return try assumption.region.holds(at: p)
            }
            if d == c, !regional { continue }
            let place = p.keys.sorted().map { ($0, p[$0]!.description) }
            // Where the derivation assumed that leading terms do not cancel, it is not certain: the exact
            // expansion at the point decides (sqrt(1 + d^-a) - 1 ~ d^-a/2 for a > 0, not d^0).
            guard try regional || derived.assumptions.contains(where: { try $0.region.holds(at: p) }) else {
                // The exact expansion cross-checks the derivation before a FAILS: where it finds the claimed
                // exponent, the two methods disagree and nothing is certain.
                let expansion = limit.leadingBehavior(of: quantity, at: p, precision: startBits)
                worstCase += place + [("derived exponent", d.description), ("claimed", c.description)]
                if let leading = expansion.leadingBehavior, leading.exponent == c, leading.logPower == 0 {
                    status = .undecided
                    detail = "the derived exponent differs from the claim, but the exact expansion there finds the claimed exponent"
                } else {
                    status = .fails
                    detail = "the derived exponent differs from the claim"
                }
                return
            }
            let derivedAgrees = d == c ? "equals the claim" : "differs from the claim"
            let expansion = limit.leadingBehavior(of: quantity, at: p, precision: startBits)
            switch expansion {
            case .leading(let leading) where leading.exponent == c && leading.logPower == 0:
                if d == c { confirmedUnderAssumption += 1 } else { overruled += 1 }
            case .leading(let leading):
                status = .fails
                worstCase += place + [("derived exponent", d.description), ("expansion exponent", leading.order), ("claimed", c.description)]
                detail = "the exact expansion finds another exponent than the claim where the derivation's assumptions may not hold (the derived exponent \(derivedAgrees)); derived assuming "
                    + derived.assumptions.map(\.description).joined(separator: "; ")
                return
            case .identicallyZero:
                // A claimed d^(E) is never zero: the cancellation the derivation assumed away is complete.
                status = .fails
                worstCase += place + [("derived exponent", d.description), ("expansion", "identically 0"), ("claimed", c.description)]
                detail = "the exact expansion finds the quantity identically zero where the derivation assumed "
                    + derived.assumptions.map(\.description).joined(separator: "; ")
                return
            case .undecided:
                status = .undecided
                worstCase += place + [("derived exponent", d.description), ("claimed", c.description)]
                detail = "the derived exponent \(derivedAgrees) where an assumption may not hold ("
                    + derived.assumptions.map(\.description).joined(separator: "; ") + "), and the exact expansion there does not decide: \(expansion)"
                return
            }
        }
        // Independent check by exact expansion at every 25th sample.
        var expanded = 0
        for p in stride(from: 0, to: samples.count, by: 25).map({ samples[$0] }) {
            let place = p.keys.sorted().map { ($0, p[$0]!.description) }
            let leading: LeadingBehavior
            switch limit.leadingBehavior(of: quantity, at: p, precision: startBits) {
            case .leading(let found): leading = found
            case .identicallyZero:
                // A claimed d^(E) is never zero.
                status = .fails
                worstCase += place + [("expansion", "identically 0")]
                detail = "the exact expansion finds the quantity identically zero (a cancellation the symbolic algebra assumed away)"
                return
            case .undecided(let reason):
                status = .undecided
                worstCase += place
                detail = "the exact expansion, the independent check of the symbolic order, does not decide here: \(reason)"
                return
            }
            expanded += 1
            let c = try claimed.value(at: p)
            if leading.exponent != c || leading.logPower != 0 {
                status = .fails
                worstCase += place + [("expansion exponent", leading.order), ("claimed", c.description)]
                detail = "the exact expansion finds another exponent (a cancellation the symbolic algebra assumed away)"
                return
            }
        }
        // Where the derived exponent differed (a cancellation), the points were decided by the exact expansion alone.
        let equal = overruled == 0 ? "\(samples.count)" : "\(samples.count - overruled) of \(samples.count)"
        var decidedByExpansion = overruled == 0 ? "" : "; at the other \(overruled) the derived exponent differs, where leading terms cancel and the exact expansion finds the claimed exponent"
        if confirmedUnderAssumption > 0 {
            decidedByExpansion += "; at \(confirmedUnderAssumption) where an assumption may not hold, the exact expansion confirms it"
        }
        detail = "derived symbolically and equal to the claim at \(equal) points (the grid and 200 random ones in its box)\(decidedByExpansion); the exact expansion agrees at \(expanded) of them"
            + (derived.assumptions.isEmpty ? "" : "; assuming " + derived.assumptions.map(\.description).joined(separator: "; "))
    }

    /// Agreement of the leading coefficient with a constant (or with a claimed term's coefficient).
    mutating func compareCoefficient(_ coefficient: BigFloat, with expected: Expr, digits: Int, at target: LeadingBehavior? = nil) throws {
        let value: BigFloat
        if let target { value = target.coefficient } else {
            let tape = try Tape(compiling: [expected])
            var evaluator = TapeEvaluator(tape: tape, context: MPFRContext(precision: coefficient.precision))
            value = evaluator.evaluate([])[0][0]
        }
        let agreement = Agreement.between(BigInterval(coefficient), BigInterval(value))
        worst = agreement
        if !agreement.holds(Double(digits)) { status = .fails }
    }

    mutating func decideIdenticallyZero(_ claim: LimitClaim) throws {
        worstCase = [("leading", "identically 0")]
        switch claim.expected {
        case .tendsTo(let value): status = value.simplified().numberValue?.isZero == true ? .holds : .fails
        default: status = .fails
        }
        detail = "the quantity is identically zero"
    }
}
