import Foundation

/// Plain SVG written as text, the same bytes for the same figure: coordinates with at most two decimals,
/// attributes in a fixed order, no dates or random ids. Text is `TextRun`s, so that names show as their
/// display (Greek letters, subscripts).
struct SVGDocument {
    let width: Int
    let height: Int
    private(set) var body = ""

    static let fontSize = 12

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    mutating func raw(_ element: String) { body += element + "\n" }

    mutating func open(group id: String, _ attributes: String = "") {
        body += "<g id=\"\(id)\"" + (attributes.isEmpty ? "" : " " + attributes) + ">\n"
    }

    mutating func close() { body += "</g>\n" }

    /// Text at (x, y) (the base line), anchored `start`, `middle` or `end`, optionally turned a quarter
    /// counterclockwise about its anchor (a vertical axis label).
    mutating func text(_ runs: [TextRun], x: Double, y: Double, size: Int = fontSize, anchor: String = "start",
                       vertical: Bool = false, attributes: String = "") {
        var element = "<text x=\"\(Self.number(x))\" y=\"\(Self.number(y))\""
        if size != Self.fontSize { element += " font-size=\"\(size)\"" }
        if anchor != "start" { element += " text-anchor=\"\(anchor)\"" }
        if vertical { element += " transform=\"rotate(-90 \(Self.number(x)) \(Self.number(y)))\"" }
        if !attributes.isEmpty { element += " " + attributes }
        element += ">" + Self.tspans(runs, size: size) + "</text>"
        raw(element)
    }

    mutating func text(_ plain: String, x: Double, y: Double, size: Int = fontSize, anchor: String = "start",
                       vertical: Bool = false, attributes: String = "") {
        text([TextRun(plain)], x: x, y: y, size: size, anchor: anchor, vertical: vertical, attributes: attributes)
    }

    /// Runs as character data and `<tspan>`s: a script is smaller and shifted by `dy` (relative, so the
    /// next run shifts back), which every SVG renderer follows.
    static func tspans(_ runs: [TextRun], size: Int) -> String {
        let scriptSize = max(6, (size * 3 + 2) / 4)
        var out = "", shift = 0
        for (k, run) in runs.enumerated() {
            let target: Int
            switch run.position {
            case .base: target = 0
            case .sub: target = size * 3 / 10
            case .sup: target = -(size * 4 / 10)
            }
            if target == shift && run.position == .base {
                out += escaped(run.text)
            } else {
                // A space that opens a tspan would be collapsed away by some renderers: keep it unbreakable.
                let text = k > 0 && run.text.hasPrefix(" ") ? "\u{00A0}" + run.text.dropFirst() : run.text
                out += "<tspan dy=\"\(target - shift)\"" + (run.position == .base ? "" : " font-size=\"\(scriptSize)\"") + ">" + escaped(text) + "</tspan>"
            }
            shift = target
        }
        // Text after the element is not affected by dy, so no shift back is needed at the end.
        return out
    }

    /// An estimate of the width of runs (average glyph 0.6 em; scripts smaller), for layout.
    static func width(_ runs: [TextRun], size: Int = fontSize) -> Double {
        runs.reduce(0) { $0 + Double($1.text.count) * Double(size) * ($1.position == .base ? 0.6 : 0.45) }
    }

    static func escaped(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// A coordinate with at most two decimals and no trailing zeros (`12`, `12.5`, `-0.25`).
    static func number(_ x: Double) -> String {
        let rounded = (x * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        var text = String(format: "%.2f", rounded)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    func finished() -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" font-family="sans-serif" font-size="\(Self.fontSize)">
        <rect width="\(width)" height="\(height)" fill="white"/>

        """ + body + "</svg>\n"
    }
}
