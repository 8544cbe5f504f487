import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckNumbers
import Testing

@Suite struct TmpProbeTests {
    @Test func probe() throws {
        let rhs = ["-((a*max(w + b, 0) - 1)*max(w + b, 0) + (a*max(w/2 + b, 0) - 1/2)*max(w/2 + b, 0))",
                   "-((a*max(w + b, 0) - 1)*a*(1 + (w + b)/abs(w + b))/2 + (a*max(w/2 + b, 0) - 1/2)*a*(1 + (w/2 + b)/abs(w/2 + b))/2/2)",
                   "-((a*max(w + b, 0) - 1)*a*(1 + (w + b)/abs(w + b))/2 + (a*max(w/2 + b, 0) - 1/2)*a*(1 + (w/2 + b)/abs(w/2 + b))/2)"]
        let system = try ODESystem(state: ["a", "w", "b"].map { ODESystem.Variable($0) }, rightHandSides: rhs.map { try ExpressionParser.parse($0) }, timeSymbol: nil)
        for bits in [128, 160, 256] {
            var flow = try ValidatedFlow(system: system, parameters: [:], precision: bits)
            flow.budget.maximumSeconds = nil
            let start = ContinuousClock.now
            let box = try flow.enclose(initial: [BigInterval(BigRational(1, 2), precision: bits), BigInterval(BigRational(1), precision: bits), BigInterval(BigRational(-4, 5), precision: bits)], at: [BigInterval(BigRational(3), precision: bits)])[0]
            print("bits \(bits): \(ContinuousClock.now - start) steps \(flow.statistics.steps) switches \(flow.switches.map { ($0.time, $0.functions) }) w = \(box[1]) width \(box[1].width)")
        }
    }
}
