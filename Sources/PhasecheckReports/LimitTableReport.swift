import PhasecheckFormat
import PhasecheckVerify
import PhasecheckAsymptotics
import PhasecheckExpressions
import PhasecheckNumbers

/// `phasecheck table`: the limit table rendered with `TableWriter`.
extension LimitTable {
    public static let formats = OutputFormat.tables

    /// The table in one of `formats`. LaTeX, made to fit a paper's text width, gives the numerical
    /// confirmation as a note under the table instead of a column; CSV (`csv(run:)`) has typed columns.
    public func render(_ format: OutputFormat, run: RunRecord) -> String {
        if format == .csv { return csv(run: run) }
        let quantity = classification.quantity
        let display = model.section.displayNames
        let limit = "$\\lim\\limits_{" + LatexPrinter.print(.symbol(model.width)) + " \\to \\infty} " + (display[quantity] ?? LatexPrinter.print(.symbol(quantity))) + "$"
        // In LaTeX the row names need no header: the widest header would cost the table its fit.
        var columns = [TableCell("parameterization", latex: "")] + hyperparameters.map { TableCell(symbol: $0, display: display) }
            + [TableCell("limit of \(quantity)", latex: limit, shown: "limit of \(DisplayNames(display).plainIfDeclared(symbol: quantity))"), "order", "regime", "flags", "confirmed"]
        let scaling = Dictionary(model.section.scalings.map { ($0.name, $0.expr) }, uniquingKeysWith: { a, _ in a })
        let body = rows.map { row in
            let assigned = Dictionary(row.parameterization.assignments.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
            let c = row.classification
            var cells = [TableCell(word: row.parameterization.name, display: display)] + hyperparameters.map { TableCell(math: assigned[$0] ?? scaling[$0]!) }
            cells.append(PhasePrinter.limitCell(c))
            cells.append(c.leading.flatMap { $0.regime == .bounded ? nil : order($0) } ?? "-")
            cells.append(TableCell(word: row.region ?? c.regime?.word ?? "?", display: display))
            let raised = row.flags.filter { $0.raised == true }.map(\.name) + row.flags.filter { $0.raised == nil }.map { "\($0.name)?" }
            let flags = raised.isEmpty ? "none" : raised.joined(separator: ", ")
            let flagsLatex = raised.isEmpty ? "none" : raised.map { TableCell(word: $0, display: display).latex! }.joined(separator: ", ")
            cells.append(TableCell(flags, latex: flagsLatex))
            cells.append(confirmation(c))
            return cells
        }
        var rows = body
        var note = ""
        if format == .latex {
            columns.removeLast()
            rows = body.map { Array($0.dropLast()) }
            note = Self.confirmationNote(zip(body.map { $0[0] }, body.map { $0.last! }))
        }
        let writer = TableWriter(columns: columns, format: format, minimumWidths: columns.indices.map { i in rows.map { $0[i].text.count }.max() ?? 0 })
        return writer.header() + rows.map(writer.row).joined() + writer.footer() + note
    }

    /// The table as data, each column of one type as in a phase sweep's CSV, after the run record: the
    /// scalings as the file writes them; the limit as a number (`inf`/`-inf`; empty when undecided) with its
    /// exact value (`limit_exact`: `sqrt(2) - 1`, `0`; empty when only digits are known); the order, regime
    /// and raised flags as text (a flag undecided ends in `?`); `confirmed` true/false (true also for an exact
    /// zero, which needs no confirmation; false where the samples checked the exponent only) with its detail.
    func csv(run: RunRecord) -> String {
        let columns = ["parameterization"] + hyperparameters + ["limit", "limit_exact", "order", "regime", "flags", "confirmed", "confirmation"]
        let writer = TableWriter(columns: columns.map { TableCell($0) }, format: .csv)
        let scaling = Dictionary(model.section.scalings.map { ($0.name, $0.expr) }, uniquingKeysWith: { a, _ in a })
        let lines = rows.map { row in
            let assigned = Dictionary(row.parameterization.assignments.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
            let c = row.classification
            var exact = ""
            if case .identicallyZero = c.analysis { exact = "0" }
            if let leading = c.leadingInCell {
                switch leading.limit {
                case .zero: exact = "0"
                case .finite: exact = leading.closedForm?.description ?? ""
                case .positiveInfinity, .negativeInfinity: exact = ""
                }
            }
            let flags = row.flags.filter { $0.raised != false }.map { $0.name + ($0.raised == nil ? "?" : "") }
            let cells = [row.parameterization.name] + hyperparameters.map { (assigned[$0] ?? scaling[$0]!).description }
                + [PhasePrinter.CellTexts(c).limit, exact, c.leading.flatMap { $0.regime == .bounded ? nil : order($0).plain } ?? "",
                   row.region ?? c.regime?.word ?? "", flags.joined(separator: " "), String(c.regime != nil && c.confirmation.map { $0.problem == nil && $0.comparedCoefficient } ?? true), confirmation(c).plain]
            return writer.row(cells.map { TableCell($0) })
        }
        return run.csvComment + writer.header() + lines.joined()
    }

    /// The confirmation column as one sentence under a LaTeX table: once when every row has the same,
    /// else row by row.
    static func confirmationNote(_ rows: Zip2Sequence<[TableCell], [TableCell]>) -> String {
        let confirmations = rows.map { TableWriter.latexCell($0.1) }
        if Set(confirmations).count == 1, let only = confirmations.first {
            return "\\par\\smallskip{\\footnotesize Numerically confirmed, every row: \(only).}\n"
        }
        return "\\par\\smallskip{\\footnotesize Numerically confirmed: "
            + rows.map { TableWriter.latexCell($0.0) + ": " + TableWriter.latexCell($0.1) }.joined(separator: "; ") + ".}\n"
    }

    /// `3/8 d^-1` (`2 d^1 log(d)`): the leading term when the limit is 0 or infinite, built from the coefficient's closed
    /// form; in LaTeX a rational coefficient is a text-size fraction before the power (`\tfrac{3}{8} d^{-1}`),
    /// so it cannot read as 3/(8 d^-1).
    func order(_ leading: LeadingBehavior) -> TableCell {
        let coefficient = PhasePrinter.coefficientCell(leading)
        let plainCoefficient = coefficient.plain.dropFirst().contains(" ") ? "(\(coefficient.plain))" : coefficient.plain
        let plain = "\(plainCoefficient) " + widthOrder(leading.exponent, logPower: leading.logPower, width: model.width)
        var power = Expr.power(.symbol(model.width), .number(leading.exponent))
        if leading.logPower != 0 { power = power * .power(.call(.log, .symbol(model.width)), .number(BigRational(leading.logPower))) }
        guard let closed = leading.closedForm else {
            // A coefficient known only as digits: the numeral beside the power.
            return TableCell(plain, latex: "$" + (coefficient.latex.map { String($0.dropFirst().dropLast()) } ?? coefficient.plain)
                             + " " + LatexPrinter.print(power) + "$")
        }
        return TableCell(plain, math: closed.expression * power)
    }

    func confirmation(_ c: PhaseClassification) -> TableCell {
        guard c.regime != nil else { return TableCell("undecided: \(c.analysis)") }
        guard let confirmation = c.confirmation else { return "exact (identically zero)" }
        // Samples too imprecise to show the limit either way are no disagreement.
        if let problem = confirmation.problem { return TableCell((confirmation.disagreementIsCertain ? "no: " : "undecided: ") + problem) }
        let widths = confirmation.samples.map { LatexPrinter.print(.power(.number(10), .number(BigRational($0.powerOfTen)))) }
        let word = confirmation.comparedCoefficient ? "yes" : "exponent only"
        return TableCell("\(word) (" + confirmation.samplesText() + ")",
                         latex: "\(word) ($" + LatexPrinter.print(.symbol(model.width)) + " = " + widths.joined(separator: ", ") + "$)")
    }
}
