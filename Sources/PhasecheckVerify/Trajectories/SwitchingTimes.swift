import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckNumbers
import Synchronization

/// A time at which an integration switched the branch of abs, min or max in the right-hand side (crossed a
/// kink), as reports show it.
public struct SwitchingTime: Sendable, Hashable {
    /// The time, to the digits on which the integrations at the two tolerances agree.
    public var time: String
    /// The piecewise function that switched, over the model's symbols (`abs(x)`, `max(w[1]*x, 0)`).
    public var function: String
    /// How the time is known. Always `estimated`: the integrator locates a switch to its working precision
    /// from its own truncation-error estimate (it is not a validated integrator), and the digits shown are
    /// those two tolerances agree on, so no certified enclosure is claimed.
    public var basis: String { "estimated" }
}

/// Collects the switching times of the integrations one claim runs with the claim's own parameter values
/// (identity claims also integrate at random draws, whose switches are not reported). The latest
/// integration wins: comparisons raise the tolerance, so it is the most precise.
final class SwitchingLog: Sendable {
    private let parameters: [String: Expr]
    private let latest = Mutex<[SwitchingTime]>([])

    init(for model: Model) { parameters = model.parameterValues }

    var times: [SwitchingTime] { latest.withLock { $0 } }

    /// Records the switches of one pair of integrations (at the coarser and the finer tolerance) of `model`.
    func record(fine: [SwitchingEvent<BigFloat>], rough: [SwitchingEvent<BigFloat>], system: ODESystem, model: Model) {
        guard model.parameterValues == parameters, !fine.isEmpty || !rough.isEmpty else { return }
        let paired = fine.count == rough.count && zip(fine, rough).allSatisfy { $0.register == $1.register && $0.branch == $1.branch }
        let times = fine.enumerated().map { i, event in
            let time: String
            if paired {
                let spread = BigFloat.abs(event.time - rough[i].time)
                time = BigInterval(lower: event.time - spread, upper: event.time + spread).reportText
            } else {
                time = "unresolved (the integrations at two tolerances switch at different places)"
            }
            return SwitchingTime(time: time, function: system.expression(ofRegister: event.register).description)
        }
        latest.withLock { $0 = times }
    }
}
