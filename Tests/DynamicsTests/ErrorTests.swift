import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckNumbers
import Testing
import PhasecheckTestSupport

@Suite struct ErrorTests {
    @Test func blowUpStopsWithAnErrorNearTheSingularity() throws {
        // x' = x^2, x(0) = 1: x = 1 / (1 - t) blows up at t = 1.
        let x = Expr.symbol("x")
        let system = try ODESystem(state: [.init("x")], rightHandSides: [Expr.power(x, Expr.number(2))])
        for bits in [53, 128] {
            let context = MPFRContext(precision: bits)
            var integrator = try TaylorIntegrator(system: system, context: context)
            do {
                _ = try integrator.integrate(initial: [context.constant(1)], from: context.constant(0), to: [context.constant(2)])
                Issue.record("integrating through the singularity should fail")
            } catch let error as IntegrationError {
                // Near the pole the steps collapse: reported as such (`.stiff` names a nearby singularity too).
                #expect([.stepSizeUnderflow, .nonFiniteValue, .maximumStepsExceeded, .stiff].contains(error.reason))
                let time = try #require(error.time)
                #expect(time > 0.999 && time <= 1, "stopped at \(time): \(error)")
            }
        }
    }

    @Test func maximumStepsIsEnforced() throws {
        let context = DoubleContext()
        var integrator = try TaylorIntegrator(system: flagshipSystem(width: 3), parameters: caseA.parameters(context),
                                              context: context)
        integrator.maximumSteps = 2
        #expect(throws: IntegrationError.self) {
            try integrator.integrate(initial: caseA.initial(context), from: 0, to: [50])
        }
        do {
            _ = try integrator.integrate(initial: caseA.initial(context), from: 0, to: [50])
        } catch let error as IntegrationError {
            #expect(error.reason == .maximumStepsExceeded)
            #expect(error.time! > 0 && error.time! < 50)
        }
    }

    @Test func singularFunctionValueIsReportedNotReturned() throws {
        // x' = sqrt(x) at x = 0: the coefficient recurrence divides by sqrt(0).
        let x = Expr.symbol("x")
        let system = try ODESystem(state: [.init("x")], rightHandSides: [Expr.call(.sqrt, x)])
        var integrator = try TaylorIntegrator(system: system, context: DoubleContext())
        do {
            _ = try integrator.integrate(initial: [0], from: 0, to: [1])
            Issue.record("expected a non-finite coefficient")
        } catch let error as IntegrationError {
            #expect(error.reason == .nonFiniteValue)
            #expect(error.time == 0)
        }
    }

    @Test func invalidInputsAreRejected() throws {
        let u = Expr.symbol("u"), p = Expr.symbol("p")
        #expect(throws: ODESystemError.self) {
            try ODESystem(state: [.init("u", shape: .vector(2))], rightHandSides: [Expr.dot(u, u)])
        }
        #expect(throws: ODESystemError.self) {
            try ODESystem(state: [.init("u"), .init("u")], rightHandSides: [u, u])
        }
        #expect(throws: ODESystemError.self) {
            try ODESystem(state: [.init("u")], rightHandSides: [u * Expr.symbol("unknown")])
        }
        let system = try ODESystem(state: [.init("u")], rightHandSides: [p * u], parameters: [.init("p")])
        #expect(throws: IntegrationError.self) { try TaylorIntegrator(system: system, context: DoubleContext()) }
        #expect(throws: IntegrationError.self) {
            try TaylorIntegrator(system: system, parameters: ["p": [1, 2]], context: DoubleContext())
        }
        var integrator = try TaylorIntegrator(system: system, parameters: ["p": [-1]], context: DoubleContext())
        #expect(throws: IntegrationError.self) { try integrator.integrate(initial: [1, 2], from: 0, to: [1]) }
        #expect(throws: IntegrationError.self) { try integrator.integrate(initial: [1], from: 0, to: [2, 1]) }
        #expect(throws: IntegrationError.self) { try integrator.integrate(initial: [.nan], from: 0, to: [1]) }
        // The same integrator still works afterwards: u = e^{-t}.
        let result = try integrator.integrate(initial: [1], from: 0, to: [0, 1, 2])
        #expect(result[0][0] == 1)
        #expect(relativeError(result[2][0], 0.1353352832366127) < 1e-14)
    }
}
