/// An expectation without a closed form, as the reader of an `expectation` claim or a `let` or `ode` line keeps it
/// (see `ExpressionParser.deferredExpectations`): the expression holds the symbol `symbol` in its place, and
/// `NumericalExpectation` (PhasecheckDynamics) encloses it by quadrature.
public struct DeferredExpectation: Sendable {
    public let index: Int
    public let integrand: Expr
    public let variable: String
    public let law: Distribution
    /// Further variables, each law independent or naming the variables before it, the expectation over them taken
    /// first: E over `variable` of E over these (one at most: a tensor quadrature, `TensorExpectation`).
    public let innerVariables: [(name: String, law: Distribution)]
    /// Where its integrand starts in the file.
    public let location: SourceLocation?
    /// Why it has no closed form (`Expectation.expand`'s message), for messages that refuse it.
    public let noClosedForm: String?

    public init(index: Int, integrand: Expr, variable: String, law: Distribution, innerVariables: [(name: String, law: Distribution)] = [],
                location: SourceLocation? = nil, noClosedForm: String? = nil) {
        self.index = index
        self.integrand = integrand
        self.variable = variable
        self.law = law
        self.innerVariables = innerVariables
        self.location = location
        self.noClosedForm = noClosedForm
    }

    /// The same expectation with `rewrite` applied to its integrand and its law's parameters (a `let`'s
    /// expansion, say).
    public func mapExpressions(_ rewrite: (Expr) -> Expr) -> DeferredExpectation {
        with(integrand: rewrite(integrand), variables: variables.map { ($0.name, $0.law.mapParameters(rewrite)) })
    }

    /// The same expectation of another integrand over the laws `variables` (outer first).
    public func with(integrand: Expr, variables: [(name: String, law: Distribution)]? = nil) -> DeferredExpectation {
        let variables = variables ?? self.variables
        return DeferredExpectation(index: index, integrand: integrand, variable: variables[0].name, law: variables[0].law,
                                   innerVariables: Array(variables.dropFirst()), location: location, noClosedForm: noClosedForm)
    }

    /// Every variable and its law, outer first.
    public var variables: [(name: String, law: Distribution)] { [(variable, law)] + innerVariables }

    /// The variables and their laws as written, outer first: `xi ~ normal(0, 1), eta ~ normal(xi, 1)` (a key of the expectation).
    public var lawsDescription: String {
        variables.map { "\($0.name) ~ \($0.law)" }.joined(separator: ", ")
    }

    /// The laws' parameters, an inner law's variables named in them at their laws' centres (as in `representative`):
    /// expressions in the names outside the expectation.
    public var lawParameters: [Expr] {
        variables.flatMap(\.law.parameters).map { $0.substituting(Dictionary(uniqueKeysWithValues: variables.map { ($0.name, centre(of: $0.law)) })) }
    }

    /// A name no file can write (`#` is not a character of names).
    public var symbol: String { "expect#\(index + 1)" }

    /// The integrand at the law's centre, which has the names and shape the expectation has: what the file's
    /// reader checks in place of the expectation.
    public var representative: Expr {
        variables.reversed().reduce(integrand) { e, v in e.substituting([v.name: centre(of: v.law)]) }
    }

    private func centre(of law: Distribution) -> Expr {
        switch law {
        case .normal(let mean, _): mean
        case .uniform(let a, let b): (a + b) / .number(2)
        case .rademacher: Terms.one
        }
    }
}
