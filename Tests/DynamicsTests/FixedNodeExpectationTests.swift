import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckNumbers
import Testing

/// Fixed-node sums for expectations of a state without a closed form, their bound holding for every state, against
/// mpmath (quad at 40 digits, run for this test:
///   E tanh(c + xi/2), xi ~ N(0, 1): c = 1 0.6890749629397530340274385534, c = 1/5 0.1639765546497321888936712857,
///   c = -3 -0.9919147051447701358986341652;
///   E tanh(2 + u), u ~ U(-1, 1): 0.93777383704737897654356643784260927 (= (log cosh 3 - log cosh 1)/2);
///   E sin(1 + xi/2): 0.74259553770777780162034548398302333 (= e^(-1/8) sin 1)).
@Suite struct FixedNodeExpectationTests {
    static let entire = BigInterval.entire(precision: 128)

    static func rule(_ integrand: String, _ variable: String, _ law: Distribution, digits: Int) throws -> FixedNodeExpectation {
        let f = try ExpressionParser.parse(integrand)
        return try FixedNodeExpectation(integrand: f, variable: variable, law: law, inputs: ["c"], box: [entire],
                                        tolerance: BigRational(1, 10).power(digits))
    }

    /// Q(c) in interval arithmetic at 200 bits.
    static func sum(_ rule: FixedNodeExpectation, at c: BigRational) throws -> BigInterval {
        var evaluator = TapeEvaluator(tape: try Tape(compiling: [rule.sum], inputs: [(name: "c", shape: .scalar)]), context: IntervalContext(precision: 200))
        return evaluator.evaluate([BigInterval(c, precision: 200)])[0][0]
    }

    static func isWithinBound(_ rule: FixedNodeExpectation, at c: BigRational, of reference: String, shift: BigRational = 0) throws -> Bool {
        let q = try sum(rule, at: c)
        let exact = BigInterval(BigFloat(reference, precision: 200)!) + BigInterval(shift, precision: 200)
        let gap = BigFloat.max(BigFloat.abs(q.upper - exact.lower), BigFloat.abs(exact.upper - q.lower))
        // The references are good to 1e-27 or better, far below the bounds.
        return gap <= rule.errorBound + BigFloat(BigRational(1, 10).power(27), precision: 64)
    }

    static let normal = Distribution.normal(mean: .number(0), standardDeviation: .number(1))

    @Test(arguments: [(BigRational(1), "0.6890749629397530340274385534"), (BigRational(1, 5), "0.1639765546497321888936712857"),
                      (BigRational(-3), "-0.9919147051447701358986341652")])
    func aNoisyTanhUnitsDriftIsWithinItsBound(c: BigRational, reference: String) throws {
        let rule = try Self.rule("tanh(c + xi/2)", "xi", Self.normal, digits: 15)
        #expect(rule.errorBound <= BigFloat(BigRational(1, 10).power(15), precision: 64), "\(rule.errorBound)")
        #expect(rule.nodeCount < 250, "\(rule.nodeCount) nodes")   // 216 when written
        #expect(try Self.isWithinBound(rule, at: c, of: reference))
        // Planted: the value off by 10^-13, far beyond the bound, is told apart.
        #expect(try !Self.isWithinBound(rule, at: c, of: reference, shift: BigRational(1, 10).power(13)))
    }

    @Test func uniformAndPeriodicIntegrandsAreWithinTheirBounds() throws {
        let uniform = try Self.rule("tanh(c + u)", "u", .uniform(lower: .number(-1), upper: .number(1)), digits: 15)
        #expect(try Self.isWithinBound(uniform, at: 2, of: "0.93777383704737897654356643784260927"))
        #expect(try !Self.isWithinBound(uniform, at: 2, of: "0.93777383704737897654356643784260927", shift: BigRational(1, 10).power(13)))
        let periodic = try Self.rule("sin(c + xi/2)", "xi", Self.normal, digits: 15)
        #expect(try Self.isWithinBound(periodic, at: 1, of: "0.74259553770777780162034548398302333"))
    }

    /// An integrand that grows like a power of the variable (xi tanh(c + xi/2), a feature times its input) was refused,
    /// "no finite bound on the tails": each tail is now bounded by |z|^n |I| (`TailGrowth`) times E[|z|^n ; z >= L], the cut
    /// raised until that moment is below a quarter of the tolerance. References (mpmath quad at 50 digits, run for this
    /// test): E xi tanh(c + xi/2) = 0.2315159672331682412284458759869027 at c = 1, 0.007999434644702048564944669790333999
    /// at c = -3; E xi^2 tanh(1/5 + xi) = 0.0488466928461401459232693244977455. A growth faster than every power is refused.
    @Test func anIntegrandGrowingLikeAPowerIsWithinItsBound() throws {
        let linear = try Self.rule("xi*tanh(c + xi/2)", "xi", Self.normal, digits: 15)
        #expect(linear.errorBound <= BigFloat(BigRational(1, 10).power(15), precision: 64), "\(linear.errorBound)")
        for (c, reference) in [(BigRational(1), "0.2315159672331682412284458759869027"), (BigRational(-3), "0.007999434644702048564944669790333999")] {
            #expect(try Self.isWithinBound(linear, at: c, of: reference))
            #expect(try !Self.isWithinBound(linear, at: c, of: reference, shift: BigRational(1, 10).power(13)))
        }
        let square = try Self.rule("xi^2*tanh(c + xi)", "xi", Self.normal, digits: 15)
        #expect(try Self.isWithinBound(square, at: BigRational(1, 5), of: "0.0488466928461401459232693244977455"))
        #expect(try !Self.isWithinBound(square, at: BigRational(1, 5), of: "0.0488466928461401459232693244977455", shift: BigRational(1, 10).power(13)))
        #expect(throws: ExpectationQuadratureError.self) { try Self.rule("exp(xi^2/2)*tanh(c + xi)", "xi", Self.normal, digits: 10) }
    }

    /// An integrand that grows with the state has no bound over every state: refused, saying where.
    @Test func anUnboundedIntegrandIsRefused() throws {
        #expect(throws: ExpectationQuadratureError.self) { try Self.rule("c*tanh(xi)", "xi", Self.normal, digits: 10) }
    }

    /// A jump at a fixed place is split off: each side takes its own pieces, a gap far below the tolerance around the
    /// place bounded by |f| there. References (mpmath quad at 40 digits, split at the jump, run for this test):
    /// E sign(xi - 1/3) tanh(1/2 + xi) = 0.3471853717324295721618773892195 (the jump inside a piece),
    /// E sign(xi) tanh(1/2 + xi) = 0.4981728803289739315910742205733 (at a boundary of the first pieces),
    /// E sign(xi - 40) tanh(1/2 + xi) = -0.29545287705173737015474734326654 (in the tail: no split),
    /// E sign(u - 1/4) tanh(1/2 + u), u ~ U(-1, 1) = 0.22951124156323003690447789835418
    /// (= (log cosh(3/2) - 2 log cosh(3/4) + log cosh(-1/2))/2, quad agrees).
    @Test(arguments: [("sign(xi - 1/3)*tanh(c + xi)", "0.3471853717324295721618773892195"),
                      ("sign(xi)*tanh(c + xi)", "0.4981728803289739315910742205733"),
                      ("sign(xi - 40)*tanh(c + xi)", "-0.29545287705173737015474734326654")])
    func aJumpAtAFixedPlaceIsSplitOff(integrand: String, reference: String) throws {
        let rule = try Self.rule(integrand, "xi", Self.normal, digits: 12)
        #expect(rule.errorBound <= BigFloat(BigRational(1, 10).power(12), precision: 64), "\(rule.errorBound)")
        #expect(try Self.isWithinBound(rule, at: BigRational(1, 2), of: reference))
        // Planted: off by 10^-10, far beyond the bound.
        #expect(try !Self.isWithinBound(rule, at: BigRational(1, 2), of: reference, shift: BigRational(1, 10).power(10)))
    }

    @Test func aJumpInsideAndOutsideTheUniformSupport() throws {
        let inside = try Self.rule("sign(u - 1/4)*tanh(c + u)", "u", .uniform(lower: .number(-1), upper: .number(1)), digits: 12)
        #expect(try Self.isWithinBound(inside, at: BigRational(1, 2), of: "0.22951124156323003690447789835418"))
        #expect(try !Self.isWithinBound(inside, at: BigRational(1, 2), of: "0.22951124156323003690447789835418", shift: BigRational(1, 10).power(10)))
        // Outside the support the sign is -1 throughout: minus E tanh(2 + u) (the reference above).
        let outside = try Self.rule("sign(u - 2)*tanh(c + u)", "u", .uniform(lower: .number(-1), upper: .number(1)), digits: 12)
        #expect(try Self.isWithinBound(outside, at: 2, of: "-0.93777383704737897654356643784260927"))
    }

    /// A kink at the zeros of a quadratic in the variable is split at both: E sign(xi^2 - 1) tanh(1/2 + xi) =
    /// -0.2212320337149511674789575530267529 (mpmath quad split at -1 and 1, 40 digits), and its twin 10^-10 off is not.
    @Test func aQuadraticKinkIsSplitAtBothZeros() throws {
        let rule = try Self.rule("sign(xi^2 - 1)*tanh(c + xi)", "xi", Self.normal, digits: 12)
        #expect(try Self.isWithinBound(rule, at: BigRational(1, 2), of: "-0.2212320337149511674789575530267529"))
        #expect(try !Self.isWithinBound(rule, at: BigRational(1, 2), of: "-0.2212320337149511674789575530267529", shift: BigRational(1, 10).power(10)))
    }

    /// A kink that moves with the state, or whose place is not affine or quadratic in the variable, is refused with the reason.
    @Test(arguments: ["max(c + xi, 0)*tanh(xi)", "sign(xi^3 - 1)*tanh(c + xi)", "abs(c)*tanh(xi)"])
    func aKinkThatIsNotAtAFixedPlaceIsRefused(integrand: String) throws {
        #expect(throws: ExpectationQuadratureError.self) { try Self.rule(integrand, "xi", Self.normal, digits: 8) }
    }
}
