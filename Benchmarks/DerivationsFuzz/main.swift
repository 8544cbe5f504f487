import DerivationsFuzzing
import Foundation

// Mutated derivation files through the reader and the verifier (DerivationFuzzer).
// Usage: DerivationsFuzz ITERATIONS [FIRST_ITERATION [--verbose]], from the package root (the corpus is
// derivations/). Each iteration prints its number before it runs, so a crash names the input to replay:
// `DerivationsFuzz 1 N --verbose` prints it.

let arguments = CommandLine.arguments
let iterations = arguments.count > 1 ? UInt64(arguments[1]) ?? 1000 : 1000
let first = arguments.count > 2 ? UInt64(arguments[2]) ?? 0 : 0
let verbose = arguments.contains("--verbose")
let fuzzer = DerivationFuzzer(corpus: try DerivationFuzzer.corpus(inFolder: URL(fileURLWithPath: "derivations")))
var failures = 0
for i in first..<(first + iterations) {
    let text = fuzzer.input(i)
    FileHandle.standardError.write(Data("\riteration \(i)".utf8))
    if verbose { print("--- iteration \(i)\n\(text)\n---") }
    if let problem = fuzzer.exercise(text, verify: true) {
        failures += 1
        print("\niteration \(i): \(problem)")
    }
}
print("\n\(iterations) iterations from \(first), \(failures) broken invariants")
exit(failures == 0 ? 0 : 1)
