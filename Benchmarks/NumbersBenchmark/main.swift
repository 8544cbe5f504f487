// Times one fixed chain, `x = sqrt(exp(log(x*y + z))); z = z + w` for N iterations, at several precisions,
// three ways: through BigFloat (value-returning operators and the in-place Scalar API), through plain C
// calls to MPFR (NumbersCFloor, the floor) and through mpmath (numbers_mpmath.py, as a subprocess).
// Run in release mode: swift run -c release NumbersBenchmark
import Foundation
import NumbersCFloor
import PhasecheckNumbers

struct Inputs {
    let x, y, z, w: BigFloat
    init(precision p: Int, iterations n: Int) {
        x = BigFloat(BigRational(1, 7), precision: p)
        y = BigFloat(BigRational(1, 3), precision: p)
        z = BigFloat(BigRational(2, 3), precision: p)
        w = BigFloat(BigRational(1, 3 * n), precision: p)
    }
}

func chainValues(_ inputs: Inputs, _ n: Int) -> BigFloat {
    var x = inputs.x, z = inputs.z
    let y = inputs.y, w = inputs.w
    for _ in 0..<n {
        x = BigFloat.sqrt(BigFloat.exp(BigFloat.log(x * y + z)))
        z = z + w
    }
    return x
}

/// The same chain through the in-place `Scalar` API with two scratch registers (no allocation per step).
func chainInPlace(_ inputs: Inputs, _ n: Int) -> BigFloat {
    var x = inputs.x, z = inputs.z
    let y = inputs.y, w = inputs.w
    var t = BigFloat.nan(precision: x.precision), u = BigFloat.nan(precision: x.precision)
    for _ in 0..<n {
        BigFloat.multiply(x, y, into: &t)
        BigFloat.add(t, z, into: &u)
        BigFloat.apply(.log, u, into: &t)
        BigFloat.apply(.exp, t, into: &u)
        BigFloat.apply(.sqrt, u, into: &x)
        z += w
    }
    return x
}

func chainC(_ inputs: Inputs, _ n: Int) -> BigFloat {
    var x = inputs.x, z = inputs.z
    inputs.y.withPointer { y in
        inputs.w.withPointer { w in
            x.withMutablePointer { xp in
                z.withMutablePointer { zp in numbers_floor_chain(xp, zp, y, w, n) }
            }
        }
    }
    return x
}

/// CPU seconds of this thread: less disturbed than wall time when other work shares the cores.
func threadCPUTime() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// CPU seconds for one run, and its result.
func timed(_ body: () -> BigFloat) -> (Double, BigFloat) {
    let start = threadCPUTime()
    let result = body()
    return (threadCPUTime() - start, result)
}

/// The best of `rounds` runs of each variant, the variants interleaved so that a burst of load from
/// elsewhere on the machine does not favour one of them; all variants must give the same x.
func bestTimes(rounds: Int, _ variants: [() -> BigFloat]) -> [Double] {
    var best = [Double](repeating: .infinity, count: variants.count)
    var first: BigFloat? = nil
    for _ in 0..<rounds {
        for (i, run) in variants.enumerated() {
            let (seconds, x) = timed(run)
            if first == nil { first = x }
            guard x == first! else { fatalError("variant \(i) gives \(x), expected \(first!)") }
            best[i] = min(best[i], seconds)
        }
    }
    return best
}

/// mpmath's timings per precision (seconds per iteration) and its final x, plus the backend it used.
/// `purepython` sets MPMATH_NOGMPY, which makes mpmath use its pure-Python backend.
func runMpmath(_ plan: [(Int, Int)], purepython: Bool) -> (backend: String, results: [Int: (Double, String)]) {
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("numbers_mpmath.py")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", script.path] + plan.map { "\($0.0):\($0.1)" }
    if purepython { process.environment = ProcessInfo.processInfo.environment.merging(["MPMATH_NOGMPY": "1"]) { $1 } }
    let pipe = Pipe()
    process.standardOutput = pipe
    do { try process.run() } catch { return ("not run: \(error)", [:]) }
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    var backend = "unknown (exit status \(process.terminationStatus))"
    var results: [Int: (Double, String)] = [:]
    for line in output.split(separator: "\n") {
        let fields = line.split(separator: " ")
        if fields.first == "backend", fields.count == 2 { backend = String(fields[1]); continue }
        guard fields.count == 4, let p = Int(fields[0]), let n = Double(fields[1]), let s = Double(fields[2]) else { continue }
        results[p] = (s / n, String(fields[3]))
    }
    return (backend, results)
}

/// Leading decimal digits on which two numerals agree.
func agreeingDigits(_ a: String, _ b: String) -> Int {
    zip(a, b).prefix { $0 == $1 }.filter { $0.0.isNumber }.count
}

func pad(_ s: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }
func micro(_ seconds: Double) -> String { String(format: "%.3f", seconds * 1e6) }

// Iterations per precision: each timed run takes roughly 0.1 s.
// Arguments, if any, pick precisions from the plan: NumbersBenchmark 64 256
let fullPlan = [(64, 50_000), (256, 20_000), (1024, 3_000), (4096, 300)]
let chosen = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let plan = chosen.isEmpty ? fullPlan : fullPlan.filter { chosen.contains($0.0) }
// mpmath is slower; a tenth of the iterations keeps the run short.
let mpmathPlan = plan.map { ($0.0, max(50, $0.1 / 10)) }
let mpmath = runMpmath(mpmathPlan, purepython: false)
let mpmathPython = runMpmath(mpmathPlan, purepython: true)

print("NumbersBenchmark: x = sqrt(exp(log(x*y + z))); z += w, N iterations; best of 7 (mpmath: of 3);"
      + " thread CPU µs per iteration")
print("mpmath backends: \(mpmath.backend) and \(mpmathPython.backend) (MPMATH_NOGMPY=1)")
let header = ["bits", "N", "BigFloat", "in-place", "C MPFR", "mpmath", "mpmath-py", "values/C", "in-place/C",
              "mpmath/values", "mpmath-py/val", "mpmath digits"]
print(header.map { pad($0, 14) }.joined())
for (p, n) in plan {
    let inputs = Inputs(precision: p, iterations: n)
    let times = bestTimes(rounds: 7, [{ chainValues(inputs, n) }, { chainInPlace(inputs, n) }, { chainC(inputs, n) }])
    let perValues = times[0] / Double(n), perInPlace = times[1] / Double(n), perC = times[2] / Double(n)
    let gmpy = mpmath.results[p], python = mpmathPython.results[p]
    // mpmath ran a tenth of the iterations, so compare its x with ours after as many steps.
    var agreement = "-"
    if let digits = gmpy?.1 {
        let shortRun = Inputs(precision: p, iterations: max(50, n / 10))
        let ours = chainC(shortRun, max(50, n / 10)).formatted(significantDigits: digits.filter(\.isNumber).count)
        agreement = "\(agreeingDigits(ours, digits))"
    }
    func ratio(_ seconds: Double?) -> String { seconds.map { String(format: "%.1f", $0 / perValues) } ?? "-" }
    let row = ["\(p)", "\(n)", micro(perValues), micro(perInPlace), micro(perC),
               gmpy.map { micro($0.0) } ?? "-", python.map { micro($0.0) } ?? "-",
               String(format: "%.3f", perValues / perC), String(format: "%.3f", perInPlace / perC),
               ratio(gmpy?.0), ratio(python?.0), agreement]
    print(row.map { pad($0, 14) }.joined())
}
