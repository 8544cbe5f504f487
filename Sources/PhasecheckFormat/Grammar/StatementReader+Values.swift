import PhasecheckExpressions
import PhasecheckNumbers

/// The value rules of statements: named assignments, definitions, domains and their bounds.
extension StatementReader {
    /// `NAME: target = expr, target = expr, ...` (scenarios and parameterizations).
    mutating func namedAssignments(_ what: String, targets: String) throws(ParseError) -> (String, SourceLocation, [(String, Expr)]) {
        let (name, at) = try identifier(what)
        try parser.expect(":", "after the name")
        var assignments: [(String, Expr)] = []
        repeat {
            let (target, _) = try identifier(targets)
            try parser.expect("=", "after `\(target)`")
            assignments.append((target, try expression().0))
        } while parser.accept(",")
        return (name, at, assignments)
    }

    /// An optional shape `[n]` or `[m, n]` after a declared name: each size the width's name, a `dim`
    /// declared before this line, or a positive integer.
    mutating func dimensions(in d: Derivation, of what: String) throws(ParseError) -> [String] {
        guard parser.current.kind == .symbol("[") else { return [] }
        let open = parser.current.location
        parser.advance()
        var sizes: [String] = []
        repeat {
            let token = parser.current
            switch token.kind {
            case .number:
                sizes.append(String(try integer("a size", atLeast: 1)))
            case .identifier(let name):
                let known = (d.width.map { [$0.name] } ?? []) + d.dims.map(\.name)
                guard known.contains(name) else {
                    throw fail("expected the declared width, a `dim` declared before this line or an integer as a size in the shape of \(what), found `\(name)`", at: token.location)
                }
                parser.advance()
                sizes.append(name)
            default:
                throw fail("expected a size (the width, a `dim` name or an integer) in the shape of \(what), found \(token.display)", at: token.location)
            }
        } while parser.accept(",")
        guard sizes.count <= 2 else { throw fail("expected at most two sizes (rows, columns) in the shape of \(what), found \(sizes.count)", at: open) }
        try parser.expect("]", "after the shape of \(what)")
        return sizes
    }

    public mutating func acceptKeyword(_ word: String) -> Bool {
        guard parser.current.kind == .identifier(word) else { return false }
        parser.advance()
        return true
    }

    mutating func definition(_ what: String) throws(ParseError) -> Definition {
        let (name, at) = try identifier(what)
        try parser.expect("=", "after `\(name)`")
        let (e, symbols, _) = try expression()
        try endOfStatement("the definition of `\(name)`")
        return Definition(name: name, expr: e, location: at, symbolLocations: symbols, nodeLocations: parser.takenNodeLocations)
    }

    /// `(a, b)`, `[a, b]`, `(a, b]`, `[a, b)` with numbers or `inf`/`-inf`.
    mutating func domain() throws(ParseError) -> Domain {
        let open = parser.current
        let lowerClosed: Bool
        if parser.accept("(") { lowerClosed = false } else if parser.accept("[") { lowerClosed = true } else {
            throw fail("expected a domain such as `(0, inf)` or `[-1, 1]`, found \(open.display)", at: open.location)
        }
        let lower = try bound(lower: true)
        try parser.expect(",", "between the domain's bounds")
        let upper = try bound(lower: false)
        let close = parser.current
        let upperClosed: Bool
        if parser.accept(")") { upperClosed = false } else if parser.accept("]") { upperClosed = true } else {
            throw fail("expected `)` or `]` to close the domain opened at \(open.location), found \(close.display)", at: close.location)
        }
        if (lowerClosed && lower == nil) || (upperClosed && upper == nil) {
            throw fail("an infinite bound must be open: use `(` or `)` next to `inf`", at: open.location)
        }
        if let lower, let upper, lower >= upper {
            throw fail("expected the lower bound below the upper bound, found \(lower) >= \(upper)", at: open.location)
        }
        return Domain(lower: lower, upper: upper, lowerClosed: lowerClosed, upperClosed: upperClosed)
    }

    /// A rational bound, or nil for an infinite one (`-inf` below, `inf` above: `(inf, -inf)` is empty). A finite
    /// bound is a constant expression with an exact rational value (`1/4`, `-3/4`, `2^-3`, `3*(1/2 + 1)`); an
    /// irrational constant (`pi`, `sqrt(2)`) or a name is refused, since a domain's ends are exact.
    mutating func bound(lower: Bool) throws(ParseError) -> BigRational? {
        let token = parser.current
        let signed = token.kind == .symbol("-")
        let word = signed ? parser.tokens[min(parser.position + 1, parser.tokens.count - 1)] : token
        if word.kind == .identifier("inf") {
            guard signed == lower else {
                throw fail("expected `\(lower ? "-inf" : "inf")` as an infinite \(lower ? "lower" : "upper") bound, found `\(signed ? "-" : "")inf`", at: token.location)
            }
            if signed { parser.advance() }
            parser.advance()
            return nil
        }
        let hint = "a bound is `inf`, `-inf` or an exact rational: a number, a fraction such as `1/4` or `-3/4`, or sums, products and integer powers of numbers"
        guard token.kind != .symbol(","), token.kind != .symbol(")"), token.kind != .symbol("]") else {
            throw fail("expected a domain bound, found \(token.display) (\(hint))", at: token.location)
        }
        let e = try parser.parseExpression()
        guard e.freeSymbols.isEmpty, let q = e.simplified().numberValue else {
            throw fail("expected an exact rational as a domain bound, found `\(e)`: \(hint); irrational constants such as `pi` cannot bound a domain", at: token.location)
        }
        return q
    }
}
