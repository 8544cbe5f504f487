import PhasecheckFormat
import PhasecheckExpressions
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
                let shown = q.values.map(\.text)
                var value = shown.count == 1 ? shown[0] : "[" + shown.joined(separator: ", ") + "]"
                if case .matrix(_, let columns) = q.shape, shown.count == q.shape.count {
                    // A matrix row by row, each row under the first.
                    let rows = stride(from: 0, to: shown.count, by: columns).map { "[" + shown[$0..<($0 + columns)].joined(separator: ", ") + "]" }
                    value = "[" + rows.joined(separator: ",\n" + String(repeating: " ", count: width + 5)) + "]"
                }
                out += "  " + name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value
                if let a = q.agreement { out += "   (closed form vs integration: \(a.shown) digits)" }
                out += "\n"
            }
            if let m = row.mechanism { out += "  mechanism: \(m)\n" }
        }
        return out
    }

    /// A header (`t`, or `step` for an iteration, then one column per component, `u[2]` for a vector's and
    /// `W[1,2]` for a matrix's (row, column; 1-based), each followed by a `_certified` column of true/false,
    /// plus agreement digits and the mechanism when present), then one
    /// row per time. Every value column holds plain numbers (`nan` where undefined, `inf` for exact
    /// agreement; empty where uncertified or diverged) so that CSV readers type it as a float.
    public static func csv(_ rows: [Solver.Row], axis: Axis = .time) -> String {
        guard let first = rows.first else { return "" }
        var header = [axis.rawValue]
        for q in first.quantities {
            for name in q.values.count == 1 ? [q.name] : q.values.indices.map({ "\(q.name)[\(Self.componentIndex($0, of: q))]" }) {
                header += [name, name + "_certified"]
            }
            if q.agreement != nil { header.append("\(q.name)_agreement_digits") }
        }
        if first.mechanism != nil { header.append("mechanism") }
        let writer = TableWriter(columns: header.map { TableCell($0) }, format: .csv)
        return writer.header() + rows.map { row in
            var cells = [row.time]
            for q in row.quantities {
                for value in q.values { cells += [value.isCertified ? value.text : "", String(value.isCertified)] }
                if let a = q.agreement { cells.append(a.atLeast.isInfinite ? "inf" : a.shown) }
            }
            if let m = row.mechanism { cells.append(m) }
            return writer.row(cells.map { TableCell($0) })
        }.joined()
    }

    /// Component c (0-based, row-major) of a quantity as a column names it: `2` of a vector, `1,2` of a matrix.
    static func componentIndex(_ c: Int, of q: Solver.Quantity) -> String {
        if case .matrix(_, let n) = q.shape, q.values.count == q.shape.count { return "\(c / n + 1),\(c % n + 1)" }
        return "\(c + 1)"
    }

    struct JSONQuantity: Encodable {
        let name: String
        let values: [String]
        let certified: [Bool]
        let agreement: JSONAgreement?
        /// [n] for a vector, [rows, columns] for a matrix (whose `values` run row by row); absent for a scalar.
        let shape: [Int]?
    }
    struct JSONRow: Encodable { let t: String; let quantities: [JSONQuantity]; let mechanism: String? }
    struct JSONDocument: Encodable {
        let type = "solve"
        let run: RunRecord
        let rows: [JSONRow]
    }

    static func jsonShape(_ q: Solver.Quantity) -> [Int]? {
        switch q.shape {
        case .matrix(let m, let n) where m * n == q.values.count: return [m, n]
        case _ where q.values.count > 1: return [q.values.count]
        default: return nil
        }
    }

    /// One object (docs/phasecheck-output.schema.json): the run, then the rows. Values stay decimal text
    /// so that no digit is lost to a binary double.
    public static func json(_ rows: [Solver.Row], run: RunRecord) -> String {
        JSONOutput.document(JSONDocument(run: run, rows: rows.map { row in
            JSONRow(t: row.time, quantities: row.quantities.map {
                JSONQuantity(name: $0.name, values: $0.values.map(\.text), certified: $0.values.map(\.isCertified), agreement: $0.agreement.map(JSONAgreement.init),
                             shape: Self.jsonShape($0))
            }, mechanism: row.mechanism)
        }))
    }
}
