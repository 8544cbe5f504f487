import PhasecheckExpressions
import PhasecheckNumbers
@testable import PhasecheckVerify
import Testing

/// The error estimate of values along an integration (`IntegratedTrajectory`): at 300 digits (from 160 digits
/// of tolerance on) it predicts the coarse integration's error from a pair at 40 and 50 digits, and at the
/// default 30 digits from one integration at half the coarse tolerance, instead of running the coarse
/// integration. Here it must enclose the true value (mpmath), agree with the measured estimate to a few digits
/// where the flow amplifies errors, and give way to the measured estimate where its premise fails.
///
/// References: `python3 Tests/DerivationsTests/Fixtures/integration_estimate.mpmath.py` (mpmath 1.3.0, gmpy2, 380
/// digits), which prints the values below to 360 significant digits.
struct IntegrationEstimateTests {
    /// The decaying solution x = e^-t, y = -e^-t/3 of the saddle x' = 3 y, y' = x/3: an error along the
    /// growing solution grows relative to x like e^(2t) (17.4 digits lost by t = 20, 52 by t = 60). (With
    /// x' = y, y' = x and y(0) = -1 the rounding would keep y = -x exactly and nothing would grow.)
    static let saddle = """
    title "saddle"
    state x = 1
    state y = -1/3
    horizon 60
    ode x' = 3*y
    ode y' = x/3
    """
    /// The flagship's Case A (model.md section 8), with a = gamma dot(u, w) and the conserved
    /// C = dot(u, u) - dot(w, w) = 3.16, which cancels to 0 in C - 3.16.
    static let flagship = """
    title "flagship Case A"
    width d = 3
    param gamma = 0.5 in (0, inf)
    state u[d] = [1, -2, 0.5]
    state w[d] = [0.3, 1, -1]
    horizon 10
    let a = gamma*dot(u, w)
    ode u' = -gamma*(a - 1)*w
    ode w' = -gamma*(a - 1)*u
    """
    static let e10 = "0.0000453999297624848515355915155605506102379180888665649692590713056509994216143022816525250045459"
    static let e20 = "0.00000000206115362243855782796594038015582097637580727559910369297224466162916402378455935327991092790558136703638789079215116073433533836666419171382884769373661341740083237857544885466452074277880619646838124129675199529340017922664857053267707769737979701748849788290942399324508268295238846439571191924608706622131018750673192928331356073655176609889485778219201541"
    static let e60 = "0.00000000000000000000000000875651076269652033848873280073916603655710748178175890605671542387940202673337676377376373533697467547587557020541937343568555903118409328375744699672238633545462035286934488513505108365550042941298970036685237720741399595074249554661429995537856477801873096676674350133052257141929348965929841685715901044546711277824694187686118436913704980776759067269975669"
    static let a2 = "0.914456094667881354402444244324434398627879871713557716882639820806079541025974651424455752822801707300694420979458338129949527227370073548006433493682753387099125040855743317861768955560349192173632964760254122241791387076618216752397610832503394641540682986523014081985325910420393355897299795420873312590768929685152946357141918662413104176720813367970088662"
    static let a10 = "0.999999941047896856047714825444963923288240885714704252822069877518247723522824477563905978630390748562456480440093976371216743989787234314240336209338725980176360569522497162219470255701290283531015844022639040493011481501753453368729928883656697868898950450182460289025544778453512698245687171097518352546720160726171314318267382470997425443574329842109180474"

    struct Case: Sendable, CustomStringConvertible {
        let model: String, quantity: String, time: Int, exact: String
        var description: String { "\(quantity) at t = \(time)" }
    }

    static let predicted = [
        Case(model: saddle, quantity: "x", time: 20, exact: e20),
        Case(model: flagship, quantity: "a", time: 2, exact: a2),
        Case(model: flagship, quantity: "a", time: 10, exact: a10),
        Case(model: flagship, quantity: "dot(u, u) - dot(w, w) - 3.16", time: 10, exact: "0"),
    ]

    static let digits = 300

    /// The trajectory a claim at 300 digits integrates along, the expanded quantity and the time.
    static func setUp(_ c: Case, digits: Int = digits) throws -> (IntegratedTrajectory, [Expr], [Expr]) {
        let model = try Model(DerivationParser.parse(c.model, file: "estimate.phc"))
        let trajectory = IntegratedTrajectory(model: model, digits: digits, budget: ComputeBudget())
        return (trajectory, [model.expand(try ExpressionParser.parse(c.quantity))], [Expr.number(BigRational(c.time))])
    }

    /// The predicted estimate encloses the true value, and is at least the measured one (the coarse
    /// integration's distance to the fine one, what the estimate was before) and at most 10^3 times it, so
    /// the scaling from 40 to 310 digits holds where the flow amplifies errors (17 digits by t = 20 on the
    /// saddle) as well as where nothing is amplified. Measured: the true error was 9.4-9.7 digits below the
    /// prediction without its guard digits, which fell 0.6-0.9 digits short of the measured estimate.
    @Test(arguments: predicted)
    func predictedEstimateEnclosesTheTrueValue(_ c: Case) throws {
        let (trajectory, exprs, times) = try Self.setUp(c)
        let bits = Precision.bits(forDigits: Self.digits)
        let coarse = trajectory.toleranceDigits(bits: bits)
        #expect(coarse >= IntegratedTrajectory.smallestPredictedTolerance)
        let interval = try trajectory.values(of: exprs, at: times, bits: bits)[0][0][0]
        let predicted = try #require(try trajectory.predictedSpreads(of: trajectory.model.quantitiesTape(exprs), at: times, tolerance: coarse))[0][0][0]
        let fine = try trajectory.pointValues(of: trajectory.model.quantitiesTape(exprs), at: times, tolerance: coarse + 10).values[0][0][0]
        let rough = try trajectory.pointValues(of: trajectory.model.quantitiesTape(exprs), at: times, tolerance: coarse).values[0][0][0]
        let measured = BigFloat.abs(fine - rough)
        let exact = BigFloat(try #require(BigRational(c.exact)), precision: fine.precision + 64)
        let error = BigFloat.abs(fine - exact)
        #expect(!(exact < interval.lower) && !(interval.upper < exact),
                "\(c): error 10^\(error.logMagnitude / Double.log(10)), predicted 10^\(predicted.logMagnitude / Double.log(10))")
        // At least as wide as the measured estimate, by at most 3 digits.
        let digitsApart = (predicted.logMagnitude - measured.logMagnitude) / Double.log(10)
        #expect(digitsApart >= 0 && digitsApart <= 3, "\(c): predicted 10^\(predicted.logMagnitude / Double.log(10)), measured 10^\(measured.logMagnitude / Double.log(10))")
    }

    /// The matrix benchmark's network (Benchmarks/matrix_benchmark.sh) at n = 2, whose W2 W1 follows the matrix
    /// Riccati solution (reference: the fixture script's part 3).
    static let riccati = """
    title "two-layer linear network, n = 2"
    dim n = 2
    param S[n, n] = [[1/3 + 1, 1/4], [1/4, 1/5 + 1]]
    state W1[n, n] = eye(n)/10
    state W2[n, n] = eye(n)/10
    horizon 2
    let E = S - W2 @ W1
    let M = W2 @ W1
    ode W1' = transpose(W2) @ E
    ode W2' = E @ transpose(W1)
    """
    static let riccati12 = "0.37448465661800112089352407721835762252839990747214980182094288060368829151905474"

    /// At the default 30 digits (coarse tolerance D = 40 from the precision): the error of the coarse integration
    /// is scaled from one at 17 digits, first to D' = 35 with the fine run at 37 digits, kept where every quantity
    /// is then backed to 31 digits, else to D = 40 with the fine run at 42. The estimate encloses the true value
    /// (mpmath) with the fine value's own error at least 10 times inside it, and it is at least the measured
    /// estimate at the coarse tolerance used (the distance between integrations there and 10 digits finer) and at
    /// most 10^3 times it: where the flow amplifies errors 10^8.7-fold (the saddle at t = 10; its errors are
    /// roundings 32 bits below the tolerance, so D' = 35 still backs 31 digits) and 10^17.4-fold (t = 20: D' backs
    /// about 25, and D = 40 is used), as well as where it does not (the flagship, the matrix network: D' = 35).
    static let scaled = [
        (Case(model: saddle, quantity: "x", time: 10, exact: e10), 35.0),
        (Case(model: saddle, quantity: "x", time: 20, exact: e20), 40),
        (Case(model: flagship, quantity: "a", time: 2, exact: a2), 35),
        (Case(model: flagship, quantity: "a", time: 10, exact: a10), 35),
        (Case(model: riccati, quantity: "M[1, 2]", time: 2, exact: riccati12), 35),
    ]

    @Test(arguments: scaled)
    func scaledEstimateAtThirtyDigitsEnclosesTheTrueValue(_ c: Case, coarseUsed: Double) throws {
        let (trajectory, exprs, times) = try Self.setUp(c, digits: 30)
        let quantities = try trajectory.model.quantitiesTape(exprs)
        let bits = Precision.Escalation.certifying(digits: 30).start
        let coarse = trajectory.toleranceDigits(bits: bits)
        #expect(coarse == 40)
        let estimate = try #require(try trajectory.scaledFromALowRun(of: quantities, at: times, tolerance: coarse))
        #expect(estimate.coarse == coarseUsed)
        let fine = estimate.fine.values[0][0][0], spread = estimate.spreads[0][0][0]
        let interval = try trajectory.values(of: exprs, at: times, bits: bits)[0][0][0]
        #expect(interval.lower == fine - spread && interval.upper == fine + spread)
        let exact = BigFloat(try #require(BigRational(c.exact)), precision: fine.precision + 64)
        let error = BigFloat.abs(fine - exact)
        #expect(!(exact < interval.lower) && !(interval.upper < exact),
                "\(c): error 10^\(error.logMagnitude / Double.log(10)), predicted 10^\(spread.logMagnitude / Double.log(10))")
        #expect(error * BigFloat(10, precision: 64) <= spread, "\(c): the fine value's error 10^\(error.logMagnitude / Double.log(10)) against 10^\(spread.logMagnitude / Double.log(10))")
        let measured = BigFloat.abs(try trajectory.pointValues(of: quantities, at: times, tolerance: estimate.coarse + 10).values[0][0][0]
                                    - trajectory.pointValues(of: quantities, at: times, tolerance: estimate.coarse).values[0][0][0])
        let digitsApart = (spread.logMagnitude - measured.logMagnitude) / Double.log(10)
        #expect(digitsApart >= 0 && digitsApart <= 3, "\(c): predicted 10^\(spread.logMagnitude / Double.log(10)), measured 10^\(measured.logMagnitude / Double.log(10))")
    }

    /// A quantity that is 0 up to rounding (the flagship's conserved C minus its start), or a loss
    /// (u w - y)^2/2 that converged far below the low run's tolerance (the README's two-layer network at
    /// t = 20, about 10^-70, which the run at 20 digits gets as about 10^-40), does not agree with the fine
    /// value to half of the low run's digits: its error is not scaled from that run but measured.
    @Test(arguments: [
        Case(model: flagship, quantity: "dot(u, u) - dot(w, w) - 3.16", time: 10, exact: "0"),
        Case(model: """
             title "two-layer"
             state u = 0.3
             state w = 0.1
             horizon 20
             ode u' = -(u*w - 2)*w
             ode w' = -(u*w - 2)*u
             """, quantity: "(u*w - 2)^2/2", time: 20, exact: "0"),
    ])
    func aQuantityBelowTheLowRunsToleranceIsMeasured(_ c: Case) throws {
        let (trajectory, exprs, times) = try Self.setUp(c, digits: 30)
        try Self.expectMeasuredAtThirtyDigits(trajectory, exprs, times)
    }

    /// At 30 digits nothing is scaled from a low run: the radius is the distance of the integrations at 40 and 50
    /// digits (to a thousandth). Returns the enclosure of the first quantity at the first time.
    @discardableResult
    static func expectMeasuredAtThirtyDigits(_ trajectory: IntegratedTrajectory, _ exprs: [Expr], _ times: [Expr]) throws -> BigInterval {
        let bits = Precision.Escalation.certifying(digits: 30).start
        #expect(try trajectory.scaledFromALowRun(of: trajectory.model.quantitiesTape(exprs), at: times, tolerance: trajectory.toleranceDigits(bits: bits)) == nil)
        let interval = try trajectory.values(of: exprs, at: times, bits: bits)[0][0][0]
        let measured = BigFloat.abs(try trajectory.pointValues(of: trajectory.model.quantitiesTape(exprs), at: times, tolerance: 50).values[0][0][0]
                                    - trajectory.pointValues(of: trajectory.model.quantitiesTape(exprs), at: times, tolerance: 40).values[0][0][0])
        let width = interval.upper - interval.lower, thousand = BigFloat(1000, precision: 64)
        #expect(BigFloat.abs(width - measured - measured) * thousand <= measured, "the radius is the measured estimate")
        return interval
    }

    /// At t = 60 the saddle amplifies errors 10^52-fold: the integration at 20 digits keeps fewer than half of
    /// its digits (none), so nothing is scaled from it, and the coarse integration is run (at 40 and 50
    /// digits). (At t = 20, 10^17.4-fold, it still keeps them: this linear flow's steps are not limited by
    /// the truncation, and its errors are the roundings at 32 bits below the tolerance.)
    @Test func anAmplificationBeyondTheLowRunIsMeasured() throws {
        let c = Case(model: Self.saddle, quantity: "x", time: 60, exact: Self.e60)
        let (trajectory, exprs, times) = try Self.setUp(c, digits: 30)
        let interval = try Self.expectMeasuredAtThirtyDigits(trajectory, exprs, times)
        let exact = BigFloat(try #require(BigRational(c.exact)), precision: interval.lower.precision + 64)
        #expect(!(exact < interval.lower) && !(interval.upper < exact))
    }

    /// At t = 60 the saddle amplifies errors 10^52-fold: the pair at 40 and 50 digits no longer agrees to half
    /// of its digits, so nothing is predicted, and the estimate is measured (the coarse integration is run):
    /// it still encloses e^-60, to about 300 - 52 digits.
    @Test func anAmplificationBeyondTheLowPairIsMeasured() throws {
        let c = Case(model: Self.saddle, quantity: "x", time: 60, exact: Self.e60)
        let (trajectory, exprs, times) = try Self.setUp(c)
        let bits = Precision.bits(forDigits: Self.digits)
        let coarse = trajectory.toleranceDigits(bits: bits)
        #expect(try trajectory.predictedSpreads(of: trajectory.model.quantitiesTape(exprs), at: times, tolerance: coarse) == nil)
        let interval = try trajectory.values(of: exprs, at: times, bits: bits)[0][0][0]
        let exact = BigFloat(try #require(BigRational(c.exact)), precision: interval.lower.precision + 64)
        #expect(!(exact < interval.lower) && !(interval.upper < exact))
        let relativeRadius = (interval.upper - interval.lower).logMagnitude - exact.logMagnitude
        #expect(relativeRadius / Double.log(10) > -310 + 30, "lost digits show in the estimate")
    }
}
