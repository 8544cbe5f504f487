import PhasecheckFormat
import PhasecheckVerify
import Foundation

/// Renders verification reports; printers live apart from the checks.
public enum ReportPrinter {
    public static let formats: [OutputFormat] = [.text, .json, .markdown, .junit]

    /// The reports in one of `formats`.
    /// - Parameter timings: whether JSON records seconds (off by default, so identical runs give identical files).
    public static func render(_ reports: [FileReport], format: OutputFormat, colour: Bool = false, run: RunRecord, timings: Bool = false) -> String {
        switch format {
        case .json: return json(reports, run: run, timings: timings)
        case .junit: return JUnitReport.render(reports, run: run, timings: timings)
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

    /// The kind of agreement shown: `exact`, `relative` or `absolute at scale S` (docs/derivation-format.md).
    static func basisText(_ r: ClaimResult) -> String { r.agreement?.basis ?? "-" }

    /// The values compared at the reported point, with the agreement reached there.
    static func comparedText(_ r: ClaimResult) -> String {
        guard !r.compared.isEmpty else { return "" }
        return r.compared.map { "\($0.name) = \($0.value)" }.joined(separator: ", ")
            + (r.agreement.map { " (\($0.shown) digits, \($0.basis))" } ?? "")
    }

    /// Where an integration crossed a kink, per switch: `t = 1.0986123 abs(x) (estimated)`, or with the certified
    /// bracket of its time `t in [1.0986122886681096, 1.0986122886681097] abs(x) (certified)` (rounded outward).
    static func switchingEntries(_ r: ClaimResult) -> [String] {
        r.switchingTimes.indices.map { i in
            let s = r.switchingTimes[i]
            let time = s.bracket.map { "in " + $0.bracketText(maximumDigits: bracketDigits) } ?? "= " + shortened(s.time)
            return "t \(time) \(s.function) (\(s.basis.rawValue))" + (i == r.switchingTimes.count - 1 ? "" : ";")
        }
    }

    /// Most significant digits of a certified switching time's bracket in a text report (JSON shows up to 60,
    /// `bracketText()`'s default).
    static let bracketDigits = 17

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
        let lead = "\(digits)/\(r.requiredDigits) digits  "
        let time = String(format: "%6.2f s", r.seconds)
        // A name too long for the line (12 columns of status, the digits and the time within `columns`)
        // continues on the lines below, under itself.
        let room = columns - 12 - lead.count - 2 - time.count
        let nameLines = r.name.count <= room ? [r.name] : fitted(r.name.split(separator: " ").map(String.init), width: room)
        let name = nameLines[0].count < nameWidth ? nameLines[0].padding(toLength: nameWidth, withPad: " ", startingAt: 0) : nameLines[0]
        let head = lead + name + "  " + time
        // Agreement at the scale of cancelled terms is said after the worst case (docs/derivation-format.md).
        let basis = r.agreement.map(\.basis).flatMap { $0.hasPrefix("absolute") ? "(\($0))" : nil }
        let entries = r.worstCase.map { "\($0.name)=\(shortened($0.value))" } + (basis.map { [$0] } ?? [])
        let label = r.place.lead ?? "worst:"
        let worst = entries.isEmpty ? "" : "  \(label) " + entries.joined(separator: " ")
        var out = "  \(painted) \(head)"
        if nameLines.count == 1 && 12 + head.count + worst.count <= columns {
            out += worst + "\n"
        } else {
            out += "\n" + nameLines.dropFirst().map { String(repeating: " ", count: 12 + lead.count) + $0 + "\n" }.joined()
            if !entries.isEmpty { out += wrapped(entries, first: "      \(label) ", indent: String(repeating: " ", count: 7 + label.count)) }
        }
        let switches = switchingEntries(r)
        if !switches.isEmpty {
            out += wrapped(switches.flatMap { $0.split(separator: " ").map(String.init) }, first: "      switches: ", indent: "        ")
        }
        if r.status != .holds {
            out += wrapped("\(r.location): \(r.detail)".split(separator: " ").map(String.init), first: "      ", indent: "        ")
            let compared = comparedText(r)
            if !compared.isEmpty { out += wrapped(compared.split(separator: " ").map(String.init), first: "      compared: ", indent: "        ") }
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
    /// Words joined into lines of at most `width` characters (a longer word has a line of its own).
    static func fitted(_ words: [String], width: Int) -> [String] {
        var lines: [String] = []
        for word in words {
            if let last = lines.last, last.count + 1 + word.count <= width {
                lines[lines.count - 1] = last + " " + word
            } else {
                lines.append(word)
            }
        }
        return lines.isEmpty ? [""] : lines
    }

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
            out += "| claim | status | digits | required | agreement | where (worst case) | time (s) |\n|---|---|---|---|---|---|---|\n"
            func cell(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
            for r in report.results {
                let place = ([r.place.lead].compactMap { $0 } + [whereText(r)]).joined(separator: " ")
                out += "| \(cell(r.name)) | \(statusWord(r.status)) | \(digitsText(r)) | \(r.requiredDigits) | \(basisText(r)) | \(cell(place)) | \(String(format: "%.2f", r.seconds)) |\n"
            }
            out += "\n"
            // What went wrong, for every claim that does not hold: where, how it was checked, the values.
            for r in report.results where r.status != .holds {
                let compared = comparedText(r)
                out += "- **\(r.name)** (\(statusWord(r.status)), `\(r.location)`): \(r.detail)" + (compared.isEmpty ? "" : "; compared: \(compared)") + "\n"
            }
            // Where integrations crossed kinks of the right-hand side.
            for r in report.results where !r.switchingTimes.isEmpty {
                out += "- **\(r.name)** switches: " + r.switchingTimes.map { "t \($0.bracket == nil ? "=" : "in") \($0.time) `\($0.function)` (\($0.basis.rawValue))" }.joined(separator: "; ") + "\n"
            }
            if report.results.contains(where: { $0.status != .holds || !$0.switchingTimes.isEmpty }) { out += "\n" }
        }
        return out
    }

    struct JSONClaim: Encodable {
        let name, kind, status, location, detail: String
        let agreement: JSONAgreement?
        /// `exact`, `relative` or `absolute at scale S`; nil when nothing was compared.
        let basis: String?
        /// The values compared at the worst (or failing) point.
        let compared: [String: String]
        let requiredDigits: Int
        /// The random draws' digits and worst agreement when they were fewer than `requiredDigits` (left out otherwise).
        let draws: JSONDraws?
        let worstCase: [String: String]
        /// What `worstCase` is when it is not the worst case (`certified disagreement`; left out for the worst case).
        let place: String?
        /// Where an integration crossed a kink (left out when none did).
        let switchingTimes: [JSONSwitchingTime]?
        let points: Int
        let seconds: Double?
    }
    struct JSONDraws: Encodable {
        let digits: Int
        let agreement: JSONAgreement
    }
    struct JSONSwitchingTime: Encodable {
        let time, function, basis: String
    }
    struct JSONFile: Encodable {
        let file: String
        let title: String?
        let citation: String?
        let seconds: Double?
        let claims: [JSONClaim]
    }
    struct JSONDocument: Encodable {
        let type = "verify"
        let run: RunRecord
        let files: [JSONFile]
    }

    /// One object (docs/phasecheck-output.schema.json): the run, then the files and their claims.
    static func json(_ reports: [FileReport], run: RunRecord, timings: Bool) -> String {
        let files = reports.map { report in
            JSONFile(file: report.file, title: report.title, citation: report.citation, seconds: timings ? report.seconds : nil,
                     claims: report.results.map { r in
                         JSONClaim(name: r.name, kind: r.kind, status: r.status.rawValue, location: r.location, detail: r.detail,
                                   agreement: r.agreement.map(JSONAgreement.init), basis: r.agreement?.basis,
                                   compared: Dictionary(r.compared.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a }),
                                   requiredDigits: r.requiredDigits,
                                   draws: r.draws.map { JSONDraws(digits: $0.digits, agreement: JSONAgreement($0.agreement)) },
                                   worstCase: Dictionary(r.worstCase.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a }),
                                   place: r.place == .worst ? nil : r.place.rawValue,
                                   switchingTimes: r.switchingTimes.isEmpty ? nil
                                       : r.switchingTimes.map { JSONSwitchingTime(time: $0.time, function: $0.function, basis: $0.basis.rawValue) },
                                   points: r.points, seconds: timings ? r.seconds : nil)
                     })
        }
        return JSONOutput.document(JSONDocument(run: run, files: files))
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
