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

    /// Above 2048 bits the first precision plan comes from a pilot at 256 bits (`TaylorIntegrator.planFromAPilot`), not
    /// from a first step at full precision: Case A at 670 digits (2257 bits) to t = 0.5, graded (piloted) and uniform,
    /// against the closed form evaluated in mpmath (`caseAAtOneHalf`).
    @Test func aPilotedPlanAbove2048BitsKeepsEveryDigit() throws {
        let bits = Int(670 * 3.3219280948873623) + 32
        #expect(bits > 2048)   // PrecisionGrading.smallestPilotedBits
        for graded in [true, false] {
            let context = MPFRContext(precision: bits)
            var integrator = try TaylorIntegrator(system: flagshipSystem(width: 3), parameters: caseA.parameters(context),
                                                  context: context)
            integrator.gradedPrecision = graded
            let state = try integrator.integrate(initial: caseA.initial(context), from: context.constant(0), to: [context.constant(BigRational(1, 2))])[0]
            for (value, text) in zip(state, Self.caseAAtOneHalf) {
                let exact = big(text, bits + 64)
                let digits = -(BigFloat.abs(value.rounded(toPrecision: bits + 64) - exact) / BigFloat.abs(exact)).logMagnitude / 2.302585092994046
                #expect(digits >= 655, "graded \(graded): \(digits) digits")
            }
        }
    }

    /// u1(0.5), u2(0.5), u3(0.5), w1(0.5), w2(0.5), w3(0.5) of Case A:
    /// `python3 Benchmarks/dynamics_flagship_reference.py 660 0.5`.
    static let caseAAtOneHalf = [
        "1.17534191200485286346643958921777390603217119107849297019918723644438976891494985714686435412896779332870638523369490001650408898148351787029496858538310048692339922680279347396079745239227696751080168333296164707784471104319858112150224011434207813015717838582458603179173859625610013218228460970015522414411796554305895050163938282766082498987952867191237056046441613554661704867329104150901775321952927215671939299962736064275652388755185251579676343241529715510414399074923727181462627399690793190903201638142299477795780883647228292685866727715173793716214055633886069468602994528987601540261595659580645230799000104842617039282403915399143288982017309275",
        "-1.76342401408179921802909640270978184786849434362423592974691812099278679149924468569423100041857753931624528140822538237792065651201858007341420892691755528871790470834908403488681704185118002284598234886477997273751814098843944859183864235210586806669084384821807340548285518246772486693619101117109039852944995664146414711379398353838792600465781920438640194670666609368479550511311874251259201186608260332245043690724517871030742279563860647668472183862221231114868055951560564024508110296597192022462151524721107684663514500147056007691695836478670649654612278147321582875631921051847165702420315915378870317921694443504390114901435234196237177419826802406",
        "0.165577967616743628458625924555992666250319817843832414943859365296950098032316626767543199554945300137889059855573024818657888447872556424364929617425336157275307233998285268236652137212775984379173235121909061269611747232442183873975674083380394425911689279196190855386047228408583374189495467685325701307931563639434589642752504267284298387835749423234878998760026127760993286168843744766221364885438178491086820589931821595449218989785386671557678103620374015727979160824431611599939910884691131496729198726348903879183564685614199811354063252360690978303018977616191975650451358850892739046193561333217081371321552829788269207581529038918486378498592867837",
        "0.686606590497952685978958330459361563946039929239049459617771971074162805150045004660023627572325227423900924972508232546282254519671989521794686014303847379494078085655474073976769145261039502803124958874288758179938329437423023975551242326606524849170526490948813171332250347089625421942075488840415470543544912628314507675136284677304303007802687793379266573478181854065034563934769587365176313504238848085640441445968635532475156373336330557843411888380606408496394918477527870344135391558658622491480036751444255036790611482842525663612814140933183964759969717774220746006011495371816017208744890837754450259555989359681401161182643389371585832541233882146",
        "0.331155935233487256917251849111985332500639635687664829887718730593900196064633253535086399109890600275778119711146049637315776895745112848729859234850672314550614467996570536473304274425551968758346470243818122539223494464884367747951348166760788851823378558392381710772094456817166748378990935370651402615863127278869179285505008534568596775671498846469757997520052255521986572337687489532442729770876356982173641179863643190898437979570773343115356207240748031455958321648863223199879821769382262993458397452697807758367129371228399622708126504721381956606037955232383951300902717701785478092387122666434162742643105659576538415163058077836972756997185735674",
        "-0.881712007040899609014548201354890923934247171812117964873459060496393395749622342847115500209288769658122640704112691188960328256009290036707104463458777644358952354174542017443408520925590011422991174432389986368759070494219724295919321176052934033345421924109036702741427591233862433468095505585545199264724978320732073556896991769193963002328909602193200973353333046842397752556559371256296005933041301661225218453622589355153711397819303238342360919311106155574340279757802820122540551482985960112310757623605538423317572500735280038458479182393353248273061390736607914378159605259235828512101579576894351589608472217521950574507176170981185887099134012028",
    ]

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
