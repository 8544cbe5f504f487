import PhasecheckFormat
import PhasecheckAsymptotics
import PhasecheckExpressions
import PhasecheckNumbers

/// The limit table of a derivation's named parameterizations (model.md section 5): per parameterization,
/// the d-dependence of the scaled hyperparameters, the limit of the `classify` quantity with its closed
/// form, its order when it vanishes or diverges, the region, the flags raised, and the numeric confirmation.
public struct LimitTable: Sendable {
    public struct Row: Sendable {
        public let parameterization: Parameterization
        public let classification: PhaseClassification
        public let region: String?
        /// Flag name and whether it is raised (nil when its quantity's regime is undecided).
        public let flags: [(name: String, raised: Bool?)]
    }

    public let model: WidthLimitModel
    public let classification: Classification
    public let rows: [Row]

    /// Classifies the `classify` quantity and every flag quantity under each parameterization; scaled
    /// hyperparameters a parameterization leaves out keep their scaling at the file's `fix` values (needed only
    /// for those the quantity reads).
    /// - Parameter widthLimitModel: the derivation's, when already built (`CheckedDerivation`).
    public init(_ derivation: Derivation, widthLimitModel: WidthLimitModel? = nil) throws {
        model = try widthLimitModel ?? WidthLimitModel(derivation)
        guard let classification = model.section.classification else {
            throw SweepError("\(derivation.file): no `classify` statement: nothing names the quantity to tabulate")
        }
        guard !model.section.parameterizations.isEmpty else {
            throw SweepError("\(derivation.file): no `parameterization` statements")
        }
        self.classification = classification
        let point = Dictionary(model.section.fixed.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        rows = try model.section.parameterizations.map { [model] p in
            let limit = model.limit(under: p)
            // Only the exponents of the hyperparameters a quantity reads need values (as for a `limit` claim).
            func classify(_ name: String) throws -> PhaseClassification {
                let quantity = try model.quantity(.symbol(name), under: p)
                if let free = limit.exponentSymbols(readBy: quantity).first(where: { point[$0] == nil }) {
                    throw SweepError("parameterization `\(p.name)` leaves the exponent `\(free)` (read by `\(name)`) without a value: set its hyperparameter or `fix` it")
                }
                return try PhaseClassifier(quantity: quantity, limit: limit).classify(at: point)
            }
            let result = try classify(classification.quantity)
            var flagRegimes: [String: WidthRegime?] = [:]
            for flag in model.section.flags where flagRegimes[flag.quantity] == nil {
                flagRegimes[flag.quantity] = try classify(flag.quantity).regime
            }
            return Row(parameterization: p, classification: result, region: result.regime.flatMap { classification.regions[$0] },
                       flags: model.section.flags.map { flag in (flag.name, flagRegimes[flag.quantity]!.map { $0 == flag.regime }) })
        }
    }

    /// Every row decided and confirmed numerically.
    public var allConfirmed: Bool { rows.allSatisfy { $0.classification.isConfirmed } }

    /// The scaled hyperparameters some parameterization sets, in `scale` order.
    public var hyperparameters: [String] {
        let set = Set(model.section.parameterizations.flatMap { $0.assignments.map(\.name) })
        return model.section.scalings.map(\.name).filter(set.contains)
    }
}
