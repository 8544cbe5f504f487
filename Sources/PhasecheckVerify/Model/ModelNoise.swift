import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckFormat
import PhasecheckNumbers

/// The noise the `map` lines draw (`noise xi ~ normal(m, s)`, `uniform(a, b)`, `rademacher`): its laws at this model's values, and the
/// deterministic map that claims about single iterates check, where the noise is switched off.
extension Model {
    /// The noise variables as inputs of a compiled map, with their shapes.
    var noiseVariables: [ODESystem.Variable] {
        derivation.training.noise.map { ODESystem.Variable($0.name, shape: Self.shape(of: $0.dimensions, sizes: sizes)) }
    }

    /// The exact value of a constant expression of the parameters and the width where it is rational at this model's
    /// values (rational values, and only +, -, *, / and integer powers of them), nil otherwise: two parameters equal by
    /// value then differ by exactly 0.
    func exactValue(of e: Expr) -> BigRational? {
        let resolved = expand(e).substituting(ModelTape.parameterValues(of: self))
        guard resolved.freeSymbols.isEmpty else { return nil }
        return resolved.simplified().numberValue
    }

    /// The noise switched off: its mean, in the noise's shape (a vector noise a vector of its means, so that a
    /// product such as `B @ xi` keeps its meaning where a scalar 0 would be refused).
    func meanValue(of noise: NoiseVariable) -> Expr {
        let mean = expand(noise.mean)
        guard case .vector(let n) = Self.shape(of: noise.dimensions, sizes: sizes) else { return mean }
        return Expr.vector(Array(repeating: mean, count: n))
    }

    /// Each noise variable's mean and spread (`NoiseVariable.spread`: a normal's standard deviation, a uniform law's
    /// width) at this model's values, as enclosures, and its law's parameters; a spread that may be negative is an error.
    /// Each is enclosed from its exact value where that is rational (`exactValue`): `uniform(lo, hi)` with lo = hi = 1/3
    /// has width exactly 0 (the point mass), where the difference of the two enclosures of 1/3 straddles 0.
    func noiseLaws(bits: Int = 128) throws -> [(noise: NoiseVariable, mean: BigInterval, spread: BigInterval, parameters: [BigInterval])] {
        let noise = derivation.training.noise
        guard !noise.isEmpty else { return [] }
        let context = IntervalContext(precision: bits)
        let inputs = try ModelInputs(model: self, context: context)
        return try noise.map { n in
            let exprs = [n.mean, n.spread] + n.law.parameters
            let values = zip(exprs, try inputs.constants(exprs)).map { e, enclosure in exactValue(of: e).map { context.constant($0) } ?? enclosure }
            let mean = values[0], spread = values[1]
            guard values.allSatisfy(\.isFinite), spread.lower.sign >= 0 else {
                throw NoiseLawError(noise: n, description: "the law of noise `\(n.name)` is \(n.law.text(parameters: values.dropFirst(2).map(\.reportText))); "
                                    + Self.lawRequirement(n.law))
            }
            return (n, mean, spread, Array(values.dropFirst(2)))
        }
    }

    private static func lawRequirement(_ law: Distribution) -> String {
        switch law {
        case .normal: "expected a finite mean and a standard deviation >= 0"
        case .uniform: "expected finite ends a <= b"
        case .rademacher: "expected no parameters"
        }
    }

    /// Each noise variable's law in double precision, for `MonteCarlo` (in the order of `noiseVariables`).
    func monteCarloLaws() throws -> [MonteCarlo.Noise] {
        try noiseLaws().map { law in
            let p = law.parameters.map { $0.midpoint.doubleValue }
            switch law.noise.law {
            case .normal: return MonteCarlo.Noise(mean: p[0], standardDeviation: p[1])
            case .uniform: return .uniform(lower: p[0], upper: p[1])
            case .rademacher: return .rademacher
            }
        }
    }

    /// The entries of a state's map update as a deterministic map (`NoisyMapReading`), in the unknowns `entrySymbols`
    /// (each vector or matrix state as a literal of its entries' symbols); nil when the state has no map line.
    /// Averaged, each entry's expectation over the noise entries it draws (independent, each of its variable's law) is
    /// taken in closed form; a noise whose spread is 0 is at its mean (a zero-sd normal has no closed form but NaN).
    func deterministicUpdate(of state: String, reading: NoisyMapReading, entrySymbols: [String: Expr]) throws -> [Expr]? {
        guard let map = derivation.training.maps[state] else { return nil }
        var update = expand(map.expr)
        var laws: [String: Distribution] = [:]
        var noiseEntries: [String: (shape: Shape, entries: [Expr])] = [:]
        for law in try noiseLaws() {
            let n = law.noise
            if reading == .off || law.spread.upper.isZero {
                update = update.substituting([n.name: meanValue(of: n)])
                continue
            }
            let shape = Self.shape(of: n.dimensions, sizes: sizes)
            let names = n.dimensions.isEmpty ? [n.name] : (1...shape.count).map { "\(n.name)[\($0)]" }
            noiseEntries[n.name] = (shape, names.map(Expr.symbol))
            let expanded = n.law.mapParameters(expand)
            for name in names { laws[name] = expanded }
        }
        var stateEntries: [String: (shape: Shape, entries: [Expr])] = [:]
        for s in derivation.states {
            if let literal = entrySymbols[s.name] { stateEntries[s.name] = (shape(of: s), literal.arguments.flatMap { $0.kind == .vector ? $0.arguments : [$0] }) }
        }
        var unrolling = EntryUnrolling(sizes: sizes, inputs: stateEntries.merging(noiseEntries) { a, _ in a })
        let entries = try unrolling.unrolled(update).entries
        return try entries.map { entry in
            let drawn = laws.keys.filter(entry.freeSymbols.contains).sorted().map { (name: $0, law: laws[$0]!) }
            do throws(ExpectationError) {
                return try Expectation.expand(entry, over: drawn)
            } catch {
                throw CheckError("the map of `\(state)` averaged over its noise has no closed form: \(error.message)")
            }
        }
    }

    /// A law that cannot be drawn from (a negative or infinite standard deviation, a uniform law with b < a), naming its noise
    /// variable so that the file's reader can point at its line.
    struct NoiseLawError: Error, CustomStringConvertible {
        let noise: NoiseVariable
        let description: String
    }

    /// A map's update with the noise switched off, for claims about single iterates: each noise variable
    /// is replaced by its mean, which is allowed only where its spread is exactly 0 (a scenario that sets a standard
    /// deviation or a uniform law's width so); otherwise the iterates are random and only `mean of` claims apply.
    func withoutNoise(_ update: Expr) throws -> Expr {
        let drawn = update.freeSymbols
        let used = derivation.training.noise.filter { drawn.contains($0.name) }
        guard !used.isEmpty else { return update }
        var means: [String: Expr] = [:]
        for law in try noiseLaws() where drawn.contains(law.noise.name) {
            guard law.spread.upper.isZero else {
                throw CheckError("the map draws noise `\(law.noise.name)` (\(Self.spreadText(law.noise.law, law.spread))), so its iterates are random: "
                                 + "check them with `mean of E at step n over N paths == V within k standard errors`, or switch the noise off in a scenario "
                                 + "(a standard deviation or a uniform law's width 0) for claims about single iterates")
            }
            means[law.noise.name] = meanValue(of: law.noise)
        }
        return update.substituting(means)
    }

    /// A law's spread as messages name it: `standard deviation 1/2`, `width 1`, or `values -1 and 1` (no spread to show).
    static func spreadText(_ law: Distribution, _ spread: BigInterval) -> String {
        switch law {
        case .normal: "standard deviation \(spread.reportText)"
        case .uniform: "width \(spread.reportText)"
        case .rademacher: "values -1 and 1"
        }
    }
}
