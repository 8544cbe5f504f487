import PhasecheckFormat
import PhasecheckVerify
import Foundation
import PhasecheckExpressions
import PhasecheckNumbers

/// One table cell: its plain text, and its LaTeX when that differs (math mode, with the `$`).
public struct TableCell: Sendable, ExpressibleByStringLiteral {
    /// The text as data (CSV keeps the derivation's names).
    public var plain: String
    /// What text and Markdown show in its place: a declared display name read into Unicode (`ζ_∞`).
    public var shown: String?
    /// The cell's LaTeX (math with its `$`, or text), when it differs from the escaped plain text.
    public var latex: String?

    public init(_ plain: String, latex: String? = nil, shown: String? = nil) {
        self.plain = plain
        self.latex = latex
        self.shown = shown
    }

    public init(stringLiteral value: String) { self.init(value) }

    /// An expression as the file writes it: plain text, and LaTeX math from `LatexPrinter` (decimals as written).
    public init(math e: Expr) { self.init(e.description, latex: "$" + LatexPrinter.print(e) + "$") }

    /// An exact value (an exponent, a grid coordinate): `-1/2`, in LaTeX an inline fraction.
    public init(math q: BigRational) { self.init(q.description, math: .number(q)) }

    /// A computed expression (a closed form, a leading term) with its plain text: LaTeX math from
    /// `LatexPrinter` with inline fractions (`\sqrt{5/4} - 1`, `\tfrac{3}{8} d^{-1}`), one line high in a table.
    public init(_ plain: String, math e: Expr) {
        self.init(plain, latex: "$" + LatexPrinter.print(e, rationals: .inlineFractions) + "$")
    }

    /// A decimal numeral as the numbers module formats it (`-2.000000`, `1.5e-7`): in LaTeX math, so its
    /// minus is a minus sign, with an exponent as `\times 10^{-7}`; `nan` and `inf` stay text.
    public init(numeral text: String) {
        let parts = text.split(separator: "e", maxSplits: 1)
        let exponent = parts.count == 2 ? Int(parts[1]) : nil
        guard let mantissa = parts.first, mantissa.last?.isNumber == true, parts.count == 1 || exponent != nil else {
            self.init(text)
            return
        }
        let power = exponent.map { " \\times " + LatexPrinter.print(.power(.number(10), .number(BigRational($0)))) } ?? ""
        self.init(text, latex: "$" + mantissa + power + "$")
    }

    /// What text and Markdown show.
    public var text: String { shown ?? plain }

    /// A name used as a word (`feature_learning`, `mean_field`): in LaTeX its display name from the file,
    /// else the name with its underscores as spaces.
    /// Text and Markdown show the declared display read into Unicode.
    public init(word name: String, display: [String: String] = [:]) {
        self.init(name, latex: display[name] ?? TableWriter.latexEscaped(name.replacingOccurrences(of: "_", with: " ")))
        shown = display[name].map { LatexText.plain(LatexText.runs($0)) }
    }

    /// A name typeset as a symbol: its display name from the file (math), else by `LatexPrinter`
    /// (`sigma_u` as `\sigma_{u}`); text and Markdown show a declared display read into Unicode (`ζ_∞`).
    public init(symbol name: String, display: [String: String]) {
        let names = DisplayNames(display)
        self.init(name, latex: "$" + names.latex(symbol: name) + "$")
        if display[name] != nil { shown = names.plain(symbol: name) }
    }

    /// A name such as `e_Gamma`, typeset as a symbol (`$e_{\Gamma}$`).
    public init(symbol name: String) { self.init(name, latex: "$" + LatexPrinter.print(.symbol(name)) + "$") }
}

/// Writes a table one row at a time (nothing is held), so that a sweep streams.
///
/// Text pads every column to a fixed width (the header's, at least `minimumWidth`; longer cells push the
/// line); Markdown escapes `|`; LaTeX uses booktabs (`\toprule`, `\midrule`, `\bottomrule`) and escapes
/// text cells; CSV quotes cells with commas, quotes or newlines (RFC 4180).
public struct TableWriter: Sendable {
    public let columns: [TableCell]
    public let format: OutputFormat
    let widths: [Int]

    /// - Parameter format: one of `OutputFormat.tables`.
    public init(columns: [TableCell], format: OutputFormat, minimumWidths: [Int]? = nil) {
        precondition(OutputFormat.tables.contains(format), "tables are \(OutputFormat.tables)")
        self.columns = columns
        self.format = format
        widths = columns.indices.map { Swift.max(columns[$0].text.count, minimumWidths?[$0] ?? 0) }
    }

    public func header() -> String {
        switch format {
        case .text:
            return line(columns.map(\.text)) + line(widths.map { String(repeating: "-", count: $0) })
        case .markdown:
            return markdownLine(columns.map(\.text)) + "|" + String(repeating: "---|", count: columns.count) + "\n"
        case .latex:
            // Compact for a paper's text width: no indent, 4pt between columns, none at the edges (booktabs style).
            return "\\noindent{\\setlength{\\tabcolsep}{4pt}%\n\\begin{tabular}{@{}" + String(repeating: "l", count: columns.count) + "@{}}\n\\toprule\n"
                + columns.map(Self.latexCell).joined(separator: " & ") + " \\\\\n\\midrule\n"
        case .csv:
            return columns.map { Self.csv($0.plain) }.joined(separator: ",") + "\n"
        default: preconditionFailure("not a table format")
        }
    }

    public func row(_ cells: [TableCell]) -> String {
        precondition(cells.count == columns.count, "one cell per column")
        switch format {
        case .text: return line(cells.map(\.text))
        case .markdown: return markdownLine(cells.map(\.text))
        case .latex: return cells.map(Self.latexCell).joined(separator: " & ") + " \\\\\n"
        case .csv: return cells.map { Self.csv($0.plain) }.joined(separator: ",") + "\n"
        default: preconditionFailure("not a table format")
        }
    }

    public func footer() -> String {
        format == .latex ? "\\bottomrule\n\\end{tabular}}\n" : ""
    }

    func line(_ cells: [String]) -> String {
        var out = ""
        for (i, cell) in cells.enumerated() {
            if i > 0 { out += "  " }
            out += i == cells.count - 1 ? cell : cell.padding(toLength: Swift.max(widths[i], cell.count), withPad: " ", startingAt: 0)
        }
        while out.hasSuffix(" ") { out.removeLast() }
        return out + "\n"
    }

    func markdownLine(_ cells: [String]) -> String {
        "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |\n"
    }

    /// A cell as LaTeX: its math, or its text escaped.
    public static func latexCell(_ cell: TableCell) -> String { cell.latex ?? latexEscaped(cell.plain) }

    /// Text with LaTeX's special characters escaped.
    public static func latexEscaped(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "\\": out += "\\textbackslash{}"
            case "_", "%", "&", "#", "$", "{", "}": out += "\\" + String(c)
            case "^": out += "\\^{}"
            case "~": out += "\\~{}"
            default: out.append(c)
            }
        }
        return out
    }

    static func csv(_ cell: String) -> String {
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
