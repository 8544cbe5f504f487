import Foundation
import PhasecheckExpressions
import PhasecheckNumbers

// Feeds random strings and mutated valid expressions to the parser, and every tree that parses to the
// printers (checking the plain round trip), the simplifier, the differentiator and the tape compiler and
// evaluator. Usage: ExpressionsFuzz SECONDS [FIRST_ITERATION [--verbose]]. Iteration i is generated from
// seed i alone, so a crash after "iteration N" is replayed with `ExpressionsFuzz 1 N --verbose`.

let arguments = CommandLine.arguments
let seconds = arguments.count > 1 ? Double(arguments[1])! : 60
let first = arguments.count > 2 ? UInt64(arguments[2])! : 0
let verbose = arguments.contains("--verbose")


let corpus = [
    "(lambda/4)*(P*z - M/z)", "(zp - q*zm)/(1 - q)", "q0*exp(-kappa*Kinf*t)", "u0*cosh(S) - sqrt(eta_u/eta_w)*w0*sinh(S)",
    "sqrt(1 + 4*lambda^2*(a^2 - a0^2)/K0^2) - 1", "dot(u, w)/(norm(u)*norm(w))", "[x, y, x^2][2] + sum([1, 2.5e-3])",
    "atan2(y, x) + min(x, y)*max(x^2, z)", "pow(x, y) + x^-y^2 - --x", "abs(x - y)/cbrt(expm1(x) + log1p(y))",
    "asin(x/2) + acos(x/3) + atan(x) + asinh(x) + acosh(2 + x) + atanh(x/4) + tanh(x) + tan(x)",
]
let alphabet = Array("0123456789.eE+-*/^()[],xyzuw_ abcdefghijklmnopqrstsinhcoexpqrtdlm#\"\n\t=<>'!;:|~é{}")

func randomInput(_ rng: inout SplitMix64) -> String {
    switch Int.random(in: 0...9, using: &rng) {
    case 0: // raw bytes, decoded leniently
        let bytes = (0..<Int.random(in: 0...40, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
        return String(decoding: bytes, as: UTF8.self)
    case 1, 2: // characters the lexer knows
        return String((0..<Int.random(in: 0...40, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
    case 3: // deep nesting
        let depth = Int.random(in: 1...20_000, using: &rng)
        let opener = ["(", "-", "sin(", "[", "x^"].randomElement(using: &rng)!
        return String(repeating: opener, count: depth) + "x" + String(repeating: opener == "(" || opener == "sin(" ? ")" : (opener == "[" ? "]" : ""), count: depth)
    default: // mutated valid expressions
        var text = Array(corpus.randomElement(using: &rng)!)
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            let position = Int.random(in: 0...text.count, using: &rng)
            switch Int.random(in: 0...3, using: &rng) {
            case 0: if position < text.count { text.remove(at: position) }
            case 1: text.insert(alphabet.randomElement(using: &rng)!, at: position)
            case 2:
                let other = Array(corpus.randomElement(using: &rng)!)
                let cut = Int.random(in: 0...other.count, using: &rng)
                text = Array(text[..<position]) + other[cut...]
            default:
                if position < text.count { text.insert(contentsOf: text[position...].prefix(5), at: position) }
            }
        }
        return String(text)
    }
}

/// Everything downstream of a successful parse; returns a description of any broken invariant.
func exercise(_ e: Expr, _ rng: inout SplitMix64) -> String? {
    guard let again = try? ExpressionParser.parse(PlainPrinter.print(e)), again === e else {
        return "round trip failed: \(PlainPrinter.print(e))"
    }
    _ = LatexPrinter.print(e)
    let strict = e.simplified(), finite = e.simplified(assumingFiniteValues: true)
    // The generator makes no matrix functions, whose derivatives alone can be refused.
    guard let derivative = try? e.derivative(withRespectTo: "x") else { return "derivative refused: \(PlainPrinter.print(e))" }
    let names = e.freeSymbols.subtracting(["pi"]).sorted()
    let values = names.map { _ in Double.random(in: -3...3, using: &rng) }
    for tree in [e, strict, finite, derivative, derivative.simplified()] {
        guard let tape = try? Tape(compiling: [tree], inputs: names.map { (name: $0, length: nil) }) else { continue }
        var evaluator = TapeEvaluator(tape: tape, context: DoubleContext())
        _ = evaluator.evaluate(values)
    }
    // The strict simplifier must not change a value (at 120 bits; NaN and infinity compared by kind).
    let context = MPFRContext(precision: 120)
    let point = Dictionary(uniqueKeysWithValues: zip(names, values.map { BigFloat($0, precision: 120) }))
    if let a = try? e.evaluate(in: context, at: point), let b = try? strict.evaluate(in: context, at: point) {
        let same = (a.isNaN && b.isNaN) || (a.isInfinite && b.isInfinite)
            || (a.isFinite && b.isFinite && (a - b).doubleValue.magnitude <= 1e-25 * (1 + a.doubleValue.magnitude))
        if !same { return "simplifier changed \(PlainPrinter.print(e)) = \(a) into \(PlainPrinter.print(strict)) = \(b)" }
        // The canonical form (finite values assumed) must agree wherever the original is finite.
        if a.isFinite, let c = try? finite.evaluate(in: context, at: point),
           !(c.isFinite && (a - c).doubleValue.magnitude <= 1e-25 * (1 + a.doubleValue.magnitude)) {
            return "canonical form changed \(PlainPrinter.print(e)) = \(a) into \(PlainPrinter.print(finite)) = \(c)"
        }
    }
    // Simplifying again changes nothing.
    if strict.simplified() !== strict || finite.simplified(assumingFiniteValues: true) !== finite {
        return "simplification of \(PlainPrinter.print(e)) is not idempotent"
    }
    return nil
}

let start = Date()
var iteration = first
var parsed = 0, failures = 0
var errorsByMessage: [String: Int] = [:]
while Date().timeIntervalSince(start) < seconds {
    var rng = SplitMix64(seed: iteration)
    let input = randomInput(&rng)
    if verbose { print("iteration \(iteration): \(input.debugDescription.prefix(300))") }
    do {
        let e = try ExpressionParser.parse(input)
        parsed += 1
        if let problem = exercise(e, &rng) {
            failures += 1
            print("iteration \(iteration): \(problem)")
        }
    } catch {
        let kind = error.message.unicodeScalars.prefix(while: { $0 != "`" && $0 != "\"" })
        errorsByMessage[String(String.UnicodeScalarView(kind)), default: 0] += 1
    }
    if iteration % 20_000 == 0 { print("iteration \(iteration)") }
    iteration += 1
}
print("\(iteration - first) inputs in \(Int(Date().timeIntervalSince(start))) s: \(parsed) parsed, \(failures) broken invariants")
for (message, count) in errorsByMessage.sorted(by: { $0.value > $1.value }) { print(String(format: "%8d  ", count) + message) }
