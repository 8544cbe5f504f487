import ArgumentParser
import Foundation
import PhasecheckExpressions
import PhasecheckFormat
import PhasecheckVerify

/// Exit statuses: 0 every claim holds, 1 a claim failed (or a value could not be certified), 2 the input
/// could not be used.
enum ExitStatus {
    static let failed: Int32 = 1
    static let badInput: Int32 = 2
}

/// An error already worded for the user; printed to stderr as is.
struct UserError: Error, CustomStringConvertible {
    let description: String
    let status: Int32
    init(_ message: String, status: Int32 = ExitStatus.badInput) {
        description = SourceText.visible(message)
        self.status = status
    }
}

@main
struct Phasecheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "phasecheck",
        abstract: "Check analytic derivations about learning dynamics, to the digit.",
        version: PhasecheckVersion.current,
        subcommands: [VerifyCommand.self, SolveCommand.self, PlotCommand.self, EvalCommand.self, DiffCommand.self, RegionsCommand.self, PhaseCommand.self, TableCommand.self, InitCommand.self, FixedPointsCommand.self]
    )

    /// Runs the command, mapping every failure to the documented exit statuses (argument errors are
    /// input errors: status 2, not ArgumentParser's 64). Clean exits (help, `--version`, completion
    /// scripts) print what ArgumentParser produced to stdout, with status 0.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as UserError {
            FileHandle.standardError.write(Data(("phasecheck: " + error.description + "\n").utf8))
            Foundation.exit(error.status)
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            let status = exitCode(for: error)
            if status == .success {
                // Help, version and completion scripts that cannot be written (`> /dev/full`) are a failure too.
                let message = fullMessage(for: error)
                do { if !message.isEmpty { try StandardOutput.write(message + "\n") } } catch {
                    FileHandle.standardError.write(Data("phasecheck: \(error)\n".utf8))
                    Foundation.exit(ExitStatus.failed)
                }
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n" + (mistypedSubcommandHint() ?? "")).utf8))
            Foundation.exit(status == .validationFailure ? ExitStatus.badInput : status.rawValue)
        }
    }
}

/// "Did you mean `verify`?" when the first argument is a near miss of a subcommand (`verfy`).
func mistypedSubcommandHint() -> String? {
    let names = Phasecheck.configuration.subcommands.map { $0._commandName }
    guard CommandLine.arguments.count > 1, case let word = CommandLine.arguments[1], !names.contains(word),
          let nearest = Suggestions.nearest(to: word, among: names) else { return nil }
    return "  Did you mean `phasecheck \(nearest)`?\n"
}

/// Parses an expression given on the command line; an error shows the text with a caret under the column.
func parseArgument(_ text: String, _ label: String? = nil) throws -> Expr {
    do { return try ExpressionParser.parse(text) } catch { throw argumentError(error, in: text, label) }
}

/// A syntax error in a command-line value: the column, the value with a caret under it, and a hint.
func argumentError(_ error: ParseError, in text: String, _ label: String?) -> UserError {
    let prefix = label.map { "\($0): " } ?? ""
    let hint = Suggestions.forSyntaxError(error, tokens: (try? Lexer.tokenize(text)) ?? []).map { "\n  hint: \($0)" } ?? ""
    return UserError("\(prefix)column \(error.location.column): \(error.message)\n  \(text)\n  \(String(repeating: " ", count: error.location.column - 1))^\(hint)")
}

/// Reads `NAME=VALUE` assignments whose values are expressions (vectors allowed: `u0=[1,-2,0.5]`).
func parseAssignments(_ items: [String]) throws -> [(name: String, value: Expr)] {
    try items.map { item in
        guard let eq = item.firstIndex(of: "=") else {
            throw UserError("--set \(item): expected NAME=VALUE")
        }
        let name = String(item[..<eq]).trimmingCharacters(in: .whitespaces)
        return (name, try parseArgument(String(item[item.index(after: eq)...]), "--set \(name)"))
    }
}
