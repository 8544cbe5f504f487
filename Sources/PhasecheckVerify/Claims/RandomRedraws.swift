import PhasecheckExpressions
import PhasecheckNumbers

/// Claims whose main check runs at the file's parameter values (`solves ode`, `invariant`) are checked again
/// at seeded random draws of the parameters that have a domain (satisfying the `assume` lines), as identity
/// claims are: a closed form or conserved quantity with `/p` where `*p` belongs agrees wherever p = 1, which
/// is often the file's own value.
extension ClaimCheck {
    /// Random draws for these claims: fewer than an identity's, since an invariant integrates at each.
    static let redrawCount = 3

    /// A comparison's outcome with how its points are labelled in the report.
    typealias LabelledComparison = (comparison: (Outcome, Point?, Int), label: (Point) -> [(String, String)])

    /// Runs `compareAt` on the model at each draw and records its outcomes, labelled with the drawn values; it is
    /// given this check at the draws' digits (`atDrawDigits`) to compare with.
    /// Parameters that the claim's scenario or `--set` gives keep their values (the claim is about them). A
    /// draw where a value is not finite (outside the formulas' domain) or whose iteration diverges (with no certain
    /// failure at the steps it reached) is rejected and another taken; a draw whose check runs out of budget is
    /// skipped, and all are counted in the returned note (for `detail`). A rejected draw is never counted as checked:
    /// when every draw was rejected (diverged, or a value not finite) the claim is undecided, the reason saying so.
    mutating func recheckAtRandomDraws(_ compareAt: (_ check: ClaimCheck, _ drawn: Model) throws -> [LabelledComparison]) throws -> String {
        let kept = Set((claim.modelScenario.flatMap { derivation.scenarios[$0]?.assignments.map(\.name) } ?? []) + options.overrides.map(\.name))
        guard derivation.parameters.contains(where: { $0.domain != nil && !kept.contains($0.name) }) else { return "" }
        var generator = SeededRandom(seed: options.seed)
        let drawCheck = atDrawDigits
        var checked = 0, rejected = 0, diverged = 0, skipped = 0
        var divergence: IteratedTrajectory.IterationDiverged? = nil
        while checked + skipped < Self.redrawCount && rejected + diverged <= 4 * Self.redrawCount {
            let (drawn, values) = try drawParameters(&generator, keeping: kept)
            let comparisons: [LabelledComparison]
            do {
                comparisons = try compareAt(drawCheck, drawn)
            } catch let error as IteratedTrajectory.IterationDiverged {
                (diverged, divergence) = (diverged + 1, divergence ?? error)
                continue
            } catch let error where Self.isOutsideTheDomain(error) {
                rejected += 1
                continue
            } catch is BudgetExhausted {
                skipped += 1
                continue
            }
            let drawnValues = values.keys.sorted().map { ($0, decimal(values[$0]!)) }
            for ((outcome, point, count), label) in comparisons {
                record(outcome, point, count: count, atADraw: true) { drawnValues + label($0) }
            }
            checked += 1
            if status == .fails {
                return "; fails at the random draw of the parameters shown" + (drawDigits < required ? drawsPrecisionNote : " (seed \(options.seed))")
            }
        }
        var note = "; again at \(checked) random draw\(checked == 1 ? "" : "s") of the parameters" + (drawDigits < required ? drawsPrecisionNote : " (seed \(options.seed))")
        if rejected > 0 { note += ", \(rejected) rejected where a value was not finite" }
        if diverged > 0 { note += ", \(diverged) rejected where the iteration diverged" }
        if skipped > 0 { note += ", \(skipped) skipped when the budget ran out" }
        if checked == 0, rejected + diverged > 0, status == .holds {
            status = .undecided
            let reasons = (divergence.map { ["the iteration diverged at \(diverged) draw\(diverged == 1 ? "" : "s") without a certain failure at the steps before (at the first, \($0))"] } ?? [])
                + (rejected > 0 ? ["a value was not finite (outside the formulas' domain) at \(rejected) draw\(rejected == 1 ? "" : "s")"] : [])
            undecidedReason = "no random draw of the parameters could be checked: " + reasons.joined(separator: ", and ")
                + (skipped > 0 ? "; \(skipped) skipped when the budget ran out" : "")
        }
        return note
    }
}
