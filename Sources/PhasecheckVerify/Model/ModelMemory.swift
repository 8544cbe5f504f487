import Foundation
import PhasecheckExpressions
import PhasecheckFormat
import PhasecheckDynamics
import PhasecheckNumbers

/// The memory a model's checks need, estimated before any work from the shapes of its expressions alone, so
/// that a size the machine cannot hold is refused at its `dim` line instead of filling the memory.
///
/// It counts what the compiled tapes will hold, node by node as `TapeBuilder` lowers them (an m x k by k x n
/// matrix product is m n (2k - 1) scalar instructions; a subexpression used twice is counted once):
/// - every instruction of the right-hand sides' tape, and of the largest claim's or initial value's
///   (`bytesPerInstruction`);
/// - for the right-hand sides, the Taylor coefficients 0 ... p of every register (`bytesPerCoefficient`
///   each): a matrix product of two time-varying factors keeps its entries only
///   (each a fused sum of products, `SeriesDot`, with two indices per term), a product with a constant factor
///   keeps every product and partial sum (n^2 (2n - 1), about 2 n^3 series for n x n matrices); `inv` and `det` keep n^2,
///   `sqrtm` and `powm(A, m/N)` of a varying matrix n^2 (1 + max(N, m) + max(0, -m));
/// at the order and precision of the finer integration of a claim at 30 digits (a tolerance of 50 digits),
/// the default. Claims asking for many more digits need more (the coefficients grow with the precision and
/// the order), which this estimate does not see. Validated enclosures (`ValidatedFlow`) are left out: they
/// run for at most 32 state entries, a few megabytes.
///
/// Measured against `/usr/bin/time -v` on the Saxe-style network of Benchmarks/matrix_benchmark.sh (release
/// build; see Benchmarks/README.md, "Matrix functions at scale"): the estimate is within a factor of two of
/// the peak resident memory from n = 10 on.
struct ModelMemory {
    /// Scalar instructions of the right-hand sides' tape and of the largest claim's tape.
    var flowInstructions = 0.0
    var claimInstructions = 0.0
    /// Registers of the right-hand sides that keep Taylor coefficients, and terms of fused sums of products.
    var series = 0.0
    var dotTerms = 0.0
    /// The Taylor order and working precision the coefficients are counted at.
    let order: Int
    let bits: Int

    /// The fraction of this machine's memory a model's checks may take: the rest is for the other claims of
    /// a run (two run at once) and everything else on the machine.
    static let allowedFraction = 0.5
    static var allowedBytes: Double { Double(ProcessInfo.processInfo.physicalMemory) * allowedFraction }

    /// Per scalar instruction: the instruction (32 bytes), its value-numbering slot, the evaluator's step,
    /// the Taylor engine's bookkeeping (constness, uses, offsets, its op) and what the tape's compiler holds
    /// while it runs; measured, see the type's documentation.
    static let bytesPerInstruction = 160.0

    /// Per Taylor coefficient: a BigFloat (object header and `mpfr_t`, 48 bytes, allocated in 64), its limbs
    /// with the allocator's overhead, and its slot in the store.
    var bytesPerCoefficient: Double { Double(64 + 8 * ((bits + 63) / 64) + 16 + 8) }

    /// The tapes' instructions, and the Taylor coefficients of the right-hand sides with the fused sums' terms.
    var tapeBytes: Double { (flowInstructions + claimInstructions) * Self.bytesPerInstruction }
    var coefficientBytes: Double { series * Double(order + 1) * bytesPerCoefficient + dotTerms * 16 }
    var bytes: Double { tapeBytes + coefficientBytes }

    /// The default claim's finer integration: a tolerance of 50 digits.
    init() {
        let tolerance = Tolerance(digits: 50)
        order = tolerance.taylorOrder
        bits = Precision.bits(forDigits: 50) + 32
    }

    /// "2.3 GB", "310 MB".
    static func describe(bytes: Double) -> String {
        bytes >= 1e9 ? String(format: "%.1f GB", bytes / 1e9) : String(format: "%.0f MB", bytes / 1e6)
    }

    /// What `bytes` is made of, for the refusal.
    var breakdown: String {
        "tapes of \(Self.count(flowInstructions + claimInstructions)) scalar operations, " + Self.describe(bytes: tapeBytes)
            + "; Taylor coefficients 0...\(order) at \(bits) bits of \(Self.count(series)) series, " + Self.describe(bytes: coefficientBytes)
    }

    private static func count(_ x: Double) -> String { x < 1e6 ? String(Int(x)) : String(format: "%.1e", x) }
}

extension ModelMemory {
    /// The shape of a node and whether it changes along a flow.
    private struct Node {
        let shape: Shape
        let varies: Bool
    }

    /// Counts the instructions of the nodes of `roots` and of the inputs they read; with `taylor`, the right-hand
    /// sides' (where `varying` are the state and t), also the registers that keep Taylor coefficients (every
    /// register, constant or not, but the partial sums and products a fused sum of products absorbs) and
    /// the terms of those sums, the inputs left out (the caller counts every input slot, as the flow's tape
    /// holds them all). Returns the instructions counted.
    static func instructions(of roots: [Expr], shapes: [String: Shape], varying: Set<String>,
                             taylor: inout ModelMemory?) -> Double {
        var memo: [ObjectIdentifier: Node] = [:]
        var total = 0.0
        for node in Expr.postorder(from: roots) {
            let arguments = node.arguments.map { memo[ObjectIdentifier($0)]! }
            let varies: Bool
            let shape: Shape
            if let name = node.symbolName {
                shape = shapes[name] ?? .scalar
                varies = varying.contains(name)
                if taylor == nil { total += Double(shape.count) }         // the flow's inputs are counted apart
                memo[ObjectIdentifier(node)] = Node(shape: shape, varies: varies)
                continue
            }
            // Where shapes do not fit (the compiler reports it later), the largest argument's stands in.
            shape = (try? ShapeRules.shape(of: node, arguments.map(\.shape)))
                ?? arguments.map(\.shape).max { $0.count < $1.count } ?? .scalar
            varies = arguments.contains { $0.varies }
            memo[ObjectIdentifier(node)] = Node(shape: shape, varies: varies)
            let entries = Double(shape.count)
            // Instructions, and of them the registers that keep coefficients (when the node varies).
            var emitted = entries, kept = entries, terms = 0.0
            switch node.kind {
            case .matmul, .dot:
                let k = Double(node.kind == .dot ? arguments[0].shape.count : grid(arguments[0].shape).columns)
                emitted = entries * (2 * k - 1)
                if arguments[0].varies && arguments[1].varies && k >= 2 {
                    terms = entries * k
                } else {
                    kept = emitted
                }
            case .norm:
                emitted = 2 * Double(arguments[0].shape.count)
                kept = emitted
            case .sum, .trace:
                emitted = Double(node.kind == .sum ? arguments[0].shape.count : grid(arguments[0].shape).rows) - 1
                kept = emitted
            case .transpose, .index, .row, .column, .vector, .diag, .identity, .zeros:
                emitted = 0
                kept = 0
            case .matrixFunction(let f) where (f == .sqrtm || f == .powm) && arguments[0].varies:
                // The integrator's root R = S^(1/N) keeps R, ..., R^max(N, m) (and R^-1, ..., R^m for m < 0) beside
                // the result (`MatrixPowerBlock`).
                let (m, n) = f == .sqrtm ? (1, 2) : node.arguments[1].numberValue?.smallParts ?? (1, 2)
                kept = entries * Double(1 + Swift.max(n, m) + Swift.max(0, -m))
            case .matrixFunction(let f) where (f == .expm || f == .dexpm) && varies:
                // The integrator's exponential keeps X's powers, the polynomial's stages and its squarings beside the
                // result (`MatrixExponentialBlock`: about 25 n x n series at 30 digits; dexpm's are 2n x 2n).
                kept = entries * (f == .expm ? 25 : 100)
            default:
                break
            }
            total += emitted
            if taylor != nil {
                taylor!.series += kept
                taylor!.dotTerms += terms
            }
        }
        return total
    }

    private static func grid(_ shape: Shape) -> (rows: Int, columns: Int) {
        switch shape {
        case .matrix(let m, let n): return (m, n)
        default: return (1, shape.count)
        }
    }
}

extension Model {
    /// The memory estimate of this model's checks (see `ModelMemory`).
    func memoryEstimate() -> ModelMemory {
        var estimate = ModelMemory()
        let shapes = Dictionary(inputShapes, uniquingKeysWith: { a, _ in a })
        if hasFlow, let rightHandSides = try? derivation.states.map({ try odeRightHandSide(of: $0.name) }) {
            var taylor: ModelMemory? = estimate
            let varying = Set(derivation.states.map(\.name) + [Derivation.time])
            let flow = ModelMemory.instructions(of: rightHandSides, shapes: shapes, varying: varying, taylor: &taylor)
            let inputs = Double((systemParameters + stateVariables).reduce(0) { $0 + $1.slotCount } + 1)
            estimate = taylor!
            estimate.flowInstructions = flow + inputs
            estimate.series += inputs
        }
        // The initial values' tapes and each claim's, one at a time.
        let initialValues = derivation.states.compactMap { state -> [Expr]? in
            if case .value(let e) = state.initial { return [e] }
            return nil
        }
        var none: ModelMemory? = nil
        for roots in initialValues + derivation.claims.map(\.statement.expressions) {
            let instructions = ModelMemory.instructions(of: roots.map(expand), shapes: shapes, varying: [], taylor: &none)
            estimate.claimInstructions = Swift.max(estimate.claimInstructions, instructions)
        }
        return estimate
    }

    /// The refusal of a model whose checks would need more memory than `ModelMemory.allowedBytes`, at the line
    /// of the size that makes it so (one set by a scenario or `--set` first), with the largest value of that
    /// size that fits (or saying that no one size does); nil when it fits or the model has no `dim` (the width's
    /// own limit is checked apart). That value is an estimate: the bisection resizes the `dim` only, so `let`
    /// quantities and parameters already expanded to matrices keep the shapes they have at the size given.
    func memoryRefusal(setSizes: Set<String>) -> DerivationError? {
        let needed = memoryEstimate()
        let allowed = ModelMemory.allowedBytes
        guard needed.bytes > allowed else { return nil }
        // Sizes set by a scenario or `--set` first, then the largest.
        let candidates = derivation.dims.filter { setSizes.contains($0.name) }
            + derivation.dims.filter { !setSizes.contains($0.name) }.sorted { sizes[$0.name]! > sizes[$1.name]! }
        guard let first = candidates.first else { return nil }
        func refusal(_ dim: Width, _ remedy: String, hint: String?) -> DerivationError {
            DerivationError(file: derivation.file, location: dim.location,
                            message: "the size \(dim.name) = \(sizes[dim.name]!) is more than this machine can hold: the checks would need about "
                            + "\(ModelMemory.describe(bytes: needed.bytes)) (\(needed.breakdown)), over the "
                            + "\(ModelMemory.describe(bytes: allowed)) allowed (half of this machine's memory); " + remedy,
                            hint: hint)
        }
        for dim in candidates where sizes[dim.name]! > 1 {
            func fits(_ n: Int) -> Bool {
                var resized = self
                resized.sizes[dim.name] = n
                return resized.memoryEstimate().bytes <= allowed
            }
            guard fits(1) else { continue }
            // The largest value that fits, by bisection (the estimate grows with every size).
            var low = 1, high = sizes[dim.name]!
            while high - low > 1 {
                let middle = low + (high - low) / 2
                if fits(middle) { low = middle } else { high = middle }
            }
            return refusal(dim, "\(dim.name) up to \(low) fits (an estimate: matrices written out at this size keep it)", hint: "a smaller `\(dim.name)`, e.g. `--set \(dim.name)=\(low)`")
        }
        // No one size brings it within the limit (matrices written out at this size, or several sizes at once).
        return refusal(first, "no value of \(first.name) alone makes it fit", hint: nil)
    }
}
