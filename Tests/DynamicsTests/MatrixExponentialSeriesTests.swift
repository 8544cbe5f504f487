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
    /// matrix), agreeing with mpmath.taylor of mpmath's expm to 1e-62; 30 digits printed.
    static let seriesReference: [[String]] = [
        ["2.93901770496972945515475119273", "-0.791157694082709563629548487962", "0.448726534821697184813481716389", "0.507931845224466069163252786964", "0.742475096019159452734986485027", "1.3262160150272526047970439738", "-0.436611289576844222111354520058", "1.1214736080988689797434880632", "2.41112227030742443634809723039"],
        ["0.778813109269427494248945226079", "-0.586098423518093207609228125243", "0.0436180654409354811520031498804", "1.13944908295305775220296387189", "-0.359852538984926703776381812922", "0.0202169757623252860148563349668", "0.5172631542773369868481619775", "-0.705790571118995312161393997952", "-0.741012882036006017998475354071"],
        ["0.497854171461040181526908928438", "-0.0427071626607566016473232213479", "0.141052605051023486008541473348", "-0.343577699247527356806917290942", "0.00608920464444978854635637120491", "0.266689667749543520704941985851", "-0.559497245137784943183617021072", "0.349550055856756062757857904095", "0.820972214687007884458608162128"],
        ["0.259057374601934544740341592717", "-0.0301060948829267529372607313044", "0.0267612937866541374022186351043", "-0.0118862215135816762209640820517", "0.0170301800536048242784303082284", "-0.0439988416595590362582866838625", "0.231188377549085886446373237664", "-0.118901628015447805497548192059", "-0.227130579547925161863883591546"],
        ["0.0558214954717757527550307566835", "-0.00811042580866816266508727211588", "0.0240003889470096533919256331733", "-0.0176981281320102813805104913999", "0.0215790711521507859615716414292", "0.0359175446465266970520903468307", "-0.0810030924897963945263359835499", "0.0461796219422770710538857322423", "0.146291874628179400102217600143"],
        ["0.0153771437389837034045903147457", "-0.00167247623374179647330821974926", "0.00339215337326506702429946078641", "-0.000877573840377344464021308830543", "-0.00491278033678637450008404881341", "-0.00727517966704579134270398519528", "0.026894313749166346967505739725", "-0.0166283443236192162845623470228", "-0.0363473878873457556827484718365"],
        ["0.0032960452408070102248061488899", "0.000354838833627071132466046939266", "0.00214169897010222552817670436982", "-0.0044768173183819965063508252556", "0.00106398397093144477649795916047", "0.00359754629193816416591290237611", "-0.00851130875840208353992329304798", "0.00569179231039294889426340382671", "0.0170432175427037222993835186485"]]
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
            // 30 digits printed: at 160 bits the reference's own rounding (5e-31 of an entry) is the floor.
            let error = zip(computed, expected).map { BigFloat.abs($0 - $1).doubleValue }.max()!
            #expect(error <= Swift.max(tolerance, 1e-30) * scale, "order \(k): error \(error) at scale \(scale)")
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
        } throws: { ($0 as? IntegrationError)?.message.contains("`expm` of a matrix of norm over 2^19 at t = 0") == true }
    }
}
