import PhasecheckFormat
import PhasecheckExpressions
import PhasecheckNumbers

/// The file's `assume` lines, decided for one choice of parameter values.
extension Model {
    /// The first assumption these parameter values do not satisfy (nil: all hold). A comparison that interval
    /// arithmetic at 128 bits cannot decide (the two sides equal to that precision) counts as not satisfied,
    /// so a draw is kept only when it certainly lies inside the assumed region.
    func violatedAssumption() throws -> Assumption? {
        let assumptions = derivation.assumptions
        guard !assumptions.isEmpty else { return nil }
        let inputs = try ModelInputs(model: self, context: IntervalContext(precision: 128))
        for a in assumptions {
            let differences = try inputs.constants(a.condition.comparisons.map { $0.lhs - $0.rhs })
            for (c, difference) in zip(a.condition.comparisons, differences) where !Self.certainly(c.relation, difference) {
                return a
            }
        }
        return nil
    }

    /// Whether `lhs - rhs`, enclosed by `difference`, certainly satisfies the relation.
    static func certainly(_ relation: Condition.Relation, _ difference: BigInterval) -> Bool {
        guard difference.isFinite else { return false }
        switch relation {
        case .less: return difference.upper.sign < 0
        case .lessOrEqual: return difference.upper.sign <= 0
        case .greater: return difference.lower.sign > 0
        case .greaterOrEqual: return difference.lower.sign >= 0
        case .equal: return difference.lower.isZero && difference.upper.isZero
        }
    }
}

extension ClaimCheck {
    /// Draws every parameter with a domain at random until the draw satisfies the `assume` lines.
    static let drawAttempts = 1000

    /// - Parameter keeping: parameters that keep their value (not drawn).
    func drawParameters(_ generator: inout SeededRandom, keeping: Set<String> = []) throws -> (Model, [String: BigRational]) {
        let random = derivation.parameters.filter { $0.domain != nil && !keeping.contains($0.name) }
        for _ in 0..<Self.drawAttempts {
            var drawn = model
            var values: [String: BigRational] = [:]
            for p in random {
                let q = Sampling.draw(from: p.domain!, &generator)
                values[p.name] = q
                drawn.setParameter(p.name, Expr.number(q))
            }
            if try drawn.violatedAssumption() == nil { return (drawn, values) }
        }
        let lines = derivation.assumptions.map { "line \($0.location.line)" }.joined(separator: ", ")
        throw CheckError("no random draw of the parameters in \(Self.drawAttempts) satisfied the `assume` lines (\(lines)): the region they allow seems empty, or too small to draw from")
    }
}
