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

/// `noise xi[d] ~ normal(mean, sd)`: a random input of the `map` lines whose components are independent
/// normals, drawn afresh at every step of every path (a scalar, or a vector of the width, a `dim` or a number of entries).
public struct NoiseVariable: Sendable {
    public var name: String
    public var dimensions: [String]
    /// Constant expressions in the parameters and the width.
    public var mean: Expr
    public var standardDeviation: Expr
    public var location: SourceLocation
}
