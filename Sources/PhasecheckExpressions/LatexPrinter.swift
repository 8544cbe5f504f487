import PhasecheckNumbers

/// Prints an expression as LaTeX math (no surrounding `$`).
///
/// Quotients become `\frac`, powers `^{...}`, `sqrt` and `cbrt` radicals, `abs` bars, `norm` double bars and
/// `dot` angle brackets; other functions use `\sin`-style commands where LaTeX has them and `\operatorname`
/// otherwise. Products put the sign first, then numbers, symbols and other factors side by side (`-k e^{-k t}`), with `\cdot` only before a number or a fraction; `exp` prints as `e^{...}` and rational exponents inline (`d^{-1/2}`). Names map Greek
/// letters (`eta_u` -> `\eta_{u}`), put trailing digits and text after `_` in subscripts (`u0` -> `u_{0}`),
/// and set other multi-letter names upright (`Kinf` -> `\mathrm{Kinf}`). Parentheses appear exactly where
/// the tree's structure needs them, as in `PlainPrinter` (and, like it, iteratively through `Layout`).
public enum LatexPrinter {
    /// How a number that is not an integer prints.
    public enum Rationals: Sendable {
        /// A terminating decimal as a file writes it (`0.05`), any other rational stacked (`\frac{1}{3}`).
        case asWritten
        /// An exact value as a fraction that keeps a table row one line high: `3/8` on its own or under a
        /// root (`\sqrt{5/4}`), `\tfrac{3}{8}` as a factor of a product, so `3/8 d^{-1}` cannot read as
        /// 3/(8 d^{-1}).
        case inlineFractions
    }

    public static func print(_ e: Expr, rationals: Rationals = .asWritten) -> String {
        Layout.write(e, open: open, close: close) { layout($0, rationals) }
    }

    typealias Precedence = PlainPrinter.Precedence
    typealias Piece = Layout.Piece
    static let open = "\\left(", close = "\\right)"

    /// How one node prints: its binding strength and its pieces (see `Layout`).
    static func layout(_ e: Expr, _ rationals: Rationals) -> (precedence: Precedence, pieces: [Piece]) {
        func call(_ command: String, _ arguments: [Expr]) -> (Precedence, [Piece]) {
            (.atom, Layout.call(command + open, arguments, separator: ", ", close: close))
        }
        func enclosed(_ left: String, _ argument: Expr, _ right: String) -> [Piece] {
            [.text(left), .node(argument, .sum), .text(right)]
        }
        let args = e.arguments
        switch e.kind {
        case .number(let q):
            let (text, precedence) = number(q, rationals)
            return (precedence, [.text(text)])
        case .symbol(let name):
            return (.atom, [.text(symbol(name))])
        case .add:
            return (.sum, [.node(args[0], .sum), .text(" + "), .node(args[1], .product)])
        case .subtract:
            return (.sum, [.node(args[0], .sum), .text(" - "), .node(args[1], .product)])
        case .multiply:
            return product(e, rationals)
        case .divide:
            return (.power, [.text("\\frac{"), .node(args[0], .sum), .text("}{"), .node(args[1], .sum), .text("}")])
        case .negate:
            return (.unary, [.text("-"), .node(args[0], .unary)])
        case .power, .binaryFunction(.pow):
            if let q = rational(args[1]), !q.isInteger {
                // A rational exponent inline (`d^{-1/2}`): a fraction stacked in a superscript is too small to read.
                return (.power, [.node(args[0], .atom), .text("^{" + q.description + "}")])
            }
            return (.power, [.node(args[0], .atom), .text("^{"), .node(args[1], .sum), .text("}")])
        case .function(.sqrt):
            return (.atom, enclosed("\\sqrt{", args[0], "}"))
        case .function(.cbrt):
            return (.atom, enclosed("\\sqrt[3]{", args[0], "}"))
        case .function(.exp):
            return (.power, [.text("e^{"), .node(args[0], .sum), .text("}")])
        case .function(.abs):
            return (.atom, enclosed("\\left|", args[0], "\\right|"))
        case .function(let f):
            return call(command(f), args)
        case .binaryFunction(let f):
            return call(f == .min || f == .max ? "\\" + f.rawValue : "\\operatorname{" + f.rawValue + "}", args)
        case .vector where args.allSatisfy({ $0.kind == .vector }):
            // A matrix literal, row by row.
            var pieces: [Piece] = [.text("\\begin{pmatrix}")]
            for (i, row) in args.enumerated() {
                if i > 0 { pieces.append(.text(" \\\\ ")) }
                pieces += Layout.call("", row.arguments, separator: " & ", close: "")
            }
            return (.atom, pieces + [.text("\\end{pmatrix}")])
        case .vector:
            return (.atom, Layout.call("\\begin{pmatrix}", args, separator: " \\\\ ", close: "\\end{pmatrix}"))
        case .dot:
            return (.atom, Layout.call("\\left\\langle ", args, separator: ", ", close: "\\right\\rangle"))
        case .norm:
            return (.atom, enclosed("\\left\\lVert ", args[0], "\\right\\rVert"))
        case .sum:
            return call("\\operatorname{sum}", args)
        case .index:
            return subscripted(args[0], args.dropFirst().map(PlainPrinter.print).joined(separator: ","))
        case .row:
            return subscripted(args[0], PlainPrinter.print(args[1]) + ",:")
        case .column:
            return subscripted(args[0], ":," + PlainPrinter.print(args[1]))
        case .matmul:
            // Side by side; a product on the left that is not itself a matrix product is bracketed, so that
            // an elementwise product never reads as a matrix product.
            return (.product, [.node(args[0], args[0].kind == .matmul ? .product : .power), .text(" "), .node(args[1], .power)])
        case .transpose:
            return (.power, [.node(args[0], .atom), .text("^{\\top}")])
        case .trace:
            return call("\\operatorname{tr}", args)
        case .matrixFunction(.det):
            return call("\\det", args)
        case .matrixFunction(.expm):
            return call("\\exp", args)
        case .matrixFunction(.inv):
            return (.power, [.node(args[0], .atom), .text("^{-1}")])
        case .matrixFunction(.sqrtm):
            return (.power, [.node(args[0], .atom), .text("^{1/2}")])
        case .matrixFunction(.powm):
            return (.power, [.node(args[0], .atom), .text("^{"), .node(args[1], .sum), .text("}")])
        case .matrixFunction(.dpowm):
            // The Fréchet derivative of X -> X^p at A along E, as Higham writes it: L_{x^p}(A, E).
            return (.atom, [.text("L_{x^{"), .node(args[1], .sum), .text("}}")]
                    + Layout.call("\\left(", [args[0], args[2]], separator: ", ", close: "\\right)"))
        case .matrixFunction(.dexpm):
            return (.atom, [.text("L_{\\exp}")] + Layout.call("\\left(", [args[0], args[1]], separator: ", ", close: "\\right)"))
        case .diag:
            return call("\\operatorname{diag}", args)
        case .identity:
            return (.atom, [.text("I_{"), .node(args[0], .sum), .text("}")])
        case .zeros:
            return (.atom, [.text("0_{")] + Layout.call("", args, separator: " \\times ", close: "") + [.text("}")])
        case .outer:
            return (.product, [.node(args[0], .power), .text(" "), .node(args[1], .atom), .text("^{\\top}")])
        }
    }

    /// `W_{i,j}` for a named matrix, else the value in brackets with the subscript.
    static func subscripted(_ base: Expr, _ indices: String) -> (precedence: Precedence, pieces: [Piece]) {
        if let name = base.symbolName { return (.atom, [.text(symbol(name, extraSubscript: indices))]) }
        return (.atom, [.text(open), .node(base, .sum), .text(close + "_{" + indices + "}")])
    }

    /// A product as a paper writes it: one sign in front, then numbers, then symbols in alphabetical
    /// order, then the other factors as they come, side by side (`-k e^{-k t}`, not `e^{t \cdot -k} \cdot -k`);
    /// `\cdot` only before a number or a fraction, where juxtaposition would misread. Nested products are
    /// flattened from an explicit stack, so a product of a million factors costs no recursion.
    static func product(_ e: Expr, _ rationals: Rationals) -> (precedence: Precedence, pieces: [Piece]) {
        var negative = false
        var numbers: [Expr] = [], symbols: [Expr] = [], others: [Expr] = []
        var pending = [e]
        while let x = pending.popLast() {
            switch x.kind {
            case .multiply: pending.append(contentsOf: x.arguments.reversed())
            case .negate:
                negative.toggle()
                pending.append(x.arguments[0])
            case .number(let q):
                if q.sign < 0 { negative.toggle() }
                numbers.append(.number(q.magnitude))
            case .symbol: symbols.append(x)
            default: others.append(x)
            }
        }
        var factors = numbers + symbols.sorted { $0.symbolName! < $1.symbolName! } + others
        if factors.count > 1 { factors.removeAll { $0.numberValue == 1 } }
        let minimum: Precedence = factors.count > 1 ? .power : .product
        var pieces: [Piece] = negative ? [.text("-")] : []
        for (i, factor) in factors.enumerated() {
            if i > 0 {
                let leading = Layout.leadingText(factor, at: minimum, open: open) { layout($0, rationals) }
                let fraction = leading.hasPrefix("\\frac") || leading.hasPrefix("\\tfrac")
                pieces.append(.text(leading.first?.isNumber == true || fraction ? " \\cdot " : " "))
            }
            if rationals == .inlineFractions, factors.count > 1, let q = factor.numberValue, !q.isInteger {
                pieces.append(.text(stacked(q, command: "\\tfrac")))
            } else {
                pieces.append(.node(factor, minimum))
            }
        }
        return (negative ? .unary : .product, pieces)
    }

    /// The value of a number written with signs and one division (`-1/2`, `3/-4`), nil for anything else.
    static func rational(_ e: Expr) -> BigRational? {
        func signed(_ x: Expr) -> BigRational? {
            var (x, negative) = (x, false)
            while case .negate = x.kind { negative.toggle(); x = x.arguments[0] }
            return x.numberValue.map { negative ? -$0 : $0 }
        }
        if case .divide = e.kind {
            guard let n = signed(e.arguments[0]), let d = signed(e.arguments[1]), !d.isZero else { return nil }
            return n / d
        }
        return signed(e)
    }

    /// A number in the style asked for (see `Rationals`); integers as written.
    static func number(_ q: BigRational, _ rationals: Rationals) -> (String, Precedence) {
        if q.isInteger || rationals == .asWritten, let decimal = PlainPrinter.exactDecimal(q.magnitude) {
            return q.sign < 0 ? ("-" + decimal, .unary) : (decimal, .atom)
        }
        if rationals == .inlineFractions { return q.sign < 0 ? ("-" + q.magnitude.description, .unary) : (q.description, .product) }
        let fraction = stacked(q.magnitude, command: "\\frac")
        return q.sign < 0 ? ("-" + fraction, .unary) : (fraction, .power)
    }

    /// `\frac{n}{d}` (or `\tfrac`) of a positive rational that is not an integer.
    static func stacked(_ q: BigRational, command: String) -> String {
        let parts = q.description.split(separator: "/")
        return command + "{" + parts[0] + "}{" + parts[1] + "}"
    }

    static func command(_ f: ElementaryFunction) -> String {
        switch f {
        case .exp, .log, .sin, .cos, .tan, .sinh, .cosh, .tanh: return "\\" + f.rawValue
        case .asin: return "\\arcsin"
        case .acos: return "\\arccos"
        case .atan: return "\\arctan"
        case .sqrt, .cbrt, .abs, .expm1, .log1p, .asinh, .acosh, .atanh, .erf, .erfc, .sign: return "\\operatorname{" + f.rawValue + "}"
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
