import PhasecheckExpressions

/// "Did you mean" for misspelt names, and hints for the slips people bring from other languages
/// (`2k`, `x**2`, `e^x`, `x(t)`, `ln`).
public enum Suggestions {
    /// Names from other notations and what this language calls them.
    static let aliases = ["ln": "log", "arctan": "atan", "arcsin": "asin", "arccos": "acos", "arsinh": "asinh",
                          "arcosh": "acosh", "artanh": "atanh", "power": "pow", "fabs": "abs"]

    /// The candidate nearest to `name` by edit distance (a transposition counts as one edit), if it is
    /// close enough to be a slip: at most one edit per three characters (at least one), fewer than its length.
    public static func nearest(to name: String, among candidates: some Sequence<String>) -> String? {
        let allowed = max(1, name.count / 3)
        var best: (distance: Int, name: String)? = nil
        for candidate in candidates where candidate != name {
            let d = editDistance(name, candidate)
            guard d <= allowed, d < name.count else { continue }
            if best == nil || (d, candidate) < (best!.distance, best!.name) { best = (d, candidate) }
        }
        return best?.name
    }

    /// "did you mean `x`?" or nil.
    public static func didYouMean(_ name: String, among candidates: some Sequence<String>) -> String? {
        nearest(to: name, among: candidates).map { "did you mean `\($0)`?" }
    }

    /// Optimal string alignment distance (Levenshtein plus adjacent transpositions).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }

    /// A hint for an unknown symbol: `e` is not Euler's number here; otherwise the nearest known name.
    public static func forUnknownSymbol(_ name: String, known: some Sequence<String>) -> String? {
        if name == "e" { return "there is no constant `e`: write `exp(x)` for e^x (and `exp(1)` for e)" }
        if name == "inf" || name == "infinity" { return "infinity is written only in domains and `t = inf`; use a large value or a `limit` claim" }
        if ExpressionParser.functionNames.contains(name) { return "`\(name)` is a function: write `\(name)(...)`" }
        return didYouMean(name, among: known)
    }

    /// A hint for a syntax error, from the tokens around it: implicit multiplication, `**`, unknown
    /// functions (misspelt, from another language, or a state written `x(t)`), misspelt keywords.
    /// - Parameter names: the names declared so far (a `name(` for one of them is the `x(t)` slip).
    public static func forSyntaxError(_ error: ParseError, tokens: [Token], names: Set<String> = [],
                                      keywords: [String] = []) -> String? {
        guard let index = tokens.firstIndex(where: { $0.location == error.location }) else { return nil }
        let token = tokens[index]
        let previous = index > 0 ? tokens[index - 1] : nil
        let next = index + 1 < tokens.count ? tokens[index + 1] : nil
        /// Whether the previous token ends right where this one starts (no space between them).
        func touchesPrevious() -> Bool {
            guard let previous, previous.location.line == token.location.line else { return false }
            return previous.location.column + previous.length == token.location.column
        }
        switch token.kind {
        case .symbol("*") where previous?.kind == .symbol("*") && touchesPrevious():
            return "`**` is not an operator: write `x^2` for a power"
        case .identifier(let name) where next?.kind == .symbol("(") && !ExpressionParser.functionNames.contains(name):
            if names.contains(name) {
                return "`\(name)` is not a function: write `\(name)`, not `\(name)(t)` (states and quantities depend on t already)"
            }
            if let alias = aliases[name] { return "write `\(alias)` (`\(name)` is not a function name here)" }
            return didYouMean(name, among: ExpressionParser.functionNames)
        case .identifier, .symbol("("):
            if case .number(let digits) = previous?.kind, touchesPrevious() {
                return "there is no implicit multiplication: write `\(digits)*\(token.kind.text)`"
            }
            if case .identifier(let word) = token.kind, !keywords.isEmpty, let kw = nearest(to: word, among: keywords) {
                return "did you mean `\(kw)`?"
            }
            return nil
        default:
            return nil
        }
    }
}

extension Token {
    /// Characters the token took in the source (strings with their quotes).
    var length: Int {
        switch kind {
        case .number(let text), .identifier(let text), .symbol(let text): return text.count
        case .string(let text): return text.count + 2
        case .newline, .end: return 0
        }
    }
}

extension Token.Kind {
    /// The token as written.
    var text: String {
        switch self {
        case .number(let text), .identifier(let text), .symbol(let text): return text
        case .string(let text): return "\"\(text)\""
        case .newline: return "\n"
        case .end: return ""
        }
    }
}
