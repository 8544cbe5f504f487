@testable import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckNumbers
import Testing
import Foundation
import PhasecheckTestSupport

/// inv and det of a time-varying matrix inside a right-hand side go through the Taylor recurrences
/// B_k = -B_0 sum_{j>=1} A_j B_{k-j} and k d_k = sum_m u_m d_{k-1-m} (u = tr(A^-1 A')).
@Suite struct MatrixFunctionRecurrenceTests {
    /// A' = C, X' = inv(A), y' = det(A), A(0) = A0, X(0) = 0, y(0) = 0: X(1) = int_0^1 inv(A0 + s C) ds and
    /// y(1) = int_0^1 det(A0 + s C) ds. References: mpmath 1.3 at mp.dps = 60 (45 digits printed),
    ///     A0 = matrix([[2, 0.5], [-0.3, 1.5]]); C = matrix([[0.4, -0.2], [0.1, 0.3]])
    ///     quad(lambda s: inverse(A0 + s*C)[i, j], [0, 1]); quad(lambda s: det(A0 + s*C), [0, 1])
    static let inverseIntegral = ["0.442768259415812629817154783989733772882454924", "-0.109357147021452055279018960012397434036392589",
                                  "0.0681631063984591545891913294286060486612417122", "0.590357679221083506422873045319645030509939898"]
    static let determinantIntegral = "3.74166666666666666666666666666666666666666667"

    static func system() throws -> ODESystem {
        try ODESystem(state: [.init("A", shape: .matrix(2, 2)), .init("X", shape: .matrix(2, 2)), .init("y")],
                      rightHandSides: [ExpressionParser.parse("C"), ExpressionParser.parse("inv(A)"), ExpressionParser.parse("det(A)")],
                      parameters: [.init("C", shape: .matrix(2, 2))])
    }

    @Test(arguments: [53, 128]) func integralsOfTheInverseAndTheDeterminantMatchMpmath(bits: Int) throws {
        let context = MPFRContext(precision: bits)
        let c = ["0.4", "-0.2", "0.1", "0.3"].map { big($0, bits) }
        let a0 = ["2", "0.5", "-0.3", "1.5"].map { big($0, bits) }
        var integrator = try TaylorIntegrator(system: Self.system(), parameters: ["C": c], context: context)
        let initial = a0 + [BigFloat](repeating: context.constant(0), count: 5)
        let end = try integrator.integrate(initial: initial, from: context.constant(0), to: [context.constant(1)])[0]
        let digits = Double(bits) * 0.301 - 4
        for (x, reference) in zip(end[4..<8], Self.inverseIntegral) {
            #expect(agreementDigits(relativeError(x, big(reference, bits + 64))) > digits, "X(1): \(x) vs mpmath \(reference)")
        }
        #expect(agreementDigits(relativeError(end[8], big(Self.determinantIntegral, bits + 64))) > digits)
    }

    /// Taylor coefficients of orders 0..5 at t = 0 of sqrtm(S), powm(S, -2/3) and powm(S, 3/2) for the
    /// symmetric part S of A(t) = A0 + C1 t + C2 t^2 (3 x 3, A0 symmetric positive definite, C1 not
    /// symmetric), row-major. Reference: Tests/DerivationsTests/Fixtures/matrix_power_series.mpmath.py (mpmath 1.3
    /// at 60 digits: its sqrtm and powm differentiated numerically by mpmath.taylor; 30 digits printed).
    static let seriesReference: [(exponent: String, coefficients: [[String]])] = [
        ("sqrtm", [
            ["1.39513009722524429025843894194", "0.199446168374876620099273577832", "-0.117614785366724956973553085595", "0.199446168374876620099273577832", "1.19926226908622499989940571416", "0.148294422911784602625598692802", "-0.117614785366724956973553085595", "0.148294422911784602625598692802", "0.981924399532061732353484823891"],
            ["0.140958867650413121756241441612", "0.0476427297409299663648778868616", "0.0523583715128019674428462364584", "0.0476427297409299663648778868616", "0.132060614181216906080920304447", "-0.120553904635170714486170554339", "0.0523583715128019674428462364584", "-0.120553904635170714486170554339", "-0.0773627885109450473884021696386"],
            ["0.0236148262488534936190066012395", "0.0250908588493100742470180274298", "0.00331885200484072684404043362184", "0.0250908588493100742470180274298", "-0.107641994415324909159710807414", "0.0469685033129412533479363246902", "0.00331885200484072684404043362184", "0.0469685033129412533479363246902", "0.134221490999687906295455758301"],
            ["-0.00313721553357920707082164173803", "-0.00289989680418867469038792429821", "-0.00218774584049093102016872923844", "-0.00289989680418867469038792429821", "0.016376928278303461776577461412", "-0.00256079424746841433282328237415", "-0.00218774584049093102016872923844", "-0.00256079424746841433282328237415", "0.0162890909525135335675828904739"],
            ["-0.000332999965324795837853912552003", "0.00169100690523360432202346833668", "-0.00189707940344371338105159522758", "0.00169100690523360432202346833668", "-0.00859816815068802345235910743346", "0.00289759119662569403692142493256", "-0.00189707940344371338105159522758", "0.00289759119662569403692142493256", "-0.00988166757804149075781816277167"],
            ["0.000315316087926409796172118065361", "-0.000729518426913839518938322165135", "0.000634254461431702244317201074539", "-0.000729518426913839518938322165135", "0.00315910943050401795005893189877", "-0.00190827929983458406285916399521", "0.000634254461431702244317201074539", "-0.00190827929983458406285916399521", "-0.00205418375996224143472810899773"]]),
        ("-2/3", [
            ["0.683972136158848127064257299627", "-0.174556567013399524626529095355", "0.146197221990219033425247348074", "-0.174556567013399524626529095355", "0.846744915475543796297838513277", "-0.199004241781670544403731701509", "0.146197221990219033425247348074", "-0.199004241781670544403731701509", "1.08022042097246259375774941142"],
            ["-0.103401123853712825631441502296", "0.0342458794461651819864890019676", "-0.0833510723242005227670302892433", "0.0342458794461651819864890019676", "-0.167137241954071104265490788119", "0.168031931406201933006559151773", "-0.0833510723242005227670302892433", "0.168031931406201933006559151773", "0.0337760805897262807312749174192"],
            ["0.0104997982664056745754038695056", "-0.0540600606958016559386142856266", "-0.00274638524759462172107536060462", "-0.0540600606958016559386142856266", "0.172031813716932972436864899548", "-0.0705814840058033794909365106329", "-0.00274638524759462172107536060462", "-0.0705814840058033794909365106329", "-0.140212904273346003886152880951"],
            ["0.00136642388187803110127876511533", "0.0204341454395082499002231661056", "-0.000951838884400640702589749352103", "0.0204341454395082499002231661056", "-0.0758855619932156410723031725881", "0.0258173956673018823089041590972", "-0.000951838884400640702589749352103", "0.0258173956673018823089041590972", "-0.0661398759969680605482017716009"],
            ["0.00396341008801855548110722351655", "-0.0149419921221593192186859334423", "0.0146486609561809913397608037494", "-0.0149419921221593192186859334423", "0.0515081245989099379310739822463", "-0.0280928751575232602231626665825", "0.0146486609561809913397608037494", "-0.0280928751575232602231626665825", "0.045808658518772644936429237613"],
            ["-0.00359435203891740788803777925063", "0.00953823889831703939970259434708", "-0.00608694408597880729496822083715", "0.00953823889831703939970259434708", "-0.0301867013924014645169416704234", "0.0181179105520130160179054106722", "-0.00608694408597880729496822083715", "0.0181179105520130160179054106722", "0.00907769152734862929754452118873"]]),
        ("3/2", [
            ["2.9193869749796081298099029442", "0.961449865564919589491850339546", "-0.406563459160573045722678030761", "0.961449865564919589491850339546", "1.9431048146903111890400261406", "0.458211561543932934256116175556", "-0.406563459160573045722678030761", "0.458211561543932934256116175556", "1.05581642274727835073815387573"],
            ["0.878829301321491306263857238767", "0.525914606189635157953974231983", "0.144585898224627950830359012765", "0.525914606189635157953974231983", "0.548340423424635785993730435176", "-0.402376237832463644748575275026", "0.144585898224627950830359012765", "-0.402376237832463644748575275026", "-0.371838516950727756635443617019"],
            ["0.279578617222051552326330683753", "0.0979401492236195915208039639096", "-0.0186838856478610199373541681023", "0.0979401492236195915208039639096", "-0.270592507950428930323985005866", "0.168677644413997063638178359506", "-0.0186838856478610199373541681023", "0.168677644413997063638178359506", "0.507735962155418955950679905958"],
            ["0.0240965677128452777831283732751", "0.00760096776374850347437916475748", "0.0136233709411705404507128938099", "0.00760096776374850347437916475748", "-0.0527547234545643957597165086405", "0.000143032290814254687537599256746", "0.0136233709411705404507128938099", "0.000143032290814254687537599256746", "-0.0574509767060936668076439605261"],
            ["0.00221615878186048120361337263645", "-0.00265513439063008408958957251246", "0.00304701596162822661301687132758", "-0.00265513439063008408958957251246", "0.0212706184269174946104753981189", "-0.000650322323040280048697391360038", "0.00304701596162822661301687132758", "-0.000650322323040280048697391360038", "0.0335887830503229453350341731246"],
            ["-0.000336113591956949050197604336135", "0.000372972671497688240865869802138", "-0.000686379363342336788073905816956", "0.000372972671497688240865869802138", "-0.00284068564158434537248956996158", "0.00183041217850513062909652694482", "-0.000686379363342336788073905816956", "0.00183041217850513062909652694482", "0.00290764447184417965185879397"]])]

    /// A' = C1 + 2 t C2 makes A(t) = A0 + C1 t + C2 t^2, and X' = f(A) makes (k + 1) X_{k+1} the coefficient
    /// f_k of f(A(t)): the recurrences of `MatrixPowerBlock` (a Sylvester equation per order for sqrtm, the
    /// N-th root's equation and then powers for powm) against mpmath's sqrtm and powm differentiated
    /// numerically, orders 0..5, in Double and in MPFR.
    @Test(arguments: [53, 128]) func taylorCoefficientsOfMatrixPowersMatchMpmath(bits: Int) throws {
        let system = try ODESystem(
            state: ["A", "X", "Y", "Z"].map { .init($0, shape: .matrix(3, 3)) },
            rightHandSides: ["C1 + 2*t*C2", "sqrtm(A)", "powm(A, -2/3)", "powm(A, 3/2)"].map { try ExpressionParser.parse($0) },
            parameters: [.init("C1", shape: .matrix(3, 3)), .init("C2", shape: .matrix(3, 3))])
        let context = MPFRContext(precision: bits)
        func values(_ entries: [String]) -> [BigFloat] { entries.map { big($0, bits) } }
        let parameters = ["C1": values(["0.4", "-0.2", "0.1", "0.6", "0.3", "0", "0.1", "-0.5", "-0.2"]),
                          "C2": values(["0.1", "0.05", "0", "0.05", "-0.2", "0.1", "0", "0.1", "0.3"])]
        var integrator = try TaylorIntegrator(system: system, parameters: parameters, context: context, order: 8)
        let a0 = values(["2", "0.5", "-0.25", "0.5", "1.5", "0.3", "-0.25", "0.3", "1"])
        let finished = integrator.engine.computeCoefficients(state: a0 + [BigFloat](repeating: context.constant(0), count: 27), time: context.constant(0))
        #expect(finished)
        let tolerance = bits == 53 ? 1e-12 : 1e-25
        for (block, reference) in Self.seriesReference.enumerated() {
            for (k, row) in reference.coefficients.enumerated() {
                let computed = (0..<9).map { integrator.engine.stateCoefficient(9 * (block + 1) + $0, k + 1) * context.constant(k + 1) }
                let expected = row.map { big($0, bits + 64) }
                let scale = expected.map { BigFloat.abs($0).doubleValue }.max()!
                let error = zip(computed, expected).map { BigFloat.abs($0 - $1).doubleValue }.max()!
                #expect(error <= tolerance * scale, "\(reference.exponent), order \(k): error \(error) at scale \(scale)")
            }
        }
    }

    /// The Taylor integrator takes powm of a varying matrix for a rational exponent with a small denominator
    /// only, and no validated (interval) step of sqrtm or powm: the verifier then keeps its non-validated
    /// estimate (`ValidationRefusal`).
    @Test func matrixPowersOfTheStateAreRefusedWhereThereIsNoRecurrence() throws {
        let irrational = try ODESystem(state: [.init("A", shape: .matrix(2, 2))], rightHandSides: [ExpressionParser.parse("-powm(A, 0.37)")])
        #expect {
            _ = try TaylorIntegrator(system: irrational, context: DoubleContext())
        } throws: { ($0 as? IntegrationError)?.message.contains("rational exponent m/N with N <= 12") == true }
        let root = try ODESystem(state: [.init("A", shape: .matrix(2, 2))], rightHandSides: [ExpressionParser.parse("-sqrtm(A)")])
        #expect {
            _ = try TaylorIntegrator(system: root, context: IntervalContext(precision: 64))
        } throws: { ($0 as? ValidationRefusal)?.message.contains("no validated (interval) Taylor step") == true }
        // A parameter exponent is read as the rational it holds: A' = -A^(1/3) from A(0) = a I gives
        // A(t) = (a^(2/3) - 2 t / 3)^(3/2) I.
        let parameterExponent = try ODESystem(state: [.init("A", shape: .matrix(2, 2))], rightHandSides: [ExpressionParser.parse("-powm(A, p)")],
                                              parameters: [.init("p")])
        var integrator = try TaylorIntegrator(system: parameterExponent, parameters: ["p": [1.0 / 3]], context: DoubleContext())
        let end = try integrator.integrate(initial: [8, 0, 0, 8], from: 0, to: [1])[0]
        let exact = Foundation.pow(4 - 2.0 / 3, 1.5)
        #expect(relativeError(end[0], exact) < 1e-12 && Swift.abs(end[1]) < 1e-14 && relativeError(end[3], exact) < 1e-12)
    }

    /// expm of a matrix that changes along the integration is refused when the integrator is set up, with
    /// the reason; of a constant matrix it is fine.
    @Test func otherMatrixFunctionsOfTheStateAreRefusedUpFront() throws {
        let refused = try ODESystem(state: [.init("A", shape: .matrix(2, 2))], rightHandSides: [ExpressionParser.parse("expm(A)")])
        do {
            _ = try TaylorIntegrator(system: refused, context: DoubleContext())
            Issue.record("expm of the state was accepted")
        } catch let error as IntegrationError {
            #expect(error.message.contains("`expm` of a matrix that changes with the state or the time cannot be integrated"))
        }
        let constant = try ODESystem(state: [.init("A", shape: .matrix(2, 2))], rightHandSides: [ExpressionParser.parse("expm(C) @ A")],
                                     parameters: [.init("C", shape: .matrix(2, 2))])
        // With C = 0, expm(C) = I and A(t) = A0 e^t.
        var integrator = try TaylorIntegrator(system: constant, parameters: ["C": [0, 0, 0, 0]], context: DoubleContext())
        let end = try integrator.integrate(initial: [1, 2, 3, 4], from: 0, to: [1])[0]
        for (x, x0) in zip(end, [1.0, 2, 3, 4]) { #expect(relativeError(x, x0 * 2.718281828459045) < 1e-12) }
    }
}
