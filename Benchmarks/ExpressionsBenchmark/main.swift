import Foundation
import PhasecheckExpressions
import PhasecheckNumbers

// Evaluates the flagship closed form a(t) of model.md section 3 (Case A of section 8) at 10^5 time points
// through a compiled tape, against the same formula hand-written in Swift on the same number type and
// against mpmath (Benchmarks/expressions_mpmath_reference.py), at 53 bits (Double) and 256 bits (MPFR).

if CommandLine.arguments.count > 1 && CommandLine.arguments[1] == "--large" {
    try largeInputs(CommandLine.arguments.count > 2 ? Int(CommandLine.arguments[2])! : 1_000_000)
    exit(0)
}

let points = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1])! : 100_000
let repetitions = 5

/// a(t) with the Case A parameters (lambda = gamma sqrt(eta_u eta_w) = 1/2, P = |u0 + w0|^2,
/// M = |u0 - w0|^2, kappa = astar = 1) substituted as exact expressions: every parameter subexpression is
/// constant, so the evaluator computes it once at its precision and `run` only does the t-dependent part.
let closedForm = try [
    "(lambda/4)*(P*z - M/z)",
    "(zp - q*zm)/(1 - q)",
    "q0*exp(-kappa*Kinf*t)",
    "(1 - zp)/(1 - zm)",
    "(2*astar + root)/(lambda*P)",
    "(2*astar - root)/(lambda*P)",
    "sqrt(lambda^4*P*M + 4*lambda^2*astar^2)",
    "sqrt(4*astar^2 + lambda^2*P*M)",
].map(ExpressionParser.parse).enumerated().reduce(Expr.symbol("a")) { tree, step in
    // Each definition replaces the symbol it defines, in order: a, z, q, q0, zp, zm, Kinf, root.
    tree.substituting([["a", "z", "q", "q0", "zp", "zm", "Kinf", "root"][step.offset]: step.element])
}.substituting(["lambda": .number(BigRational(1, 2)), "P": .number(BigRational("2.94")!),
                "M": .number(BigRational("11.74")!), "kappa": .number(1), "astar": .number(1)])

/// The same parameters as values, for the hand-written code and mpmath.
func parameters<C: ScalarContext>(_ c: C) -> [C.Value] {
    let lambda = c.constant(BigRational(1, 2)), kappa = c.constant(1), astar = c.constant(1)
    let P = c.constant(BigRational("2.94")!), M = c.constant(BigRational("11.74")!)
    let four = c.constant(4), one = c.constant(1), two = c.constant(2)
    let root = C.Value.sqrt(four * astar * astar + lambda * lambda * P * M)
    let zp = (two * astar + root) / (lambda * P), zm = (two * astar - root) / (lambda * P)
    let q0 = (one - zp) / (one - zm)
    let Kinf = C.Value.sqrt(lambda * lambda * lambda * lambda * P * M + four * lambda * lambda * astar * astar)
    return [lambda, P, M, zp, zm, q0, kappa, Kinf]
}

/// Best wall time of `repetitions` runs, in seconds, and the last result.
func best<R>(_ body: () -> R) -> (Double, R) {
    var fastest = Double.infinity
    var result: R? = nil
    for _ in 0..<repetitions {
        let start = DispatchTime.now().uptimeNanoseconds
        result = body()
        fastest = min(fastest, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return (fastest, result!)
}

/// The closed form written out by hand on the value-returning operators.
@inline(__always) func handWritten<V: Scalar>(_ p: [V], _ t: V, one: V, four: V) -> V {
    let (lambda, P, M, zp, zm, q0, kappa, Kinf) = (p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7])
    let q = q0 * V.exp(-(kappa * Kinf * t))
    let z = (zp - q * zm) / (one - q)
    return lambda / four * (P * z - M / z)
}

func run<C: ScalarContext>(_ context: C, label: String) throws -> (tape: Double, expFloor: Double, checksum: Double) {
    let p = parameters(context)
    let ts = (0..<points).map { context.constant(BigRational(10 * $0, points)) }
    let tape = try Tape(compiling: [closedForm], inputs: [(name: "t", length: nil)])
    var evaluator = TapeEvaluator(tape: tape, context: context)
    let output = tape.outputs[0][0]
    var inputs = [context.constant(0)]
    let (tapeTime, tapeSum) = best { () -> Double in
        // A local evaluator and input array, as a loop over points would hold them (the captured ones
        // would add an exclusivity check per access).
        var local = evaluator, point = inputs
        var sum = 0.0
        for t in ts {
            point[0] = t
            local.run(point)
            sum += local.value(ofRegister: output).doubleValue
        }
        return sum
    }
    let (batchTime, batchSum) = best { () -> Double in
        evaluator.evaluate(columns: [ts])[0][0].reduce(0.0) { $0 + $1.doubleValue }
    }
    let one = context.constant(1), four = context.constant(4)
    let (handTime, handSum) = best { () -> Double in
        var sum = 0.0
        for t in ts { sum += handWritten(p, t, one: one, four: four).doubleValue }
        return sum
    }
    // The floor of any evaluator of this formula: the one exp per point alone, in place (mpfr_exp or libm exp).
    let exponents = ts.map { -(p[6] * p[7] * $0) }
    var power = context.constant(0)
    let (expTime, _) = best { () -> Double in
        var sum = 0.0
        for x in exponents {
            C.Value.apply(.exp, x, into: &power)
            sum += power.doubleValue
        }
        return sum
    }
    precondition(Swift.abs(tapeSum - handSum) <= 1e-9 * Swift.abs(handSum), "tape and hand-written code disagree")
    precondition(batchSum == tapeSum, "batched and single-point evaluation disagree")
    // Reference value (model.md section 8, Case A): a(1) = 0.5482094676074648041132344.
    inputs[0] = context.constant(1)
    evaluator.run(inputs)
    precondition(Swift.abs(evaluator.value(ofRegister: output).doubleValue - 0.5482094676074648) < 1e-13)
    print("\(label): \(tape.instructions.count) instructions (\(evaluator.stepsPerRun) per point), \(points) points")
    func perPoint(_ seconds: Double) -> String { String(format: "%9.2f ns/point", seconds * 1e9 / Double(points)) }
    print("  tape, batched (evaluate(columns:)) \(perPoint(batchTime))   tape/hand = \(String(format: "%.2f", batchTime / handTime))")
    print("  tape, one point per run(_:)       \(perPoint(tapeTime))   tape/hand = \(String(format: "%.2f", tapeTime / handTime))")
    print("  hand-written                      \(perPoint(handTime))")
    print("  exp alone (the floor)             \(perPoint(expTime))")
    return (Swift.min(batchTime, tapeTime), expTime, tapeSum)
}

/// Runs the mpmath script; returns its backend and seconds.
func mpmath(bits: Int, checksum: Double) -> (String, Double)? {
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("expressions_mpmath_reference.py").path
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", script, String(bits), String(points)]
    let pipe = Pipe()
    process.standardOutput = pipe
    guard (try? process.run()) != nil else { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let fields = String(decoding: data, as: UTF8.self).split(separator: " ")
    guard process.terminationStatus == 0, fields.count == 3, let seconds = Double(fields[1]),
          let sum = Double(fields[2].trimmingCharacters(in: .whitespacesAndNewlines)) else { return nil }
    precondition(Swift.abs(sum - checksum) <= 1e-9 * Swift.abs(sum), "mpmath disagrees: \(sum) vs \(checksum)")
    return (String(fields[0]), seconds)
}

for (bits, result) in [(53, try run(DoubleContext(), label: "Double (53 bits)")),
                       (256, try run(MPFRContext(precision: 256), label: "MPFR (256 bits)"))] {
    if let (backend, seconds) = mpmath(bits: bits, checksum: result.checksum) {
        print("  mpmath (backend \(backend))          \(String(format: "%9.2f ns/point", seconds * 1e9 / Double(points)))   mpmath/tape = \(String(format: "%.1f", seconds / result.tape)), mpmath/exp alone = \(String(format: "%.1f", seconds / result.expFloor))")
    } else {
        print("  mpmath: not available (python3 with mpmath needed)")
    }
}
