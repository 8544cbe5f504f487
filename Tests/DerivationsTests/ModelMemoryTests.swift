import Foundation
import PhasecheckDerivations
@testable import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckNumbers
@testable import PhasecheckVerify
import Testing

/// Sizes beyond the machine are refused at their `dim` line before any work, from an estimate of the memory
/// the checks need (`ModelMemory`), and the sizes that fit are accepted (issue 11, "Speed and limits").
struct ModelMemoryTests {
    /// Saxe et al.'s two-layer linear network with n_in = n_h = n_out = n, as in Benchmarks/matrix_benchmark.sh.
    static let network = """
        dim n = 10
        param S[n, n] = eye(n)*2
        state W1[n, n] = eye(n)/10
        state W2[n, n] = eye(n)/10
        let E = S - W2 @ W1
        ode W1' = transpose(W2) @ E
        ode W2' = E @ transpose(W1)
        claim "balanced": invariant transpose(W2) @ W2 - W1 @ transpose(W1)
        """

    static func model(_ text: String, n: Int) throws -> Model {
        try Model(try DerivationParser.parse(text, file: "network.phc"), overrides: [(name: "n", value: Expr.number(n))])
    }

    /// The counts the estimate is made of, against the compiled right-hand sides at n = 6: the tape's
    /// instructions, and the registers the Taylor engine gives coefficients (all but those absorbed into a
    /// fused sum of products) with the terms of those sums.
    @Test func theEstimateCountsWhatTheTapeHolds() throws {
        let model = try Self.model(Self.network, n: 6)
        let estimate = model.memoryEstimate()
        let system = try model.odeSystem()
        let instructions = system.tape.instructions
        let parameterSlots = Set(system.tape.inputs.indices.dropFirst(model.stateVariables.reduce(0) { $0 + $1.slotCount }))
        var isConstant = [Bool](repeating: false, count: instructions.count)
        for (i, instruction) in instructions.enumerated() {
            switch instruction {
            case .constant, .pi: isConstant[i] = true
            case .input(let slot): isConstant[i] = parameterSlots.contains(slot)
            default: isConstant[i] = instruction.operands.allSatisfy { isConstant[$0] }
            }
        }
        let fusion = SeriesDot.fusion(instructions, isConstant: isConstant, outputs: system.tape.outputs)
        let series = instructions.indices.filter { !fusion.absorbed[$0] }.count
        let terms = fusion.heads.values.reduce(0) { $0 + $1.count }
        // 3 products of 6 x 6 matrices (396 products and additions each), E = S - W2 W1 (36), the inputs (W1,
        // W2 and their initial values, 144), a few constants.
        #expect(abs(estimate.flowInstructions - Double(instructions.count)) <= 0.1 * Double(instructions.count),
                "estimated \(estimate.flowInstructions), compiled \(instructions.count)")
        // (The estimate counts the 36 entries of eye(n)*2 apiece; value numbering shares them: 4 registers.)
        #expect(abs(estimate.series - Double(series)) <= 0.15 * Double(series), "estimated \(estimate.series), compiled \(series)")
        #expect(estimate.dotTerms == Double(terms))
    }

    /// `--set n=600` (720,000 state entries, which the width's own limit lets through) is refused at the `dim n`
    /// line, naming the memory needed and allowed and the largest n that fits; that n is accepted and the next
    /// one refused.
    @Test func aSizeBeyondTheMachineIsRefusedAtItsLine() throws {
        let error = try #require(throws: DerivationError.self) { try Self.model(Self.network, n: 600) }
        #expect(error.location == SourceLocation(line: 1, column: 5))
        #expect(error.message.contains("the size n = 600 is more than this machine can hold"), "\(error)")
        #expect(error.message.contains("allowed (half of this machine's memory)"), "\(error)")
        let limit = try #require(error.message.firstMatch(of: /n up to (\d+) fits/).flatMap { Int($0.1) })
        _ = try Self.model(Self.network, n: limit)
        #expect(throws: DerivationError.self) { try Self.model(Self.network, n: limit + 1) }
        // A right-hand side whose products have a constant factor keeps n^3 coefficient series, not n^2.
        let constantFactor = Self.network.replacingOccurrences(of: "transpose(W2) @ E", with: "S @ W1 - W1")
        let smaller = try #require(throws: DerivationError.self) { try Self.model(constantFactor, n: 600) }
        let constantLimit = try #require(smaller.message.firstMatch(of: /n up to (\d+) fits/).flatMap { Int($0.1) })
        #expect(constantLimit < limit)
    }

    /// A size that fits is not refused: n = 40 of this network needs well under a gigabyte (its `verify` peaked at
    /// 1.8 GB before the fused products; see Benchmarks/README.md), accepted wherever half the memory is 2 GB.
    @Test func aSizeThatFitsIsAccepted() throws {
        let estimate = try Self.model(Self.network, n: 40).memoryEstimate()
        #expect(estimate.bytes < 1e9, "\(estimate.breakdown)")
        if ModelMemory.allowedBytes >= 2e9 { _ = try Self.model(Self.network, n: 40) }
    }

    /// `phase` reads a file without estimating the memory of its models (it never integrates them), so a
    /// scenario beyond the machine does not stop a sweep of exponents; everything that integrates still refuses
    /// it: the file read with the estimate, the model a command asks for, and `verify`'s claims under it.
    @Test func skippingTheEstimateForPhaseRefusesTheSameModelsElsewhere() throws {
        let text = Self.network + """

            scenario huge: n = 600
            claim "balanced at n = 600": invariant transpose(W2) @ W2 - W1 @ transpose(W1) under huge
            scale g = d^-a
            asymptotic q = g*d
            exponent e_q = 1 - a
            classify q: vanishing -> small, bounded -> order_one, diverging -> large
            region small: e_q < 0
            region order_one: e_q == 0
            region large: e_q > 0
            grid a = 0:2:1
            """
        func refused(_ error: DerivationError) -> Bool { error.description.contains("the size n = 600 is more than this machine can hold") }
        let estimated = try #require(throws: DerivationError.self) { try DerivationParser.check(text, file: "network.phc") }
        #expect(refused(estimated), "\(estimated)")
        let unestimated = try DerivationParser.check(text, file: "network.phc", estimatingMemory: false)
        let model = try #require(throws: DerivationError.self) { try unestimated.model(scenario: "huge") }
        #expect(refused(model), "\(model)")
        _ = try unestimated.model()  // n = 10 fits
        let results = Verifier(unestimated, options: VerifyOptions()).verifyAll()
        let underHuge = try #require(results.first { $0.name == "balanced at n = 600" })
        #expect(underHuge.status == .error && underHuge.detail.contains("the size n = 600 is more than this machine can hold"), "\(underHuge)")
        #expect(results.first { $0.name == "balanced" }?.status == .holds)
        let sweep = try PhaseSweep(unestimated.derivation, widthLimitModel: unestimated.widthLimitModel, grid: PhaseGrid(section: unestimated.derivation.widthLimit))
        var found: [String] = []
        try sweep.rows(0 ..< sweep.grid.count, jobs: 1) { found.append($0.found ?? "?") }
        #expect(found == ["large", "order_one", "small"], "e_q = 1 - a at a = 0, 1, 2")
    }
}
