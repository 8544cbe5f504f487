/// A position in a source text: 1-based line and column (columns count characters).
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let line: Int
    public let column: Int
    public init(line: Int, column: Int) { self.line = line; self.column = column }
    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }
    public var description: String { "\(line):\(column)" }
}

/// An input error with its position: what was found and what was expected there.
public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public let location: SourceLocation
    public let message: String
    public init(_ message: String, at location: SourceLocation) {
        self.location = location
        self.message = message
    }
    public var description: String { "\(location): \(message)" }
}

public struct Token: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case number(String)
        case identifier(String)
        case string(String)
        /// Punctuation and operators: `+ - * / @ ^ ( ) [ ] { } , = == < > <= >= ' : ->` and `~`.
        case symbol(String)
        /// End of a statement line (only outside brackets).
        case newline
        case end
    }
    public let kind: Kind
    public let location: SourceLocation

    /// How the token reads in an error message.
    public var display: String {
        switch kind {
        case .number(let text), .identifier(let text): return "`\(text)`"
        case .string(let text): return "\"\(text)\""
        case .symbol(let text): return "`\(text)`"
        case .newline: return "end of line"
        case .end: return "end of input"
        }
    }
}

/// Splits source text into tokens. `#` starts a comment to the end of the line (LF, CRLF or CR). Newlines inside
/// parentheses or brackets are ignored, so a long expression may span lines.
public enum Lexer {
    static let twoCharacterSymbols: Set<String> = ["==", "<=", ">=", "->", "!="]
    static let oneCharacterSymbols: Set<Character> = ["+", "-", "*", "/", "@", "^", "(", ")", "[", "]", "{", "}",
                                                      ",", "=", "<", ">", "'", ":", "~", "|", "!", ";"]

    /// LF, CRLF (one `Character` in Swift) and a lone CR (old Mac files) each end a line.
    static func isLineEnd(_ c: Character) -> Bool { c == "\n" || c == "\r\n" || c == "\r" }

    /// C0 controls other than tab, DEL and C1 controls: what a terminal acts on instead of showing.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t") || (0x7F...0x9F).contains(scalar.value) || isBidirectionalControl(scalar)
    }

    /// The marks and overrides that reorder how a terminal shows the text around them (U+202E turns the rest of
    /// a line around), so a claim name could read differently from what it is.
    public static func isBidirectionalControl(_ scalar: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
            || scalar.value == 0x200E || scalar.value == 0x200F || scalar.value == 0x061C
    }

    /// Lexes line by line, each line without its comment, so that memory follows the code, not the
    /// file: a 40 MB comment is never held as an array of 16-byte `Character`s.
    public static func tokenize(_ text: String) throws(ParseError) -> [Token] {
        var tokens: [Token] = []
        var line = 0, column = 1, depth = 0
        func location() -> SourceLocation { SourceLocation(line: line, column: column) }
        for lineText in text.split(omittingEmptySubsequences: false, whereSeparator: isLineEnd) {
            if line > 0 && depth == 0, let last = tokens.last, last.kind != .newline {
                tokens.append(Token(kind: .newline, location: location()))
            }
            line += 1; column = 1
            let code = withoutComment(lineText)
            try tokenize(line: Array(code), into: &tokens, line: line, column: &column, depth: &depth)
            // The end of the line is after its comment (counted, not copied).
            column += lineText[code.endIndex...].count
        }
        if let last = tokens.last, last.kind != .newline {
            tokens.append(Token(kind: .newline, location: location()))
        }
        tokens.append(Token(kind: .end, location: location()))
        return tokens
    }

    /// The line up to a `#` outside a string; the comment is left out without being copied.
    static func withoutComment(_ line: Substring) -> Substring {
        var inString = false
        for i in line.indices {
            if line[i] == "\"" { inString.toggle() }
            if line[i] == "#" && !inString { return line[..<i] }
        }
        return line
    }

    private static func tokenize(line chars: [Character], into tokens: inout [Token], line: Int, column: inout Int,
                                 depth: inout Int) throws(ParseError) {
        var i = 0
        func location() -> SourceLocation { SourceLocation(line: line, column: column) }
        func advance(_ n: Int = 1) { i += n; column += n }

        while i < chars.count {
            let c = chars[i]
            if c == " " || c == "\t" { advance(); continue }
            let start = location()
            if c.isASCII && (c.isNumber || (c == "." && i + 1 < chars.count && chars[i + 1].isASCII && chars[i + 1].isNumber)) {
                var j = i
                while j < chars.count, chars[j].isASCII, chars[j].isNumber { j += 1 }
                if j < chars.count, chars[j] == "." {
                    j += 1
                    while j < chars.count, chars[j].isASCII, chars[j].isNumber { j += 1 }
                }
                if j < chars.count, chars[j] == "e" || chars[j] == "E" {
                    var k = j + 1
                    if k < chars.count, chars[k] == "+" || chars[k] == "-" { k += 1 }
                    if k < chars.count, chars[k].isASCII, chars[k].isNumber {
                        while k < chars.count, chars[k].isASCII, chars[k].isNumber { k += 1 }
                        j = k
                    }
                }
                tokens.append(Token(kind: .number(String(chars[i..<j])), location: start))
                advance(j - i)
                continue
            }
            if c.isASCII && (c.isLetter || c == "_") {
                var j = i
                while j < chars.count, chars[j].isASCII, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" { j += 1 }
                tokens.append(Token(kind: .identifier(String(chars[i..<j])), location: start))
                advance(j - i)
                continue
            }
            if c == "\"" {
                var j = i + 1
                while j < chars.count, chars[j] != "\"", !Self.isLineEnd(chars[j]) {
                    // A title or claim name is printed in every report: a control character in it would
                    // act on the reader's terminal (clear it, recolour it, ring the bell).
                    if let scalar = chars[j].unicodeScalars.first(where: Self.isControl) {
                        let hex = String(scalar.value, radix: 16, uppercase: true)
                        throw ParseError("a control character (U+\(String(repeating: "0", count: Swift.max(0, 4 - hex.count)) + hex)) in a string: strings are printed in reports, so they may hold only visible characters and tabs",
                                         at: SourceLocation(line: line, column: column + j - i))
                    }
                    j += 1
                }
                guard j < chars.count, chars[j] == "\"" else {
                    throw ParseError("unterminated string: expected a closing `\"` on the same line", at: start)
                }
                tokens.append(Token(kind: .string(String(chars[(i + 1)..<j])), location: start))
                advance(j + 1 - i)
                continue
            }
            if i + 1 < chars.count, twoCharacterSymbols.contains(String(chars[i...(i + 1)])) {
                tokens.append(Token(kind: .symbol(String(chars[i...(i + 1)])), location: start))
                advance(2)
                continue
            }
            if oneCharacterSymbols.contains(c) {
                if c == "(" || c == "[" || c == "{" { depth += 1 }
                if c == ")" || c == "]" || c == "}" { depth = Swift.max(0, depth - 1) }
                tokens.append(Token(kind: .symbol(String(c)), location: start))
                advance()
                continue
            }
            throw ParseError("unexpected character `\(c)`", at: start)
        }
    }
}
