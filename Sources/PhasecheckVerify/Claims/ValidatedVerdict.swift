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
                                   decide: ((Agreement, BigInterval, BigInterval) -> Outcome)?) throws -> (Outcome, Point?, Int) {
        var (outcome, point, count) = estimated
        point?.basis = .estimate
        guard outcome != .holds, var estimatedPoint = point else { return (outcome, point, count) }
        let estimate = "the integrator's estimate " + (outcome == .fails ? "disagrees" : "does not settle the comparison")
            + " at t = \(timeText(estimatedPoint.time)) (\(estimatedPoint.agreement.shown)/\(required) digits; "
            + Self.gapText(estimatedPoint) + ")"
        let validated = ValidatedTrajectory(model: integration.model, budget: options.budget, deadline: integration.deadline)
        do {
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

    /// The larger width of the two enclosures compared at a point, for reasons.
    static func widthText(_ point: Point) -> String {
        BigFloat.max(point.left.width, point.right.width).formatted(significantDigits: 2)
    }
}
