import ArgumentParser
import PhasecheckExpressions

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Print the symbolic derivative of an expression with respect to a symbol."
    )

    /// The expression and the symbol, collected as every argument that is not an option: an expression may start
    /// with a minus (`'-x^2'`), which ArgumentParser would otherwise take for an option.
    @Argument(parsing: .allUnrecognized, help: ArgumentHelp(
        "The expression, e.g. 'gamma*dot(u, w)*exp(-t)', then the symbol to differentiate by (a scalar; other symbols are constants).",
        valueName: "expression> <symbol"))
    var words: [String] = []

    var expression: String { words[0] }
    var symbol: String { words[1] }

    func validate() throws {
        try refuseMistypedOptions(in: words, options: ["--simplify", "--latex", "--help", "--version"])
        guard words.count == 2 else {
            throw ValidationError(words.count < 2 ? "Missing expected argument '\(words.isEmpty ? "<expression>" : "<symbol>")'"
                                                  : "Expected an expression and a symbol, got \(words.count) arguments (quote the expression)")
        }
    }

    @Flag(help: "Simplify the result (safe rules only; see docs/expressions.md).")
    var simplify = false

    @Flag(help: "Print LaTeX instead of the plain expression language.")
    var latex = false

    func run() throws {
        let parsed = try parseArgument(expression)
        guard symbol.first.map({ $0.isLetter || $0 == "_" }) == true, symbol.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
            throw UserError("`\(symbol)` is not a symbol name")
        }
        var derivative: Expr
        do { derivative = try parsed.derivative(withRespectTo: symbol) } catch { throw UserError(error.message) }
        // A derivative already assumes finite values (see Differentiator) and its variable is a scalar.
        if simplify { derivative = derivative.simplified(assumingFiniteValues: true, scalarSymbols: [symbol]) }
        try StandardOutput.write((latex ? LatexPrinter.print(derivative) : PlainPrinter.print(derivative)) + "\n")
    }
}
