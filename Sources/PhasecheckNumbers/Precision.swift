/// Decimal digits and binary precision, and the one way certified code raises its working precision.
///
/// Conversions go through log2(10): `bits(forDigits:)` rounds up (enough bits to hold the digits),
/// `digits(forBits:)` rounds down (the digits the bits surely hold). Raising precision follows Arb's advice:
/// start a few guard bits above what the digits need and double until the result is decided or a cap is
/// reached (`Escalation`). Every conversion between digits and bits, and every precision-raising loop,
/// goes through this type.
public enum Precision {
    /// log2(10): bits per decimal digit.
    public static let bitsPerDigit = 3.3219280948873623
    /// log10(2): decimal digits per bit.
    public static let digitsPerBit = 0.30102999566398120
    /// ln(10), which turns natural logarithms into decimal ones.
    public static let ln10 = 2.302585092994045684

    /// Bits for `digits` decimal digits, unrounded (for callers that add fractional tolerances).
    public static func bits(forDigits digits: Double) -> Double { digits * bitsPerDigit }

    /// Bits that hold `digits` significant decimal digits, rounded up.
    public static func bits(forDigits digits: Int) -> Int { Int(bits(forDigits: Double(digits)).rounded(.up)) }

    /// Decimal digits that `bits` bits hold, unrounded.
    public static func digits(forBits bits: Double) -> Double { bits * digitsPerBit }

    /// Decimal digits that `bits` bits surely hold, rounded toward zero.
    public static func digits(forBits bits: Int) -> Int { Int(digits(forBits: Double(bits))) }

    /// The default cap of `Escalation.certifying(digits:)`, in bits.
    public static let certificationCap = 1 << 17

    /// log10(x) from ln(x).
    public static func decimalLog(natural ln: Double) -> Double { ln / ln10 }

    /// Working precisions `start`, `2 start`, `4 start`, ... up to `cap` bits: the one escalation loop
    /// (`for bits in escalation { ... }`), with `canRaise(from:)` for a body that must know whether a
    /// higher precision is still to come.
    public struct Escalation: Sequence, Sendable {
        public let start: Int
        public let cap: Int

        /// A cap below the start is raised to it: one attempt at the start always happens.
        public init(start: Int, cap: Int) {
            self.start = start
            self.cap = Swift.max(cap, start)
        }

        /// Starts `guardBits` above the bits `digits` decimal digits need.
        public init(digits: Int, guardBits: Int, cap: Int) {
            self.init(start: Precision.bits(forDigits: digits) + guardBits, cap: cap)
        }

        /// The policy for certifying `digits` significant digits of one value: 32 guard bits, and by default
        /// `certificationCap`, past which a value is taken to be undecidable (an exact zero, a rounding boundary).
        public static func certifying(digits: Int, cap: Int = certificationCap) -> Escalation {
            Escalation(digits: digits, guardBits: 32, cap: cap)
        }

        /// Whether the precision after `bits` is still within the cap.
        public func canRaise(from bits: Int) -> Bool { bits * 2 <= cap }

        /// The same start with the cap lowered to `doublings` doublings of it (never raised).
        public func limited(toDoublings doublings: Int) -> Escalation {
            Escalation(start: start, cap: Swift.min(cap, start << doublings))
        }

        /// Runs `attempt` at each precision until it returns a result; at the last one (`isLast`: the cap
        /// allows no further doubling) it must return one.
        public func first<Result>(_ attempt: (_ bits: Int, _ isLast: Bool) throws -> Result?) rethrows -> Result {
            for bits in self {
                if let result = try attempt(bits, !canRaise(from: bits)) { return result }
            }
            preconditionFailure("the attempt at the last precision, \(cap) bits or below, returns a result")
        }

        public func makeIterator() -> Iterator { Iterator(bits: start, cap: cap) }

        public struct Iterator: IteratorProtocol {
            var bits: Int
            let cap: Int

            public mutating func next() -> Int? {
                guard bits <= cap else { return nil }
                defer { bits *= 2 }
                return bits
            }
        }
    }
}
