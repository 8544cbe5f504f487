import PhasecheckFormat
import PhasecheckExpressions
import PhasecheckNumbers

public struct VerifyOptions: Sendable {
    /// Significant digits every comparison at the file's (or a scenario's, or `--set`) parameter values must reach;
    /// random draws of the parameters are compared to at most `ClaimCheck.drawDigitsCap`.
    public var digits: Int = 30
    public var seed: UInt64 = 1
    /// `--set` assignments, applied after a claim's scenario.
    public var overrides: [(name: String, value: Expr)] = []
    /// Parameter draws for identities (the first is the file's own values).
    public var parameterDraws: Int = 6
    /// Times sampled on (0, horizon].
    public var timeSamples: Int = 6
    /// Steps, bits and seconds each claim may use.
    public var budget = ComputeBudget()
    /// Threads a Monte Carlo claim runs its paths on (`--jobs`); no result depends on it.
    public var jobs: Int = 1
    public init() {}
}

/// Checks every claim of a derivation; one `ClaimResult` per claim, in file order.
public struct Verifier: Sendable {
    public let derivation: Derivation
    public let options: VerifyOptions
    /// The model of every scenario the claims use (nil: the file's own values) and the width-limit model,
    /// built once for all the claims; an error is reported by `validateInputs` or by each claim using it.
    let models: [String?: Result<Model, DerivationError>]
    let widthLimitModel: Result<WidthLimitModel, DerivationError>
    /// Integrations, iterations and noisy runs, each computed once for every claim that asks the same.
    package let shared = SharedWork()

    public init(derivation: Derivation, options: VerifyOptions) {
        self.init(derivation: derivation, options: options, widthLimitModel: Result { () throws(DerivationError) in try WidthLimitModel(derivation, overrides: options.overrides) }) {
            scenario throws(DerivationError) in try Model(derivation, scenario: scenario, overrides: options.overrides)
        }
    }

    /// Reuses the models the file's checks built where no `--set` changes them.
    public init(_ checked: CheckedDerivation, options: VerifyOptions) {
        let widthLimitModel: Result<WidthLimitModel, DerivationError> = WidthLimitModel.setsASize(checked.derivation, options.overrides)
            ? Result { () throws(DerivationError) in try WidthLimitModel(checked.derivation, overrides: options.overrides) }
            : .success(checked.widthLimitModel)
        self.init(derivation: checked.derivation, options: options, widthLimitModel: widthLimitModel) {
            scenario throws(DerivationError) in try checked.model(scenario: scenario, overrides: options.overrides)
        }
    }

    private init(derivation: Derivation, options: VerifyOptions, widthLimitModel: Result<WidthLimitModel, DerivationError>,
                 model: (String?) throws(DerivationError) -> Model) {
        self.derivation = derivation
        self.options = options
        let scenarios = Set(derivation.claims.map(\.modelScenario)).union([nil])
        var models: [String?: Result<Model, DerivationError>] = [:]
        for scenario in scenarios {
            models[scenario] = Result { () throws(DerivationError) in try model(scenario) }
        }
        self.models = models
        self.widthLimitModel = widthLimitModel
    }

    /// Every claim, then every `region` line (see `regionResults`).
    public func verifyAll() -> [ClaimResult] { derivation.claims.map(verify) + regionResults() }

    /// Checks that the overrides make sense for the file and every scenario its claims use (known names,
    /// values in their domains, constant values), so that a bad `--set` is an input error, not a claim error.
    public func validateInputs() throws(DerivationError) {
        for (scenario, result) in models {
            let model = try result.get()
            // Doubles suffice to see that every value is a constant, and cost least at large widths.
            _ = try ModelInputs(model: model, context: DoubleContext())
            let violated: Assumption?
            do { violated = try model.violatedAssumption() } catch let e as DerivationError { throw e } catch { violated = nil }
            if let violated {
                throw DerivationError(file: derivation.file, location: violated.location,
                                      message: "the values " + (scenario.map { "of scenario `\($0)`" } ?? "of the file and --set") + " do not satisfy `assume \(violated)`")
            }
        }
    }

    public func verify(_ claim: Claim) -> ClaimResult {
        let clock = ContinuousClock.now, deadline = Deadline(budget: options.budget)
        var result = ClaimResult(name: claim.name, kind: claim.keyword, status: .error, agreement: nil,
                                 requiredDigits: ClaimCheck.requiredDigitsShown(for: claim, asked: options.digits), worstCase: [], detail: "",
                                 points: 0, seconds: 0, location: "\(derivation.file):\(claim.location)")
        var switchingLog: SwitchingLog? = nil
        do {
            var check = try ClaimCheck(claim: claim, options: options, model: models[claim.modelScenario]!.get(),
                                       widthLimitModel: widthLimitModel, shared: shared)
            switchingLog = check.switchingLog
            try check.run()
            result.status = check.status
            result.agreement = check.worst
            result.draws = check.drawsWorst.map { ClaimResult.Draws(digits: check.drawDigits, agreement: $0) }
            result.worstCase = check.worstCase
            result.place = check.place
            result.detail = check.detail + (check.status == .undecided ? check.undecidedReason.map { "; undecided: " + $0 } ?? "" : "")
            result.compared = check.compared
            result.points = check.points
            result.requiredDigits = check.shownRequired
        } catch let exhausted as BudgetExhausted {
            result.status = .undecided
            result.detail = exhausted.description
        } catch {
            result.status = .error
            result.detail = "\(error)"
        }
        // A claim left undecided after the user's wall-clock limit passed says so, wherever that cut it short.
        if result.status == .undecided, deadline.isExpired, !result.detail.contains(BudgetExhausted.wallClockMark) {
            result.detail += "; " + BudgetExhausted.wallClock(options.budget.maximumSeconds, "had passed").description
        }
        // Also for a claim that failed or ran out of budget after an integration crossed a kink.
        result.switchingTimes = switchingLog?.times ?? []
        result.seconds = (ContinuousClock.now - clock).seconds
        return result
    }
}

/// Errors that stop one claim's check (reported as that claim's error, never a crash).
struct CheckError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}


extension Verifier {
    /// Checks the claims and region lines on all cores; results come back in file order (region lines
    /// last). `started` and `finished` are called as each claim starts and ends (one call at a time, in completion order,
    /// from worker threads), so that a terminal can show each result as soon as it is known.
    public func verifyAllInParallel(started: @Sendable (Int) -> Void = { _ in },
                                    finished: @Sendable (Int, ClaimResult) -> Void = { _, _ in }) -> [ClaimResult] {
        report(started: started, finished: finished).results
    }
}
