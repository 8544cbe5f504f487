import PhasecheckFormat
import PhasecheckVerify
import Foundation

/// Renders verification reports; printers live apart from the checks.
public enum ReportPrinter {
    public static let formats: [OutputFormat] = [.text, .json, .markdown]

    /// The reports in one of `formats`.
    public static func render(_ reports: [FileReport], format: OutputFormat, colour: Bool = false) -> String {
        switch format {
        case .json: return json(reports)
        case .markdown: return markdown(reports)
        default:
            precondition(format == .text, "verify reports are \(formats)")
            return text(reports, colour: colour)
        }
    }

    static func statusWord(_ s: ClaimResult.Status) -> String {
        switch s {
        case .holds: return "holds"
        case .fails: return "FAILS"
        case .undecided: return "undecided"
        case .error: return "ERROR"
        }
    }

    static func digitsText(_ r: ClaimResult) -> String {
        guard let a = r.agreement else { return "-" }
        return a.atLeast.isInfinite && a.atLeast > 0 ? "exact" : a.shown
    }

    static func whereText(_ r: ClaimResult) -> String {
        r.worstCase.map { "\($0.name)=\($0.value)" }.joined(separator: " ")
    }

    /// Widest line of a text report: a claim whose line would be longer moves its worst case to indented
    /// lines below, wrapped between entries.
    public static let columns = 100

    /// The heading of one file's claims.
    public static func textHeader(file: String, title: String?, citation: String?, colour: Bool) -> String {
        let heading = wrapped(((title.map { "- " + $0 } ?? "")).split(separator: " ").map(String.init), first: file, indent: "    ")
        let cited = citation.map { wrapped($0.split(separator: " ").map(String.init), first: "  ", indent: "  ") } ?? ""
        return paint(file, "1", colour) + heading.dropFirst(file.count) + cited
    }

    /// The width of the name column for claims with these names.
    public static func nameWidth(_ names: [String]) -> Int { min(44, names.map(\.count).max() ?? 0) }

    /// One claim: status, digits, name, time and worst case, and for a claim that does not hold, where
    /// it is and why.
    public static func textClaim(_ r: ClaimResult, nameWidth: Int, colour: Bool) -> String {
        let word = statusWord(r.status).padding(toLength: 9, withPad: " ", startingAt: 0)
        let painted = paint(word, r.status == .holds ? "32" : r.status == .undecided ? "33" : "31", colour)
        let digits = digitsText(r).leftPadded(to: 5)
        let name = r.name.count < nameWidth ? r.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0) : r.name
        let head = "\(digits)/\(r.requiredDigits) digits  \(name)  \(String(format: "%6.2f s", r.seconds))"
        let entries = r.worstCase.map { "\($0.name)=\(shortened($0.value))" }
        let worst = entries.isEmpty ? "" : "  worst: " + entries.joined(separator: " ")
        var out = "  \(painted) \(head)"
        if 12 + head.count + worst.count <= columns {
            out += worst + "\n"
        } else {
            out += "\n" + wrapped(entries, first: "      worst: ", indent: "             ")
        }
        if r.status != .holds {
            out += wrapped("\(r.location): \(r.detail)".split(separator: " ").map(String.init), first: "      ", indent: "        ")
        }
        return out
    }

    /// The last line: counts over every file, and the files that could not be read.
    public static func textSummary(_ reports: [FileReport], unreadableFiles: Int = 0) -> String {
        let all = reports.flatMap(\.results)
        let count = { (s: ClaimResult.Status) in all.filter { $0.status == s }.count }
        let seconds = reports.map(\.seconds).reduce(0, +)
        let files = reports.count + unreadableFiles
        let unreadable = unreadableFiles == 0 ? "" : ", \(unreadableFiles) file\(unreadableFiles == 1 ? "" : "s") not read"
        return "\(all.count) claims in \(files) file\(files == 1 ? "" : "s"): \(count(.holds)) hold, \(count(.fails)) fail, \(count(.undecided)) undecided, \(count(.error)) errors\(unreadable) (\(String(format: "%.2f", seconds)) s)\n"
    }

    static func paint(_ s: String, _ code: String, _ colour: Bool) -> String { colour ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }

    /// A decimal with more than 8 significant digits, correctly rounded to 8 for the text report (JSON
    /// keeps every digit); anything else (a rational, an expression) as it is.
    static func shortened(_ value: String) -> String {
        let significant = value.drop { !$0.isNumber || $0 == "0" }.filter(\.isNumber).count
        guard value.contains("."), significant > 8, value.allSatisfy({ $0.isNumber || "+-.eE".contains($0) }),
              let x = Double(value), x.isFinite else { return value }
        return String(format: "%.8g", x)
    }

    /// Entries joined by spaces, broken into lines of at most `columns`.
    static func wrapped(_ entries: [String], first: String, indent: String) -> String {
        var out = "", line = first
        for entry in entries {
            if line.count > indent.count && line.count + 1 + entry.count > columns {
                out += line + "\n"
                line = indent
            }
            line += (line.count > indent.count && (line != first || !first.hasSuffix(" ")) ? " " : "") + entry
        }
        return out + line + "\n"
    }

    static func text(_ reports: [FileReport], colour: Bool) -> String {
        var out = ""
        for report in reports {
            out += textHeader(file: report.file, title: report.title, citation: report.citation, colour: colour)
            let width = nameWidth(report.results.map(\.name))
            for r in report.results { out += textClaim(r, nameWidth: width, colour: colour) }
        }
        return out + textSummary(reports)
    }

    static func markdown(_ reports: [FileReport]) -> String {
        var out = ""
        for report in reports {
            out += "## \(report.title ?? report.file)\n\n"
            if let c = report.citation { out += "\(c)  \n" }
            out += "File: `\(report.file)`\n\n"
            out += "| claim | status | digits | required | where (worst case) | time (s) |\n|---|---|---|---|---|---|\n"
            for r in report.results {
                let name = r.name.replacingOccurrences(of: "|", with: "\\|")
                out += "| \(name) | \(statusWord(r.status)) | \(digitsText(r)) | \(r.requiredDigits) | \(whereText(r)) | \(String(format: "%.2f", r.seconds)) |\n"
            }
            out += "\n"
        }
        return out
    }

    struct JSONClaim: Encodable {
        let name, kind, status, location, detail: String
        let digits: Double?
        let requiredDigits: Int
        let worstCase: [String: String]
        let points: Int
        let seconds: Double
    }
    struct JSONFile: Encodable {
        let file: String
        let title: String?
        let citation: String?
        let seconds: Double
        let claims: [JSONClaim]
    }

    static func json(_ reports: [FileReport]) -> String {
        let files = reports.map { report in
            JSONFile(file: report.file, title: report.title, citation: report.citation, seconds: report.seconds,
                     claims: report.results.map { r in
                         JSONClaim(name: r.name, kind: r.kind, status: r.status.rawValue, location: r.location, detail: r.detail,
                                   digits: r.agreement.flatMap { $0.atLeast.isFinite ? ($0.atLeast * 100).rounded(.down) / 100 : nil },
                                   requiredDigits: r.requiredDigits,
                                   worstCase: Dictionary(r.worstCase.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a }),
                                   points: r.points, seconds: r.seconds)
                     })
        }
        return JSONOutput.document(files)
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
