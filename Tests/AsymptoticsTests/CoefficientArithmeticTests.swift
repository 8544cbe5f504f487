@testable import PhasecheckAsymptotics
import PhasecheckNumbers
import Testing

/// Exact coefficients are kept in machine integers while they fit (`Coefficient.small`) and in GMP otherwise
/// (`big`): every operation must give the GMP rational's result, the independent value here, including
/// where a numerator or denominator passes `Int.max` and back.
@Suite struct CoefficientArithmeticTests {
    /// `c` holds exactly `q`, in machine integers exactly when `q`'s parts fit.
    static func holds(_ c: Coefficient, _ q: BigRational) -> Bool {
        guard c.exactValue == q else { return false }
        switch c {
        case .small: return q.smallParts != nil
        case .big: return q.smallParts == nil || SmallRational(q.smallParts!.numerator, q.smallParts!.denominator) == nil
        case .approximate: return false
        }
    }

    @Test func exactArithmeticIsGMPs() throws {
        var g = SplitMix64(seed: 1512)
        let large = [Int.max, Int.max - 1, 1 << 62, (1 << 31) + 11, 3_037_000_499, 3_037_000_500]
        func random() -> BigRational {
            let n = Bool.random(using: &g) ? large.randomElement(using: &g)! : Int.random(in: -1000...1000, using: &g)
            let d = Bool.random(using: &g) ? large.randomElement(using: &g)! : Int.random(in: 1...1000, using: &g)
            let q = BigRational(Bool.random(using: &g) ? n : -n, d)
            // Sometimes past Int: a product of two large parts.
            return Int.random(in: 0..<6, using: &g) == 0 ? q * BigRational(Int.max) : q
        }
        for _ in 0..<3000 {
            let x = random(), y = random()
            let a = Coefficient.exact(x), b = Coefficient.exact(y)
            #expect(Self.holds(a, x) && Self.holds(b, y))
            #expect(Self.holds(Coefficient.add(a, b, precision: 128), x + y), "\(x) + \(y)")
            #expect(Self.holds(Coefficient.multiply(a, b, precision: 128), x * y), "\(x) * \(y)")
            #expect(Self.holds(a.negated(), -x))
            if !x.isZero { #expect(Self.holds(a.reciprocal(precision: 128), BigRational(1) / x)) }
            #expect(a.sign == x.sign && a.isExactZero == x.isZero)
            #expect(a.value(precision: 200) == BigFloat(x, precision: 200))
        }
        // A square root of a perfect square stays exact.
        let root = try Coefficient.exact(BigRational(9, 4)).power(BigRational(1, 2), precision: 128)
        #expect(Self.holds(root, BigRational(3, 2)))
    }
}
