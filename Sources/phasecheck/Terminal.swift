import ArgumentParser
import Foundation
import Synchronization

/// Writes to standard output and says when the writes fail (a full disk, `> /dev/full`), which `print`
/// hides: a report that did not reach its reader is a failure (status 1), not a success.
enum StandardOutput {
    /// Writes straight to the descriptor (no stdio buffer to lose at exit), retrying short writes.
    static func write(_ text: String) throws {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Foundation.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw UserError("cannot write to standard output: \(String(cString: strerror(errno)))", status: ExitStatus.failed)
            }
            bytes = bytes.dropFirst(written)
        }
    }

    static var isTerminal: Bool { isatty(STDOUT_FILENO) != 0 }
}

/// `--color`: colour only where a person reads it.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never

    /// `auto` colours a terminal unless `NO_COLOR` is set to something (https://no-color.org).
    var enabled: Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto:
            let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
            return StandardOutput.isTerminal && !noColor
        }
    }
}

/// One line of progress on stderr, rewritten in place (only on a terminal, or when asked for), cleared
/// before anything else is printed so that it never mixes with the report.
final class ProgressLine: Sendable {
    let enabled: Bool
    private let shown = Mutex(false)

    init(enabled: Bool) { self.enabled = enabled }

    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    /// Shows `text` (made only when the line is enabled: a sweep asks every 64 rows).
    func show(_ text: @autoclosure () -> String) {
        guard enabled else { return }
        let text = text()
        let line = text.count > 99 ? String(text.prefix(96)) + "..." : text
        shown.withLock { shown in
            FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
            shown = true
        }
    }

    func clear() {
        guard enabled else { return }
        shown.withLock { shown in
            if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            shown = false
        }
    }

    /// "12.3 s", "4 min 05 s", "1 h 02 min".
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "?" }
        if seconds < 60 { return String(format: "%.1f s", seconds) }
        let s = Int(seconds)
        if s < 3600 { return String(format: "%d min %02d s", s / 60, s % 60) }
        return String(format: "%d h %02d min", s / 3600, (s % 3600) / 60)
    }
}
