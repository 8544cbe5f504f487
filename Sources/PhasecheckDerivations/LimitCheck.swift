import PhasecheckAsymptotics
import PhasecheckExpressions
import PhasecheckNumbers

/// Width-limit claims: the exact leading term as d -> infinity (exponent exact, coefficient in MPFR with
/// closed-form recognition), confirmed numerically at d = 10^125 ... 10^1000.
extension ClaimCheck {
    mutating func checkLimit(_ claim: LimitClaim) throws {
        let widthModel = try WidthLimitModel(derivation)
        let parameterization = self.claim.scenario.flatMap(widthModel.parameterization(named:))
        let quantity = widthModel.quantity(claim.quantity, under: parameterization)
        let limit = widthModel.limit(under: parameterization)
        let point = Dictionary(widthModel.section.fixed.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        if let free = limit.exponentSymbols.first(where: { point[$0] == nil }) {
            throw CheckError("the exponent `\(free)` has no value: name a parameterization with `under` or give it with `fix`")
        }
        let bits = startBits + 64
        guard let leading = limit.leadingBehavior(of: quantity, at: point, precision: bits).leadingBehavior else {
            if case .identicallyZero = limit.leadingBehavior(of: quantity, at: point, precision: bits) {
                try decideIdenticallyZero(claim)
                return
            }
            status = .undecided
            detail = "the expansion could not decide: \(limit.leadingBehavior(of: quantity, at: point, precision: bits))"
            return
        }
        let confirmation = try limit.confirmNumerically(quantity, against: leading, at: point)
        worstCase = [("leading", "\(leading.closedForm?.description ?? leading.coefficient.formatted(significantDigits: 12)) d^\(leading.exponent)"),
                     ("measured exponent", String(format: "%.6f", confirmation.measuredExponent))]
        points = confirmation.samples.count
        var notes = leading.notes
        if let problem = confirmation.problem {
            status = .fails
            detail = "numeric confirmation disagrees with the expansion: \(problem)"
            return
        }
        let digits = Swift.min(required, leading.coefficientDigits)
        shownRequired = digits
        switch claim.expected {
        case .tendsToInfinity:
            status = leading.exponent.sign > 0 && leading.coefficient.sign > 0 ? .holds : .fails
        case .tendsTo(let value):
            if let q = value.simplified().numberValue, q.isZero {
                status = leading.exponent.sign < 0 ? .holds : .fails
            } else {
                status = leading.exponent.isZero ? .holds : .fails
                if status == .holds { try compareCoefficient(leading.coefficient, with: value, digits: digits) }
            }
        case .behavesLike(let expected):
            let reference = WidthLimit(width: widthModel.width, scalings: [:])
            guard let target = reference.leadingBehavior(of: expected, precision: bits).leadingBehavior else {
                throw CheckError("cannot expand the claimed behaviour `\(expected)` in \(widthModel.width)")
            }
            status = leading.exponent == target.exponent ? .holds : .fails
            if status == .holds { try compareCoefficient(leading.coefficient, with: expected / Expr.power(Expr.symbol(widthModel.width), Expr.number(target.exponent)), digits: digits, at: target) }
            notes.append("claimed \(target.closedForm?.description ?? target.coefficient.formatted(significantDigits: 12)) d^\(target.exponent)")
        }
        detail = "exact expansion, confirmed at d = 10^" + confirmation.samples.map { String($0.powerOfTen) }.joined(separator: ", 10^")
            + (notes.isEmpty ? "" : "; " + notes.joined(separator: "; "))
    }

    /// Agreement of the leading coefficient with a constant (or with a claimed term's coefficient).
    mutating func compareCoefficient(_ coefficient: BigFloat, with expected: Expr, digits: Int, at target: LeadingBehavior? = nil) throws {
        let value: BigFloat
        if let target { value = target.coefficient } else {
            let tape = try Tape(compiling: [expected], inputs: [])
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
