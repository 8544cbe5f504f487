import Foundation
import PhasecheckVerify

/// `verify --format junit`: JUnit XML, the report CI systems (GitHub Actions, GitLab, Jenkins) show per
/// test. One test suite per file, one test case per claim; a claim that fails or stays undecided is a
/// `<failure>` (both make `verify` exit 1, so CI must not read undecided as passed), an error is an
/// `<error>`. The message carries the numbers: digits reached and required, and the worst case.
enum JUnitReport {
    static func render(_ reports: [FileReport], run: RunRecord, timings: Bool) -> String {
        let all = reports.flatMap(\.results)
        func count(_ statuses: Set<ClaimResult.Status>, in results: [ClaimResult]) -> Int { results.filter { statuses.contains($0.status) }.count }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"phasecheck\" tests=\"\(all.count)\" failures=\"\(count([.fails, .undecided], in: all))\" errors=\"\(count([.error], in: all))\""
            + time(reports.map(\.seconds).reduce(0, +), timings) + ">\n"
        for report in reports {
            out += "  <testsuite name=\"\(escaped(report.file))\" tests=\"\(report.results.count)\""
            out += " failures=\"\(count([.fails, .undecided], in: report.results))\" errors=\"\(count([.error], in: report.results))\""
                + time(report.seconds, timings) + ">\n"
            out += "    <properties>\n"
            var properties = [("phasecheck.version", run.version), ("phasecheck.arguments", run.arguments.joined(separator: " "))]
            if let seed = run.seed { properties.append(("phasecheck.seed", String(seed))) }
            if let digits = run.digits { properties.append(("phasecheck.digits", String(digits))) }
            if let input = run.inputs.first(where: { $0.file == report.file }) { properties.append(("phasecheck.sha256", input.sha256)) }
            for (name, value) in properties { out += "      <property name=\"\(name)\" value=\"\(escaped(value))\"/>\n" }
            out += "    </properties>\n"
            let classname = ((report.file as NSString).lastPathComponent as NSString).deletingPathExtension
            for r in report.results {
                out += "    <testcase classname=\"\(escaped(classname))\" name=\"\(escaped(r.name))\" file=\"\(escaped(report.file))\""
                if let line = r.location.split(separator: ":").dropFirst().first { out += " line=\"\(line)\"" }
                out += time(r.seconds, timings)
                switch r.status {
                case .holds:
                    out += "/>\n"
                    continue
                case .fails, .undecided:
                    out += ">\n      <failure type=\"\(r.status.rawValue)\" message=\"\(escaped(message(r)))\">\(escaped(r.location + ": " + r.detail))</failure>\n"
                case .error:
                    out += ">\n      <error type=\"error\" message=\"\(escaped(message(r)))\">\(escaped(r.location + ": " + r.detail))</error>\n"
                }
                out += "    </testcase>\n"
            }
            out += "  </testsuite>\n"
        }
        return out + "</testsuites>\n"
    }

    /// `fails: 12/30 digits, worst at t=1.5 u=2; <detail>` (`certified disagreement at t=...` where that is the point).
    static func message(_ r: ClaimResult) -> String {
        var text = "\(ReportPrinter.statusWord(r.status)): \(ReportPrinter.digitsText(r))/\(r.requiredDigits) digits"
        let place = ReportPrinter.whereText(r)
        if !place.isEmpty { text += ", " + (r.place.lead ?? "worst at") + " " + place }
        return text + "; " + r.detail
    }

    static func time(_ seconds: Double, _ timings: Bool) -> String {
        timings ? " time=\"\(String(format: "%.3f", seconds))\"" : ""
    }

    /// Text for an XML attribute or element: the five predefined entities, and control characters
    /// (not allowed in XML 1.0) as spaces.
    static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            case "\t": out += "&#9;"
            default: out.unicodeScalars.append(scalar.value < 0x20 ? " " : scalar)
            }
        }
        return out
    }
}
