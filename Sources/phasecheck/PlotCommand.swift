import ArgumentParser
import Foundation
import PhasecheckFormat
import PhasecheckReports
import PhasecheckVerify

struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Draw quantities along the flow (--at) and the iteration (--steps) as an SVG line plot, several scenarios in one figure.",
        discussion: """
        Only certified values are drawn: a value whose digits could not be certified is left out (the line \
        breaks there) and counted under the plot; an iteration that certainly diverged is drawn up to its \
        last step, and its legend says so. With both --at and --steps, iterates are markers over the flow's \
        line, step n at t = n (gradient descent with the `train` rates is the Euler scheme of the flow with \
        step 1).
        """
    )

    @Argument(help: "A derivation file.")
    var file: String

    @Argument(help: "Scalar quantities to draw: states or `let`s of the file (`zeta`, `a`).")
    var quantities: [String]

    @OptionGroup var samples: SampleOptions

    @OptionGroup var options: ModelOptions

    @OptionGroup var budget: BudgetOptions

    @Option(help: "closed or integrate: how the flow is computed (default: the closed form where the file has one).")
    var method: Solver.Method?

    @Option(name: .customLong("scenario"), help: "A scenario to draw (repeatable; 'all' for every scenario of the file; default: the file's own values).")
    var scenarios: [String] = []

    @ArgumentParser.Flag(help: "A logarithmic y axis (values <= 0 are left out and counted).")
    var logY = false

    @Option(parsing: .unconditional, help: "LOW:HIGH: the y values shown (others are left out and counted under the plot), e.g. 1e-9:1.")
    var yRange: String?

    @Option(help: "Write the SVG to this file (through a temporary file renamed at the end) instead of standard output.")
    var out: String?

    @Option(help: "With --out: a PDF beside the SVG (auto: when a converter is installed; always; never).")
    var pdf: PDFChoice = .auto

    func run() throws {
        let digits = try options.checkedDigits(1...2000)
        let times = try samples.times(), steps = try samples.stepNumbers()
        guard times != nil || steps != nil else { throw UserError("expected --at TIMES (the flow), --steps STEPS (the iteration), or both") }
        let checked = try loadDerivation(file)
        let derivation = checked.derivation
        try options.checkNames(in: derivation)
        let display = DisplayNames(derivation.widthLimit.displayNames)
        let scenarioNames = try chosenScenarios(derivation)
        var series: [LinePlot.Series] = []
        var omitted = 0, beyondRange = 0
        var widths = Set<Int>()
        for (si, scenario) in scenarioNames.enumerated() {
            let overrides = try options.overrides()
            let model: Model
            do { model = try checked.model(scenario: scenario, overrides: overrides) } catch { throw UserError(error.description) }
            widths.insert(model.width)
            let computeBudget = try budget.budget()
            let solver = method.map { Solver(model: model, digits: digits, method: $0, budget: computeBudget) }
                ?? Solver.defaultSolver(for: model, digits: digits, budget: computeBudget)
            let flowRows: [Solver.Row]?, stepRows: [Solver.Row]?
            var timeValues: [Double] = []
            do {
                if let times {
                    do { timeValues = try solver.checkTimes(times) } catch { throw UserError("--at: \(error)") }
                    if let (time, _) = zip(times, timeValues).first(where: { !LinePlot.isDrawable($0.1) }) {
                        throw UserError("--at: `\(time)` is beyond what a plot can draw (times of magnitude 1e-300 to 1e300, or 0)")
                    }
                }
                flowRows = try times.map { try solver.rows(at: $0) }
                stepRows = try steps.map { try solver.rows(atSteps: $0) }
            } catch let error as DerivationError {
                throw UserError(error.description)
            } catch let error as UserError {
                throw error
            } catch let error as Solver.ClosedFormError {
                throw UserError("\(error)\nhint: plot it with --method integrate (the default where the closed form does not solve the flow)",
                                status: ExitStatus.failed)
            } catch {
                throw UserError("\(file)\(scenario.map { " (scenario \($0))" } ?? ""): \(error)", status: ExitStatus.failed)
            }
            for (qi, quantity) in quantities.enumerated() {
                // The y axis names a lone quantity; the legend names what differs between series.
                var label = scenario.map { display.runs(word: $0) } ?? []
                if quantities.count > 1 || label.isEmpty { label += (label.isEmpty ? [] : [TextRun(": ")]) + display.runs(symbol: quantity) }
                let colour = si * quantities.count + qi
                if let flowRows {
                    let (points, left, huge) = try Self.points(of: quantity, in: flowRows, at: timeValues, solver: solver, alongFlow: true)
                    omitted += left
                    beyondRange += huge
                    series.append(LinePlot.Series(label: label + [TextRun(steps == nil ? "" : " (flow)")], points: points, mark: .line, colour: colour))
                }
                if let stepRows {
                    let (points, left, huge) = try Self.points(of: quantity, in: stepRows, at: steps!.map(Double.init), solver: solver, alongFlow: false)
                    omitted += left
                    beyondRange += huge
                    var text = times == nil ? "" : " (iterates)"
                    if let k = stepRows.firstIndex(where: { $0.quantities.contains { $0.values == [.diverged] } }) {
                        text += ", diverges before step \(stepRows[k].time)"
                    }
                    series.append(LinePlot.Series(label: label + [TextRun(text)], points: points, mark: .markers, colour: colour))
                }
            }
        }
        var plot = LinePlot(title: [TextRun(derivation.title ?? file)], xLabel: [TextRun(times == nil ? "step" : steps == nil ? "t" : "t (step n at t = n)")],
                            yLabel: quantities.count == 1 ? display.runs(symbol: quantities[0]) : [], logY: logY, yRange: try parseYRange(),
                            series: series)
        let unresolved = plot.unresolved
        var note = (widths.count == 1 && widths.first! > 1 ? "width d = \(widths.first!), " : "") + "values certified to \(digits) digits"
        if omitted + unresolved > 0 { note += "; \(omitted + unresolved) uncertified value\(omitted + unresolved == 1 ? "" : "s") left out" }
        if beyondRange > 0 { note += "; \(beyondRange) value\(beyondRange == 1 ? "" : "s") of magnitude below 1e-300 or above 1e300 left out" }
        if logY { note += "; values <= 0 left out" }
        if plot.offScale > 0 { note += "; \(plot.offScale) value\(plot.offScale == 1 ? "" : "s") outside the y range left out" }
        plot.note = note
        let output = try Output(path: out)
        do {
            try output.write(plot.render())
            try output.commit()
        } catch {
            output.discard()
            throw error
        }
        if let out { try PDFConversion.convert(out, pdf) }
        if omitted + unresolved > 0 {
            FileHandle.standardError.write(Data("phasecheck: \(omitted + unresolved) value\(omitted + unresolved == 1 ? "" : "s") could not be certified to \(digits) digits and \(omitted + unresolved == 1 ? "is" : "are") not drawn\n".utf8))
        }
    }

    func parseYRange() throws -> ClosedRange<Double>? {
        guard let yRange else { return nil }
        let parts = yRange.split(separator: ":", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let low = parts[0], let high = parts[1], low.isFinite, high.isFinite, low < high else {
            throw UserError("--y-range \(yRange): expected LOW:HIGH with LOW < HIGH (1e-9:1, -0.5:2)")
        }
        if logY && low <= 0 { throw UserError("--y-range \(yRange): a log axis needs LOW > 0") }
        return low...high
    }

    /// The scenarios to draw in order: nil is the file's own values; `all` every scenario in file order.
    func chosenScenarios(_ derivation: Derivation) throws -> [String?] {
        if scenarios.isEmpty { return [nil] }
        if scenarios == ["all"] {
            let all = derivation.scenarios.values.sorted { ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column) }.map(\.name)
            guard !all.isEmpty else { throw UserError("--scenario all: \(file) has no scenarios") }
            return all
        }
        return scenarios
    }

    /// A quantity's points (`LinePlot.points`); a quantity that cannot be drawn is the user's mistake.
    static func points(of name: String, in rows: [Solver.Row], at xs: [Double], solver: Solver,
                       alongFlow: Bool) throws -> (points: [LinePlot.Point], uncertified: Int, beyond: Int) {
        do { return try LinePlot.points(of: name, in: rows, at: xs, solver: solver, alongFlow: alongFlow) } catch let error as LinePlot.QuantityError {
            throw UserError(error.description)
        }
    }
}
