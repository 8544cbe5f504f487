import PhasecheckNumbers

/// An exponent of d inside an expansion at one point of exponent space: its exact value there and, when
/// the expansion is traced, the affine form in the exponent symbols (alpha, b_u, ...) that gives it at
/// every point.
///
/// An expansion decides which terms lead, combine or are dropped only by comparing exponents. Every
/// comparison here (`<`, `==`, `sign`, `isZero` and what is built on them: `max`, sorting) reports the
/// sign of the difference of the two forms to the trace, so no decision that depends on the point goes
/// unrecorded. `value` is for output, never for deciding.
struct Exponent: Sendable, Comparable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    let value: BigRational
    /// nil for an exponent that is the same at every point (a constant of the expansion).
    let form: AffineExponent?
    /// Where comparisons with a traced exponent are recorded; nil when not tracing.
    let trace: ExponentTrace?

    init(_ value: BigRational) {
        self.value = value
        form = nil
        trace = nil
    }

    init(integerLiteral value: Int) { self.init(BigRational(value)) }

    /// The exponent given by `form`, whose value at the traced point is `value`.
    static func traced(_ form: AffineExponent, value: BigRational, in trace: ExponentTrace) -> Exponent {
        Exponent(value: value, form: form, trace: trace)
    }

    private init(value: BigRational, form: AffineExponent?, trace: ExponentTrace?) {
        let constant = form?.isConstant ?? true
        self.value = value
        self.form = constant ? nil : form
        self.trace = constant ? nil : trace
    }

    /// The same exponent no longer reporting to its trace (a kept template must not hold the trace alive).
    var untraced: Exponent { Exponent(value: value, form: form, trace: nil) }

    /// The form, a constant one for an untraced exponent.
    var affine: AffineExponent { form ?? AffineExponent(value) }

    static func + (a: Exponent, b: Exponent) -> Exponent {
        let form: AffineExponent? = a.form == nil && b.form == nil ? nil : a.affine + b.affine
        return Exponent(value: a.value + b.value, form: form, trace: a.trace ?? b.trace)
    }

    static prefix func - (a: Exponent) -> Exponent { Exponent(value: -a.value, form: a.form.map { -$0 }, trace: a.trace) }
    static func - (a: Exponent, b: Exponent) -> Exponent { a + (-b) }

    func scaled(by factor: BigRational) -> Exponent {
        Exponent(value: value * factor, form: factor.isZero ? nil : form?.scaled(by: factor), trace: trace)
    }

    /// The sign of `a - b` at this point, recorded in the trace when it could differ elsewhere.
    static func compare(_ a: Exponent, _ b: Exponent) -> Int {
        let sign = (a.value - b.value).sign
        if let trace = a.trace ?? b.trace { trace.record(a.affine - b.affine, sign: sign) }
        return sign
    }

    static func < (a: Exponent, b: Exponent) -> Bool { compare(a, b) < 0 }
    static func == (a: Exponent, b: Exponent) -> Bool { compare(a, b) == 0 }

    var sign: Int { Self.compare(self, 0) }
    var isZero: Bool { sign == 0 }

    /// The value of the form at another point of the same cell.
    func value(at point: [String: BigRational]) throws -> BigRational {
        try form?.value(at: point) ?? value
    }

    var description: String { value.description }
}

/// The point-dependent decisions of one expansion: the sign of each affine form it compared.
///
/// Used by one expansion on one thread, then read once by `AnalysisCache.insert`.
final class ExponentTrace: @unchecked Sendable {
    /// Sign-normalised form -> its sign at the traced point.
    private(set) var signs: [AffineExponent: Int] = [:]

    func record(_ difference: AffineExponent, sign: Int) {
        guard !difference.isConstant else { return }
        let (form, orientation) = difference.signNormalized
        signs[form] = sign * orientation
    }
}
