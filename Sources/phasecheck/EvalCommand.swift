import ArgumentParser
import Foundation
import PhasecheckExpressions
import PhasecheckFormat
import PhasecheckNumbers

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Print the value of an expression, correctly rounded to the digits asked for.",
        discussion: """
        Without --prec the expression is evaluated in interval arithmetic, raising the precision until both \
        ends of the enclosure round to the same digits, so every printed digit is certain (up to a cap of \
        \(Precision.certificationCap) bits, or 4 times what the digits need if more, past which it reports an \
        error rather than print a wrong digit). \
        --prec fixes the working precision instead and prints MPFR's value at that precision. \
        A vector or matrix (`inv([[2, 1], [1, 3]])`) prints as a literal, every entry to the same digits.
        """
    )

    /// The precision cap: `Precision.certificationCap`, or two doublings past what the digits need if that
    /// is more, so that every documented digit count (up to 100,000) gets evaluated.
    static func capBits(digits: Int) -> Int {
        Swift.max(Precision.certificationCap, 4 * Precision.Escalation.certifying(digits: digits).start)
    }

    /// Every argument that is not an option, joined: an expression may start with a minus (`'-1 + 2'`),
    /// which ArgumentParser would otherwise take for an option.
    @Argument(parsing: .allUnrecognized, help: "The expression, e.g. 'sqrt(1 + 10^-40) - 1'.")
    var expression: [String] = []

    func validate() throws {
        guard !expression.isEmpty else { throw ValidationError("Missing expected argument '<expression>'") }
        try refuseMistypedOptions(in: expression, options: ["--digits", "--prec", "--set", "--help", "--version"])
    }

    @Option(parsing: .unconditional, help: "Significant digits to print.")
    var digits: Int = 30

    @Option(parsing: .unconditional, help: "Fixed working precision in bits (no certification).")
    var prec: Int?

    @Option(name: .customLong("set"), help: "NAME=VALUE: give a symbol a value (repeatable).")
    var assignments: [String] = []

    func run() throws {
        guard (1...100_000).contains(digits) else { throw UserError("--digits must be between 1 and 100000") }
        let parsed = try parseArgument(expression.joined(separator: " "))
        let values = try parseAssignments(assignments)
        var replacements: [String: Expr] = [:]
        for (name, value) in values { replacements[name] = value }
        let e = parsed.substituting(replacements)
        let tape: Tape
        do { tape = try Tape(compiling: [e]) } catch {
            let unknown = e.freeSymbols.sorted().first
            let hint = unknown.flatMap { Suggestions.forUnknownSymbol($0, known: values.map(\.name) + [ReservedSymbols.pi]) }
            throw UserError("\(error) (give it a value with --set NAME=VALUE)" + (hint.map { "\n  hint: \($0)" } ?? ""))
        }
        var shapes = ShapeChecker(inputs: [(name: String, shape: Shape)]())
        let shape = try shapes.shape(of: e)
        if let prec {
            guard BigFloat.precisionRange.contains(prec) else { throw UserError("--prec must be between 2 and \(BigFloat.precisionRange.upperBound)") }
            var evaluator = TapeEvaluator(tape: tape, context: MPFRContext(precision: prec))
            let entries = evaluator.evaluate([])[0].map { $0.formatted(significantDigits: digits) }
            try StandardOutput.write(Self.layout(entries, shape) + "\n")
            return
        }
        var unrolling = EntryUnrolling()
        let entries = try? unrolling.unrolled(e).entries
        try StandardOutput.write(Self.layout(try Self.certified(tape, digits: digits, entries: entries), shape) + "\n")
    }

    /// A vector as `[a, b]`, a matrix as a literal with one row a line (the language reads both back).
    static func layout(_ entries: [String], _ shape: Shape) -> String {
        switch shape {
        case .scalar: return entries[0]
        case .vector: return "[" + entries.joined(separator: ", ") + "]"
        case .matrix(let m, let n):
            let rows = (0..<m).map { "[" + entries[$0 * n..<($0 + 1) * n].joined(separator: ", ") + "]" }
            return "[" + rows.joined(separator: ",\n ") + "]"
        }
    }

    /// Raises the precision until the enclosures determine every digit of every entry. An entry whose finite
    /// enclosure contains 0 is 0 (printed as the digits of 0) when `ExactIdentity` proves its expression, one of
    /// `entries` (the tape's outputs, row-major), zero wherever it is defined: the finite enclosure shows that
    /// it is defined here. `x - x` at x = sqrt(2) never certifies a digit otherwise, up to the cap.
    static func certified(_ tape: Tape, digits: Int, entries: [Expr]? = nil) throws -> [String] {
        let escalation = Precision.Escalation.certifying(digits: digits, cap: capBits(digits: digits))
        var last = BigInterval.nan(precision: escalation.start)
        var provedZero: [Int: Bool] = [:]
        for bits in escalation {
            var evaluator = TapeEvaluator(tape: tape, context: IntervalContext(precision: bits))
            let values = evaluator.evaluate([])[0]
            let texts = values.indices.map { i -> String? in
                let x = values[i]
                if let text = x.certifiedDecimal(significantDigits: digits) { return text }
                guard let entries, entries.count == values.count, x.isFinite, x.containsZero else { return nil }
                if provedZero[i] == nil { provedZero[i] = ExactIdentity.isZero(entries[i]) }
                return provedZero[i]! ? BigFloat(0, precision: bits).formatted(significantDigits: digits) : nil
            }
            if let first = texts.firstIndex(of: nil) {
                // The first entry not yet certified says why when the cap is reached.
                last = values[first]
            } else {
                return texts.map { $0! }
            }
        }
        if last.isNaN {
            throw UserError("domain error: the expression is undefined here (log or sqrt of a negative number, a division by 0, ...)", status: ExitStatus.failed)
        }
        if !last.isFinite {
            throw UserError("domain error: the value is not finite (division by zero or overflow)", status: ExitStatus.failed)
        }
        throw UserError("cannot certify \(digits) digits below \(escalation.cap) bits: the value lies in [\(last.lower.formatted(significantDigits: 6)), \(last.upper.formatted(significantDigits: 6))] (it may be exactly zero, or on a rounding boundary)", status: ExitStatus.failed)
    }
}

/// `--digts 5` lands among the words of an expression collected with `.allUnrecognized` (every unrecognized word is
/// part of it); no expression starts with two minus signs and a letter, so such a word is a mistyped option.
func refuseMistypedOptions(in words: [String], options: [String]) throws {
    if let word = words.first(where: { $0.hasPrefix("--") && $0.dropFirst(2).first?.isLetter == true }) {
        let name = String(word.prefix { $0 != "=" })
        let nearest = Suggestions.nearest(to: name, among: options)
        throw ValidationError("Unknown option '\(name)'." + (nearest.map { " Did you mean '\($0)'?" } ?? ""))
    }
}
