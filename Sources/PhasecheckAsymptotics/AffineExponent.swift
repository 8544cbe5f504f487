import PhasecheckNumbers

/// An affine form `c + a_1 x_1 + ... + a_n x_n` over named exponent symbols (alpha, b_u, c_w, ...) with
/// exact rational coefficients: the exponent of d of a product of powers d^(x_i).
///
/// Symbols keep the order in which they first appeared, so that a form prints the way it was built
/// (`1 - alpha - b_u - b_w`); equality and hashing ignore that order.
public struct AffineExponent: Hashable, Sendable, CustomStringConvertible {
    public private(set) var constant: BigRational
    /// Nonzero coefficients in display order.
    public private(set) var terms: [(symbol: String, coefficient: BigRational)]

    public init(_ constant: BigRational = 0, _ terms: [(symbol: String, coefficient: BigRational)] = []) {
        self.constant = constant
        self.terms = []
        for (symbol, coefficient) in terms { add(coefficient, symbol) }
    }

    /// The form `1 * symbol`.
    public static func symbol(_ name: String) -> AffineExponent { AffineExponent(0, [(name, 1)]) }

    public var isConstant: Bool { terms.isEmpty }
    public var symbols: [String] { terms.map(\.symbol) }

    public func coefficient(of symbol: String) -> BigRational {
        terms.first { $0.symbol == symbol }?.coefficient ?? 0
    }

    private mutating func add(_ coefficient: BigRational, _ symbol: String) {
        if let i = terms.firstIndex(where: { $0.symbol == symbol }) {
            let sum = terms[i].coefficient + coefficient
            if sum.isZero { terms.remove(at: i) } else { terms[i].coefficient = sum }
        } else if !coefficient.isZero {
            terms.append((symbol, coefficient))
        }
    }

    public static func + (a: AffineExponent, b: AffineExponent) -> AffineExponent {
        var r = a
        r.constant = a.constant + b.constant
        for (symbol, coefficient) in b.terms { r.add(coefficient, symbol) }
        return r
    }

    public static prefix func - (a: AffineExponent) -> AffineExponent { a.scaled(by: -1) }
    public static func - (a: AffineExponent, b: AffineExponent) -> AffineExponent { a + (-b) }

    public func scaled(by factor: BigRational) -> AffineExponent {
        if factor.isZero { return AffineExponent(0) }
        return AffineExponent(constant * factor, terms.map { ($0.symbol, $0.coefficient * factor) })
    }

    /// The part made of the constant (if kept) and the symbols for which `keep` holds.
    func restricted(keepingConstant keepConstant: Bool, symbols keep: (String) -> Bool) -> AffineExponent {
        AffineExponent(keepConstant ? constant : 0, terms.filter { keep($0.symbol) })
    }

    /// The value at a point; a symbol missing from `values` is an error naming it.
    public func value(at values: [String: BigRational]) throws -> BigRational {
        if let small = try smallValue(at: values) { return small }
        var total = constant
        for (symbol, coefficient) in terms {
            guard let x = values[symbol] else { throw ExponentError.missingValue(symbol) }
            total = total + coefficient * x
        }
        return total
    }

    /// The value in machine integers, when every rational involved and every intermediate fits (the
    /// common case, which then allocates nothing until the result); nil otherwise.
    private func smallValue(at values: [String: BigRational]) throws -> BigRational? {
        guard var (numerator, denominator) = constant.smallParts else { return nil }
        for (symbol, coefficient) in terms {
            guard let x = values[symbol] else { throw ExponentError.missingValue(symbol) }
            guard let (a, b) = coefficient.smallParts, let (p, q) = x.smallParts else { return nil }
            // n/d + (a p)/(b q) = (n b q + a p d) / (d b q)
            let (ap, o1) = a.multipliedReportingOverflow(by: p), (bq, o2) = b.multipliedReportingOverflow(by: q)
            let (left, o3) = numerator.multipliedReportingOverflow(by: bq), (right, o4) = ap.multipliedReportingOverflow(by: denominator)
            let (sum, o5) = left.addingReportingOverflow(right), (product, o6) = denominator.multipliedReportingOverflow(by: bq)
            guard !(o1 || o2 || o3 || o4 || o5 || o6), sum != .min else { return nil }
            let g = gcd(Swift.abs(sum), product)
            (numerator, denominator) = g > 1 ? (sum / g, product / g) : (sum, product)
        }
        return BigRational(numerator, denominator)
    }

    /// `self` or `-self`, chosen so that `|a|` and `|-a|` normalise to the same form: the coefficient of
    /// the alphabetically first symbol (or else the constant) is made nonnegative.
    var signNormalized: (form: AffineExponent, sign: Int) {
        let leading = terms.min { $0.symbol < $1.symbol }?.coefficient ?? constant
        return leading.sign < 0 ? (-self, -1) : (self, 1)
    }

    public static func == (a: AffineExponent, b: AffineExponent) -> Bool {
        a.constant == b.constant && a.terms.count == b.terms.count
            && a.terms.allSatisfy { b.coefficient(of: $0.symbol) == $0.coefficient }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(constant)
        for (symbol, coefficient) in terms.sorted(by: { $0.symbol < $1.symbol }) {
            hasher.combine(symbol)
            hasher.combine(coefficient)
        }
    }

    /// `1 - alpha - b_u - b_w`, `c_u - 2 b_w`, `1/2 alpha`, `0`.
    public var description: String { ExponentText.join(signedPieces) }

    /// The form as signed pieces (`(+1, "2 alpha")`), for printers that combine several forms.
    var signedPieces: [(sign: Int, body: String)] {
        var pieces: [(sign: Int, body: String)] = []
        if !constant.isZero { pieces.append((constant.sign, constant.magnitude.description)) }
        for (symbol, coefficient) in terms {
            let m = coefficient.magnitude
            pieces.append((coefficient.sign, m == 1 ? symbol : "\(m) \(symbol)"))
        }
        return pieces
    }
}

public enum ExponentError: Error, Equatable, CustomStringConvertible {
    case missingValue(String)
    public var description: String {
        switch self {
        case .missingValue(let s): return "no value given for the exponent symbol `\(s)`"
        }
    }
}

/// Joins signed pieces into `a - b + c` text.
enum ExponentText {
    static func join(_ pieces: [(sign: Int, body: String)]) -> String {
        guard let first = pieces.first else { return "0" }
        var text = (first.sign < 0 ? "-" : "") + first.body
        for (sign, body) in pieces.dropFirst() { text += (sign < 0 ? " - " : " + ") + body }
        return text
    }
}

/// The greatest common divisor of a nonnegative and a positive integer.
func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
