@testable import PhasecheckExpressions
import Testing

/// Comments are dropped line by line (issue 18: a 40 MB comment-only file took 714 MB to read); what
/// follows them keeps its line and column, and a `#` inside a string is not a comment.
struct LexerCommentTests {
    @Test func longCommentsKeepLinesAndColumns() throws {
        let comment = "# " + String(repeating: "x", count: 100_000) + "\n"
        let text = String(repeating: comment, count: 50) + "  a = \"case #1\" # trailing\n b"
        let tokens = try Lexer.tokenize(text)
        let kinds = tokens.map(\.kind)
        #expect(kinds == [.identifier("a"), .symbol("="), .string("case #1"), .newline, .identifier("b"), .newline, .end])
        #expect(tokens[0].location == SourceLocation(line: 51, column: 3))
        #expect(tokens[2].location == SourceLocation(line: 51, column: 7))
        #expect(tokens[4].location == SourceLocation(line: 52, column: 2))
        // A line's end is after its comment.
        #expect(tokens[3].location == SourceLocation(line: 51, column: 27))
        #expect(try Lexer.tokenize("x # note").last!.location == SourceLocation(line: 1, column: 9))
    }

    @Test func anErrorAfterACommentIsAtItsColumn() {
        #expect(throws: ParseError("unexpected character `$`", at: SourceLocation(line: 2, column: 4))) {
            _ = try Lexer.tokenize("# comment with $\nx +$")
        }
    }
}
