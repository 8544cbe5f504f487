import PhasecheckAsymptotics
import PhasecheckExpressions
import PhasecheckNumbers

/// The pieces of the width-limit statements (`scale`, `region`, `classify`, `flag`, `grid`, `fix`):
/// regimes, scalings, exact rationals, grid axes and conditions.
extension StatementReader {
    mutating func regime() throws(ParseError) -> WidthRegime {
        let (word, at) = try identifier("vanishing, bounded or diverging")
        guard let regime = WidthRegime(word: word) else {
            throw fail("expected vanishing, bounded or diverging, found `\(word)`", at: at)
        }
        return regime
    }

    /// `coefficient * d^exponent`, `d^exponent` or a constant (exponent 0).
    func scaling(_ def: Definition, width: String) throws(ParseError) -> WidthScaling {
        let e = def.expr
        func power(_ p: Expr) throws(ParseError) -> PiecewiseLinearExponent? {
            guard case .power = p.kind, p.arguments[0].symbolName == width else { return nil }
            do { return try PiecewiseLinearExponent(expression: p.arguments[1]) } catch {
                throw fail("the exponent of `\(def.name)` must be piecewise linear in the exponent symbols: \(error)", at: def.location)
            }
        }
        if e.symbolName == width { return WidthScaling(exponent: 1) }
        if let exponent = try power(e) { return WidthScaling(exponent: exponent) }
        if case .multiply = e.kind, !e.arguments[0].freeSymbols.contains(width), let exponent = try power(e.arguments[1]) {
            return WidthScaling(coefficient: e.arguments[0], exponent: exponent)
        }
        if !e.freeSymbols.contains(width) { return WidthScaling(coefficient: e, exponent: 0) }
        throw fail("expected `\(def.name)` as COEFFICIENT*\(width)^EXPONENT, \(width)^EXPONENT or a constant; use a parameterization for other dependence on \(width)", at: def.location)
    }

    /// An exact rational given as a constant expression (`1/4`, `-2`).
    mutating func rational(_ what: String) throws(ParseError) -> BigRational {
        let at = parser.current.location
        let e = try parser.parseExpression()
        guard let q = e.simplified().numberValue else { throw fail("expected \(what) as an exact number, found `\(e)`", at: at) }
        return q
    }

    mutating func gridAxes() throws(ParseError) -> [GridAxis] {
        var axes: [GridAxis] = []
        repeat {
            let (name, at) = try identifier("an exponent symbol")
            guard !axes.contains(where: { $0.name == name }) else { throw fail("a second axis for `\(name)`; expected each exponent once", at: at) }
            try parser.expect("=", "after `\(name)` (as in `\(name) = -1:2:1/4`)")
            let from = try rational("the start")
            try parser.expect(":", "between start and end (FROM:TO:STEP)")
            let to = try rational("the end")
            try parser.expect(":", "between end and step (FROM:TO:STEP)")
            let step = try rational("the step")
            guard step.sign > 0, from <= to else { throw fail("expected FROM <= TO and a positive STEP for `\(name)`", at: at) }
            guard (to - from) / step <= BigRational(10_000) else { throw fail("more than 10000 values for `\(name)`", at: at) }
            axes.append(GridAxis(name: name, from: from, to: to, step: step))
        } while parser.accept(",")
        return axes
    }

    /// `lhs < rhs and lhs2 == rhs2 ...`
    mutating func condition() throws(ParseError) -> Condition {
        var comparisons: [(Expr, Condition.Relation, Expr)] = []
        repeat {
            let lhs = try parser.parseExpression()
            let token = parser.current
            guard case .symbol(let s) = token.kind, let relation = Condition.spellings[s] else {
                throw fail("expected a comparison (<, <=, >, >=, ==), found \(token.display)", at: token.location)
            }
            parser.advance()
            comparisons.append((lhs, relation, try parser.parseExpression()))
        } while acceptKeyword("and")
        return Condition(comparisons: comparisons)
    }
}
