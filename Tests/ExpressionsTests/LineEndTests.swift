import PhasecheckExpressions
import Testing

/// LF, CRLF and a lone CR (old Mac files) all end a line and a comment (issues 13 and 18).
@Suite struct LineEndTests {
    /// The kinds and line:column positions of the tokens of `text`.
    static func tokens(_ text: String) throws -> [String] {
        try Lexer.tokenize(text).map { token in
            let kind: String = switch token.kind {
            case .identifier(let name): name
            case .number(let digits): digits
            case .symbol(let s): s
            case .string(let s): "\"\(s)\""
            case .newline: "NL"
            case .end: "END"
            }
            return "\(kind)@\(token.location)"
        }
    }

    @Test(arguments: ["\n", "\r\n", "\r"])
    func lineEndsSeparateStatementsAndEndComments(end: String) throws {
        let text = ["a = 1 # one", "# only a comment", "b = a + 2"].joined(separator: end) + end
        #expect(try Self.tokens(text) == ["a@1:1", "=@1:3", "1@1:5", "NL@1:12", "b@3:1", "=@3:3", "a@3:5", "+@3:7",
                                          "2@3:9", "NL@3:10", "END@4:1"])
    }

    @Test func crInsideAStringIsUnterminated() throws {
        #expect(throws: ParseError.self) { try Lexer.tokenize("s = \"abc\rdef\"") }
    }

    @Test func expressionsSpanCRLFLines() throws {
        #expect(try ExpressionParser.parse("(x +\r\n y)\r\n") === (try ExpressionParser.parse("x + y")))
    }
}
