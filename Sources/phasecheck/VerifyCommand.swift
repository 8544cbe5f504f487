import ArgumentParser
import Foundation
import PhasecheckFormat
import PhasecheckReports
import PhasecheckVerify

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check every claim of derivation files (default: every .phc file in derivations/)."
    )

    @Argument(help: "Derivation files or folders.")
    var paths: [String] = []

    @OptionGroup var model: ModelOptions

    @Option(help: "Seed for the random parameter draws of identity claims.")
    var seed: UInt64 = 1

    @Option(help: "text, json or markdown.")
    var format: OutputFormat = .text

    func validate() throws { try requireFormat(format, among: ReportPrinter.formats) }

    func run() throws {
        var options = VerifyOptions()
        options.digits = try model.checkedDigits(5...2000)
        options.seed = seed
        options.overrides = try model.overrides()
        let files = try derivationFiles(paths.isEmpty ? ["derivations"] : paths)
        let derivations = try files.map(loadDerivation)
        var reports: [FileReport] = []
        for derivation in derivations {
            let verifier = Verifier(derivation: derivation, options: options)
            do { try verifier.validateInputs() } catch { throw UserError(error.description) }
            reports.append(verifier.report())
        }
        print(ReportPrinter.render(reports, format: format, colour: isatty(1) != 0 && format == .text), terminator: "")
        if !reports.allSatisfy(\.allHold) { throw ExitCode(ExitStatus.failed) }
    }
}

/// Expands folders to the `.phc` files in them, sorted; a missing path is an input error.
func derivationFiles(_ paths: [String]) throws -> [String] {
    var files: [String] = []
    for path in paths {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw UserError("\(path): no such file or folder")
        }
        if isDirectory.boolValue {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            files += names.filter { $0.hasSuffix(".phc") }.sorted().map { (path as NSString).appendingPathComponent($0) }
        } else {
            files.append(path)
        }
    }
    guard !files.isEmpty else { throw UserError("no derivation files (*.phc) in \(paths.joined(separator: ", "))") }
    return files
}

func loadDerivation(_ path: String) throws -> Derivation {
    guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
        throw UserError("\(path): cannot read the file as UTF-8 text")
    }
    do {
        return try DerivationParser.parse(text, file: path)
    } catch {
        throw UserError(error.description)
    }
}
