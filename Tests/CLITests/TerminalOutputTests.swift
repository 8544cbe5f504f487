import Foundation
import PhasecheckTestSupport
import Testing

/// Issue 13 item 4 and issue 18 ("Output"): what reaches a terminal, a full disk and an `--out` file.
struct TerminalOutputTests {
    static let flagship = "derivations/xu_ziyin_linear_network.phc"
    static let smallGrid = ["--grid", "alpha=0:1:1/2,b_u=0:1:1/2", "--fix", "c_u=0"]

    /// Runs with standard output on /dev/full (every write fails with ENOSPC).
    static func runIntoAFullDisk(_ arguments: [String]) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = arguments
        process.currentDirectoryURL = CLI.packageRoot
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
        let err = Pipe()
        process.standardError = err
        try process.run()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stderr, as: UTF8.self))
    }

    @Test(arguments: [
        ["eval", "exp(1)"], ["diff", "x^2", "x"], ["verify", "derivations/saxe_logistic.phc"],
        ["solve", "derivations/saxe_logistic.phc", "--at", "1"], ["table", flagship], ["regions", flagship],
        ["phase", flagship] + smallGrid, ["init", "full-disk-starter", "--stdout"],
        // Help, version and completion scripts exited 0 with nothing written.
        ["--help"], ["verify", "--help"], ["--version"], ["--generate-completion-script", "bash"],
    ])
    func aFailedWriteToStandardOutputIsAnError(arguments: [String]) throws {
        let result = try Self.runIntoAFullDisk(arguments)
        #expect(result.status == 1, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains("cannot write to standard output: No space left on device"), "\(result.stderr)")
    }

    @Test func outKeepsPermissionsAndWritesThroughLinks() throws {
        let dir = URL(fileURLWithPath: try CLI.temporaryFile(named: "out-placeholder", contents: "")).deletingLastPathComponent()
        let target = dir.appendingPathComponent("kept.csv").path, link = dir.appendingPathComponent("link.csv").path
        unlink(target); unlink(link)
        try "old\n".write(toFile: target, atomically: false, encoding: .utf8)
        #expect(chmod(target, 0o640) == 0)
        #expect(symlink("kept.csv", link) == 0)
        let result = try CLI.run(["phase", Self.flagship] + Self.smallGrid + ["--format", "csv", "--out", link])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "kept.csv")
        let attributes = try FileManager.default.attributesOfItem(atPath: target)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o640)
        let written = PhaseCommandTests.withoutComments(try String(contentsOfFile: target, encoding: .utf8))
        #expect(written.hasPrefix("alpha,alpha_exact,b_u,"), "\(written.prefix(80))")
        // 3 x 3 points of alpha and b_u, times the file's grid of b_w and c_w; the header once.
        #expect(written.split(separator: "\n").count == 1 + 3 * 3 * 13)
    }

    @Test func outErrorsAreOneLine() throws {
        let result = try CLI.run(["phase", Self.flagship] + Self.smallGrid + ["--out", "/no/such/folder/x.csv"])
        #expect(result.status == 2)
        #expect(result.stderr == "phasecheck: --out /no/such/folder/x.csv: cannot create a file next to it (No such file or directory)\n")
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func anInterruptedRunLeavesNoTemporaryFile(signal: Int32) throws {
        let dir = URL(fileURLWithPath: try CLI.temporaryFile(named: "interrupt-placeholder", contents: "")).deletingLastPathComponent()
            .appendingPathComponent("interrupted-\(signal)")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = CLI.executable
        // The file's whole grid on one thread: minutes of work, interrupted as soon as it has begun.
        process.arguments = ["phase", Self.flagship, "--jobs", "1", "--format", "csv", "--out", dir.appendingPathComponent("sweep.csv").path]
        process.currentDirectoryURL = CLI.packageRoot
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The temporary file appears once the sweep has started.
        func temporaryFiles() -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".tmp") } }
        while process.isRunning && temporaryFiles().isEmpty { usleep(20_000) }
        #expect(temporaryFiles() == [".sweep.csv.\(process.processIdentifier).tmp"])
        #expect(process.isRunning, "the sweep ended before it could be interrupted")
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == signal)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == [])
    }

    @Test(.enabled(if: CLI.canRunOnATerminal))
    func colourOnlyOnATerminalWithoutNoColor() throws {
        let arguments = ["verify", "derivations/saxe_logistic.phc"]
        let green = "\u{1B}[32mholds"
        #expect(try CLI.runOnATerminal(arguments, environment: ["NO_COLOR": nil]).stdout.contains(green))
        #expect(!(try CLI.runOnATerminal(arguments, environment: ["NO_COLOR": "1"]).stdout.contains("\u{1B}[3")))
        #expect(!(try CLI.runOnATerminal(arguments + ["--color", "never"], environment: ["NO_COLOR": nil]).stdout.contains("\u{1B}[3")))
        #expect(!(try CLI.run(arguments).stdout.contains("\u{1B}")))
        #expect(try CLI.run(arguments + ["--color", "always"]).stdout.contains(green))
        #expect(try CLI.run(arguments + ["--color", "sometimes"]).status == 2)
    }

    @Test(.enabled(if: CLI.canRunOnATerminal))
    func phaseOnATerminalShowsTheSummaryAndProgressAndRowsOnlyWhenAsked() throws {
        let summaryOnly = try CLI.runOnATerminal(["phase", Self.flagship] + Self.smallGrid)
        #expect(summaryOnly.status == 0)
        #expect(summaryOnly.stdout.contains("zeta_inf_typ at 117 points: 117 agree, 0 disagree"))
        #expect(summaryOnly.stdout.contains("phase: 117/117 points (100.0%), 0 disagreeing"))
        #expect(!summaryOnly.stdout.contains("measured"), "\(summaryOnly.stdout)")
        let rows = try CLI.runOnATerminal(["phase", Self.flagship] + Self.smallGrid + ["--rows"])
        #expect(rows.stdout.contains("measured") && rows.stdout.contains("zeta_inf_typ at 117 points"))
        // A pipe always gets the rows.
        #expect(try CLI.run(["phase", Self.flagship] + Self.smallGrid).stdout.contains("measured"))
    }

    @Test func verifyReportsFitIn100Columns() throws {
        let result = try CLI.run(["verify"])
        #expect(result.status == 0)
        let wide = result.stdout.split(separator: "\n").filter { $0.count > 100 }
        #expect(wide.isEmpty, "\(wide)")
        // Long worst cases move below the claim, shortened to 8 significant digits (JSON keeps them all).
        #expect(result.stdout.contains("\n      worst: "))
        #expect(result.stdout.contains("t=1.6666667"))
    }
}
