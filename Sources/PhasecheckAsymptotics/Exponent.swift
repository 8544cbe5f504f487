import PhasecheckNumbers

/// An exponent of d inside an expansion at one point of exponent space: its exact value there and, when
/// the expansion is traced, the affine form in the exponent symbols (alpha, b_u, ...) that gives it at
/// every point.
///
/// An expansion decides which terms lead, combine or are dropped only by comparing exponents. Every
/// comparison here (`<`, `==`, `sign`, `isZero` and what is built on them: `max`, sorting) reports the
/// sign of the difference of the two forms to the trace, so no decision that depends on the point goes
/// unrecorded. `value` is for output, never for deciding.
///
/// Values and forms are kept in machine integers (forms over the trace's order of symbols), so that an
/// expansion allocates no rational per operation; an operation that would overflow falls back to exact
/// rationals.
///
/// An exponent also carries a power of log d (`logPower`): the term is `c d^e (log d)^k`. Such terms are ordered
/// as exponents `e + k epsilon` with epsilon infinitesimal (log d outgrows every constant and is outgrown by every
/// d^delta, delta > 0), so that sums, products and truncations need nothing else: two exponents are compared by
/// their powers of d first (the decision the trace records) and, where those are equal, by their powers of log d.
struct Exponent: Sendable, Comparable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    private let number: Number
    /// nil for an exponent that is the same at every point (a constant of the expansion).
    private let form: Form?
    /// Where comparisons with a traced exponent are recorded; nil when not tracing.
    let trace: ExponentTrace?
    /// The power of log d (the same at every point: it comes from the expression, not from the exponents).
    let logPower: Int

    init(_ value: BigRational, logPower: Int = 0) {
        number = Number(value)
        form = nil
        trace = nil
        self.logPower = logPower
    }

    init(integerLiteral value: Int) {
        number = .small(SmallRational(value, 1)!)
        form = nil
        trace = nil
        logPower = 0
    }

    /// The largest power of log d a power `a^q` may make (sums of such powers stay far inside `Int`).
    static let maximumLogPower = 1 << 20

    /// log d: the exponent 0 with one power of log d.
    static let logarithm = Exponent(0, logPower: 1)

    /// The exponent given by `form`, whose value at the traced point is `value`.
    static func traced(_ form: AffineExponent, value: BigRational, in trace: ExponentTrace) -> Exponent {
        let compact = IntegerForm(form, symbols: trace.symbols).map(Form.integers) ?? .rational(form)
        return Exponent(number: Number(value), form: compact, trace: trace, logPower: 0)
    }

    private init(number: Number, form: Form?, trace: ExponentTrace?, logPower: Int) {
        let constant = form?.isConstant ?? true
        self.number = number
        self.form = constant ? nil : form
        self.trace = constant ? nil : trace
        self.logPower = logPower
    }

    /// The exact value of the power of d at the expansion's point (the power of log d is `logPower`).
    var value: BigRational { number.exact }

    /// The same power of d at every point (no form in the exponent symbols).
    var isConstant: Bool { form == nil }

    /// The same power of d without its power of log d.
    var withoutLogarithm: Exponent { Exponent(number: number, form: form, trace: trace, logPower: 0) }

    /// The same exponent no longer reporting to its trace (a kept template must not hold the trace alive).
    var untraced: Exponent { Exponent(number: number, form: form, trace: nil, logPower: logPower) }

    /// The form, a constant one for an untraced exponent.
    var affine: AffineExponent { form?.affine ?? AffineExponent(value) }

    /// The form in integers: a constant for a constant exponent (no form of zeros made for it); nil for a
    /// form kept in rationals or a constant that does not fit.
    private var integerOperand: IntegerOperand? {
        switch form {
        case nil:
            if case .small(let q) = number { return .constant(q) }
            return nil
        case .integers(let form)?: return .form(form)
        case .rational?: return nil
        }
    }

    /// The form of `a + sign * b` (nil when both are constants), in integers when both fit.
    private static func combinedForm(_ a: Exponent, _ b: Exponent, sign: Int) -> Form? {
        guard let symbols = a.form?.symbols ?? b.form?.symbols else {
            return a.form == nil && b.form == nil ? nil : .rational(a.affine + b.affine.scaled(by: BigRational(sign)))
        }
        if let x = a.integerOperand, let y = b.integerOperand,
           let combined = IntegerForm.combine(x, y, sign: sign, symbols: symbols) {
            return .integers(combined)
        }
        return .rational(a.affine + b.affine.scaled(by: BigRational(sign)))
    }

    static func + (a: Exponent, b: Exponent) -> Exponent {
        Exponent(number: a.number + b.number, form: combinedForm(a, b, sign: 1), trace: a.trace ?? b.trace,
                 logPower: a.logPower + b.logPower)
    }

    static prefix func - (a: Exponent) -> Exponent {
        Exponent(number: a.number.negated, form: a.form?.negated, trace: a.trace, logPower: -a.logPower)
    }

    static func - (a: Exponent, b: Exponent) -> Exponent { a + (-b) }

    /// The exponent times `factor`; nil when the power of log d would not be an integer ((log d)^(1/2)).
    func scaled(by factor: BigRational) -> Exponent? {
        var power = 0
        if logPower != 0 {
            let scaledPower = BigRational(logPower) * factor
            guard scaledPower.isInteger, let (p, _) = scaledPower.smallParts, Swift.abs(p) <= Self.maximumLogPower else { return nil }
            power = p
        }
        let factor = Number(factor)
        return Exponent(number: number * factor, form: factor.sign == 0 ? nil : form?.scaled(by: factor), trace: trace, logPower: power)
    }

    /// `scaled(by:)` by a whole number, which keeps the power of log d whole.
    func scaled(by factor: Int) -> Exponent { scaled(by: BigRational(factor))! }

    /// The sign of `a - b` at this point, recorded in the trace when it could differ elsewhere: the powers of d
    /// decide, and where they are equal the powers of log d.
    static func compare(_ a: Exponent, _ b: Exponent) -> Int {
        let sign = powerCompare(a, b)
        return sign != 0 ? sign : (a.logPower > b.logPower ? 1 : a.logPower < b.logPower ? -1 : 0)
    }

    /// The sign of the difference of the powers of d alone, recorded in the trace.
    private static func powerCompare(_ a: Exponent, _ b: Exponent) -> Int {
        let sign = (a.number + b.number.negated).sign
        guard let trace = a.trace ?? b.trace else { return sign }
        // The hyperplane straight from the two integer forms (one array, not four); through the
        // difference's form only where that does not fit.
        if let symbols = a.form?.symbols ?? b.form?.symbols, let x = a.integerOperand,
           let y = b.integerOperand, let difference = IntegerForm.differencePlane(x, y, symbols: symbols) {
            if let plane = difference.plane { trace.record(plane, sign: sign * difference.orientation) }
        } else if let difference = combinedForm(a, b, sign: -1) {
            trace.record(difference, sign: sign)
        }
        return sign
    }

    static func < (a: Exponent, b: Exponent) -> Bool { compare(a, b) < 0 }
    static func == (a: Exponent, b: Exponent) -> Bool { compare(a, b) == 0 }

    /// Zero at every point (a constant zero, not a form that vanishes here): known without a comparison.
    var isConstantZero: Bool { form == nil && number.sign == 0 && logPower == 0 }

    var sign: Int { Self.compare(self, 0) }
    var isZero: Bool { sign == 0 }
    /// The sign of the power of d alone (recorded in the trace), whatever the power of log d.
    var powerSign: Int { Self.powerCompare(self, 0) }

    /// The value of the form at another point of the same cell.
    func value(at point: [String: BigRational]) throws -> BigRational {
        try form?.affine.value(at: point) ?? value
    }

    /// The power of d alone (`1/2`); with a power of log d, the order it is the exponent of (`d^(1/2) log(d)`: `1/2 log(d)`
    /// read as (1/2) log(d) or 1/(2 log(d))).
    var description: String {
        logPower == 0 ? value.description : widthOrder(value, logPower: logPower)
    }

    /// The order this is the exponent of, as messages write it: `d^(1/1000)`, `d^(1/2) log(d)` (`d^\(exponent)` printed
    /// `d^d^(1/2) log(d)` and `d^1/1000`).
    var order: String { widthOrder(value, logPower: logPower) }

    /// A rational in machine integers while it fits.
    fileprivate enum Number: Sendable {
        case small(SmallRational)
        case big(BigRational)

        init(_ q: BigRational) {
            if let (p, d) = q.smallParts, let small = SmallRational(p, d) { self = .small(small) } else { self = .big(q) }
        }

        var exact: BigRational {
            switch self {
            case .small(let q): return q.exact
            case .big(let q): return q
            }
        }

        var sign: Int {
            switch self {
            case .small(let q): return q.sign
            case .big(let q): return q.sign
            }
        }

        var negated: Number {
            if case .small(let q) = self { return .small(SmallRational(-q.numerator, q.denominator)!) }
            return .big(-exact)
        }

        static func + (a: Number, b: Number) -> Number {
            if case .small(let x) = a, case .small(let y) = b, let sum = x + y { return .small(sum) }
            return Number(a.exact + b.exact)
        }

        static func * (a: Number, b: Number) -> Number {
            if case .small(let x) = a, case .small(let y) = b, let product = x * y { return .small(product) }
            return Number(a.exact * b.exact)
        }
    }

    /// An affine form of the exponent symbols: in machine integers over the trace's symbols, or in rationals.
    enum Form: Sendable {
        case integers(IntegerForm)
        case rational(AffineExponent)

        var integers: IntegerForm? {
            if case .integers(let form) = self { return form }
            return nil
        }

        var symbols: SymbolOrder? { integers?.symbols }

        var isConstant: Bool {
            switch self {
            case .integers(let form): return form.isConstant
            case .rational(let form): return form.isConstant
            }
        }

        var affine: AffineExponent {
            switch self {
            case .integers(let form): return form.affine
            case .rational(let form): return form
            }
        }

        var negated: Form {
            if case .integers(let form) = self, let negated = form.negated { return .integers(negated) }
            return .rational(-affine)
        }

        fileprivate func scaled(by factor: Number) -> Form {
            if case .integers(let form) = self, case .small(let q) = factor, let scaled = form.scaled(by: q) { return .integers(scaled) }
            return .rational(affine.scaled(by: factor.exact))
        }
    }
}

/// The exponent symbols of a traced expansion in a fixed order, shared by its integer forms.
final class SymbolOrder: Sendable {
    let names: [String]
    init(_ names: [String]) { self.names = names }
}

/// An affine form `(numerators[0] + sum numerators[i + 1] x_i) / denominator` over `symbols.names`, in
/// machine integers (denominator positive, the parts without a common factor); operations return nil
/// where an intermediate would overflow.
struct IntegerForm: Sendable {
    let symbols: SymbolOrder
    let numerators: [Int]
    let denominator: Int

    private init?(symbols: SymbolOrder, numerators: [Int], denominator: Int) {
        guard denominator > 0, !numerators.contains(.min) else { return nil }
        let g = numerators.reduce(denominator) { gcd(Swift.abs($1), $0) }
        self.symbols = symbols
        self.numerators = g > 1 ? numerators.map { $0 / g } : numerators
        self.denominator = denominator / g
    }

    /// nil when the form uses another symbol or its coefficients do not fit.
    init?(_ form: AffineExponent, symbols: SymbolOrder) {
        guard form.symbols.allSatisfy(symbols.names.contains),
              let (integers, denominator) = overCommonDenominator([form.constant] + symbols.names.map { form.coefficient(of: $0) })
        else { return nil }
        self.init(symbols: symbols, numerators: integers, denominator: denominator)
    }

    var isConstant: Bool { numerators.dropFirst().allSatisfy { $0 == 0 } }

    var negated: IntegerForm? { IntegerForm(symbols: symbols, numerators: numerators.map { -$0 }, denominator: denominator) }

    /// `a + sign * b` for sign +1 or -1, both over `symbols` (nil when a form is over others).
    static func combine(_ a: IntegerOperand, _ b: IntegerOperand, sign: Int, symbols: SymbolOrder) -> IntegerForm? {
        guard a.isOver(symbols), b.isOver(symbols) else { return nil }
        let g = gcd(a.denominator, b.denominator)
        let (left, right) = (b.denominator / g, sign * (a.denominator / g))
        let (denominator, overflow) = a.denominator.multipliedReportingOverflow(by: left)
        guard !overflow else { return nil }
        var numerators = [Int](repeating: 0, count: symbols.names.count + 1)
        for i in numerators.indices {
            let (x, o1) = a.numerator(i).multipliedReportingOverflow(by: left)
            let (y, o2) = b.numerator(i).multipliedReportingOverflow(by: right)
            let (sum, o3) = x.addingReportingOverflow(y)
            guard !(o1 || o2 || o3) else { return nil }
            numerators[i] = sum
        }
        return IntegerForm(symbols: symbols, numerators: numerators, denominator: denominator)
    }

    func scaled(by factor: SmallRational) -> IntegerForm? {
        var numerators = numerators
        for i in numerators.indices {
            let (x, overflow) = numerators[i].multipliedReportingOverflow(by: factor.numerator)
            guard !overflow else { return nil }
            numerators[i] = x
        }
        let (denominator, overflow) = denominator.multipliedReportingOverflow(by: factor.denominator)
        return overflow ? nil : IntegerForm(symbols: symbols, numerators: numerators, denominator: denominator)
    }

    /// The hyperplane of `a - b` (as `combine(a, b, sign: -1, symbols:)?.hyperplane` gives it, nil inside for a
    /// constant difference) without forming the difference; nil when an intermediate would overflow.
    static func differencePlane(_ a: IntegerOperand, _ b: IntegerOperand, symbols: SymbolOrder) -> (plane: Hyperplane?, orientation: Int)? {
        guard a.isOver(symbols), b.isOver(symbols) else { return nil }
        let g = gcd(a.denominator, b.denominator)
        let (left, right) = (b.denominator / g, -(a.denominator / g))
        guard !a.denominator.multipliedReportingOverflow(by: left).overflow else { return nil }
        var constant = 0, common = 0
        var coefficients: [Int] = []
        coefficients.reserveCapacity(symbols.names.count)
        for i in 0 ... symbols.names.count {
            let (x, o1) = a.numerator(i).multipliedReportingOverflow(by: left)
            let (y, o2) = b.numerator(i).multipliedReportingOverflow(by: right)
            let (sum, o3) = x.addingReportingOverflow(y)
            guard !(o1 || o2 || o3), sum != .min else { return nil }
            if i == 0 { constant = sum } else { coefficients.append(sum) }
            common = gcd(Swift.abs(sum), common)
        }
        guard let first = coefficients.first(where: { $0 != 0 }) else { return (nil, 1) }
        let orientation = first < 0 ? -1 : 1
        let factor = common * orientation
        for i in coefficients.indices { coefficients[i] /= factor }
        return (Hyperplane(constant: constant / factor, coefficients: coefficients), orientation)
    }

    var affine: AffineExponent {
        AffineExponent(BigRational(numerators[0], denominator),
                       zip(symbols.names, numerators.dropFirst()).map { ($0, BigRational($1, denominator)) })
    }

    /// The hyperplane `form = 0` with its coefficients made coprime and the first nonzero one positive,
    /// and the sign that turns the form's sign into the hyperplane's.
    var hyperplane: (plane: Hyperplane, orientation: Int) {
        let orientation = (numerators.dropFirst().first { $0 != 0 } ?? numerators[0]) < 0 ? -1 : 1
        let g = numerators.reduce(0) { gcd(Swift.abs($1), $0) }
        let oriented = numerators.map { $0 / g * orientation }
        return (Hyperplane(constant: oriented[0], coefficients: Array(oriented.dropFirst())), orientation)
    }
}

/// An operand of `IntegerForm.combine` and `IntegerForm.differencePlane`: a form, or a constant exponent
/// read as the form with the constant and zero coefficients (so that no array of zeros is made for it).
enum IntegerOperand {
    case form(IntegerForm)
    case constant(SmallRational)

    var denominator: Int {
        switch self {
        case .form(let f): return f.denominator
        case .constant(let q): return q.denominator
        }
    }

    /// Numerator `i` over `denominator`: the constant at 0, then one coefficient per symbol.
    func numerator(_ i: Int) -> Int {
        switch self {
        case .form(let f): return f.numerators[i]
        case .constant(let q): return i == 0 ? q.numerator : 0
        }
    }

    /// Whether the operand can be read over `symbols` (a constant over any).
    func isOver(_ symbols: SymbolOrder) -> Bool {
        if case .form(let f) = self { return f.symbols === symbols }
        return true
    }
}

/// The point-dependent decisions of one expansion: the sign of each affine form it compared.
///
/// Used by one expansion on one thread, then read once by `AnalysisCache.insert`.
final class ExponentTrace: @unchecked Sendable {
    /// The order of symbols of the hyperplanes.
    let symbols: SymbolOrder
    /// The hyperplane of each compared form (see `IntegerForm.hyperplane`) -> the form's sign at the traced point.
    private(set) var signs: [Hyperplane: Int] = [:]
    /// False once a compared form did not fit machine integers: then the trace does not describe a cell.
    private(set) var isComplete = true

    init(symbols: [String]) { self.symbols = SymbolOrder(symbols) }

    /// Records that an affine form whose hyperplane is `plane` has sign `sign` (oriented as the plane).
    func record(_ plane: Hyperplane, sign: Int) { signs[plane] = sign }

    func record(_ difference: Exponent.Form, sign: Int) {
        guard !difference.isConstant else { return }
        guard let form = difference.integers ?? IntegerForm(difference.affine, symbols: symbols) else {
            isComplete = false
            return
        }
        let (plane, orientation) = form.hyperplane
        record(plane, sign: sign * orientation)
    }
}
