import PhasecheckAsymptotics
import PhasecheckExpressions
import PhasecheckNumbers

/// Reads the derivation file format (documented in docs/derivation-format.md) and checks its names:
/// every symbol known and in scope, every state with exactly one ODE, domains sane. Shapes and anything
/// that needs evaluation are checked by `DerivationParser.parse` in PhasecheckVerify, which calls this.
public enum DerivationSyntax {
    public static let keywords = ["title", "cite", "width", "dim", "param", "state", "let", "ode", "solution", "horizon",
                                  "scenario", "assume", "claim", "mechanisms", "scale", "asymptotic", "exponent", "region",
                                  "classify", "flag", "grid", "fix", "parameterization", "display", "loss", "train", "descent", "map",
                                  "noise"]

    /// Reads a grid specification such as `alpha=-1:2:1/4, b_u=0:1:1/2` (the `--grid` option).
    public static func parseGrid(_ text: String) throws(ParseError) -> [GridAxis] {
        var reader = StatementReader(parser: ExpressionParser(tokens: try Lexer.tokenize(text).filter { $0.kind != .newline }), file: "--grid", claimKinds: [])
        let axes = try reader.gridAxes()
        guard case .end = reader.parser.current.kind else {
            throw ParseError("expected `,` or the end of the grid, found \(reader.parser.current.display)", at: reader.parser.current.location)
        }
        return axes
    }

    /// Reads a derivation whose claims are of the given kinds (PhasecheckVerify's `ClaimKinds.all`).
    /// Reading goes on after a syntax error at the next line, so that the error carries every mistake of
    /// the file (`DerivationError.further`); names are checked only once the syntax is right, since a line
    /// that did not parse would make its names look undeclared.
    public static func parse(_ text: String, file: String, claimKinds: [any ClaimStatement.Type]) throws(DerivationError) -> Derivation {
        var errors: [DerivationError] = []
        let tokens = tokenizeReportingEachBadLine(text, file: file, errors: &errors)
        var reader = StatementReader(parser: ExpressionParser(tokens: tokens), file: file, claimKinds: claimKinds)
        var derivation = Derivation(file: file)
        while errors.count < DerivationError.limit {
            reader.parser.skipNewlines()
            if case .end = reader.parser.current.kind { break }
            let start = reader.parser.current.location
            do throws(ParseError) {
                try reader.statement(into: &derivation)
            } catch {
                let keywords = error.location == start ? Self.keywords
                    : error.message.hasPrefix("expected a claim kind") ? claimKinds.map { $0.keyword } : []
                let hint = Suggestions.forSyntaxError(error, tokens: tokens, names: derivation.declaredNames, keywords: keywords)
                errors.append(DerivationError(file: file, location: error.location, message: error.message, hint: hint))
                reader.skipToNextLine()
            }
        }
        if let error = DerivationError(collecting: errors) { throw error }
        if tokens.allSatisfy({ $0.kind == .newline || $0.kind == .end }) {
            throw DerivationError(file: file, location: SourceLocation(line: 1, column: 1),
                                  message: "the file is empty (no statements, only white space or comments)",
                                  hint: "`phasecheck init NAME` writes a starter derivation to begin from")
        }
        try NameValidator(derivation: derivation).validate()
        return derivation
    }

    /// Tokens of the text; a line the lexer cannot read (a stray character, an unterminated string) is
    /// reported and read as blank, so that the lines after it are still checked.
    static func tokenizeReportingEachBadLine(_ text: String, file: String, errors: inout [DerivationError]) -> [Token] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        while true {
            do throws(ParseError) {
                return try Lexer.tokenize(lines.joined(separator: "\n"))
            } catch {
                errors.append(DerivationError(file: file, location: error.location, message: error.message))
                let index = error.location.line - 1
                guard errors.count < DerivationError.limit, lines.indices.contains(index), !lines[index].isEmpty else {
                    return (try? Lexer.tokenize("")) ?? []
                }
                lines[index] = ""
            }
        }
    }
}

extension Derivation {
    /// Names declared so far: parameters, the width, states and `let` quantities.
    var declaredNames: Set<String> {
        Set(parameters.map(\.name) + states.map(\.name) + lets.map(\.name) + (width.map { [$0.name] } ?? [])
            + dims.map(\.name) + shapedParameters.map(\.name) + smoothExpectations.map(\.symbol))
    }

    /// The names `q0` of the `let` quantities' values at t = 0, each unless another declaration takes it: with
    /// `param a0` and `let a` (Saxe et al.'s a(t) from a0), `a0` stays the parameter.
    public var letInitialValueNames: Set<String> {
        let taken = declaredNames.union(states.map(\.initialName))
        return Set(lets.map { $0.name + "0" }).subtracting(taken)
    }
}

/// Reads one statement at a time from the token stream; claim kinds read their part with it.
public struct StatementReader {
    public var parser: ExpressionParser
    let file: String
    /// The claim kinds the file may use.
    let claimKinds: [any ClaimStatement.Type]

    public func fail(_ message: String, at location: SourceLocation) -> ParseError { ParseError(message, at: location) }

    public var found: String { parser.current.display }

    /// Skips the rest of the statement after a syntax error.
    mutating func skipToNextLine() {
        while true {
            switch parser.current.kind {
            case .newline: parser.advance(); return
            case .end: return
            default: parser.advance()
            }
        }
    }

    public mutating func identifier(_ what: String) throws(ParseError) -> (String, SourceLocation) {
        let token = parser.current
        guard case .identifier(let name) = token.kind else {
            throw fail("expected \(what), found \(token.display)", at: token.location)
        }
        parser.advance()
        return (name, token.location)
    }

    public mutating func string(_ what: String) throws(ParseError) -> String {
        let token = parser.current
        guard case .string(let text) = token.kind else {
            throw fail("expected \(what) in double quotes, found \(token.display)", at: token.location)
        }
        parser.advance()
        return text
    }

    public mutating func keyword(_ word: String, _ context: String) throws(ParseError) {
        let token = parser.current
        guard token.kind == .identifier(word) else {
            throw fail("expected `\(word)` \(context), found \(token.display)", at: token.location)
        }
        parser.advance()
    }

    mutating func endOfStatement(_ what: String) throws(ParseError) {
        let token = parser.current
        switch token.kind {
        case .newline: parser.advance()
        case .end: break
        default: throw fail("expected the end of the line after \(what), found \(token.display)", at: token.location)
        }
    }

    /// An expression and the symbols it used, with their locations.
    mutating func expression() throws(ParseError) -> (Expr, [String: SourceLocation], SourceLocation) {
        let start = parser.current.location
        _ = parser.takeSymbolLocations()
        let e = try parser.parseExpression()
        return (e, parser.takeSymbolLocations(), start)
    }

    /// The expression of a `let` or `ode` line, in which an expectation without a closed form (a smooth integrand
    /// of one variable) becomes a constant of the model enclosed by quadrature (`Derivation.smoothExpectations`);
    /// `tag` makes its symbol unique to the line. Also returns the symbols' and the nodes' locations.
    mutating func expressionKeepingSmoothExpectations(in d: inout Derivation, line: String, tag: String, inODELine: Bool = false)
        throws(ParseError) -> (Expr, [String: SourceLocation], [ObjectIdentifier: SourceLocation]) {
        parser.deferredExpectations = []
        defer { parser.deferredExpectations = nil }
        let (parsed, symbols, start) = try expression()
        let nodeLocations = parser.takenNodeLocations
        let smooth = (parser.deferredExpectations ?? []).map {
            SmoothExpectation(symbol: "\($0.symbol)@\(tag)", expectation: $0, line: line, location: $0.location ?? start, inODELine: inODELine)
        }
        let e = parsed.substituting(Dictionary(uniqueKeysWithValues: smooth.map { ($0.expectation.symbol, Expr.symbol($0.symbol)) }))
        d.smoothExpectations += smooth
        return (e, symbols, nodeLocations)
    }

    /// An integer literal of at least `minimum` (a count, a width, a seed: never 0 digits or a negative width).
    public mutating func integer(_ what: String, atLeast minimum: Int) throws(ParseError) -> Int {
        let token = parser.current
        guard case .number(let text) = token.kind, let n = Int(text) else {
            throw fail("expected \(what) (an integer), found \(token.display)", at: token.location)
        }
        guard n >= minimum else { throw fail("expected \(what) of at least \(minimum), found \(n)", at: token.location) }
        parser.advance()
        return n
    }

    mutating func statement(into d: inout Derivation) throws(ParseError) {
        let (word, location) = try identifier("a statement (\(DerivationSyntax.keywords.joined(separator: ", ")))")
        switch word {
        case "title": d.title = try string("a title"); try endOfStatement("the title")
        case "cite": d.citation = try string("a citation"); try endOfStatement("the citation")
        case "width":
            let (name, at) = try identifier("the width's name")
            try parser.expect("=", "after the width's name")
            let n = try integer("the width", atLeast: 1)
            d.width = Width(name: name, value: n, location: at)
            try endOfStatement("the width")
        case "dim":
            let (name, at) = try identifier("the size's name")
            try parser.expect("=", "after the size's name")
            let n = try integer("the size", atLeast: 1)
            d.dims.append(Width(name: name, value: n, location: at))
            try endOfStatement("the size")
        case "param":
            let (name, at) = try identifier("a parameter name")
            let shape = try dimensions(in: d, of: "the parameter")
            if !shape.isEmpty {
                try parser.expect("=", "after the parameter's shape")
                let (value, symbols, _) = try expression()
                d.shapedParameters.append(Definition(name: name, expr: value, location: at, symbolLocations: symbols, dimensions: shape,
                                                     nodeLocations: parser.takenNodeLocations))
                try endOfStatement("the parameter")
                return
            }
            try parser.expect("=", "after the parameter name")
            let (value, _, _) = try expression()
            var domain: Domain? = nil
            if parser.current.kind == .identifier("in") {
                parser.advance()
                domain = try self.domain()
            }
            d.parameters.append(Parameter(name: name, value: value, domain: domain, location: at))
            try endOfStatement("the parameter")
        case "state":
            let (name, at) = try identifier("a state variable name")
            let dimensions = try self.dimensions(in: d, of: "the state")
            let initial: StateVariable.Initial
            if parser.accept("~") {
                let (mean, sd) = try normalLaw("(the only distribution for initial values)")
                try keyword("seed", "after the distribution")
                let seed = try integer("a seed", atLeast: 0)
                initial = .normal(mean: mean, standardDeviation: sd, seed: UInt64(seed))
            } else {
                try parser.expect("=", "or `~` after the state variable")
                initial = .value(try expression().0)
            }
            d.states.append(StateVariable(name: name, dimensions: dimensions, initial: initial, location: at))
            try endOfStatement("the state variable")
        case "let":
            let (name, at) = try identifier("a quantity name")
            let shape = try dimensions(in: d, of: "the quantity")
            try parser.expect("=", "after `\(name)`")
            let (e, symbols, nodeLocations) = try expressionKeepingSmoothExpectations(in: &d, line: "the definition of `\(name)`", tag: name)
            try endOfStatement("the definition of `\(name)`")
            d.lets.append(Definition(name: name, expr: e, location: at, symbolLocations: symbols, dimensions: shape,
                                     nodeLocations: nodeLocations))
        case "ode":
            let (name, at) = try identifier("a state variable name")
            try parser.expect("'", "after the state variable (as in `ode u' = ...`)")
            try parser.expect("=", "after `\(name)'`")
            let (e, symbols, nodeLocations) = try expressionKeepingSmoothExpectations(in: &d, line: "the ODE of `\(name)`", tag: name + "'", inODELine: true)
            guard d.odes[name] == nil else { throw fail("a second ODE for `\(name)`; expected one per state variable", at: at) }
            d.odes[name] = Definition(name: name, expr: e, location: at, symbolLocations: symbols, nodeLocations: nodeLocations)
            try endOfStatement("the ODE")
        case "solution":
            let def = try definition("a state variable name")
            guard d.solutions[def.name] == nil else { throw fail("a second solution for `\(def.name)`", at: def.location) }
            d.solutions[def.name] = def
        case "horizon":
            let (e, _, at) = try expression()
            d.horizon = Located(e, at: at)
            try endOfStatement("the horizon")
        case "scenario":
            let (name, at, assignments) = try namedAssignments("a scenario name", targets: "a parameter, state or width name")
            guard d.scenarios[name] == nil else { throw fail("a second scenario named `\(name)`", at: at) }
            d.scenarios[name] = Scenario(name: name, assignments: assignments, location: at)
            try endOfStatement("the scenario")
        case "assume":
            _ = parser.takeSymbolLocations()
            let condition = try condition()
            d.assumptions.append(Assumption(condition: condition, location: location, symbolLocations: parser.takeSymbolLocations()))
            try endOfStatement("the assumption")
        case "claim":
            d.claims.append(try claim(at: location))
        case "loss", "train", "descent", "map", "noise":
            try trainingStatement(word, at: location, into: &d)
        case "mechanisms":
            var roles: [String: String] = [:]
            repeat {
                let (role, roleAt) = try identifier("a role (readout, features, output, kernel)")
                guard ["readout", "features", "output", "kernel"].contains(role) else {
                    throw fail("expected a role (readout, features, output, kernel), found `\(role)`", at: roleAt)
                }
                try parser.expect("=", "after the role")
                roles[role] = try identifier("a name").0
            } while parser.accept(",")
            guard let r = roles["readout"], let f = roles["features"], let o = roles["output"], let k = roles["kernel"] else {
                throw fail("expected all four roles: readout, features, output, kernel", at: location)
            }
            d.mechanismRoles = MechanismRoles(readout: r, features: f, output: o, kernel: k)
            try endOfStatement("the roles")
        case "scale":
            let def = try definition("a hyperparameter name")
            d.widthLimit.scalings.append(ScaleDefinition(name: def.name, scaling: try scaling(def, width: d.width?.name ?? "d"),
                                                         expr: def.expr, location: def.location))
        case "asymptotic": d.widthLimit.quantities.append(try definition("a quantity name"))
        case "exponent": d.widthLimit.exponents.append(try definition("an exponent name"))
        case "region":
            let (name, at) = try identifier("a region name")
            try parser.expect(":", "after the region name")
            d.widthLimit.regions.append(Region(name: name, condition: try condition(), location: at))
            try endOfStatement("the region")
        case "classify":
            let (quantity, _) = try identifier("the quantity to classify")
            try parser.expect(":", "after the quantity")
            var regions: [WidthRegime: String] = [:]
            repeat {
                let regime = try self.regime()
                try parser.expect("->", "after `\(regime.word)`")
                regions[regime] = try identifier("a region name").0
            } while parser.accept(",")
            d.widthLimit.classification = Classification(quantity: quantity, regions: regions, location: location)
            try endOfStatement("the classification")
        case "flag":
            let (name, at) = try identifier("a flag name")
            try parser.expect(":", "after the flag name")
            let (quantity, _) = try identifier("an asymptotic quantity")
            let regime = try self.regime()
            var claimed: Condition? = nil
            if parser.current.kind == .identifier("when") {
                parser.advance()
                claimed = try condition()
            }
            d.widthLimit.flags.append(Flag(name: name, quantity: quantity, regime: regime, claimed: claimed, location: at))
            try endOfStatement("the flag")
        case "grid":
            let axes = try gridAxes()
            if let repeated = axes.first(where: { axis in d.widthLimit.grid.contains { $0.name == axis.name } }) {
                throw fail("a second grid axis for `\(repeated.name)`; expected each exponent once", at: location)
            }
            // One value per exponent: an axis and a `fix` of one name would give verdicts at points the file does not define.
            if let fixed = axes.first(where: { axis in d.widthLimit.fixed.contains { $0.name == axis.name } }) {
                throw fail("`\(fixed.name)` is fixed by a `fix` line and swept by this grid; expected each exponent once "
                           + "(drop it from one of the two)", at: location)
            }
            d.widthLimit.grid += axes
            try endOfStatement("the grid")
        case "fix":
            repeat {
                let (name, at) = try identifier("an exponent symbol")
                if d.widthLimit.grid.contains(where: { $0.name == name }) || d.widthLimit.fixed.contains(where: { $0.name == name }) {
                    throw fail("`\(name)` already has a value (a grid axis or an earlier `fix`); expected each exponent once", at: at)
                }
                try parser.expect("=", "after `\(name)`")
                d.widthLimit.fixed.append((name, try rational("the value of `\(name)`")))
            } while parser.accept(",")
            try endOfStatement("the fixed exponents")
        case "parameterization":
            let (name, at, assignments) = try namedAssignments("a parameterization name", targets: "a scaled hyperparameter")
            d.widthLimit.parameterizations.append(Parameterization(name: name, assignments: assignments, location: at))
            try endOfStatement("the parameterization")
        case "display":
            let (name, at) = try identifier("the name to display")
            try parser.expect("=", "after `\(name)`")
            guard d.widthLimit.displayNames[name] == nil else { throw fail("`\(name)` already has a display name", at: at) }
            d.widthLimit.displayNames[name] = try string("its LaTeX")
            try endOfStatement("the display name")
        default:
            throw fail("expected a statement (\(DerivationSyntax.keywords.joined(separator: ", "))), found `\(word)`", at: location)
        }
    }

    /// `normal(mean, sd)`; `context` says why `normal` is expected.
    mutating func normalLaw(_ context: String) throws(ParseError) -> (mean: Expr, standardDeviation: Expr) {
        try keyword("normal", context)
        try parser.expect("(", "after `normal`")
        let (mean, _, _) = try expression()
        try parser.expect(",", "between mean and standard deviation")
        let (sd, _, _) = try expression()
        try parser.expect(")", "after the standard deviation")
        return (mean, sd)
    }

    mutating func claim(at location: SourceLocation) throws(ParseError) -> Claim {
        let name = try string("the claim's name")
        try parser.expect(":", "after the claim's name")
        _ = parser.takeSymbolLocations()
        let keywords = claimKinds.map { $0.keyword }.joined(separator: ", ")
        let (kindWord, kindAt) = try identifier("a claim kind (\(keywords))")
        guard let kind = claimKinds.first(where: { $0.keyword == kindWord }) else {
            throw fail("expected a claim kind (\(keywords)), found `\(kindWord)`", at: kindAt)
        }
        let statement = try kind.read(&self)
        var scenario: String? = nil
        if parser.current.kind == .identifier("under") {
            parser.advance()
            scenario = try identifier("a scenario name").0
        }
        let symbols = parser.takeSymbolLocations()
        try endOfStatement("the claim")
        var claim = Claim(name: name, statement: statement, scenario: scenario, location: location, symbolLocations: symbols)
        claim.nodeLocations = parser.takenNodeLocations
        return claim
    }
}
