import PhasecheckFormat
import PhasecheckVerify
import Foundation
import PhasecheckAsymptotics
import PhasecheckExpressions
import PhasecheckNumbers


/// Renders a phase sweep as it streams: `header()`, then `row(_:)` for each point in grid order, then
/// `footer(_:)`. Table formats share `TableWriter`; JSON Lines gives one object per point and a final
/// summary object; SVG keeps the cells of its two-axis slice and draws them in the footer.
public struct PhasePrinter {
    public let sweep: PhaseSweep
    public let format: OutputFormat
    let table: TableWriter?
    let run: RunRecord
    var diagram: PhaseDiagram?
    /// The CSV texts that are the same on a whole cell of exponent space, by cell number.
    private var cellTexts: [Int: CellTexts] = [:]
    /// The CSV text `double,rational,` of the values met so far (a grid repeats few coordinate and exponent
    /// values), at most `maximumNumberTexts` of them.
    private var numberTexts: [SmallRational: String] = [:]
    private static let maximumNumberTexts = 1 << 16
    /// The same for coordinates, by numerator over the grid's denominator (no reduction to lowest terms).
    private var coordinateTexts: [Int: String] = [:]
    /// The CSV text after `measured_exponent` by template key (`csvTail`), at most `maximumRowTails` of them.
    private var rowTails: [UInt64: String] = [:]
    private static let maximumRowTails = 1 << 16

    public static let formats: [OutputFormat] = OutputFormat.tables + [.json, .svg]

    /// Whether the summary belongs in the output; CSV, LaTeX and SVG stay pure (summary on stderr).
    public static func summaryInOutput(_ format: OutputFormat) -> Bool { format == .text || format == .markdown || format == .json }

    public init(sweep: PhaseSweep, format: OutputFormat, run: RunRecord) throws {
        self.sweep = sweep
        self.format = format
        self.run = run
        if format == .csv {
            table = TableWriter(columns: Self.csvColumns(sweep).map { TableCell($0) }, format: .csv)
        } else if OutputFormat.tables.contains(format) {
            let display = sweep.model.section.displayNames
            let columns = (sweep.grid.names + sweep.exponentNames).map { TableCell(symbol: $0, display: display) }
                + ["exponent", "measured", "coefficient", "limit", "claimed", "found"]
                + sweep.flagNames.map { TableCell($0) } + ["agrees", "problem"]
            let regionWidth = sweep.model.section.regions.map(\.name.count).max() ?? 0
            let widths = sweep.grid.names.map { _ in 5 } + sweep.exponentNames.map { _ in 5 }
                + [5, 10, 14, 14, regionWidth, regionWidth] + sweep.flagNames.map { _ in 3 } + [3, 0]
            table = TableWriter(columns: columns, format: format, minimumWidths: widths)
        } else {
            table = nil
        }
        diagram = format == .svg ? try PhaseDiagram(sweep: sweep) : nil
    }

    /// The table's header (for CSV preceded by the record of the run as `#` comment lines), or for JSON
    /// Lines the record of the run (`{"type":"run",...}`).
    public func header() -> String {
        if format == .json { return JSONOutput.line(JSONRun(run: run)) }
        if format == .csv { return run.csvComment + table!.header() }
        return table?.header() ?? ""
    }

    /// One row in a format other than CSV (`write(_:to:)` writes a CSV line itself).
    private mutating func row(_ row: PhaseRow) -> String {
        if let table { return table.row(cells(row)) }
        if format == .json { return JSONOutput.line(JSONPoint(row, sweep)) }
        diagram?.add(row)
        return ""
    }

    /// One row appended to `output` (a CSV line is written into it directly, with no string of its own).
    public mutating func write(_ row: PhaseRow, to output: inout String) {
        if format == .csv { appendCSVLine(row, to: &output) } else { output += self.row(row) }
    }

    /// The end of the output: the table's end and, where it belongs in the output, the summary.
    public func footer(_ summary: PhaseSummary) -> String {
        switch format {
        case .text: return table!.footer() + "\n" + Self.summaryText(summary, sweep: sweep)
        case .markdown: return Self.summaryMarkdown(summary, sweep: sweep)
        case .latex:
            return table!.footer() + Self.summaryText(summary, sweep: sweep).split(separator: "\n").map { "% " + $0 + "\n" }.joined()
        case .csv, .junit: return ""  // junit is not among `formats`: the command rejects it
        case .json: return JSONOutput.line(JSONSummary(summary, sweep))
        default:
            precondition(format == .svg, "phase reports are \(Self.formats)")
            return diagram!.render(summary)
        }
    }

    func cells(_ row: PhaseRow) -> [TableCell] {
        let c = row.classification
        var cells = row.coordinates.map(TableCell.init(math:)) + row.exponents.map(TableCell.init(math:))
        cells.append(c.exponent.map(TableCell.init(math:)) ?? "-")
        cells.append(c.confirmation.map { TableCell(numeral: Self.measured($0)) } ?? "-")
        cells.append(c.leadingInCell.map(Self.coefficientCell) ?? "-")
        cells.append(Self.limitCell(c))
        cells.append(TableCell(row.predicted ?? "-"))
        cells.append(TableCell(row.found ?? "?"))
        cells += row.flags.map { TableCell($0.raised.map { $0 ? "yes" : "no" } ?? "?") }
        cells.append(row.agrees ? "yes" : row.undecided ? "undecided" : "no")
        cells.append(TableCell(row.problems.joined(separator: "; ")))
        return cells
    }

    /// CSV columns, each of one type for a data frame: numbers (a rational as a decimal, with its exact
    /// value in a `_exact` column; empty where there is none), booleans as true/false (empty when
    /// undecided), and text only for names and problems.
    static func csvColumns(_ sweep: PhaseSweep) -> [String] {
        (sweep.grid.names + sweep.exponentNames).flatMap { [$0, $0 + "_exact"] }
            + ["exponent", "exponent_exact", "measured_exponent", "coefficient", "coefficient_closed_form", "limit",
               "claimed", "found"]
            + sweep.flagNames + ["agrees", "problem"]
    }

    /// The CSV row of `csvColumns`, written straight from the row's machine integers (rationals only
    /// where a value does not fit); the coefficient, closed form and limit are written once per cell.
    mutating func appendCSVLine(_ row: PhaseRow, to line: inout String) {
        let c = row.classification
        func number(_ q: SmallRational) {
            if let known = numberTexts[q] {
                line += known
                return
            }
            let text = String(q.doubleValue) + "," + q.description + ","
            if numberTexts.count < Self.maximumNumberTexts { numberTexts[q] = text }
            line += text
        }
        func number(_ q: BigRational) {
            line += String(q.doubleValue); line += ","; line += q.description; line += ","
        }
        for (i, numerator) in row.scaledCoordinates.enumerated() {
            // By numerator: every row of a sweep has the grid's denominator.
            if let known = coordinateTexts[numerator] {
                line += known
                continue
            }
            let start = line.endIndex
            if let q = row.coordinate(i) { number(q) } else { number(BigRational(numerator, row.denominator)) }
            if coordinateTexts.count < Self.maximumNumberTexts { coordinateTexts[numerator] = String(line[start...]) }
        }
        for value in row.exponentValues {
            switch value {
            case .small(let q): number(q)
            case .big(let q): number(q)
            }
        }
        if let e = c.integerExponent { number(e) } else if let e = c.exponent { number(e) } else { line += ",," }
        if let measured = c.confirmation?.measuredExponent, measured.isFinite { line += String(measured) }
        line += ","
        if let key = row.templateKey {
            if let known = rowTails[key] { line += known } else {
                let tail = csvTail(row)
                if rowTails.count < Self.maximumRowTails { rowTails[key] = tail }
                line += tail
            }
        } else {
            line += csvTail(row)
        }
    }

    /// The CSV cells after `measured_exponent`, with the line's end: the same on rows with the same template
    /// key (`PhaseRow.templateKey`), so written once per key.
    private mutating func csvTail(_ row: PhaseRow) -> String {
        let c = row.classification
        var line = ""
        func text(_ cell: String) { line += TableWriter.csv(cell); line += "," }
        let cellTexts: CellTexts
        if let cell = c.cell {
            if let known = self.cellTexts[cell] { cellTexts = known } else {
                cellTexts = CellTexts(c)
                self.cellTexts[cell] = cellTexts
            }
        } else {
            cellTexts = CellTexts(c)
        }
        line += cellTexts.csv
        text(row.predicted ?? ""); text(row.found ?? "")
        for flag in row.flags { line += flag.raised.map(String.init) ?? ""; line += "," }
        line += String(row.agrees); line += ","
        if !row.problems.isEmpty { line += TableWriter.csv(row.problems.joined(separator: "; ")) }
        line += "\n"
        return line
    }

    /// The CSV cells of a classification that are the same on its whole cell of exponent space (the
    /// coefficient is constant there, so is its limit; the sign of the exponent is one of the cell's
    /// conditions).
    struct CellTexts {
        let coefficient: String
        let closedForm: String
        /// The limit d -> infinity as a number (`inf`/`-inf` read as floats), empty when undecided.
        let limit: String
        /// The three as CSV cells, each followed by a comma.
        let csv: String

        init(_ c: PhaseClassification) {
            if let leading = c.leadingInCell {
                coefficient = leading.coefficient.formatted(significantDigits: 12)
                closedForm = leading.closedForm?.description ?? ""
                switch leading.limit {
                case .zero: limit = "0"
                case .finite: limit = coefficient
                case .positiveInfinity: limit = "inf"
                case .negativeInfinity: limit = "-inf"
                }
            } else {
                coefficient = ""
                closedForm = ""
                if case .identicallyZero = c.analysis { limit = "0" } else { limit = "" }
            }
            csv = [coefficient, closedForm, limit].map { TableWriter.csv($0) + "," }.joined()
        }
    }

    /// The measured exponent, or what prevented measuring it (never `nan`): the quantity was 0 at the
    /// widest sample (`-inf`), overflowed (`inf`), or no width could be evaluated (NaN).
    static func measured(_ c: NumericConfirmation) -> String {
        let e = c.measuredExponent
        if e.isFinite { return String(format: "%.6f", e) }
        return e == -.infinity ? "value 0" : e == .infinity ? "overflow" : "not evaluated"
    }

    /// The leading coefficient: its closed form when recognised, else 12 digits.
    static func coefficientCell(_ leading: LeadingBehavior) -> TableCell {
        guard let closed = leading.closedForm else { return TableCell(numeral: leading.coefficient.formatted(significantDigits: 12)) }
        return TableCell(closed.description, math: closed.expression)
    }

    /// The limit d -> infinity: 0, the bounded limit, +-inf, or ? when undecided.
    static func limitCell(_ c: PhaseClassification) -> TableCell {
        guard let leading = c.leadingInCell else {
            if case .identicallyZero = c.analysis { return TableCell(math: .number(0)) }
            return "?"
        }
        switch leading.limit {
        case .zero: return TableCell(math: .number(0))
        case .finite: return coefficientCell(leading)
        case .positiveInfinity: return TableCell("+inf", latex: "$+\\infty$")
        case .negativeInfinity: return TableCell("-inf", latex: "$-\\infty$")
        }
    }

    static func pointText(_ coordinates: [BigRational], _ sweep: PhaseSweep) -> String {
        zip(sweep.grid.names, coordinates).map { "\($0)=\($1)" }.joined(separator: " ")
    }

    /// The summary's parts: the headline, the counts (per found region, per claimed region, flags) and
    /// one line per disagreement.
    static func summaryParts(_ summary: PhaseSummary, sweep: PhaseSweep) -> (head: String, counts: [String], disagreements: [String]) {
        let notAgreeing = summary.disagreements.count
        let head = "\(summary.quantity) at \(summary.points) points: \(summary.points - notAgreeing) agree, \(notAgreeing - summary.undecided) disagree"
            + (summary.undecided > 0 ? ", \(summary.undecided) undecided" : "")
        func counts(_ table: [String: Int], order: [String]) -> String {
            let names = order.filter { table[$0] != nil } + table.keys.filter { !order.contains($0) }.sorted()
            return names.isEmpty ? "none" : names.map { "\($0) \(table[$0]!)" }.joined(separator: ", ")
        }
        var lines = ["found: " + counts(summary.found, order: sweep.regionNames),
                     "claimed: " + counts(summary.predicted, order: sweep.model.section.regions.map(\.name))]
        if !sweep.flagNames.isEmpty { lines.append("flags raised: " + counts(summary.flagsRaised, order: sweep.flagNames)) }
        let disagreements = summary.disagreements.map {
            "#\($0.index) \(pointText($0.coordinates, sweep)): \($0.problems.joined(separator: "; "))"
        }
        return (head, lines, disagreements)
    }

    /// The summary in plain text (also used on stderr and, as comments, after LaTeX).
    public static func summaryText(_ summary: PhaseSummary, sweep: PhaseSweep) -> String {
        let parts = summaryParts(summary, sweep: sweep)
        var out = parts.head + "\n" + parts.counts.map { "  " + $0 + "\n" }.joined()
        if !parts.disagreements.isEmpty { out += listHeading(summary) + ":\n" + parts.disagreements.map { "  " + $0 + "\n" }.joined() }
        return out
    }

    /// The heading of the points that do not agree.
    static func listHeading(_ summary: PhaseSummary) -> String {
        summary.undecided == 0 ? "disagreements" : summary.undecided == summary.disagreements.count ? "undecided points" : "disagreements and undecided points"
    }

    static func summaryMarkdown(_ summary: PhaseSummary, sweep: PhaseSweep) -> String {
        let parts = summaryParts(summary, sweep: sweep)
        func escaped(_ s: String) -> String { s.replacingOccurrences(of: "_", with: "\\_") }
        var out = "\n**\(escaped(parts.head))**\n\n" + parts.counts.map { "- " + escaped($0) + "\n" }.joined()
        if !parts.disagreements.isEmpty {
            out += "\n**\(listHeading(summary))**\n\n" + parts.disagreements.map { "- " + escaped($0) + "\n" }.joined()
        }
        return out
    }

    struct JSONRun: Encodable {
        let type = "run"
        let run: RunRecord
    }

    struct JSONFlag: Encodable {
        let raised: Bool?
        let claimed: Bool?
    }

    struct JSONPoint: Encodable {
        let type = "point"
        let index: Int
        let point: [String: String]
        let exponents: [String: String]
        let exponent: String?
        let measuredExponent: Double?
        let coefficient: String?
        let limit: String
        let claimed: String?
        let found: String?
        let flags: [String: JSONFlag]
        let agrees: Bool
        let problems: [String]

        init(_ row: PhaseRow, _ sweep: PhaseSweep) {
            let c = row.classification
            index = row.index
            point = Dictionary(uniqueKeysWithValues: zip(sweep.grid.names, row.coordinates.map(\.description)))
            exponents = Dictionary(uniqueKeysWithValues: zip(sweep.exponentNames, row.exponents.map(\.description)))
            exponent = c.exponent?.description
            measuredExponent = c.confirmation.map(\.measuredExponent).flatMap { $0.isFinite ? $0 : nil }
            coefficient = c.leadingInCell.map { PhasePrinter.coefficientCell($0).plain }
            limit = PhasePrinter.limitCell(c).plain
            claimed = row.predicted
            found = row.found
            flags = Dictionary(uniqueKeysWithValues: row.flags.map { ($0.name, JSONFlag(raised: $0.raised, claimed: $0.claimed)) })
            agrees = row.agrees
            problems = row.problems
        }
    }

    struct JSONDisagreement: Encodable {
        let index: Int
        let point: [String: String]
        let problems: [String]
    }

    struct JSONSummary: Encodable {
        let type = "summary"
        let quantity: String
        let points: Int
        let disagreeing: Int
        /// Points undecided (listed among `disagreements`, not counted in `disagreeing`).
        let undecided: Int
        let found: [String: Int]
        let claimed: [String: Int]
        let flagsRaised: [String: Int]
        let disagreements: [JSONDisagreement]

        init(_ s: PhaseSummary, _ sweep: PhaseSweep) {
            quantity = s.quantity
            points = s.points
            disagreeing = s.disagreements.count - s.undecided
            undecided = s.undecided
            found = s.found
            claimed = s.predicted
            flagsRaised = s.flagsRaised
            disagreements = s.disagreements.map {
                JSONDisagreement(index: $0.index, point: Dictionary(uniqueKeysWithValues: zip(sweep.grid.names, $0.coordinates.map(\.description))),
                                 problems: $0.problems)
            }
        }
    }
}
