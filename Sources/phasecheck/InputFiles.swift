import Foundation
import PhasecheckFormat
import PhasecheckVerify

/// Expands folders to the `.phc` files in them, sorted. A path that does not exist is kept, so that the
/// command reports it with the other unreadable files and still checks the rest.
func derivationFiles(_ paths: [String]) throws -> [String] {
    var files: [String] = []
    for path in paths {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            let found = names.filter { $0.hasSuffix(".phc") }.sorted().map { (path as NSString).appendingPathComponent($0) }
            guard !found.isEmpty else { throw UserError("\(path): no derivation files (*.phc) in this folder") }
            files += found
        } else {
            files.append(path)
        }
    }
    return files
}

/// The text of a derivation file, or an input error that says what is wrong with the path itself: missing,
/// a folder, a pipe or device (never opened: reading a FIFO would block), unreadable, or not UTF-8 text
/// (with the line and column of the first bad byte).
func readDerivationText(_ path: String) throws -> String {
    var info = stat()
    guard stat(path, &info) == 0 else {
        let reason = errno == ENOENT ? "no such file" : String(cString: strerror(errno))
        throw UserError("\(path): \(reason)")
    }
    switch info.st_mode & S_IFMT {
    case S_IFREG: break
    case S_IFDIR: throw UserError("\(path): is a folder; expected a derivation file (.phc)")
    default: throw UserError("\(path): is not a regular file (a pipe, socket or device); expected a derivation file (.phc)")
    }
    guard let handle = FileHandle(forReadingAtPath: path) else {
        throw UserError("\(path): cannot read the file: \(String(cString: strerror(errno)))")
    }
    defer { try? handle.close() }
    let data: Data
    do { data = try handle.readToEnd() ?? Data() } catch {
        throw UserError("\(path): cannot read the file: \(String(cString: strerror(errno)))")
    }
    do { return try SourceText.decode(data, file: path) } catch { throw UserError(error.description) }
}

/// Reads and checks a derivation file; errors show the source line with a caret, every error of the file, and so
/// do its warnings, on stderr.
/// `estimatingMemory`: see `DerivationParser.check` (false only where the model is never integrated).
func loadDerivation(_ path: String, estimatingMemory: Bool = true) throws -> CheckedDerivation {
    let text = try readDerivationText(path)
    do {
        let checked = try DerivationParser.check(text, file: path, estimatingMemory: estimatingMemory)
        if let warnings = DerivationError(collecting: checked.warnings) {
            FileHandle.standardError.write(Data(warnings.rendered(source: text, severity: "warning").utf8))
        }
        return checked
    } catch {
        throw UserError(error.rendered(source: text).trimmingCharacters(in: .newlines))
    }
}
