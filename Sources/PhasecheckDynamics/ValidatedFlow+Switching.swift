import PhasecheckNumbers

/// A switch of piecewise functions (one switching argument) that a validated enclosure crossed.
public struct ValidatedSwitch: Sendable {
    /// Every trajectory from the enclosed initial values switches within this time interval.
    public let time: BigInterval
    public let functions: [SwitchingFunction]
    /// The tape registers the functions write (`ODESystem.expression(ofRegister:)` names them).
    public let registers: [Int]
}

/// The passage of a switch: on [start, end] every trajectory from `startState` stays in `box` and moves with
/// a velocity in `field`, the hull of the right-hand side over `box` on every branch it may take there, so
/// x(start + tau) ∈ startState + tau field (a first-order enclosure, over an interval as short as the
/// crossing times of the box's trajectories are spread).
struct SwitchCrossing {
    let start: BigFloat
    let end: BigFloat
    let startState: [BigInterval]
    let box: [BigInterval]
    let field: [BigInterval]
    let endState: [BigInterval]

    func enclosure(at time: BigInterval) -> [BigInterval] {
        let tau = time - BigInterval(start)
        let elapsed = BigInterval(lower: BigFloat.max(tau.lower, BigFloat(0, precision: tau.precision)), upper: tau.upper)
        return zip(zip(startState, field).map { $0 + elapsed * $1 }, box).map(ValidatedFlow.intersection)
    }
}

/// Switches of piecewise right-hand sides (abs, min, max, x/abs(x)) in the validated flow.
///
/// A step runs on the branches certified over its starting box X (each branch's formula is smooth across the
/// switch, so the Picard test and the Taylor form S(tau) hold for that formula's flow). When the a priori box
/// B may contain a switch, i.e. the switching argument G of some group of functions (see
/// `SwitchingArgument`) is not certainly of the branch's sign s there:
/// 1. G must move toward 0 monotonically on B (its rate dG/dt certainly of sign -s there; of sign s, G
///    cannot reach 0 in the step); otherwise the step is halved, and refused as grazing in the end.
/// 2. The instants at which the trajectories reach 0 are bracketed by the interval Newton iteration
///    tau ∈ m - G(S(m)) / G'(S([lo, hi])) (each trajectory's G is monotone, so its zero is unique, and the
///    mean value theorem puts it in the Newton image). The smooth part of the step ends at the bracket's
///    lower end, where no trajectory has switched yet.
/// 3. From there, over a duration D (twice the bracket's width, doubled until it suffices), a box B2 holds
///    every trajectory whatever branch it is on: X + [0, D] F(B2) ⊆ B2 with F the hull of the field over
///    every branch the switching groups may take (2^k configurations for k groups). On B2 each switching
///    group's rate must have one certain sign on every branch (a transversal crossing: one zero per
///    trajectory, no sliding), and every other group must keep its sign. The state at the end is
///    X + D F(B2) ∩ B2, where every group must have a certain sign again (else D is doubled).
/// A step that starts on a switch (G(X) contains 0) starts with step 3.
extension ValidatedFlow {
    /// Most switching groups crossed in one passage (the field's hull is over 2^k branch configurations).
    static var maximumSimultaneousSwitches: Int { 3 }
    /// Doublings of a passage's duration before refusing.
    static var maximumPassageDoublings: Int { 64 }
    /// Interval Newton iterations bracketing a switch (they stop earlier once the bracket stops halving).
    static var newtonIterations: Int { 40 }

    /// The branches of a step's starting box: certain for every function, or some groups on their switch.
    enum StartingBranches {
        case certain([Int])
        /// `base` holds the branches of the other groups; `estimate`, how long the box takes to leave the switch.
        case onSwitch(base: [Int], groups: [Int], estimate: BigFloat)
    }

    /// A group whose switch an a priori box may contain, moving toward it: `branch` is the sign of its
    /// argument before the switch.
    struct SwitchApproach {
        let group: Int
        let branch: Int
        /// The argument's rate over the a priori box (certainly of sign -branch).
        let rate: BigInterval
    }

    var kinks: [Kink] { solution.engine.kinks }

    /// The sign of the shared argument of `group` on the branches `configuration` (one entry per kink).
    func groupSign(_ group: Int, in configuration: [Int]) -> Int {
        let k = switchGroups[group][0]
        return configuration[k] * kinks[k].sign
    }

    /// The functions of a group, for messages: `abs`, `max`, ...
    func names(_ group: Int) -> String {
        Set(switchGroups[group].map { kinks[$0].kind.rawValue }).sorted().joined(separator: "/")
    }

    /// The shared argument of every group, its rate along the flow, and the right-hand side, over `states` on
    /// the branches `configuration` (0: free, the sign at the box's midpoint).
    mutating func switchingValues(over states: [BigInterval], time: BigInterval, configuration: [Int])
        -> (values: [BigInterval], rates: [BigInterval], field: [BigInterval]) {
        switching!.engine.pinned = configuration
        _ = switching!.engine.computeCoefficients(state: states, time: time)
        charge(switching!.engine)
        let engine = switching!.engine
        func shared(_ group: [Int], _ order: Int) -> BigInterval {
            // This engine's kinks: their buffer offsets follow its order.
            let kink = engine.kinks[group[0]]
            let value = engine.switchingCoefficient(kink, order)
            return kink.sign > 0 ? value : -value
        }
        return (switchGroups.map { shared($0, 0) }, switchGroups.map { shared($0, 1) },
                (0..<system.dimension).map { engine.stateCoefficient($0, 1) })
    }

    /// The hull of the right-hand side over `states` on each of the branch `configurations`.
    mutating func fieldHull(over states: [BigInterval], time: BigInterval, configurations: [[Int]]) -> [BigInterval] {
        let fields = configurations.map { switchingValues(over: states, time: time, configuration: $0).field }
        return fields.dropFirst().reduce(fields[0]) { zip($0, $1).map(Self.hull) }
    }

    /// `base` with every combination of branches of `groups`.
    func configurations(_ base: [Int], flipping groups: [Int]) -> [[Int]] {
        groups.reduce([base]) { partial, group in
            partial.flatMap { configuration in
                [1, -1].map { sign in
                    var c = configuration
                    for k in switchGroups[group] { c[k] = sign * kinks[k].sign }
                    return c
                }
            }
        }
    }

    static func certainSign(_ x: BigInterval) -> Int { x.lower.sign > 0 ? 1 : x.upper.sign < 0 ? -1 : 0 }

    /// The branches over a step's starting box.
    mutating func branches(over x: [BigInterval], at t: BigFloat) throws -> StartingBranches {
        guard switching != nil else { return .certain([]) }
        let (values, rates, _) = switchingValues(over: x, time: BigInterval(t), configuration: kinks.map { _ in 0 })
        var base = kinks.map { _ in 0 }
        var onSwitch: [Int] = []
        var estimate = BigFloat(0, precision: context.precision)
        for (g, group) in switchGroups.enumerated() {
            let sign = Self.certainSign(values[g])
            if sign == 0 {
                onSwitch.append(g)
                // The time to leave it at the rate's smallest magnitude, when that is known.
                if Self.certainSign(rates[g]) != 0 {
                    let rate = BigFloat.min(BigFloat.abs(rates[g].lower), BigFloat.abs(rates[g].upper))
                    estimate = BigFloat.max(estimate, (BigInterval(values[g].magnitudeUpper) / BigInterval(rate)).upper)
                }
            }
            for k in group { base[k] = sign * kinks[k].sign }
        }
        return onSwitch.isEmpty ? .certain(base) : .onSwitch(base: base, groups: onSwitch, estimate: estimate)
    }

    /// The groups whose switch the a priori box (the coefficients `engine` took last) may contain while their
    /// argument moves toward it; a failure when an argument's rate may vanish there too (a shorter step,
    /// with a smaller box, may still tell).
    func switchesInReach(of engine: TaylorCoefficientEngine<IntervalContext>, branches: [Int]) -> Result<[SwitchApproach], AprioriFailure> {
        var approaches: [SwitchApproach] = []
        for (g, group) in switchGroups.enumerated() {
            let kink = kinks[group[0]]
            let s = groupSign(g, in: branches)
            let value = engine.switchingCoefficient(kink, 0), rate = engine.switchingCoefficient(kink, 1)
            if Self.certainSign(value) * kink.sign == s { continue }
            switch Self.certainSign(rate) * kink.sign {
            case s: continue   // moving away from the switch on all of the box
            case -s: approaches.append(SwitchApproach(group: g, branch: s, rate: kink.sign > 0 ? rate : -rate))
            default:
                return .failure(AprioriFailure(message: "the switching argument of \(names(g)) and its rate may both vanish on the a priori box (a grazing switch)"))
            }
        }
        return .success(approaches)
    }

    /// The switch some trajectory may reach first within the step: the bracket of tau holding every zero of
    /// its group's argument in the step (`switchBracket`), and the group; nil when no trajectory reaches one.
    mutating func firstSwitch(_ approaches: [SwitchApproach], of taylor: TaylorForm, from t: BigFloat, to stepEnd: BigFloat,
                              branches: [Int]) -> (tau: (lower: BigFloat, upper: BigFloat, width: BigFloat), group: Int)? {
        var first: (tau: (lower: BigFloat, upper: BigFloat, width: BigFloat), group: Int)? = nil
        for approach in approaches {
            guard case let (lo, hi)? = switchBracket(approach, of: taylor, from: t, to: stepEnd, branches: branches) else { continue }
            if first == nil || lo < first!.tau.lower { first = ((lo, hi, hi - lo), approach.group) }
        }
        return first
    }

    /// The interval of tau in [0, stepEnd - t] holding every trajectory's zero of the group's argument, by
    /// the interval Newton iteration on G(S(tau)); nil when none has its zero there.
    mutating func switchBracket(_ approach: SwitchApproach, of taylor: TaylorForm, from t: BigFloat, to stepEnd: BigFloat,
                                branches: [Int]) -> (BigFloat, BigFloat)? {
        let time = BigInterval(t), g = approach.group
        var lo = BigFloat(0, precision: context.precision), hi = (BigInterval(stepEnd) - time).upper
        for _ in 0..<Self.newtonIterations {
            let bracket = BigInterval(lower: lo, upper: hi)
            let m = bracket.midpoint
            let value = switchingValues(over: taylor.enclosure(at: BigInterval(m)), time: time + BigInterval(m), configuration: branches).values[g]
            // The rate over the form's enclosure of the bracket, within its enclosure over the whole a priori box.
            let rate = Self.intersection(switchingValues(over: taylor.enclosure(at: bracket), time: time + bracket, configuration: branches).rates[g],
                                         approach.rate)
            let image = BigInterval(m) - value / rate
            let (newLo, newHi) = (BigFloat.max(lo, image.lower), BigFloat.min(hi, image.upper))
            if newHi < newLo { return nil }
            let halved = BigFloat.scaled(newHi - newLo, byPowerOfTwo: 1) < hi - lo
            (lo, hi) = (newLo, newHi)
            if !halved { break }
        }
        return (lo, hi)
    }

    /// The passage of the switches of `groups` from the box x at t (see the extension's documentation).
    /// `approached`: the group a smooth step ran into, the Newton bracket of its trajectories' switching times
    /// within that step, and the step's end (the bracket holds every switching time if all of them are before it).
    mutating func cross(from x: [BigInterval], at t: BigFloat, groups initial: [Int], branches: [Int], estimate: BigFloat,
                        approached: (group: Int, bracket: BigInterval, stepEnd: BigFloat)?) throws -> SwitchCrossing {
        var groups = initial
        let time = BigInterval(t), zero = BigFloat(0, precision: context.precision)
        let place = "near t = \(t.doubleValue)"
        // A few units in the last place of t: the shortest duration that moves t.
        let shortest = BigFloat.scaled(BigFloat.max(BigFloat.abs(t), BigFloat(1, precision: context.precision)), byPowerOfTwo: 16 - context.precision)
        var duration = BigFloat.max(BigFloat.scaled(estimate, byPowerOfTwo: 1), shortest)
        var doublings = 0
        while doublings < Self.maximumPassageDoublings {
            let end = (time + BigInterval(duration)).upper
            let tau = BigInterval(end) - time
            let span = BigInterval(lower: t, upper: end)
            let configurations = self.configurations(branches, flipping: groups)
            let box: [BigInterval], field: [BigInterval]
            switch apriori(x, span: span, tau: BigInterval(lower: zero, upper: tau.upper), configurations: configurations) {
            case .success(let found): (box, field) = found
            case .failure(let failure):
                throw ValidationRefusal(time: t.doubleValue, message: "no enclosure across the switch of \(groups.map(names).joined(separator: ", ")) \(place) (\(failure.message))")
            }
            // On the box every group that may switch moves one way on every branch; the others keep theirs.
            let onBox = configurations.map { switchingValues(over: box, time: span, configuration: $0) }
            var joining: [Int] = []
            for g in switchGroups.indices {
                if groups.contains(g) {
                    let rates = Set(onBox.map { Self.certainSign($0.rates[g]) })
                    guard !rates.contains(0) else {
                        throw ValidationRefusal(time: t.doubleValue, message: "the switching argument of \(names(g)) and its rate may both vanish \(place) (a grazing switch): not validated past it")
                    }
                    guard rates.count == 1 else {
                        throw ValidationRefusal(time: t.doubleValue, message: "the flow on either side of the switch of \(names(g)) \(place) drives its argument back to 0 (sliding mode or chattering): no classical solution past it")
                    }
                } else if !onBox.allSatisfy({ Self.certainSign($0.values[g]) == groupSign(g, in: branches) }) {
                    joining.append(g)
                }
            }
            if !joining.isEmpty {
                groups += joining
                guard groups.count <= Self.maximumSimultaneousSwitches else {
                    throw ValidationRefusal(time: t.doubleValue, message: "more than \(Self.maximumSimultaneousSwitches) switching arguments may vanish together \(place): not validated past them")
                }
                continue
            }
            let endState = zip(zip(x, field).map { $0 + tau * $1 }, box).map(Self.intersection)
            let atEnd = configurations.map { switchingValues(over: endState, time: BigInterval(end), configuration: $0).values }
            let signs = groups.map { g in Set(atEnd.map { Self.certainSign($0[g]) }) }
            if signs.allSatisfy({ $0.count == 1 && !$0.contains(0) }) {
                let switched = zip(groups, signs).filter { groupSign($0.0, in: branches) != $0.1.first! }.map(\.0)
                if !switched.isEmpty { statistics.switches += 1 }
                for g in switched {
                    // Every trajectory switches in the passage; the approached group's trajectories, if they all
                    // switch before the smooth step's end (the passage ends there), within its Newton bracket too.
                    var time = span
                    if let approached, approached.group == g, !(approached.stepEnd < end) { time = Self.intersection(approached.bracket, span) }
                    switches.append(ValidatedSwitch(time: time, functions: switchGroups[g].map { kinks[$0].kind },
                                                    registers: switchGroups[g].map { kinks[$0].register }))
                }
                return SwitchCrossing(start: t, end: end, startState: x, box: box, field: field, endState: endState)
            }
            duration = BigFloat.scaled(duration, byPowerOfTwo: 1)
            doublings += 1
        }
        throw ValidationRefusal(time: t.doubleValue, message: "the enclosure could not be taken across the switch of \(groups.map(names).joined(separator: ", ")) \(place): it stayed on both sides of it")
    }

    /// a ∩ b for two enclosures of the same values (b when a says nothing).
    static func intersection(_ a: BigInterval, _ b: BigInterval) -> BigInterval {
        guard !a.isNaN, !b.isNaN else { return a.isNaN ? b : a }
        let lower = BigFloat.max(a.lower, b.lower), upper = BigFloat.min(a.upper, b.upper)
        return upper < lower ? b : BigInterval(lower: lower, upper: upper)
    }
}
