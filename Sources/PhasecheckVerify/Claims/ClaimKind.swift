import PhasecheckExpressions
import PhasecheckFormat

/// A claim kind: its grammar (`ClaimStatement`), its check and its documentation, in one file of this
/// folder. Adding a kind touches three files: the kind's file, `ClaimKinds.all`, and its rows in
/// docs/derivation-format.md (a test checks that the rows are there and that the examples hold and fail).
package protocol ClaimKind: ClaimStatement {
    /// The kind's alternative of the `claim` rule in docs/derivation-format.md's grammar.
    static var grammar: String { get }
    /// Its rows of the table "What each claim checks" in docs/derivation-format.md.
    static var documentation: [String] { get }
    /// A bundled claim of this kind that holds, and a planted mistake that must make it fail.
    static var example: ClaimExample { get }
    /// Whether the claim's expressions may be vectors (default: each must be a scalar).
    static var allowsVectors: Bool { get }
    /// Checks the claim, recording the outcome into `check`.
    func check(_ check: inout ClaimCheck) throws
    /// The digits the claim's computations work to when `asked` are asked (default: those asked).
    func workingDigits(asked: Int) -> Int
    /// The digits its reference is known to (`digits k`; default nil: exact), which the report shows as
    /// required when fewer than asked, whatever the verdict (an ERROR too).
    var referenceDigits: Int? { get }
}

extension ClaimKind {
    package static var allowsVectors: Bool { false }
    package func workingDigits(asked: Int) -> Int { asked }
    package var referenceDigits: Int? { nil }

    /// The working digits of a claim whose reference is known to k digits (`digits k`; nil: exact): k + 3,
    /// never more than asked. Such a claim is decided by the value's rounding to k digits, so more digits
    /// cannot change its verdict; the usual escalation still raises the precision when a value lies too
    /// close to a rounding boundary to be decided at k + 3.
    package static func workingDigits(asked: Int, referenceDigits k: Int?) -> Int {
        guard let k else { return asked }
        return Swift.min(asked, k + 3)
    }
}

/// A claim that compares two sides entry by entry: the reader checks that their shapes match (or that one
/// side is a single value, compared with every entry); its other expressions (times, steps) are scalars.
package protocol ComparesSides {
    var sides: (Expr, Expr) { get }
}

/// A claim of a bundled derivation, and an edit of that file that must make it fail.
package struct ClaimExample: Sendable {
    /// The derivation, relative to the package root.
    package let file: String
    /// The name of a claim of the kind, which holds.
    package let claim: String
    /// Text of the file, and what replaces it to plant the mistake.
    package let original: String
    package let planted: String
}

/// Every claim kind, in the order error messages list them.
package enum ClaimKinds {
    package static let all: [any ClaimKind.Type] = [
        SolvesODEClaim.self, InvariantClaim.self, IdentityClaim.self, RateClaim.self, ValueClaim.self,
        MonotoneClaim.self, LimitClaim.self, OdeFollowsFromLossClaim.self,
        ConvergesClaim.self, DivergesClaim.self, ThresholdClaim.self, AgreesWithFlowClaim.self,
        BasinClaim.self,
        FixedPointClaim.self, StationaryClaim.self, StableClaim.self, UnstableClaim.self, SaddleClaim.self, EigenvaluesClaim.self,
        MeanClaim.self, ExpectationValueClaim.self,
    ]
}
