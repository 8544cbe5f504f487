import Foundation

/// Standard output, or a file written through a temporary file in the same folder and renamed into place
/// by `commit()`, so that an interrupted or failed run never leaves a partial file under the final name.
final class Output {
    let path: String?
    let temporary: String?
    let handle: FileHandle

    init(path: String?) throws {
        self.path = path
        guard let path else {
            temporary = nil
            handle = .standardOutput
            return
        }
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp").path
        guard FileManager.default.createFile(atPath: temporary, contents: nil), let handle = FileHandle(forWritingAtPath: temporary) else {
            throw UserError("--out \(path): cannot create \(temporary)")
        }
        self.temporary = temporary
        self.handle = handle
    }

    func write(_ text: String) throws {
        if !text.isEmpty { try handle.write(contentsOf: Data(text.utf8)) }
    }

    func commit() throws {
        guard let path, let temporary else { return }
        try handle.close()
        guard rename(temporary, path) == 0 else {
            throw UserError("--out \(path): cannot rename \(temporary) into place: \(String(cString: strerror(errno)))")
        }
    }

    func discard() {
        guard let temporary else { return }
        try? handle.close()
        try? FileManager.default.removeItem(atPath: temporary)
    }
}
