import PhasecheckExpressions

/// Turning the bytes of a derivation file into text the lexer can read, and text back into something safe
/// to show on a terminal. Kept free of Foundation so that library users get the same rules as the CLI.
public enum SourceText {
    /// Decodes UTF-8, refusing invalid bytes with the line and column of the first one (a file saved in
    /// Latin-1 or a binary file is an input error, not a garbled parse), and reads CRLF (Windows) and lone
    /// CR (old Mac) line ends as LF, so that line numbers and error messages are the same everywhere.
    public static func decode(_ bytes: some Collection<UInt8>, file: String) throws(DerivationError) -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw DerivationError(file: file, location: firstInvalidByte(bytes),
                                  message: "the file is not UTF-8 text: an invalid byte sequence here (save it as UTF-8)")
        }
        guard bytes.contains(carriageReturn) else { return text }
        var normalized: [UInt8] = []
        normalized.reserveCapacity(bytes.count)
        var previousWasCR = false
        for byte in bytes {
            if byte == carriageReturn { normalized.append(lineFeed) }
            else if byte != lineFeed || !previousWasCR { normalized.append(byte) }
            previousWasCR = byte == carriageReturn
        }
        return String(decoding: normalized, as: UTF8.self)
    }

    static let carriageReturn: UInt8 = 0x0D, lineFeed: UInt8 = 0x0A

    /// Line and column (in characters, as the lexer counts) of the first byte that is not valid UTF-8.
    static func firstInvalidByte(_ bytes: some Collection<UInt8>) -> SourceLocation {
        var line = 1, column = 1
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var previousWasCR = false
        while case .scalarValue(let scalar) = decoder.decode(&iterator) {
            if scalar == "\r" || (scalar == "\n" && !previousWasCR) { line += 1; column = 1 }
            else if scalar != "\n" { column += 1 }
            previousWasCR = scalar == "\r"
        }
        return SourceLocation(line: line, column: column)
    }

    /// The text with control characters other than newline and tab written as `\u{1B}`, so that a file
    /// name, a token or a source line never moves the cursor, rings the bell or recolours the terminal.
    public static func visible(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) && scalar != "\n" && scalar != "\t" {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// C0, DEL and C1 controls: the characters a terminal may act on instead of showing.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || Lexer.isBidirectionalControl(scalar)
    }

    /// Line `number` (1-based) of the text, or nil past its end.
    static func line(_ number: Int, of text: String) -> Substring? {
        guard number >= 1 else { return nil }
        var current = 1
        var start = text.startIndex
        while current < number {
            guard let newline = text[start...].firstIndex(of: "\n") else { return nil }
            start = text.index(after: newline)
            current += 1
        }
        let end = text[start...].firstIndex(of: "\n") ?? text.endIndex
        return text[start..<end]
    }

    /// The source line of `location` with a caret under its column, in the layout of compilers:
    ///
    ///         4 | ode x' = -k*y
    ///           |             ^
    ///
    /// A line longer than `excerptWidth` characters (a generated 10^6-term sum) is cut to a window around
    /// the column, with `...` where text is left out.
    public static func excerpt(_ text: String, at location: SourceLocation) -> String? {
        guard let line = line(location.line, of: text), !line.allSatisfy(\.isWhitespace) else { return nil }
        let characters = Array(line)
        let column = min(max(0, location.column - 1), characters.count)
        var start = 0, end = characters.count
        if characters.count > excerptWidth {
            start = max(0, min(column - excerptWidth * 2 / 3, characters.count - excerptWidth))
            end = min(characters.count, start + excerptWidth)
        }
        let head = start > 0 ? "..." : "", tail = end < characters.count ? "..." : ""
        let before = head + String(characters[start..<column])
        // The caret sits under the shown text: escaped controls take several columns, tabs stay tabs.
        let padding = visible(before).map { $0 == "\t" ? "\t" : " " }.joined()
        let number = String(location.line)
        let gutter = String(repeating: " ", count: number.count)
        return "  \(number) | \(visible(head + String(characters[start..<end]) + tail))\n  \(gutter) | \(padding)^"
    }

    /// The most characters of a source line an excerpt shows.
    static let excerptWidth = 80
}
