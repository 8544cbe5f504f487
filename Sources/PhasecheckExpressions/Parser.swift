import PhasecheckNumbers

/// Recursive-descent parser for the expression language, shared by the command line and derivation files.
///
/// Grammar (loosest first):
///
///     sum     = product (("+" | "-") product)*          left-associative
///     product = unary (("*" | "/" | "@") unary)*         left-associative; `@` is the matrix product
///     unary   = ("-" | "+") unary | power                so -x^2 is -(x^2)
///     power   = postfix ("^" unary)?                     right-associative: 2^3^2 = 2^9
///     postfix = primary ("[" sum ("," sum)? "]")*        1-based component of a vector, entry of a matrix
///     primary = number | name | name "(" sum ("," sum)* ")" | "(" sum ")" | "[" sum ("," sum)* "]"
///             | "expect" "(" sum ("," name "~" law)+ ")"   law = normal(sum, sum) | uniform(sum, sum) | rademacher
///
/// There is no implicit multiplication (`2x` is an error). Literals are exact rationals. A list of
/// equally long lists is a matrix, row by row: `[[1, 2], [3, 4]]`. An expectation is rewritten into its
/// closed form as it is read (`Expectation`), so trees never hold one.
public struct ExpressionParser {
    public private(set) var tokens: [Token]
    public private(set) var position: Int
    /// Where each symbol first occurs, for error messages about it later (unknown symbol, wrong shape).
    public private(set) var symbolLocations: [String: SourceLocation] = [:]
    /// Where each operation first starts (its first token), for pointing at the part of an expression a
    /// later check rejects (`W @ u` of the wrong shapes).
    private var nodeLocations: [ObjectIdentifier: SourceLocation] = [:]
    /// The operations' locations of the record the last `takeSymbolLocations` call closed.
    public private(set) var takenNodeLocations: [ObjectIdentifier: SourceLocation] = [:]
    /// Operands currently open (parentheses, calls, prefix signs, exponents).
    private var depth = 0
    /// Deepest nesting of parentheses, calls, prefix signs and exponents accepted: this recursive-descent
    /// parser recurses once per such level, so unbounded nesting would overflow the stack instead of
    /// reporting an error. Chains of `+ - * /` and of `[i]` are read in loops and are not limited (the
    /// passes over trees are iterative, see `Expr.postorder`).
    public static let maximumDepth = 200
    /// Largest decimal exponent of a literal (`1e10000`); exact literals beyond it are too large to use.
    public static let maximumDecimalExponent = 10_000
    /// When set, an expectation of one variable without a closed form is not an error: it is recorded here and
    /// read as the symbol `DeferredExpectation.symbol`, for a claim that encloses it by quadrature
    /// (`NumericalExpectation`).
    public var deferredExpectations: [DeferredExpectation]? = nil
    /// The closed forms of the expectations read so far, with what they were the expectation of: an outer `expect`
    /// whose integrand is one of them and that has no closed form over its own variable is taken over both at once.
    private var expandedExpectations: [ObjectIdentifier: (integrand: Expr, variables: [(name: String, law: Distribution)])] = [:]

    public init(tokens: [Token], position: Int = 0) {
        self.tokens = tokens
        self.position = position
    }

    /// Parses a whole string as one expression.
    public static func parse(_ text: String) throws(ParseError) -> Expr {
        // A standalone expression has no statements: line ends are plain white space.
        var parser = ExpressionParser(tokens: try Lexer.tokenize(text).filter { $0.kind != .newline })
        let e = try parser.parseExpression()
        parser.skipNewlines()
        guard case .end = parser.current.kind else {
            throw ParseError("expected an operator or the end of the expression, found \(parser.current.display)",
                             at: parser.current.location)
        }
        return e
    }

    /// Returns the symbol locations recorded since the last call and starts a new record, so that each
    /// statement of a file can report its own occurrences.
    public mutating func takeSymbolLocations() -> [String: SourceLocation] {
        defer {
            symbolLocations = [:]
            takenNodeLocations = nodeLocations
            nodeLocations = [:]
        }
        return symbolLocations
    }

    /// Records where `e` starts, unless it was written earlier in the same record.
    private mutating func located(_ e: Expr, at location: SourceLocation) -> Expr {
        if nodeLocations[ObjectIdentifier(e)] == nil { nodeLocations[ObjectIdentifier(e)] = location }
        return e
    }

    public var current: Token { tokens[position] }

    public mutating func advance() { if position < tokens.count - 1 { position += 1 } }

    public mutating func skipNewlines() { while current.kind == .newline { advance() } }

    /// Consumes the symbol `s` if it is next.
    public mutating func accept(_ s: String) -> Bool {
        if current.kind == .symbol(s) { advance(); return true }
        return false
    }

    public mutating func expect(_ s: String, _ context: String) throws(ParseError) {
        guard accept(s) else {
            throw ParseError("expected `\(s)` \(context), found \(current.display)", at: current.location)
        }
    }

    public mutating func parseExpression() throws(ParseError) -> Expr { try parseSum() }

    mutating func parseSum() throws(ParseError) -> Expr {
        let start = current.location
        var e = try parseProduct()
        while true {
            if accept("+") { e = located(e + (try parseProduct()), at: start) }
            else if accept("-") { e = located(e - (try parseProduct()), at: start) }
            else { return e }
        }
    }

    mutating func parseProduct() throws(ParseError) -> Expr {
        let start = current.location
        var e = try parseUnary()
        while true {
            if accept("*") { e = located(e * (try parseUnary()), at: start) }
            else if accept("/") { e = located(e / (try parseUnary()), at: start) }
            else if accept("@") { e = located(Expr.matmul(e, try parseUnary()), at: start) }
            else { return e }
        }
    }

    mutating func parseUnary() throws(ParseError) -> Expr {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else {
            throw ParseError("expression nested more than \(Self.maximumDepth) levels deep", at: current.location)
        }
        let start = current.location
        if accept("-") { return located(-(try parseUnary()), at: start) }
        if accept("+") { return try parseUnary() }
        return try parsePower()
    }

    mutating func parsePower() throws(ParseError) -> Expr {
        let start = current.location
        let base = try parsePostfix()
        if accept("^") { return located(Expr.power(base, try parseUnary()), at: start) }
        return base
    }

    mutating func parsePostfix() throws(ParseError) -> Expr {
        let start = current.location
        var e = try parsePrimary()
        while current.kind == .symbol("[") {
            let at = current.location
            advance()
            var indices: [Int] = []
            repeat {
                let index = try parseSum()
                guard let q = index.numberValue, q.isInteger, let (i, _) = q.smallParts, i >= 1 else {
                    throw ParseError("expected a positive integer index, found `\(index)`", at: at)
                }
                indices.append(i)
            } while indices.count < 2 && accept(",")
            try expect("]", "to close the index")
            e = located(indices.count == 1 ? Expr.index(e, indices[0]) : Expr.index(e, indices[0], indices[1]), at: start)
        }
        return e
    }

    mutating func parsePrimary() throws(ParseError) -> Expr {
        let token = current
        switch token.kind {
        case .number(let text):
            advance()
            // Literals are exact, so 1e99999999 would be a 330-million-bit integer: bound the exponent.
            if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }),
               let exponent = Int(text[text.index(after: e)...].drop(while: { $0 == "+" })),
               Swift.abs(exponent) > Self.maximumDecimalExponent {
                throw ParseError("decimal exponent of `\(text)` is beyond ±\(Self.maximumDecimalExponent)", at: token.location)
            }
            guard let q = BigRational(text) else { throw ParseError("malformed number `\(text)`", at: token.location) }
            return Expr.number(q)
        case .identifier(let name):
            advance()
            if current.kind == .symbol("(") { return located(try parseCall(name, at: token.location), at: token.location) }
            if symbolLocations[name] == nil { symbolLocations[name] = token.location }
            return Expr.symbol(name)
        case .symbol("("):
            advance()
            let e = try parseSum()
            try expect(")", "to close the `(` at \(token.location)")
            return e
        case .symbol("["):
            advance()
            let components = try parseList(closing: "]", openedAt: token.location)
            return located(Expr.vector(components), at: token.location)
        default:
            throw ParseError("expected a number, a name, `(` or `[`, found \(token.display)", at: token.location)
        }
    }

    mutating func parseList(closing: String, openedAt: SourceLocation) throws(ParseError) -> [Expr] {
        var items = [try parseSum()]
        while accept(",") { items.append(try parseSum()) }
        try expect(closing, "or `,` in the list opened at \(openedAt)")
        return items
    }

    /// Function names the language knows, for error messages.
    public static var functionNames: [String] {
        ElementaryFunction.allCases.map(\.rawValue) + BinaryFunction.allCases.map(\.rawValue) + ["relu", "sigmoid", "dot", "norm", "sum", "expect"]
            + ["transpose", "trace", "eye", "zeros", "diag", "outer", "row", "col"] + MatrixFunction.allCases.map(\.rawValue)
    }

    mutating func parseCall(_ name: String, at location: SourceLocation) throws(ParseError) -> Expr {
        let open = current.location
        advance() // "("
        if name == "expect" { return try parseExpectation(openedAt: open) }
        let args = try parseList(closing: ")", openedAt: open)
        func arity(_ n: Int) throws(ParseError) {
            guard args.count == n else {
                throw ParseError("`\(name)` takes \(n) argument\(n == 1 ? "" : "s"), found \(args.count)", at: location)
            }
        }
        if let f = ElementaryFunction(rawValue: name) { try arity(1); return Expr.call(f, args[0]) }
        if let f = BinaryFunction(rawValue: name) { try arity(2); return Expr.call(f, args[0], args[1]) }
        if let f = MatrixFunction(rawValue: name) {
            try arity(1 + (f.takesExponent ? 1 : 0) + f.matrixOperandCount - 1)
            return Expr.call(f, args[0], exponent: f.takesExponent ? args[1] : nil, direction: f.directionIndex.map { args[$0] })
        }
        switch name {
        // Written as the network papers write them, read as what they are (so every rule for max and exp applies):
        // relu(x) = max(x, 0), sigmoid(x) = 1/(1 + exp(-x)).
        case "relu": try arity(1); return Expr.call(.max, args[0], Expr.number(0))
        case "sigmoid": try arity(1); return Expr.number(1) / (Expr.number(1) + Expr.call(.exp, -args[0]))
        case "dot": try arity(2); return Expr.dot(args[0], args[1])
        case "norm": try arity(1); return Expr.norm(args[0])
        case "sum": try arity(1); return Expr.sum(args[0])
        case "transpose": try arity(1); return Expr.transpose(args[0])
        case "trace": try arity(1); return Expr.trace(args[0])
        case "eye": try arity(1); return Expr.make(.identity, args)
        case "zeros":
            guard (1...2).contains(args.count) else {
                throw ParseError("`zeros` takes 1 or 2 arguments (a vector's length, or a matrix's rows and columns), found \(args.count)", at: location)
            }
            return Expr.make(.zeros, args)
        case "diag": try arity(1); return Expr.diag(args[0])
        case "outer": try arity(2); return Expr.outer(args[0], args[1])
        case "row": try arity(2); return Expr.make(.row, args)
        case "col": try arity(2); return Expr.make(.column, args)
        default:
            throw ParseError("unknown function `\(name)`; expected one of \(Self.functionNames.joined(separator: ", "))",
                             at: location)
        }
    }

    /// The rest of `expect(integrand, x ~ law, ...)` after its `(`: the closed form of the expectation.
    mutating func parseExpectation(openedAt open: SourceLocation) throws(ParseError) -> Expr {
        let integrandLocation = current.location
        let innerStart = deferredExpectations?.count ?? 0
        var integrand = try parseSum()
        var variables: [(name: String, law: Distribution)] = []
        try expect(",", "after the integrand of `expect`, then the random variable: `expect(f, xi ~ normal(0, 1))`")
        repeat {
            guard case .identifier(let variable) = current.kind else {
                throw ParseError("expected the name of a random variable, found \(current.display)", at: current.location)
            }
            advance()
            try expect("~", "after the random variable `\(variable)`, then its law (\(Distribution.syntax.joined(separator: ", ")))")
            let lawLocation = current.location
            let law = try parseLaw()
            try Self.refuseImpossibleNumbers(law, at: lawLocation)
            variables.append((variable, law))
        } while accept(",")
        try expect(")", "or `,` in the `expect` opened at \(open)")
        // expect(expect(f, eta ~ ...), xi ~ ...) whose inner expectation, without a closed form, holds xi: one
        // expectation over both, E over xi of E over eta.
        if let deferred = deferredExpectations, deferred.count > innerStart {
            let outer = Set(variables.map(\.name))
            let nested = deferred[innerStart...].filter { !$0.integrand.freeSymbols.union($0.lawParameters.flatMap(\.freeSymbols)).isDisjoint(with: outer) }
            if let inner = nested.first {
                guard deferred.count == innerStart + 1, integrand === Expr.symbol(inner.symbol), variables.count == 1 else {
                    throw ParseError("an `expect` without a closed form inside an `expect` over `\(inner.integrand.freeSymbols.intersection(outer).sorted()[0])` "
                                     + "is taken with it only when it is the whole integrand of one variable: write `expect(f, xi ~ law, eta ~ law)`",
                                     at: integrandLocation)
                }
                deferredExpectations!.removeLast()
                integrand = inner.integrand
                variables += inner.variables
            }
        }
        do throws(ExpectationError) {
            let closedForm: Expr
            do throws(ExpectationError) {
                closedForm = try Expectation.expand(integrand, over: variables)
            } catch {
                // expect(expect(f, eta ~ ...), xi ~ ...) whose inner closed form has none over xi: E over both of f.
                guard let inner = expandedExpectations[ObjectIdentifier(integrand)] else { throw error }
                integrand = inner.integrand
                variables += inner.variables
                guard let both = try? Expectation.expand(integrand, over: variables) else { throw error }
                closedForm = both
            }
            expandedExpectations[ObjectIdentifier(closedForm)] = (integrand, variables)
            return closedForm
        } catch {
            // Rademacher variables summed exactly; then one variable, two normal ones that a rotation makes one
            // (`Expectation.oneVariable`), or two by a tensor rule: by quadrature.
            let summed = Expectation.summingFiniteLaws(integrand, over: variables)
            // Kept because another law names it: the rules integrate continuous laws only.
            if let kept = summed.variables.first(where: { if case .rademacher = $0.law { true } else { false } }) {
                throw ParseError(error.message + " (the Rademacher variable `\(kept.name)` appears in another variable's law, and the integrand "
                                 + "has no closed form: write its two cases out, (E[f with \(kept.name) = 1] + E[f with \(kept.name) = -1])/2)",
                                 at: integrandLocation)
            }
            let quadrature = summed.variables.count == 1 ? summed
                : Expectation.oneVariable(summed.integrand, over: summed.variables).map { ($0.integrand, [(name: $0.variable, law: $0.law)]) }
                    ?? (summed.variables.count == 2 ? summed : nil)
            if deferredExpectations != nil, let (integrand, variables) = quadrature {
                let deferred = DeferredExpectation(index: deferredExpectations!.count, integrand: integrand, variable: variables[0].name,
                                                   law: variables[0].law, innerVariables: Array(variables.dropFirst()),
                                                   location: integrandLocation, noClosedForm: error.message)
                deferredExpectations!.append(deferred)
                return .symbol(deferred.symbol)
            }
            if deferredExpectations != nil, variables.count > 1 {
                throw ParseError(error.message + " (an integrand without a closed form is enclosed by quadrature over one or two normal or uniform "
                                 + "variables, Rademacher ones summed exactly; it has \(summed.variables.count): a tensor quadrature over three or more is not implemented)",
                                 at: integrandLocation)
            }
            // Elsewhere (claims other than `expectation`) the expression is compared along a trajectory, where it may
            // depend on the state: quadrature gives a number, not a function of the state.
            throw ParseError(error.message + " (a smooth integrand of one variable is enclosed by quadrature in an `expectation` claim, "
                             + "`claim \"...\": expectation E == V`, in a `let` line when it depends on the parameters only (write it there and use "
                             + "that name here), and in a flow's `ode` line, where it may depend on the state; a `map` line or another claim, "
                             + "where it may depend on the state, takes none)",
                             at: integrandLocation)
        }
    }

    /// `normal(mean, sd)`, `uniform(a, b)` or `rademacher`: the law of a variable of `expect` and of a `noise` line
    /// (`what` names it in messages). Only its form is checked here: what its parameters may be is the caller's
    /// rule (`refuseImpossibleNumbers` for `expect`, the values at the model's for noise).
    public mutating func parseLaw(_ what: String = "a law") throws(ParseError) -> Distribution {
        let token = current
        guard case .identifier(let name) = token.kind, let arity = Self.lawArity[name] else {
            throw ParseError("expected \(what), one of \(Distribution.syntax.joined(separator: ", ")), found \(token.display)",
                             at: token.location)
        }
        advance()
        var parameters: [Expr] = []
        if arity > 0 {
            let open = current.location
            try expect("(", "after `\(name)`")
            parameters = try parseList(closing: ")", openedAt: open)
        }
        guard let law = Distribution(name: name, parameters: parameters) else {
            throw ParseError("`\(name)` takes \(arity) arguments, found \(parameters.count)", at: token.location)
        }
        return law
    }

    /// How many parameters each law takes, by name.
    private static let lawArity = ["normal": 2, "uniform": 2, "rademacher": 0]

    /// Refuses a law of `expect` whose parameters are numbers that make it no law (written at `location`): a negative
    /// standard deviation, a uniform law's lower end above its upper. A zero spread is a point mass (supported). Symbolic
    /// parameters are read as docs/derivation-format.md, "Degenerate values", says (|s|, and the law on [b, a]).
    static func refuseImpossibleNumbers(_ law: Distribution, at location: SourceLocation) throws(ParseError) {
        switch law {
        case .normal(let mean, let sd):
            if let s = sd.simplified().numberValue, s.sign < 0 {
                throw ParseError("invalid law `normal(\(mean), \(sd))`: the standard deviation must be at least 0 "
                                 + "(0 is the point mass at the mean)", at: location)
            }
        case .uniform(let lower, let upper):
            if let a = lower.simplified().numberValue, let b = upper.simplified().numberValue, a > b {
                throw ParseError("invalid law `uniform(\(lower), \(upper))`: the lower bound must not exceed the upper "
                                 + "(uniform(a, a) is the point mass at a)", at: location)
            }
        case .rademacher: break
        }
    }
}
