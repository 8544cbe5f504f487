import PhasecheckNumbers

/// A region of exponent space as a formula of affine inequalities (`1 < alpha + b_u + b_w and ...`).
public indirect enum ExponentCondition: Sendable, CustomStringConvertible {
    public enum Relation: String, Sendable {
        case less = "<", lessOrEqual = "<=", equal = "=", greaterOrEqual = ">=", greater = ">"

        func holds(_ sign: Int) -> Bool {
            switch self {
            case .less: return sign < 0
            case .lessOrEqual: return sign <= 0
            case .equal: return sign == 0
            case .greaterOrEqual: return sign >= 0
            case .greater: return sign > 0
            }
        }
    }

    case always
    case never
    /// `form relation 0`.
    case comparison(AffineExponent, Relation)
    case all([ExponentCondition])
    case any([ExponentCondition])

    /// The exponent symbols the condition reads.
    public var symbols: Set<String> {
        switch self {
        case .always, .never: return []
        case .comparison(let form, _): return Set(form.symbols)
        case .all(let parts), .any(let parts): return parts.reduce(into: []) { $0.formUnion($1.symbols) }
        }
    }

    /// Where `e relation 0`, as affine inequalities on the pieces of `e`.
    public init(_ e: PiecewiseLinearExponent, _ relation: Relation) {
        if let affine = e.affineForm {
            self = ExponentCondition.comparison(affine, relation).simplified
            return
        }
        let pieces = e.maxOfMinPieces  // e = max_i min_j pieces[i][j]
        func each(_ r: Relation, outerAll: Bool) -> ExponentCondition {
            let inner = pieces.map { row in
                let atoms = row.map { ExponentCondition.comparison($0, r).simplified }
                return outerAll ? ExponentCondition.any(atoms).simplified : ExponentCondition.all(atoms).simplified
            }
            return outerAll ? ExponentCondition.all(inner).simplified : ExponentCondition.any(inner).simplified
        }
        switch relation {
        case .less, .lessOrEqual: self = each(relation, outerAll: true)
        case .greater, .greaterOrEqual: self = each(relation, outerAll: false)
        case .equal: self = ExponentCondition.all([each(.greaterOrEqual, outerAll: false), each(.lessOrEqual, outerAll: true)]).simplified
        }
    }

    /// Where `a relation b`.
    public init(_ a: PiecewiseLinearExponent, _ relation: Relation, _ b: PiecewiseLinearExponent) {
        self.init(a - b, relation)
    }

    public func holds(at values: [String: BigRational]) throws -> Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .comparison(let form, let relation): return relation.holds(try form.value(at: values).sign)
        case .all(let parts): return try parts.allSatisfy { try $0.holds(at: values) }
        case .any(let parts): return try parts.contains { try $0.holds(at: values) }
        }
    }

    var simplified: ExponentCondition {
        switch self {
        case .comparison(let form, let relation) where form.isConstant:
            return relation.holds(form.constant.sign) ? .always : .never
        case .all(let parts):
            var kept: [ExponentCondition] = []
            for p in parts.map(\.simplified) {
                switch p {
                case .never: return .never
                case .always: continue
                case .all(let inner): kept += inner
                default: kept.append(p)
                }
            }
            return kept.isEmpty ? .always : kept.count == 1 ? kept[0] : .all(kept)
        case .any(let parts):
            var kept: [ExponentCondition] = []
            for p in parts.map(\.simplified) {
                switch p {
                case .always: return .always
                case .never: continue
                case .any(let inner): kept += inner
                default: kept.append(p)
                }
            }
            return kept.isEmpty ? .never : kept.count == 1 ? kept[0] : .any(kept)
        default:
            return self
        }
    }

    /// Inequalities print with positive terms on each side: `1 < alpha + b_u + b_w`.
    public var description: String {
        switch self {
        case .always: return "always"
        case .never: return "never"
        case .comparison(let form, let relation):
            let pieces = form.signedPieces
            let left = ExponentText.join(pieces.filter { $0.sign > 0 })
            let right = ExponentText.join(pieces.filter { $0.sign < 0 }.map { (1, $0.body) })
            return "\(left) \(relation.rawValue) \(right)"
        case .all(let parts):
            return parts.map { if case .any = $0 { return "(\($0))" } else { return "\($0)" } }.joined(separator: " and ")
        case .any(let parts):
            return parts.map { if case .all = $0 { return "(\($0))" } else { return "\($0)" } }.joined(separator: " or ")
        }
    }
}
