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

    static func text(_ reports: [FileReport], colour: Bool) -> String {
        func paint(_ s: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
        var out = ""
        for report in reports {
            out += paint(report.file, "1") + (report.title.map { " - \($0)" } ?? "") + "\n"
            if let c = report.citation { out += "  " + c + "\n" }
            let nameWidth = min(60, report.results.map(\.name.count).max() ?? 0)
            for r in report.results {
                let word = statusWord(r.status).padding(toLength: 9, withPad: " ", startingAt: 0)
                let painted = paint(word, r.status == .holds ? "32" : r.status == .undecided ? "33" : "31")
                let digits = digitsText(r).leftPadded(to: 5)
                let name = r.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
                out += "  \(painted) \(digits)/\(r.requiredDigits) digits  \(name)  \(String(format: "%6.2f s", r.seconds))"
                let place = whereText(r)
                if !place.isEmpty { out += "  worst: " + place }
                out += "\n"
                if r.status != .holds { out += "      \(r.location): \(r.detail)\n" }
            }
        }
        let all = reports.flatMap(\.results)
        let count = { (s: ClaimResult.Status) in all.filter { $0.status == s }.count }
        let seconds = reports.map(\.seconds).reduce(0, +)
        out += "\(all.count) claims in \(reports.count) file\(reports.count == 1 ? "" : "s"): \(count(.holds)) hold, \(count(.fails)) fail, \(count(.undecided)) undecided, \(count(.error)) errors (\(String(format: "%.2f", seconds)) s)\n"
        return out
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
