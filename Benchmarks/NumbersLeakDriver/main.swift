// Exercises every allocation path of PhasecheckNumbers (values, copies, copy-on-write, in-place forms,
// formatting, parsing, rationals, intervals) for Benchmarks/numbers_leakcheck.sh to run under valgrind.
// (The Swift Testing binary itself crashes valgrind 3.19 inside libdispatch, so a plain driver it is.)
// Usage: NumbersLeakDriver [rounds]
import PhasecheckNumbers

let rounds = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 20
var checksum = 0
for round in 0..<rounds {
    for precision in [2, 53, 64, 200, 1000] {
        let x = BigFloat(BigRational(round + 3, 7), precision: precision)
        let y = BigFloat("0.\(round + 1)", precision: precision)!
        var copy = x
        for f in ElementaryFunction.allCases {
            copy = BigFloat.apply(f, copy)
            BigFloat.apply(f, x, into: &copy)
            let interval = BigInterval.apply(f, IntervalContext(precision: precision).constant(BigRational(round + 1, 9)))
            checksum &+= interval.certifiedDecimal(significantDigits: 5)?.count ?? 0
        }
        for g in BinaryFunction.allCases {
            var a = x
            BigFloat.apply(g, a, a, into: &a)
            let i = BigInterval.apply(g, BigInterval(x), BigInterval(lower: -y, upper: y))
            checksum &+= i.description.count + Set([a, a]).count
        }
        var sum = x + y * x - x / y
        sum += BigFloat.pow(x, -3)
        let rational = BigRational(exactly: sum)! * BigRational("1.5e-3")! + BigRational(round, 1 + round)
        checksum &+= rational.description.count + sum.formatted(significantDigits: 30).count
        checksum &+= BigFloat(rational, precision: precision).description.count
        let interval = (BigInterval(x) - BigInterval(y)) * BigInterval.pow(BigInterval(y), 2) / BigInterval(x)
        checksum &+= interval.midpoint.isFinite && interval.radius.isFinite ? 1 : 0
    }
}
print("NumbersLeakDriver: \(rounds) rounds, checksum \(checksum)")
