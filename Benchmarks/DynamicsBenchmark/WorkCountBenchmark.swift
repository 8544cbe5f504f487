#if canImport(Glibc)
import Glibc
#endif
import PhasecheckDynamics
import PhasecheckNumbers

/// `DynamicsBenchmark work-count [ROUNDS]`: processor seconds of the flagship integration (Case A to t = 10)
/// in Double and at 30 digits, where a step is cheapest and the work count (`TaylorWork`, charged once per
/// computation of the coefficients) weighs most against it. Run it on two builds, with and without the count,
/// interleaved (Benchmarks/README.md, "Work budgets").
func workCountBenchmark(rounds: Int) throws {
    let system = try flagship(width: 3)
    let initial = [1, -2, 0.5, 0.3, 1, -1]
    let parameters = ["eta_u": 1.0, "eta_w": 1, "gamma": 0.5, "kappa": 1, "astar": 1]
    var double = 0.0, mpfr = 0.0
    for _ in 0..<rounds {
        let start = clock()
        for _ in 0..<200 {
            var integrator = try TaylorIntegrator(system: system, parameters: parameters.mapValues { [$0] }, context: DoubleContext())
            _ = try integrator.integrate(initial: initial, from: 0, to: (1...10).map(Double.init))
        }
        double += Double(clock() - start) / Double(CLOCKS_PER_SEC)
        for _ in 0..<5 { mpfr += try flagshipPrecisionRun(digits: 30, graded: true, relaxed: .standard, horizon: 10).seconds }
    }
    print("work-count: Double, 200 integrations per round: \(double / Double(rounds)) s; 30 digits, 5 per round: \(mpfr / Double(rounds)) s (CPU per round, \(rounds) rounds)")
}
