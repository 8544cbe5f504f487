import ArgumentParser
import PhasecheckReports
import PhasecheckVerify

extension OutputFormat: ExpressibleByArgument {
    /// None: each command writes its own formats, which its `--format` help (`formatHelp`) and completions
    /// (`formatCompletion`) list; ArgumentParser would list every format for every command.
    public static var allValueStrings: [String] { [] }
}
extension Solver.Method: ExpressibleByArgument {}

/// `--format` help listing a report's formats, so that a new format needs no change here.
func formatHelp(_ formats: [OutputFormat], _ note: String = "") -> ArgumentHelp {
    ArgumentHelp("One of \(formats.map(\.rawValue).joined(separator: ", "))." + (note.isEmpty ? "" : " " + note))
}

/// The shell completions of a command's `--format`: the formats it writes.
func formatCompletion(_ formats: [OutputFormat]) -> CompletionKind { .list(formats.map(\.rawValue)) }

/// Rejects a format the command's report does not write (a usage error, exit status 2).
func requireFormat(_ format: OutputFormat, among formats: [OutputFormat]) throws {
    guard formats.contains(format) else {
        throw ValidationError("--format \(format.rawValue): expected one of \(formats.map(\.rawValue).joined(separator: ", "))")
    }
}
