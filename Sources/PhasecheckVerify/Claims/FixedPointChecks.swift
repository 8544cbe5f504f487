import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckFormat
import PhasecheckNumbers

/// What the fixed-point claims share: how a point is stated (`fixedpoint` and `stationary`), how it is
/// located and certified, and how the stability claims find it by name.
public struct FixedPointLocation: Sendable {
    public enum Form: Sendable {
        /// `= expr`: the point exactly; F vanishes there (a map returns it).
        case exact
        /// `= expr digits k`: the point rounded to k significant digits.
        case rounded(digits: Int)
        /// `near expr [within r]`: exactly one fixed point in the box expr +- r (default max(|x_i|, 1)/1000).
        case near(radius: Expr?)
    }

    public var name: String
    /// One coordinate per state, in the order the states are declared (a vector, or a scalar for one state).
    public var point: Expr
    public var form: Form
    /// For a map that draws noise, which deterministic map the point is of (`without noise`, `averaged over noise`);
    /// nil: the file's dynamics as they are (a noisy map then needs its noise switched off, or a mean-field flow).
    public var noise: NoisyMapReading? = nil

    static let grammar = #"NAME ( "=" expr [ "digits" INTEGER ] | "near" expr [ "within" expr ] ) [ "without" "noise" | "averaged" "over" "noise" ]"#

    static func read(_ reader: inout StatementReader) throws(ParseError) -> Self {
        var location = try readPoint(&reader)
        if reader.acceptKeyword("without") {
            try reader.keyword("noise", "after `without` (`without noise`: the map with every noise variable at its mean)")
            location.noise = .off
        } else if reader.acceptKeyword("averaged") {
            try reader.keyword("over", "after `averaged` (`averaged over noise`: the mean map over one step's noise)")
            try reader.keyword("noise", "after `averaged over`")
            location.noise = .averaged
        }
        return location
    }

    private static func readPoint(_ reader: inout StatementReader) throws(ParseError) -> Self {
        let (name, _) = try reader.identifier("the fixed point's name")
        if reader.acceptKeyword("near") {
            let point = try reader.parser.parseExpression()
            let radius = reader.acceptKeyword("within") ? try reader.parser.parseExpression() : nil
            return Self(name: name, point: point, form: .near(radius: radius))
        }
        try reader.parser.expect("=", "or `near` after the point's name (as in `fixedpoint origin = [0, 0]`)")
        let point = try reader.parser.parseExpression()
        if reader.acceptKeyword("digits") {
            return Self(name: name, point: point, form: .rounded(digits: try reader.integer("the number of known digits", atLeast: 1)))
        }
        return Self(name: name, point: point, form: .exact)
    }

    var expressions: [Expr] {
        if case .near(let radius?) = form { return [point, radius] }
        return [point]
    }

    /// Coordinate names for a message: all of them, or the first three and the last.
    static func listText(_ names: [String]) -> String {
        (names.count <= 5 ? names : Array(names.prefix(3)) + ["...", names.last!]).joined(separator: ", ")
    }

    /// The point's coordinates, one per state entry (`stateShapes`: the states' shapes, in order): a list of every
    /// state's entries (row-major); a list of one value per state, each in its state's shape or a number for all its
    /// entries, where some state is a vector or matrix (`fixedpoint opt = [xs, xs]` for states x[n] and xp[n]); or, for a file with one vector or
    /// matrix state, the entries of the point written in that state's shape (`fixedpoint opt = B @ inv(C)` for a
    /// matrix state W); else the scalar itself.
    func coordinates(stateShapes: [Shape]) -> [Expr] {
        let entryCount = stateShapes.reduce(0) { $0 + $1.count }
        if point.kind == .vector, point.arguments.count == stateShapes.count, entryCount > stateShapes.count {
            // A number stands for every entry of its state (`[0, 0]`: both vector states at 0), as a value claim's
            // scalar reference does.
            return zip(point.arguments, stateShapes).flatMap { value, shape in
                value.numberValue != nil ? Array(repeating: value, count: shape.count) : FixedPointSetting.entries(of: value, shape: shape)
            }
        }
        if isList { return point.arguments }
        if stateShapes.count == 1, stateShapes[0].count > 1 { return FixedPointSetting.entries(of: point, shape: stateShapes[0]) }
        return [point]
    }

    /// Whether the point is written as a list of coordinates (`[0.5, 1, 1]`), not a matrix literal or an expression.
    var isList: Bool { point.kind == .vector && !point.arguments.allSatisfy { $0.kind == .vector } }

    func checkNames(of claim: Claim, in scope: NameScope) throws(DerivationError) {
        try scope.checkModelClaim(claim)
        let states = scope.derivation.states
        let sizes = scope.derivation.declaredSizes
        let expected = scope.derivation.stateCoordinates(sizes: sizes)
        let coordinates = coordinates(stateShapes: states.map { Model.shape(of: $0, sizes: sizes) })
        guard coordinates.count == expected.count else {
            throw scope.error("the point \(name) of claim \"\(claim.name)\" has \(coordinates.count) coordinate\(coordinates.count == 1 ? "" : "s"); expected one per state component (\(FixedPointLocation.listText(expected)), in that order)", at: claim.location)
        }
        if let noise, scope.derivation.training.noise.isEmpty || !scope.derivation.training.iterates {
            throw scope.error("claim \"\(claim.name)\" reads the map \(noise == .off ? "without noise" : "averaged over noise"), but the file has no map that draws noise (`noise` and `map` lines)", at: claim.location)
        }
        let moving = Set(states.map(\.name)).union([Derivation.time])
        if let bad = expressions.flatMap({ $0.freeSymbols }).first(where: moving.contains) {
            throw scope.error("the point \(name) of claim \"\(claim.name)\" uses `\(bad)`; expected constants (parameters, initial values)", at: claim.location)
        }
        let sameName = scope.derivation.claims.filter { ($0.statement as? any FixedPointDeclaration)?.location.name == name }
        if sameName.count > 1, sameName.first?.location != claim.location {
            throw scope.error("the fixed point \(name) is declared twice (claims \"\(sameName[0].name)\" and \"\(claim.name)\")", at: claim.location)
        }
    }
}

/// A claim that names a fixed point (`fixedpoint`, `stationary`), which stability claims refer to. The kinds
/// share the reader (`FixedPointLocation.read`), the expressions and the name check.
package protocol FixedPointDeclaration: ClaimKind {
    var location: FixedPointLocation { get }
    init(location: FixedPointLocation)
}

extension FixedPointDeclaration {
    public static func read(_ reader: inout StatementReader) throws(ParseError) -> Self {
        Self(location: try FixedPointLocation.read(&reader))
    }

    public var expressions: [Expr] { location.expressions }

    public func checkNames(of claim: Claim, in scope: NameScope) throws(DerivationError) { try location.checkNames(of: claim, in: scope) }
}

extension FixedPointDeclaration {
    /// A point given to k digits (`= expr digits k`) is located to k + 3 (see `ClaimKind.workingDigits`).
    package func workingDigits(asked: Int) -> Int { Self.workingDigits(asked: asked, referenceDigits: referenceDigits) }
    package var referenceDigits: Int? {
        guard case .rounded(let k) = location.form else { return nil }
        return k
    }
}

extension NameScope {
    /// The claim declaring the fixed point `name`, which a stability claim uses: it must exist and be checked
    /// under the same scenario.
    func fixedPointDeclaration(_ name: String, for claim: Claim) throws(DerivationError) -> Claim {
        try checkModelClaim(claim)
        let declarations = derivation.claims.filter { $0.statement is any FixedPointDeclaration }
        let names = declarations.map { ($0.statement as! any FixedPointDeclaration).location.name }
        guard let index = names.firstIndex(of: name) else {
            throw DerivationError(file: derivation.file, location: claim.location,
                                  message: "claim \"\(claim.name)\" is about the fixed point `\(name)`, which no `fixedpoint` or `stationary` claim declares",
                                  hint: Suggestions.didYouMean(name, among: names) ?? "declare it first: claim \"...\": fixedpoint \(name) near [...]")
        }
        let declaration = declarations[index]
        if declaration.scenario != claim.scenario {
            throw error("claim \"\(claim.name)\" is about \(name), a fixed point " + (declaration.scenario.map { "under scenario `\($0)`" } ?? "at the file's values")
                        + "; it must be checked under the same scenario" + (declaration.scenario.map { " (add `under \($0)`)" } ?? " (drop `under`)"), at: claim.location)
        }
        return declaration
    }
}

/// A located fixed point: an enclosure (a box) of the point, certified to be a fixed point when located by
/// the Krawczyk test (for `= expr`, the stated point itself: whether it is a fixed point is its own claim).
enum LocatedPoint {
    case enclosed(Box)
    /// The search was complete and found this many fixed points in the box (0, or more than one).
    case notUnique(found: Int, box: Box)
    /// The search was not complete: parts of the box could be neither excluded nor isolated.
    case undecided(box: Box)
}

extension ClaimCheck {
    /// The precisions of fixed-point work: from the claim's start, at most 8 times it (a point on a
    /// stability boundary stays undecidable at any precision, so the cap is kept low).
    var fixedPointEscalation: Precision.Escalation {
        escalation.limited(toDoublings: 3)
    }

    /// Encloses the fixed point at `bits`: the stated point (`= expr`), or the only fixed point in the box
    /// around it, found by subdivision and the Krawczyk test and refined at this precision.
    func locate(_ location: FixedPointLocation, in setting: FixedPointSetting, bits: Int) throws -> LocatedPoint {
        let stated = try setting.constants(setting.coordinates(of: location).map(model.expand), bits: bits)
        // `near [1/0]` made a box over the whole line, where the one fixed point "held".
        guard stated.allSatisfy(\.isFinite) else { throw CheckError("the coordinates of the point must be finite constants") }
        if case .exact = location.form { return .enclosed(stated) }
        let context = IntervalContext(precision: bits)
        var radius: [BigInterval]
        if case .near(let r?) = location.form {
            let value = try setting.constants([model.expand(r)], bits: bits)[0]
            guard value.isFinite, value.lower.sign > 0 else { throw CheckError("the radius after `within` must be a positive constant") }
            radius = stated.map { _ in value }
        } else if case .rounded(let digits) = location.form, let largest = stated.max(by: { $0.magnitudeUpper < $1.magnitudeUpper }),
                  !largest.magnitudeUpper.isZero {
            // A point given to k digits is within half a unit in its k-th digit of the fixed point it rounds
            // from: a box of four such half-units holds it, and is small enough to decide at once.
            radius = stated.map { _ in BigInterval(halfUnit(of: largest, digits: digits)) * context.constant(4) }
        } else {
            // A thousandth of each coordinate's magnitude (at least of 1): small, because interval enclosures
            // of a large polynomial over a wide box are loose and the subdivision then needs many boxes.
            radius = stated.map { BigInterval.max(BigInterval($0.magnitudeUpper), context.constant(1)) / context.constant(1000) }
        }
        let box = Box.around(stated.map(\.midpoint), radius: zip(stated, radius).map { x, r in (r + BigInterval(x.radius)).upper })
        var evaluator = try setting.evaluator(bits: bits)
        var zeroSearch = ZeroSearch()
        let deadline = self.deadline
        zeroSearch.shouldStop = { deadline.isExpired }
        let search = zeroSearch.run(&evaluator, in: box)
        guard search.isComplete else {
            // A zero that is isolated, alone, is still good enough when the unresolved parts are only its own.
            return .undecided(box: box)
        }
        guard search.zeros.count == 1 else { return .notUnique(found: search.zeros.count, box: box) }
        return .enclosed(search.zeros[0].enclosure)
    }

    /// Locates the point at rising precisions until its coordinates are certified to `digits` significant
    /// digits (against the largest coordinate), or the cap is reached; returns the last result.
    func locate(_ location: FixedPointLocation, in setting: FixedPointSetting, digits: Int) throws -> LocatedPoint {
        var last: LocatedPoint = .undecided(box: [])
        for bits in fixedPointEscalation {
            let attemptStarted = ContinuousClock.now
            last = try locate(location, in: setting, bits: bits)
            // A search that could not decide its box is not helped by precision (a multiple fixed point).
            guard case .enclosed(let box) = last else { return last }
            if Self.certifiedDigits(box) >= Double(digits) { return last }
            try deadline.checkBeforeRaising(from: bits, attemptStarted: attemptStarted)
        }
        return last
    }

    /// The digits to which a box pins its point: each coordinate's width against the largest coordinate.
    static func certifiedDigits(_ box: Box) -> Double {
        let scale = zeroScale(of: box)
        return box.map { Agreement.between(BigInterval($0.lower), BigInterval($0.upper), floor: scale).atLeast }.min() ?? .infinity
    }

    /// Coordinates as reports show them: `Q = 0.67...` with every digit certified.
    func pointText(_ box: Box, names: [String]) -> [(String, String)] {
        zip(names, box).map { ($0, coordinateText($1, digits: required)) }
    }

    /// Records why the point could not be used, as an undecided or failed claim (true when it was).
    mutating func recordUnlocated(_ located: LocatedPoint) -> Bool {
        switch located {
        case .enclosed: return false
        case .notUnique(let found, let box):
            status = .fails
            worstCase = [("fixed points found", "\(found)")]
            detail = "\(found) fixed points, where one was claimed, in the box " + boxText(box)
        case .undecided(let box):
            status = .undecided
            undecidedReason = "the subdivision of the box " + boxText(box) + " could not exclude or isolate every fixed point (a multiple or non-isolated fixed point, or too wide a box)"
        }
        return true
    }

    /// Why a stability claim cannot be checked: its point was not located.
    static func unlocated(_ name: String, _ located: LocatedPoint) -> CheckError {
        if case .notUnique(let found, _) = located { return CheckError("the fixed point \(name) could not be located: \(found) fixed points in its box") }
        return CheckError("the fixed point \(name) could not be located: part of its box could not be decided")
    }

    func boxText(_ box: Box) -> String {
        "[" + box.map { "[" + $0.lower.formatted(significantDigits: 6) + ", " + $0.upper.formatted(significantDigits: 6) + "]" }.joined(separator: " x ") + "]"
    }

    /// The point of a stability claim, from its declaring claim, with the model's fixed-point setting.
    func declaredPoint(_ name: String) throws -> (FixedPointLocation, FixedPointSetting) {
        guard let declaration = derivation.claims.lazy.compactMap({ $0.statement as? any FixedPointDeclaration }).first(where: { $0.location.name == name }) else {
            throw CheckError("no claim declares the fixed point `\(name)`")
        }
        let setting = try FixedPointSetting(model: model, noise: declaration.location.noise)
        try setting.checkCoordinates(of: declaration.location)
        return (declaration.location, setting)
    }

    /// `stable at P`, `unstable at P`, `saddle at P`: the number of eigenvalues of the Jacobian at P on the
    /// unstable side, counted by the Routh-Hurwitz (flows) or Schur-Cohn (maps) test over P's enclosure.
    mutating func checkStability(at name: String, expected: LinearStability.Stability) throws {
        let (location, setting) = try declaredPoint(name)
        guard let (jacobianBox, classification) = try classifyStability(of: location, in: setting) else { return }
        points = 1
        let n = classification.dimension
        let side = setting.problem.dynamics == .flow ? "with positive real part" : "outside the unit circle"
        let test = setting.problem.dynamics == .flow ? "Routh-Hurwitz" : "Schur-Cohn"
        worstCase = pointText(jacobianBox, names: setting.stateNames)
        compared = [("characteristic polynomial", polynomialText(classification.characteristicPolynomial))]
        let zeros = classification.zeroEigenvalues
        // With eigenvalues exactly 0 one on the unstable side still decides: unstable, and so not stable.
        guard let k = classification.unstableCount, classification.stability != nil || (k > 0 && expected != .saddle) else {
            status = .undecided
            undecidedReason = zeros > 0
                ? "\(zeros) of the \(n) eigenvalues are exactly 0 (the characteristic polynomial is a multiple of x^\(zeros)): on the imaginary axis, where linearisation decides nothing"
                : "the \(test) test could not count the eigenvalues \(side) up to \(fixedPointEscalation.cap) bits: one may lie on the "
                    + (setting.problem.dynamics == .flow ? "imaginary axis" : "unit circle")
            detail = "\(test) over the enclosure of \(name)"
            return
        }
        let found = classification.stability ?? .unstable
        let holds = expected == .unstable ? k > 0 : found == expected
        if !holds { status = .fails }
        compared.append(("eigenvalues \(side)", "\(k) of \(n)" + (zeros > 0 ? ", and \(zeros) exactly 0" : "")))
        detail = "\(test) over the enclosure of \(name) (\(setting.problem.dynamics.rawValue)): \(k) of \(n) eigenvalues \(side)"
            + (zeros > 0 ? " and \(zeros) exactly 0" : "") + ", so \(found.rawValue)"
    }

    /// Locates the point and classifies it over its enclosure, raising the precision while the classification
    /// is undecided (up to `fixedPointEscalation`'s cap): the one driver of `stable at P`, of the stability
    /// threshold (`StabilityOracle`) and of `phase --stability` (`ParameterPhaseSweep.stabilityRow`).
    ///
    /// - Parameter start: where a point followed across a parameter is sought (the point found at a nearby
    ///   value, or the declared coordinates): the fixed point Newton's method reaches from it, isolated by the
    ///   Krawczyk test. nil: the point as its claim locates it (`locate`), which throws when it cannot.
    /// - Returns: the point's enclosure and its classification at the last precision tried (its stability nil
    ///   when still undecided); nil when no precision isolated a point near `start`.
    func classifyStability(of location: FixedPointLocation, in setting: FixedPointSetting,
                           from start: [BigFloat]? = nil) throws -> (Box, LinearStability)? {
        var result: (Box, LinearStability)? = nil
        for bits in fixedPointEscalation {
            let attemptStarted = ContinuousClock.now
            var evaluator = try setting.evaluator(bits: bits)
            let box: Box
            if let start {
                guard let zero = Krawczyk.isolate(&evaluator, near: start) else {
                    try deadline.checkBeforeRaising(from: bits, attemptStarted: attemptStarted)
                    continue
                }
                box = zero.enclosure
            } else {
                let located = try locate(location, in: setting, bits: bits)
                guard case .enclosed(let enclosure) = located else { throw Self.unlocated(location.name, located) }
                box = enclosure
            }
            let classification = setting.classify(over: box, evaluator: &evaluator).classification
            result = (box, classification)
            // Eigenvalues exactly 0 stay so at every precision.
            if classification.stability != nil || classification.zeroEigenvalues > 0 { break }
            try deadline.checkBeforeRaising(from: bits, attemptStarted: attemptStarted)
        }
        return result
    }

    /// `fixedpoint P ...` and `stationary P ...`: the point is a fixed point (`= expr`), is one to k digits
    /// (`= expr digits k`), or is the only one near the approximation (`near expr`), reported to the digits
    /// asked; with `reportingSpectrum`, the Jacobian's eigenvalues there and the stability they give.
    mutating func checkFixedPoint(_ location: FixedPointLocation, reportingSpectrum: Bool) throws {
        let setting = try FixedPointSetting(model: model, noise: location.noise)
        try setting.checkCoordinates(of: location)
        let names = setting.stateNames
        let coordinates = setting.coordinates(of: location).map(model.expand)
        if try failIfStatedValuesHaveNoRealValue(coordinates, what: "the stated point \(location.name)") { return }
        let dynamics = setting.problem.dynamics
        var point: Box? = nil
        switch location.form {
        case .exact:
            let values = setting.functions(at: coordinates)
            let pairs = dynamics == .flow ? values.map { ($0, Expr.number(0)) } : Array(zip(values, coordinates))
            let (o, p, n) = try compare(pairs, at: [Expr.number(0)], along: trajectory(for: model, needsState: false))
            record(o, p, count: n) { point in [("state", names[point.pair])] }
            detail = (dynamics == .flow ? "the vector field vanishes at " : "the map returns ") + "\(location.name), in interval arithmetic"
            if o != .fails { point = try setting.constants(coordinates, bits: startBits) }
        case .rounded(let digits):
            var outcome = Outcome.undecided
            var last: LocatedPoint = .undecided(box: [])
            for bits in fixedPointEscalation {
                last = try locate(location, in: setting, bits: bits)
                guard case .enclosed(let box) = last else { break }
                // Each precision judges afresh.
                status = .holds
                worst = nil
                let stated = try setting.constants(coordinates, bits: bits)
                let outcomes = zip(box, stated).map { Self.coordinateRounding(value: $0, reference: $1, digits: digits, largest: stated) }
                let worstIndex = outcomes.firstIndex(of: .fails) ?? outcomes.firstIndex(of: .undecided) ?? 0
                outcome = outcomes.contains(.fails) ? .fails : outcomes.contains(.undecided) ? .undecided : .holds
                // Digits count against the point's largest coordinate (a coordinate 0 has no relative digits).
                let scale = Self.zeroScale(of: stated)
                record(outcome, Point(agreement: Agreement.between(box[worstIndex], stated[worstIndex], floor: scale), time: Expr.number(0), pair: 0,
                                      component: worstIndex, left: box[worstIndex], right: stated[worstIndex]), count: names.count) { p in [("state", names[p.component])] }
                point = box
                if outcome != .undecided { break }
            }
            if recordUnlocated(last) { return }
            detail = "the only fixed point in the box around \(location.name) (subdivision and Krawczyk), against the point given to \(digits) digits"
        case .near:
            let located = try locate(location, in: setting, digits: required)
            if recordUnlocated(located) { return }
            guard case .enclosed(let box) = located else { return }
            let digits = Self.certifiedDigits(box)
            worst = Agreement(atLeast: digits, atMost: .infinity)
            points = 1
            if digits < Double(required) {
                status = .undecided
                undecidedReason = "the fixed point was isolated but not pinned to \(required) digits up to \(fixedPointEscalation.cap) bits"
            }
            compared = pointText(box, names: names)
            detail = "exactly one fixed point in the box around the approximation (subdivision and Krawczyk)"
            point = box
        }
        guard reportingSpectrum, let point, status != .fails else { return }
        var evaluator = try setting.evaluator(bits: point.map(\.precision).max() ?? startBits)
        let (jacobian, classification) = setting.classify(over: point, evaluator: &evaluator)
        let spectrum = try Spectrum(coefficients: CharacteristicPolynomial.of(jacobian, context: evaluator.context), context: evaluator.context)
        compared.append(("eigenvalues of the jacobian", spectrum.isComplete ? spectrumText(spectrum) : "not isolated (a multiple eigenvalue?)"))
        compared.append(("stability", classification.name(spectrum: spectrum)))
    }

    func spectrumText(_ spectrum: Spectrum) -> String { spectrumTexts(spectrum).joined(separator: ", ") }

    /// Whether a coordinate given to k digits is the point's coordinate correctly rounded; a coordinate given
    /// as 0 (which no enclosure of a nonzero width rounds to) is judged against half a unit in the k-th digit of
    /// the point's largest coordinate, as vectors are, or of 1 when every coordinate is 0 (`zeroScale(of:)`).
    static func coordinateRounding(value: BigInterval, reference: BigInterval, digits: Int, largest point: [BigInterval]) -> Outcome {
        roundingOutcome(value: value, reference: reference, digits: digits, zeroScale: zeroScale(of: point))
    }

    /// The scale a located point's coordinates are judged against: its largest coordinate, or 1 when every
    /// coordinate may be 0 (a point at the origin has no relative digits; a threshold's bracket holding 0 is
    /// narrowed to an absolute width the same way).
    static func zeroScale(of point: [BigInterval]) -> BigFloat {
        let largest = point.map(\.magnitudeUpper).reduce(BigFloat(0, precision: 64)) { BigFloat.max($0, $1) }
        return point.allSatisfy(\.mayBeZero) ? BigFloat.max(largest, BigFloat(1, precision: 64)) : largest
    }

    /// A characteristic polynomial as reports show it, highest power first.
    func polynomialText(_ c: [BigInterval]) -> String {
        let n = c.count - 1
        return (0...n).reversed().map { k in
            let power = k == 0 ? "" : k == 1 ? " x" : " x^\(k)"
            return k == n ? String(power.dropFirst()) : "(" + c[k].reportText + ")" + power
        }.joined(separator: " + ")
    }
}

extension BigInterval {
    var mayBeZero: Bool { isNaN || (lower.sign <= 0 && upper.sign >= 0) }
}
