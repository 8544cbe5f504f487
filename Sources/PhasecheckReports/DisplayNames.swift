import PhasecheckExpressions

/// A piece of typeset text: on the base line, lowered (subscript) or raised (superscript).
public struct TextRun: Sendable, Equatable {
    public enum Position: Sendable, Equatable { case base, sub, sup }
    public var text: String
    public var position: Position

    public init(_ text: String, _ position: Position = .base) {
        self.text = text
        self.position = position
    }
}

/// How reports show a derivation's names. The LaTeX comes from the file's `display` statements, or by
/// default from `LatexPrinter` (`sigma_u` as `\sigma_{u}`); text, Markdown and SVG read the same LaTeX
/// into Unicode runs (`σ` with a subscript `u`), so every format shows one name the same way.
public struct DisplayNames: Sendable {
    /// The file's `display NAME = "LaTeX"` statements.
    public let declared: [String: String]

    public init(_ declared: [String: String] = [:]) { self.declared = declared }

    /// A symbol as LaTeX math (without the `$`).
    public func latex(symbol name: String) -> String { declared[name] ?? LatexPrinter.print(.symbol(name)) }

    /// A symbol as runs: Greek letters, subscripts and superscripts typeset.
    public func runs(symbol name: String) -> [TextRun] { LatexText.runs(latex(symbol: name)) }

    /// A name used as a word (a region, a flag, a parameterization): its declared display, else the name
    /// with its underscores as spaces (`feature learning`).
    public func runs(word name: String) -> [TextRun] {
        declared[name].map(LatexText.runs) ?? [TextRun(name.replacingOccurrences(of: "_", with: " "))]
    }

    /// A symbol as one line of Unicode text (`σ_u`, `ζ_∞,typ`).
    public func plain(symbol name: String) -> String { LatexText.plain(runs(symbol: name)) }

    /// A symbol as plain text where the file declares a display name, else the name itself: for tables
    /// whose columns are also read by programs.
    public func plainIfDeclared(symbol name: String) -> String { declared[name] == nil ? name : plain(symbol: name) }
}

/// Reads the LaTeX of display names (Greek letters and common symbols, `_` and `^` with or without braces,
/// `\mathrm{...}`-style wrappers, `\,` spaces) into runs; an unknown command shows its name.
enum LatexText {
    static let symbols: [String: String] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε", "zeta": "ζ",
        "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν",
        "xi": "ξ", "pi": "π", "varpi": "ϖ", "rho": "ρ", "varrho": "ϱ", "sigma": "σ", "varsigma": "ς", "tau": "τ",
        "upsilon": "υ", "phi": "ϕ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
        "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ",
        "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
        "infty": "∞", "ell": "ℓ", "partial": "∂", "nabla": "∇", "hbar": "ℏ", "cdot": "·", "times": "×",
        "pm": "±", "mp": "∓", "to": "→", "rightarrow": "→", "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥",
        "neq": "≠", "approx": "≈", "sim": "∼", "propto": "∝", "ldots": "…", "cdots": "⋯", "prime": "′",
        "sqrt": "√", "star": "⋆", "ast": "∗", "circ": "∘", "langle": "⟨", "rangle": "⟩", "|": "‖",
        ",": " ", ";": " ", ":": " ", " ": " ", "quad": " ", "qquad": "  ", "_": "_", "%": "%", "&": "&",
        "#": "#", "$": "$", "{": "{", "}": "}",
    ]
    /// Commands whose braced argument is shown as it is (their styling is dropped).
    static let wrappers: Set<String> = ["mathrm", "mathit", "mathbf", "mathsf", "mathtt", "mathcal", "mathbb", "boldsymbol",
                                        "text", "textrm", "textit", "textbf", "operatorname", "mbox", "hat", "bar", "tilde",
                                        "vec", "dot", "ddot"]

    static func runs(_ latex: String) -> [TextRun] {
        var reader = Reader(characters: Array(latex))
        var out: [TextRun] = []
        reader.read(into: &out, position: .base, untilBrace: false)
        return merged(out)
    }

    /// Runs as one line: a subscript after `_`, a superscript after `^`.
    static func plain(_ runs: [TextRun]) -> String {
        runs.map { run in
            switch run.position {
            case .base: return run.text
            case .sub: return "_" + run.text
            case .sup: return "^" + run.text
            }
        }.joined()
    }

    /// Neighbouring runs of one position joined.
    static func merged(_ runs: [TextRun]) -> [TextRun] {
        var out: [TextRun] = []
        for run in runs where !run.text.isEmpty {
            if let last = out.last, last.position == run.position { out[out.count - 1].text += run.text } else { out.append(run) }
        }
        return out
    }

    struct Reader {
        let characters: [Character]
        var index = 0

        /// Reads to the end, or to the closing brace of the group being read.
        mutating func read(into out: inout [TextRun], position: TextRun.Position, untilBrace: Bool) {
            while index < characters.count {
                let c = characters[index]
                if c == "}" {
                    index += 1
                    if untilBrace { return }
                    continue
                }
                readItem(into: &out, position: position)
            }
        }

        /// One item: a group, a command, a script, or a character.
        mutating func readItem(into out: inout [TextRun], position: TextRun.Position) {
            let c = characters[index]
            index += 1
            switch c {
            case "{": read(into: &out, position: position, untilBrace: true)
            case "$": break
            case "~": out.append(TextRun(" ", position))
            case "_", "^":
                // Scripts of scripts stay at the first level: text runs have two heights only.
                let script: TextRun.Position = position != .base ? position : (c == "_" ? .sub : .sup)
                if index < characters.count { readItem(into: &out, position: script) }
            case "\\":
                let name = commandName()
                if Self.isWrapper(name) {
                    skipSpaces()
                    if index < characters.count { readItem(into: &out, position: position) }
                } else if name == "frac" || name == "tfrac" || name == "dfrac" {
                    readItem(into: &out, position: position)
                    out.append(TextRun("/", position))
                    if index < characters.count { readItem(into: &out, position: position) }
                } else {
                    out.append(TextRun(LatexText.symbols[name] ?? name, position))
                }
            default: out.append(TextRun(String(c), position))
            }
        }

        static func isWrapper(_ name: String) -> Bool { LatexText.wrappers.contains(name) }

        /// The letters after a backslash (or the one non-letter: `\,`); spaces after a word command are skipped.
        mutating func commandName() -> String {
            guard index < characters.count else { return "" }
            guard characters[index].isLetter else {
                index += 1
                return String(characters[index - 1])
            }
            var name = ""
            while index < characters.count, characters[index].isLetter {
                name.append(characters[index])
                index += 1
            }
            skipSpaces()
            return name
        }

        mutating func skipSpaces() {
            while index < characters.count, characters[index] == " " { index += 1 }
        }
    }
}
