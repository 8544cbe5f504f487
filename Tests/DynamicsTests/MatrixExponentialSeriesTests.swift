@testable import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckNumbers
import Testing
import Foundation
import PhasecheckTestSupport

/// expm of a matrix that changes along the flow, through the Taylor integrator (`MatrixExponentialBlock`:
/// scaling and squaring on matrix Taylor series), for A(t) that does not commute with A'(t). References:
/// Tests/DerivationsTests/Fixtures/matrix_exponential_series.mpmath.py (its output next to it, .out).
@Suite struct MatrixExponentialSeriesTests {
    /// Taylor coefficients E_0..E_6 at t = 0 of expm(A0 + C1 t + C2 t^2) (3 x 3, row-major): mpmath 1.3 at 60
    /// digits by the block-Toeplitz identity (the first block row of expm of the 21 x 21 block Toeplitz
    /// matrix), agreeing with mpmath.taylor of mpmath's expm to 1e-62; 45 digits printed.
    static let seriesReference: [[String]] = [
        ["2.93901770496972945515475119273063513006222967", "-0.791157694082709563629548487961652699937746725", "0.448726534821697184813481716389325891035163132", "0.507931845224466069163252786963665848158052724", "0.742475096019159452734986485026664799896103958", "1.32621601502725260479704397379585365349067476", "-0.436611289576844222111354520057645058921963488", "1.12147360809886897974348806320229867672713067", "2.41112227030742443634809723039484526228936231"],
        ["0.778813109269427494248945226079318752453413845", "-0.5860984235180932076092281252434293769113158", "0.0436180654409354811520031498804202521258771038", "1.13944908295305775220296387189359521988033984", "-0.35985253898492670377638181292150935945491983", "0.0202169757623252860148563349667705534370236125", "0.51726315427733698684816197750028633621873007", "-0.705790571118995312161393997952160767074144206", "-0.741012882036006017998475354071008486590919417"],
        ["0.497854171461040181526908928437634879420169965", "-0.042707162660756601647323221347913479237908158", "0.141052605051023486008541473347888976819403009", "-0.34357769924752735680691729094216323228232091", "0.00608920464444978854635637120491126562766221538", "0.266689667749543520704941985850721937072884382", "-0.559497245137784943183617021071919333180244276", "0.349550055856756062757857904094576723764027325", "0.82097221468700788445860816212790750830195569"],
        ["0.259057374601934544740341592716995101321839969", "-0.0301060948829267529372607313043677077022865093", "0.026761293786654137402218635104257619785614671", "-0.0118862215135816762209640820517044837108566868", "0.017030180053604824278430308228380131085519691", "-0.0439988416595590362582866838624580418822455987", "0.231188377549085886446373237664165848853179633", "-0.118901628015447805497548192058766244233034521", "-0.22713057954792516186388359154623828908942684"],
        ["0.0558214954717757527550307566835435120622651146", "-0.00811042580866816266508727211588374058435745313", "0.0240003889470096533919256331732858965677872213", "-0.0176981281320102813805104913999456490934442455", "0.0215790711521507859615716414291516288834659183", "0.0359175446465266970520903468307497166604335533", "-0.0810030924897963945263359835499101463771042578", "0.0461796219422770710538857322422779581274070396", "0.146291874628179400102217600142565158208745819"],
        ["0.0153771437389837034045903147457438824128917949", "-0.00167247623374179647330821974925727304497816314", "0.00339215337326506702429946078641003390750076633", "-0.000877573840377344464021308830543419545880003697", "-0.004912780336786374500084048813412069445869417", "-0.00727517966704579134270398519527678523062180859", "0.0268943137491663469675057397249552790741840637", "-0.0166283443236192162845623470227987839183020178", "-0.0363473878873457556827484718365283033312052916"],
        ["0.00329604524080701022480614888990388465199255625", "0.000354838833627071132466046939266350495929840548", "0.00214169897010222552817670436981778732945557703", "-0.00447681731838199650635082525559617216662319304", "0.00106398397093144477649795916046995100282145299", "0.00359754629193816416591290237611115646552745757", "-0.00851130875840208353992329304797615515285473862", "0.00569179231039294889426340382670564603020469099", "0.017043217542703722299383518648497092851001574"]]
    /// X' = expm(X) @ J, J = [[0, 1], [-1, 0]], X(0) = [[0.1, 0.2], [0, 0.3]]: X(1) by mpmath's Taylor odefun at 40 digits.
    static let endValue = ["-0.446571677610192407894375757273", "0.909720026166856913325679365732", "-0.95285638029471517871345786967", "-0.167037681551473272378175421023"]
    /// X' = expm(t B), X(0) = 0, B = [[0.5, 3], [-2.5, -1]]: X(2) = B^-1 (expm(2B) - I) in mpmath at 40 digits
    /// (mpmath's quadrature of expm(s B) agrees to 1e-42).
    static let quadratureValue = ["-0.0915051191453126004561184270245", "0.312463694047516725544304426145", "-0.260386411706263937953587021788", "-0.247736966169070963228270640097"]

    static let a0 = ["1.2", "-0.7", "0.4", "0.5", "-0.8", "1.1", "-0.3", "0.9", "0.6"]
    static let c1 = ["0.4", "-0.2", "0.1", "0.6", "0.3", "0", "0.1", "-0.5", "-0.2"]
    static let c2 = ["0.1", "0.05", "0", "-0.35", "-0.2", "0.1", "0", "0.1", "0.3"]

    /// A' = C1 + 2 t C2 makes A(t) = A0 + C1 t + C2 t^2, and X' = expm(A) makes (k + 1) X_(k+1) the coefficient
    /// E_k of expm(A(t)).
    static func seriesSystem() throws -> ODESystem {
        try ODESystem(state: ["A", "X"].map { .init($0, shape: .matrix(3, 3)) },
                      rightHandSides: ["C1 + 2*t*C2", "expm(A)"].map { try ExpressionParser.parse($0) },
                      parameters: [.init("C1", shape: .matrix(3, 3)), .init("C2", shape: .matrix(3, 3))])
    }

    @Test func taylorCoefficientsInDoubleMatchMpmath() throws {
        var integrator = try TaylorIntegrator(system: Self.seriesSystem(), parameters: ["C1": Self.c1.map { Double($0)! }, "C2": Self.c2.map { Double($0)! }],
                                              context: DoubleContext(), order: 8)
        let finished = integrator.engine.computeCoefficients(state: Self.a0.map { Double($0)! } + [Double](repeating: 0, count: 9), time: 0)
        #expect(finished)
        for (k, row) in Self.seriesReference.enumerated() {
            let computed = (0..<9).map { integrator.engine.stateCoefficient(9 + $0, k + 1) * Double(k + 1) }
            let expected = row.map { Double($0)! }
            let scale = expected.map(Swift.abs).max()!
            let error = zip(computed, expected).map { Swift.abs($0 - $1) }.max()!
            #expect(error <= 1e-13 * scale, "order \(k): error \(error) at scale \(scale)")
        }
    }

    @Test(arguments: [53, 160]) func taylorCoefficientsInMPFRMatchMpmath(bits: Int) throws {
        let context = MPFRContext(precision: bits)
        var integrator = try TaylorIntegrator(system: Self.seriesSystem(), parameters: ["C1": Self.c1.map { big($0, bits) }, "C2": Self.c2.map { big($0, bits) }],
                                              context: context, order: 8)
        let finished = integrator.engine.computeCoefficients(state: Self.a0.map { big($0, bits) } + [BigFloat](repeating: context.constant(0), count: 9),
                                                             time: context.constant(0))
        #expect(finished)
        let tolerance = bits == 53 ? 1e-13 : 1e-44
        for (k, row) in Self.seriesReference.enumerated() {
            let computed = (0..<9).map { integrator.engine.stateCoefficient(9 + $0, k + 1) * context.constant(k + 1) }
            let expected = row.map { big($0, bits + 64) }
            let scale = expected.map { BigFloat.abs($0).doubleValue }.max()!
            let error = zip(computed, expected).map { BigFloat.abs($0 - $1).doubleValue }.max()!
            #expect(error <= tolerance * scale, "order \(k): error \(error) at scale \(scale)")
        }
    }

    /// The ODE of the issue, X' = expm(X) @ J, integrated to t = 1 against mpmath's odefun: 13 digits in Double,
    /// 30 (all printed) at 128 bits.
    @Test(arguments: [53, 128]) func aFlowWithTheExponentialOfItsStateMatchesMpmath(bits: Int) throws {
        let system = try ODESystem(state: [.init("X", shape: .matrix(2, 2))], rightHandSides: [ExpressionParser.parse("expm(X) @ J")],
                                   parameters: [.init("J", shape: .matrix(2, 2))])
        let context = MPFRContext(precision: bits)
        var integrator = try TaylorIntegrator(system: system, parameters: ["J": [0, 1, -1, 0].map { context.constant($0) }], context: context)
        let end = try integrator.integrate(initial: ["0.1", "0.2", "0", "0.3"].map { big($0, bits) }, from: context.constant(0), to: [context.constant(1)])[0]
        for (x, reference) in zip(end, Self.endValue) {
            #expect(agreementDigits(relativeError(x, big(reference, 256))) > (bits == 53 ? 13 : 29), "X(1): \(x) vs mpmath \(reference)")
        }
    }

    /// expm(t B) from t = 0 (A_0 = 0, so few squarings): the step is cut where the scaling's bound on A over the
    /// step binds, and the quadrature matches the closed form.
    @Test func theExponentialOfTimeTimesAMatrixIntegratesToItsClosedForm() throws {
        let system = try ODESystem(state: [.init("X", shape: .matrix(2, 2))], rightHandSides: [ExpressionParser.parse("expm(t*B)")],
                                   parameters: [.init("B", shape: .matrix(2, 2))])
        var integrator = try TaylorIntegrator(system: system, parameters: ["B": [0.5, 3, -2.5, -1]], context: DoubleContext())
        let end = try integrator.integrate(initial: [0, 0, 0, 0], from: 0, to: [2])[0]
        for (x, reference) in zip(end, Self.quadratureValue) { #expect(Swift.abs(x - Double(reference)!) < 1e-13, "X(2): \(x) vs \(reference)") }
    }

    /// No validated (interval) step of expm of a varying matrix (the verifier keeps its non-validated estimate
    /// and decides nothing FAILS on it), and a matrix too large for the squarings is named.
    @Test func theIntervalStepRefusesAndAHugeArgumentIsNamed() throws {
        let system = try ODESystem(state: [.init("X", shape: .matrix(2, 2))], rightHandSides: [ExpressionParser.parse("expm(X) @ J")],
                                   parameters: [.init("J", shape: .matrix(2, 2))])
        #expect {
            _ = try TaylorIntegrator(system: system, parameters: ["J": [0, 1, -1, 0].map { BigInterval(BigFloat($0, precision: 64)) }],
                                     context: IntervalContext(precision: 64))
        } throws: { ($0 as? ValidationRefusal)?.message.contains("`expm` of a matrix that changes along the flow has no validated (interval) Taylor step") == true }
        var integrator = try TaylorIntegrator(system: system, parameters: ["J": [0, 1, -1, 0]], context: DoubleContext())
        #expect {
            _ = try integrator.integrate(initial: [-1e6, 0, 0, -1e6], from: 0, to: [1])
        } throws: { ($0 as? IntegrationError)?.message.contains("`expm` of a matrix of norm over 2^11 at t = 0") == true }
    }
}
