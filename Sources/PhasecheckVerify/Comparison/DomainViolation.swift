import PhasecheckExpressions
import PhasecheckNumbers

/// A subexpression that certainly has no real value at a point: a function whose argument lies wholly
/// outside its domain (`sqrt` of a negative number, `atanh` of 1.34, `log` of a number <= 0), a negative
/// number to a non-integer power, or a division by exactly 0. An expression containing one has no real value
/// there (every subexpression is evaluated: the language has no conditional), so a claim that equates it with
/// a real number cannot hold: a certain failure, said with the reason (issue 10: a closed form that leaves
/// its domain fails), not an error.
///
/// A NaN enclosure alone says only "undefined somewhere in the enclosure"; the violation is certified on
/// the argument's own enclosure. Along an integration (an estimate from two tolerances) the argument must
/// also lie farther from the domain's edge than a thousand times its width, the rule by which the
/// comparison reads a gap there.
struct DomainViolation: Sendable, CustomStringConvertible {
    /// The subexpression without a value, as the claim or closed form writes it.
    let node: Expr
    /// Its argument's enclosure (the offending component of a vector).
    let argument: BigInterval
    /// What is wrong: "sqrt of a negative number".
    let reason: String

    var description: String {
        let text = node.description
        return "\(reason) in `\(text.count > 100 ? text.prefix(100) + "..." : text)` (the argument is \(argument.reportText))"
    }

    /// The first violation, innermost first, among the subexpressions of `exprs` at `time` along
    /// `trajectory`, of the closed forms it substitutes for the states, and, when the state enters, of
    /// `model`'s initial values (without which there is no trajectory); nil when none is certain.
    static func find(in exprs: [Expr], at time: Expr, along trajectory: Trajectory, model: Model, bits: Int) -> DomainViolation? {
        var roots = exprs
        var used = Set(exprs.flatMap(\.freeSymbols))
        if let closed = trajectory as? ClosedFormTrajectory {
            let forms = closed.closedForm.filter { used.contains($0.key) }.sorted { $0.key < $1.key }.map(\.value)
            roots += forms
            used.formUnion(forms.flatMap(\.freeSymbols))
        }
        let states = model.derivation.states
        if states.contains(where: { used.contains($0.name) || used.contains($0.initialName) }) {
            roots += states.flatMap { state -> [Expr] in
                guard case .components(let values)? = model.initialValues[state.name] else { return [] }
                return values.map(model.expand)
            }
        }
        let candidates = Expr.postorder(from: roots).compactMap { node in rule(for: node).map { (node, $0) } }
        guard !candidates.isEmpty,
              let values = try? trajectory.values(of: candidates.map { $0.1.argument }, at: [time], bits: bits).first else { return nil }
        for ((node, rule), components) in zip(candidates, values) {
            for x in components where x.isFinite && rule.excludes(x, certified: trajectory.isCertified) {
                return DomainViolation(node: node, argument: x, reason: rule.reason)
            }
        }
        return nil
    }

    /// For an iteration whose iterate at `step` is not finite: the first certain violation in its `map` updates (or
    /// descent steps) at the steps before, with the step it was met at; nil when none is certain (an enclosure that only
    /// lost its digits). The iterate after that step has no value, at any precision.
    static func inTheMaps(before step: Int, along iteration: IteratedTrajectory, bits: Int) -> (step: Int, violation: DomainViolation)? {
        guard step > 0 else { return nil }
        let model = iteration.model
        let updates = model.derivation.states.compactMap { try? model.iterationUpdate(of: $0.name, stepScale: iteration.stepScale) }
        let candidates = Expr.postorder(from: updates).compactMap { node in rule(for: node).map { (node, $0) } }
        guard !candidates.isEmpty,
              let reached = try? iteration.valuesUntilEscape(of: candidates.map { $0.1.argument }, at: Array(0..<step), bits: bits) else { return nil }
        for (k, values) in reached.values.enumerated() {
            guard let values else { return nil }
            for ((node, rule), components) in zip(candidates, values) {
                for x in components where x.isFinite && rule.excludes(x, certified: true) {
                    return (k, DomainViolation(node: node, argument: x, reason: rule.reason))
                }
            }
        }
        return nil
    }

    /// Which argument of a node must lie where, and the reason given when it certainly does not.
    struct Rule {
        let argument: Expr
        let reason: String
        /// The argument has no image when it is below `below` or above `above` (`orEqual`: at the edge too).
        var below: BigRational? = nil
        var above: BigRational? = nil
        var orEqual = false
        /// A division: the divisor is exactly 0.
        var isDivisor = false

        func excludes(_ x: BigInterval, certified: Bool) -> Bool {
            if isDivisor { return x.lower.isZero && x.upper.isZero }
            let bits = Swift.max(x.precision, 64)
            // Along an estimate, the gap to the edge must dwarf the enclosure's width.
            let margin = certified ? BigFloat(0, precision: bits) : (x.upper - x.lower) * BigFloat(1000, precision: bits)
            if let below {
                let gap = BigFloat(below, precision: bits) - x.upper
                if gap > margin || (orEqual && gap >= margin && certified) { return true }
            }
            if let above {
                let gap = x.lower - BigFloat(above, precision: bits)
                if gap > margin || (orEqual && gap >= margin && certified) { return true }
            }
            return false
        }
    }

    static func rule(for node: Expr) -> Rule? {
        switch node.kind {
        case .function(let f):
            let x = node.arguments[0]
            switch f {
            case .sqrt: return Rule(argument: x, reason: "sqrt of a negative number", below: 0)
            case .log: return Rule(argument: x, reason: "log of a number <= 0", below: 0, orEqual: true)
            case .log1p: return Rule(argument: x, reason: "log1p of a number <= -1", below: -1, orEqual: true)
            case .acosh: return Rule(argument: x, reason: "acosh of a number < 1", below: 1)
            case .asin, .acos: return Rule(argument: x, reason: "\(f.rawValue) of a number outside [-1, 1]", below: -1, above: 1)
            case .atanh: return Rule(argument: x, reason: "atanh of a number outside (-1, 1)", below: -1, above: 1, orEqual: true)
            default: return nil
            }
        case .divide:
            return Rule(argument: node.arguments[1], reason: "division by 0", isDivisor: true)
        case .power, .binaryFunction(.pow):
            guard let q = node.arguments[1].numberValue, !q.isInteger else { return nil }
            return Rule(argument: node.arguments[0], reason: "a negative number to the non-integer power \(q)", below: 0)
        default:
            return nil
        }
    }
}
