import Foundation

/// What every JSON output records about the run that made it, so that a result can be traced to its
/// inputs and reproduced: the Phasecheck version, the command line, the seed and digits that shaped the
/// numbers, and the SHA-256 of each input file. Nothing that varies between identical runs (times, dates,
/// host) is in it, so two identical runs write identical files.
public struct RunRecord: Encodable, Sendable {
    /// The version of Phasecheck written into every output; raise it with any change to an output's shape.
    public static let phasecheckVersion = "0.5.0"

    public struct Input: Encodable, Sendable {
        public let file: String
        public let sha256: String
    }

    public let version: String
    /// The arguments after the program name, as given (less options that change no number: `reproducing`).
    public let arguments: [String]
    public let seed: UInt64?
    public let digits: Int?
    public let inputs: [Input]

    /// The arguments without options that change no number (each given as `--name V` or `--name=V`), such
    /// as `--jobs`: runs that differ only in them write identical files.
    public static func reproducing(_ arguments: [String], ignoring options: Set<String>) -> [String] {
        var kept: [String] = []
        var skipValue = false
        for argument in arguments {
            if skipValue { skipValue = false; continue }
            if options.contains(argument) { skipValue = true; continue }
            if let equals = argument.firstIndex(of: "="), options.contains(String(argument[..<equals])) { continue }
            kept.append(argument)
        }
        return kept
    }

    /// Hashes the files as they are now (a file that cannot be read gets an empty hash: the command that
    /// reads it reports the error).
    public init(arguments: [String], seed: UInt64?, digits: Int?, files: [String]) {
        version = Self.phasecheckVersion
        self.arguments = arguments
        self.seed = seed
        self.digits = digits
        inputs = files.map { Input(file: $0, sha256: FileManager.default.contents(atPath: $0).map { SHA256.hex($0) } ?? "") }
    }

    /// The record as `#` comment lines ahead of a CSV header, so that a data file carries its provenance
    /// and still loads typed: `pandas.read_csv(path, comment="#")`, R's `read.csv(path, comment.char = "#")`.
    /// One `key: value` per line: version, arguments (shell-quoted where needed), seed, digits, then one
    /// `input:` line per file with its SHA-256.
    public var csvComment: String {
        var lines = ["phasecheck version: \(version)", "arguments: " + arguments.map(Self.shellQuoted).joined(separator: " ")]
        if let seed { lines.append("seed: \(seed)") }
        if let digits { lines.append("digits: \(digits)") }
        lines += inputs.map { "input: \($0.file) sha256 \($0.sha256)" }
        return lines.map { "# " + $0.replacingOccurrences(of: "\n", with: " ") + "\n" }.joined()
    }

    /// An argument as a POSIX shell reads it back: bare when it holds only safe characters, else in single quotes.
    public static func shellQuoted(_ argument: String) -> String {
        let safe = argument.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_./:=,+@%".contains($0)) }
        return safe && !argument.isEmpty ? argument : "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
