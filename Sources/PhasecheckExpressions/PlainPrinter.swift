import PhasecheckNumbers

/// Prints an expression in the infix language the parser reads (one pass over an explicit stack, see `Layout`).
///
/// Parentheses are added exactly where the tree's structure needs them (`a - (b - c)`, `(x^y)^z`), so for
/// any tree the parser can produce (nonnegative decimal literals), `parse(print(e)) === e`. Other literals
/// (negative numbers, fractions such as 1/3 made by simplification) print as value-equal text.
public enum PlainPrinter {
    /// Binding strength of the printed form: larger binds tighter.
    enum Precedence: Int, Comparable {
        case sum = 1, product, unary, power, atom
        static func < (a: Precedence, b: Precedence) -> Bool { a.rawValue < b.rawValue }
    }

    public static func print(_ e: Expr) -> String {
        Layout.write(e) { layout($0) }
    }

    /// How one node prints: its binding strength and its text pieces, in order.
    static func layout(_ e: Expr) -> (precedence: Precedence, pieces: [Layout.Piece]) {
        let args = e.arguments
        switch e.kind {
        case .number(let q):
            let (text, precedence) = numberText(q)
            return (precedence, [.text(text)])
        case .symbol(let name):
            return (.atom, [.text(name)])
        case .add:
            return (.sum, [.node(args[0], .sum), .text(" + "), .node(args[1], .product)])
        case .subtract:
            return (.sum, [.node(args[0], .sum), .text(" - "), .node(args[1], .product)])
        case .multiply:
            return (.product, [.node(args[0], .product), .text("*"), .node(args[1], .unary)])
        case .divide:
            return (.product, [.node(args[0], .product), .text("/"), .node(args[1], .unary)])
        case .negate:
            return (.unary, [.text("-"), .node(args[0], .unary)])
        case .power:
            return (.power, [.node(args[0], .atom), .text("^"), .node(args[1], .unary)])
        case .function(let f):
            return (.atom, Layout.call(f.rawValue + "(", args, separator: ", ", close: ")"))
        case .binaryFunction(let f):
            return (.atom, Layout.call(f.rawValue + "(", args, separator: ", ", close: ")"))
        case .vector:
            return (.atom, Layout.call("[", args, separator: ", ", close: "]"))
        case .dot:
            return (.atom, Layout.call("dot(", args, separator: ", ", close: ")"))
        case .norm:
            return (.atom, Layout.call("norm(", args, separator: ", ", close: ")"))
        case .sum:
            return (.atom, Layout.call("sum(", args, separator: ", ", close: ")"))
        case .index:
            var pieces: [Layout.Piece] = [.node(args[0], .atom), .text("["), .node(args[1], .sum)]
            if args.count == 3 { pieces += [.text(", "), .node(args[2], .sum)] }
            return (.atom, pieces + [.text("]")])
        case .matmul:
            return (.product, [.node(args[0], .product), .text(" @ "), .node(args[1], .unary)])
        case .matrixFunction(let f):
            return (.atom, Layout.call(f.rawValue + "(", args, separator: ", ", close: ")"))
        case .transpose, .trace, .identity, .zeros, .diag, .outer, .row, .column:
            return (.atom, Layout.call(functionName(e.kind)! + "(", args, separator: ", ", close: ")"))
        }
    }

    /// The name a matrix operation is called by in the language (`col` for a column).
    static func functionName(_ kind: Expr.Kind) -> String? {
        switch kind {
        case .transpose: "transpose"
        case .trace: "trace"
        case .identity: "eye"
        case .zeros: "zeros"
        case .diag: "diag"
        case .outer: "outer"
        case .row: "row"
        case .column: "col"
        default: nil
        }
    }

    /// Integers print as integers, terminating fractions as exact decimals, others as `n/d`.
    static func numberText(_ q: BigRational) -> (String, Precedence) {
        let negative = q.sign < 0
        let magnitude = q.magnitude
        var text: String
        var precedence: Precedence = .atom
        if let decimal = exactDecimal(magnitude) {
            text = decimal
        } else {
            text = magnitude.description
            precedence = .product
        }
        if negative {
            text = "-" + (precedence == .product ? "(" + text + ")" : text)
            precedence = .unary
        }
        return (text, precedence)
    }

    /// The exact decimal expansion of a nonnegative rational whose denominator is 2^a 5^b, else nil.
    static func exactDecimal(_ q: BigRational) -> String? {
        if q.isInteger { return q.description }
        let parts = q.description.split(separator: "/")
        guard parts.count == 2, var denominator = BigRational(String(parts[1])) else { return nil }
        var twos = 0, fives = 0
        while (denominator / 2).isInteger { denominator = denominator / 2; twos += 1 }
        while (denominator / 5).isInteger { denominator = denominator / 5; fives += 1 }
        guard denominator == 1 else { return nil }
        let places = Swift.max(twos, fives)
        let digits = (q * BigRational(10).power(places)).description
        let padded = String(repeating: "0", count: Swift.max(0, places + 1 - digits.count)) + digits
        let cut = padded.index(padded.endIndex, offsetBy: -places)
        return padded[..<cut] + "." + padded[cut...]
    }
}
