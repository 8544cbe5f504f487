import PhasecheckExpressions
import PhasecheckNumbers

/// The fixed points of a flow x' = F(x) (zeros of F) or of a map x -> F(x) (zeros of F(x) - x), with
/// scalar states and parameters, and what decides their stability: the eigenvalues of the Jacobian dF/dx
/// in the left half-plane (flows) or inside the unit circle (maps).
public struct FixedPointProblem: Sendable {
    public enum Dynamics: String, Sendable { case flow, map }

    public let dynamics: Dynamics
    public let zeros: ZeroProblem

    /// - Parameters:
    ///   - functions: F, one expression per state, in the states and parameters.
    public init(dynamics: Dynamics, states: [String], functions: [Expr], parameters: [String]) throws {
        self.dynamics = dynamics
        let equations = dynamics == .flow ? functions : zip(functions, states).map { $0 - Expr.symbol($1) }
        zeros = try ZeroProblem(unknowns: states, equations: equations, parameters: parameters)
    }

    /// dF/dx from the Jacobian of the equations (for a map, that of F(x) - x, plus the identity).
    public func dynamicsJacobian(_ equations: [[BigInterval]], context: IntervalContext) -> [[BigInterval]] {
        guard dynamics == .map else { return equations }
        return equations.enumerated().map { i, row in row.enumerated().map { j, x in i == j ? x + context.constant(1) : x } }
    }

    /// The stability of a fixed point from the Jacobian of the dynamics there (over the point's enclosure).
    public func classify(jacobian: [[BigInterval]], context: IntervalContext) -> LinearStability {
        let c = CharacteristicPolynomial.of(jacobian, context: context)
        let n = jacobian.count
        // Eigenvalues exactly 0 (the lowest coefficients enclosed as exactly 0: a point on a manifold of equilibria, such
        // as the diagonal matrices of Brockett's double-bracket flow) lie on the imaginary axis, where linearisation
        // decides neither stability nor a saddle; the other roots are those of c / x^k, which the Routh array still
        // counts, so one right of the axis makes the point certainly unstable. (Isolating the roots of c itself, a
        // multiple root among them, is not tried: it cannot succeed and took minutes at 9 x 9.)
        let zeros = dynamics == .flow ? c.prefix(n).prefix { $0.lower.isZero && $0.upper.isZero }.count : 0
        if zeros > 0 {
            let rest = Array(c.dropFirst(zeros))
            let count = RootCounts.rightHalfPlane(rest) ?? (try? Spectrum.countWithPositiveRealPart(coefficients: rest, context: context)) ?? nil
            return LinearStability(dynamics: dynamics, dimension: n, unstableCount: count, zeroEigenvalues: zeros, characteristicPolynomial: c)
        }
        var unstableCount: Int?
        switch dynamics {
        case .flow: unstableCount = RootCounts.rightHalfPlane(c)
        case .map: unstableCount = RootCounts.insideUnitCircle(c).map { n - $0 }
        }
        if unstableCount == nil, let spectrum = try? Spectrum(coefficients: c, context: context) {
            // The Routh and Schur-Cohn recursions stop at a zero they cannot step over (x^2 - 1: a first-column
            // entry 0 with no root on the axis); enclosures of the isolated roots can still place every one.
            unstableCount = self.unstableCount(of: spectrum)
        }
        if unstableCount == nil, dynamics == .flow {
            // Roots placed symmetrically about 0 (+-1/2 with a triple -1/2) stop the Routh array at a zero row, and
            // a multiple root leaves the spectrum incomplete; the roots right of the axis alone can still be counted.
            unstableCount = (try? Spectrum.countWithPositiveRealPart(coefficients: c, context: context)) ?? nil
        }
        return LinearStability(dynamics: dynamics, dimension: n, unstableCount: unstableCount, zeroEigenvalues: 0, characteristicPolynomial: c)
    }
}

extension FixedPointProblem {
    /// How many roots lie on the unstable side, from a complete spectrum whose enclosures each lie strictly on
    /// one side of the boundary (the imaginary axis, the unit circle); nil otherwise.
    func unstableCount(of spectrum: Spectrum) -> Int? {
        guard spectrum.isComplete else { return nil }
        // Each root's real part and squared modulus; a complex pair counts twice.
        let roots = spectrum.real.map { (re: $0, modulusSquared: $0 * $0, count: 1) }
            + spectrum.complex.map { (re: $0.re, modulusSquared: $0.re * $0.re + $0.im * $0.im, count: 2) }
        var unstable = 0
        for root in roots {
            let (side, boundary) = dynamics == .flow ? (root.re, 0) : (root.modulusSquared, 1)
            let edge = BigFloat(boundary, precision: side.precision)
            if side.lower > edge { unstable += root.count } else if !(side.upper < edge) { return nil }
        }
        return unstable
    }
}

/// The linear stability of a fixed point: how many eigenvalues of the Jacobian lie on the unstable side
/// (real part > 0 for a flow, modulus > 1 for a map), certified by `RootCounts` or the isolated roots' enclosures; nil when one may lie on the
/// boundary, where linearisation does not decide.
public struct LinearStability: Sendable {
    public enum Stability: String, Sendable, CaseIterable { case stable, unstable, saddle }

    public let dynamics: FixedPointProblem.Dynamics
    public let dimension: Int
    public let unstableCount: Int?
    /// Eigenvalues exactly 0 of a flow (the characteristic polynomial a multiple of x^k), on the boundary: `stability`
    /// is then nil, while `unstableCount` still counts the others on the unstable side.
    public let zeroEigenvalues: Int
    public let characteristicPolynomial: [BigInterval]

    /// Stable: every eigenvalue on the stable side; saddle: some on each side; unstable: at least one on
    /// the unstable side (a saddle is unstable too). nil when one may lie on the boundary, or does.
    public var stability: Stability? {
        guard let k = unstableCount, zeroEigenvalues == 0 else { return nil }
        return k == 0 ? .stable : k == dimension ? .unstable : .saddle
    }

    /// Whether the point is certainly unstable (some eigenvalue on the unstable side).
    public var isUnstable: Bool? { unstableCount.map { $0 > 0 } }

    /// "stable node", "saddle", "unstable focus", ...: the stability, and for a stable or unstable point,
    /// node when the spectrum is real, focus when it has a complex pair (from `spectrum`, when known).
    public func name(spectrum: Spectrum?) -> String {
        guard let stability else {
            return dynamics == .flow ? "undecided (an eigenvalue may lie on the imaginary axis: centre or non-hyperbolic)"
                : "undecided (an eigenvalue may lie on the unit circle: non-hyperbolic)"
        }
        if stability == .saddle { return "saddle" }
        guard let spectrum, spectrum.isComplete else { return stability.rawValue }
        return stability.rawValue + (spectrum.complex.isEmpty ? " node" : " focus")
    }
}
