import PhasecheckExpressions
import Testing

@Suite struct ParseErrorTests {
    /// Malformed input, the expected error position (line:column) and a fragment of the message.
    static let corpus: [(String, String, String)] = [
        ("", "1:1", "expected a number, a name, `(` or `[`, found end of input"),
        ("1 +", "1:4", "found end of input"),
        ("(x + 1", "1:7", "expected `)` to close the `(` at 1:1"),
        ("x + 1)", "1:6", "expected an operator or the end of the expression, found `)`"),
        ("2x", "1:2", "found `x`"),
        ("sin(x", "1:6", "expected `)` or `,` in the list"),
        ("sin()", "1:5", "found `)`"),
        ("sin(x, y)", "1:1", "`sin` takes 1 argument, found 2"),
        ("atan2(x)", "1:1", "`atan2` takes 2 arguments, found 1"),
        ("foo(x)", "1:1", "unknown function `foo`"),
        ("x $ y", "1:3", "unexpected character `$`"),
        ("x[0]", "1:2", "expected a positive integer index, found `0`"),
        ("x[1.5]", "1:2", "expected a positive integer index"),
        ("x[y]", "1:2", "found `y`"),
        ("x[-1]", "1:2", "expected a positive integer index"),
        ("x[1", "1:4", "expected `]` to close the index"),
        ("[1, 2", "1:6", "expected `]` or `,` in the list"),
        ("[]", "1:2", "found `]`"),
        ("x ^", "1:4", "found end of input"),
        ("* x", "1:1", "found `*`"),
        ("x + * y", "1:5", "found `*`"),
        ("1e", "1:2", "found `e`"),
        ("1.2.3", "1:4", "found `.3`"),
        ("x = 1", "1:3", "found `=`"),
        ("\"abc\"", "1:1", "found \"abc\""),
        ("\"abc", "1:1", "unterminated string"),
        ("x\ny", "2:1", "found `y`"),
        ("(x +\n  )", "2:3", "found `)`"),
        ("x + é", "1:5", "unexpected character `é`"),
        ("1e999999999", "1:1", "decimal exponent of `1e999999999` is beyond ±10000"),
        ("2 + 1e-99999", "1:5", "decimal exponent of `1e-99999` is beyond ±10000"),
        ("dot(u)", "1:1", "`dot` takes 2 arguments, found 1"),
        ("norm(u, w)", "1:1", "`norm` takes 1 argument, found 2"),
        ("sin x", "1:5", "found `x`"),
        ("x, y", "1:2", "found `,`"),
        ("((x)", "1:5", "expected `)` to close the `(` at 1:1"),
        ("-", "1:2", "found end of input"),
        ("a -> b", "1:3", "found `->`"),
        ("  \t x y", "1:7", "found `y`"),
        (String(repeating: "(", count: 250) + "x", "1:201", "nested more than 200 levels deep"),
        (String(repeating: "-", count: 300) + "x", "1:201", "nested more than 200 levels deep"),
        ("x" + String(repeating: "^x", count: 300), "1:401", "nested more than 200 levels deep"),
    ]

    @Test(arguments: corpus)
    func reportsPositionAndReason(input: String, location: String, fragment: String) {
        #expect(throws: ParseError.self) { try ExpressionParser.parse(input) }
        do {
            _ = try ExpressionParser.parse(input)
        } catch {
            #expect(error.location.description == location, "\(input.debugDescription): \(error)")
            #expect(error.message.contains(fragment), "\(input.debugDescription): \(error)")
        }
    }
}
