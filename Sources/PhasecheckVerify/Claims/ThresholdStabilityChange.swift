import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckNumbers

/// The linear stability of a fixed point as a function of one parameter P. At P = q the point is followed
/// (Newton's method from the point isolated at the nearest value tried so far, then the Krawczyk test around
/// where it lands, `Krawczyk.isolate`) and classified by the Routh-Hurwitz (flow) or Schur-Cohn (map) count
/// over its enclosure, the precision raised while either cannot decide. The count is the certificate of the
/// sign: unstable (some eigenvalue on the unstable side) is positive, stable negative. The value, which only
/// guides the bracketing steps and the report, is the leading eigenvalue's real part (a flow) or the spectral
/// radius minus 1 (a map) when the spectrum's enclosures give it that sign; else the sign alone (+-1).
struct StabilityOracle: ParameterSignOracle {
    /// What was found at one value of P.
    struct Classified {
        let point: Box
        let stability: LinearStability.Stability
        let unstableCount: Int
        /// The leading real part or spectral radius minus 1 (nil: the spectrum was not isolated).
        let leading: BigInterval?
    }

    let check: ClaimCheck
    let parameter: String
    let location: FixedPointLocation
    let setting: FixedPointSetting
    /// The points isolated so far, by parameter value: the branch being followed.
    private var followed: [(q: BigRational, point: [BigFloat])] = []
    private(set) var found: [BigRational: Classified] = [:]
    private(set) var evaluations = 0
    /// Why the last value left undecided was (nil: none was).
    private(set) var problem: String?
    /// Values of P where the spectrum could not be isolated. A multiple eigenvalue (a map of a matrix state
    /// repeats each eigenvalue of its rows' map once per row) is not isolated at any P, and each attempt runs the
    /// subdivision to its end: after two, the bracket is narrowed by the certified sign alone.
    private var incompleteSpectra = 0

    init(check: ClaimCheck, parameter: String, location: FixedPointLocation, setting: FixedPointSetting) {
        self.check = check
        self.parameter = parameter
        self.location = location
        self.setting = setting
    }

    var dynamics: FixedPointProblem.Dynamics { setting.problem.dynamics }

    mutating func value(at q: BigRational) throws -> BigInterval? {
        evaluations += 1
        var model = check.model
        model.setParameter(parameter, .number(q))
        let here = setting.reparameterized(model)
        let start = try followed.min(by: { ($0.q - q).magnitude < ($1.q - q).magnitude })?.point
            ?? here.constants(here.coordinates(of: location).map(model.expand), bits: check.startBits).map(\.midpoint)
        let at = "at \(parameter) = \(decimal(q))"
        guard let (point, classification) = try check.classifyStability(of: location, in: here, from: start) else {
            problem = "\(location.name) could not be located \(at): the Krawczyk test proved no fixed point near where Newton's method landed"
            return nil
        }
        if !followed.contains(where: { $0.q == q }) { followed.append((q, point.map(\.midpoint))) }
        guard let stability = classification.stability, let k = classification.unstableCount else {
            problem = "the stability of \(location.name) \(at) is undecided up to \(check.fixedPointEscalation.cap) bits: an eigenvalue may lie on the "
                + (dynamics == .flow ? "imaginary axis" : "unit circle")
            return nil
        }
        let context = IntervalContext(precision: point.first?.precision ?? check.startBits)
        let leading = incompleteSpectra >= 2 ? nil : try? Self.leading(classification, dynamics: dynamics, context: context)
        if leading == nil { incompleteSpectra += 1 }
        let signed = leading.flatMap { ($0.lower.sign > 0) == (k > 0) && !$0.mayBeZero ? $0 : nil }
        found[q] = Classified(point: point, stability: stability, unstableCount: k, leading: signed)
        problem = nil
        return signed ?? context.constant(k > 0 ? 1 : -1)
    }

    /// The leading eigenvalue's real part (a flow) or the spectral radius minus 1 (a map), from the isolated
    /// roots of the characteristic polynomial; nil when they are not all isolated.
    static func leading(_ classification: LinearStability, dynamics: FixedPointProblem.Dynamics, context: IntervalContext) throws -> BigInterval? {
        let spectrum = try Spectrum(coefficients: classification.characteristicPolynomial, context: context)
        guard spectrum.isComplete else { return nil }
        let sides = dynamics == .flow ? spectrum.real + spectrum.complex.map(\.re)
            : spectrum.real.map { BigInterval.abs($0) } + spectrum.complex.map { BigInterval.sqrt($0.re * $0.re + $0.im * $0.im) }
        guard var largest = sides.first else { return nil }
        for side in sides.dropFirst() { largest = BigInterval.max(largest, side) }
        return dynamics == .flow ? largest : largest - context.constant(1)
    }

    /// What was found at q, as reports show it.
    func text(at q: BigRational) -> String {
        guard let c = found[q] else { return "undecided" }
        let side = dynamics == .flow ? "with positive real part" : "outside the unit circle"
        let leading = c.leading.map { (dynamics == .flow ? ", leading real part " : ", spectral radius - 1 = ") + $0.reportText } ?? ""
        let coordinates = zip(setting.stateNames, c.point).map { "\($0) = \(coordinateText($1, digits: 8))" }.joined(separator: ", ")
        return "\(c.stability.rawValue) (\(c.unstableCount) of \(c.point.count) eigenvalues \(side)\(leading)) at \(coordinates)"
    }
}

extension ClaimCheck {
    /// `threshold P where stability of X changes [in (a, b)] [== V [digits k]]`.
    mutating func checkStabilityChange(of parameter: String, _ claim: ThresholdClaim.StabilityChange) throws {
        let (location, setting) = try declaredPoint(claim.point)
        let (a, b) = try bracketEnds(of: parameter, claim.bracket)
        var oracle = StabilityOracle(check: self, parameter: parameter, location: location, setting: setting)
        let test = setting.problem.dynamics == .flow ? "Routh-Hurwitz" : "Schur-Cohn"
        // The branch starts from the declared point at the claim's own value of P, where its claim locates it.
        if let own = try model.constantValue(.symbol(parameter)) { _ = try oracle.value(at: own) }
        guard let valueAtA = try oracle.value(at: a), let valueAtB = try oracle.value(at: b) else {
            status = .undecided
            undecidedReason = "the stability at an end of the bracket is not certified: " + (oracle.problem ?? "")
            detail = "\(parameter) in (\(decimal(a)), \(decimal(b)))"
            points = oracle.evaluations
            return
        }
        points = oracle.evaluations
        let (atA, atB) = (oracle.found[a]!, oracle.found[b]!)
        if (atA.unstableCount > 0) == (atB.unstableCount > 0) {
            status = .fails
            worstCase = [(parameter, "\(decimal(a)) and \(decimal(b))"), ("stability at both", atA.unstableCount > 0 ? "unstable" : "stable")]
            compared = [("at \(decimal(a))", oracle.text(at: a)), ("at \(decimal(b))", oracle.text(at: b))]
            detail = "no change of stability of \(location.name) in (\(decimal(a)), \(decimal(b))); \(test) over Krawczyk enclosures of the point"
            return
        }
        var bracket = SignChangeBracket(lower: a, upper: b, atLower: valueAtA, atUpper: valueAtB)
        try narrowAndRecord(&bracket, by: &oracle, parameter: parameter, digits: thresholdDigits(known: claim.digits), stated: claim.expected,
                            knownDigits: claim.digits, change: "stability change", subject: "the stability of \(location.name)")
        compared += [("below", oracle.text(at: bracket.lower)), ("above", oracle.text(at: bracket.upper))]
        detail = "\(location.name): \(oracle.found[bracket.lower]?.stability.rawValue ?? "?") at the bracket's lower end, "
            + "\(oracle.found[bracket.upper]?.stability.rawValue ?? "?") at its upper end (\(test) over Krawczyk enclosures of the point, "
            + "followed across \(parameter) from its declared coordinates); \(oracle.evaluations) evaluations; a change, not its uniqueness"
    }
}
