import PhasecheckNumbers

/// The results of verifying one derivation file.
public struct FileReport: Sendable {
    public var file: String
    public var title: String?
    public var citation: String?
    public var results: [ClaimResult]
    public var seconds: Double

    public init(file: String, title: String?, citation: String?, results: [ClaimResult], seconds: Double) {
        self.file = file
        self.title = title
        self.citation = citation
        self.results = results
        self.seconds = seconds
    }

    public var allHold: Bool { results.allSatisfy { $0.status == .holds } }
}

extension Verifier {
    /// Checks every claim and region line on all cores and times the whole file (`started` and `finished`
    /// as in `verifyAllInParallel`, for the claims).
    public func report(started: @Sendable (Int) -> Void = { _ in },
                       finished: @Sendable (Int, ClaimResult) -> Void = { _, _ in }) -> FileReport {
        let claims = derivation.claims.count
        return VerificationPool.reports([self], started: { item in
            if item.index < claims { started(item.index) }
        }, finished: { item, results in
            if item.index < claims { finished(item.index, results[0]) }
        })[0]
    }
}
