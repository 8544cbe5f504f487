import PhasecheckExpressions

/// Why a derivation file cannot be used, with the place in the file (exit status 2).
public struct DerivationError: Error, Sendable, CustomStringConvertible {
    public let file: String
    public let location: SourceLocation
    public let message: String

    public init(file: String, location: SourceLocation, message: String) {
        self.file = file
        self.location = location
        self.message = message
    }

    public var description: String { "\(file):\(location.line):\(location.column): error: \(message)" }
}
