import PhasecheckFormat
import PhasecheckVerify
import Foundation

/// `phasecheck solve`: rows of values as text, CSV or JSON.
public enum SolveReport {
    public static let formats: [OutputFormat] = [.text, .json, .csv]

    /// What a row's `time` counts: time along the flow, or steps of the iteration.
    public enum Axis: String, Sendable {
        case time = "t", step
    }

    /// The rows in one of `formats`.
    /// - Parameter display: the file's display names, for the text (data formats keep the names).
    public static func render(_ rows: [Solver.Row], format: OutputFormat, run: RunRecord, axis: Axis = .time,
                              display: DisplayNames = DisplayNames()) -> String {
        switch format {
        case .json: return json(rows, run: run)
        case .csv: return run.csvComment + csv(rows, axis: axis)
        default:
            precondition(format == .text, "solve reports are \(formats)")
            return text(rows, axis: axis, display: display)
        }
    }

    public static func text(_ rows: [Solver.Row], axis: Axis = .time, display: DisplayNames = DisplayNames()) -> String {
        var out = ""
        for row in rows {
            out += "\(axis.rawValue) = \(row.time)\n"
            let names = row.quantities.map { display.plainIfDeclared(symbol: $0.name) }
            let width = names.map(\.count).max() ?? 0
            for (q, name) in zip(row.quantities, names) {
                // On screen a value shows its digits, a certified bound `0 ± b`, or `uncertified`; data formats
                // give certainty a column of its own.
                let shown = q.values
                let value = shown.count == 1 ? shown[0] : "[" + shown.joined(separator: ", ") + "]"
                out += "  " + name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value
                if let a = q.agreement { out += "   (closed form vs integration: \(a.shown) digits)" }
                out += "\n"
            }
            if let m = row.mechanism { out += "  mechanism: \(m)\n" }
        }
        return out
    }

    /// A header (`t`, or `step` for an iteration, then one column per component, each followed by a
    /// `_certified` column of true/false, plus agreement digits and the mechanism when present), then one
    /// row per time. Every value column holds plain numbers (`nan` where undefined, `inf` for exact
    /// agreement; empty where uncertified or diverged) so that CSV readers type it as a float.
    public static func csv(_ rows: [Solver.Row], axis: Axis = .time) -> String {
        guard let first = rows.first else { return "" }
        var header = [axis.rawValue]
        for q in first.quantities {
            for name in q.values.count == 1 ? [q.name] : (1...q.values.count).map({ "\(q.name)[\($0)]" }) {
                header += [name, name + "_certified"]
            }
            if q.agreement != nil { header.append("\(q.name)_agreement_digits") }
        }
        if first.mechanism != nil { header.append("mechanism") }
        let writer = TableWriter(columns: header.map { TableCell($0) }, format: .csv)
        return writer.header() + rows.map { row in
            var cells = [row.time]
            for q in row.quantities {
                for (value, certified) in zip(q.values, q.certified) { cells += [certified ? value : "", String(certified)] }
                if let a = q.agreement { cells.append(a.atLeast.isInfinite ? "inf" : a.shown) }
            }
            if let m = row.mechanism { cells.append(m) }
            return writer.row(cells.map { TableCell($0) })
        }.joined()
    }

    struct JSONQuantity: Encodable {
        let name: String
        let values: [String]
        let certified: [Bool]
        let agreement: JSONAgreement?
    }
    struct JSONRow: Encodable { let t: String; let quantities: [JSONQuantity]; let mechanism: String? }
    struct JSONDocument: Encodable {
        let type = "solve"
        let run: RunRecord
        let rows: [JSONRow]
    }

    /// One object (docs/phasecheck-output.schema.json): the run, then the rows. Values stay decimal text
    /// so that no digit is lost to a binary double.
    public static func json(_ rows: [Solver.Row], run: RunRecord) -> String {
        JSONOutput.document(JSONDocument(run: run, rows: rows.map { row in
            JSONRow(t: row.time, quantities: row.quantities.map {
                JSONQuantity(name: $0.name, values: $0.values, certified: $0.certified, agreement: $0.agreement.map(JSONAgreement.init))
            }, mechanism: row.mechanism)
        }))
    }
}
