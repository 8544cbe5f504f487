import PhasecheckExpressions
import PhasecheckFormat
import PhasecheckNumbers

/// `value E at t = T == V [digits k]`: E at time T (or t -> infinity) equals V, known to k digits (default exact).
/// `value E at step n == V`: the same at step n of the iteration (`descent` or `map`).
public struct ValueClaim: ClaimKind, ComparesSides {
    public static let keyword = "value"
    package static let grammar = #""value" expr "at" ( "t" "=" ( expr | "inf" ) | "step" expr ) "==" expr [ "digits" INTEGER ]"#
    package static let documentation = [
        #"| `value E at t = T == V` | E at T along the trajectory equals V. With `digits k`, V must be the value correctly rounded to k significant digits (a trajectory in t is then computed to k + 3 digits when more are asked). With `t = inf`, see "Limits as t -> inf" below |"#,
        #"| `value E at step n == V` | E at step n of the iteration (`descent` or `map`), computed in interval arithmetic with the precision doubled until decided, equals V (with `digits k` as above) |"#,
    ]
    package static let example = ClaimExample(
        file: "derivations/saxe_logistic.phc", claim: #"a reaches astar/2 at t = tau/(2 astar) ln(astar/a0 - 1)"#,
        original: #"log(astar/a0 - 1) == astar/2"#, planted: #"log(astar/a0 - 1) == astar/3"#)

    package static let allowsVectors = true

    public var expression: Expr
    /// nil: t -> infinity.
    public var time: Expr?
    public var expected: Expr
    /// Digits to which `expected` is known (nil: exact).
    public var digits: Int?
    package var referenceDigits: Int? { digits }

    /// A reference known to k digits is decided by the value's rounding to k digits, so a trajectory in t is
    /// computed to k + 3 (more only when asked for fewer): at --digits 100 an integration to T = 100 for a
    /// value known to 11 digits takes what 14 digits take, not 100. An iteration keeps the digits asked: its
    /// interval run costs about the same at any precision and is shared with the file's other claims.
    package func workingDigits(asked: Int) -> Int {
        step == nil ? Self.workingDigits(asked: asked, referenceDigits: digits) : asked
    }
    /// The step of the iteration, for `at step n` (then `time` is unused).
    public var step: Expr? = nil

    public static func read(_ reader: inout StatementReader) throws(ParseError) -> Self {
        let e = try reader.parser.parseExpression()
        try reader.keyword("at", "after the quantity (as in `value a at t = 1 == 0.5`)")
        var time: Expr? = nil
        var step: Expr? = nil
        if reader.acceptKeyword("step") {
            step = try reader.parser.parseExpression()
        } else {
            try reader.keyword("t", "or `step` after `at`")
            try reader.parser.expect("=", "after `at t`")
            if !reader.acceptKeyword("inf") { time = try reader.parser.parseExpression() }
        }
        try reader.parser.expect("==", "before the expected value")
        let expected = try reader.parser.parseExpression()
        var digits: Int? = nil
        if reader.acceptKeyword("digits") { digits = try reader.integer("the number of known digits", atLeast: 1) }
        return Self(expression: e, time: time, expected: expected, digits: digits, step: step)
    }

    public var expressions: [Expr] { [expression, expected] + (time.map { [$0] } ?? []) + (step.map { [$0] } ?? []) }
    package var sides: (Expr, Expr) { (expression, expected) }

    package func check(_ check: inout ClaimCheck) throws {
        let model = check.model
        // A value is compared at this model's values alone (no random draws): an abs or sign of a constant exactly 0 there
        // is 0, as in an `expectation` claim (`uniform(lo, hi)` with lo = hi = 1/3 as two parameters is the point mass;
        // the closed form's sign(hi - lo) straddled 0 at every precision and the value was an ERROR blaming a domain).
        func expand(_ e: Expr) -> Expr { model.exactSwitches(model.expand(e)) }
        if let step {
            try check.checkValueAtStep(expand(expression), step: step, expected: expand(expected), knownDigits: digits)
            return
        }
        try check.checkValue(expand(expression), time: time, expected: expand(expected), knownDigits: digits)
    }
}

extension ClaimCheck {
    mutating func checkValue(_ e: Expr, time: Expr?, expected: Expr, knownDigits: Int?) throws {
        // A quantity of the parameters and t alone needs no trajectory (a file of identities has no ODE).
        let along = trajectory(for: model, needsState: involvesState([e, expected]))
        let digitsNote = knownDigits.map { k in k <= required ? "reference known to \(k) digits: must be the value correctly rounded to \(k)" : "reference known to \(k) digits; \(required) compared" } ?? "exact reference"
        let shape = shape(of: (e, expected))
        guard let time else {
            try checkLimitInTime(e, expected: expected, along: along, knownDigits: knownDigits.map { Swift.min($0, required) }, shape: shape)
            detail = "limit t -> inf along the " + along.name + "; " + digitsNote + "; " + detail
            return
        }
        let (o, p, n) = try compare([(e, expected)], at: [time], along: along, decide: roundingDecision(knownDigits: knownDigits, reference: expected))
        record(o, p, count: n) { Self.componentLabel($0, of: shape) + [timeLabel(time)] }
        detail = "along the " + along.name + "; " + digitsNote
    }
}

extension ClaimCheck {
    /// How a comparison with a reference known to k digits (k at most those required; nil: exact) is
    /// decided: it holds if the reference is the correct rounding of the value to k digits, whatever the
    /// agreement (nil: by the agreement, as for an exact reference). A reference (or an entry of one) given as 0
    /// is judged against the scale `compare` passes: the largest entry of a vector or matrix reference (the
    /// off-diagonal of `diag(...)`), else the scale of what cancelled in the value (`roundingOutcome`).
    /// - Parameter reference: the reference expression (expanded); where it is a number, or a vector or matrix of numbers,
    ///   a compared entry whose enclosure can be only one of them is read as that exact number (`ExactReferences`).
    func roundingDecision(knownDigits: Int?, reference: Expr? = nil) -> Decision? {
        guard let k = knownDigits, k <= required else { return nil }
        let exact = reference.flatMap(ExactReferences.init)
        return { _, value, reference, zeroScale in
            roundingOutcome(value: value, reference: reference, digits: k, zeroScale: zeroScale, exactly: exact?.number(enclosedBy: reference))
        }
    }
}

/// The numbers a reference written as decimals consists of (a number, or a vector or matrix of them), so that an entry's
/// enclosure can be read as the exact number it encloses. A power of ten 10^e has no binary enclosure on one side of it,
/// and its rounding's half units differ on its two sides (values that round to 0.001 at 1 digit lie in [0.00095, 0.0015]):
/// read from the enclosure, the decade below (0.00005 above: 0.0014 not held) and the one above (0.0005 below: 0.0009 not
/// failed) left such claims undecided.
struct ExactReferences {
    var numbers: [BigRational]

    init?(_ reference: Expr) {
        func leaves(_ e: Expr) -> [BigRational]? {
            if let q = Self.rational(e) { return [q] }
            guard case .vector = e.kind else { return nil }
            var all: [BigRational] = []
            for a in e.arguments { guard let l = leaves(a) else { return nil }; all += l }
            return all
        }
        guard let numbers = leaves(reference) else { return nil }
        self.numbers = numbers
    }

    /// The exact value of a rational expression of numbers (`-0.001`, `1/1000`, `10^-3`), nil for anything else.
    static func rational(_ e: Expr) -> BigRational? {
        if let q = e.numberValue { return q }
        let a = e.arguments.map(rational)
        guard a.allSatisfy({ $0 != nil }) else { return nil }
        switch (e.kind, a.compactMap { $0 }) {
        case (.negate, let q) where q.count == 1: return -q[0]
        case (.add, let q) where q.count == 2: return q[0] + q[1]
        case (.subtract, let q) where q.count == 2: return q[0] - q[1]
        case (.multiply, let q) where q.count == 2: return q[0] * q[1]
        case (.divide, let q) where q.count == 2 && !q[1].isZero: return q[0] / q[1]
        case (.power, let q) where q.count == 2 && q[1].isInteger && !(q[0].isZero && q[1].sign < 0):
            guard let n = q[1].smallParts?.numerator, Swift.abs(n) <= 4096 else { return nil }
            return q[0].power(n)
        default: return nil
        }
    }

    /// The one number `enclosure` can be: the only one whose own enclosure at its precision meets it (the entry compared
    /// encloses one of the numbers, so that one is it), nil when several could be.
    func number(enclosedBy enclosure: BigInterval) -> BigRational? {
        let bits = Swift.max(enclosure.lower.precision, 64)
        let meeting = numbers.filter { q in
            let e = BigInterval(q, precision: bits)
            return e.lower <= enclosure.upper && enclosure.lower <= e.upper
        }
        guard let first = meeting.first, meeting.allSatisfy({ $0 == first }) else { return nil }
        return first
    }
}

extension BigRational {
    /// e where |self| is exactly 10^e, else nil.
    var powerOfTenExponent: Int? {
        guard !isZero else { return nil }
        var x = magnitude, e = 0
        let limit = bitSize + 4
        while !(x < 10), x.isInteger, e <= limit { x = x / 10; e += 1 }
        while x < 1, -e <= limit { x = x * 10; e -= 1 }
        return x == 1 ? e : nil
    }
}

extension ClaimCheck {
}

/// Whether `reference` is `value` correctly rounded to `digits` significant digits: it holds when the
/// largest possible gap is at most half a unit in the last place, fails when the smallest exceeds it.
///
/// The correct rounding of a value is 0 only when the value is exactly 0, which an enclosure of nonzero width never
/// shows (an odd integrand's mean, sin(pi), a fixed point at the origin): a reference 0 is judged instead, as the
/// agreement rule judges a true value 0, against `zeroScale` (what cancelled in the value, a vector's largest entry,
/// 1 for a located root): it holds when |value| is at most half a unit in the k-th digit of that scale and fails
/// when it certainly exceeds it. With no scale (0) only an exact 0 holds.
/// `exactly`: the reference's exact value where it is known (a number written in the file), read for its decade.
func roundingOutcome(value: some Enclosure, reference: some Enclosure, digits: Int, zeroScale: BigFloat? = nil, exactly: BigRational? = nil) -> ClaimCheck.Outcome {
    // A side not finite has no rounding to read (its half unit is not a number): claims say why first
    // (`ClaimCheck.failIfStatedValuesHaveNoRealValue`); here it is only undecided, never a trap.
    guard value.isFinite, reference.isFinite else { return .undecided }
    if reference.magnitudeUpper.isZero {
        guard let zeroScale, !zeroScale.isZero else {
            return value.lower.isZero && value.upper.isZero ? .holds : value.lower.sign <= 0 && value.upper.sign >= 0 ? .undecided : .fails
        }
        let half = halfUnit(ofMagnitude: zeroScale, digits: digits)
        return value.magnitudeUpper <= half ? .holds : value.magnitudeLower > half ? .fails : .undecided
    }
    let units = exactly.flatMap(\.powerOfTenExponent).map { RoundingHalfUnits(powerOfTen: $0, negative: exactly!.sign < 0, digits: digits) }
        ?? RoundingHalfUnits(reference: reference, digits: digits)
    if value.lower >= BigFloat.difference(reference.upper, units.below.holds, rounding: .up),
       value.upper <= BigFloat.sum(reference.lower, units.above.holds, rounding: .down) { return .holds }
    if value.upper < BigFloat.difference(reference.lower, units.below.fails, rounding: .down)
        || value.lower > BigFloat.sum(reference.upper, units.above.fails, rounding: .up) { return .fails }
    return .undecided
}

/// How far below and above a nonzero reference a value may lie and still round to it at `digits` significant digits:
/// half a unit of the reference's decade away from 0, but only half a unit of the decade below toward 0 when |r| is a
/// power of ten (the values that round to 1.00 at 3 digits lie in [0.9995, 1.005]: 0.996 is not 1.00). Each side is
/// bounded apart, the reference's enclosure read at its inner end and rounded down to hold (the narrower interval), at
/// its outer end and rounded up to fail. Below and above are on the number line; a reference that straddles 0 takes the
/// narrower side both ways to hold. One rule for every claim with `digits k` (`roundingOutcome`, limits in time).
struct RoundingHalfUnits {
    var below: (holds: BigFloat, fails: BigFloat)
    var above: (holds: BigFloat, fails: BigFloat)

    init(reference: some Enclosure, digits: Int) {
        let towardZero = (holds: halfUnit(ofMagnitude: reference.magnitudeLower, digits: digits, towardZero: true, rounding: .down),
                          fails: halfUnit(ofMagnitude: reference.magnitudeUpper, digits: digits, towardZero: true, rounding: .up))
        let awayFromZero = (holds: halfUnit(ofMagnitude: reference.magnitudeLower, digits: digits, rounding: .down),
                            fails: halfUnit(ofMagnitude: reference.magnitudeUpper, digits: digits, rounding: .up))
        let positive = reference.lower.sign > 0, negative = reference.upper.sign < 0
        below = (holds: negative ? awayFromZero.holds : towardZero.holds, fails: positive ? towardZero.fails : awayFromZero.fails)
        above = (holds: positive ? awayFromZero.holds : towardZero.holds, fails: negative ? towardZero.fails : awayFromZero.fails)
    }

    /// The half units of a reference known to be exactly +-10^e (a number written in the file), which its binary enclosure
    /// straddles: half a unit of the decade below toward 0, of its own decade away from 0.
    init(powerOfTen e: Int, negative: Bool, digits: Int) {
        let towardZero = (holds: halfPowerOfTen(e - digits, rounding: .down), fails: halfPowerOfTen(e - digits, rounding: .up))
        let awayFromZero = (holds: halfPowerOfTen(e - digits + 1, rounding: .down), fails: halfPowerOfTen(e - digits + 1, rounding: .up))
        below = negative ? awayFromZero : towardZero
        above = negative ? towardZero : awayFromZero
    }

    /// The half unit a value's distance from the reference is held to: that of the side the value lies on, the narrower
    /// of the two where its enclosure reaches both (or the reference's). `fails`: the one it must exceed to fail.
    func onTheSide(of value: some Enclosure, from reference: some Enclosure) -> (holds: BigFloat, fails: BigFloat) {
        if value.lower >= reference.upper { return above }
        if value.upper <= reference.lower { return below }
        return (holds: BigFloat.min(below.holds, above.holds), fails: BigFloat.max(below.fails, above.fails))
    }
}

/// Half a unit in the `digits`-th significant digit of a reference value: how far a value may be from
/// the reference that is its correct rounding.
func halfUnit(of reference: some Enclosure, digits: Int) -> BigFloat {
    halfUnit(ofMagnitude: reference.magnitudeUpper, digits: digits)
}

/// Half a unit in the `digits`-th significant digit of a magnitude (0 for 0), rounded as asked. `towardZero`: the half unit
/// on the side of 0, which for a power of ten 10^e is that of the decade below (the values that round to 1.00 at 3 digits
/// lie in [0.9995, 1.005]).
func halfUnit(ofMagnitude magnitude: BigFloat, digits: Int, towardZero: Bool = false, rounding: Rounding = .toNearest) -> BigFloat {
    let bits = Swift.max(magnitude.precision, 64)
    guard !magnitude.isZero else { return BigFloat(0, precision: bits) }
    let decade = magnitude.decimalExponent
    return halfPowerOfTen(decade - digits + 1 - (towardZero && magnitude.compared(withPowerOfTen: decade) == 0 ? 1 : 0), bits: bits, rounding: rounding)
}

/// 10^exponent / 2 at `bits` (at least 64), rounded as asked.
func halfPowerOfTen(_ exponent: Int, bits: Int = 64, rounding: Rounding) -> BigFloat {
    // 10^n / 2 = 5^n 2^(n-1): exact for n >= 0 at these bits; a quotient rounded as asked below.
    let power = BigFloat.pow(BigFloat(10, precision: bits + 3 * Swift.abs(exponent) + 64), Swift.abs(exponent))
    let half = BigFloat(BigRational(1, 2), precision: bits)
    return exponent >= 0 ? BigFloat.product(power, half, rounding: rounding).rounded(toPrecision: bits, rounding: rounding)
        : BigFloat.quotient(half, power, rounding: rounding).rounded(toPrecision: bits, rounding: rounding)
}
