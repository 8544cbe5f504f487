import PhasecheckNumbers

/// A piecewise-linear function of the exponent symbols: the leading exponent of a quantity when the
/// hyperparameters scale as d^(symbol). Closed under `+`, scaling by a rational, `max`, `min` and `abs`
/// (the tropical algebra of leading exponents: products add, sums take the max).
///
/// Stored in a normal form `affine + sum of c_k |A_k| + sum of max/min nodes`, where the `A_k` are affine
/// forms normalised up to sign. A max or min of two affine forms becomes `(a + b)/2 +- |a - b|/2`, which
/// lets cancellations surface (`x - 2 max(0, x) = -|x|`); the printer turns `+-|A|/2` back into max/min.
public struct PiecewiseLinearExponent: Sendable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    public private(set) var affine: AffineExponent
    /// `coefficient * |form|`, each form sign-normalised and distinct.
    private(set) var absoluteTerms: [(form: AffineExponent, coefficient: BigRational)] = []
    /// Max or min nodes that do not reduce to the terms above (three or more pieces, or nested).
    private(set) var extrema: [Extremum] = []

    struct Extremum: Sendable {
        var isMaximum: Bool
        var branches: [PiecewiseLinearExponent]
    }

    public init(_ affine: AffineExponent) { self.affine = affine }
    public init(_ constant: BigRational) { affine = AffineExponent(constant) }
    public init(integerLiteral value: Int) { affine = AffineExponent(BigRational(value)) }
    public static func symbol(_ name: String) -> PiecewiseLinearExponent { .init(.symbol(name)) }

    /// The affine form, when the function is affine.
    public var affineForm: AffineExponent? { absoluteTerms.isEmpty && extrema.isEmpty ? affine : nil }
    /// The rational value, when the function is constant.
    public var constantValue: BigRational? {
        guard let a = affineForm, a.isConstant else { return nil }
        return a.constant
    }

    // MARK: Algebra

    public static func + (a: PiecewiseLinearExponent, b: PiecewiseLinearExponent) -> PiecewiseLinearExponent {
        var r = a
        r.affine = a.affine + b.affine
        for (form, coefficient) in b.absoluteTerms { r.addAbsolute(form, coefficient) }
        r.extrema += b.extrema
        return r
    }

    public static prefix func - (a: PiecewiseLinearExponent) -> PiecewiseLinearExponent { a.scaled(by: -1) }
    public static func - (a: PiecewiseLinearExponent, b: PiecewiseLinearExponent) -> PiecewiseLinearExponent { a + (-b) }

    public func scaled(by factor: BigRational) -> PiecewiseLinearExponent {
        if factor.isZero { return 0 }
        var r = PiecewiseLinearExponent(affine.scaled(by: factor))
        r.absoluteTerms = absoluteTerms.map { ($0.form, $0.coefficient * factor) }
        r.extrema = extrema.map {
            Extremum(isMaximum: factor.sign > 0 ? $0.isMaximum : !$0.isMaximum,
                     branches: $0.branches.map { $0.scaled(by: factor) })
        }
        return r
    }

    private mutating func addAbsolute(_ form: AffineExponent, _ coefficient: BigRational) {
        if form.isConstant {
            affine = affine + AffineExponent(form.constant.magnitude * coefficient)
            return
        }
        let normalized = form.signNormalized.form
        if let i = absoluteTerms.firstIndex(where: { $0.form == normalized }) {
            let sum = absoluteTerms[i].coefficient + coefficient
            if sum.isZero { absoluteTerms.remove(at: i) } else { absoluteTerms[i].coefficient = sum }
        } else if !coefficient.isZero {
            absoluteTerms.append((normalized, coefficient))
        }
    }

    public static func abs(_ x: PiecewiseLinearExponent) -> PiecewiseLinearExponent {
        if let a = x.affineForm {
            var r = PiecewiseLinearExponent(0)
            r.addAbsolute(a, 1)
            return r
        }
        return max([x, -x])
    }

    public static func max(_ a: PiecewiseLinearExponent, _ b: PiecewiseLinearExponent) -> PiecewiseLinearExponent { max([a, b]) }
    public static func min(_ a: PiecewiseLinearExponent, _ b: PiecewiseLinearExponent) -> PiecewiseLinearExponent { min([a, b]) }
    public static func max(_ forms: [PiecewiseLinearExponent]) -> PiecewiseLinearExponent { extremum(forms, isMaximum: true) }
    public static func min(_ forms: [PiecewiseLinearExponent]) -> PiecewiseLinearExponent { extremum(forms, isMaximum: false) }

    private static func extremum(_ forms: [PiecewiseLinearExponent], isMaximum: Bool) -> PiecewiseLinearExponent {
        precondition(!forms.isEmpty, "max/min of no forms")
        // Flatten nested extrema of the same kind.
        var branches: [PiecewiseLinearExponent] = []
        for f in forms {
            if f.affine == AffineExponent(0), f.absoluteTerms.isEmpty, f.extrema.count == 1,
               f.extrema[0].isMaximum == isMaximum {
                branches += f.extrema[0].branches
            } else {
                branches.append(f)
            }
        }
        let affineBranches = branches.compactMap(\.affineForm)
        guard affineBranches.count == branches.count else {
            // Drop a branch that another equals or dominates by a constant (the entries of a matrix often
            // share one exponent: |M|^2 sums four copies of max(a, b)).
            var distinct: [PiecewiseLinearExponent] = []
            for f in branches where !distinct.contains(where: { g in
                (g - f).constantValue.map { isMaximum ? $0.sign >= 0 : $0.sign <= 0 } ?? false
            }) {
                distinct.removeAll { g in (f - g).constantValue.map { isMaximum ? $0.sign >= 0 : $0.sign <= 0 } ?? false }
                distinct.append(f)
            }
            branches = distinct
            if branches.count == 1 { return branches[0] }
            var r = PiecewiseLinearExponent(0)
            r.extrema = [Extremum(isMaximum: isMaximum, branches: branches)]
            return r
        }
        // Drop branches that another branch dominates by a constant everywhere.
        var kept: [AffineExponent] = []
        for a in affineBranches {
            if kept.contains(where: { b in
                let gap = b - a
                return gap.isConstant && (isMaximum ? gap.constant.sign >= 0 : gap.constant.sign <= 0)
            }) { continue }
            kept.removeAll { b in
                let gap = a - b
                return gap.isConstant && (isMaximum ? gap.constant.sign >= 0 : gap.constant.sign <= 0)
            }
            kept.append(a)
        }
        switch kept.count {
        case 1:
            return PiecewiseLinearExponent(kept[0])
        case 2:
            // max(a, b) = (a + b)/2 + |a - b|/2; min takes the minus sign.
            var r = PiecewiseLinearExponent((kept[0] + kept[1]).scaled(by: BigRational(1, 2)))
            r.addAbsolute(kept[0] - kept[1], BigRational(isMaximum ? 1 : -1, 2))
            return r
        default:
            var r = PiecewiseLinearExponent(0)
            r.extrema = [Extremum(isMaximum: isMaximum, branches: kept.map(PiecewiseLinearExponent.init))]
            return r
        }
    }

    // MARK: Evaluation

    /// The exact value at a point (every symbol must have a value).
    public func value(at values: [String: BigRational]) throws -> BigRational {
        var total = try affine.value(at: values)
        for (form, coefficient) in absoluteTerms { total = total + coefficient * (try form.value(at: values)).magnitude }
        for e in extrema {
            let vs = try e.branches.map { try $0.value(at: values) }
            total = total + (e.isMaximum ? vs.max()! : vs.min()!)
        }
        return total
    }

    /// Every symbol the function depends on, in order of first appearance.
    public var symbols: [String] {
        var seen: [String] = []
        func note(_ a: AffineExponent) { for s in a.symbols where !seen.contains(s) { seen.append(s) } }
        note(affine)
        absoluteTerms.forEach { note($0.form) }
        for e in extrema { for b in e.branches { b.symbols.forEach { if !seen.contains($0) { seen.append($0) } } } }
        return seen
    }

    /// The same function as `max_i min_j pieces[i][j]`, used to state regions as affine inequalities.
    public var maxOfMinPieces: [[AffineExponent]] {
        var result: [[AffineExponent]] = [[affine]]
        func plus(_ x: [[AffineExponent]], _ y: [[AffineExponent]]) -> [[AffineExponent]] {
            x.flatMap { a in y.map { b in a.flatMap { p in b.map { q in p + q } } } }
        }
        for (form, coefficient) in absoluteTerms {
            let c = form.scaled(by: coefficient.magnitude)
            // c|A| = max(cA, -cA) for c > 0; -c|A| = min(-cA, cA).
            result = plus(result, coefficient.sign > 0 ? [[c], [-c]] : [[c, -c]])
        }
        for e in extrema {
            let parts = e.branches.map(\.maxOfMinPieces)
            let combined: [[AffineExponent]]
            if e.isMaximum {
                combined = parts.flatMap { $0 }
            } else {
                // min of maxes: distribute, min(max_i X_i, max_j Y_j) = max_ij min(X_i, Y_j).
                combined = parts.dropFirst().reduce(parts[0]) { x, y in x.flatMap { a in y.map { a + $0 } } }
            }
            result = plus(result, combined)
        }
        return result
    }

    // MARK: Printing

    /// `1 - 2 alpha + max(c_u - 2 b_w, c_w - 2 b_u)`, `-2 + 2 alpha - |c_u - c_w|`.
    public var description: String {
        var pieces: [(sign: Int, body: String)] = []
        var absolutes = absoluteTerms
        if let i = absolutes.firstIndex(where: { $0.coefficient.magnitude == BigRational(1, 2) }) {
            // affine + |A|/2 = common + max(p, q) with p, q = affine - common +- A/2.
            let (form, coefficient) = absolutes.remove(at: i)
            let half = form.scaled(by: BigRational(1, 2))
            let inHalf = Set(half.symbols)
            let common = affine.restricted(keepingConstant: half.constant.isZero, symbols: { !inHalf.contains($0) })
            let rest = affine - common
            pieces = common.signedPieces
            let name = coefficient.sign > 0 ? "max" : "min"
            pieces.append((1, "\(name)(\(rest + half), \(rest - half))"))
        } else {
            pieces = affine.signedPieces
        }
        for (form, coefficient) in absolutes {
            let m = coefficient.magnitude
            pieces.append((coefficient.sign, (m == 1 ? "" : "\(m) ") + "|\(form)|"))
        }
        for e in extrema {
            pieces.append((1, (e.isMaximum ? "max(" : "min(") + e.branches.map(\.description).joined(separator: ", ") + ")"))
        }
        return ExponentText.join(pieces)
    }
}
