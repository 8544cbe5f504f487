import PhasecheckFormat
import PhasecheckVerify
import PhasecheckAsymptotics
import PhasecheckExpressions

/// `phasecheck table`: the limit table rendered with `TableWriter`.
extension LimitTable {
    public static let formats = OutputFormat.tables

    /// The table in one of `formats`.
    public func render(_ format: OutputFormat) -> String {
        let columns = ["parameterization"] + hyperparameters.map(TableCell.init(symbol:))
            + [TableCell("limit of \(classification.quantity)"), "order", "regime", "flags", "confirmed"]
        let scaling = Dictionary(model.section.scalings.map { ($0.name, $0.expr) }, uniquingKeysWith: { a, _ in a })
        let body = rows.map { row in
            let assigned = Dictionary(row.parameterization.assignments.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
            let c = row.classification
            var cells = [TableCell(row.parameterization.name)] + hyperparameters.map { TableCell(math: assigned[$0] ?? scaling[$0]!) }
            cells.append(PhasePrinter.limitCell(c))
            cells.append(c.leading.flatMap { $0.exponent.isZero ? nil : order($0) } ?? "-")
            cells.append(TableCell(row.region ?? c.regime?.word ?? "?"))
            let raised = row.flags.filter { $0.raised == true }.map(\.name) + row.flags.filter { $0.raised == nil }.map { "\($0.name)?" }
            cells.append(TableCell(raised.isEmpty ? "none" : raised.joined(separator: ", ")))
            cells.append(TableCell(confirmation(c)))
            return cells
        }
        let writer = TableWriter(columns: columns, format: format, minimumWidths: columns.indices.map { i in body.map { $0[i].plain.count }.max() ?? 0 })
        return writer.header() + body.map(writer.row).joined() + writer.footer()
    }

    /// `3/8 d^-1`: the leading term when the limit is 0 or infinite.
    func order(_ leading: LeadingBehavior) -> TableCell {
        var coefficient = PhasePrinter.coefficientCell(leading).plain
        if coefficient.dropFirst().contains(where: { $0 == " " }) { coefficient = "(\(coefficient))" }
        return TableCell(formula: "\(coefficient) \(model.width)^\(leading.exponent)")
    }

    func confirmation(_ c: PhaseClassification) -> String {
        guard c.regime != nil else { return "no: \(c.analysis)" }
        guard let confirmation = c.confirmation else { return "exact (identically zero)" }
        if let problem = confirmation.problem { return "no: \(problem)" }
        return "yes (d = 10^" + confirmation.samples.map { String($0.powerOfTen) }.joined(separator: ", 10^") + ")"
    }
}
