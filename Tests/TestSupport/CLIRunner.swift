import Foundation

/// Runs the built `phasecheck` executable and captures its output and exit status.
public enum CLI {
    public struct Result: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String
    }

    /// The package root (two levels above this file's folder).
    public static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The executable built next to the test bundle by `swift test`.
    public static var executable: URL {
        let beside = Bundle.main.bundleURL.appendingPathComponent("phasecheck")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return packageRoot.appendingPathComponent(".build/debug/phasecheck")
    }

    /// - Parameter environment: variables to set (or, with a nil value, to remove) for this run.
    public static func run(_ arguments: [String], in directory: URL = packageRoot, environment: [String: String?] = [:],
                    program: URL = executable) throws -> Result {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        process.currentDirectoryURL = directory
        if !environment.isEmpty {
            var variables = ProcessInfo.processInfo.environment
            for (name, value) in environment { variables[name] = value }
            process.environment = variables
        }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read before waiting so a large output cannot fill the pipe and block the child.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Whether `script` (util-linux) can give a run a terminal.
    public static let canRunOnATerminal = FileManager.default.isExecutableFile(atPath: "/usr/bin/script")

    /// Runs with standard output and standard error on a pseudo-terminal (through `script`), as a person
    /// at a terminal would; both streams arrive together, with the terminal's CRLF line ends made LF.
    public static func runOnATerminal(_ arguments: [String], environment: [String: String?] = [:]) throws -> Result {
        let quoted = ([executable.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let result = try run(["-qec", quoted, "/dev/null"], environment: environment, program: URL(fileURLWithPath: "/usr/bin/script"))
        return Result(status: result.status, stdout: result.stdout.replacingOccurrences(of: "\r\n", with: "\n"), stderr: result.stderr)
    }

    /// Writes a temporary file and returns its path.
    public static func temporaryFile(named name: String, contents: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("phasecheck-tests-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try contents.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// Writes a temporary file with exactly these bytes and returns its path.
    public static func temporaryFile(named name: String, bytes: [UInt8]) throws -> String {
        let path = try temporaryFile(named: name, contents: "")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }
}
