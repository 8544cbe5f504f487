import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckFormat
import PhasecheckNumbers

/// `eigenvalues of jacobian at P == [v1, ..., vn] [digits k]`: the Jacobian of the dynamics at the fixed
/// point P has exactly these (real, simple) eigenvalues.
public struct EigenvaluesClaim: ClaimKind {
    public static let keyword = "eigenvalues"
    package static let grammar = #""eigenvalues" "of" "jacobian" "at" NAME "==" expr [ "digits" INTEGER ]"#
    package static let documentation = [
        #"| `eigenvalues of jacobian at P == [v1, ..., vn] [digits k]` | every root of the characteristic polynomial of the Jacobian at P (interval coefficients by the Faddeev-LeVerrier recursion over the enclosure of P) is enclosed and proved simple, by subdivision and the Krawczyk test on the real line and, for complex pairs, on the upper half-plane; the real ones, in increasing order, must equal the values given in increasing order (with `digits k`, be them correctly rounded). FAILS when a root is complex or certainly differs; undecided when a root cannot be isolated (a multiple eigenvalue) |"#,
    ]
    package static let allowsVectors = true
    package static let example = ClaimExample(
        file: "derivations/meng_wang_contrastive.phc", claim: #"the informative state's eigenvalues (tau = 1/10, s2 = 0)"#,
        original: #"[-0.2114870815, -0.05680508967] digits 10"#, planted: #"[-0.2114870815, -0.05680508976] digits 10"#)

    public var point: String
    public var values: Expr
    public var digits: Int?
    package var referenceDigits: Int? { digits }

    /// Values given to k digits are decided to k + 3 (see `ClaimKind.workingDigits`).
    package func workingDigits(asked: Int) -> Int { Self.workingDigits(asked: asked, referenceDigits: digits) }

    public static func read(_ reader: inout StatementReader) throws(ParseError) -> Self {
        try reader.keyword("of", "after `eigenvalues` (as in `eigenvalues of jacobian at P == [-1, -2]`)")
        try reader.keyword("jacobian", "after `eigenvalues of`")
        try reader.keyword("at", "after `eigenvalues of jacobian`")
        let point = try reader.identifier("the name of a fixed point").0
        try reader.parser.expect("==", "before the eigenvalues")
        let values = try reader.parser.parseExpression()
        var digits: Int? = nil
        if reader.acceptKeyword("digits") { digits = try reader.integer("the number of known digits", atLeast: 1) }
        return Self(point: point, values: values, digits: digits)
    }

    public var expressions: [Expr] { [values] }

    var components: [Expr] { if case .vector = values.kind { return values.arguments } else { return [values] } }

    public func checkNames(of claim: Claim, in scope: NameScope) throws(DerivationError) {
        _ = try scope.fixedPointDeclaration(point, for: claim)
        let n = scope.derivation.stateCoordinates(sizes: scope.derivation.declaredSizes).count
        guard components.count == n else {
            throw scope.error("claim \"\(claim.name)\" gives \(components.count) eigenvalue\(components.count == 1 ? "" : "s"); the Jacobian of \(n) state components has \(n)", at: claim.location)
        }
    }

    package func check(_ check: inout ClaimCheck) throws {
        let (location, setting) = try check.declaredPoint(point)
        guard components.count == setting.stateNames.count else {
            throw CheckError("the claim gives \(components.count) eigenvalue\(components.count == 1 ? "" : "s"); the Jacobian of \(setting.stateNames.count) state entries has \(setting.stateNames.count)")
        }
        if try check.failIfStatedValuesHaveNoRealValue(components.map(check.model.expand), what: "a stated eigenvalue") { return }
        let required = check.required
        for bits in check.fixedPointEscalation {
            let located = try check.locate(location, in: setting, bits: bits)
            guard case .enclosed(let box) = located else { throw ClaimCheck.unlocated(point, located) }
            var evaluator = try setting.evaluator(bits: bits)
            let (jacobian, _) = setting.classify(over: box, evaluator: &evaluator)
            let spectrum = try Spectrum(coefficients: CharacteristicPolynomial.of(jacobian, context: evaluator.context), context: evaluator.context)
            check.compared = [("eigenvalues of the jacobian", spectrum.isComplete ? check.spectrumText(spectrum) : "not isolated")]
            guard spectrum.isComplete else { continue }
            check.points = components.count
            if !spectrum.complex.isEmpty {
                check.status = .fails
                check.detail = "the Jacobian at \(point) has complex eigenvalues; the claim lists real ones"
                return
            }
            let claimed = try setting.constants(components.map(check.model.expand), bits: bits).sorted { $0.midpoint < $1.midpoint }
            // Each precision judges afresh (a lower one's worse agreement is not the answer).
            check.status = .holds
            check.worst = nil
            var decided = true
            // Eigenvalues claimed 0 are judged against the Jacobian's largest entry, the size of the spectrum (a
            // unit scale would let eigenvalues -1e-5, -2e-5 hold as 0 to 3 digits, and the unit of time decide).
            let largestClaimed = claimed.map(\.magnitudeUpper).reduce(BigFloat(0, precision: 64)) { BigFloat.max($0, $1) }
            let zeroScale = claimed.allSatisfy(\.mayBeZero)
                ? jacobian.joined().map(\.magnitudeUpper).reduce(largestClaimed) { BigFloat.max($0, $1) } : largestClaimed
            for (i, (value, reference)) in zip(spectrum.real, claimed).enumerated() {
                let agreement = Agreement.between(value, reference)
                let outcome: ClaimCheck.Outcome = digits.map { k in roundingOutcome(value: value, reference: reference, digits: Swift.min(k, required), zeroScale: zeroScale) }
                    ?? (agreement.holds(Double(required)) ? .holds : agreement.fails(Double(required)) ? .fails : .undecided)
                let p = ClaimCheck.Point(agreement: agreement, time: Expr.number(0), pair: 0, component: i, left: value, right: reference)
                check.record(outcome, p, count: 0) { p in [("eigenvalue", "\(p.component + 1)")] }
                if outcome == .undecided { decided = false }
            }
            // `record` shows the worst pair compared; the whole spectrum goes first.
            check.compared = [("eigenvalues of the jacobian", check.spectrumText(spectrum))] + check.compared.filter { $0.0 != "eigenvalues of the jacobian" }
            check.detail = "the spectrum of the Jacobian at \(point), every root isolated (subdivision and Krawczyk)"
                + (digits.map { ", against values given to \($0) digits" } ?? "")
            if decided || !check.fixedPointEscalation.canRaise(from: bits) { return }
        }
        if check.detail.isEmpty {
            check.status = .undecided
            check.undecidedReason = "the eigenvalues of the Jacobian at \(point) could not all be isolated up to \(check.fixedPointEscalation.cap) bits (a multiple eigenvalue?)"
        }
    }
}
