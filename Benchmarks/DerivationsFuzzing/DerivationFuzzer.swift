import Foundation
import PhasecheckDerivations
import PhasecheckNumbers

/// Mutates derivation files and feeds them to the reader and, when they read, to the verifier within a
/// small work budget. A crash kills the process (the driver prints the iteration first, to replay it);
/// a broken invariant comes back as a message. Input `i` depends on seed `i` and the corpus alone.
///
/// Run briefly by DerivationsTests/DerivationFuzzTests; run longer with Benchmarks/derivations_fuzz.sh.
public struct DerivationFuzzer {
    /// Seed files (the bundled derivations).
    public let corpus: [String]

    public init(corpus: [String]) { self.corpus = corpus }

    /// The `.phc` files of a folder, sorted by name.
    public static func corpus(inFolder folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "phc" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
            .map { try String(contentsOf: $0, encoding: .utf8) }
    }

    /// Values that broke the tool before (issue 18): overflow, domain errors, vectors for scalars, sizes.
    static let hostileValues = ["0", "-1", "10^9", "1e1000", "1e-1000", "1/0", "sqrt(-1)", "[1, 2]", "inf", "-inf",
                                "10^6", "1e26", "0.0", "exp(exp(10))", "(", ")", "", "d", "t", "#", "\"", "10000000000000"]

    /// Input number `iteration`: a corpus file with one to four mutations.
    public func input(_ iteration: UInt64) -> String {
        var rng = SplitMix64(seed: iteration &* 0x9E37_79B9_7F4A_7C15 &+ 1)
        var lines = corpus[Int.random(in: 0..<corpus.count, using: &rng)].split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for _ in 0..<Int.random(in: 1...4, using: &rng) where !lines.isEmpty {
            let i = Int.random(in: 0..<lines.count, using: &rng)
            switch Int.random(in: 0...6, using: &rng) {
            case 0: lines.remove(at: i)
            case 1: lines.insert(lines[Int.random(in: 0..<lines.count, using: &rng)], at: i)
            case 2: // a line of another file
                let other = corpus[Int.random(in: 0..<corpus.count, using: &rng)].split(separator: "\n").map(String.init)
                if let line = other.randomElement(using: &rng) { lines.insert(line, at: i) }
            case 3, 4: // a number or name replaced by a hostile value
                lines[i] = replacingAToken(in: lines[i], with: Self.hostileValues.randomElement(using: &rng)!, &rng)
            case 5: // a character inserted
                var chars = Array(lines[i])
                chars.insert(Array("()[],=:~'+-*/^#\"\t\r\0").randomElement(using: &rng)!, at: Int.random(in: 0...chars.count, using: &rng))
                lines[i] = String(chars)
            default: // the line cut short
                lines[i] = String(lines[i].prefix(Int.random(in: 0...lines[i].count, using: &rng)))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Replaces one run of letters, digits and dots (a number or a name) by `value`.
    func replacingAToken(in line: String, with value: String, _ rng: inout SplitMix64) -> String {
        let chars = Array(line)
        let starts = chars.indices.filter { (chars[$0].isLetter || chars[$0].isNumber) && ($0 == 0 || !(chars[$0 - 1].isLetter || chars[$0 - 1].isNumber || chars[$0 - 1] == "_")) }
        guard let start = starts.randomElement(using: &rng) else { return line }
        var end = start
        while end < chars.count, chars[end].isLetter || chars[end].isNumber || chars[end] == "." || chars[end] == "_" { end += 1 }
        return String(chars[..<start]) + value + String(chars[end...])
    }

    /// Reads `text`; if it reads and `verify` is set, checks every claim within a small budget. Returns a
    /// broken invariant: an error located outside the text, or a claim error without a reason.
    public func exercise(_ text: String, verify: Bool) -> String? {
        let derivation: Derivation
        do {
            derivation = try DerivationParser.parse(text, file: "fuzz.phc")
        } catch {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
            if error.location.line < 1 || error.location.line > lines + 1 || error.location.column < 1 {
                return "error located outside the text (\(lines) lines): \(error)"
            }
            return nil
        }
        guard verify else { return nil }
        var options = VerifyOptions()
        options.digits = 8
        options.parameterDraws = 2
        options.timeSamples = 2
        options.budget.maximumSteps = 500
        options.budget.maximumBits = 4096
        options.budget.maximumSeconds = 5
        let verifier = Verifier(derivation: derivation, options: options)
        guard (try? verifier.validateInputs()) != nil else { return nil }
        for result in verifier.verifyAll() where result.status == .error && result.detail.isEmpty {
            return "claim \"\(result.name)\" is an error without a reason"
        }
        return nil
    }
}
