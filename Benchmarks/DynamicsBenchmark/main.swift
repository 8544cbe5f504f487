// DynamicsBenchmark: the Taylor integrator against a hand-written recurrence and mpmath's odefun.
//
//   swift run -c release DynamicsBenchmark                 the 2-D network to t = 10 at 15, 30, 50, 100 digits
//   swift run -c release DynamicsBenchmark width           the flagship model at d = 10^4 (Double), 10^3 (MPFR)
//   swift run -c release DynamicsBenchmark precision [T=10] D ...   the flagship `solves ode` integration at D
//                                                          digits, uniform against graded precision
//   swift run -c release DynamicsBenchmark orders [T=10] [rounds=2] [block=16] D F ...   the same at the orders F p0,
//                                                          against F = 1
//   swift run -c release DynamicsBenchmark split [T=10] [rounds=2] D ...   the same with block products made as one
//                                                          integer product against split in two (at 2^N and -2^N)
//   swift run -c release DynamicsBenchmark matrixflow [T=2] [rounds=2] D [F=..] [block=..] [unfused] [off]   Saxe's matrix flow
//                                                          (72 series products per order) at other orders and blocks
//   DynamicsBenchmark memory network|width|oscillator T              one integration to time T (for /usr/bin/time -v)
//   swift run -c release DynamicsBenchmark validated       the validated enclosure against the error estimate
//   swift run -c release DynamicsBenchmark validated-slots the validated enclosure's cost against the number of state slots
//
// System: a' = b (1 - a b), b' = a (1 - a b), a(0) = b(0) = 0.01 (anchors.md section C), whose closed form is
// a = b = u, u^2 = 1 / (1 + (1/u0^2 - 1) e^{-2t}).
import Foundation
import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckNumbers

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = ContinuousClock.now
    try body()
    let d = ContinuousClock.now - start
    return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

/// Best of `repeats` runs (at least one), repeating until `budget` seconds are used.
func best(budget: Double = 1.0, _ body: () throws -> Void) rethrows -> Double {
    var fastest = Double.infinity, used = 0.0, runs = 0
    while runs < 3 || (used < budget && runs < 50) {
        let s = try seconds(body)
        fastest = min(fastest, s)
        used += s
        runs += 1
        if used > 5 * budget { break }
    }
    return fastest
}

func bits(forDigits digits: Int) -> Int { Precision.bits(forDigits: digits) + 16 }

func closedForm(t: Int, bits: Int) -> BigFloat {
    let u0 = BigFloat(BigRational(1, 100), precision: bits), one = BigFloat(1, precision: bits)
    let e = BigFloat.exp(BigFloat(-2 * t, precision: bits))
    return BigFloat.sqrt(one / (one + (one / (u0 * u0) - one) * e))
}

func networkSystem() throws -> ODESystem {
    let a = Expr.symbol("a"), b = Expr.symbol("b")
    return try ODESystem(state: [.init("a"), .init("b")],
                         rightHandSides: [b * (Expr.number(1) - a * b), a * (Expr.number(1) - a * b)], timeSymbol: nil)
}

// MARK: The floor: the same Taylor method hand-written for this one system on BigFloat

/// Taylor steps for a' = b q, b' = a q, q = 1 - a b with the integrator's order and step rule (Jorba & Zou,
/// relative/absolute tolerance 10^-digits), in-place BigFloat arithmetic, no tape.
struct HandWrittenNetworkTaylor {
    let order: Int, bits: Int, digits: Double
    var a: [BigFloat], b: [BigFloat], p: [BigFloat], q: [BigFloat]
    var tmp: BigFloat, acc: BigFloat, spare: BigFloat
    let integers: [BigFloat]
    var steps = 0

    init(digits: Double, bits: Int) {
        self.digits = digits
        self.bits = bits
        let order = Tolerance(digits: digits).taylorOrder
        self.order = order
        func fresh() -> [BigFloat] { (0...order).map { _ in BigFloat(0, precision: bits) } }
        a = fresh(); b = fresh(); p = fresh(); q = fresh()
        tmp = BigFloat(0, precision: bits); acc = BigFloat(0, precision: bits); spare = BigFloat(0, precision: bits)
        integers = (0...order).map { BigFloat($0, precision: bits) }
    }

    /// acc = sum_{j=0..k} x_j y_{k-j}
    static func cauchy(_ x: [BigFloat], _ y: [BigFloat], _ k: Int, _ acc: inout BigFloat, _ tmp: inout BigFloat, _ spare: inout BigFloat) {
        BigFloat.multiply(x[0], y[k], into: &acc)
        if k == 0 { return }
        for j in 1...k {
            BigFloat.multiply(x[j], y[k - j], into: &tmp)
            BigFloat.add(acc, tmp, into: &spare)
            swap(&acc, &spare)
        }
    }

    mutating func integrate(u0: BigFloat, to end: BigFloat) -> (BigFloat, BigFloat) {
        var t = BigFloat(0, precision: bits)
        var x = u0 + BigFloat(0, precision: bits), y = x + BigFloat(0, precision: bits)
        let one = integers[1]
        let lnEps = -digits * log(10.0)
        while true {
            BigFloat.add(x, integers[0], into: &a[0])
            BigFloat.add(y, integers[0], into: &b[0])
            for k in 0..<order {
                Self.cauchy(a, b, k, &acc, &tmp, &spare)
                if k == 0 { BigFloat.subtract(one, acc, into: &q[0]) } else { BigFloat.negate(acc, into: &q[k]) }
                Self.cauchy(b, q, k, &acc, &tmp, &spare)
                BigFloat.divide(acc, integers[k + 1], into: &a[k + 1])
                Self.cauchy(a, q, k, &acc, &tmp, &spare)
                BigFloat.divide(acc, integers[k + 1], into: &b[k + 1])
            }
            func lnNorm(_ k: Int) -> Double {
                let m = max(abs(a[k].doubleValue), abs(b[k].doubleValue))
                return m == 0 ? -.infinity : log(m)
            }
            let ln0 = lnNorm(0)
            let scale = lnEps + ln0 <= lnEps ? 0 : ln0
            let lnRho = min((scale - lnNorm(order - 1)) / Double(order - 1), (scale - lnNorm(order)) / Double(order))
            let h = exp(lnRho - 2 - 0.7 / Double(order - 1))
            let remaining = (end - t).doubleValue
            let last = h >= remaining
            let step = last ? end - t : BigFloat(h, precision: bits)
            steps += 1
            for (c, v) in [(a, 0), (b, 1)] {
                var r = c[order] + integers[0]
                for k in stride(from: order - 1, through: 0, by: -1) {
                    BigFloat.multiply(r, step, into: &tmp)
                    BigFloat.add(tmp, c[k], into: &r)
                }
                if v == 0 { x = r } else { y = r }
            }
            if last { return (x, y) }
            t = t + step
        }
    }
}

// MARK: mpmath

func runMpmath(digits: Int) -> (seconds: Double, backend: String, value: String)? {
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("dynamics_odefun.py").path
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", script, "\(digits)", "10"]
    let pipe = Pipe()
    process.standardOutput = pipe
    do { try process.run() } catch { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0, let text = String(data: data, encoding: .utf8) else { return nil }
    var fields: [String: String] = [:]
    for line in text.split(separator: "\n") {
        let parts = line.split(separator: " ", maxSplits: 1)
        if parts.count == 2 { fields[String(parts[0])] = String(parts[1]) }
    }
    guard let s = fields["seconds"].flatMap(Double.init) else { return nil }
    return (s, fields["backend"] ?? "?", fields["a(10.0)"] ?? "?")
}

func digitsCorrect(_ x: BigFloat, _ exact: BigFloat) -> Double {
    let e = (BigFloat.abs(x - exact) / exact).doubleValue
    return e == 0 ? Precision.digits(forBits: Double(x.precision)) : -log10(e)
}

// MARK: Runs

func networkBenchmark() throws {
    let system = try networkSystem()
    print("2-D network a' = b(1-ab), b' = a(1-ab), a(0) = b(0) = 0.01, to t = 10 (best of several runs; mpmath once)")
    print("digits  bits  order steps | ours MPFR   | hand-written | mpmath odefun      | ours/hand  mpmath/ours | correct digits ours/hand")
    // Double at 15 digits.
    do {
        var integrator = try TaylorIntegrator(system: system, context: DoubleContext())
        var result: [[Double]] = []
        let time = try best { result = try integrator.integrate(initial: [0.01, 0.01], from: 0, to: [10]) }
        let exact = closedForm(t: 10, bits: 128).doubleValue
        print(String(format: "Double (15 digits): order %d, %d steps, %.1f us, relative error %.1e",
                     integrator.statistics.order, integrator.statistics.steps, time * 1e6, abs(result[0][0] - exact) / exact))
    }
    for digits in [15, 30, 50, 100] {
        let b = bits(forDigits: digits)
        let context = MPFRContext(precision: b)
        var integrator = try TaylorIntegrator(system: system, context: context, tolerance: Tolerance(digits: Double(digits)))
        let u0 = context.constant(BigRational(1, 100))
        var ours: [[BigFloat]] = []
        let oursTime = try best { ours = try integrator.integrate(initial: [u0, u0], from: context.constant(0), to: [context.constant(10)]) }
        var hand = HandWrittenNetworkTaylor(digits: Double(digits), bits: b)
        var handResult = (u0, u0)
        let handTime = best { hand.steps = 0; handResult = hand.integrate(u0: u0, to: context.constant(10)) }
        let exact = closedForm(t: 10, bits: b + 64)
        let mp = runMpmath(digits: digits)
        let mpText = mp.map { String(format: "%8.4f s (%@)", $0.seconds, $0.backend) } ?? "unavailable"
        let ratio = mp.map { String(format: "%8.0fx", $0.seconds / oursTime) } ?? "-"
        print(String(format: "%4d  %5d  %4d  %4d  | %9.3f ms | %9.3f ms | %@ | %6.2fx  %@ | %.1f / %.1f",
                     digits, b, integrator.order, integrator.statistics.steps, oursTime * 1e3, handTime * 1e3, mpText,
                     oursTime / handTime, ratio,
                     digitsCorrect(ours[0][0].rounded(toPrecision: b + 64), exact),
                     digitsCorrect(handResult.0.rounded(toPrecision: b + 64), exact)))
    }
}

func flagship(width d: Int) throws -> ODESystem {
    let u = Expr.symbol("u"), w = Expr.symbol("w")
    let etaU = Expr.symbol("eta_u"), etaW = Expr.symbol("eta_w"), gamma = Expr.symbol("gamma")
    let kappa = Expr.symbol("kappa"), astar = Expr.symbol("astar")
    let a = gamma * Expr.dot(u, w)
    return try ODESystem(state: [.init("u", shape: .vector(d)), .init("w", shape: .vector(d))],
                         rightHandSides: [-etaU * gamma * kappa * (a - astar) * w, -etaW * gamma * kappa * (a - astar) * u],
                         parameters: ["eta_u", "eta_w", "gamma", "kappa", "astar"].map { ODESystem.Variable($0) }, timeSymbol: nil)
}

/// Mean-field flagship at width d (gamma = 1/d, eta = d, O(1) weights), integrated to `end`.
func flagshipRun<C: ScalarContext>(width d: Int, context: C, end: Int) throws -> (seconds: Double, steps: Int, order: Int, drift: Double) {
    let one = BigRational(1)
    let parameters: [String: [C.Value]] = ["eta_u": [context.constant(d)], "eta_w": [context.constant(d)],
                                           "gamma": [context.constant(one / BigRational(d))], "kappa": [context.constant(1)],
                                           "astar": [context.constant(1)]]
    let u = (0..<d).map { context.constant(BigRational((($0 * 7919 + 13) % 1000) - 500, 400)) }
    let w = (0..<d).map { context.constant(BigRational((($0 * 104729 + 7) % 1000) - 500, 500)) }
    var integrator = try TaylorIntegrator(system: flagship(width: d), parameters: parameters, context: context)
    var out: [[C.Value]] = []
    let time = try seconds { out = try integrator.integrate(initial: u + w, from: context.constant(0), to: [context.constant(end)]) }
    func invariant(_ s: [C.Value]) -> C.Value {
        var c = s[0] * s[0] - s[d] * s[d]
        for i in 1..<d { c = c + s[i] * s[i] - s[d + i] * s[d + i] }
        return c
    }
    let c0 = invariant(u + w), c1 = invariant(out[0])
    return (time, integrator.statistics.steps, integrator.order, abs(((c1 - c0) / c0).doubleValue))
}

func widthBenchmark() throws {
    print("Flagship model, mean-field scaling, to t = 1 (relative drift of C = |u|^2/eta_u - |w|^2/eta_w)")
    for d in [1000, 10_000] {
        let r = try flagshipRun(width: d, context: DoubleContext(), end: 1)
        print(String(format: "Double d = %5d: %.3f s, %d steps, order %d, drift %.1e", d, r.seconds, r.steps, r.order, r.drift))
    }
    for d in [100, 1000] {
        let r = try flagshipRun(width: d, context: MPFRContext(precision: 128), end: 1)
        print(String(format: "MPFR 128 bits d = %4d: %.3f s, %d steps, order %d, drift %.1e", d, r.seconds, r.steps, r.order, r.drift))
    }
}

func memoryRun(_ which: String, end: Int) throws {
    if which == "oscillator" {
        // x' = y, y' = -x at 100 digits: the number of steps grows linearly with T.
        let x = Expr.symbol("x"), y = Expr.symbol("y")
        let system = try ODESystem(state: [.init("x"), .init("y")], rightHandSides: [y, -x], timeSymbol: nil)
        let context = MPFRContext(precision: bits(forDigits: 100))
        var integrator = try TaylorIntegrator(system: system, context: context)
        let r = try integrator.integrate(initial: [context.constant(1), context.constant(0)], from: context.constant(0),
                                         to: [context.constant(end)])
        let error = BigFloat.abs(r[0][0] - BigFloat.cos(context.constant(end))).doubleValue
        print("oscillator 100 digits to t = \(end): \(integrator.statistics.steps) steps, |x - cos t| = \(error)")
    } else if which == "width" {
        let r = try flagshipRun(width: 10_000, context: DoubleContext(), end: end)
        print("flagship d = 10^4 Double to t = \(end): \(r.steps) steps, \(String(format: "%.2f", r.seconds)) s")
    } else {
        let context = MPFRContext(precision: bits(forDigits: 100))
        var integrator = try TaylorIntegrator(system: networkSystem(), context: context)
        let u0 = context.constant(BigRational(1, 100))
        _ = try integrator.integrate(initial: [u0, u0], from: context.constant(0), to: [context.constant(end)])
        print("network 100 digits to t = \(end): \(integrator.statistics.steps) steps")
    }
}

/// The flagship `solves ode` integration as `phasecheck verify --digits D` runs it (IntegratedTrajectory):
/// Case A (model.md section 8) to the horizon 10 with dense output at t = 1, 2, ..., 10, tolerance D + 10
/// digits at (D + 10) log2(10) + 32 bits.
/// `orderFactor`: the order as a multiple of Jorba & Zou's p0 (nil: the integrator's default order).
func flagshipPrecisionRun(digits: Int, graded: Bool, relaxed: RelaxedProductPolicy?, horizon: Int, orderFactor: Double? = nil) throws
    -> (seconds: Double, steps: Int, order: Int, a: BigFloat, state: [BigFloat]) {
    let tolerance = Double(digits + 10)
    let bits = Int(Precision.bits(forDigits: tolerance)) + 32
    let context = MPFRContext(precision: bits)
    func q(_ s: String) -> BigFloat { context.constant(BigRational(s)!) }
    let parameters: [String: [BigFloat]] = ["eta_u": [q("1")], "eta_w": [q("1")], "gamma": [q("0.5")], "kappa": [q("1")], "astar": [q("1")]]
    let order = orderFactor.map { Int(($0 * Double(Tolerance(digits: tolerance).taylorOrder)).rounded(.up)) }
    var integrator = try TaylorIntegrator(system: flagship(width: 3), parameters: parameters, context: context,
                                          tolerance: Tolerance(digits: tolerance), order: order)
    integrator.budget.maximumSeconds = nil
    integrator.gradedPrecision = graded
    integrator.relaxedProducts = relaxed
    let initial = ["1", "-2", "0.5", "0.3", "1", "-1"].map(q)
    var out: [[BigFloat]] = []
    // Processor time, not wall time: the development machine is shared, and this run is single-threaded.
    let start = clock()
    out = try integrator.integrate(initial: initial, from: context.constant(0), to: (1...horizon).map { context.constant($0) })
    let time = Double(clock() - start) / Double(CLOCKS_PER_SEC)
    let s = out[horizon - 1]
    let a = q("0.5") * (s[0] * s[3] + s[1] * s[4] + s[2] * s[5])
    return (time, integrator.statistics.steps, integrator.order, a, s)
}

/// Digits of `state` (u1..u3, w1..w3 at t = T) that agree with the closed form evaluated by mpmath
/// (`Benchmarks/dynamics_flagship_reference.py`), the smallest over the six components; nil if python3 or
/// mpmath is missing.
func digitsAgreeingWithMpmath(_ state: [BigFloat], digits: Int, time: Int) -> Double? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "Benchmarks/dynamics_flagship_reference.py", String(digits + 20), String(time)]
    let pipe = Pipe()
    process.standardOutput = pipe
    guard (try? process.run()) != nil else { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0, let text = String(data: data, encoding: .utf8) else { return nil }
    let values = text.split(separator: "\n").compactMap { line in line.split(separator: " ").last.flatMap { BigRational(String($0)) } }
    guard values.count == state.count else { return nil }
    return zip(state, values).map { x, exact in
        let reference = BigFloat(exact, precision: x.precision + 64)
        let error = BigFloat.abs(x.rounded(toPrecision: x.precision + 64) - reference) / BigFloat.abs(reference)
        return error.isZero ? Precision.digits(forBits: Double(x.precision)) : -error.logMagnitude / log(10.0)
    }.min()
}

func precisionBenchmark(_ arguments: [String]) throws {
    let horizon = arguments.first { $0.hasPrefix("T=") }.flatMap { Int($0.dropFirst(2)) } ?? 10
    let block = arguments.first { $0.hasPrefix("block=") }.flatMap { Int($0.dropFirst(6)) }
    let uniform = arguments.contains("uniform")
    let digitsList = arguments.compactMap { Int($0) }
    var policy = RelaxedProductPolicy.standard
    if let block { policy.smallestBlock = block }
    policy.smallestBits = 0
    policy.smallestOrder = 0
    print("Flagship Case A to t = \(horizon) (dense output at 1..\(horizon)), as `solves ode` at --digits D integrates it (T = 10);")
    print("\(uniform ? "uniform" : "graded") precision; relaxed products with blocks from \(policy.smallestBlock); CPU seconds;")
    print("digits: the fewest of u(T), w(T)'s six components agreeing with mpmath's closed form (dynamics_flagship_reference.py)")
    print("    D | order steps | term by term | relaxed      | ratio  | digits term by term / relaxed")
    for digits in digitsList {
        let plain = try flagshipPrecisionRun(digits: digits, graded: !uniform, relaxed: nil, horizon: horizon)
        let fast = try flagshipPrecisionRun(digits: digits, graded: !uniform, relaxed: policy, horizon: horizon)
        let check = { (state: [BigFloat]) in digitsAgreeingWithMpmath(state, digits: digits + 10, time: horizon).map { String(format: "%.1f", $0) } ?? "-" }
        print(String(format: "%5d | %5d %5d | %10.3f s | %10.3f s | %5.2fx | %@ / %@ (of %d asked)", digits, fast.order,
                     fast.steps, plain.seconds, fast.seconds, plain.seconds / fast.seconds, check(plain.state), check(fast.state), digits))
    }
}

/// `orders [T=10] [rounds=2] [block=16] D F1 F2 ...`: the same integration at the orders F p0 (relaxed products
/// with that smallest block, graded precision), the factors interleaved in each round; the reference is F = 1,
/// Jorba & Zou's order.
func orderBenchmark(_ arguments: [String]) throws {
    let horizon = arguments.first { $0.hasPrefix("T=") }.flatMap { Int($0.dropFirst(2)) } ?? 10
    let rounds = arguments.first { $0.hasPrefix("rounds=") }.flatMap { Int($0.dropFirst(7)) } ?? 2
    var policy = RelaxedProductPolicy.standard
    if let block = arguments.first(where: { $0.hasPrefix("block=") }).flatMap({ Int($0.dropFirst(6)) }) { policy.smallestBlock = block }
    let numbers = arguments.filter { !$0.contains("=") }
    guard let digits = numbers.first.flatMap({ Int($0) }) else {
        print("usage: DynamicsBenchmark orders [T=10] [rounds=2] D F ...")
        exit(2)
    }
    let factors = [1.0] + numbers.dropFirst().compactMap { Double($0) }.filter { $0 != 1 }
    print("Flagship Case A at D = \(digits) (tolerance D + 10) to t = \(horizon), relaxed products from block \(policy.smallestBlock), graded precision; CPU seconds")
    print("factor | order steps | seconds (each round) | best / best at F = 1 | digits agreeing with mpmath")
    var results: [Double: (order: Int, steps: Int, times: [Double], state: [BigFloat])] = [:]
    for _ in 0..<rounds {
        for factor in factors {
            let run = try flagshipPrecisionRun(digits: digits, graded: true, relaxed: policy, horizon: horizon, orderFactor: factor)
            results[factor, default: (run.order, run.steps, [], run.state)].times.append(run.seconds)
        }
    }
    let reference = results[1]!.times.min()!
    for factor in factors {
        let r = results[factor]!
        let agreeing = digitsAgreeingWithMpmath(r.state, digits: digits + 10, time: horizon).map { String(format: "%.1f", $0) } ?? "-"
        print(String(format: "%6.2f | %5d %5d | %@ | %5.2f | %@", factor, r.order, r.steps,
                     r.times.map { String(format: "%.2f", $0) }.joined(separator: ", "), r.times.min()! / reference, agreeing))
    }
}

/// `split [T=10] [rounds=2] D ...`: the flagship integration with the block products of the relaxed scheme made as
/// one integer product each (the reference) and split in two (`RelaxedProductPolicy.splitsBlocks`), interleaved in
/// each round; CPU seconds, and the digits of each against mpmath.
func splitBenchmark(_ arguments: [String]) throws {
    let horizon = arguments.first { $0.hasPrefix("T=") }.flatMap { Int($0.dropFirst(2)) } ?? 10
    let rounds = arguments.first { $0.hasPrefix("rounds=") }.flatMap { Int($0.dropFirst(7)) } ?? 2
    print("Flagship Case A (tolerance D + 10) to t = \(horizon), relaxed products, graded precision, default order; CPU seconds per round")
    print("    D | order steps | one product per block | split blocks | one / split (best) | digits one / split")
    for digits in arguments.filter({ !$0.contains("=") }).compactMap({ Int($0) }) {
        var times: [Bool: [Double]] = [:], states: [Bool: [BigFloat]] = [:]
        var shape = (order: 0, steps: 0)
        for _ in 0..<rounds {
            for splits in [false, true] {
                var policy = RelaxedProductPolicy.standard
                policy.splitsBlocks = splits
                let run = try flagshipPrecisionRun(digits: digits, graded: true, relaxed: policy, horizon: horizon)
                times[splits, default: []].append(run.seconds)
                states[splits] = run.state
                shape = (run.order, run.steps)
            }
        }
        let check = { (state: [BigFloat]) in digitsAgreeingWithMpmath(state, digits: digits + 10, time: horizon).map { String(format: "%.1f", $0) } ?? "-" }
        let text = { (t: [Double]) in t.map { String(format: "%.2f", $0) }.joined(separator: ", ") }
        print(String(format: "%5d | %5d %5d | %@ s | %@ s | %.2fx | %@ / %@", digits, shape.order, shape.steps, text(times[false]!), text(times[true]!),
                     times[false]!.min()! / times[true]!.min()!, check(states[false]!), check(states[true]!)))
    }
}

/// Saxe et al.'s deep linear network (derivations/saxe_deep_linear.phc): W21' = W32^T E/tau, W32' = E W21^T/tau,
/// E = Sigma31 - W32 W21, 4 inputs, 2 hidden units, 3 outputs (72 series products per order, fused by matrix entry).
func saxeSystem() throws -> ODESystem {
    let w21 = Expr.symbol("W21"), w32 = Expr.symbol("W32"), sigma = Expr.symbol("Sigma31"), tau = Expr.symbol("tau")
    let e = sigma - Expr.matmul(w32, w21)
    return try ODESystem(state: [.init("W21", shape: .matrix(2, 4)), .init("W32", shape: .matrix(3, 2))],
                         rightHandSides: [Expr.matmul(Expr.transpose(w32), e) / tau, Expr.matmul(e, Expr.transpose(w21)) / tau],
                         parameters: [.init("Sigma31", shape: .matrix(3, 4)), .init("tau")], timeSymbol: nil)
}

/// The Saxe flow from the file's balanced start to t = `horizon` at tolerance D + 20 digits (what an invariant claim at
/// `--digits D` integrates from 150 digits on), order F p0; CPU seconds, and the fewest digits of W32 W21 agreeing
/// with the closed form U diag(u(t)) V^T (u(t) = s/(1 + (s/u0 - 1) e^(-2 s t/tau)), evaluated here at twice the bits).
func saxeRun(digits: Int, policy: RelaxedProductPolicy?, horizon: Int, orderFactor: Double?) throws
    -> (seconds: Double, steps: Int, order: Int, digits: Double) {
    let tolerance = Double(digits + 20)
    let bits = Int(Precision.bits(forDigits: tolerance)) + 32
    let context = MPFRContext(precision: bits)
    func q(_ s: String) -> BigRational { BigRational(s)! }
    let u = [["1/3", "2/3"], ["2/3", "1/3"], ["2/3", "-2/3"]].map { $0.map(q) }
    let v = [["0.5", "0.5"], ["0.5", "-0.5"], ["0.5", "0.5"], ["0.5", "-0.5"]].map { $0.map(q) }
    let r = [["0.6", "-0.8"], ["0.8", "0.6"]].map { $0.map(q) }
    let s = [q("3"), q("1")], a0 = [q("0.1"), q("0.05")]
    let sigma = (0..<3).flatMap { i in (0..<4).map { j in (0..<2).reduce(BigRational(0)) { $0 + u[i][$1] * s[$1] * v[j][$1] } } }
    let w21 = (0..<2).flatMap { i in (0..<4).map { j in (0..<2).reduce(BigRational(0)) { $0 + r[i][$1] * a0[$1] * v[j][$1] } } }
    let w32 = (0..<3).flatMap { i in (0..<2).map { j in (0..<2).reduce(BigRational(0)) { $0 + u[i][$1] * a0[$1] * r[j][$1] } } }
    let order = orderFactor.map { Int(($0 * Double(Tolerance(digits: tolerance).taylorOrder)).rounded(.up)) }
    var integrator = try TaylorIntegrator(system: saxeSystem(), parameters: ["Sigma31": sigma.map(context.constant), "tau": [context.constant(1)]],
                                          context: context, tolerance: Tolerance(digits: tolerance), order: order)
    integrator.budget.maximumSeconds = nil
    integrator.relaxedProducts = policy
    let start = clock()
    let out = try integrator.integrate(initial: (w21 + w32).map(context.constant), from: context.constant(0), to: [context.constant(horizon)])
    let time = Double(clock() - start) / Double(CLOCKS_PER_SEC)
    let x = out[0], fine = bits * 2
    var fewest = Double.infinity
    for i in 0..<3 {
        for j in 0..<4 {
            let product = (0..<2).map { h in x[8 + i * 2 + h].rounded(toPrecision: fine) * x[h * 4 + j].rounded(toPrecision: fine) }.reduce(BigFloat(0, precision: fine), +)
            var exact = BigFloat(0, precision: fine)
            for h in 0..<2 {
                let sh = BigFloat(s[h], precision: fine), u0 = BigFloat(a0[h] * a0[h], precision: fine)
                let uh = sh / (BigFloat(1, precision: fine) + (sh / u0 - BigFloat(1, precision: fine)) * BigFloat.exp(BigFloat(-2 * horizon, precision: fine) * sh))
                exact = exact + BigFloat(u[i][h] * v[j][h], precision: fine) * uh
            }
            let error = BigFloat.abs(product - exact) / BigFloat.abs(exact)
            fewest = Swift.min(fewest, error.isZero ? Precision.digits(forBits: Double(fine)) : -error.logMagnitude / log(10.0))
        }
    }
    return (time, integrator.statistics.steps, integrator.order, fewest)
}

/// `matrixflow [T=2] [rounds=2] D [F=..] [block=..] [unfused] [off[:F=..]]`: Saxe's matrix flow at D digits (tolerance D + 20), the
/// configurations given (order factor F, smallest block, `unfused`: one relaxed site per product of a matrix entry as
/// before `RelaxedProductPolicy.fusesDots`, `off` or `off:F=..`: every product term by term), each against the default
/// in one process, interleaved by round.
func matrixFlowBenchmark(_ arguments: [String]) throws {
    let horizon = arguments.first { $0.hasPrefix("T=") }.flatMap { Int($0.dropFirst(2)) } ?? 2
    let rounds = arguments.first { $0.hasPrefix("rounds=") }.flatMap { Int($0.dropFirst(7)) } ?? 2
    guard let digits = arguments.compactMap({ Int($0) }).first else {
        print("usage: DynamicsBenchmark matrixflow [T=2] [rounds=2] D [F=..] [block=..] [unfused] [off[:F=..]]")
        exit(2)
    }
    var configurations: [(name: String, policy: RelaxedProductPolicy?, factor: Double?)] = [("default", .standard, nil)]
    for argument in arguments {
        if argument.hasPrefix("F="), let f = Double(argument.dropFirst(2)) { configurations.append((argument, .standard, f)) }
        if argument.hasPrefix("block="), let b = Int(argument.dropFirst(6)) {
            var policy = RelaxedProductPolicy.standard
            policy.smallestBlock = b
            configurations.append((argument, policy, nil))
        }
        if argument == "unfused" {
            var policy = RelaxedProductPolicy.standard
            policy.fusesDots = false
            configurations.append((argument, policy, nil))
        }
        if argument.hasPrefix("off") { configurations.append((argument, nil, argument.hasPrefix("off:F=") ? Double(argument.dropFirst(6)) : nil)) }
    }
    print("Saxe's deep linear network at D = \(digits) (tolerance D + 20) to t = \(horizon); CPU seconds")
    print("configuration | order steps | seconds (each round) | best / best default | digits of W32 W21 vs closed form")
    var results: [String: (order: Int, steps: Int, times: [Double], digits: Double)] = [:]
    for _ in 0..<rounds {
        for c in configurations {
            let run = try saxeRun(digits: digits, policy: c.policy, horizon: horizon, orderFactor: c.factor)
            results[c.name, default: (run.order, run.steps, [], run.digits)].times.append(run.seconds)
        }
    }
    let reference = results["default"]!.times.min()!
    for c in configurations {
        let r = results[c.name]!
        print(String(format: "%@ | %5d %5d | %@ | %5.2f | %.1f", c.name, r.order, r.steps,
                     r.times.map { String(format: "%.2f", $0) }.joined(separator: ", "), r.times.min()! / reference, r.digits))
    }
}

let arguments = CommandLine.arguments.dropFirst()
switch arguments.first {
case "precision": try precisionBenchmark(Array(arguments.dropFirst()))
case "orders": try orderBenchmark(Array(arguments.dropFirst()))
case "split": try splitBenchmark(Array(arguments.dropFirst()))
case "matrixflow": try matrixFlowBenchmark(Array(arguments.dropFirst()))
case "width": try widthBenchmark()
case "validated": try validatedBenchmark()
case "validated-slots": try validatedSlotsBenchmark()
case "work-count": try workCountBenchmark(rounds: Int(arguments.dropFirst().first ?? "5") ?? 5)
case "memory": try memoryRun(arguments.dropFirst().first ?? "network", end: Int(arguments.dropFirst(2).first ?? "10") ?? 10)
default: try networkBenchmark()
}
