import PhasecheckExpressions
import PhasecheckNumbers

/// A parsed derivation file: a model, what someone derived about it, and the claims to check.
///
/// Expressions refer to parameters, the width, state variables (their current values), initial values
/// (`x0` for state `x`), the time `t`, `pi`, and `let` quantities, which are macros expanded before
/// evaluation. A `let` quantity `q` that depends on the state also gets `q0`, its value at t = 0.
public struct Derivation: Sendable {
    public var file: String
    public var title: String?
    public var citation: String?
    public var width: Width?
    /// `dim n_h = 4`: named sizes of vectors and matrices (fixed as the width limit's `d` goes to infinity).
    public var dims: [Width] = []
    public var parameters: [Parameter] = []
    /// `param Sigma[n_out, n_in] = ...`: constant vectors and matrices, expanded like `let` quantities.
    public var shapedParameters: [Definition] = []
    public var states: [StateVariable] = []
    public var lets: [Definition] = []
    /// Expectations without a closed form in `let` and `ode` lines (a smooth integrand of one variable): constants
    /// of the model, each enclosed by quadrature; the line's expression holds the expectation's `symbol` in its place.
    public var smoothExpectations: [SmoothExpectation] = []
    public var odes: [String: Definition] = [:]
    public var solutions: [String: Definition] = [:]
    public var horizon: Located<Expr>?
    public var scenarios: [String: Scenario] = [:]
    public var claims: [Claim] = []
    /// `assume` lines: conditions on the parameters that random draws must satisfy.
    public var assumptions: [Assumption] = []
    /// Roles for the mechanism diagnostics of `phasecheck solve` (see `Mechanisms`).
    public var mechanismRoles: MechanismRoles?
    /// The loss, learning rates and discrete-time iterations.
    public var training = Training()
    /// Scalings with the width, limits d -> infinity and the phase diagram.
    public var widthLimit = WidthLimitSection()

    public init(file: String) { self.file = file }

    /// The time symbol (reserved, like `pi`).
    public static let time = "t"

    public func parameter(named name: String) -> Parameter? { parameters.first { $0.name == name } }
    public func state(named name: String) -> StateVariable? { states.first { $0.name == name } }
}

/// A value with the place in the file it came from, for error messages.
public struct Located<Value: Sendable>: Sendable {
    public var value: Value
    public var location: SourceLocation
    public init(_ value: Value, at location: SourceLocation) { self.value = value; self.location = location }
}

public struct Width: Sendable {
    public var name: String
    public var value: Int
    public var location: SourceLocation
}

/// A set of admissible values, from which identity claims draw random parameters.
public struct Domain: Sendable, Equatable, CustomStringConvertible {
    public var lower: BigRational?      // nil: -infinity
    public var upper: BigRational?      // nil: +infinity
    public var lowerClosed: Bool
    public var upperClosed: Bool

    public func contains(_ x: BigRational) -> Bool {
        if let lower, lowerClosed ? x < lower : x <= lower { return false }
        if let upper, upperClosed ? x > upper : x >= upper { return false }
        return true
    }

    public var description: String {
        (lowerClosed ? "[" : "(") + (lower?.description ?? "-inf") + ", " + (upper?.description ?? "inf")
            + (upperClosed ? "]" : ")")
    }
}

public struct Parameter: Sendable {
    public var name: String
    /// The default value: a constant expression (no symbols but `pi` and earlier parameters).
    public var value: Expr
    /// Where identity claims may draw it from; nil keeps it fixed.
    public var domain: Domain?
    public var location: SourceLocation
}

public struct StateVariable: Sendable {
    public enum Initial: Sendable {
        /// An explicit value: a vector literal, a scalar, or an expression in the parameters.
        case value(Expr)
        /// Independent normal components drawn from a seeded generator.
        case normal(mean: Expr, standardDeviation: Expr, seed: UInt64)
    }
    public var name: String
    /// The size of each axis, as the width's or a `dim`'s name or an integer: none for a scalar, one for a
    /// vector (`state u[d]`), two for a matrix (`state W1[n_h, n_in]`, rows then columns).
    public var dimensions: [String]
    public var initial: Initial
    public var location: SourceLocation
    /// The symbol for the initial value (`u0` for `u`).
    public var initialName: String { name + "0" }
}

/// `let`, `ode` and `solution` lines: a name bound to an expression.
public struct Definition: Sendable {
    public var name: String
    public var expr: Expr
    public var location: SourceLocation
    /// Where each symbol of `expr` first occurs, for errors found after parsing.
    public var symbolLocations: [String: SourceLocation]
    /// The declared shape (`let M[n, n] = ...`), as for `StateVariable.dimensions`; empty: inferred.
    public var dimensions: [String] = []
    /// Where each operation of `expr` first starts (`ExpressionParser.takenNodeLocations`).
    public var nodeLocations: [ObjectIdentifier: SourceLocation] = [:]
}

/// `assume x0 < K and delta > 0`: a condition on the parameters (and the width). Random draws that violate
/// it are rejected; the file's own values must satisfy it.
public struct Assumption: Sendable, CustomStringConvertible {
    public var condition: Condition
    public var location: SourceLocation
    public var symbolLocations: [String: SourceLocation]
    public var description: String { condition.description }
}

/// Named overrides of parameters, the width and initial values (`scenario B: d = 2, u = [3, 1]`).
public struct Scenario: Sendable {
    public var name: String
    public var assignments: [(name: String, value: Expr)]
    public var location: SourceLocation
}

/// Which variables play which role in the mechanism diagnostics of model.md section 6.
public struct MechanismRoles: Sendable {
    public var readout: String   // u
    public var features: String  // w
    public var output: String    // a
    public var kernel: String    // K
}

/// An expectation without a closed form written in a `let` or `ode` line, a constant of the model (its integrand
/// and law may use parameters, sizes and `let` quantities that do not depend on the state).
public struct SmoothExpectation: Sendable {
    /// The name that stands for it in the line's expression (`#` makes it one no file can write).
    public let symbol: String
    public let expectation: DeferredExpectation
    /// The line it was written in, for messages: "the definition of `chi`", "the ODE of `x`".
    public let line: String
    /// Where its integrand starts.
    public let location: SourceLocation
    /// Whether it was written in an `ode` line, where it may depend on the state and t (a drift, taken by a
    /// fixed-node rule with a bound carried through the flow: `QuadratureFlow`).
    public var inODELine = false

    /// Why it may not depend on `name`, a state or t (the reader says so, and the model when the dependence comes
    /// through a `let`).
    public func refusal(dependsOn name: String) -> String {
        (expectation.noClosedForm.map { $0 + "; " } ?? "")
            + "the expectation without a closed form in \(line) depends on `\(name)`; outside `ode` lines such an expectation is taken by quadrature "
            + "only as a constant of the model (its integrand and law use parameters, sizes and `let` quantities that do not depend on the state or t)"
    }
    /// What to write instead. `iterates`: the file's dynamics are `map` lines, whose iteration takes no quadrature (only a
    /// flow's `ode` line takes a drift), so the `ode` line is no way out there.
    public static func refusalHint(iterates: Bool) -> String {
        let closedForm = "write the integrand with a closed form (polynomial, max/min/abs of an affine function, times exp of one, or erf of one: "
            + "see docs/derivation-format.md), or check the expectation at fixed values with an `expectation` claim"
        return iterates
            ? "a `map` line's iteration takes no quadrature of an expectation that depends on the state (a drift E g(x, xi) is taken by quadrature in a flow's `ode` line only): " + closedForm
            : "write the expectation in the `ode` line itself, where a drift E g(x, xi) of the state is taken by a fixed-node rule whose error bound is carried through the flow; or " + closedForm
    }
}
