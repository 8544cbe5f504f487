import PhasecheckNumbers

/// Prints an expression in the infix language the parser reads.
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

    public static func print(_ e: Expr) -> String { render(e).text }

    static func render(_ e: Expr) -> (text: String, precedence: Precedence) {
        func wrap(_ child: Expr, atLeast minimum: Precedence) -> String {
            let (text, precedence) = render(child)
            return precedence < minimum ? "(" + text + ")" : text
        }
        let args = e.arguments
        switch e.kind {
        case .number(let q):
            return numberText(q)
        case .symbol(let name):
            return (name, .atom)
        case .add:
            return (wrap(args[0], atLeast: .sum) + " + " + wrap(args[1], atLeast: .product), .sum)
        case .subtract:
            return (wrap(args[0], atLeast: .sum) + " - " + wrap(args[1], atLeast: .product), .sum)
        case .multiply:
            return (wrap(args[0], atLeast: .product) + "*" + wrap(args[1], atLeast: .unary), .product)
        case .divide:
            return (wrap(args[0], atLeast: .product) + "/" + wrap(args[1], atLeast: .unary), .product)
        case .negate:
            return ("-" + wrap(args[0], atLeast: .unary), .unary)
        case .power:
            return (wrap(args[0], atLeast: .atom) + "^" + wrap(args[1], atLeast: .unary), .power)
        case .function(let f):
            return (f.rawValue + "(" + print(args[0]) + ")", .atom)
        case .binaryFunction(let f):
            return (f.rawValue + "(" + print(args[0]) + ", " + print(args[1]) + ")", .atom)
        case .vector:
            return ("[" + args.map(print).joined(separator: ", ") + "]", .atom)
        case .dot:
            return ("dot(" + print(args[0]) + ", " + print(args[1]) + ")", .atom)
        case .norm:
            return ("norm(" + print(args[0]) + ")", .atom)
        case .sum:
            return ("sum(" + print(args[0]) + ")", .atom)
        case .index:
            return (wrap(args[0], atLeast: .atom) + "[" + print(args[1]) + "]", .atom)
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
