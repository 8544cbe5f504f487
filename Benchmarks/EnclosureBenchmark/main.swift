// Issue 15: what one enclosure operation costs as a BigInterval (two MPFR calls with directed rounding, in
// place), as an Arb ball (arb_exp, arb_log, ...: a midpoint and a radius) and as one plain MPFR call rounded
// to nearest (the floor: no enclosure at all), at 30, 100, 300 and 1000 digits, in the same run; and how
// wide each enclosure comes out, so that a cheaper but wider ball is not mistaken for a win.
//
// Arb is loaded at run time (dlopen of Debian's libflint-arb.so.2, or FLINT 3's libflint.so, which merged
// Arb), so the package needs no Arb headers and builds where Arb is absent; the benchmark then says so.
//
//   swift build -c release --product EnclosureBenchmark && .build/release/EnclosureBenchmark [rounds]
import CMPFR
import Foundation
import PhasecheckNumbers

// MARK: Arb, resolved at run time

/// The Arb entry points the benchmark calls. An `arb_t` is only ever handled by pointer (allocated by
/// `_arb_vec_init`), so no struct layout is assumed.
struct ArbLibrary {
    typealias Unary = @convention(c) (UnsafeMutableRawPointer, UnsafeRawPointer, Int) -> Void
    typealias Binary = @convention(c) (UnsafeMutableRawPointer, UnsafeRawPointer, UnsafeRawPointer, Int) -> Void
    let name: String
    let vecInit: @convention(c) (Int) -> UnsafeMutableRawPointer
    let vecClear: @convention(c) (UnsafeMutableRawPointer, Int) -> Void
    let setInterval: @convention(c) (UnsafeMutableRawPointer, UnsafePointer<__mpfr_struct>, UnsafePointer<__mpfr_struct>, Int) -> Void
    let getInterval: @convention(c) (UnsafeMutablePointer<__mpfr_struct>, UnsafeMutablePointer<__mpfr_struct>, UnsafeRawPointer) -> Void
    let exp, log, sqrt: Unary
    let add, mul, div: Binary

    /// Debian/Ubuntu's Arb 2 first, then FLINT 3 (same function names, one library); nil when neither loads.
    static func load() -> ArbLibrary? {
        for name in ["libflint-arb.so.2", "libflint-arb.so", "libflint.so.19", "libflint.so.18", "libflint.so"] {
            guard let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) else { continue }
            func symbol<T>(_ s: String, _: T.Type) -> T? {
                dlsym(handle, s).map { unsafeBitCast($0, to: T.self) }
            }
            if let vecInit = symbol("_arb_vec_init", (@convention(c) (Int) -> UnsafeMutableRawPointer).self),
               let vecClear = symbol("_arb_vec_clear", (@convention(c) (UnsafeMutableRawPointer, Int) -> Void).self),
               let setInterval = symbol("arb_set_interval_mpfr", (@convention(c) (UnsafeMutableRawPointer, UnsafePointer<__mpfr_struct>, UnsafePointer<__mpfr_struct>, Int) -> Void).self),
               let getInterval = symbol("arb_get_interval_mpfr", (@convention(c) (UnsafeMutablePointer<__mpfr_struct>, UnsafeMutablePointer<__mpfr_struct>, UnsafeRawPointer) -> Void).self),
               let exp = symbol("arb_exp", Unary.self), let log = symbol("arb_log", Unary.self),
               let sqrt = symbol("arb_sqrt", Unary.self), let add = symbol("arb_add", Binary.self),
               let mul = symbol("arb_mul", Binary.self), let div = symbol("arb_div", Binary.self) {
                return ArbLibrary(name: name, vecInit: vecInit, vecClear: vecClear, setInterval: setInterval,
                                  getInterval: getInterval, exp: exp, log: log, sqrt: sqrt, add: add, mul: mul, div: div)
            }
            dlclose(handle)
        }
        return nil
    }
}

// MARK: Raw MPFR numbers for the floor and for measuring widths

/// An `mpfr_t` owned by the benchmark (freed at exit; the benchmark makes a few hundred).
func mpfrNumber(precision: Int) -> UnsafeMutablePointer<__mpfr_struct> {
    let p = UnsafeMutablePointer<__mpfr_struct>.allocate(capacity: 1)
    mpfr_init2(p, mpfr_prec_t(precision))
    return p
}

/// (upper - lower) / |lower|, in units of 2^-precision: about 1 for an enclosure one rounding wide.
func widthInUlps(lower: UnsafePointer<__mpfr_struct>, upper: UnsafePointer<__mpfr_struct>, precision: Int) -> Double {
    let w = mpfrNumber(precision: precision + 64)
    defer { mpfr_clear(w); w.deallocate() }
    mpfr_sub(w, upper, lower, MPFR_RNDU)
    mpfr_div(w, w, lower, MPFR_RNDU)
    mpfr_abs(w, w, MPFR_RNDU)
    mpfr_mul_2si(w, w, precision, MPFR_RNDU)
    return mpfr_get_d(w, MPFR_RNDU)
}

func widthInUlps(_ x: BigInterval, precision: Int) -> Double {
    x.lower.withPointer { lo in x.upper.withPointer { hi in widthInUlps(lower: lo, upper: hi, precision: precision) } }
}

func widthInUlps(_ arb: ArbLibrary, ball: UnsafeRawPointer, precision: Int) -> Double {
    let lo = mpfrNumber(precision: precision + 64), hi = mpfrNumber(precision: precision + 64)
    defer { mpfr_clear(lo); mpfr_clear(hi); lo.deallocate(); hi.deallocate() }
    arb.getInterval(lo, hi, ball)
    return widthInUlps(lower: lo, upper: hi, precision: precision)
}

/// Whether the ball and the interval overlap (both enclose the same real, so they must).
func overlaps(_ arb: ArbLibrary, ball: UnsafeRawPointer, _ x: BigInterval, precision: Int) -> Bool {
    let lo = mpfrNumber(precision: precision + 64), hi = mpfrNumber(precision: precision + 64)
    defer { mpfr_clear(lo); mpfr_clear(hi); lo.deallocate(); hi.deallocate() }
    arb.getInterval(lo, hi, ball)
    return x.lower.withPointer { mpfr_lessequal_p($0, hi) != 0 } && x.upper.withPointer { mpfr_lessequal_p(lo, $0) != 0 }
}

// MARK: Timing

/// CPU seconds of this thread: less disturbed than wall time when other work shares the cores.
func threadCPUTime() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Nanoseconds per call of each variant, `rounds` interleaved runs of `iterations` calls each: the best,
/// and the worst of the runs (the range).
func nanoseconds(rounds: Int, iterations: Int, _ variants: [() -> Void]) -> [(best: Double, worst: Double)] {
    var times = [[Double]](repeating: [], count: variants.count)
    for _ in 0..<rounds {
        for (i, run) in variants.enumerated() {
            let start = threadCPUTime()
            run()
            times[i].append((threadCPUTime() - start) / Double(iterations) * 1e9)
        }
    }
    return times.map { ($0.min()!, $0.max()!) }
}

// MARK: The operations

enum Operation: String, CaseIterable {
    case exp, log, sqrt, mul, add, div
    var isUnary: Bool { self == .exp || self == .log || self == .sqrt }
    var elementary: ElementaryFunction? {
        switch self { case .exp: .exp; case .log: .log; case .sqrt: .sqrt; default: nil }
    }
}

func intervalOperation(_ op: Operation, _ x: BigInterval, _ y: BigInterval, into r: inout BigInterval) {
    switch op {
    case .exp, .log, .sqrt: BigInterval.apply(op.elementary!, x, into: &r)
    case .mul: BigInterval.multiply(x, y, into: &r)
    case .add: BigInterval.add(x, y, into: &r)
    case .div: BigInterval.divide(x, y, into: &r)
    }
}

func arbOperation(_ arb: ArbLibrary, _ op: Operation) -> (UnsafeMutableRawPointer, UnsafeRawPointer, UnsafeRawPointer, Int) -> Void {
    switch op {
    case .exp: { r, x, _, p in arb.exp(r, x, p) }
    case .log: { r, x, _, p in arb.log(r, x, p) }
    case .sqrt: { r, x, _, p in arb.sqrt(r, x, p) }
    case .mul: { r, x, y, p in arb.mul(r, x, y, p) }
    case .add: { r, x, y, p in arb.add(r, x, y, p) }
    case .div: { r, x, y, p in arb.div(r, x, y, p) }
    }
}

func mpfrOperation(_ op: Operation) -> (UnsafeMutablePointer<__mpfr_struct>, UnsafePointer<__mpfr_struct>, UnsafePointer<__mpfr_struct>) -> Void {
    switch op {
    case .exp: { r, x, _ in _ = mpfr_exp(r, x, MPFR_RNDN) }
    case .log: { r, x, _ in _ = mpfr_log(r, x, MPFR_RNDN) }
    case .sqrt: { r, x, _ in _ = mpfr_sqrt(r, x, MPFR_RNDN) }
    case .mul: { r, x, y in _ = mpfr_mul(r, x, y, MPFR_RNDN) }
    case .add: { r, x, y in _ = mpfr_add(r, x, y, MPFR_RNDN) }
    case .div: { r, x, y in _ = mpfr_div(r, x, y, MPFR_RNDN) }
    }
}

/// Iterations per timed run, about 20 ms of BigInterval exp at each precision on this machine.
func iterations(digits: Int) -> Int {
    switch digits { case ..<50: 20_000; case ..<200: 10_000; case ..<500: 2_000; default: 300 }
}

let rounds = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 7 : 7
guard let arb = ArbLibrary.load() else {
    print("Arb not found (neither libflint-arb.so.2 nor FLINT 3's libflint.so loads): nothing to compare.")
    exit(0)
}
print("Arb from \(arb.name); \(rounds) interleaved rounds; CPU ns per operation, best (worst) of the rounds.")
print("Inputs x = 1/7, y = 2/3 as enclosures one rounding wide; widths in units of 2^-bits relative to the value.")
print()
print("digits  op     BigInterval         Arb ball            MPFR RNDN         BigInterval/Arb  Arb/MPFR  BI/MPFR  width BI  width Arb")

for digits in [30, 100, 300, 1000] {
    let bits = Precision.bits(forDigits: digits)
    let n = iterations(digits: digits)
    let x = BigInterval(BigRational(1, 7), precision: bits), y = BigInterval(BigRational(2, 3), precision: bits)
    var r = BigInterval.nan(precision: bits)
    // The element size of an arb vector is not assumed: each ball is its own one-element vector.
    let bx = arb.vecInit(1), by = arb.vecInit(1), br = arb.vecInit(1)
    defer { arb.vecClear(bx, 1); arb.vecClear(by, 1); arb.vecClear(br, 1) }
    x.lower.withPointer { lo in x.upper.withPointer { hi in arb.setInterval(bx, lo, hi, bits) } }
    y.lower.withPointer { lo in y.upper.withPointer { hi in arb.setInterval(by, lo, hi, bits) } }
    let mx = mpfrNumber(precision: bits), my = mpfrNumber(precision: bits), mr = mpfrNumber(precision: bits)
    mpfr_set_ui(mx, 1, MPFR_RNDN); mpfr_div_ui(mx, mx, 7, MPFR_RNDN)
    mpfr_set_ui(my, 2, MPFR_RNDN); mpfr_div_ui(my, my, 3, MPFR_RNDN)

    for op in Operation.allCases {
        let arbOp = arbOperation(arb, op), mpfrOp = mpfrOperation(op)
        let times = nanoseconds(rounds: rounds, iterations: n, [
            { for _ in 0..<n { intervalOperation(op, x, y, into: &r) } },
            { for _ in 0..<n { arbOp(br, bx, by, bits) } },
            { for _ in 0..<n { mpfrOp(mr, mx, my) } },
        ])
        guard overlaps(arb, ball: br, r, precision: bits) else { fatalError("\(op) at \(digits) digits: ball and interval disjoint") }
        let (bi, ball, floor) = (times[0], times[1], times[2])
        func cell(_ t: (best: Double, worst: Double)) -> String {
            String(format: "%8.0f (%8.0f)", t.best, t.worst).padding(toLength: 20, withPad: " ", startingAt: 0)
        }
        print(String(format: "%6d  %-5@  ", digits, op.rawValue as NSString) + cell(bi) + cell(ball) + cell(floor)
              + String(format: "%8.2f         %6.2f   %6.2f    %6.2f    %6.2f", bi.best / ball.best, ball.best / floor.best,
                       bi.best / floor.best, widthInUlps(r, precision: bits), widthInUlps(arb, ball: br, precision: bits)))
    }
}

// MARK: A dependent chain: how widths grow, not just one step

// NumbersBenchmark's chain x = sqrt(exp(log(x*y + z))); z = z + w, 100 steps, so that each enclosure's
// width grows through its own rules (Arb's radius bounds against the interval's endpoint roundings).
print()
print("chain x = sqrt(exp(log(x*y + z))), z += w, 100 steps: CPU µs per step, best (worst); final widths in units of 2^-bits")
print("digits  BigInterval         Arb ball            BigInterval/Arb  width BI  width Arb")
for digits in [30, 100, 300, 1000] {
    let bits = Precision.bits(forDigits: digits)
    let steps = 100
    let x0 = BigInterval(BigRational(1, 7), precision: bits), y = BigInterval(BigRational(1, 3), precision: bits)
    let z0 = BigInterval(BigRational(2, 3), precision: bits), w = BigInterval(BigRational(1, 3 * steps), precision: bits)
    var xFinal = x0
    func intervalChain() {
        var x = x0, z = z0
        var t = BigInterval.nan(precision: bits), u = BigInterval.nan(precision: bits)
        for _ in 0..<steps {
            BigInterval.multiply(x, y, into: &t)
            BigInterval.add(t, z, into: &u)
            BigInterval.apply(.log, u, into: &t)
            BigInterval.apply(.exp, t, into: &u)
            BigInterval.apply(.sqrt, u, into: &x)
            BigInterval.add(z, w, into: &t)
            swap(&z, &t)
        }
        xFinal = x
    }
    let ball = (0..<7).map { _ in arb.vecInit(1) }
    defer { for b in ball { arb.vecClear(b, 1) } }
    let (bx, by, bz, bw, bt, bu, bx0) = (ball[0], ball[1], ball[2], ball[3], ball[4], ball[5], ball[6])
    for (b, v) in [(bx0, x0), (by, y), (bw, w)] {
        v.lower.withPointer { lo in v.upper.withPointer { hi in arb.setInterval(b, lo, hi, bits) } }
    }
    func arbChain() {
        z0.lower.withPointer { lo in z0.upper.withPointer { hi in arb.setInterval(bz, lo, hi, bits) } }
        x0.lower.withPointer { lo in x0.upper.withPointer { hi in arb.setInterval(bx, lo, hi, bits) } }
        for _ in 0..<steps {
            arb.mul(bt, bx, by, bits)
            arb.add(bu, bt, bz, bits)
            arb.log(bt, bu, bits)
            arb.exp(bu, bt, bits)
            arb.sqrt(bx, bu, bits)
            arb.add(bz, bz, bw, bits)
        }
    }
    let times = nanoseconds(rounds: rounds, iterations: steps, [intervalChain, arbChain])
    guard overlaps(arb, ball: bx, xFinal, precision: bits) else { fatalError("chain at \(digits) digits: ball and interval disjoint") }
    let cell = { (t: (best: Double, worst: Double)) in
        String(format: "%8.2f (%8.2f)", t.best / 1000, t.worst / 1000).padding(toLength: 20, withPad: " ", startingAt: 0)
    }
    print(String(format: "%6d  ", digits) + cell(times[0]) + cell(times[1])
          + String(format: "%8.2f         %8.1f  %8.1f", times[0].best / times[1].best,
                   widthInUlps(xFinal, precision: bits), widthInUlps(arb, ball: bx, precision: bits)))
}
