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
            ["1.39513009722524429016857367546", "0.199446168374876620427935157337", "-0.117614785366724957482191902122", "0.199446168374876620427935157337", "1.19926226908622499919428338282", "0.148294422911784607885920011927", "-0.117614785366724957482191902122", "0.148294422911784607885920011927", "0.981924399532061731498123902026"],
            ["0.140958867650413112592397979717", "0.0476427297409299731785741310283", "0.0523583715128019644908497186389", "0.0476427297409299731785741310283", "0.132060614181216910202298116942", "-0.120553904635170714748153194393", "0.0523583715128019644908497186389", "-0.120553904635170714748153194393", "-0.0773627885109450414435677993351"],
            ["0.0236148262488534928563144312763", "0.025090858849310071957759346593", "0.00331885200484072801473848725291", "0.025090858849310071957759346593", "-0.107641994415324904795107643162", "0.0469685033129412502574674538022", "0.00331885200484072801473848725291", "0.0469685033129412502574674538022", "0.134221490999687913016360121755"],
            ["-0.00313721553357920704417270590102", "-0.00289989680418867398437634211738", "-0.00218774584049093129297101086878", "-0.00289989680418867398437634211738", "0.0163769282783034611427781482518", "-0.0025607942474684137236651178032", "-0.00218774584049093129297101086878", "-0.0025607942474684137236651178032", "0.0162890909525135327672485145905"],
            ["-0.000332999965324795763816582224652", "0.0016910069052336039960465319609", "-0.00189707940344371332306622258438", "0.0016910069052336039960465319609", "-0.00859816815068802276044229970449", "0.00289759119662569377302559067129", "-0.00189707940344371332306622258438", "0.00289759119662569377302559067129", "-0.00988166757804149159055754150013"],
            ["0.000315316087926409742774966714607", "-0.000729518426913839383575877997816", "0.000634254461431702192749677581704", "-0.000729518426913839383575877997816", "0.00315910943050401768739824727606", "-0.00190827929983458394861579084892", "0.000634254461431702192749677581704", "-0.00190827929983458394861579084892", "-0.00205418375996224153136084249247"]]),
        ("-2/3", [
            ["0.683972136158848127659139926092", "-0.174556567013399526130969108961", "0.146197221990219035519835328859", "-0.174556567013399526130969108961", "0.846744915475543799299238880177", "-0.199004241781670551605542704382", "0.146197221990219035519835328859", "-0.199004241781670551605542704382", "1.08022042097246259788455876352"],
            ["-0.103401123853712817224142589717", "0.0342458794461651761816646102365", "-0.0833510723242005191274654016228", "0.0342458794461651761816646102365", "-0.167137241954071108227803797831", "0.168031931406201935046275052981", "-0.0833510723242005191274654016228", "0.168031931406201935046275052981", "0.0337760805897262708629174292342"],
            ["0.0104997982664056712733835167355", "-0.0540600606958016506618863745622", "-0.00274638524759462677974725982293", "-0.0540600606958016506618863745622", "0.172031813716932968263161562621", "-0.0705814840058033738848157198718", "-0.00274638524759462677974725982293", "-0.0705814840058033738848157198718", "-0.140212904273346017557970776897"],
            ["0.00136642388187803276679987108852", "0.0204341454395082460792467875346", "-0.000951838884400638310626855886768", "0.0204341454395082460792467875346", "-0.0758855619932156378266421845109", "0.0258173956673018788060074813568", "-0.000951838884400638310626855886768", "0.0258173956673018788060074813568", "-0.0661398759969680558939013384745"],
            ["0.00396341008801855458808955171179", "-0.0149419921221593167777647108869", "0.0146486609561809907032360724268", "-0.0149419921221593167777647108869", "0.0515081245989099342758381851767", "-0.0280928751575232585396033709342", "0.0146486609561809907032360724268", "-0.0280928751575232585396033709342", "0.0458086585187726490810018009904"],
            ["-0.00359435203891740723757700730906", "0.00953823889831703790214771183515", "-0.00608694408597880662369615743554", "0.00953823889831703790214771183515", "-0.0301867013924014621251883861387", "0.0181179105520130148046542776804", "-0.00608694408597880662369615743554", "0.0181179105520130148046542776804", "0.00907769152734863024785799597577"]]),
        ("3/2", [
            ["2.91938697497960812992166290513", "0.961449865564919588481532003101", "-0.406563459160573043895954773787", "0.961449865564919588481532003101", "1.94310481469031119137116865647", "0.458211561543932952537221237438", "-0.406563459160573043895954773787", "0.458211561543932952537221237438", "1.05581642274727835323444788114"],
            ["0.87882930132149126505616790673", "0.525914606189635188943958359817", "0.144585898224627943702634421655", "0.525914606189635188943958359817", "0.548340423424635809340680325941", "-0.402376237832463644315068624423", "0.144585898224627943702634421655", "-0.402376237832463644315068624423", "-0.371838516950727741010050160912"],
            ["0.279578617222051535847837029406", "0.0979401492236195907931796493893", "-0.0186838856478610237474500500042", "0.0979401492236195907931796493893", "-0.270592507950428907781966912924", "0.168677644413997055831613188811", "-0.0186838856478610237474500500042", "0.168677644413997055831613188811", "0.507735962155418969752781738212"],
            ["0.024096567712845275996429164934", "0.00760096776374850171135394367681", "0.0136233709411705406311155006946", "0.00760096776374850171135394367681", "-0.052754723454564393862814007379", "0.000143032290814253054105620267473", "0.0136233709411705406311155006946", "0.000143032290814253054105620267473", "-0.0574509767060936648006589663494"],
            ["0.00221615878186048094083461576376", "-0.002655134390630083612925350074", "0.00304701596162822646717038050823", "-0.002655134390630083612925350074", "0.0212706184269174925487981904703", "-0.000650322323040279395788408119916", "0.00304701596162822646717038050823", "-0.000650322323040279395788408119916", "0.0335887830503229475509409486999"],
            ["-0.000336113591956948996685461417209", "0.000372972671497688146035300466073", "-0.000686379363342336755125811664479", "0.000372972671497688146035300466073", "-0.00284068564158434511759604506303", "0.00183041217850513053578604230553", "-0.000686379363342336755125811664479", "0.00183041217850513053578604230553", "0.00290764447184417973622353182803"]])]

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

    /// Integer exponents (N = 1: no root) through the same block, against the recurrences of inv and of a
    /// product: X' = powm(A, -1) - inv(A) and Y' = powm(A, 2) - A @ A stay 0 for a symmetric A(t).
    @Test func integerPowersAgreeWithInverseAndProduct() throws {
        let system = try ODESystem(
            state: ["A", "X", "Y"].map { .init($0, shape: .matrix(2, 2)) },
            rightHandSides: ["C*(1 + t)", "powm(A, -1) - inv(A)", "powm(A, 2) - A @ A"].map { try ExpressionParser.parse($0) },
            parameters: [.init("C", shape: .matrix(2, 2))])
        var integrator = try TaylorIntegrator(system: system, parameters: ["C": [0.6, 0.2, 0.2, -0.3]], context: DoubleContext())
        let end = try integrator.integrate(initial: [2, 0.5, 0.5, 1] + [Double](repeating: 0, count: 8), from: 0, to: [1])[0]
        #expect(end[4...].allSatisfy { Swift.abs($0) < 1e-13 }, "\(end)")
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
        // A start whose symmetric part is indefinite has no square root: the step says so.
        var indefinite = try TaylorIntegrator(system: root, context: DoubleContext())
        #expect {
            _ = try indefinite.integrate(initial: [1, 0, 0, -1], from: 0, to: [1])
        } throws: { ($0 as? IntegrationError)?.message.contains("not positive definite at t = 0") == true }
        // A parameter exponent is read as the rational it holds: A' = -A^(1/3) from A(0) = a I gives
        // A(t) = (a^(2/3) - 2 t / 3)^(3/2) I.
        let parameterExponent = try ODESystem(state: [.init("A", shape: .matrix(2, 2))], rightHandSides: [ExpressionParser.parse("-powm(A, p)")],
                                              parameters: [.init("p")])
        var integrator = try TaylorIntegrator(system: parameterExponent, parameters: ["p": [1.0 / 3]], context: DoubleContext())
        let end = try integrator.integrate(initial: [8, 0, 0, 8], from: 0, to: [1])[0]
        let exact = Foundation.pow(4 - 2.0 / 3, 1.5)
        #expect(relativeError(end[0], exact) < 1e-12 && Swift.abs(end[1]) < 1e-14 && relativeError(end[3], exact) < 1e-12)
    }

    /// expm of a constant matrix is a constant of the tape (expm of a varying one: `MatrixExponentialSeriesTests`).
    @Test func expmOfAConstantMatrixIsAConstant() throws {
        let constant = try ODESystem(state: [.init("A", shape: .matrix(2, 2))], rightHandSides: [ExpressionParser.parse("expm(C) @ A")],
                                     parameters: [.init("C", shape: .matrix(2, 2))])
        // With C = 0, expm(C) = I and A(t) = A0 e^t.
        var integrator = try TaylorIntegrator(system: constant, parameters: ["C": [0, 0, 0, 0]], context: DoubleContext())
        let end = try integrator.integrate(initial: [1, 2, 3, 4], from: 0, to: [1])[0]
        for (x, x0) in zip(end, [1.0, 2, 3, 4]) { #expect(relativeError(x, x0 * 2.718281828459045) < 1e-12) }
    }
}
