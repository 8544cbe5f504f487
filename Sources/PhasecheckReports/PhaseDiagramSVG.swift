import PhasecheckFormat
import PhasecheckVerify
import Foundation
import PhasecheckNumbers

/// A phase sweep drawn as plain SVG: cells coloured by the region found, the claimed region boundaries as
/// thick lines between neighbouring cells whose claimed regions differ, disagreements (and undecided points) as red crosses,
/// axes labelled with the exponents' display names and tick values, and a legend. Two varying exponents
/// give one panel; a third gives small multiples, one panel per value of the third, so that the whole
/// diagram is seen at once. The cell size adapts to the grid (large for a coarse grid, small for a fine one).
struct PhaseDiagram {
    let sweep: PhaseSweep
    let display: DisplayNames
    let x: GridAxis
    let y: GridAxis
    /// The exponent that varies from panel to panel (nil: one panel).
    let panel: GridAxis?
    let xValues: [BigRational]
    let yValues: [BigRational]
    let panelValues: [BigRational]
    /// Per panel, per cell (x index, y index): found region, claimed region, agreement.
    var cells: [[[(found: String?, claimed: String?, agrees: Bool)?]]]

    static let palette = ["#6baed6", "#74c476", "#fd8d3c", "#9e9ac8", "#fdd0a2"]
    static let undecidedColour = "#bdbdbd"
    /// The most panels one figure holds; beyond, the grid is too coarse a summary to read.
    static let maximumPanels = 36

    init(sweep: PhaseSweep) throws {
        let varying = sweep.grid.varyingAxes
        guard varying.count == 2 || varying.count == 3 else {
            throw SweepError("an SVG phase diagram needs two exponents with more than one value (or three, drawn as one panel per value of the third), found \(varying.count)"
                             + (varying.isEmpty ? "" : " (\(varying.map(\.name).joined(separator: ", ")))")
                             + "; fix the others with --fix NAME=VALUE or narrow them with --grid")
        }
        self.sweep = sweep
        display = DisplayNames(sweep.model.section.displayNames)
        (x, y) = (varying[0], varying[1])
        panel = varying.count == 3 ? varying[2] : nil
        (xValues, yValues) = (x.values, y.values)
        panelValues = panel?.values ?? [0]
        guard panelValues.count <= Self.maximumPanels else {
            throw SweepError("an SVG phase diagram draws at most \(Self.maximumPanels) panels, and \(panel!.name) takes \(panelValues.count) values; take a larger step for it with --grid \(panel!.name)=FROM:TO:STEP, or fix it")
        }
        cells = Array(repeating: Array(repeating: Array(repeating: nil, count: yValues.count), count: xValues.count), count: panelValues.count)
    }

    mutating func add(_ row: PhaseRow) {
        func index(_ axis: GridAxis, _ values: [BigRational]) -> Int {
            values.firstIndex(of: row.coordinates[sweep.grid.names.firstIndex(of: axis.name)!])!
        }
        let k = panel.map { index($0, panelValues) } ?? 0
        cells[k][index(x, xValues)][index(y, yValues)] = (row.found, row.predicted, row.agrees)
    }

    func colour(_ region: String?) -> String {
        guard let region, let k = sweep.regionNames.firstIndex(of: region) else { return Self.undecidedColour }
        return Self.palette[k % Self.palette.count]
    }

    /// Pixels per cell: about 360 px for the longer side of one panel (200 px per panel in small
    /// multiples), between 6 and 40.
    var cellSize: Int {
        let side = panel == nil ? 360 : 200
        return min(40, max(6, side / max(xValues.count, yValues.count)))
    }

    func label(_ name: String, _ value: BigRational) -> [TextRun] { display.runs(symbol: name) + [TextRun(" = \(value)")] }

    func render(_ summary: PhaseSummary) -> String {
        let c = cellSize, nx = xValues.count, ny = yValues.count
        let plotWidth = nx * c, plotHeight = ny * c
        let tickFont = c >= 14 ? 12 : 10
        let yTickWidth = Int((yValues.map { SVGDocument.width([TextRun($0.description)], size: tickFont) }.max() ?? 0).rounded(.up))
        // One panel: its left margin holds the y ticks and the y label; its bottom the x ticks and label.
        let panelLeft = yTickWidth + 34, panelTop = panel == nil ? 0 : 22, panelBottom = 46
        let panelWidth = panelLeft + plotWidth + 24, panelHeight = panelTop + plotHeight + panelBottom
        let columns = panel == nil ? 1 : min(panelValues.count, Int(Double(panelValues.count).squareRoot().rounded(.up)))
        let rows = (panelValues.count + columns - 1) / columns
        let fixed = zip(sweep.grid.names, sweep.grid.coordinates(at: 0))
            .filter { name, _ in ![x.name, y.name, panel?.name].contains(name) }
        var title = display.runs(symbol: sweep.classification.quantity) + [TextRun(": regions found")]
        for (i, (name, value)) in fixed.enumerated() { title += [TextRun(i == 0 ? " at " : ", ")] + label(name, value) }
        let legendEntries = sweep.regionNames.map { (display.runs(word: $0), colour($0)) }
            + (summary.found["undecided"] != nil ? [([TextRun("undecided")], Self.undecidedColour)] : [])
        let legendWidth = 40 + Int((legendEntries.map { SVGDocument.width($0.0) }.max() ?? 0).rounded(.up))
        let figureLeft = 10, figureTop = 44
        let gridWidth = columns * panelWidth
        let width = max(figureLeft + gridWidth + max(legendWidth, 190) + 10, figureLeft + Int(SVGDocument.width(title, size: 14)) + 20)
        let height = max(figureTop + rows * panelHeight + 10, figureTop + 24 * (legendEntries.count + 2) + 10)
        var svg = SVGDocument(width: width, height: height)
        svg.text(title, x: Double(figureLeft), y: 24, size: 14)
        for (k, value) in panelValues.enumerated() {
            let originX = figureLeft + (k % columns) * panelWidth + panelLeft
            let originY = figureTop + (k / columns) * panelHeight + panelTop
            drawPanel(&svg, k, title: panel.map { label($0.name, value) }, originX: originX, originY: originY, tickFont: tickFont)
        }
        drawLegend(&svg, legendEntries, x: figureLeft + gridWidth + 10, y: figureTop,
                   crossed: (summary.undecided > 0 ? "disagreement or undecided" : "disagreement") + " (\(summary.disagreements.count))")
        return svg.finished()
    }

    func drawPanel(_ svg: inout SVGDocument, _ k: Int, title: [TextRun]?, originX: Int, originY: Int, tickFont: Int) {
        let c = cellSize, nx = xValues.count, ny = yValues.count
        let cells = self.cells[k]
        func px(_ i: Int) -> Int { originX + i * c }
        func py(_ j: Int) -> Int { originY + (ny - j) * c }  // j = 0 at the bottom
        svg.open(group: "panel-\(k + 1)")
        if let title { svg.text(title, x: Double(originX + nx * c / 2), y: Double(originY - 8), anchor: "middle") }
        svg.open(group: "cells-\(k + 1)", "stroke=\"white\" stroke-width=\"\(c >= 12 ? "0.5" : "0.25")\"")
        for i in 0..<nx { for j in 0..<ny {
            svg.raw("<rect x=\"\(px(i))\" y=\"\(py(j + 1))\" width=\"\(c)\" height=\"\(c)\" fill=\"\(colour(cells[i][j]?.found))\"/>")
        } }
        svg.close()
        svg.open(group: "claimed-boundaries-\(k + 1)", "stroke=\"black\" stroke-width=\"\(c >= 12 ? "2.5" : "1.5")\" stroke-linecap=\"square\"")
        for i in 0..<nx { for j in 0..<ny {
            if i + 1 < nx, cells[i][j]?.claimed != cells[i + 1][j]?.claimed {
                svg.raw("<line x1=\"\(px(i + 1))\" y1=\"\(py(j))\" x2=\"\(px(i + 1))\" y2=\"\(py(j + 1))\"/>")
            }
            if j + 1 < ny, cells[i][j]?.claimed != cells[i][j + 1]?.claimed {
                svg.raw("<line x1=\"\(px(i))\" y1=\"\(py(j + 1))\" x2=\"\(px(i + 1))\" y2=\"\(py(j + 1))\"/>")
            }
        } }
        svg.close()
        svg.open(group: "disagreements-\(k + 1)", "stroke=\"#d7191c\" stroke-width=\"\(c >= 12 ? 3 : 1.5)\"")
        let inset = c / 5
        for i in 0..<nx { for j in 0..<ny where cells[i][j]?.agrees == false {
            let (x0, y0, x1, y1) = (px(i) + inset, py(j + 1) + inset, px(i + 1) - inset, py(j) - inset)
            svg.raw("<path d=\"M\(x0) \(y0) L\(x1) \(y1) M\(x0) \(y1) L\(x1) \(y0)\"/>")
        } }
        svg.close()
        svg.open(group: "axes-\(k + 1)")
        svg.raw("<rect x=\"\(originX)\" y=\"\(originY)\" width=\"\(nx * c)\" height=\"\(ny * c)\" fill=\"none\" stroke=\"#333\"/>")
        // Tick labels no closer than about 36 px (x) and 16 px (y).
        let xStep = max(1, Int((36.0 / Double(c)).rounded(.up))), yStep = max(1, Int((16.0 / Double(c)).rounded(.up)))
        for i in stride(from: 0, to: nx, by: xStep) {
            let cx = px(i) + c / 2
            svg.raw("<line x1=\"\(cx)\" y1=\"\(py(0))\" x2=\"\(cx)\" y2=\"\(py(0) + 4)\" stroke=\"#333\"/>")
            svg.text(xValues[i].description, x: Double(cx), y: Double(py(0) + 16), size: tickFont, anchor: "middle")
        }
        for j in stride(from: 0, to: ny, by: yStep) {
            let cy = py(j + 1) + c / 2
            svg.raw("<line x1=\"\(originX - 4)\" y1=\"\(cy)\" x2=\"\(originX)\" y2=\"\(cy)\" stroke=\"#333\"/>")
            svg.text(yValues[j].description, x: Double(originX - 7), y: Double(cy + 4), size: tickFont, anchor: "end")
        }
        svg.text(display.runs(symbol: x.name), x: Double(originX + nx * c / 2), y: Double(py(0) + 36), size: 14, anchor: "middle")
        let yLabelX = Double(originX) - Double(Int((yValues.map { SVGDocument.width([TextRun($0.description)], size: tickFont) }.max() ?? 0).rounded(.up))) - 16
        svg.text(display.runs(symbol: y.name), x: yLabelX, y: Double(originY + ny * c / 2), size: 14, anchor: "middle", vertical: true)
        svg.close()
        svg.close()
    }

    /// - Parameter crossed: what the red crosses mark, with their count.
    func drawLegend(_ svg: inout SVGDocument, _ entries: [([TextRun], String)], x lx: Int, y top: Int, crossed: String) {
        svg.open(group: "legend")
        var ly = top
        for (name, fill) in entries {
            svg.raw("<rect x=\"\(lx)\" y=\"\(ly)\" width=\"16\" height=\"16\" fill=\"\(fill)\"/>")
            svg.text(name, x: Double(lx + 24), y: Double(ly + 13))
            ly += 24
        }
        svg.raw("<line x1=\"\(lx)\" y1=\"\(ly + 8)\" x2=\"\(lx + 16)\" y2=\"\(ly + 8)\" stroke=\"black\" stroke-width=\"2.5\"/>")
        svg.text("claimed boundary", x: Double(lx + 24), y: Double(ly + 13))
        ly += 24
        svg.raw("<path d=\"M\(lx + 2) \(ly + 2) L\(lx + 14) \(ly + 14) M\(lx + 2) \(ly + 14) L\(lx + 14) \(ly + 2)\" stroke=\"#d7191c\" stroke-width=\"3\"/>")
        svg.text(crossed, x: Double(lx + 24), y: Double(ly + 13))
        svg.close()
    }
}
