import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckFormat
import PhasecheckNumbers

/// `eigenvalues of jacobian at P == [v1, ..., vn] [digits k]`: the Jacobian of the dynamics at the fixed
/// point P has exactly these (simple) eigenvalues, real or complex (`a + b*i`).
public struct EigenvaluesClaim: ClaimKind {
    public static let keyword = "eigenvalues"
    package static let grammar = #""eigenvalues" "of" "jacobian" "at" NAME "==" expr [ "digits" INTEGER ]"#
    package static let documentation = [
        #"| `eigenvalues of jacobian at P == [v1, ..., vn] [digits k]` | every root of the characteristic polynomial of the Jacobian at P (interval coefficients by the Faddeev-LeVerrier recursion over the enclosure of P) is enclosed and proved simple, by subdivision and the Krawczyk test on the real line and, for complex pairs, on the upper half-plane. A complex eigenvalue is written `a + b*i` (`i` the imaginary unit in this claim alone; every entry affine in it), each pair with both signs (`-1 - 2*i, -1 + 2*i`). The real ones, in increasing order, must equal the real values given in increasing order, and the complex ones, by increasing real part, those given (with `digits k`, be them correctly rounded, each part; without, each part agrees to the digits asked relative to the eigenvalue's modulus, and an eigenvalue claimed 0 to them at the spectrum's size, as under "the agreement rule"). FAILS when the claim lists another number of eigenvalues than the Jacobian's size, when the spectrum has more or fewer real eigenvalues or complex pairs than the claim lists and every pair's imaginary part (found or claimed) certainly exceeds three half units in the last digit asked of the spectrum's size (a pair a +- b i with b below that is, at the digits asked, also the real double eigenvalue a: the values are then matched part by part, as where the numbers agree, and else by distance through the characteristic polynomial, as below), or when a root certainly differs. Matched part by part (every root isolated, the numbers of real eigenvalues and pairs differing from the claim's): each eigenvalue, a pair as its two members, against each claimed value, real part against real part and imaginary against imaginary (0 for a real one), both against the claimed value's modulus (with `digits k` a part in a lower decade than the modulus is rounded on the modulus' grid, as a part claimed 0 is: -1 + 0.0002 i is -1.0002 and -0.9998 to 3 digits, its imaginary part within 0.005 of 0; a claimed list need not be closed under conjugation: [-1 + 0.004 i, -1] holds for -1 +- 0.004 i to 3 digits, each value being at those digits also -1); the claim holds when some one-to-one matching holds in every part (-1 +- 0.004 i is [-1, -1] to 3 digits) and FAILS when every one-to-one matching pairs an eigenvalue with a value that certainly differs from it in a part (-1 +- 0.006 i is not). A multiple eigenvalue cannot be isolated: the values given, with their multiplicities, are then matched through the characteristic polynomial q of the claimed values: every root of p lies within rho = (sum_k \|p_k - q_k\| R^k / prod of the distances to the other clusters)^(1/m) of a cluster of m claimed values (R Cauchy's bound), as many in each cluster as claimed, and the claim holds when that is within the digits asked (half a unit in the digit past those asked of each value's modulus; with `digits k`, in the k-th digit of its smallest nonzero part); it FAILS when a coefficient of p differs from q's by more than roots within the claimed digits allow, or when \|p(z)\| at a claimed value z exceeds prod_i (\|z - z_i\| + d_i), d_i the distance beyond which a root fails its claimed z_i (a double root split by e moves the coefficients by e^2 only, but \|p\| at the claimed root is e^2 against d^2). A double eigenvalue is placed to about half the digits its value is given to (give it to twice the digits asked); undecided when neither is shown |"#,
    ]
    package static let allowsVectors = true
    package static let example = ClaimExample(
        file: "derivations/meng_wang_contrastive.phc", claim: #"the informative state's eigenvalues (tau = 1/10, s2 = 0)"#,
        original: #"[-0.2114870815, -0.05680508967] digits 10"#, planted: #"[-0.2114870815, -0.05680508976] digits 10"#)

    public var point: String
    public var values: Expr
    public var digits: Int?
    /// Each entry of `values` as its real part and, for an entry written with the imaginary unit `i`, its
    /// imaginary part (nil for a real entry).
    var parts: [(re: Expr, im: Expr?)]

    /// The imaginary unit's name in this claim (and nowhere else in a file).
    static let imaginaryUnit = "i"
    package var referenceDigits: Int? { digits }

    /// Values given to k digits are decided to k + 3 (see `ClaimKind.workingDigits`).
    package func workingDigits(asked: Int) -> Int { Self.workingDigits(asked: asked, referenceDigits: digits) }

    public static func read(_ reader: inout StatementReader) throws(ParseError) -> Self {
        try reader.keyword("of", "after `eigenvalues` (as in `eigenvalues of jacobian at P == [-1, -2]`)")
        try reader.keyword("jacobian", "after `eigenvalues of`")
        try reader.keyword("at", "after `eigenvalues of jacobian`")
        let point = try reader.identifier("the name of a fixed point").0
        try reader.parser.expect("==", "before the eigenvalues")
        let start = reader.parser.current.location
        let values = try reader.parser.parseExpression()
        var digits: Int? = nil
        if reader.acceptKeyword("digits") { digits = try reader.integer("the number of known digits", atLeast: 1) }
        let components = if case .vector = values.kind { values.arguments } else { [values] }
        var parts: [(re: Expr, im: Expr?)] = []
        for (k, c) in components.enumerated() {
            guard c.freeSymbols.contains(imaginaryUnit) else { parts.append((c, nil)); continue }
            guard let coefficients = Expectation.polynomialCoefficients(of: c, in: imaginaryUnit), coefficients.count <= 2 else {
                throw reader.fail("eigenvalue \(k + 1) is not of the form a + b*i (`i` is the imaginary unit here; write each complex eigenvalue as its real part plus its imaginary part times i, as in `-1/2 + 2*i`)", at: start)
            }
            parts.append((coefficients[0], coefficients.count == 2 ? coefficients[1] : nil))
        }
        return Self(point: point, values: values, digits: digits, parts: parts)
    }

    public var expressions: [Expr] { parts.flatMap { [$0.re] + ($0.im.map { [$0] } ?? []) } }

    var components: [Expr] { if case .vector = values.kind { return values.arguments } else { return [values] } }

    public func checkNames(of claim: Claim, in scope: NameScope) throws(DerivationError) {
        _ = try scope.fixedPointDeclaration(point, for: claim)
        if parts.contains(where: { $0.im != nil }), scope.modelNames.contains(Self.imaginaryUnit) {
            throw scope.error("claim \"\(claim.name)\" writes a complex eigenvalue with `i`, the imaginary unit in this claim, but the file also declares `i`; rename that name", at: claim.location)
        }
        let n = scope.derivation.stateCoordinates(sizes: scope.derivation.declaredSizes).count
        guard components.count == n else {
            throw scope.error("claim \"\(claim.name)\" gives \(components.count) eigenvalue\(components.count == 1 ? "" : "s"); the Jacobian of \(n) state components has \(n)", at: claim.location)
        }
    }

    /// Complex eigenvalues by real part, and by imaginary part where the real parts' enclosures overlap (equal).
    static func byRealPart(_ a: (re: BigInterval, im: BigInterval), _ b: (re: BigInterval, im: BigInterval)) -> Bool {
        if a.re.upper < b.re.lower { return true }
        if b.re.upper < a.re.lower { return false }
        return a.im.midpoint < b.im.midpoint
    }

    package func check(_ check: inout ClaimCheck) throws {
        let (location, setting) = try check.declaredPoint(point)
        // The count is certain once the point's dimension is known (reading the file checks it at the declared sizes).
        guard components.count == setting.stateNames.count else {
            check.status = .fails
            check.detail = Self.countText(claimed: components.count, eigenvalues: setting.stateNames.count)
            return
        }
        // Real and imaginary parts, each of which must have a real value (`i` is not a symbol of the model).
        if try check.failIfStatedValuesHaveNoRealValue(expressions.map(check.model.expand), what: "a stated eigenvalue") { return }
        let required = check.required
        for bits in check.fixedPointEscalation {
            let located = try check.locate(location, in: setting, bits: bits)
            guard case .enclosed(let box) = located else { throw ClaimCheck.unlocated(point, located) }
            var evaluator = try setting.evaluator(bits: bits)
            let (jacobian, _) = setting.classify(over: box, evaluator: &evaluator)
            let coefficients = CharacteristicPolynomial.of(jacobian, context: evaluator.context)
            let spectrum = try Spectrum(coefficients: coefficients, context: evaluator.context)
            check.compared = [("eigenvalues of the jacobian", spectrum.isComplete ? check.spectrumText(spectrum) : "not isolated")]
            guard spectrum.isComplete else {
                if try judgeWithMultiplicities(&check, coefficients: coefficients, jacobian: jacobian, setting: setting, bits: bits,
                                               why: "a multiple eigenvalue: its roots are not isolated one by one") { return }
                continue
            }
            check.points = components.count
            let real = parts.filter { $0.im == nil }.map(\.re)
            let complex = parts.filter { $0.im != nil }
            let claimed = try setting.constants(real.map(check.model.expand), bits: bits).sorted { $0.midpoint < $1.midpoint }
            let claimedComplex = try zip(setting.constants(complex.map { check.model.expand($0.re) }, bits: bits),
                                         setting.constants(complex.map { check.model.expand($0.im!) }, bits: bits)).map { (re: $0, im: $1) }
            // One of each conjugate pair, with positive imaginary part, as `Spectrum` keeps them: the pairs given
            // with +b and those given with -b must each match the spectrum's pairs.
            let upper = claimedComplex.filter { $0.im.lower.sign > 0 }.sorted(by: Self.byRealPart)
            let lower = claimedComplex.filter { $0.im.upper.sign < 0 }.map { (re: $0.re, im: -$0.im) }.sorted(by: Self.byRealPart)
            guard upper.count + lower.count == claimedComplex.count else {
                check.status = .undecided
                check.undecidedReason = "an imaginary part given may be 0 at \(bits) bits: write a real eigenvalue without `i`"
                continue
            }
            guard claimed.count == spectrum.real.count, upper.count == spectrum.complex.count, lower.count == spectrum.complex.count else {
                // A pair a +- b i with b within the digits asked of 0 is, at those digits, also two real eigenvalues a, a (and
                // a claimed pair with so small a b two real ones): the counts then decide nothing, and the values are
                // matched by distance, with their multiplicities, through the characteristic polynomial.
                if judgePartByPart(&check, spectrum: spectrum, claimed: claimed.map { (re: $0, im: BigInterval(BigFloat(0, precision: bits))) } + claimedComplex,
                                   jacobian: jacobian) { return }
                let tolerance = failingDistance(jacobian: jacobian, claimed: claimed + claimedComplex.flatMap { [$0.re, $0.im] }, digits: digits.map { Swift.min($0, required) } ?? required)
                if spectrum.complex.contains(where: { $0.im.lower <= tolerance }) || claimedComplex.contains(where: { $0.im.magnitudeLower <= tolerance }) {
                    let why = "an imaginary part within the digits asked of 0: a complex pair and a real double eigenvalue are not told apart at these digits"
                    if try judgeWithMultiplicities(&check, coefficients: coefficients, jacobian: jacobian, setting: setting, bits: bits, why: why) { return }
                    check.status = .undecided
                    check.undecidedReason = why + ", and the values with their multiplicities were neither matched nor excluded through the characteristic polynomial"
                    check.detail = "the Jacobian at \(point) has \(spectrum.real.count) real eigenvalue\(spectrum.real.count == 1 ? "" : "s") and \(spectrum.complex.count) complex pair\(spectrum.complex.count == 1 ? "" : "s") at \(bits) bits"
                    continue
                }
                check.status = .fails
                check.detail = "the Jacobian at \(point) has \(spectrum.real.count) real eigenvalue\(spectrum.real.count == 1 ? "" : "s") and \(spectrum.complex.count) complex pair\(spectrum.complex.count == 1 ? "" : "s"); the claim lists \(claimed.count) real and \(upper.count) with positive, \(lower.count) with negative imaginary part"
                return
            }
            // Each precision judges afresh (a lower one's worse agreement is not the answer).
            check.status = .holds
            check.worst = nil
            var decided = true
            // Eigenvalues claimed 0 are judged against the Jacobian's largest entry, the size of the spectrum (a
            // unit scale would let eigenvalues -1e-5, -2e-5 hold as 0 to 3 digits, and the unit of time decide).
            let largestClaimed = (claimed.map(\.magnitudeUpper) + claimedComplex.map { BigFloat.max($0.re.magnitudeUpper, $0.im.magnitudeUpper) })
                .reduce(BigFloat(0, precision: 64)) { BigFloat.max($0, $1) }
            let zeroScale = claimed.allSatisfy(\.mayBeZero) && claimedComplex.isEmpty
                ? jacobian.joined().map(\.magnitudeUpper).reduce(largestClaimed) { BigFloat.max($0, $1) } : largestClaimed
            var labels: [[(String, String)]] = []
            func judge(_ value: BigInterval, _ reference: BigInterval, floor: BigFloat?, zeroScale: BigFloat, label: [(String, String)]) {
                let (agreement, outcome) = judgePart(value, reference, floor: floor, zeroScale: zeroScale, required: required)
                let p = ClaimCheck.Point(agreement: agreement, time: Expr.number(0), pair: 0, component: labels.count, left: value, right: reference)
                labels.append(label)
                check.record(outcome, p, count: 0) { labels[$0.component] }
                if outcome == .undecided { decided = false }
            }
            // A real eigenvalue claimed 0 has no relative digits: with or without `digits k` it is judged against the
            // spectrum's size (the Triple Momentum method's spectrum -3/4, 0, 9/16, 3/4 was undecided without them).
            for (i, (value, reference)) in zip(spectrum.real, claimed).enumerated() {
                judge(value, reference, floor: reference.mayBeZero ? zeroScale : nil, zeroScale: zeroScale, label: [("eigenvalue", "\(i + 1)")])
            }
            // A complex eigenvalue's parts are judged against its modulus (a real part 0 at a Hopf point has no
            // relative digits of its own).
            for (sign, given) in [("+", upper), ("-", lower)] {
                for (k, (value, reference)) in zip(spectrum.complex.sorted(by: Self.byRealPart), given).enumerated() {
                    let modulus = BigFloat.max(reference.re.magnitudeUpper, reference.im.magnitudeUpper)
                    let name = "complex pair \(k + 1) (\(sign) i)"
                    judge(value.re, reference.re, floor: modulus, zeroScale: modulus, label: [("eigenvalue", name + ", real part")])
                    judge(value.im, reference.im, floor: modulus, zeroScale: modulus, label: [("eigenvalue", name + ", imaginary part")])
                }
            }
            // `record` shows the worst pair compared; the whole spectrum goes first.
            check.compared = [("eigenvalues of the jacobian", check.spectrumText(spectrum))] + check.compared.filter { $0.0 != "eigenvalues of the jacobian" }
            check.detail = "the spectrum of the Jacobian at \(point), every root isolated (subdivision and Krawczyk)"
                + (digits.map { ", against values given to \($0) digits" } ?? "")
            if decided || !check.fixedPointEscalation.canRaise(from: bits) { return }
        }
        if check.detail.isEmpty {
            check.status = .undecided
            check.undecidedReason = "the eigenvalues of the Jacobian at \(point) could not all be isolated up to \(check.fixedPointEscalation.cap) bits (a multiple eigenvalue?), "
                + "nor matched with their multiplicities through the characteristic polynomial"
        }
    }

    /// One part of an eigenvalue against its claimed value: with `digits k`, whether the claimed part is its correct rounding
    /// (one claimed 0 against `zeroScale`); without, whether they agree to the digits asked relative to `floor`.
    /// - Parameter grid: with `digits k`, a part in a decade below this scale's (the claimed value's modulus) is rounded on the
    ///   scale's grid, not to k digits of its own: it holds within half a unit in the scale's k-th digit and fails beyond it
    ///   (as a part claimed 0 does). Part-by-part matching needs it: -1 + 0.0002 i is at 3 digits also -1, so it is
    ///   [-1.0002, -0.9998] to 3 digits, where 0.000200 to 3 digits of its own certainly differs from 0 (a false FAILS).
    private func judgePart(_ value: BigInterval, _ reference: BigInterval, floor: BigFloat?, zeroScale: BigFloat,
                           onTheGridOf grid: BigFloat? = nil, required: Int) -> (Agreement, ClaimCheck.Outcome) {
        let agreement = Agreement.between(value, reference, floor: floor)
        let outcome: ClaimCheck.Outcome = digits.map { k in
            let k = Swift.min(k, required)
            if let grid, !reference.magnitudeUpper.isZero, reference.magnitudeUpper.decimalExponent < grid.decimalExponent {
                let gap = ClaimCheck.gap(between: value, and: reference)
                return gap.upper <= halfUnit(ofMagnitude: grid, digits: k, rounding: .down) ? .holds
                    : gap.lower > halfUnit(ofMagnitude: grid, digits: k, rounding: .up) ? .fails : .undecided
            }
            return roundingOutcome(value: value, reference: reference, digits: k, zeroScale: zeroScale)
        } ?? (agreement.holds(Double(required)) ? .holds : agreement.fails(Double(required)) ? .fails : .undecided)
        return (agreement, outcome)
    }

    /// An isolated spectrum whose numbers of real eigenvalues and complex pairs differ from the claim's (a pair a +- b i
    /// with b below the digits asked claimed as the real double a, or the converse), judged part by part as where the
    /// numbers agree: each eigenvalue (a pair as its two members) against each claimed value, real part against real part
    /// and imaginary against imaginary (0 for a real one), both against the claimed value's modulus (the spectrum's size
    /// for a value claimed 0). The claim is a list with multiplicities: it holds when some one-to-one matching holds in
    /// every part, and certainly fails when every one-to-one matching pairs some eigenvalue with a value that certainly
    /// differs from it in a part (Hall's condition on the pairs not certainly failing: -1 +- 0.004 i is [-1, -1] to 3 digits,
    /// -1 +- 0.006 i is not). True when it decided the claim.
    private func judgePartByPart(_ check: inout ClaimCheck, spectrum: Spectrum, claimed: [(re: BigInterval, im: BigInterval)],
                                 jacobian: [[BigInterval]]) -> Bool {
        let zero = BigInterval(BigFloat(0, precision: 64))
        let eigenvalues = spectrum.real.map { (re: $0, im: zero) } + spectrum.complex.flatMap { [(re: $0.re, im: $0.im), (re: $0.re, im: -$0.im)] }
        guard eigenvalues.count == claimed.count else { return false }
        let size = jacobian.joined().map(\.magnitudeUpper).reduce(BigFloat(0, precision: 64)) { BigFloat.max($0, $1) }
        let judged = eigenvalues.map { value in
            claimed.map { reference in
                let modulus = BigFloat.max(reference.re.magnitudeUpper, reference.im.magnitudeUpper)
                let scale = modulus.isZero ? size : modulus
                return [judgePart(value.re, reference.re, floor: scale, zeroScale: scale, onTheGridOf: scale, required: check.required),
                        judgePart(value.im, reference.im, floor: scale, zeroScale: scale, onTheGridOf: scale, required: check.required)]
            }
        }
        if let matching = Self.perfectMatching(eigenvalues.count, { i, j in judged[i][j].allSatisfy { $0.1 == .holds } }) {
            check.status = .holds
            check.worst = nil
            check.points = claimed.count
            for (i, j) in matching.enumerated() {
                for (part, judgement) in zip(["real part", "imaginary part"], judged[i][j]) {
                    let (value, reference) = part == "real part" ? (eigenvalues[i].re, claimed[j].re) : (eigenvalues[i].im, claimed[j].im)
                    let p = ClaimCheck.Point(agreement: judgement.0, time: Expr.number(0), pair: 0, component: i, left: value, right: reference)
                    check.record(.holds, p, count: 0) { _ in [("eigenvalue", "\(i + 1) against claimed \(j + 1), \(part)")] }
                }
            }
            check.detail = "the spectrum of the Jacobian at \(point), every root isolated (subdivision and Krawczyk), has \(spectrum.real.count) real eigenvalue\(spectrum.real.count == 1 ? "" : "s") and \(spectrum.complex.count) complex pair\(spectrum.complex.count == 1 ? "" : "s"); each matches a claimed value in both parts (an imaginary part within the digits asked of 0)"
                + (digits.map { ", against values given to \($0) digits" } ?? "")
            return true
        }
        guard Self.perfectMatching(eigenvalues.count, { i, j in !judged[i][j].contains { $0.1 == .fails } }) == nil else { return false }
        check.status = .fails
        check.detail = "the spectrum of the Jacobian at \(point), every root isolated (subdivision and Krawczyk), has \(spectrum.real.count) real eigenvalue\(spectrum.real.count == 1 ? "" : "s") and \(spectrum.complex.count) complex pair\(spectrum.complex.count == 1 ? "" : "s"); every one-to-one matching with the claimed values pairs an eigenvalue with a value that certainly differs from it in its real or imaginary part"
        return true
    }

    /// A one-to-one matching of n items with n others that `allowed` pairs (item i's partner at index i), nil when there
    /// is none (augmenting paths).
    static func perfectMatching(_ n: Int, _ allowed: (Int, Int) -> Bool) -> [Int]? {
        var partnerOf = [Int?](repeating: nil, count: n)
        func augment(_ i: Int, _ seen: inout [Bool]) -> Bool {
            for j in 0..<n where !seen[j] && allowed(i, j) {
                seen[j] = true
                if let k = partnerOf[j] { guard augment(k, &seen) else { continue } }
                partnerOf[j] = i
                return true
            }
            return false
        }
        for i in 0..<n {
            var seen = [Bool](repeating: false, count: n)
            guard augment(i, &seen) else { return nil }
        }
        var matching = [Int](repeating: 0, count: n)
        for (j, i) in partnerOf.enumerated() { matching[i!] = j }
        return matching
    }

    /// A spectrum with a multiple eigenvalue: the claimed values, with their multiplicities, against the characteristic
    /// polynomial (`ClaimedSpectrum`). True when it decided the claim.
    /// The distance beyond which an eigenvalue certainly differs from a claimed value at `digits` digits: three half units in
    /// the digits' last place of the spectrum's size (the Jacobian's largest entry or the largest part claimed), the widest
    /// of the distances `judgeWithMultiplicities` fails beyond.
    private func failingDistance(jacobian: [[BigInterval]], claimed: [BigInterval], digits: Int) -> BigFloat {
        let size = (jacobian.joined().map(\.magnitudeUpper) + claimed.map(\.magnitudeUpper)).reduce(BigFloat(0, precision: 64)) { BigFloat.max($0, $1) }
        return BigFloat.product(halfUnit(ofMagnitude: size, digits: digits, rounding: .up), BigFloat(3, precision: 64), rounding: .up)
    }

    /// - Parameter why: why the values are matched this way (said in the detail).
    private func judgeWithMultiplicities(_ check: inout ClaimCheck, coefficients: [BigInterval], jacobian: [[BigInterval]],
                                         setting: FixedPointSetting, bits: Int, why: String) throws -> Bool {
        let k = digits.map { Swift.min($0, check.required) }
        let res = try setting.constants(parts.map { check.model.expand($0.re) }, bits: bits)
        let ims = try setting.constants(parts.map { $0.im.map(check.model.expand) ?? .number(0) }, bits: bits)
        // A value claimed 0 is judged against the spectrum's size, the Jacobian's largest entry (as `check` does).
        let scale = (jacobian.joined().map(\.magnitudeUpper) + res.map(\.magnitudeUpper) + ims.map(\.magnitudeUpper))
            .reduce(BigFloat(0, precision: 64)) { BigFloat.max($0, $1) }
        let values = zip(res, ims).map { re, im in
            let parts = [re.magnitudeUpper, im.magnitudeUpper].filter { !$0.isZero }
            let smallest = parts.min() ?? scale, largest = parts.max() ?? scale
            // Holds within half a unit of the smallest part's k-th digit on its side of 0 (each part correctly rounded: the
            // decade below where the part is a power of ten, as `roundingOutcome` reads it), or without `digits`
            // one digit past those asked of the modulus (each part is judged against it, as where the roots are isolated:
            // -1 +- 10^-40 i holds as -1, -1 at 30 digits); fails beyond three half units of the largest part's (a distance
            // d moves some part by d/sqrt 2).
            let holds = k.map { halfUnit(ofMagnitude: smallest, digits: $0, towardZero: true, rounding: .down) }
                ?? halfUnit(ofMagnitude: largest, digits: check.required + 1, rounding: .down)
            let fails = BigFloat.product(halfUnit(ofMagnitude: largest, digits: k ?? check.required, rounding: .up), BigFloat(3, precision: 64), rounding: .up)
            return ClaimedSpectrum.Value(re: re, im: im, holds: holds, fails: fails)
        }
        switch ClaimedSpectrum(values: values).judge(coefficients: coefficients, bits: bits) {
        case .holds(let radius):
            check.status = .holds
            check.points = values.count
            check.detail = why + ": the claimed values with their multiplicities match the characteristic polynomial, every"
                + " eigenvalue within \(radius.rounded(toPrecision: 24).doubleValue) of its claimed value (the claimed polynomial's roots,"
                + " moved to the Jacobian's, stay in the discs about them)" + (digits.map { ", against values given to \($0) digits" } ?? "")
            return true
        case .fails(let power):
            check.status = .fails
            check.detail = "the characteristic polynomial's coefficient of x^\(power) differs from that of the claimed values by more than"
                + " eigenvalues within the claimed digits of them allow (\(why))"
            return true
        case .failsAtValue(let j):
            check.status = .fails
            check.detail = "the characteristic polynomial at the claimed value \(j + 1) is larger than eigenvalues within the claimed digits of the"
                + " claimed values allow (|p(z)| = prod |z - l_i|; \(why))"
            return true
        case .wrongCount(let eigenvalues):
            check.status = .fails
            check.detail = Self.countText(claimed: values.count, eigenvalues: eigenvalues)
            return true
        case .undecided:
            return false
        }
    }

    static func countText(claimed: Int, eigenvalues: Int) -> String {
        "the claim lists \(claimed) eigenvalue\(claimed == 1 ? "" : "s"); the Jacobian of \(eigenvalues) state entries has \(eigenvalues), with their multiplicities"
    }
}
