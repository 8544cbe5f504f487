import ArgumentParser
import PhasecheckReports

extension OutputFormat: ExpressibleByArgument {}

/// Rejects a format the command's report does not write (a usage error, exit status 2).
func requireFormat(_ format: OutputFormat, among formats: [OutputFormat]) throws {
    guard formats.contains(format) else {
        throw ValidationError("--format \(format.rawValue): expected one of \(formats.map(\.rawValue).joined(separator: ", "))")
    }
}
