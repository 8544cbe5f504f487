import PhasecheckExpressions

/// The loss as the source of the dynamics (`loss`, `train`) and discrete-time iterations (`descent`,
/// `map`). Gradient flow on the loss gives the ODEs of states without an `ode` line; gradient descent
/// with the same rates, or the file's own `map` lines, give the iteration that step claims check.
public struct Training: Sendable {
    /// `loss L = expr`: a scalar in the model's names.
    public var loss: Definition?
    /// `train u rate eta_u, w rate eta_w`: the trained states and their learning rates, in file order.
    public var rates: [(state: String, rate: Expr)] = []
    public var ratesLocation: SourceLocation?
    /// `descent steps N`: the number of gradient-descent steps iterations run for.
    public var steps: Located<Int>?
    /// `map x -> expr`: the next value of each state, in terms of the current ones (simultaneous update).
    public var maps: [String: Definition] = [:]
    /// `noise xi[d] ~ normal(m, s)`: random inputs of the maps, drawn afresh at every step.
    public var noise: [NoiseVariable] = []

    public init() {}

    /// The learning rate of a trained state.
    public func rate(of state: String) -> Expr? { rates.first { $0.state == state }?.rate }

    /// Whether the file iterates: by gradient descent or by its own maps.
    public var iterates: Bool { steps != nil || !maps.isEmpty }
}

/// `noise xi[d] ~ normal(mean, sd)` (or `uniform(a, b)`, `rademacher`): a random input of the `map` lines whose
/// components are independent draws of that law, drawn afresh at every step of every path (a scalar, or a vector of the
/// width, a `dim` or a number of entries).
public struct NoiseVariable: Sendable {
    public var name: String
    public var dimensions: [String]
    /// Its law, with constant expressions in the parameters and the width.
    public var law: Distribution
    public var location: SourceLocation

    public init(name: String, dimensions: [String], law: Distribution, location: SourceLocation) {
        self.name = name
        self.dimensions = dimensions
        self.law = law
        self.location = location
    }

    /// The law's mean: where the noise is switched off.
    public var mean: Expr {
        switch law {
        case .normal(let mean, _): mean
        case .uniform(let lower, let upper): (lower + upper) / Expr.number(2)
        case .rademacher: Expr.number(0)
        }
    }

    /// The law's spread: the standard deviation of a normal, the width b - a of a uniform law, 1 for Rademacher. The
    /// noise is random where it is not 0, and a negative spread is no law.
    public var spread: Expr {
        switch law {
        case .normal(_, let standardDeviation): standardDeviation
        case .uniform(let lower, let upper): upper - lower
        case .rademacher: Expr.number(1)
        }
    }
}
