import Foundation
import PhasecheckDerivations
import PhasecheckExpressions
import PhasecheckNumbers
@testable import PhasecheckVerify
import Testing

/// `solve --steps` on a vector gradient descent whose interval boxes wrap (issue 12): the precision after an
/// attempt whose values kept some bits is the one their loss predicts, and the values are still every digit right.
struct IterationPrecisionTests {
    static let file = GradientDescentTests.root.appendingPathComponent("derivations/large/xu_ziyin_gd_six_parameterizations.phc")

    /// Xavier at d = 20, 400 steps: a first-order model of the boxes' radii (the tape's interval step, in
    /// float64) loses 241 bits to wrapping, so 163 bits keep nothing, 326 keep about 85 (short of 30 digits),
    /// and the prediction, 99 + 241 + 32 bits, decides. zeta = K/K0 - 1 at step 400 from mpmath at 60 and 120
    /// digits (Benchmarks/gd_six_benchmark_reference.py's run_mpmath, the file's seeded draws):
    /// 2.9131522295421155713205936299177574332626897234180568526366.
    @Test func aWrappingIterationIsCertifiedAtThePredictedPrecision() throws {
        let derivation = try DerivationParser.parse(String(contentsOf: Self.file, encoding: .utf8), file: Self.file.path)
        let model = try Model(derivation, scenario: "Xavier", overrides: [(name: "d", value: .number(20))])
        let rows = try Solver(model: model, digits: 30, method: .closed).rows(atSteps: [400])
        let zeta = try #require(rows[0].quantities.first { $0.name == "zeta" }?.values.first)
        guard case .digits(let text, _) = zeta else { Issue.record("zeta at step 400 is not certified: \(zeta)"); return }
        #expect("2.9131522295421155713205936299177574".hasPrefix(text.dropLast()), "\(text)")
        #expect(text.count >= 31)
    }

    @Test func theNextPrecisionFollowsTheBitsLost() {
        func value(keeping kept: Int, of bits: Int) -> BigInterval {
            let x = BigFloat(3, precision: bits)
            let radius = BigFloat.scaled(BigFloat(3, precision: bits), byPowerOfTwo: -kept - 1)
            return BigInterval(lower: x - radius, upper: x + radius)
        }
        // 30 digits need 100 bits: 100 + (326 - 85) + 32.
        #expect(Solver.nextBits(after: 326, digits: 30, undetermined: [value(keeping: 85, of: 326), value(keeping: 200, of: 326)]) == 373)
        // A value that kept nothing, or a prediction no lower than doubling: double.
        #expect(Solver.nextBits(after: 163, digits: 30, undetermined: [value(keeping: 85, of: 163), BigInterval.entire(precision: 163)]) == 326)
        #expect(Solver.nextBits(after: 163, digits: 30, undetermined: [value(keeping: 20, of: 163)]) == 100 + 143 + 32)
        #expect(Solver.nextBits(after: 200, digits: 60, undetermined: [value(keeping: 10, of: 200)]) == 400)
    }
}
