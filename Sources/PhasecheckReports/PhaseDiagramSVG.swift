import PhasecheckFormat
import PhasecheckVerify
import Foundation
import PhasecheckNumbers

/// A two-exponent slice of a phase sweep drawn as plain SVG: cells coloured by the region found, the
/// claimed region boundaries as thick lines between neighbouring cells whose claimed regions differ,
/// disagreements as red crosses, axes labelled with the exponent names and tick values, and a legend.
struct PhaseDiagram {
    let sweep: PhaseSweep
    let x: GridAxis
    let y: GridAxis
    let xValues: [BigRational]
    let yValues: [BigRational]
    /// Per cell (x index, y index): found region, claimed region, agreement. Only this slice is kept.
    var cells: [[(found: String?, claimed: String?, agrees: Bool)?]]

    static let cell = 28
    static let left = 80, top = 50, legendWidth = 230, bottom = 60
    static let palette = ["#6baed6", "#74c476", "#fd8d3c", "#9e9ac8", "#fdd0a2"]
    static let undecidedColour = "#bdbdbd"

    init(sweep: PhaseSweep) throws {
        let varying = sweep.grid.varyingAxes
        guard varying.count == 2 else {
            throw SweepError("an SVG phase diagram needs exactly two exponents with more than one value, found \(varying.count)"
                             + (varying.isEmpty ? "" : " (\(varying.map(\.name).joined(separator: ", ")))")
                             + "; fix the others with --fix NAME=VALUE or narrow them with --grid")
        }
        self.sweep = sweep
        (x, y) = (varying[0], varying[1])
        (xValues, yValues) = (x.values, y.values)
        cells = Array(repeating: Array(repeating: nil, count: yValues.count), count: xValues.count)
    }

    mutating func add(_ row: PhaseRow) {
        let names = sweep.grid.names
        let i = xValues.firstIndex(of: row.coordinates[names.firstIndex(of: x.name)!])!
        let j = yValues.firstIndex(of: row.coordinates[names.firstIndex(of: y.name)!])!
        cells[i][j] = (row.found, row.predicted, row.agrees)
    }

    func colour(_ region: String?) -> String {
        guard let region, let k = sweep.regionNames.firstIndex(of: region) else { return Self.undecidedColour }
        return Self.palette[k % Self.palette.count]
    }

    func render(_ summary: PhaseSummary) -> String {
        let c = Self.cell, nx = xValues.count, ny = yValues.count
        let plotWidth = nx * c, plotHeight = ny * c
        let fixed = zip(sweep.grid.names, sweep.grid.coordinates(at: 0)).filter { $0.0 != x.name && $0.0 != y.name }
        let title = "\(sweep.classification.quantity): regions found" + (fixed.isEmpty ? "" : " at " + fixed.map { "\($0) = \($1)" }.joined(separator: ", "))
        let width = max(Self.left + plotWidth + Self.legendWidth, Self.left + title.count * 8 + 20), height = Self.top + plotHeight + Self.bottom
        func px(_ i: Int) -> Int { Self.left + i * c }
        func py(_ j: Int) -> Int { Self.top + (ny - j) * c }  // j = 0 at the bottom
        func esc(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        }
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" font-family="sans-serif" font-size="12">
        <rect width="\(width)" height="\(height)" fill="white"/>

        """
        out += "<text x=\"\(Self.left)\" y=\"\(Self.top - 20)\" font-size=\"14\">\(esc(title))</text>\n"
        out += "<g id=\"cells\" stroke=\"white\" stroke-width=\"0.5\">\n"
        for i in 0..<nx { for j in 0..<ny {
            out += "<rect x=\"\(px(i))\" y=\"\(py(j + 1))\" width=\"\(c)\" height=\"\(c)\" fill=\"\(colour(cells[i][j]?.found))\"/>\n"
        } }
        out += "</g>\n<g id=\"claimed-boundaries\" stroke=\"black\" stroke-width=\"2.5\" stroke-linecap=\"square\">\n"
        for i in 0..<nx { for j in 0..<ny {
            if i + 1 < nx, cells[i][j]?.claimed != cells[i + 1][j]?.claimed {
                out += "<line x1=\"\(px(i + 1))\" y1=\"\(py(j))\" x2=\"\(px(i + 1))\" y2=\"\(py(j + 1))\"/>\n"
            }
            if j + 1 < ny, cells[i][j]?.claimed != cells[i][j + 1]?.claimed {
                out += "<line x1=\"\(px(i))\" y1=\"\(py(j + 1))\" x2=\"\(px(i + 1))\" y2=\"\(py(j + 1))\"/>\n"
            }
        } }
        out += "</g>\n<g id=\"disagreements\" stroke=\"#d7191c\" stroke-width=\"3\">\n"
        for i in 0..<nx { for j in 0..<ny where cells[i][j]?.agrees == false {
            let (x0, y0, x1, y1) = (px(i) + 6, py(j + 1) + 6, px(i + 1) - 6, py(j) - 6)
            out += "<path d=\"M\(x0) \(y0) L\(x1) \(y1) M\(x0) \(y1) L\(x1) \(y0)\"/>\n"
        } }
        out += "</g>\n<g id=\"axes\">\n"
        out += "<rect x=\"\(Self.left)\" y=\"\(Self.top)\" width=\"\(plotWidth)\" height=\"\(plotHeight)\" fill=\"none\" stroke=\"#333\"/>\n"
        let xStep = max(1, (nx + 12) / 13), yStep = max(1, (ny + 12) / 13)
        for i in stride(from: 0, to: nx, by: xStep) {
            let cx = px(i) + c / 2
            out += "<line x1=\"\(cx)\" y1=\"\(py(0))\" x2=\"\(cx)\" y2=\"\(py(0) + 4)\" stroke=\"#333\"/>"
            out += "<text x=\"\(cx)\" y=\"\(py(0) + 18)\" text-anchor=\"middle\">\(xValues[i])</text>\n"
        }
        for j in stride(from: 0, to: ny, by: yStep) {
            let cy = py(j + 1) + c / 2
            out += "<line x1=\"\(Self.left - 4)\" y1=\"\(cy)\" x2=\"\(Self.left)\" y2=\"\(cy)\" stroke=\"#333\"/>"
            out += "<text x=\"\(Self.left - 8)\" y=\"\(cy + 4)\" text-anchor=\"end\">\(yValues[j])</text>\n"
        }
        out += "<text x=\"\(Self.left + plotWidth / 2)\" y=\"\(py(0) + 42)\" text-anchor=\"middle\" font-size=\"14\">\(esc(x.name))</text>\n"
        let yMid = Self.top + plotHeight / 2
        out += "<text x=\"\(Self.left - 50)\" y=\"\(yMid)\" text-anchor=\"middle\" font-size=\"14\" transform=\"rotate(-90 \(Self.left - 50) \(yMid))\">\(esc(y.name))</text>\n"
        out += "</g>\n<g id=\"legend\">\n"
        let lx = Self.left + plotWidth + 20
        var ly = Self.top
        let entries = sweep.regionNames.map { ($0, colour($0)) } + (summary.found["undecided"] != nil ? [("undecided", Self.undecidedColour)] : [])
        for (name, fill) in entries {
            out += "<rect x=\"\(lx)\" y=\"\(ly)\" width=\"16\" height=\"16\" fill=\"\(fill)\"/><text x=\"\(lx + 24)\" y=\"\(ly + 13)\">\(esc(name))</text>\n"
            ly += 24
        }
        out += "<line x1=\"\(lx)\" y1=\"\(ly + 8)\" x2=\"\(lx + 16)\" y2=\"\(ly + 8)\" stroke=\"black\" stroke-width=\"2.5\"/><text x=\"\(lx + 24)\" y=\"\(ly + 13)\">claimed boundary</text>\n"
        ly += 24
        out += "<path d=\"M\(lx + 2) \(ly + 2) L\(lx + 14) \(ly + 14) M\(lx + 2) \(ly + 14) L\(lx + 14) \(ly + 2)\" stroke=\"#d7191c\" stroke-width=\"3\"/><text x=\"\(lx + 24)\" y=\"\(ly + 13)\">disagreement (\(summary.disagreements.count))</text>\n"
        out += "</g>\n</svg>\n"
        return out
    }
}
