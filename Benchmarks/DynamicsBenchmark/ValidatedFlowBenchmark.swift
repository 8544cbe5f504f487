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
