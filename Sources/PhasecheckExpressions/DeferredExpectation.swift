/// An expectation without a closed form, as the reader of an `expectation` claim or a `let` or `ode` line keeps it
/// (see `ExpressionParser.deferredExpectations`): the expression holds the symbol `symbol` in its place, and
/// `NumericalExpectation` (PhasecheckDynamics) encloses it by quadrature.
public struct DeferredExpectation: Sendable {
    public let index: Int
    public let integrand: Expr
    public let variable: String
    public let law: Distribution
    /// Where its integrand starts in the file.
    public let location: SourceLocation?
    /// Why it has no closed form (`Expectation.expand`'s message), for messages that refuse it.
    public let noClosedForm: String?

    public init(index: Int, integrand: Expr, variable: String, law: Distribution, location: SourceLocation? = nil,
                noClosedForm: String? = nil) {
        self.index = index
        self.integrand = integrand
        self.variable = variable
        self.law = law
        self.location = location
        self.noClosedForm = noClosedForm
    }

    /// The same expectation with `rewrite` applied to its integrand and its law's parameters (a `let`'s
    /// expansion, say).
    public func mapExpressions(_ rewrite: (Expr) -> Expr) -> DeferredExpectation {
        let rewritten: Distribution = switch law {
        case .normal(let mean, let sd): .normal(mean: rewrite(mean), standardDeviation: rewrite(sd))
        case .uniform(let a, let b): .uniform(lower: rewrite(a), upper: rewrite(b))
        case .rademacher: .rademacher
        }
        return DeferredExpectation(index: index, integrand: rewrite(integrand), variable: variable, law: rewritten, location: location,
                                   noClosedForm: noClosedForm)
    }

    /// The law's parameters.
    public var lawParameters: [Expr] {
        switch law {
        case .normal(let mean, let sd): [mean, sd]
        case .uniform(let a, let b): [a, b]
        case .rademacher: []
        }
    }

    /// A name no file can write (`#` is not a character of names).
    public var symbol: String { "expect#\(index + 1)" }

    /// The integrand at the law's centre, which has the names and shape the expectation has: what the file's
    /// reader checks in place of the expectation.
    public var representative: Expr {
        switch law {
        case .normal(let mean, _): integrand.substituting([variable: mean])
        case .uniform(let a, let b): integrand.substituting([variable: (a + b) / .number(2)])
        case .rademacher: integrand.substituting([variable: Terms.one])
        }
    }
}
