import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckNumbers
import Testing

/// The algorithms under the fixed-point claims. References from /tmp/fp/dyn_refs.py (mpmath 1.3, 40 digits;
/// numpy.roots for the root counts), its output quoted beside each value.
@Suite struct FixedPointAlgorithmTests {
    let context = IntervalContext(precision: 128)

    func coefficients(_ c: [Int]) -> [BigInterval] { c.map { context.constant($0) } }

    func interval(_ q: BigRational) -> BigInterval { context.constant(q) }

    @Test func routhCountsRightHalfPlaneRoots() {
        // (x + 1)(x - 2)(x^2 + 2x + 5): roots -1, 2, -1 +- 2i: one in the right half-plane.
        #expect(RootCounts.rightHalfPlane(coefficients([-10, -9, 1, 1, 1])) == 1)
        // (x + 1)(x + 1/2)(x + 3): none.
        #expect(RootCounts.rightHalfPlane([BigRational(3, 2), 5, BigRational(9, 2), 1].map(interval)) == 0)
        // (x - 1)(x - 2)(x - 3): all three.
        #expect(RootCounts.rightHalfPlane(coefficients([-6, 11, -6, 1])) == 3)
        // x^2 + 1: roots on the axis, undecidable.
        #expect(RootCounts.rightHalfPlane(coefficients([1, 0, 1])) == nil)
    }

    /// (x - 1/2)(x + 1/2)^3 (x + 3/2), the spectrum at the origin of a depth-3 and a depth-2 scalar network with weight
    /// decay 1/2 (sympy: expand((x - 1/2)*(x + 1/2)**3*(x + 3/2))): +-1/2 stop the Routh array at a zero row and the
    /// triple root keeps the spectrum incomplete, so the point was undecided; the right half-plane alone holds one
    /// simple root, so it is a saddle. x^2 + 1 (roots on the axis) stays undecided.
    @Test func rootsRightOfTheAxisAreCountedWhereRouthStops() throws {
        let c = [BigRational(-3, 32), BigRational(-7, 16), BigRational(-1, 4), BigRational(3, 2), BigRational(5, 2), 1].map(interval)
        #expect(RootCounts.rightHalfPlane(c) == nil)
        #expect(try Spectrum(coefficients: c, context: context).isComplete == false)
        #expect(try Spectrum.countWithPositiveRealPart(coefficients: c, context: context) == 1)
        let problem = try FixedPointProblem(dynamics: .flow, states: ["x"], functions: [Expr.symbol("x")], parameters: [])
        let jacobian = [[0, 0, 0, 0, BigRational(3, 32)], [1, 0, 0, 0, BigRational(7, 16)], [0, 1, 0, 0, BigRational(1, 4)],
                        [0, 0, 1, 0, BigRational(-3, 2)], [0, 0, 0, 1, BigRational(-5, 2)]].map { $0.map(interval) }
        #expect(problem.classify(jacobian: jacobian, context: context).stability == .saddle)
        #expect(try Spectrum.countWithPositiveRealPart(coefficients: coefficients([1, 0, 1]), context: context) == nil)
    }

    @Test func schurCohnCountsRootsInsideTheUnitCircle() {
        // roots 0.5, -2, 0.5 +- 0.7416i (modulus^2 = 0.8): three inside (numpy.roots).
        let p3 = [BigRational(-4, 5), BigRational(11, 5), BigRational(-17, 10), BigRational(1, 2), 1].map(interval)
        #expect(RootCounts.insideUnitCircle(p3) == 3)
        // (x - 3)(x^2 + 1): roots on the circle.
        #expect(RootCounts.insideUnitCircle(coefficients([-3, 1, -3, 1])) == nil)
        // (x - 1/2)(x + 1/4): both inside; (x - 2)(x + 3): none.
        #expect(RootCounts.insideUnitCircle([BigRational(-1, 8), BigRational(1, 4), 1].map(interval)) == 2)
        #expect(RootCounts.insideUnitCircle(coefficients([-6, 1, 1])) == 0)
    }

    @Test func faddeevLeVerrierGivesTheCharacteristicPolynomial() {
        // [[2,1,0],[1,3,1],[0,1,4]]: det(xI - A) = x^3 - 9x^2 + 24x - 18 (numpy.poly).
        let a = [[2, 1, 0], [1, 3, 1], [0, 1, 4]].map(coefficients)
        let c = CharacteristicPolynomial.of(a, context: context)
        for (ci, expected) in zip(c, [-18, 24, -9, 1]) { #expect(ci.contains(BigFloat(expected, precision: 128)) && ci.width.doubleValue < 1e-30) }
    }

    @Test func subdivisionFindsEveryZeroOfACircleAndAHyperbola() throws {
        // x^2 + y^2 = 4, x y = 1: (+-1.93185..., +-0.51763...) and the swapped pairs; x = sqrt(2 + sqrt 3).
        let x = Expr.symbol("x"), y = Expr.symbol("y")
        let problem = try ZeroProblem(unknowns: ["x", "y"], equations: [x * x + y * y - Expr.number(4), x * y - Expr.number(1)], parameters: [])
        var evaluator = problem.evaluator(parameterValues: [], precision: 128)
        let region: Box = [BigInterval(lower: BigFloat(-3, precision: 128), upper: BigFloat(3, precision: 128)),
                           BigInterval(lower: BigFloat(-3, precision: 128), upper: BigFloat(3, precision: 128))]
        let result = ZeroSearch().run(&evaluator, in: region)
        #expect(result.isComplete)
        #expect(result.zeros.count == 4)
        let large = "1.93185165257813657349948639946", small = "0.517638090205041524697797675248"
        for zero in result.zeros {
            let magnitudes = zero.enclosure.map { BigFloat.abs($0.midpoint) }
            #expect(zero.enclosure.allSatisfy { $0.width.doubleValue < 1e-30 })
            #expect((matchesPrintedDigits(magnitudes[0], large) && matchesPrintedDigits(magnitudes[1], small))
                || (matchesPrintedDigits(magnitudes[0], small) && matchesPrintedDigits(magnitudes[1], large)))
        }
        // x^2 + y^2 = -1 has no real zero.
        let none = try ZeroProblem(unknowns: ["x", "y"], equations: [x * x + y * y + Expr.number(1), y], parameters: [])
        var noneEvaluator = none.evaluator(parameterValues: [], precision: 128)
        let empty = ZeroSearch().run(&noneEvaluator, in: region)
        #expect(empty.isComplete && empty.zeros.isEmpty)
    }

    @Test func aCurveOfZerosIsUnresolvedNotCounted() throws {
        // x - y = 0 twice: every point of the diagonal is a zero; no count may be claimed.
        let x = Expr.symbol("x"), y = Expr.symbol("y")
        let problem = try ZeroProblem(unknowns: ["x", "y"], equations: [x - y, Expr.number(2) * (x - y)], parameters: [])
        var evaluator = problem.evaluator(parameterValues: [], precision: 96)
        var search = ZeroSearch()
        search.maximumBoxes = 300
        let one = BigInterval(lower: BigFloat(-1, precision: 96), upper: BigFloat(1, precision: 96))
        #expect(!search.run(&evaluator, in: [one, one]).isComplete)
    }

    @Test func spectrumEnclosesRealAndComplexEigenvalues() throws {
        // [[1, 2], [3, 4]]: (5 -+ sqrt 33)/2 = -0.372281323269014329925305734109, 5.37228132326901432992530573411.
        let b = CharacteristicPolynomial.of([[1, 2], [3, 4]].map(coefficients), context: context)
        let real = try Spectrum(coefficients: b, context: context)
        #expect(real.isComplete && real.complex.isEmpty)
        #expect(real.real.map { $0.certifiedDecimal(significantDigits: 25) } == ["-0.3722813232690143299253057", "5.372281323269014329925306"])
        // [[0, 1], [-5, -2]]: -1 +- 2i.
        let a = CharacteristicPolynomial.of([[0, 1], [-5, -2]].map(coefficients), context: context)
        let pair = try Spectrum(coefficients: a, context: context)
        #expect(pair.isComplete && pair.real.isEmpty && pair.complex.count == 1)
        #expect(pair.complex.first.map { $0.re.contains(BigFloat(-1, precision: 128)) && $0.im.contains(BigFloat(2, precision: 128)) && $0.re.width.doubleValue < 1e-30 && $0.im.width.doubleValue < 1e-30 } == true)
        // x^2 (a double root at 0) cannot be certified as simple roots.
        let double = try Spectrum(coefficients: coefficients([0, 0, 1]), context: context)
        #expect(!double.isComplete)
    }

    @Test func aClusterOfSevenRealEigenvaluesIsComplete() throws {
        // The 7 x 7 Dirichlet Laplacian: eigenvalues -(2 - 2 cos(j pi/8)), j = 1..7, all real and simple, the
        // smallest -0.152240934977426487743... (mpmath: -(2 - 2*cos(pi/8))); the spring-block chain's Jacobian.
        let laplacian = (0..<7).map { i in (0..<7).map { j in i == j ? -2 : abs(i - j) == 1 ? 1 : 0 } }
        let c = CharacteristicPolynomial.of(laplacian.map(coefficients), context: context)
        let spectrum = try Spectrum(coefficients: c, context: context)
        #expect(spectrum.isComplete && spectrum.real.count == 7 && spectrum.complex.isEmpty)
        #expect(spectrum.real.last?.certifiedDecimal(significantDigits: 20) == "-0.15224093497742648774")
    }

    @Test func everyRootOfAScaledClusterIsTight() throws {
        // g times the Laplacian above, g = 0.2713321218927653503461141 (the spring-block chain's g'(F*)): a
        // root whose first Krawczyk box contracts little must still be enclosed tightly (from Newton's point).
        // mpmath at 40 digits: -g (2 - 2 cos(j pi/8)), j = 7..1.
        let g = BigInterval(BigFloat("0.2713321218927653503461141", precision: 128)!)
        let laplacian = (0..<7).map { i in (0..<7).map { j in context.constant(i == j ? -2 : abs(i - j) == 1 ? 1 : 0) * g } }
        let spectrum = try Spectrum(coefficients: CharacteristicPolynomial.of(laplacian, context: context), context: context)
        #expect(spectrum.isComplete && spectrum.complex.isEmpty)
        #expect(spectrum.real.map { $0.certifiedDecimal(significantDigits: 20) } == [
            "-1.0440206316446977537", "-0.92638581047374924009", "-0.75033285921918342606", "-0.54266424378553070069",
            "-0.33499562835187797532", "-0.15894267709731216129", "-0.041307855926363647693"])
    }

    @Test func mapStabilityCountsTheUnitCircle() throws {
        // x -> x/2 + y, y -> -y/4: eigenvalues 1/2 and -1/4, a stable fixed point at 0; x -> 2x: unstable.
        let x = Expr.symbol("x"), y = Expr.symbol("y")
        let map = try FixedPointProblem(dynamics: .map, states: ["x", "y"], functions: [x / Expr.number(2) + y, -y / Expr.number(4)], parameters: [])
        var evaluator = map.zeros.evaluator(parameterValues: [], precision: 96)
        let origin: Box = [BigInterval(BigFloat(0, precision: 96)), BigInterval(BigFloat(0, precision: 96))]
        let jacobian = map.dynamicsJacobian(evaluator.evaluate(origin).jacobian, context: evaluator.context)
        #expect(map.classify(jacobian: jacobian, context: evaluator.context).stability == .stable)
        let flow = try FixedPointProblem(dynamics: .flow, states: ["x", "y"], functions: [x / Expr.number(2) + y, -y / Expr.number(4)], parameters: [])
        var flowEvaluator = flow.zeros.evaluator(parameterValues: [], precision: 96)
        #expect(flow.classify(jacobian: flowEvaluator.evaluate(origin).jacobian, context: flowEvaluator.context).stability == .saddle)
    }
}
