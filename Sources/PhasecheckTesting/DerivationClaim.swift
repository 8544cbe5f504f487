import Foundation
import PhasecheckDerivations
import Testing

/// One claim of a derivation file as a Swift Testing argument, so that each claim runs as its own test
/// case and a failure points at the claim's line in the `.phc` file:
///
/// ```swift
/// @Test(arguments: try DerivationClaim.all(in: "derivations/appendix_b.phc"))
/// func holds(_ claim: DerivationClaim) throws { try claim.expectHolds() }
/// ```
public struct DerivationClaim: Sendable, CustomTestStringConvertible, CustomStringConvertible {
    /// The file's path as given.
    public let path: String
    /// The claim's position among the file's claims (0-based).
    public let index: Int
    public let name: String
    /// Where the claim is written (1-based line and column).
    public let line: Int
    public let column: Int

    /// Every claim of the file, in file order. An unreadable or malformed file throws its error with
    /// the file, line and column (`DerivationError`).
    public static func all(in path: String) throws -> [DerivationClaim] {
        try load(path).derivation.claims.enumerated().map { index, claim in
            DerivationClaim(path: path, index: index, name: claim.name, line: claim.location.line, column: claim.location.column)
        }
    }

    /// The claim's name, as the test navigator and the console show the case.
    public var testDescription: String { name }
    public var description: String { "\(path):\(line):\(column): \(name)" }

    /// The claim's line in the `.phc` file, for `Issue.record`.
    public var sourceLocation: SourceLocation {
        SourceLocation(fileID: "phc/" + (path as NSString).lastPathComponent, filePath: path, line: line, column: column)
    }

    /// Checks the claim and returns its result.
    public func verify(options: VerifyOptions = VerifyOptions()) throws -> ClaimResult {
        let checked = try Self.load(path)
        return Verifier(checked, options: options).verify(checked.derivation.claims[index])
    }

    /// Checks the claim and records an issue at its line in the `.phc` file unless it holds: the status,
    /// the digits reached against those required, where the worst case was, and why.
    @discardableResult
    public func expectHolds(options: VerifyOptions = VerifyOptions()) throws -> ClaimResult {
        let result = try verify(options: options)
        if result.status != .holds {
            let digits = result.agreement.map { "\($0.shown)/\(result.requiredDigits) digits" } ?? "no digits/\(result.requiredDigits)"
            let worst = result.worstCase.map { "\($0.name)=\($0.value)" }.joined(separator: " ")
            let label = result.place.lead ?? "worst:"
            Issue.record("\"\(name)\" \(result.status.rawValue) (\(digits))\(worst.isEmpty ? "" : ", \(label) " + worst): \(result.detail)",
                         sourceLocation: sourceLocation)
        }
        return result
    }

    static func load(_ path: String) throws -> CheckedDerivation {
        let text = try SourceText.decode(try Data(contentsOf: URL(fileURLWithPath: path)), file: path)
        return try DerivationParser.check(text, file: path)
    }
}
