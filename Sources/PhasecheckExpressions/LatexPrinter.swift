import PhasecheckNumbers

/// Prints an expression as LaTeX math (no surrounding `$`).
///
/// Quotients become `\frac`, powers `^{...}`, `sqrt` and `cbrt` radicals, `abs` bars, `norm` double bars and
/// `dot` angle brackets; other functions use `\sin`-style commands where LaTeX has them and `\operatorname`
/// otherwise. Products juxtapose a number and a letter (`2 x`) and use `\cdot` elsewhere. Names map Greek
/// letters (`eta_u` -> `\eta_{u}`), put trailing digits and text after `_` in subscripts (`u0` -> `u_{0}`),
/// and set other multi-letter names upright (`Kinf` -> `\mathrm{Kinf}`). Parentheses appear exactly where
/// the tree's structure needs them, as in `PlainPrinter`.
public enum LatexPrinter {
    public static func print(_ e: Expr) -> String { render(e).text }

    typealias Precedence = PlainPrinter.Precedence

    static func render(_ e: Expr) -> (text: String, precedence: Precedence) {
        func wrap(_ child: Expr, atLeast minimum: Precedence) -> String {
            let (text, precedence) = render(child)
            return precedence < minimum ? "\\left(" + text + "\\right)" : text
        }
        func call(_ command: String, _ arguments: [Expr]) -> (String, Precedence) {
            (command + "\\left(" + arguments.map(print).joined(separator: ", ") + "\\right)", .atom)
        }
        let args = e.arguments
        switch e.kind {
        case .number(let q):
            return number(q)
        case .symbol(let name):
            return (symbol(name), .atom)
        case .add:
            return (wrap(args[0], atLeast: .sum) + " + " + wrap(args[1], atLeast: .product), .sum)
        case .subtract:
            return (wrap(args[0], atLeast: .sum) + " - " + wrap(args[1], atLeast: .product), .sum)
        case .multiply:
            return product(e)
        case .divide:
            return ("\\frac{" + print(args[0]) + "}{" + print(args[1]) + "}", .power)
        case .negate:
            return ("-" + wrap(args[0], atLeast: .unary), .unary)
        case .power, .binaryFunction(.pow):
            return (wrap(args[0], atLeast: .atom) + "^{" + exponent(args[1]) + "}", .power)
        case .function(.sqrt):
            return ("\\sqrt{" + print(args[0]) + "}", .atom)
        case .function(.cbrt):
            return ("\\sqrt[3]{" + print(args[0]) + "}", .atom)
        case .function(.exp):
            return ("e^{" + print(args[0]) + "}", .power)
        case .function(.abs):
            return ("\\left|" + print(args[0]) + "\\right|", .atom)
        case .function(let f):
            return call(command(f), args)
        case .binaryFunction(let f):
            return call(f == .min || f == .max ? "\\" + f.rawValue : "\\operatorname{" + f.rawValue + "}", args)
        case .vector:
            return ("\\begin{pmatrix}" + args.map(print).joined(separator: " \\\\ ") + "\\end{pmatrix}", .atom)
        case .dot:
            return ("\\left\\langle " + print(args[0]) + ", " + print(args[1]) + "\\right\\rangle", .atom)
        case .norm:
            return ("\\left\\lVert " + print(args[0]) + "\\right\\rVert", .atom)
        case .sum:
            return call("\\operatorname{sum}", args)
        case .index:
            let i = print(args[1])
            if let name = args[0].symbolName { return (symbol(name, extraSubscript: i), .atom) }
            return ("\\left(" + print(args[0]) + "\\right)_{" + i + "}", .atom)
        }
    }

    /// A product as a paper writes it: one sign in front, then numbers, then symbols in alphabetical
    /// order, then the other factors as they come, side by side (`-k e^{-k t}`, not `e^{t \cdot -k} \cdot -k`);
    /// `\cdot` only before a number or a fraction, where juxtaposition would misread.
    static func product(_ e: Expr) -> (String, Precedence) {
        var negative = false
        var numbers: [Expr] = [], symbols: [Expr] = [], others: [Expr] = []
        func collect(_ x: Expr) {
            switch x.kind {
            case .multiply: x.arguments.forEach(collect)
            case .negate: negative.toggle(); collect(x.arguments[0])
            case .number(let q):
                if q.sign < 0 { negative.toggle() }
                numbers.append(.number(q.magnitude))
            case .symbol: symbols.append(x)
            default: others.append(x)
            }
        }
        collect(e)
        var factors = numbers + symbols.sorted { $0.symbolName! < $1.symbolName! } + others
        if factors.count > 1 { factors.removeAll { $0.numberValue == 1 } }
        var text = ""
        for factor in factors {
            let (printed, precedence) = render(factor)
            let wrapped = precedence < .power && factors.count > 1 ? "\\left(" + printed + "\\right)" : printed
            if !text.isEmpty {
                text += wrapped.first?.isNumber == true || wrapped.hasPrefix("\\frac") ? " \\cdot " : " "
            }
            text += wrapped
        }
        return negative ? ("-" + text, .unary) : (text, .product)
    }

    /// A rational exponent inline (`d^{-1/2}`): a fraction stacked inside a superscript is too small to read.
    static func exponent(_ e: Expr) -> String {
        guard let q = rational(e), !q.isInteger else { return print(e) }
        return q.description
    }

    /// The value of a number written with signs and one division (`-1/2`, `3/-4`), nil for anything else.
    static func rational(_ e: Expr) -> BigRational? {
        switch e.kind {
        case .number(let q): return q
        case .negate: return rational(e.arguments[0]).map { -$0 }
        case .divide:
            guard let n = rational(e.arguments[0]), let d = rational(e.arguments[1]), !d.isZero else { return nil }
            return n / d
        default: return nil
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
