/// The outcome of checking one claim.
public struct ClaimResult: Sendable {
    public enum Status: String, Sendable {
        /// Holds to the required digits at every point checked.
        case holds
        /// A point where it certainly (or, along an integration, numerically) does not hold.
        case fails
        /// Neither could be shown within the precision cap.
        case undecided
        /// The claim could not be evaluated (a domain error, the integrator gave up, ...).
        case error
    }

    public var name: String
    public var kind: String
    public var status: Status
    /// Worst-case agreement over all points checked (nil when nothing was compared).
    public var agreement: Agreement?
    /// Digits that were required.
    public var requiredDigits: Int
    /// Where the worst case (or the counterexample) was: parameter values, time, component; `place` says which.
    public var worstCase: [(name: String, value: String)]
    /// What the point in `worstCase` is.
    public enum Place: String, Sendable {
        /// The point of lowest agreement among those compared (for a FAILS, among the failing ones).
        case worst
        /// Along the integrator, a time at which the validated enclosure of the flow certified a disagreement:
        /// the first the integrator's estimate showed one (the enclosure runs only that far), not the worst.
        case certifiedDisagreement = "certified disagreement"

        /// How a report introduces the point's values: `certified disagreement at`; nil for the worst point
        /// (each report words that itself).
        public var lead: String? { self == .worst ? nil : rawValue + " at" }
    }
    public var place: Place = .worst
    /// The two values compared at that point (`left`, `right`), or the residual, as many digits as their
    /// enclosures certify; empty when nothing was compared.
    public var compared: [(name: String, value: String)] = []
    /// Where an integration with the claim's parameter values crossed a kink of the right-hand side (a
    /// switch of abs, min or max), in time order; empty when none did.
    public var switchingTimes: [SwitchingTime] = []
    /// The random draws of the parameters when they were compared to fewer digits than the claim's
    /// (`ClaimCheck.drawDigitsCap`): the claim's `agreement` is then the file's values' alone. Nil when no draw was
    /// compared, or the draws were compared to the claim's digits (their points then count in `agreement`).
    public var draws: Draws? = nil
    public struct Draws: Sendable {
        /// The digits the draws were compared to.
        public var digits: Int
        /// Their worst agreement.
        public var agreement: Agreement
    }
    /// How the claim was checked, or why it failed (for an undecided claim, also why it is undecided).
    public var detail: String
    public var points: Int
    public var seconds: Double
    public var location: String
}
