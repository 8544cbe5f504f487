@testable import PhasecheckAsymptotics
import PhasecheckNumbers
import Testing

/// `SeriesArithmetic.multiply` takes a shortcut when one factor is a constant c d^0 (no sort, no
/// comparisons of the products): its result must be the general product's, which a monomial c d^e takes,
/// shifted back by -e (exponents and coefficients exactly, remainder, truncation to the depth and term cap).
@Suite struct SeriesProductTests {
    static func randomSeries(_ g: inout SplitMix64) -> Series {
        // Distinct descending exponents in steps of 1/4 or 1/3, exact coefficients, sometimes a remainder.
        var exponent = BigRational(Int.random(in: -4...4, using: &g), 4)
        var terms: [Series.Term] = []
        for _ in 0..<Int.random(in: 1...30, using: &g) {
            terms.append((Exponent(exponent), .exact(BigRational(Int.random(in: 1...50, using: &g) * (Bool.random(using: &g) ? 1 : -1), Int.random(in: 1...9, using: &g)))))
            exponent = exponent - BigRational(1, Bool.random(using: &g) ? 4 : 3)
        }
        let remainder = Bool.random(using: &g) ? Exponent(exponent) : nil
        return Series(terms: terms, remainder: remainder)
    }

    static func same(_ a: Series, _ b: Series) -> Bool {
        a.terms.count == b.terms.count && a.remainder?.value == b.remainder?.value
            && zip(a.terms, b.terms).allSatisfy { $0.exponent.value == $1.exponent.value && $0.coefficient.exactValue == $1.coefficient.exactValue }
    }

    @Test func aConstantFactorGivesTheGeneralProduct() {
        var g = SplitMix64(seed: 151)
        for depth in [BigRational(1), 2, 8] {
            let arithmetic = SeriesArithmetic(precision: 128, depth: depth)
            for _ in 0..<200 {
                let s = Self.randomSeries(&g)
                let c = BigRational(Int.random(in: -20...20, using: &g) | 1, Int.random(in: 1...7, using: &g))
                let shift = Exponent(BigRational(1, 7))
                let general = arithmetic.multiply(.monomial(.exact(c), shift), s).shifted(by: -shift, scaledBy: .one, precision: 128)
                #expect(Self.same(arithmetic.multiply(.constant(.exact(c)), s), general))
                #expect(Self.same(arithmetic.multiply(s, .constant(.exact(c))), general))
            }
        }
    }
}
