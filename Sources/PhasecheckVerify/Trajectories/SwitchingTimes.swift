import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckNumbers
import Synchronization

/// A time at which an integration switched the branch of abs, min or max in the right-hand side (crossed a
/// kink), as reports show it.
public struct SwitchingTime: Sendable, Equatable {
    /// How the time is known.
    public enum Basis: String, Sendable {
        /// Located by the integrator to its working precision from its own truncation-error estimate (it is
        /// not a validated integrator); the digits shown are those the two tolerances agree on.
        case estimated
        /// Bracketed by the validated enclosure of the flow: every trajectory from the initial values
        /// switches within `bracket`.
        case certified
    }

    /// The time: an estimate's digits, or a certified bracket `[a, b]` (`BigInterval.bracketText`).
    public var time: String
    /// The piecewise function that switched, over the model's symbols (`abs(x)`, `max(w[1]*x, 0)`).
    public var function: String
    public var basis: Basis
    /// The certified bracket of the time (nil for an estimate).
    public var bracket: BigInterval? = nil
}

extension BigInterval {
    /// The interval as `[a, b]`, a rounded down and b up (so the text still holds it), to two digits past
    /// those its ends share (at most `maximumDigits`): more would only describe its width.
    public func bracketText(maximumDigits: Int = 60) -> String {
        let shared = (1..<maximumDigits).prefix { certifiedDecimal(significantDigits: $0) != nil }.last ?? 0
        let digits = Swift.min(shared + 2, maximumDigits)
        func text(_ x: BigFloat, _ rounding: Rounding) -> String {
            x.formatted(significantDigits: digits, rounding: rounding).replacingTrailingZerosOfMantissa()
        }
        return "[\(text(lower, .down)), \(text(upper, .up))]"
    }
}

/// Collects the switching times of the integrations one claim runs with the claim's own parameter values
/// (identity claims also integrate at random draws, whose switches are not reported). The latest
/// integration wins: comparisons raise the tolerance, so it is the most precise. Where the validated
/// enclosure of the flow ran, its certified brackets replace the estimates up to the time it reached.
final class SwitchingLog: Sendable {
    private let parameters: [String: Expr]
    private struct Entries {
        /// The integrator's switches, with the times it located them at.
        var estimated: [(time: BigFloat, switch: SwitchingTime)] = []
        /// The validated enclosure's switches, and the time it reached.
        var certified: (switches: [SwitchingTime], reached: BigFloat)? = nil
    }
    private let latest = Mutex<Entries>(Entries())

    init(for model: Model) { parameters = model.parameterValues }

    var times: [SwitchingTime] {
        latest.withLock { entries in
            guard let certified = entries.certified else { return entries.estimated.map(\.switch) }
            return certified.switches + entries.estimated.filter { certified.reached < $0.time }.map(\.switch)
        }
    }

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
            return (event.time, SwitchingTime(time: time, function: system.expression(ofRegister: event.register).description, basis: .estimated))
        }
        let kept = Self.oneSwitchPerKink(fine.map { system.expression(ofRegister: $0.register) }, times: times.map(\.1.time))
        latest.withLock { $0.estimated = kept.map { times[$0] } }
    }

    /// Records the switches a validated enclosure of `model`'s flow crossed on its way to `reached`.
    func record(validated: [ValidatedSwitch], reached: BigInterval, system: ODESystem, model: Model) {
        guard model.parameterValues == parameters else { return }
        let switches = validated.flatMap { crossing in
            let functions = crossing.registers.map { system.expression(ofRegister: $0) }
            return Self.oneSwitchPerKink(functions, times: functions.map { _ in "" }).map {
                SwitchingTime(time: crossing.time.bracketText(), function: functions[$0].description,
                              basis: .certified, bracket: crossing.time)
            }
        }
        latest.withLock { $0.certified = (switches, reached.upper) }
    }

    /// The indices of the switches to report: one per kink and time. The symbolic gradient of `max(h, 0)` holds
    /// its step as `abs(h - 0)`, so a loss with one ReLU put two functions on one kink into the right-hand side,
    /// listed twice; both switch where h = 0. A kink is the zero set of what switches (`Expr.switchingArgument`:
    /// `abs(x)`, `sign(x)`: x; `max(a, b)`, `min(a, b)`: a - b), compared up to sign in canonical form; the first
    /// function (the one written) is kept.
    static func oneSwitchPerKink(_ functions: [Expr], times: [String]) -> [Int] {
        var seen: [(kink: Expr, time: String)] = []
        return functions.indices.filter { i in
            guard let switching = functions[i].switchingArgument else { return true }
            let kink = Simplifier.canonical(switching), opposite = Simplifier.canonical(-switching)
            guard !seen.contains(where: { $0.time == times[i] && ($0.kink == kink || $0.kink == opposite) }) else { return false }
            seen.append((kink, times[i]))
            return true
        }
    }
}
