import PhasecheckTestSupport
import PhasecheckAsymptotics
import PhasecheckExpressions
import PhasecheckNumbers
import PropertyBased
import Testing

private func sym(_ s: String) -> PiecewiseLinearExponent { .symbol(s) }
private let eGamma = 1 - sym("alpha") - sym("b_u") - sym("b_w")
private let eX = sym("c_u") - sym("c_w") + sym("b_u").scaled(by: 2) - sym("b_w").scaled(by: 2)
private let symbols = ["alpha", "b_u", "b_w", "c_u", "c_w"]

/// Checks two piecewise-linear functions agree at many rational points.
private func expectEquivalent(_ a: PiecewiseLinearExponent, _ b: PiecewiseLinearExponent) async {
    await seededPropertyCheck(count: 200, input: Gen.int(in: -12...12).array(of: 5)) { values in
        let point = Dictionary(uniqueKeysWithValues: zip(symbols, values.map { BigRational($0, 4) }))
        #expect((try? a.value(at: point)) == (try? b.value(at: point)), "\(a) vs \(b) at \(point)")
    }
}

@Suite struct SymbolicExponentTests {
    @Test func algebraPrintsReadably() {
        #expect(eGamma.description == "1 - alpha - b_u - b_w")
        #expect(PiecewiseLinearExponent.max(sym("c_u") - sym("b_w").scaled(by: 2), sym("c_w") - sym("b_u").scaled(by: 2)).description
                == "max(c_u - 2 b_w, c_w - 2 b_u)")
        let eR = eGamma.scaled(by: -2) - .abs(eX)
        #expect(eR.description == "-2 + 2 alpha + 2 b_u + 2 b_w - |c_u - c_w + 2 b_u - 2 b_w|")
        // x - 2 max(0, x) = -|x|
        let x = sym("x")
        #expect((x - .max(0, x).scaled(by: 2)).description == "-|x|")
        #expect(PiecewiseLinearExponent.max([sym("a"), sym("b"), sym("a") - 1]).description == "max(a, b)")
    }

    @Test func sumOfSymbolicPowersTakesTheMax() async throws {
        let limit = WidthLimit(scalings: ["x": .power(of: "a"), "y": .power(of: "b")])
        let order = try limit.leadingExponent(of: .symbol("x") + .symbol("y"))
        #expect(order.assumptions.isEmpty)  // both coefficients positive: no cancellation possible
        await expectEquivalent(order.exponent, .max(sym("a"), sym("b")))
        #expect(order.exponent.description == "max(a, b)")
        let difference = try limit.leadingExponent(of: .symbol("x") - .symbol("y"))
        #expect(difference.assumptions.count == 1)
        #expect(difference.assumptions[0].description == "the leading terms of `x` and `y` do not cancel where a = b")
    }

    @Test func flagshipExponents() async throws {
        let limit = Flagship.symbolicLimit
        let gammaOrder = try limit.leadingExponent(of: Flagship.Gamma)
        #expect(gammaOrder.exponent.description == "1 - alpha - b_u - b_w")
        await expectEquivalent(gammaOrder.exponent, eGamma)
        await expectEquivalent(try limit.leadingExponent(of: Flagship.X).exponent, eX)
        let rOrder = try limit.leadingExponent(of: Flagship.R)
        await expectEquivalent(rOrder.exponent, eGamma.scaled(by: -2) - .abs(eX))
        #expect(rOrder.assumptions.isEmpty)
        #expect(rOrder.sign == 1)
        let kOrder = try limit.leadingExponent(of: Flagship.K0)
        let eK = 1 - sym("alpha").scaled(by: 2) + .max(sym("c_u") - sym("b_w").scaled(by: 2), sym("c_w") - sym("b_u").scaled(by: 2))
        await expectEquivalent(kOrder.exponent, eK)
        #expect(kOrder.exponent.description == "1 - 2 alpha + max(c_u - 2 b_w, c_w - 2 b_u)")
        #expect(kOrder.assumptions.isEmpty)
    }

    @Test func regionsAgreeWithTheExponentSign() async throws {
        let rOrder = try Flagship.symbolicLimit.leadingExponent(of: Flagship.R)
        #expect(rOrder.vanishingRegion.description == "2 alpha + 4 b_u + c_u < 2 + c_w or 2 alpha + 4 b_w + c_w < 2 + c_u")
        #expect(rOrder.divergingRegion.description == "2 alpha + 4 b_u + c_u > 2 + c_w and 2 alpha + 4 b_w + c_w > 2 + c_u")
        await seededPropertyCheck(count: 300, input: Gen.int(in: -8...8).array(of: 5)) { values in
            let point = Dictionary(uniqueKeysWithValues: zip(symbols, values.map { BigRational($0, 2) }))
            let e = try! rOrder.exponent.value(at: point)
            #expect(try! rOrder.vanishingRegion.holds(at: point) == (e.sign < 0))
            #expect(try! rOrder.boundedRegion.holds(at: point) == (e.sign == 0))
            #expect(try! rOrder.divergingRegion.holds(at: point) == (e.sign > 0))
        }
    }

    @Test func exponentsReadFromExpressions() throws {
        let e = try PiecewiseLinearExponent(expression: .call(.max, .symbol("c_u") - .number(2) * .symbol("b_w"), .symbol("c_w")))
        #expect(try e.value(at: ["c_u": 1, "b_w": 1, "c_w": 0]) == 0)
        #expect(throws: SymbolicAnalysisError.self) { try PiecewiseLinearExponent(expression: .symbol("a") * .symbol("b")) }
    }
}

@Suite struct PiecewiseLinearAlgebraProperties {
    /// Affine values are computed in machine integers when they fit and in GMP otherwise; near the
    /// boundary both must give the exact rational computed here by hand.
    @Test func affineValuesAreExactWhetherOrNotTheyFitAnInt() throws {
        let big = BigRational("123456789012345678901/7")!
        let form = AffineExponent(BigRational(1, 3), [("x", BigRational(Int.max / 3, 5)), ("y", BigRational(-2, 9))])
        for (x, y) in [(BigRational(3, 4), BigRational(5)), (big, BigRational(1, 2)), (BigRational(Int.max), BigRational(Int.min + 1))] {
            let expected = BigRational(1, 3) + BigRational(Int.max / 3, 5) * x + BigRational(-2, 9) * y
            #expect(try form.value(at: ["x": x, "y": y]) == expected, "x = \(x), y = \(y)")
        }
        #expect(throws: ExponentError.missingValue("y")) { try form.value(at: ["x": 1]) }
    }

    /// Random programs of +, scaling, max, min and abs over three symbols: the normal form (and its
    /// max-of-min pieces) must evaluate like the same operations applied to rationals.
    @Test func normalFormEvaluatesLikeThePointwiseOperations() async {
        let names = ["a", "b", "c"]
        await seededPropertyCheck(count: 300, input: Gen.int(in: 0...5).array(of: 8), Gen.int(in: -6...6).array(of: 11)) { ops, values in
            let point = Dictionary(uniqueKeysWithValues: zip(names, values.prefix(3).map { BigRational($0, 2) }))
            var form = PiecewiseLinearExponent.symbol("a")
            var value = point["a"]!
            for (i, op) in ops.enumerated() {
                let other = PiecewiseLinearExponent.symbol(names[i % 3]) + PiecewiseLinearExponent(BigRational(values[3 + i], 3))
                let otherValue = point[names[i % 3]]! + BigRational(values[3 + i], 3)
                switch op {
                case 0: form = form + other; value = value + otherValue
                case 1: form = form.scaled(by: BigRational(values[3 + i], 2)); value = value * BigRational(values[3 + i], 2)
                case 2: form = .max(form, other); value = Swift.max(value, otherValue)
                case 3: form = .min(form, other); value = Swift.min(value, otherValue)
                case 4: form = .abs(form); value = value.magnitude
                default: form = -form; value = -value
                }
            }
            #expect((try? form.value(at: point)) == value, "\(form)")
            let pieces = form.maxOfMinPieces.map { row in row.map { try! $0.value(at: point) }.min()! }.max()!
            #expect(pieces == value, "max-of-min form of \(form)")
            let sign = value.sign
            #expect((try? ExponentCondition(form, .less).holds(at: point)) == (sign < 0))
            #expect((try? ExponentCondition(form, .equal).holds(at: point)) == (sign == 0))
        }
    }
}
