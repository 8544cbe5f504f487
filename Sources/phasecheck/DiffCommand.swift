import ArgumentParser
import PhasecheckExpressions

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Print the symbolic derivative of an expression with respect to a symbol."
    )

    @Argument(help: "The expression, e.g. 'gamma*dot(u, w)*exp(-t)'.")
    var expression: String

    @Argument(help: "The symbol to differentiate by (a scalar; other symbols are constants).")
    var symbol: String

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
