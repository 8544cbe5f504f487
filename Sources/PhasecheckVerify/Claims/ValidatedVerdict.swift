import PhasecheckDynamics
import PhasecheckFormat
import PhasecheckExpressions
import PhasecheckNumbers

extension ClaimCheck {
    /// A comparison along the integrator that its error estimate does not show to hold (FAILS or undecided)
    /// is judged again along a validated enclosure of the flow: FAILS only where the enclosures exclude
    /// agreement, holds where they certify it, and otherwise undecided with the reason. A comparison that
    /// holds on the estimate keeps it (the validated enclosure costs a whole interval integration per
    /// precision). Where no enclosure can be given (a grazing or sliding switch, a blow-up, the budget), a
    /// disagreement the estimate shows is not certain: undecided, with the reason and the numbers (the
    /// report's basis then says `estimate`).
    func certifyAlongValidatedFlow(_ estimated: (Outcome, Point?, Int), _ pairs: [(Expr, Expr)], at times: [Expr],
                                   of integration: IntegratedTrajectory, floor: Floor,
                                   decide: Decision?) throws -> (Outcome, Point?, Int) {
        var (outcome, point, count) = estimated
        point?.basis = .estimate
        guard outcome != .holds, var estimatedPoint = point else { return (outcome, point, count) }
        let estimate = "the integrator's estimate " + (outcome == .fails ? "disagrees" : "does not settle the comparison")
            + " at t = \(timeText(estimatedPoint.time)) (\(estimatedPoint.agreement.shown)/\(required) digits; "
            + Self.gapText(estimatedPoint) + ")"
        let validated = ValidatedTrajectory(model: integration.model, budget: options.budget, deadline: integration.deadline,
                                            switchingLog: integration.switchingLog, digits: integration.digits)
        do {
            // One certified disagreement is a FAILS: first where the estimate first showed one, at the
            // precision that reads it.
            if outcome == .fails, var certifiedPoint = try certifiedFailure(estimatedPoint, pairs, along: validated, floor: floor, decide: decide) {
                certifiedPoint.basis = .validated
                certifiedPoint.place = .certifiedDisagreement
                return (.fails, certifiedPoint, count)
            }
            // At the estimate's point first (an integration only that far, short of a later switch the
            // enclosure cannot pass); every time only if that does not settle a failure.
            var (certified, found, _) = try compare(pairs, at: [estimatedPoint.time], along: validated, floor: floor, decide: decide)
            if certified != .fails { (certified, found, _) = try compare(pairs, at: times, along: validated, floor: floor, decide: decide) }
            guard var certifiedPoint = found else { return (outcome, point, count) }
            certifiedPoint.basis = .validated
            if certified == .undecided {
                certifiedPoint.note = estimate + ", and the validated enclosure (width \(Self.widthText(certifiedPoint))) does not decide it either"
            }
            return (certified, certifiedPoint, count)
        } catch let refusal as ValidationRefusal {
            estimatedPoint.note = estimate + ", and no validated enclosure was found (\(refusal.message))"
        } catch let budget as BudgetExhausted {
            estimatedPoint.note = estimate + ", and the validated enclosure ran out of budget (\(budget.description))"
        }
        // No enclosure (a grazing or sliding switch, a singular value, the budget): the estimate alone
        // certifies nothing, so a disagreement it shows is undecided.
        if outcome == .fails { estimatedPoint.note! += ": not a certain failure" }
        return (.undecided, estimatedPoint, count)
    }

    /// The gap between the two sides and the integrator's estimated error (the larger half-width), for reasons.
    static func gapText(_ point: Point) -> String {
        let gap = BigFloat.abs(point.left.midpoint - point.right.midpoint)
        let error = BigFloat.max(point.left.radius, point.right.radius)
        return "gap \(gap.formatted(significantDigits: 2)), estimated error \(error.formatted(significantDigits: 2))"
    }

    /// A failure the estimate showed, certified by one validated enclosure up to the first time it showed
    /// (`Point.firstFailure`; the enclosure's cost grows with the time it spans) at the precision that reads
    /// the gap there (`gapReadingBits`; a 5-digit gap needs no 30-digit enclosure, and the cost grows with the
    /// enclosure's order and precision). Nil when that enclosure does not certify it (too wide, a value not
    /// finite there): then the claim's own precisions decide, as without this attempt. A refusal or the
    /// budget ends the validation: a higher precision would not pass a switch or spend less.
    func certifiedFailure(_ point: Point, _ pairs: [(Expr, Expr)], along validated: ValidatedTrajectory, floor: Floor,
                          decide: Decision?) throws -> Point? {
        let (time, agreement) = point.firstFailure ?? (point.time, point.agreement)
        let bits = Swift.min(Self.gapReadingBits(agreement), startBits)
        // The same attempt as the first of the claim's own precisions: left to them.
        guard bits < startBits || time != point.time else { return nil }
        do {
            let (outcome, found, _) = try compare(pairs, at: [time], along: validated, floor: floor,
                                                  precisions: Precision.Escalation(start: bits, cap: bits), decide: decide)
            return outcome == .fails ? found : nil
        } catch let error as ValidationRefusal {
            throw error
        } catch let error as BudgetExhausted {
            throw error
        } catch {
            return nil
        }
    }

    /// Digits beyond the estimate's agreement that an enclosure reading the gap works with: its step rule
    /// aims 3 digits below its precision, and its width grows along the flow.
    static var gapReadingGuardDigits: Int { 6 }

    /// The precision at which an enclosure reads a gap of `agreement` digits: at least 64 bits (one limb, and
    /// the precision of the flow's Jacobians anyway); unbounded for agreement the estimate could not bound.
    static func gapReadingBits(_ agreement: Agreement) -> Int {
        guard agreement.atMost.isFinite else { return agreement.atMost < 0 ? 64 : .max }
        let digits = Int(Swift.max(0, agreement.atMost).rounded(.up)) + gapReadingGuardDigits
        return Swift.max(Precision.bits(forDigits: digits), 64)
    }

    /// The larger width of the two enclosures compared at a point, for reasons.
    static func widthText(_ point: Point) -> String {
        BigFloat.max(point.left.width, point.right.width).formatted(significantDigits: 2)
    }
}
