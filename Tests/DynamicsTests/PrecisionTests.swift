import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckNumbers
import Testing
import PhasecheckTestSupport

/// Convergence shown the Mathematica WorkingPrecision way: agreement across precisions and orders, and
/// digits that follow the tolerance asked for.
@Suite struct PrecisionTests {
    func caseAStates(bits: Int, order: Int? = nil, tolerance: Tolerance? = nil, times: [String] = ["0.5", "1", "5", "20"]) throws -> [[BigFloat]] {
        let context = MPFRContext(precision: bits)
        var integrator = try TaylorIntegrator(system: flagshipSystem(width: 3), parameters: caseA.parameters(context),
                                              context: context, tolerance: tolerance, order: order)
        return try integrator.integrate(initial: caseA.initial(context), from: context.constant(0),
                                        to: times.map { big($0, bits) })
    }

    @Test func pAnd2pBitsAgreeToTheDigitsOfP() throws {
        let low = try caseAStates(bits: 100), high = try caseAStates(bits: 200)
        for (a, b) in zip(low.joined(), high.joined()) {
            let error = relativeError(a.rounded(toPrecision: 200), b)
            #expect(error < 1e-28, "100 vs 200 bits: \(agreementDigits(error)) digits")
        }
    }

    @Test func orderPAnd2pAgree() throws {
        let p = Tolerance(precisionBits: 200).taylorOrder
        let times = ["0.5", "2"]
        let base = try caseAStates(bits: 200, times: times), doubled = try caseAStates(bits: 200, order: 2 * p, times: times)
        for (a, b) in zip(base.joined(), doubled.joined()) {
            #expect(relativeError(a, b) < 1e-56, "order \(p) vs \(2 * p)")
        }
    }

    @Test func correctDigitsTrackTheRequestedDigits() throws {
        // At a working precision well above the request, the error is the truncation error the tolerance
        // controls: at least the requested digits, and not wildly more (the rule is not just "use the maximum").
        var achieved: [Double] = []
        for digits in [10, 20, 40, 80] {
            let bits = Int(Double(digits) * 3.33) + 64
            let context = MPFRContext(precision: bits)
            var integrator = try TaylorIntegrator(system: scalarNetworkSystem(), context: context,
                                                  tolerance: Tolerance(digits: Double(digits)))
            let u0 = context.constant(BigRational("0.01")!)
            let state = try integrator.integrate(initial: [u0, u0], from: context.constant(0), to: [context.constant(10)])
            let exact = scalarNetworkClosedForm(u0: "0.01", t: "10", bits: bits + 64)
            let error = relativeError(state[0][0].rounded(toPrecision: bits + 64), exact)
            let correct = agreementDigits(error)
            achieved.append(correct)
            #expect(correct >= Double(digits) - 1, "asked \(digits) digits, got \(correct)")
            #expect(correct <= Double(digits) + 12, "asked \(digits) digits, got \(correct): the order/step rule ignores the tolerance")
        }
        #expect(achieved == achieved.sorted(), "more digits asked, more digits obtained: \(achieved)")
    }

    /// Where the products are relaxed (from 300 bits), the default order is `relaxedOrderFactor` p0 with the
    /// step rule's e^(-2 p0/p): longer steps, to the same digits as Jorba & Zou's p0 (Case A at 400 bits, about
    /// 120 digits, to t = 2, against the first 120 digits of the mpmath reference below).
    @Test func aHigherOrderWhereProductsAreRelaxedTakesLongerStepsToTheSameDigits() throws {
        let bits = 400, p0 = Tolerance(precisionBits: bits).taylorOrder
        let exact = Self.caseAAtTwo.map { big(String($0.prefix(125)), bits + 64) }
        var steps: [Int] = []
        for order in [nil, p0] {
            let context = MPFRContext(precision: bits)
            var integrator = try TaylorIntegrator(system: flagshipSystem(width: 3), parameters: caseA.parameters(context),
                                                  context: context, order: order)
            if order == nil { #expect(integrator.order == Int((TaylorIntegrator<MPFRContext>.relaxedOrderFactor * Double(p0)).rounded(.up))) }
            let state = try integrator.integrate(initial: caseA.initial(context), from: context.constant(0), to: [context.constant(2)])[0]
            steps.append(integrator.statistics.steps)
            for (value, reference) in zip(state, exact) {
                let digits = -(BigFloat.abs(value.rounded(toPrecision: bits + 64) - reference) / BigFloat.abs(reference)).logMagnitude / 2.302585092994046
                #expect(digits >= 115, "order \(integrator.order): \(digits) digits")
            }
        }
        #expect(steps[0] < steps[1], "the default order and p0 took \(steps) steps")
    }

    /// u1(2), u2(2), u3(2), w1(2), w2(2), w3(2) of Case A: `python3 Benchmarks/dynamics_flagship_reference.py 330 2`.
    static let caseAAtTwo = [
        "1.41748026051579945233588298849082682386493962060678713899306300349398405215849208841918167792595834978205720370245564350034961680674087107907894137610442077591498494612396260931573967651808507234360354382820008143254797972981471971908094451227446277882621155355339907771991177104547077541111672431704801956751996444171039305512031",
        "-1.739211424983590928962331947905764108147819845671562086440086590691211423015126601159006373862791011148342570642334032774638732250707613098766098632265977035839628212913792683347417791191359979833348591766987855662196548954067739284577595532811159737595024590185250813175614587566739222665642626017792963261121253788701707480077",
        "-0.0788295325266060063732142141528821946421353802424276931771843287163018386064640883099469918417049136578074058218745797248061769511234697218983741481567234829105656089594264550775494093169147698169090220064150550858099614359651121258482386910492877937531494072606626133924443005415350356569912915969438260006190655034741412378699531",
        "1.04845137653204437188550550058416022279677816739655557563972881906697557813797912269338878688410274022108739326945250639117679519210004722625275963104883042624400231395847666223753191625466130296371308268556327415141343364398263287807535027710819314380550887256514977422874237419928130676239604765813678027354723579263459388744166",
        "-0.157659065053212012746428428305764389284270760484855386354368657432603677212928176619893983683409827315614811643749159449612353902246939443796748296313446965821131217918852910155098818633829539633818044012830110171619922871930224251696477382098575587506298814521325226784888601083070071313982583193887652001238131006948282475739906",
        "-0.869605712491795464481165973952882054073909922835781043220043295345605711507563300579503186931395505574171285321167016387319366125353806549383049316132988517919814106456896341673708895595679989916674295883493927831098274477033869642288797766405579868797512295092625406587807293783369611332821313008896481630560626894350853740038499",
    ]

    /// Case A at 330 digits, graded and uniform precision, relaxed and term-by-term products, against the
    /// closed form evaluated in mpmath:
    /// `python3 Benchmarks/dynamics_flagship_reference.py 330 2` prints (u1(2), u2(2), u3(2), w1(2), w2(2), w3(2)):
    @Test func caseAAt330DigitsMatchesTheClosedFormInMpmath() throws {
        let reference = Self.caseAAtTwo
        let bits = Int(340 * 3.3219280948873623) + 32
        // Relaxed products (the default at this precision) with graded and uniform precision, and term by term.
        let runs: [(graded: Bool, relaxed: RelaxedProductPolicy?)] = [(true, .standard), (false, .standard), (true, nil)]
        for (graded, relaxed) in runs {
            let context = MPFRContext(precision: bits)
            var integrator = try TaylorIntegrator(system: flagshipSystem(width: 3), parameters: caseA.parameters(context),
                                                  context: context)
            integrator.gradedPrecision = graded
            integrator.relaxedProducts = relaxed
            let state = try integrator.integrate(initial: caseA.initial(context), from: context.constant(0), to: [context.constant(2)])[0]
            for (value, text) in zip(state, reference) {
                // In BigFloat: the relative error underflows a double.
                let exact = big(text, bits + 64)
                let digits = -(BigFloat.abs(value.rounded(toPrecision: bits + 64) - exact) / BigFloat.abs(exact)).logMagnitude / 2.302585092994046
                #expect(digits >= 325, "graded \(graded), relaxed \(relaxed != nil): \(digits) digits")
            }
        }
    }
}
