import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckFormat
import PhasecheckNumbers

/// The noise the `map` lines draw (`noise xi ~ normal(m, s)`): its laws at this model's values, and the
/// deterministic map that claims about single iterates check, where the noise is switched off.
extension Model {
    /// The noise variables as inputs of a compiled map, with their shapes.
    var noiseVariables: [ODESystem.Variable] {
        derivation.training.noise.map { ODESystem.Variable($0.name, shape: $0.dimensions.isEmpty ? .scalar : .vector(width)) }
    }

    /// Each noise variable's mean and standard deviation at this model's values, as enclosures; a standard
    /// deviation that may be negative is an error.
    func noiseLaws(bits: Int = 128) throws -> [(noise: NoiseVariable, mean: BigInterval, standardDeviation: BigInterval)] {
        let noise = derivation.training.noise
        guard !noise.isEmpty else { return [] }
        let inputs = try ModelInputs(model: self, context: IntervalContext(precision: bits))
        let values = try inputs.constants(noise.flatMap { [$0.mean, $0.standardDeviation] })
        return try noise.enumerated().map { i, n in
            let mean = values[2 * i], sd = values[2 * i + 1]
            guard mean.isFinite, sd.isFinite, sd.lower.sign >= 0 else {
                throw NoiseLawError(noise: n, description: "the law of noise `\(n.name)` is normal(\(mean.reportText), \(sd.reportText)); "
                                    + "expected a finite mean and a standard deviation >= 0")
            }
            return (n, mean, sd)
        }
    }

    /// A law that cannot be drawn from (a negative or infinite standard deviation), naming its noise
    /// variable so that the file's reader can point at its line.
    struct NoiseLawError: Error, CustomStringConvertible {
        let noise: NoiseVariable
        let description: String
    }

    /// A map's update with the noise switched off, for claims about single iterates: each noise variable
    /// is replaced by its mean, which is allowed only where its standard deviation is exactly 0 (a
    /// scenario that sets it so); otherwise the iterates are random and only `mean of` claims apply.
    func withoutNoise(_ update: Expr) throws -> Expr {
        let drawn = update.freeSymbols
        let used = derivation.training.noise.filter { drawn.contains($0.name) }
        guard !used.isEmpty else { return update }
        var means: [String: Expr] = [:]
        for law in try noiseLaws() where drawn.contains(law.noise.name) {
            guard law.standardDeviation.upper.isZero else {
                throw CheckError("the map draws noise `\(law.noise.name)` (standard deviation \(law.standardDeviation.reportText)), so its iterates are random: "
                                 + "check them with `mean of E at step n over N paths == V within k standard errors`, or switch the noise off in a scenario "
                                 + "(its standard deviation 0) for claims about single iterates")
            }
            means[law.noise.name] = expand(law.noise.mean)
        }
        return update.substituting(means)
    }
}
