import Dispatch
import PhasecheckExpressions
import PhasecheckNumbers
import Synchronization

/// Runs a `MapSystem` whose noise inputs (normal, uniform or Rademacher) are drawn afresh at every step, along
/// independent paths in double precision.
///
/// Path p draws its noise from `NormalStream(seed:path:)`: at each step, noise variable by variable and
/// component by component, `mean + standardDeviation * z` for a normal law, `a + (b - a) u` with u uniform on [0, 1)
/// for a uniform one, and -1 or 1 as u < 1/2 or not for Rademacher's. A path's numbers therefore depend on the seed
/// and its index only, and paths are computed in blocks of `blockSize` (the evaluator's lanes) that
/// workers take in a fixed assignment: the states returned are the same doubles for any number of jobs.
/// With + - * / sqrt abs min max in the map they are the same on every machine too (IEEE 754); powers
/// and other elementary functions come from the platform's math library.
public struct MonteCarlo: Sendable {
    /// The distribution of one noise variable's components: independent draws of one law.
    public struct Noise: Sendable {
        enum Law: Sendable {
            case normal(mean: Double, standardDeviation: Double)
            case uniform(lower: Double, width: Double)
            case rademacher
        }
        let law: Law

        /// Normal with this mean and standard deviation.
        public init(mean: Double, standardDeviation: Double) {
            law = .normal(mean: mean, standardDeviation: standardDeviation)
        }

        private init(_ law: Law) { self.law = law }

        /// Uniform on [lower, upper].
        public static func uniform(lower: Double, upper: Double) -> Noise { Noise(.uniform(lower: lower, width: upper - lower)) }

        /// -1 or 1 with probability 1/2 each.
        public static let rademacher = Noise(.rademacher)

        /// One draw from `stream`.
        @inline(__always)
        func draw(_ stream: inout NormalStream) -> Double {
            switch law {
            case .normal(let mean, let sd): mean + sd * stream.next()
            case .uniform(let lower, let width): lower + width * stream.nextUniform()
            case .rademacher: stream.nextUniform() < 0.5 ? -1 : 1
            }
        }
    }

    /// Why a run stopped without its states.
    public enum Stop: Error, Sendable, Equatable {
        /// The lowest-numbered path whose state stopped being finite, and the step.
        case notFinite(path: Int, step: Int)
        /// The deadline passed (checked between blocks of steps).
        case deadline
    }

    public let system: MapSystem
    private let parameterValues: [Double]
    private let noise: [Noise]
    private let initial: [Double]

    /// Paths evaluated together (the evaluator's lanes): one instruction dispatch serves them all. Fixed,
    /// so that which paths share a block never depends on the number of jobs.
    public static let blockSize = 64

    /// - Parameters:
    ///   - parameters: each of `system.parameters` by name.
    ///   - noise: the law of each of `system.noise`, in order.
    ///   - initial: the state at step 0, flattened.
    public init(system: MapSystem, parameters: [String: [Double]], noise: [Noise], initial: [Double]) throws {
        guard noise.count == system.noise.count else {
            throw ODESystemError(message: "\(system.noise.count) noise variables but \(noise.count) distributions")
        }
        guard initial.count == system.dimension else {
            throw ODESystemError(message: "the initial state has \(initial.count) components; the map has \(system.dimension)")
        }
        self.system = system
        self.parameterValues = try system.parameterSlots(parameters)
        self.noise = noise
        self.initial = initial
    }

    /// The states of `paths` paths at each of `steps`: `result[step]![path]` is the flattened state.
    /// - Parameters:
    ///   - jobs: threads to run on; the result does not depend on it.
    ///   - deadline: gives up (`Stop.deadline`) once this instant has passed.
    public func run(paths: Int, keeping steps: Set<Int>, seed: UInt64, jobs: Int,
                    deadline: ContinuousClock.Instant? = nil) throws(Stop) -> [Int: [[Double]]] {
        precondition(paths >= 1 && jobs >= 1, "at least one path and one job")
        let blocks = (paths + Self.blockSize - 1) / Self.blockSize
        let outcomes = Mutex([Result<[Int: [[Double]]], Stop>?](repeating: nil, count: blocks))
        let workers = Swift.min(jobs, blocks)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for block in stride(from: worker, to: blocks, by: workers) {
                let first = block * Self.blockSize
                let outcome = runBlock(paths: first..<Swift.min(first + Self.blockSize, paths), keeping: steps,
                                       seed: seed, deadline: deadline)
                outcomes.withLock { $0[block] = outcome }
            }
        }
        // Joined in block order; the first failure in path order is the one reported.
        var states: [Int: [[Double]]] = Dictionary(uniqueKeysWithValues: steps.map { ($0, []) })
        for outcome in outcomes.withLock({ $0 }) {
            switch outcome! {
            case .success(let blockStates): for (k, s) in blockStates { states[k]! += s }
            case .failure(let stop): throw stop
            }
        }
        return states
    }

    /// One block of consecutive paths, evaluated in lanes. The loops over lanes and slots are `while`
    /// loops over buffers: test builds are unoptimized, and generic iteration there costs more than the map.
    private func runBlock(paths: Range<Int>, keeping steps: Set<Int>, seed: UInt64,
                          deadline: ContinuousClock.Instant?) -> Result<[Int: [[Double]]], Stop> {
        let width = paths.count
        var evaluator = TapeEvaluator(tape: system.tape, context: DoubleContext())
        var streams = paths.map { NormalStream(seed: seed, path: $0) }
        let dimension = system.dimension
        // Each noise slot's law, in draw order.
        let laws = zip(noise, system.noise).flatMap { law, variable in Array(repeating: law, count: variable.slotCount) }
        // Input columns, slot by slot: state, parameters (constant), noise, step.
        var columns = initial.map { Array(repeating: $0, count: width) }
        columns += parameterValues.map { Array(repeating: $0, count: width) }
        let noiseStart = columns.count
        columns += Array(repeating: Array(repeating: 0, count: width), count: laws.count)
        let stepColumn = system.stepSymbol == nil ? nil : columns.count
        if stepColumn != nil { columns.append(Array(repeating: 0, count: width)) }
        // This step's draws, noise slot by noise slot (each path draws its slots in order).
        var draws = [Double](repeating: 0, count: laws.count * width)

        var kept: [Int: [[Double]]] = [:]
        func keep(_ k: Int) {
            kept[k] = (0..<width).map { lane in (0..<dimension).map { columns[$0][lane] } }
        }
        if steps.contains(0) { keep(0) }
        let last = steps.max() ?? 0
        var k = 1
        while k <= last {
            if k % 256 == 0, let deadline, ContinuousClock.now > deadline { return .failure(.deadline) }
            draws.withUnsafeMutableBufferPointer { draws in
                streams.withUnsafeMutableBufferPointer { streams in
                    laws.withUnsafeBufferPointer { laws in
                        // Slot by slot across the lanes: consecutive draws come from different streams, so their
                        // logarithms and square roots overlap in the processor; each stream still draws its
                        // slots in order, so the numbers are the same.
                        var slot = 0
                        while slot < laws.count {
                            var lane = 0
                            while lane < width {
                                draws[slot &* width &+ lane] = laws[slot].draw(&streams[lane])
                                lane += 1
                            }
                            slot += 1
                        }
                    }
                }
            }
            var slot = 0
            while slot < laws.count {
                columns[noiseStart + slot] = Array(draws[(slot * width)..<((slot + 1) * width)])
                slot += 1
            }
            if let stepColumn { columns[stepColumn] = Array(repeating: Double(k - 1), count: width) }
            columns.replaceSubrange(0..<dimension, with: system.nextState(evaluator.evaluate(columns: columns)))
            if let lane = Self.firstNotFinite(columns[0..<dimension], width: width) {
                return .failure(.notFinite(path: paths.lowerBound + lane, step: k))
            }
            if steps.contains(k) { keep(k) }
            k += 1
        }
        return .success(kept)
    }

    /// The first lane where some column is not finite.
    private static func firstNotFinite(_ columns: ArraySlice<[Double]>, width: Int) -> Int? {
        var first = width
        for column in columns {
            column.withUnsafeBufferPointer { values in
                var lane = 0
                while lane < first {
                    if !values[lane].isFinite { first = lane }
                    lane += 1
                }
            }
        }
        return first < width ? first : nil
    }
}
