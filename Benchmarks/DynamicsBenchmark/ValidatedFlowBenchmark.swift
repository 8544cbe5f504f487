#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckNumbers

/// `DynamicsBenchmark validated`: what the validated enclosure (`ValidatedFlow`) costs against the error
/// estimate it stands behind (two MPFR integrations at 40 and 50 digits, as `IntegratedTrajectory` runs them
/// for a 30-digit claim), in CPU seconds, and how its width grows with t (the centred form).
func validatedBenchmark() throws {
    struct Flow { let name: String; let system: ODESystem; let parameters: [String: BigRational]; let initial: [BigRational]; let times: [Int] }
    let x = Expr.symbol("x"), y = Expr.symbol("y"), a = Expr.symbol("a")
    let one = Expr.number(1)
    func system(_ names: [String], _ f: [Expr], _ parameters: [String] = []) throws -> ODESystem {
        try ODESystem(state: names.map { ODESystem.Variable($0) }, rightHandSides: f, parameters: parameters.map { ODESystem.Variable($0) }, timeSymbol: nil)
    }
    let q = { (s: String) in BigRational(s)! }
    let flows = [
        Flow(name: "flagship Case A (d = 3)", system: try flagship(width: 3),
             parameters: ["eta_u": 1, "eta_w": 1, "gamma": q("0.5"), "kappa": 1, "astar": 1],
             initial: ["1", "-2", "0.5", "0.3", "1", "-1"].map(q), times: [1, 2, 5, 10]),
        Flow(name: "logistic a' = a(1 - a)", system: try system(["a"], [a * (one - a)]), parameters: [:],
             initial: [BigRational(1, 2)], times: [1, 10, 30, 60]),
        Flow(name: "rotation x' = -y, y' = x", system: try system(["x", "y"], [-y, x]), parameters: [:],
             initial: [1, 0], times: [1, 2, 5, 10]),
        Flow(name: "Lotka-Volterra", system: try system(["x", "y"], [Expr.symbol("al") * x - Expr.symbol("be") * x * y, x * y - y], ["al", "be"]),
             parameters: ["al": BigRational(2, 3), "be": BigRational(4, 3)], initial: [1, 2], times: [1, 2, 5, 10]),
    ]
    func cpu(_ body: () throws -> Void) rethrows -> Double {
        let start = clock()
        try body()
        return Double(clock() - start) / Double(CLOCKS_PER_SEC)
    }
    let bits = Precision.bits(forDigits: 30) + 48
    print("30 digits asked: estimate = MPFR integrations at 40 and 50 digits; validated = interval Taylor at \(bits) bits")
    print("flow | estimate CPU s | validated CPU s | ratio | validated steps | max relative width at t = ...")
    for flow in flows {
        var estimate = 0.0
        for tolerance in [40.0, 50.0] {
            let context = MPFRContext(precision: Int(Precision.bits(forDigits: tolerance)) + 32)
            var integrator = try TaylorIntegrator(system: flow.system, parameters: flow.parameters.mapValues { [context.constant($0)] },
                                                  context: context, tolerance: Tolerance(digits: tolerance))
            estimate += try cpu { _ = try integrator.integrate(initial: flow.initial.map(context.constant), from: context.constant(0),
                                                               to: flow.times.map { context.constant($0) }) }
        }
        let context = IntervalContext(precision: bits)
        var validated = try ValidatedFlow(system: flow.system, parameters: flow.parameters.mapValues { [context.constant($0)] }, precision: bits)
        validated.budget.maximumSeconds = nil
        var boxes: [[BigInterval]] = []
        let seconds = try cpu { boxes = try validated.enclose(initial: flow.initial.map(context.constant), at: flow.times.map { context.constant($0) }) }
        let widths = zip(flow.times, boxes).map { t, box in
            let width = box.map { ($0.width / BigFloat.max($0.magnitudeUpper, BigFloat(1, precision: 64))).doubleValue }.max()!
            return "t=\(t): " + String(format: "%.1e", width)
        }
        print(String(format: "%@ | %.3f | %.3f | %.1fx | %d | ", flow.name, estimate, seconds, seconds / estimate, validated.statistics.steps)
              + widths.joined(separator: ", "))
    }
}

/// `DynamicsBenchmark validated-slots`: what the validated enclosure costs as the state grows (the variational
/// equation behind its centred form has n^2 more slots), on the gradient flow of a two-layer linear network
/// W2 W1 (W1 h x d, W2 d x h, whitened inputs, target T): n = 2 d h slots. CPU seconds of the estimate's two
/// MPFR integrations (40 and 50 digits) and of the validated enclosure (its construction, with the symbolic
/// variational system, counted apart), to t = 2 at 30 digits.
func validatedSlotsBenchmark() throws {
    func cpu(_ body: () throws -> Void) rethrows -> Double {
        let start = clock()
        try body()
        return Double(clock() - start) / Double(CLOCKS_PER_SEC)
    }
    let bits = Precision.bits(forDigits: 30) + 48
    print("slots | estimate CPU s | validated setup CPU s | validated CPU s | ratio | steps | max relative width at t = 2")
    for (d, h) in [(2, 2), (3, 2), (3, 3), (4, 3), (5, 3), (4, 4), (5, 4)] {
        let (system, initial) = try twoLayerLinearNetwork(inputs: d, hidden: h)
        let times = [BigRational(2)]
        var estimate = 0.0
        for tolerance in [40.0, 50.0] {
            let context = MPFRContext(precision: Int(Precision.bits(forDigits: tolerance)) + 32)
            var integrator = try TaylorIntegrator(system: system, context: context, tolerance: Tolerance(digits: tolerance))
            estimate += try cpu { _ = try integrator.integrate(initial: initial.map(context.constant), from: context.constant(0),
                                                               to: times.map(context.constant)) }
        }
        let context = IntervalContext(precision: bits)
        var flow: ValidatedFlow? = nil
        let setup = try cpu { flow = try ValidatedFlow(system: system, parameters: [:], precision: bits) }
        flow!.budget.maximumSeconds = nil
        var box: [BigInterval] = []
        let seconds = try cpu { box = try flow!.enclose(initial: initial.map(context.constant), at: times.map(context.constant))[0] }
        let width = box.map { ($0.width / BigFloat.max($0.magnitudeUpper, BigFloat(1, precision: 64))).doubleValue }.max()!
        print(String(format: "%d | %.3f | %.3f | %.3f | %.0fx | %d | %.1e", system.dimension, estimate, setup, seconds,
                     (setup + seconds) / estimate, flow!.statistics.steps, width))
    }
}

/// The gradient flow of L = |W2 W1 - T|^2 / 2 (entrywise): W1' = W2^T (T - W2 W1), W2' = (T - W2 W1) W1^T, with
/// T_ij = (i + 1)/(j + 2) and a small deterministic initial state (entries +-(1 + (k mod 5))/20).
func twoLayerLinearNetwork(inputs d: Int, hidden h: Int) throws -> (ODESystem, [BigRational]) {
    let w1 = (0..<h).map { i in (0..<d).map { j in "u\(i)_\(j)" } }
    let w2 = (0..<d).map { i in (0..<h).map { j in "v\(i)_\(j)" } }
    let error = (0..<d).map { i in (0..<d).map { j in
        "(\(i + 1)/\(j + 2) - (" + (0..<h).map { k in "\(w2[i][k])*\(w1[k][j])" }.joined(separator: " + ") + "))"
    } }
    var names: [String] = [], rightHandSides: [Expr] = []
    for i in 0..<h { for j in 0..<d {
        names.append(w1[i][j])
        rightHandSides.append(try ExpressionParser.parse((0..<d).map { k in "\(w2[k][i])*\(error[k][j])" }.joined(separator: " + ")))
    } }
    for i in 0..<d { for j in 0..<h {
        names.append(w2[i][j])
        rightHandSides.append(try ExpressionParser.parse((0..<d).map { k in "\(error[i][k])*\(w1[j][k])" }.joined(separator: " + ")))
    } }
    let initial = names.indices.map { k in BigRational(1 + k % 5, 20) * BigRational(k % 2 == 0 ? 1 : -1) }
    return (try ODESystem(state: names.map { ODESystem.Variable($0) }, rightHandSides: rightHandSides, timeSymbol: nil), initial)
}
