import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckNumbers
import Testing

/// Noisy maps run along independent paths: the right law, and the same numbers for any number of jobs.
struct MonteCarloTests {
    /// x <- a x + xi, xi ~ N(0, s^2) per component (an AR(1) process, the Euler step of Ornstein-Uhlenbeck):
    /// x_n = a^n x_0 + sum a^j xi, so E x_n = a^n x_0 and Var x_n = s^2 (1 - a^(2n)) / (1 - a^2) exactly.
    static func autoregression(a: String = "4/5", width: Int = 2) throws -> MapSystem {
        try MapSystem(state: [.init("x", shape: .vector(width))], updates: [ExpressionParser.parse("a*x + xi")],
                      parameters: [.init("a")], noise: [.init("xi", shape: .vector(width))], stepSymbol: "t")
    }

    static func run(_ system: MapSystem, paths: Int, steps: Set<Int>, seed: UInt64 = 1, jobs: Int = 1,
                    initial: [Double] = [3, -1], sd: Double = 0.5) throws -> [Int: [[Double]]] {
        let runner = try MonteCarlo(system: system, parameters: ["a": [0.8]], noise: [.init(mean: 0, standardDeviation: sd)], initial: initial)
        return try runner.run(paths: paths, keeping: steps, seed: seed, jobs: jobs)
    }

    @Test func theAutoregressionHasItsExactMeanAndVariance() throws {
        let n = 10, paths = 4000
        let states = try Self.run(Self.autoregression(), paths: paths, steps: [n])[n]!
        let decay = power(0.8, n)
        let variance = 0.25 * (1 - power(0.8, 2 * n)) / (1 - 0.64)
        for (component, start) in [3.0, -1.0].enumerated() {
            let samples = states.map { $0[component] }
            let mean = samples.reduce(0, +) / Double(paths)
            let sampleVariance = samples.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(paths - 1)
            // Within 4.5 standard errors: of the mean, sqrt(Var/N); of the variance, Var sqrt(2/(N-1)).
            #expect((mean - decay * start).magnitude < 4.5 * (variance / Double(paths)).squareRoot(), "component \(component): \(mean)")
            #expect((sampleVariance - variance).magnitude < 4.5 * variance * (2 / Double(paths - 1)).squareRoot(), "\(sampleVariance) vs \(variance)")
        }
    }

    /// Blocks of 64 paths, taken by the workers in a fixed assignment: 1, 2 and 3 jobs give the same bits,
    /// and a path's numbers do not depend on how many paths run (150 paths: a partial last block).
    @Test func jobsAndPathCountsChangeNoNumber() throws {
        let system = try Self.autoregression()
        let one = try Self.run(system, paths: 150, steps: [0, 7, 30], jobs: 1)
        for jobs in [2, 3] {
            let other = try Self.run(system, paths: 150, steps: [0, 7, 30], jobs: jobs)
            for step in [0, 7, 30] { #expect(other[step]!.map { $0.map(\.bitPattern) } == one[step]!.map { $0.map(\.bitPattern) }, "jobs \(jobs) step \(step)") }
        }
        let fewer = try Self.run(system, paths: 70, steps: [30], jobs: 2)[30]!
        #expect(fewer.map { $0.map(\.bitPattern) } == one[30]!.prefix(70).map { $0.map(\.bitPattern) })
        #expect(one[0]!.allSatisfy { $0 == [3, -1] })
        let reseeded = try Self.run(system, paths: 150, steps: [30], seed: 2)[30]!
        #expect(reseeded != one[30]!)
    }

    /// Path p's noise is NormalStream(seed, p) drawn component by component: one step from 0 with a = 0
    /// gives x_1 = sd * (its first two draws).
    @Test func eachPathDrawsFromItsOwnStream() throws {
        let runner = try MonteCarlo(system: Self.autoregression(), parameters: ["a": [0]], noise: [.init(mean: 1, standardDeviation: 0.5)], initial: [0, 0])
        let states = try runner.run(paths: 100, keeping: [1], seed: 9, jobs: 2)[1]!
        for path in [0, 63, 64, 99] {
            var stream = NormalStream(seed: 9, path: path)
            let first = stream.next(), second = stream.next()
            #expect(states[path] == [1 + 0.5 * first, 1 + 0.5 * second])
        }
    }

    /// The step counter and a scalar update broadcast over a vector state, as in `MapIterator`.
    @Test func theStepCounterAndBroadcastFollowTheDeterministicIterator() throws {
        let system = try MapSystem(state: [.init("x", shape: .vector(3))], updates: [ExpressionParser.parse("x[1] + t + 0*xi")],
                                   noise: [.init("xi")], stepSymbol: "t")
        let runner = try MonteCarlo(system: system, parameters: [:], noise: [.init(mean: 0, standardDeviation: 1)], initial: [1, 2, 3])
        // x_1 = 1 + 0 (broadcast), x_2 = 1 + 1, x_3 = 2 + 2.
        #expect(try runner.run(paths: 3, keeping: [3], seed: 1, jobs: 1)[3]! == Array(repeating: [4, 4, 4], count: 3))
    }

    @Test func aPathThatOverflowsIsReportedWithTheFirstStep() throws {
        let system = try MapSystem(state: [.init("x")], updates: [ExpressionParser.parse("x*x*1000 + xi")], noise: [.init("xi")])
        let runner = try MonteCarlo(system: system, parameters: [:], noise: [.init(mean: 0, standardDeviation: 1)], initial: [2])
        #expect(throws: MonteCarlo.Stop.notFinite(path: 0, step: 7)) { try runner.run(paths: 130, keeping: [50], seed: 1, jobs: 2) }
    }

    @Test func theDeterministicIteratorRefusesANoisyMap() throws {
        #expect(throws: ODESystemError.self) {
            try MapIterator(system: Self.autoregression(), parameters: ["a": [BigFloat(0.5)]], context: MPFRContext(precision: 64))
        }
    }
}

/// x^n for a small integer n, by multiplication (the test's own, not the platform's pow).
private func power(_ x: Double, _ n: Int) -> Double { (0..<n).reduce(1) { r, _ in r * x } }
