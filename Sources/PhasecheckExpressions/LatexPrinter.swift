import PhasecheckNumbers

/// Prints an expression as LaTeX math (no surrounding `$`).
///
/// Quotients become `\frac`, powers `^{...}`, `sqrt` and `cbrt` radicals, `abs` bars, `norm` double bars and
/// `dot` angle brackets; other functions use `\sin`-style commands where LaTeX has them and `\operatorname`
/// otherwise. Products juxtapose a number and a letter (`2 x`) and use `\cdot` elsewhere. Names map Greek
/// letters (`eta_u` -> `\eta_{u}`), put trailing digits and text after `_` in subscripts (`u0` -> `u_{0}`),
/// and set other multi-letter names upright (`Kinf` -> `\mathrm{Kinf}`). Parentheses appear exactly where
/// the tree's structure needs them, as in `PlainPrinter` (and, like it, iteratively through `Layout`).
public enum LatexPrinter {
    public static func print(_ e: Expr) -> String {
        Layout.write(e, open: open, close: close) { layout($0) }
    }

    typealias Precedence = PlainPrinter.Precedence
    typealias Piece = Layout.Piece
    static let open = "\\left(", close = "\\right)"

    /// How one node prints: its binding strength and its pieces (see `Layout`).
    static func layout(_ e: Expr) -> (precedence: Precedence, pieces: [Piece]) {
        func call(_ command: String, _ arguments: [Expr]) -> (Precedence, [Piece]) {
            (.atom, Layout.call(command + open, arguments, separator: ", ", close: close))
        }
        func enclosed(_ left: String, _ argument: Expr, _ right: String) -> [Piece] {
            [.text(left), .node(argument, .sum), .text(right)]
        }
        let args = e.arguments
        switch e.kind {
        case .number(let q):
            let (text, precedence) = number(q)
            return (precedence, [.text(text)])
        case .symbol(let name):
            return (.atom, [.text(symbol(name))])
        case .add:
            return (.sum, [.node(args[0], .sum), .text(" + "), .node(args[1], .product)])
        case .subtract:
            return (.sum, [.node(args[0], .sum), .text(" - "), .node(args[1], .product)])
        case .multiply:
            // Juxtapose a number and what starts with a letter or a command (`2 x`, `2 \\sin`), not a fraction.
            let right = Layout.leadingText(args[1], at: .unary, open: open) { layout($0) }
            let juxtapose = args[0].numberValue != nil && right.first.map { $0.isLetter || $0 == "\\" } == true
                && !right.hasPrefix("\\frac")
            return (.product, [.node(args[0], .product), .text(juxtapose ? " " : " \\cdot "), .node(args[1], .unary)])
        case .divide:
            return (.power, [.text("\\frac{"), .node(args[0], .sum), .text("}{"), .node(args[1], .sum), .text("}")])
        case .negate:
            return (.unary, [.text("-"), .node(args[0], .unary)])
        case .power, .binaryFunction(.pow):
            return (.power, [.node(args[0], .atom), .text("^{"), .node(args[1], .sum), .text("}")])
        case .function(.sqrt):
            return (.atom, enclosed("\\sqrt{", args[0], "}"))
        case .function(.cbrt):
            return (.atom, enclosed("\\sqrt[3]{", args[0], "}"))
        case .function(.abs):
            return (.atom, enclosed("\\left|", args[0], "\\right|"))
        case .function(let f):
            return call(command(f), args)
        case .binaryFunction(let f):
            return call(f == .min || f == .max ? "\\" + f.rawValue : "\\operatorname{" + f.rawValue + "}", args)
        case .vector:
            return (.atom, Layout.call("\\begin{pmatrix}", args, separator: " \\\\ ", close: "\\end{pmatrix}"))
        case .dot:
            return (.atom, Layout.call("\\left\\langle ", args, separator: ", ", close: "\\right\\rangle"))
        case .norm:
            return (.atom, enclosed("\\left\\lVert ", args[0], "\\right\\rVert"))
        case .sum:
            return call("\\operatorname{sum}", args)
        case .index:
            if let name = args[0].symbolName { return (.atom, [.text(symbol(name, extraSubscript: PlainPrinter.print(args[1])))]) }
            return (.atom, [.text(open), .node(args[0], .sum), .text(close + "_{"), .node(args[1], .sum), .text("}")])
        }
    }

    /// Integers and terminating decimals as written; other fractions as `\frac{n}{d}`.
    static func number(_ q: BigRational) -> (String, Precedence) {
        if let decimal = PlainPrinter.exactDecimal(q.magnitude) {
            return q.sign < 0 ? ("-" + decimal, .unary) : (decimal, .atom)
        }
        let parts = q.magnitude.description.split(separator: "/")
        let fraction = "\\frac{" + parts[0] + "}{" + parts[1] + "}"
        return q.sign < 0 ? ("-" + fraction, .unary) : (fraction, .power)
    }

    static func command(_ f: ElementaryFunction) -> String {
        switch f {
        case .exp, .log, .sin, .cos, .tan, .sinh, .cosh, .tanh: return "\\" + f.rawValue
        case .asin: return "\\arcsin"
        case .acos: return "\\arccos"
        case .atan: return "\\arctan"
        case .sqrt, .cbrt, .abs, .expm1, .log1p, .asinh, .acosh, .atanh: return "\\operatorname{" + f.rawValue + "}"
        }
    }

    static let greek: Set<String> = [
        "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "vartheta", "iota",
        "kappa", "lambda", "mu", "nu", "xi", "pi", "rho", "sigma", "tau", "upsilon", "phi", "varphi", "chi",
        "psi", "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega",
    ]

    /// One name part: a Greek letter, a single letter, or upright text.
    static func namePart(_ part: Substring) -> String {
        if greek.contains(String(part)) { return "\\" + part }
        if part == "inf" { return "\\infty" }
        return part.count <= 1 || part.allSatisfy(\.isNumber) ? String(part) : "\\mathrm{" + part + "}"
    }

    /// `eta_u` -> `\eta_{u}`, `u0` -> `u_{0}`, `sigma_u0` -> `\sigma_{u0}`; `extraSubscript` is appended
    /// to the subscript (for `u[i]`).
    static func symbol(_ name: String, extraSubscript: String? = nil) -> String {
        var parts = name.split(separator: "_", omittingEmptySubsequences: true)
        guard var base = parts.first else { return name }
        parts.removeFirst()
        let digits = base.reversed().prefix(while: \.isNumber).count
        if digits > 0 && digits < base.count {
            parts.insert(base.suffix(digits), at: 0)
            base = base.dropLast(digits)
        }
        var subscripts = parts.map { part -> String in
            part.allSatisfy { $0.isLetter || $0.isNumber } && !greek.contains(String(part)) && part != "inf"
                ? String(part) : namePart(part)
        }
        if let extraSubscript { subscripts.append(extraSubscript) }
        let head = namePart(base)
        return subscripts.isEmpty ? head : head + "_{" + subscripts.joined(separator: ",") + "}"
    }
}
