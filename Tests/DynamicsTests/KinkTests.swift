import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckNumbers
import Testing

/// Right-hand sides with abs, min and max (x/abs(x) for a sign): integrated piecewise, against solutions
/// derived by hand on each branch, and against mpmath for a ReLU network.
@Suite struct KinkTests {
    /// A scalar system x' = rhs(x, t) integrated from t = 0 at `bits`, with its switching events.
    func solve(_ rhs: String, from x0: String, to times: [String], bits: Int = 200)
        throws -> (values: [BigFloat], switches: [BigFloat]) {
        let system = try ODESystem(state: [.init("x")], rightHandSides: [ExpressionParser.parse(rhs)])
        let context = MPFRContext(precision: bits)
        var integrator = try TaylorIntegrator(system: system, context: context)
        let states = try integrator.integrate(initial: [big(x0, bits)], from: context.constant(0),
                                              to: times.map { big($0, bits) })
        return (states.map { $0[0] }, integrator.switchingEvents.map(\.time))
    }

    /// |x - reference|, the reference computed at 64 more bits.
    func error(_ x: BigFloat, _ reference: BigFloat) -> Double {
        BigFloat.abs(x.rounded(toPrecision: reference.precision) - reference).doubleValue
    }

    // x' = 1 + |x|, x(0) = -2 (issue 10 item 4). While x < 0: x' = 1 - x, so x = 1 - 3 e^-t, which reaches 0
    // at t1 = ln 3. After it, x > 0: x' = 1 + x with x(t1) = 0, so x = e^(t - t1) - 1 = e^t / 3 - 1; at t = 2,
    // x = e^2/3 - 1 = 1.46301869964355007574...
    static let bits = 200, referenceBits = 264
    static func r(_ text: String) -> BigFloat { big(text, referenceBits) }
    static let lnThree = BigFloat.log(r("3"))
    static let absAtTwo = BigFloat.exp(r("2")) / r("3") - r("1")

    @Test func absKinkMatchesTheSolutionDerivedOnEachBranch() throws {
        let (x, switches) = try solve("1 + abs(x)", from: "-2", to: ["0.5", "2"])
        #expect(error(x[0], Self.r("1") - Self.r("3") * BigFloat.exp(Self.r("-0.5"))) < 1e-55)
        #expect(error(x[1], Self.absAtTwo) < 1e-55, "x(2) = \(x[1])")
        #expect(switches.count == 1)
        #expect(error(try #require(switches.first), Self.lnThree) < 1e-55, "switch at \(switches)")
        // In Double, the same to about 1e-14; the pre-fix integrator printed 0.5939941502901619.
        let system = try ODESystem(state: [.init("x")], rightHandSides: [ExpressionParser.parse("1 + abs(x)")])
        var double = try TaylorIntegrator(system: system, context: DoubleContext())
        let value = try double.integrate(initial: [-2], from: 0, to: [2])[0][0]
        #expect(Swift.abs(value - Self.absAtTwo.doubleValue) < 1e-13, "Double: \(value)")
    }

    @Test func absKinkBackwardReturnsToTheInitialValue() throws {
        let bits = Self.bits
        let system = try ODESystem(state: [.init("x")], rightHandSides: [ExpressionParser.parse("1 + abs(x)")])
        let context = MPFRContext(precision: bits)
        var integrator = try TaylorIntegrator(system: system, context: context)
        let start = Self.absAtTwo.rounded(toPrecision: bits)
        let back = try integrator.integrate(initial: [start], from: context.constant(2), to: [context.constant(0)])
        #expect(error(back[0][0], Self.r("-2")) < 1e-55)
        #expect(error(try #require(integrator.switchingEvents.first?.time), Self.lnThree) < 1e-55)
        #expect(integrator.switchingEvents.first?.function == .abs && integrator.switchingEvents.first?.branch == -1)
    }

    /// Planted errors the integration must tell apart: the smooth continuation of the first branch
    /// (x = 1 - 3 e^-t as if abs were not there), the value printed before the fix, and a switching time
    /// off by 10^-20.
    @Test func plantedErrorsAreRejected() throws {
        let (x, switches) = try solve("1 + abs(x)", from: "-2", to: ["2"])
        let smooth = Self.r("1") - Self.r("3") * BigFloat.exp(Self.r("-2"))
        #expect(error(x[0], smooth) > 0.1)
        #expect(error(x[0], Self.r("0.593994150290161924318001515083")) > 0.1)
        let plantedSwitch = Self.lnThree + Self.r("1e-20")
        #expect(error(switches[0], plantedSwitch) > 1e-21)
        #expect(error(switches[0], Self.lnThree) < 1e-55)
    }

    // x' = min(1, x), x(0) = 1/2: x = e^t/2 until it reaches 1 at t = ln 2, then x' = 1: x(2) = 3 - ln 2.
    // x' = -max(x, 2x - 1), x(0) = 3: while x > 1, x' = 1 - 2x, x = 1/2 + (5/2) e^-2t, reaching 1 at
    // t1 = ln(5)/2; then x' = -x: x(2) = e^(t1 - 2) = sqrt(5) e^-2.
    @Test func minAndMaxKinks() throws {
        let (low, lowSwitches) = try solve("min(1, x)", from: "0.5", to: ["2"])
        #expect(error(low[0], Self.r("3") - BigFloat.log(Self.r("2"))) < 1e-55)
        #expect(lowSwitches.count == 1 && error(lowSwitches[0], BigFloat.log(Self.r("2"))) < 1e-55)
        let (high, highSwitches) = try solve("-max(x, 2*x - 1)", from: "3", to: ["2"])
        #expect(error(high[0], BigFloat.sqrt(Self.r("5")) * BigFloat.exp(Self.r("-2"))) < 1e-55)
        #expect(highSwitches.count == 1 && error(highSwitches[0], BigFloat.log(Self.r("5")) / Self.r("2")) < 1e-55)
    }

    // sign(x) written x/abs(x). x' = 2 - sign(x), x(0) = -1: x = -1 + 3t until t = 1/3, then x' = 1:
    // x(1) = 2/3. x' = sign(t - 1), x(0) = 0: x = -t until t = 1, then x = t - 2: x(1.5) = -1/2, x(2) = 0.
    @Test func signKinks() throws {
        let (x, switches) = try solve("2 - x/abs(x)", from: "-1", to: ["1"])
        #expect(error(x[0], Self.r("2") / Self.r("3")) < 1e-55)
        #expect(switches.count == 1 && error(switches[0], Self.r("1") / Self.r("3")) < 1e-55)
        let (y, _) = try solve("(t - 1)/abs(t - 1)", from: "0", to: ["1.5", "2"])
        #expect(error(y[0], Self.r("-0.5")) < 1e-55)
        #expect(error(y[1], Self.r("0")) < 1e-55)
    }

    /// Where the branch after a zero cannot be decided, the integrator refuses instead of returning a number.
    @Test func slidingAndRestingAreRefused() throws {
        // x' = 1 - 2 sign(x), x(0) = 1: x = 1 - t reaches 0 at t = 1, where x' = 3 on the negative side: the
        // flow drives x back to 0 from both sides (sliding mode).
        // x' = -(1 + sign(x))/2, x(0) = 1: reaches 0 at t = 1 and rests there (x' = 0 on the negative side).
        for rhs in ["1 - 2*x/abs(x)", "-(1 + x/abs(x))/2"] {
            do {
                _ = try solve(rhs, from: "1", to: ["2"])
                Issue.record("\(rhs): expected a refusal")
            } catch let error as IntegrationError {
                #expect(error.reason == .unresolvedSwitch, "\(rhs): \(error)")
                let time = try #require(error.time)
                #expect(Swift.abs(time - 1) < 1e-12, "\(rhs): stopped at \(time)")
            }
        }
    }

    /// f(x) = a1 relu(w1 x + b1) + a2 relu(w2 x + b2), relu(z) = max(0, z), trained by gradient flow on
    /// L = 1/2 sum_s (f(x_s) - y_s)^2 over the samples (x, y) = (1, 2) and (-1/2, 1); relu'(z) = H(z) is
    /// written (1 + z/abs(z))/2. Reference: Benchmarks/dynamics_relu_reference.py 40 3 (mpmath odefun on each
    /// activation pattern, switching times by mpmath.findroot), which prints
    ///   switch t = 0.37823903568174903301728615440847062 z12 -> +1
    /// and the state at t = 3 below.
    @Test func reluNetworkMatchesMpmath() throws {
        var rhs: [Expr] = []
        let samples = [("1", "2"), ("(-1/2)", "1")]
        func z(_ i: Int, _ s: Int) -> String { "(w\(i)*\(samples[s].0) + b\(i))" }
        let residual = (0..<2).map { s in "(a1*max(0, \(z(1, s))) + a2*max(0, \(z(2, s))) - \(samples[s].1))" }
        func step(_ i: Int, _ s: Int) -> String { "(1 + \(z(i, s))/abs(\(z(i, s))))/2" }
        for i in 1...2 { rhs.append(try ExpressionParser.parse((0..<2).map { "-\(residual[$0])*max(0, \(z(i, $0)))" }.joined(separator: " "))) }
        for i in 1...2 { rhs.append(try ExpressionParser.parse((0..<2).map { "-\(residual[$0])*a\(i)*\(step(i, $0))*\(samples[$0].0)" }.joined(separator: " "))) }
        for i in 1...2 { rhs.append(try ExpressionParser.parse((0..<2).map { "-\(residual[$0])*a\(i)*\(step(i, $0))" }.joined(separator: " "))) }
        let names = ["a1", "a2", "w1", "w2", "b1", "b2"]
        let system = try ODESystem(state: names.map { ODESystem.Variable($0) }, rightHandSides: rhs, timeSymbol: nil)
        let bits = 160
        let context = MPFRContext(precision: bits)
        var integrator = try TaylorIntegrator(system: system, context: context)
        let initial = ["0.5", "-0.3", "1", "-0.5", "0.4", "0.1"].map { big($0, bits) }
        let state = try integrator.integrate(initial: initial, from: context.constant(0), to: [context.constant(3)])[0]
        let reference = ["1.0515013736027996061075809369019226", "-0.058942184689629485683143255657226591",
                         "0.66902030382487261338989824342942652", "-0.40790444892906376508860684600127538",
                         "1.2522248087937922239645424608859651", "-0.084191102141872469822786307997449233"]
        for (name, (value, text)) in zip(names, zip(state, reference)) {
            #expect(error(value, big(text, bits + 64)) < 1e-33, "\(name)(3) = \(value), mpmath \(text)")
        }
        // z12 = -w1/2 + b1 switches on, together in max(0, z12) and in abs(z12) of its step function.
        let times = integrator.switchingEvents.map(\.time)
        #expect(times.count == 2, "\(integrator.switchingEvents)")
        for t in times { #expect(error(t, big("0.37823903568174903301728615440847062", bits + 64)) < 1e-33) }
        #expect(Set(integrator.switchingEvents.map(\.function)) == [.abs, .max])
    }
}
