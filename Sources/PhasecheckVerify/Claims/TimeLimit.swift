import PhasecheckExpressions
import PhasecheckNumbers

/// `value E at t = inf == V`: the limit as t grows, decided from E at t = H, 2H, 4H, ... (H the horizon).
///
/// At each time the gap E - V is resolved (precision, or the integrator's tolerance, raised until it is
/// known to a tenth of the target) against the target 10^-digits x S, S the scale of the terms of E and V
/// (`CancellationScale`) at t = H, so that a limit of 0 is judged against the size of what cancelled. The claim
/// - holds once |E - V| is below the target at three successive doublings and not larger at the last
///   than at the first (a falling trend, not a chance crossing) or E settled (its last two changes below the
///   target, as below), with the last gap plus the last change still within the target (room for the change to
///   come: a gap that falls because E crosses V is no convergence), or V lies within E's enclosure at all three;
/// - fails once E has settled away from V: its changes between successive doublings shrink at least by
///   half twice in a row (geometric convergence, so the change still to come is at most the last one), and
///   |E - V| exceeds that change plus the target;
/// With a reference known to k digits (`digits k`), the target is half a unit in its k-th digit instead, on the side E
/// lies (`limitTarget`: toward 0 from a power of ten, half a unit of the decade below, as for every rounded reference).
/// - is undecided, with the gap and the last change, when neither happens within `limitDoublings`
///   doublings or the claim's budget (`--max-steps` per integration, `--max-seconds`).
/// Before each batch of samples is judged, the limit is tried by contraction (`limitByContraction`): a proof
/// that the state tends to an equilibrium x*, and E to E(x*), where that applies; it is no longer tried once the
/// state is found near an equilibrium with no Lyapunov norm and a singular Jacobian (a curve of minima).
/// A vector or matrix E is judged entry by entry (V may be a scalar, compared with every entry): the claim
/// fails as soon as one entry fails, holds once every entry holds at the same doubling, and reports the
/// entry that failed, or else the one whose gap is largest against its target.
extension ClaimCheck {
    static let limitDoublings = 24

    /// E and V at one time, resolved as far as the precision cap allows.
    struct LimitSample {
        var time: BigRational
        var value: BigInterval
        var expected: BigInterval
        var gap: (lower: BigFloat, upper: BigFloat)
        /// The gap the claim holds below, and `failTarget` the one it must exceed to fail (`limitTarget`).
        var target: BigFloat
        var failTarget: BigFloat
        var scale: BigFloat
        /// scale x 10^-required: the claim's own digits, finer than `target` where the reference is known to fewer.
        var requiredTarget: BigFloat
    }

    mutating func checkLimitInTime(_ e: Expr, expected: Expr, along: Trajectory, knownDigits: Int?, shape: Shape) throws {
        let exprs = [e, expected, along.cancellationScale(of: e, digits: required), along.cancellationScale(of: expected, digits: required)]
        /// Per time, one sample per entry.
        var samples: [[LimitSample]] = []
        var t = try horizon
        /// Why the doublings stopped early: the claim's budget (`--max-steps`, `--max-seconds`) ran out.
        var stopped: String? = nil
        let label = { (component: Int) in shape.count == 1 ? [] : [("component", shape.componentLabel(component))] }
        // Why the contraction route has not proved the limit (said with a sampled or undecided verdict).
        var notContracted: String
        let setting: FixedPointSetting?
        /// Built once the contraction is first tried (nil inside: no exactly conserved quantity is claimed).
        var restriction: LevelSetRestriction?? = nil
        /// The last refusal at a singular equilibrium (`SingularEquilibrium`): the proof, a Newton search and a
        /// Lyapunov solve each time, is not retried while the state stays near where it was refused.
        var singularRefusal: LimitNotContracted? = nil
        switch limitContractionSetting(quantities: [e, expected]) {
        case .success(let s): (setting, notContracted) = (s, "")
        case .failure(let refusal): (setting, notContracted) = (nil, refusal.reason)
        }
        defer {
            if !notContracted.isEmpty {
                if status == .undecided, let reason = undecidedReason {
                    undecidedReason = reason + "; not proved by contraction: " + notContracted
                } else {
                    detail += "; sampled, not proved by contraction: " + notContracted
                }
            }
        }
        // E at t = 0, per entry: E has settled only once it moved from there (nil where E(0) has no finite value).
        let origin = (try? along.values(of: [e], at: [Expr.number(0)], bits: startBits))?[0][0]
        // Times come in batches of four doublings: one integration reaches all of them. The work is bounded by
        // the claim's budget alone (steps per integration, and its seconds when given), so without
        // `--max-seconds` the verdict does not depend on the machine's load.
        doubling: while samples.count < Self.limitDoublings {
            let batch = (0..<Swift.min(4, Self.limitDoublings - samples.count)).map { t * BigRational(1 << $0) }
            t = batch.last! * 2
            let batchSamples: [[LimitSample]]
            do {
                batchSamples = try limitSamples(exprs, at: batch, along: along, knownDigits: knownDigits,
                                                scalesAtStart: samples.first?.map(\.scale))
                let start = samples.first ?? batchSamples[0]
                // A contraction that cannot be tried (an integration error, a value not finite) proves nothing;
                // the samples go on.
                if let setting {
                    if restriction == nil { restriction = .some(levelSetRestriction(of: setting)) }
                    switch Result(catching: { try limitByContraction(e, expected: expected, setting: setting, restriction: restriction ?? nil,
                                                                     along: along, at: batch.last!, bits: startBits, skipping: singularRefusal) }) {
                    case .success(.success(let contracted)):
                        if finishContractedLimit(contracted, knownDigits: knownDigits, scales: start.map(\.scale), along: along, label: label) {
                            notContracted = ""
                            return
                        }
                        notContracted = "E(x*) and V over the enclosure of the equilibrium x* are too wide to decide"
                    case .success(.failure(let refusal)):
                        notContracted = refusal.reason
                        singularRefusal = refusal.singular == nil ? nil : refusal
                    case .failure(let error): notContracted = "\(error)"
                    }
                }
            } catch let exhausted as BudgetExhausted where !samples.isEmpty {
                stopped = "the integration to t = \(decimal(batch.last!)) for the next doublings: " + exhausted.description
                break doubling
            }
            for sample in batchSamples {
                samples.append(sample)
                if let (outcome, component) = decideEntrywise(samples, origin: origin) {
                    finishLimit(outcome, samples.map { $0[component] }, component: component, label: label(component), along: along)
                    return
                }
            }
        }
        let component = Self.worstEntry(samples.last!)
        let entry = samples.map { $0[component] }
        finishLimit(.undecided, entry, component: component, label: label(component), along: along)
        let last = entry.last!
        let change = entry.count > 1 ? changeBetween(entry[entry.count - 2], last) : nil
        undecidedReason = (shape.count == 1 ? "" : "entry \(shape.componentLabel(component)): ")
            + "at t = \(decimal(last.time)) |E - V| <= \(last.gap.upper.formatted(significantDigits: 3)) against the target \(last.target.formatted(significantDigits: 3))"
            + (change.map { ", E still changing by up to \($0.formatted(significantDigits: 3)) per doubling" } ?? "")
            + (stopped.map { "; stopped: " + $0 } ?? "; stopped after \(Self.limitDoublings) doublings of t")
    }

    /// E and V at the given times, entry by entry, the precision raised until every gap is resolved: known
    /// to a tenth of its target, or certainly above it (or the cap or the deadline is reached).
    ///
    /// The scale of each entry is the one at the first time (`scalesAtStart`, H), not at each time: a quantity
    /// that decays without cancelling (t^3 e^-t -> 0) has a scale that falls with it, so a target relative to it
    /// could never be met, and one whose cancellation is amplified ((x - c/k) e^(kt)) has a scale that grows
    /// with t, so a target relative to it would accept anything.
    func limitSamples(_ exprs: [Expr], at times: [BigRational], along: Trajectory, knownDigits: Int?,
                      scalesAtStart: [BigFloat]? = nil) throws -> [[LimitSample]] {
        try escalation.along(along).first { bits, isLast in
            let values = try along.values(of: exprs, at: times.map { Expr.number($0) }, bits: bits)
            var samples: [[LimitSample]] = []
            var resolved = true
            var startScales = scalesAtStart
            timeLoop: for (t, atTime) in zip(times, values) {
                let count = Swift.max(atTime[0].count, atTime[1].count)
                guard atTime.allSatisfy({ $0.count == count || $0.count == 1 }) else {
                    throw CheckError("the two sides have \(atTime[0].count) and \(atTime[1].count) entries")
                }
                // The entry c of each of E, V and their scales (a scalar stands for every entry).
                func entry(_ i: Int, _ c: Int) -> BigInterval { atTime[i].count == 1 ? atTime[i][0] : atTime[i][c] }
                var atThisTime: [LimitSample] = []
                // An entry of a vector or matrix V given as 0 beside nonzero ones is judged against V's largest entry, as
                // a reference known to k digits is: against its own size at H (H[1, 3] ~ 1e-25 in Brockett's sort to
                // diag(1, 2, 4)) the target was so fine that contraction could not meet it and sampling took t = 320.
                let referenceScale = atTime[1].count > 1 ? atTime[1].map(\.magnitudeLower).reduce(BigFloat(0, precision: bits)) { BigFloat.max($0, $1) }
                    : BigFloat(0, precision: bits)
                for c in 0..<count {
                    let (value, expected) = (entry(0, c), entry(1, c))
                    guard value.isFinite, expected.isFinite else {
                        if !isLast && !deadline.isExpired { resolved = false; break timeLoop }
                        throw UndefinedValueError(time: Expr.number(t), undefined: value.isNaN || expected.isNaN, bits: bits)
                    }
                    let scale = startScales?[c] ?? BigFloat.max(BigFloat.max(entry(2, c).magnitudeLower, entry(3, c).magnitudeLower),
                                                                BigFloat.max(value.magnitudeLower, expected.magnitudeUpper.isZero ? referenceScale : expected.magnitudeLower))
                    let target = limitTarget(value: value, expected: expected, scale: scale, knownDigits: knownDigits)
                    let gap = Self.gap(between: value, and: expected)
                    atThisTime.append(LimitSample(time: t, value: value, expected: expected, gap: gap, target: target.holds, failTarget: target.fails,
                                                  scale: scale, requiredTarget: requiredTarget(scale)))
                    if (gap.upper - gap.lower) * BigFloat(10, precision: 64) > target.holds && gap.lower <= target.fails { resolved = false }
                }
                samples.append(atThisTime)
                if startScales == nil { startScales = atThisTime.map(\.scale) }
            }
            let complete = samples.count == times.count
            return complete && (resolved || isLast || deadline.isExpired) ? samples : nil
        }
    }

    /// scale x 10^-required: the target of an exact reference.
    func requiredTarget(_ scale: BigFloat) -> BigFloat { scale * BigFloat.pow(BigFloat(10, precision: 64), -required) }

    /// The gap |E - V| a limit holds below (`holds`) and the one it must exceed to fail (`fails`), `scale` that of the
    /// entry at the first time sampled. A reference known to k digits: the half units of its rounding on the side E
    /// lies (`RoundingHalfUnits`: toward 0 only half a unit of the decade below at a power of ten, as for every claim
    /// with `digits k`); one given as 0: half a unit in the k-th digit of the scale, as for an exact 0
    /// (`roundingOutcome`). An exact reference: the claim's own digits of the scale.
    func limitTarget(value: BigInterval, expected: BigInterval, scale: BigFloat, knownDigits: Int?) -> (holds: BigFloat, fails: BigFloat) {
        guard let k = knownDigits else { let t = requiredTarget(scale); return (t, t) }
        if expected.magnitudeUpper.isZero { let t = halfUnit(ofMagnitude: scale, digits: k); return (t, t) }
        return RoundingHalfUnits(reference: expected, digits: k).onTheSide(of: value, from: expected)
    }

    /// The smallest and largest possible |E - V| over the two enclosures, rounded outward.
    static func gap(between value: BigInterval, and expected: BigInterval) -> (lower: BigFloat, upper: BigFloat) {
        let upper = BigFloat.max(BigFloat.abs(BigFloat.difference(value.upper, expected.lower, rounding: .up)),
                                 BigFloat.abs(BigFloat.difference(expected.upper, value.lower, rounding: .up)))
        let lower = BigFloat.max(BigFloat.max(BigFloat.difference(expected.lower, value.upper, rounding: .down),
                                              BigFloat.difference(value.lower, expected.upper, rounding: .down)),
                                 BigFloat(0, precision: Swift.max(value.precision, expected.precision)))
        return (lower, upper)
    }

    /// The outcome once decided, with the entry to report: the first that fails, or, when every entry
    /// holds at this doubling, the worst.
    func decideEntrywise(_ samples: [[LimitSample]], origin: [BigInterval]? = nil) -> (Outcome, Int)? {
        let outcomes = samples[0].indices.map { c in
            decideLimit(samples.map { $0[c] }, origin: origin.flatMap { $0.count == 1 ? $0[0] : c < $0.count ? $0[c] : nil }.flatMap { $0.isFinite ? $0 : nil })
        }
        if let failing = outcomes.firstIndex(of: .fails) { return (.fails, failing) }
        if outcomes.allSatisfy({ $0 == .holds }) { return (.holds, Self.worstEntry(samples.last!)) }
        return nil
    }

    /// The entry whose gap is largest against its target (cross-multiplied, so a zero target is no NaN).
    static func worstEntry(_ entries: [LimitSample]) -> Int {
        entries.indices.dropFirst().reduce(0) { worst, c in
            entries[c].gap.upper * entries[worst].target > entries[worst].gap.upper * entries[c].target ? c : worst
        }
    }

    /// The largest possible change of E between two samples.
    func changeBetween(_ a: LimitSample, _ b: LimitSample) -> BigFloat {
        BigFloat.max(BigFloat.abs(b.value.upper - a.value.lower), BigFloat.abs(a.value.upper - b.value.lower))
    }

    /// - Parameter origin: E at t = 0 (nil: not known).
    func decideLimit(_ samples: [LimitSample], origin: BigInterval? = nil) -> Outcome? {
        let n = samples.count
        guard n >= 3 else { return nil }
        let changes = (Swift.max(n - 3, 1)..<n).map { changeBetween(samples[$0 - 1], samples[$0]) }
        // Settled: E no longer changes at the digits asked over the last two doublings, once t reached the unit
        // the file's rates are stated in or E certainly moved from its value at t = 0.
        // At a horizon far below E's time scale E has not started to move at the digits asked, which is not
        // settling (a horizon of 1e-300 made `a -> astar` fail on the logistic curve); a quantity constant for
        // all t, sampled from t = 1 on, has settled.
        let last = samples[n - 1].value
        let moved = samples[n - 1].time >= 1
            || (origin.map { BigFloat.max(last.lower - $0.upper, $0.lower - last.upper) > samples[n - 1].target } ?? true)
        let settled = moved && changes.suffix(2).allSatisfy { $0 <= samples[n - 1].target }
        let last3 = samples[(n - 3)...]
        // A gap that is V's own rounding error (V known to k digits) neither falls nor grows beyond E's last changes
        // (it made a true limit undecided). Settled this way counts only for such a V, and only when E's last two
        // changes and the gap's growth are below the claim's own digits, not only V's k: a slow drift through V
        // (changes below 10^-k, the gap growing) is not a limit.
        let final = samples[n - 1]
        let settledFinely = moved && final.target > final.requiredTarget
            && changes.suffix(2).allSatisfy { $0 <= final.requiredTarget }
            && final.gap.upper <= samples[n - 3].gap.upper + final.requiredTarget
        // Below the target, and either falling or settled finely with room in the target for the change still to come
        // (the last change between doublings, as the fails rule allows it), or not distinguishable from V at all (V within
        // E's enclosure: an E equal to V after cancellation, whose enclosure widens with t along an integration). A gap
        // falls also when E crosses V (0.9994 + 0.0086 exp(-t/10) at t = 10, 20, 40 is 1.0026, 1.0006, 0.99956): without
        // the room the limit 0.9994 HELD as 1 to 3 digits; such samples are undecided until E settles.
        let roomForTheTail = BigFloat.sum(final.gap.upper, changes.last!, rounding: .up) <= final.target
        if last3.allSatisfy({ $0.gap.upper <= $0.target })
            && ((roomForTheTail && (final.gap.upper <= samples[n - 3].gap.upper || settledFinely)) || last3.allSatisfy { $0.gap.lower.isZero }) { return .holds }
        let half = BigFloat(BigRational(1, 2), precision: 64)
        let geometric = changes.count == 3 && changes[1] <= changes[0] * half && changes[2] <= changes[1] * half
        if (geometric || settled) && samples[n - 1].gap.lower > changes.last! + samples[n - 1].failTarget { return .fails }
        return nil
    }

    /// Records the outcome of one entry's samples (`component` its index, `label` how reports name it).
    mutating func finishLimit(_ outcome: Outcome, _ samples: [LimitSample], component: Int, label: [(String, String)], along: Trajectory) {
        let last = samples.last!
        let reached = outcome == .holds ? samples[samples.count - 3].time : last.time
        // The agreement is E's at the last time sampled, not the limit's: equal there at the bits computed is those bits'
        // digits, never `exact` (sampling proves no limit, whether along a closed form or an integration). Along an
        // integration E is the estimate, resolved to a tenth of the target and no further: its agreement is shown to the
        // target's digits at most (l01's c(80) - 1 ~ 1e-46 along the flow showed 46 digits an estimate to 30 cannot give).
        var agreement = Agreement.between(last.value, last.expected, floor: last.scale)
        if !along.isCertified {
            // (The claim's own digits for an exact reference: its target is 10^-required of the scale, whose logarithm in
            // doubles may fall a hair short of them.)
            let scale = BigFloat.max(last.scale, BigFloat.max(last.value.magnitudeUpper, last.expected.magnitudeUpper))
            let targetDigits = last.target == last.requiredTarget ? Double(required) : Agreement.digits(gap: last.target, scale: scale)
            agreement.atLeast = Swift.min(agreement.atLeast, targetDigits)
        } else if agreement.atLeast == .infinity {
            agreement = Self.equalToWorkingPrecision(bits: Swift.max(last.value.precision, last.expected.precision))
        }
        let point = Point(agreement: agreement, time: Expr.number(last.time),
                          pair: 0, component: component, left: last.value, right: last.expected)
        record(outcome, point, count: samples.count) { _ in label + [("t", "inf (" + (outcome == .holds ? "below the target from \(decimal(reached)) to \(decimal(last.time))" : "last t = \(decimal(last.time))") + ")")] }
        switch outcome {
        case .holds: detail = "|E - V| below 10^-\(required) x \(last.scale.formatted(significantDigits: 3)) at t = \(decimal(reached)), \(decimal(reached * 2)), \(decimal(last.time))"
        case .fails: detail = "E settled away from V: its changes between doublings of t shrink geometrically (or no longer show at the digits asked) and the last, \(changeBetween(samples[samples.count - 2], last).formatted(significantDigits: 3)), is smaller than the gap"
        case .undecided: detail = "E at t = \(samples.map { decimal($0.time) }.joined(separator: ", "))"
        }
    }
}
