import Foundation
import PhasecheckNumbers
import PhasecheckVerify

/// Renders a parameter phase sweep (`ParameterPhaseSweep`) as it streams: a table (text, Markdown, LaTeX,
/// CSV), JSON Lines, or an SVG of a two-axis grid coloured by the phase found, with the claimed boundary
/// drawn between cells whose claimed phases differ and disagreements crossed out.
public struct ParameterPhasePrinter {
    public let sweep: ParameterPhaseSweep
    public let format: OutputFormat
    let table: TableWriter?
    let run: RunRecord
    /// The SVG's cells by axis indices: (found, claimed, agrees).
    var cells: [[Int]: (found: String?, claimed: String?, agrees: Bool)] = [:]

    public static let formats: [OutputFormat] = OutputFormat.tables + [.json, .svg]

    public init(sweep: ParameterPhaseSweep, format: OutputFormat, run: RunRecord) throws {
        if format == .svg && sweep.axes.filter({ $0.values.count > 1 }).count != 2 {
            throw SweepError("an SVG phase diagram needs exactly two parameters with more than one value")
        }
        self.sweep = sweep
        self.format = format
        self.run = run
        let columns = format == .csv ? Self.csvColumns(sweep).map { TableCell($0) }
            : sweep.axes.map { TableCell(symbol: $0.name) } + [TableCell(sweep.quantityText), "found", "claimed", "agrees", "problem"]
        table = OutputFormat.tables.contains(format) ? TableWriter(columns: columns, format: format) : nil
    }

    /// The table's header (for CSV preceded by the record of the run as `#` comment lines), or for JSON
    /// Lines the record of the run.
    public func header() -> String {
        if format == .json { return JSONOutput.line(PhasePrinter.JSONRun(run: run)) }
        if format == .csv { return run.csvComment + table!.header() }
        return table?.header() ?? ""
    }

    /// CSV columns, each of one type as in a width-exponent sweep's CSV: each axis as a decimal and its exact
    /// rational (`_exact`); E as a decimal with `value_certified` (false: its digits are the integration's
    /// estimate, or the midpoint of an enclosure that certifies none), or with `--stability` the located
    /// point as text; the phases as text (empty where undecided or not claimed); `agrees` true/false.
    static func csvColumns(_ sweep: ParameterPhaseSweep) -> [String] {
        sweep.axes.flatMap { [$0.name, $0.name + "_exact"] } + (sweep.classifiesStability ? ["point"] : ["value", "value_certified"])
            + ["found", "claimed", "agrees", "problem"]
    }

    func csvCells(_ row: ParameterPhaseRow) -> [TableCell] {
        var cells = row.coordinates.flatMap { [TableCell(String($0.doubleValue)), TableCell($0.description)] }
        if sweep.classifiesStability {
            cells.append(TableCell(row.value))
        } else if let e = row.enclosure {
            let digits = row.value  // the certified digits, or the enclosure's two ends when it certifies none
            let certain = Double(digits) != nil
            cells += [TableCell(certain ? digits : e.midpoint.formatted(significantDigits: 17)), TableCell(String(certain && row.certified))]
        } else {
            cells += ["", ""]
        }
        return cells + [TableCell(row.found ?? ""), TableCell(row.predicted ?? ""), TableCell(String(row.agrees)),
                        TableCell(row.problems.joined(separator: "; "))]
    }

    public mutating func row(_ row: ParameterPhaseRow) -> String {
        if format == .csv { return table!.row(csvCells(row)) }
        if let table {
            return table.row(row.coordinates.map(TableCell.init(math:)) + [TableCell(row.value), TableCell(row.found ?? "?"), TableCell(row.predicted ?? "-"),
                                                                         row.agrees ? "yes" : "no", TableCell(row.problems.joined(separator: "; "))])
        }
        if format == .json { return JSONOutput.line(JSONPoint(row, sweep)) }
        let key = zip(sweep.axes, row.coordinates).map { axis, value in axis.values.firstIndex(of: value)! }
        cells[key] = (row.found, row.predicted, row.agrees)
        return ""
    }

    public func footer(_ summary: ParameterPhaseSummary) -> String {
        switch format {
        case .json: return JSONOutput.line(JSONSummary(summary, sweep))
        case .svg: return svg(summary)
        case .csv: return ""
        default: return (table?.footer() ?? "") + "\n" + summary.text
        }
    }

    /// A point as a width-exponent sweep writes one (`index`, `point`, `found`, `claimed`, `agrees`, `problems`),
    /// with E's value (text: its certified digits, its two ends, or with `--stability` the located point) and
    /// whether it is certified instead of the exponents and flags.
    struct JSONPoint: Encodable {
        let type = "point"
        let index: Int
        let point: [String: String]
        let value: String
        let found: String?
        let claimed: String?
        let certified: Bool
        let agrees: Bool
        let problems: [String]
        init(_ row: ParameterPhaseRow, _ sweep: ParameterPhaseSweep) {
            index = row.index
            point = Dictionary(uniqueKeysWithValues: zip(sweep.axes.map(\.name), row.coordinates.map(\.description)))
            (value, found, claimed, certified, agrees, problems) = (row.value, row.found, row.predicted, row.certified, row.agrees, row.problems)
        }
    }

    /// The summary as a width-exponent sweep writes it, with the count of uncertified signs instead of flags.
    struct JSONSummary: Encodable {
        let type = "summary"
        let quantity: String
        let points: Int
        let disagreeing: Int
        let uncertified: Int
        let found: [String: Int]
        let claimed: [String: Int]
        let disagreements: [PhasePrinter.JSONDisagreement]
        /// Points whose sign or stability (or claimed phase) stayed undecided; they are listed among the disagreements.
        let undecided: Int
        init(_ s: ParameterPhaseSummary, _ sweep: ParameterPhaseSweep) {
            (quantity, points, disagreeing, uncertified, found, claimed, undecided) = (sweep.quantityText, s.points, s.disagreements.count - s.undecided, s.uncertified, s.found, s.claimed, s.undecided)
            disagreements = s.disagreements.map {
                PhasePrinter.JSONDisagreement(index: $0.index, point: Dictionary(uniqueKeysWithValues: zip(sweep.axes.map(\.name), $0.coordinates.map(\.description))),
                                              problems: $0.problems)
            }
        }
    }

    /// The two varying axes' grid as SVG cells (x the first varying axis, y the second), written by the
    /// same `SVGDocument` as the width-exponent diagrams.
    func svg(_ summary: ParameterPhaseSummary) -> String {
        let varying = sweep.axes.indices.filter { sweep.axes[$0].values.count > 1 }
        let (xi, yi) = (varying[0], varying[1])
        let xs = sweep.axes[xi].values, ys = sweep.axes[yi].values
        let c = max(6, min(28, 560 / max(xs.count, ys.count)))
        let left = 80, top = 50, legend = 230, bottom = 60
        var doc = SVGDocument(width: left + xs.count * c + legend, height: top + ys.count * c + bottom)
        let palette = ["#6baed6", "#fd8d3c", "#74c476", "#9e9ac8"]
        let phases = Array(zip(sweep.phaseNames, palette)) + [("undecided", "#bdbdbd")]
        let colours = Dictionary(phases.dropLast().map { ($0.0, $0.1) }, uniquingKeysWith: { first, _ in first })
        func cell(_ i: Int, _ j: Int) -> (found: String?, claimed: String?, agrees: Bool)? {
            var key = [Int](repeating: 0, count: sweep.axes.count)
            key[xi] = i; key[yi] = j
            return cells[key]
        }
        func px(_ i: Int) -> Int { left + i * c }
        func py(_ j: Int) -> Int { top + (ys.count - j) * c }
        doc.text(sweep.classifiesStability ? sweep.quantityText : "sign of \(sweep.quantityText)", x: Double(left), y: Double(top - 20), size: 14)
        doc.open(group: "cells")
        for i in xs.indices { for j in ys.indices {
            let fill = cell(i, j)?.found.flatMap { colours[$0] } ?? "#bdbdbd"
            doc.raw("<rect x=\"\(px(i))\" y=\"\(py(j + 1))\" width=\"\(c)\" height=\"\(c)\" fill=\"\(fill)\" stroke=\"white\" stroke-width=\"0.5\"/>")
        } }
        doc.close()
        doc.open(group: "claimed-boundaries", "stroke=\"black\" stroke-width=\"2.5\"")
        for i in xs.indices { for j in ys.indices {
            if i + 1 < xs.count, cell(i, j)?.claimed != cell(i + 1, j)?.claimed { doc.raw("<line x1=\"\(px(i + 1))\" y1=\"\(py(j))\" x2=\"\(px(i + 1))\" y2=\"\(py(j + 1))\"/>") }
            if j + 1 < ys.count, cell(i, j)?.claimed != cell(i, j + 1)?.claimed { doc.raw("<line x1=\"\(px(i))\" y1=\"\(py(j + 1))\" x2=\"\(px(i + 1))\" y2=\"\(py(j + 1))\"/>") }
        } }
        doc.close()
        doc.open(group: "disagreements", "stroke=\"#d7191c\" stroke-width=\"2\"")
        for i in xs.indices { for j in ys.indices where cell(i, j)?.agrees == false {
            doc.raw("<path d=\"M\(px(i) + 2) \(py(j + 1) + 2) L\(px(i + 1) - 2) \(py(j) - 2) M\(px(i) + 2) \(py(j) - 2) L\(px(i + 1) - 2) \(py(j + 1) + 2)\"/>")
        } }
        doc.close()
        doc.open(group: "axes")
        for i in stride(from: 0, to: xs.count, by: max(1, (xs.count + 9) / 10)) {
            doc.text("\(xs[i].doubleValue)", x: Double(px(i) + c / 2), y: Double(py(0) + 18), anchor: "middle")
        }
        for j in stride(from: 0, to: ys.count, by: max(1, (ys.count + 9) / 10)) {
            doc.text("\(ys[j].doubleValue)", x: Double(left - 8), y: Double(py(j + 1) + c / 2 + 4), anchor: "end")
        }
        doc.text(sweep.axes[xi].name, x: Double(left + xs.count * c / 2), y: Double(py(0) + 42), size: 14, anchor: "middle")
        doc.text(sweep.axes[yi].name, x: Double(left - 55), y: Double(top + ys.count * c / 2), size: 14, anchor: "middle", vertical: true)
        doc.close()
        doc.open(group: "legend")
        let lx = left + xs.count * c + 20
        for (k, (name, fill)) in phases.enumerated() {
            doc.raw("<rect x=\"\(lx)\" y=\"\(top + 24 * k)\" width=\"16\" height=\"16\" fill=\"\(fill)\"/>")
            doc.text(name, x: Double(lx + 24), y: Double(top + 24 * k + 13))
        }
        let below = top + 24 * phases.count + 8
        if sweep.hasClaimedBoundary {
            doc.raw("<line x1=\"\(lx)\" y1=\"\(below)\" x2=\"\(lx + 16)\" y2=\"\(below)\" stroke=\"black\" stroke-width=\"2.5\"/>")
            doc.text("claimed boundary", x: Double(lx + 24), y: Double(below + 5))
        }
        doc.text("\(sweep.classifiesStability ? "undecided or not located" : "disagreements"): \(summary.disagreements.count)", x: Double(lx), y: Double(below + 29))
        doc.close()
        return doc.finished()
    }
}

/// Counts per phase, and the points with a problem (undecided, or disagreeing with the claim) of a parameter sweep.
public struct ParameterPhaseSummary: Sendable {
    public private(set) var points = 0
    public private(set) var found: [String: Int] = [:]
    /// Points per claimed phase (none without a claimed boundary).
    public private(set) var claimed: [String: Int] = [:]
    /// Every point with a problem, undecided ones included: any of them makes the exit status 1.
    public private(set) var disagreements: [(index: Int, coordinates: [BigRational], problems: [String])] = []
    public private(set) var undecided = 0
    public private(set) var uncertified = 0
    let names: [String]

    public init(sweep: ParameterPhaseSweep) { names = sweep.axes.map(\.name) }

    public mutating func add(_ row: ParameterPhaseRow) {
        points += 1
        found[row.found ?? "undecided", default: 0] += 1
        if let predicted = row.predicted { claimed[predicted, default: 0] += 1 }
        if row.undecided { undecided += 1 }
        if row.found != nil && !row.certified { uncertified += 1 }
        if !row.agrees { disagreements.append((row.index, row.coordinates, row.problems)) }
    }

    public var text: String {
        let decided = points - (found["undecided"] ?? 0)
        let certification = uncertified > 0 ? "; \(uncertified) signs from the integration's error estimate (not certified)"
            : decided == 0 ? "; no sign decided" : decided < points ? "; every decided sign certified" : "; every sign certified"
        var out = "\(points) points: " + found.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            + "; \(disagreements.count - undecided) disagreeing, \(undecided) undecided" + certification + "\n"
        for d in disagreements.prefix(20) {
            out += "  " + zip(names, d.coordinates).map { "\($0) = \($1)" }.joined(separator: ", ") + ": " + d.problems.joined(separator: "; ") + "\n"
        }
        if disagreements.count > 20 { out += "  ... and \(disagreements.count - 20) more (every point is in the rows)\n" }
        return out
    }
}
