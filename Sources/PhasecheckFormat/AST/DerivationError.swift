import PhasecheckExpressions

/// Why a derivation file cannot be used, with the place in the file (exit status 2).
public struct DerivationError: Error, Sendable, CustomStringConvertible {
    public let file: String
    public let location: SourceLocation
    public let message: String
    /// What to write instead, when the mistake is a known slip or a near miss of a known name.
    public var hint: String?
    /// Further errors in the same file: reading goes on after an error (up to `DerivationError.limit`),
    /// so that one run shows every mistake.
    public var further: [DerivationError] = []

    /// Most errors reported for one file; past it the file is likely not a derivation at all.
    public static let limit = 20

    public init(file: String, location: SourceLocation, message: String, hint: String? = nil) {
        self.file = file
        self.location = location
        self.message = message
        self.hint = hint
    }

    /// One line, control characters escaped: `file:line:column: error: message (hint)`.
    public var description: String { line(severity: "error") }

    /// One line as `description`, saying `severity` (`warning` for `CheckedDerivation.warnings`: something in the file that
    /// is likely a mistake but leaves every claim checkable) in place of `error`.
    public func line(severity: String) -> String {
        SourceText.visible("\(file):\(location.line):\(location.column): \(severity): \(message)" + (hint.map { " (hint: \($0))" } ?? ""))
    }

    /// This error and the further ones, in file order.
    public var all: [DerivationError] {
        var first = self
        first.further = []
        return ([first] + further).sorted { $0.location < $1.location }
    }

    /// Several errors as one (the first in file order carries the rest); nil for none.
    public init?(collecting errors: [DerivationError]) {
        let sorted = errors.flatMap(\.all).sorted { $0.location < $1.location }
        guard var first = sorted.first else { return nil }
        first.further = Array(sorted.dropFirst().prefix(Self.limit - 1))
        self = first
    }

    /// Every error with its source line and a caret under the column, then its hint, as compilers show
    /// them; `source` is the text the file was parsed from.
    public func rendered(source: String, severity: String = "error") -> String {
        var out = ""
        for error in all {
            out += SourceText.visible("\(error.file):\(error.location.line):\(error.location.column): \(severity): \(error.message)") + "\n"
            if let excerpt = SourceText.excerpt(source, at: error.location) { out += excerpt + "\n" }
            if let hint = error.hint { out += "  hint: " + SourceText.visible(hint) + "\n" }
        }
        let count = 1 + further.count
        if count >= Self.limit { out += "\(SourceText.visible(file)): stopped after \(Self.limit) \(severity)s\n" }
        else if count > 1 { out += "\(SourceText.visible(file)): \(count) \(severity)s\n" }
        return out
    }
}
