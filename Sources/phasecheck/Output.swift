import Foundation

/// Standard output, or a file written through a temporary file in the target's folder and renamed into
/// place by `commit()`, so that an interrupted or failed run never leaves a partial file under the final
/// name. The temporary file takes the target's permissions, is flushed to disk before the rename, and is
/// removed on SIGINT, SIGTERM or SIGHUP; a symbolic link is written through (its target is replaced, the
/// link stays). Every failure is one line naming the path and the reason.
final class Output {
    /// The path as given.
    let path: String?
    /// Where the data lands: `path`, or the file a symbolic link at `path` points to.
    private let target: String?
    private let temporary: String?
    private let descriptor: Int32

    init(path: String?) throws {
        self.path = path
        guard let path else {
            target = nil
            temporary = nil
            descriptor = STDOUT_FILENO
            return
        }
        let target = try Self.resolvingLinks(path)
        let url = URL(fileURLWithPath: target)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp").path
        var existing = stat()
        let exists = stat(target, &existing) == 0
        // Renaming over a device or a pipe would replace it (as root, `--out /dev/full` replaced the device).
        guard !exists || existing.st_mode & S_IFMT == S_IFREG else {
            throw UserError("--out \(path): not a regular file (a device, pipe or folder); give the path of a file to write")
        }
        let mode: mode_t = exists ? existing.st_mode & 0o7777 : 0o666
        TemporaryFiles.register(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            TemporaryFiles.unregister()
            throw UserError("--out \(path): cannot create a file next to it (\(reason))")
        }
        // open() applies the umask; an existing target keeps exactly its mode.
        if existing.st_mode != 0 { fchmod(fd, mode) }
        self.target = target
        self.temporary = temporary
        descriptor = fd
    }

    func write(_ text: String) throws {
        guard path != nil else { return try StandardOutput.write(text) }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw failure("cannot write")
            }
            bytes = bytes.dropFirst(written)
        }
    }

    /// Flushes the data to disk and renames the temporary file over the target.
    func commit() throws {
        guard let target, let temporary else { return }
        guard fsync(descriptor) == 0 else { throw failure("cannot flush to disk") }
        guard close(descriptor) == 0 else { throw failure("cannot close") }
        guard rename(temporary, target) == 0 else { throw failure("cannot rename the temporary file into place") }
        TemporaryFiles.unregister()
    }

    func discard() {
        guard let temporary else { return }
        close(descriptor)
        unlink(temporary)
        TemporaryFiles.unregister()
    }

    private func failure(_ what: String) -> UserError {
        let reason = String(cString: strerror(errno))
        discard()
        return UserError("--out \(path ?? "-"): \(what): \(reason)", status: ExitStatus.failed)
    }

    /// The file a chain of symbolic links ends at (the path itself when it is not a link); a link whose
    /// target does not exist yet gives that target, so the link is kept and its target created.
    static func resolvingLinks(_ path: String) throws -> String {
        var current = path
        for _ in 0..<40 {
            guard let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: current) else { return current }
            current = destination.hasPrefix("/") ? destination
                : URL(fileURLWithPath: current).deletingLastPathComponent().appendingPathComponent(destination).path
        }
        throw UserError("--out \(path): too many levels of symbolic links")
    }
}

/// The one temporary file a run may have open, removed by a signal handler if the run is interrupted.
/// A C signal handler captures nothing, so the path lives in a global buffer, written before the handler
/// can need it; only async-signal-safe calls (unlink, signal, raise) run in the handler.
enum TemporaryFiles {
    nonisolated(unsafe) private static var pending: UnsafeMutablePointer<CChar>? = nil
    nonisolated(unsafe) private static var installed = false

    static func register(_ path: String) {
        if !installed {
            installed = true
            var deliverable = sigset_t()
            sigemptyset(&deliverable)
            for sig in [SIGINT, SIGTERM, SIGHUP] {
                let previous = signal(sig) { sig in
                    if let p = TemporaryFiles.pending { unlink(p) }
                    signal(sig, SIG_DFL)
                    raise(sig)
                }
                // A signal the caller ignores (nohup's SIGHUP) stays ignored: the run goes on, nothing to clean.
                if unsafeBitCast(previous, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) { signal(sig, SIG_IGN) }
                sigaddset(&deliverable, sig)
            }
            // A mask inherited from the parent (some process launchers block every signal in the thread
            // that spawns) would hold Ctrl-C back until the run ends; these three must reach the handler.
            pthread_sigmask(SIG_UNBLOCK, &deliverable, nil)
        }
        pending = strdup(path)
    }

    static func unregister() {
        let p = pending
        pending = nil
        free(p)
    }
}
