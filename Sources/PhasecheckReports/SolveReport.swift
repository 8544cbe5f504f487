import PhasecheckFormat
import PhasecheckVerify
import Foundation

/// `phasecheck solve`: rows of values as text, CSV or JSON.
public enum SolveReport {
    public static let formats: [OutputFormat] = [.text, .json, .csv]

    /// The rows in one of `formats`.
    public static func render(_ rows: [Solver.Row], format: OutputFormat) -> String {
        switch format {
        case .json: return json(rows)
        case .csv: return csv(rows)
        default:
            precondition(format == .text, "solve reports are \(formats)")
            return text(rows)
        }
    }

    public static func text(_ rows: [Solver.Row]) -> String {
        var out = ""
        for row in rows {
            out += "t = \(row.time)\n"
            let width = row.quantities.map(\.name.count).max() ?? 0
            for q in row.quantities {
                let value = q.values.count == 1 ? q.values[0] : "[" + q.values.joined(separator: ", ") + "]"
                out += "  " + q.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value
                if let a = q.agreement { out += "   (closed form vs integration: \(a.shown) digits)" }
                out += "\n"
            }
            if let m = row.mechanism { out += "  mechanism: \(m)\n" }
        }
        return out
    }

    /// A header of the quantities (one column per component, plus agreement digits and the mechanism when
    /// present), then one row per time.
    public static func csv(_ rows: [Solver.Row]) -> String {
        guard let first = rows.first else { return "" }
        var header = ["t"]
        for q in first.quantities {
            header += q.values.count == 1 ? [q.name] : (1...q.values.count).map { "\(q.name)[\($0)]" }
            if q.agreement != nil { header.append("\(q.name)_agreement_digits") }
        }
        if first.mechanism != nil { header.append("mechanism") }
        let writer = TableWriter(columns: header.map { TableCell($0) }, format: .csv)
        return writer.header() + rows.map { row in
            var cells = [row.time]
            for q in row.quantities {
                cells += q.values
                if let a = q.agreement { cells.append(a.shown) }
            }
            if let m = row.mechanism { cells.append(m) }
            return writer.row(cells.map { TableCell($0) })
        }.joined()
    }

    struct JSONQuantity: Encodable { let name: String; let values: [String]; let agreementDigits: String? }
    struct JSONRow: Encodable { let t: String; let quantities: [JSONQuantity]; let mechanism: String? }

    public static func json(_ rows: [Solver.Row]) -> String {
        JSONOutput.document(rows.map { row in
            JSONRow(t: row.time, quantities: row.quantities.map { JSONQuantity(name: $0.name, values: $0.values, agreementDigits: $0.agreement?.shown) },
                    mechanism: row.mechanism)
        })
    }
}
