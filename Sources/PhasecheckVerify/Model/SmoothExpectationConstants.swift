import Foundation
import PhasecheckFormat
import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckNumbers

/// The model's expectations without a closed form in `let` and `ode` lines (`Derivation.smoothExpectations`):
/// constants of the model, each its integrand and law with the parameters' and the width's exact values in place,
/// enclosed by interval Taylor quadrature (`NumericalExpectation`) through `SmoothExpectationCache`. Compiled when
/// the model's inputs are (so that a refusal is an input error); enclosed only when a tape reads one (`ModelInputs`).
struct SmoothExpectationConstants: Sendable {
    /// One per expectation, in `Derivation.smoothExpectations` order; nil for a drift (an `ode` line's expectation of
    /// the state or t), which is no constant: the trajectories take it by `QuadratureFlow`.
    let entries: [SmoothExpectationCache.Entry?]
    let model: Model

    init(model: Model) throws(DerivationError) {
        self.model = model
        let values = ModelTape.parameterValues(of: model)
        entries = try model.derivation.smoothExpectations.map { smooth throws(DerivationError) -> SmoothExpectationCache.Entry? in
            func fail(_ message: String, hint: String? = nil) -> DerivationError {
                DerivationError(file: model.derivation.file, location: smooth.location, message: message, hint: hint)
            }
            let resolved = smooth.expectation.mapExpressions { model.expand($0).substituting(values) }
            let used = resolved.integrand.freeSymbols.subtracting(resolved.variables.map(\.name))
                .union(resolved.lawParameters.flatMap(\.freeSymbols)).subtracting([ReservedSymbols.pi])
            if smooth.inODELine && !used.isDisjoint(with: model.derivation.states.map(\.name) + [Derivation.time]) {
                guard resolved.innerVariables.isEmpty else {
                    throw fail("the expectation without a closed form over \(resolved.variables.count) variables in \(smooth.line) depends on the state or t: "
                               + "a drift is taken by a fixed-node rule over one variable, and a tensor rule for drifts is not implemented",
                               hint: "write the drift as a function of one combination of the variables, or check the expectation at fixed values with an `expectation` claim")
                }
                return nil
            }
            if let moving = used.sorted().first {
                // Parameters and sizes are numbers by now: what is left came through a `let` of the state or t.
                throw fail(smooth.refusal(dependsOn: moving) + " (through a `let`)", hint: SmoothExpectation.refusalHint(iterates: !model.derivation.training.maps.isEmpty))
            }
            do {
                return try SmoothExpectationCache.shared.entry(for: resolved)
            } catch {
                throw fail("the expectation without a closed form in \(smooth.line) cannot be taken by quadrature: \(error)")
            }
        }
    }

    /// Why the expectations whose quadrature fell short were not enclosed, each with the line it was written in; nil
    /// when none did.
    var shortfalls: String? {
        let reasons = zip(model.derivation.smoothExpectations, entries).compactMap { smooth, entry in
            entry?.shortfall.map { "the expectation without a closed form in \(smooth.line) was not enclosed: \($0)" }
        }
        return reasons.isEmpty ? nil : reasons.joined(separator: "; ")
    }

    /// Expectation `index` in `context`: in interval arithmetic the enclosure itself, at the context's precision and
    /// at least 112 bits; in point arithmetic (Double, MPFR) its midpoint, or NaN when the quadrature fell short of its
    /// tolerance (an unbounded tail, a kink, the piece limit), so that no digit is shown that is not backed. A drift has
    /// no constant value: NaN (what reads it as a constant, a fixed point of the flow say, is undefined there).
    func value<Context: ScalarContext>(_ index: Int, context: Context) -> Context.Value {
        guard let entry = entries[index] else { return context.constant(0) / context.constant(0) }
        let result = entry.enclosure(bits: Swift.max(context.precision, 112))
        if let enclosure = result.value as? Context.Value { return enclosure }
        guard result.shortfall == nil, result.value.isFinite, let midpoint = BigRational(exactly: result.value.midpoint) else {
            return context.constant(0) / context.constant(0)
        }
        return context.constant(midpoint)
    }
}

/// Enclosures of constant expectations (numbers alone in the integrand and the law), shared by every model, claim,
/// scenario and precision of a run: one quadrature per expectation and precision asked, an enclosure at one
/// precision serving every lower one. (Starting a higher precision from a lower one's pieces was tried and
/// dropped: the Taylor order grows with the precision, so the earlier pieces are mostly finer than needed.)
final class SmoothExpectationCache: @unchecked Sendable {
    static let shared = SmoothExpectationCache()
    private let lock = NSLock()
    private var entries: [String: Entry] = [:]

    /// One expectation: its compiled quadrature and the enclosures computed so far, by increasing precision.
    final class Entry: @unchecked Sendable {
        let quadrature: any CertifiedExpectation
        /// Held while an enclosure is looked up or computed, so that two claims asking at once compute it once.
        private let lock = NSLock()
        private var results: [NumericalExpectation.Result] = []

        /// The precisions at which a quadrature was run so far, in increasing order (what tests observe: an entry
        /// no claim read has none).
        var computedPrecisions: [Int] { lock.withLock { results.map(\.bits) } }

        init(_ quadrature: any CertifiedExpectation) { self.quadrature = quadrature }

        /// Why an enclosure computed so far fell short (nil when none did): what made a value read from it not finite.
        var shortfall: String? { lock.withLock { results.lazy.compactMap(\.shortfall).first } }

        /// An enclosure at `bits` or more, computed only when no earlier one serves. A shortfall at a lower precision
        /// stands for this one too: an unbounded tail, a non-finite integrand or the piece limit do not go away with
        /// more precision (the tolerance only tightens). A quadrature whose work at `bits` (predicted from the pieces
        /// the last one took; counted, the same on every machine) would pass the default budget of an `expectation`
        /// claim is not run: the last enclosure, still valid, stands in for it, marked short, so that a comparison
        /// no precision decides (an odd integrand's mean 0 compared with 0) ends at the claim's precision cap at
        /// once instead of running a quadrature at each doubling up to it.
        func enclosure(bits: Int) -> NumericalExpectation.Result {
            lock.withLock {
                if let served = results.first(where: { $0.shortfall == nil ? $0.bits >= bits : $0.bits <= bits }) { return served }
                if let last = results.last, quadrature.work(pieces: last.examined, bits: bits) > ComputeBudget().maximumQuadratureWork {
                    let reason = "its quadrature at \(bits) bits would pass the work budget of an expectation claim (counted, the same on every machine); the enclosure at \(last.bits) bits stands in"
                    let standIn = last.standingIn(at: bits, because: reason)
                    results.append(standIn)
                    return standIn
                }
                let result = quadrature.enclosure(inputs: [], bits: bits)
                results.append(result)
                results.sort { $0.bits < $1.bits }
                return result
            }
        }
    }

    /// The entry of `expectation`, whose integrand and law hold numbers alone, compiled on first use.
    func entry(for expectation: DeferredExpectation) throws -> Entry {
        let key = "\(expectation.integrand) | \(expectation.lawsDescription)"
        if let entry = lock.withLock({ entries[key] }) { return entry }
        let entry = Entry(try NumericalExpectation.certified(expectation, inputs: []))
        return lock.withLock {
            if let existing = entries[key] { return existing }
            entries[key] = entry
            return entry
        }
    }
}
