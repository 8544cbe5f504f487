import ArgumentParser
import Foundation

/// `--pdf auto|always|never`: a PDF beside an SVG written with `--out`, made by the first SVG converter
/// found on the PATH (rsvg-convert from librsvg, Inkscape, or CairoSVG). `auto` converts when one is
/// installed and says so when none is; `always` makes a missing converter an error.
enum PDFChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}

enum PDFConversion {
    /// Each converter and its arguments for (SVG, PDF).
    static let converters: [(name: String, arguments: @Sendable (String, String) -> [String])] = [
        ("rsvg-convert", { svg, pdf in ["-f", "pdf", "-o", pdf, svg] }),
        ("inkscape", { svg, pdf in [svg, "--export-type=pdf", "--export-filename=\(pdf)"] }),
        ("cairosvg", { svg, pdf in [svg, "-o", pdf] }),
    ]

    static let howTo = "rsvg-convert -f pdf -o FIGURE.pdf FIGURE.svg (Debian: apt-get install librsvg2-bin), or inkscape, or cairosvg"

    /// The PDF's path: the SVG's with `.pdf` in place of `.svg` (appended when the name has another ending).
    static func pdfPath(for svg: String) -> String {
        svg.hasSuffix(".svg") ? String(svg.dropLast(4)) + ".pdf" : svg + ".pdf"
    }

    /// Converts `svg` (already written) as `choice` asks; reports on stderr what it did.
    static func convert(_ svg: String, _ choice: PDFChoice) throws {
        guard choice != .never else { return }
        let pdf = pdfPath(for: svg)
        guard let (name, arguments) = converters.lazy.compactMap({ c in executable(named: c.name).map { ($0, c.arguments) } }).first else {
            if choice == .always { throw UserError("--pdf always: no SVG-to-PDF converter on the PATH; install one: \(howTo)") }
            FileHandle.standardError.write(Data("phasecheck: no SVG-to-PDF converter found, so no PDF; to make one: \(howTo)\n".utf8))
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: name)
        process.arguments = arguments(svg, pdf)
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw UserError("--pdf: \(URL(fileURLWithPath: name).lastPathComponent) could not convert \(svg): \(message.trimmingCharacters(in: .whitespacesAndNewlines))", status: ExitStatus.failed)
        }
        FileHandle.standardError.write(Data("phasecheck: wrote \(pdf) (\(URL(fileURLWithPath: name).lastPathComponent))\n".utf8))
    }

    /// The first executable of that name on the PATH.
    static func executable(named name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
