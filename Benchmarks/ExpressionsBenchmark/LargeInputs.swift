import Foundation
import PhasecheckExpressions
import PhasecheckNumbers

/// `ExpressionsBenchmark --large [N]`: every pass over a flat sum and a flat product of N terms (default
/// 10^6; issue 18), each a left-leaning chain N deep. Prints each pass's time, its ratio to tokenizing the
/// same text (the reference, trivially linear), and its growth from N/10 to N (about 10 when near-linear).
/// Results are checked against closed forms: x + ... + x = N*x, x*...*x = x^N and their derivatives.
func largeInputs(_ n: Int) throws {
    for (label, separator) in [("sum", " + "), ("product", "*")] {
        var timings: [[(String, Double)]] = []
        for size in [n / 10, n] {
            let text = Array(repeating: "x", count: size).joined(separator: separator)
            var row: [(String, Double)] = []
            func timed<R>(_ pass: String, _ body: () throws -> R) rethrows -> R {
                let start = DispatchTime.now().uptimeNanoseconds
                let result = try body()
                row.append((pass, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
                return result
            }
            _ = try timed("tokenize (reference)") { try Lexer.tokenize(text) }
            let e = try timed("parse") { try ExpressionParser.parse(text) }
            let printed = timed("print") { PlainPrinter.print(e) }
            _ = timed("print LaTeX") { LatexPrinter.print(e) }
            let simplified = timed("simplify") { e.simplified() }
            let d = try timed("differentiate") { try e.derivative(withRespectTo: "x") }
            let ds = timed("simplify derivative") { d.simplified(assumingFiniteValues: true, scalarSymbols: ["x"]) }
            let tape = try timed("compile derivative") { try Tape(compiling: [d], inputs: [(name: "x", length: nil)]) }
            let value = timed("evaluate derivative") { () -> Double in
                var evaluator = TapeEvaluator(tape: tape, context: DoubleContext())
                evaluator.run([1])
                return evaluator.value(ofRegister: tape.outputs[0][0])
            }
            precondition(printed == text, "print does not give the parsed text back")
            let expected = label == "sum" ? ("\(size)*x", "\(size)") : ("x^\(size)", "\(size)*x^\(size - 1)")
            precondition(PlainPrinter.print(simplified) == expected.0 && PlainPrinter.print(ds) == expected.1,
                         "simplified to \(simplified) and \(ds)")
            precondition(value == Double(size), "derivative at x = 1 is \(value), not \(size)")
            timings.append(row)
        }
        print("flat \(label) of \(n) terms (checked: simplifies to the closed form; derivative at x = 1 is \(n))")
        let reference = timings[1][0].1
        for ((pass, small), (_, large)) in zip(timings[0], timings[1]) {
            let name = pass.padding(toLength: 22, withPad: " ", startingAt: 0)
            print("  \(name)" + String(format: " %8.3f s   /tokenize %7.1f   growth from N/10 %5.1f",
                                        large, large / reference, large / small))
        }
    }
}
