import DerivationsFuzzing
import PhasecheckDerivations
import Foundation
import Testing

/// The first iterations of the derivation fuzzer (Benchmarks/derivations_fuzz.sh runs it longer): mutated
/// bundled derivations are read, and the first that read are verified within a small budget.
struct DerivationFuzzTests {
    static let derivations = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("derivations")

    @Test func mutatedDerivationsNeverBreakTheReaderOrTheVerifier() throws {
        let fuzzer = DerivationFuzzer(corpus: try DerivationFuzzer.corpus(inFolder: Self.derivations))
        #expect(fuzzer.corpus.count >= 3)
        var read = 0
        for i in UInt64(0)..<200 {
            let text = fuzzer.input(i)
            // Reading is cheap; verifying is not: only every twentieth input is verified.
            if let problem = fuzzer.exercise(text, verify: i % 20 == 0) { Issue.record("iteration \(i): \(problem)") }
            if (try? DerivationParser.parse(text, file: "fuzz.phc")) != nil { read += 1 }
        }
        // The mutations reach both the reader's errors and the verifier.
        #expect(read > 20 && read < 180, "\(read) of 200 inputs read")
    }
}
