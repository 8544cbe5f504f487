import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckNumbers
import Testing

/// Every integration runs within a budget of steps and seconds and says where it stopped (issue 18).
@Suite struct BudgetTests {
    func expectStop(_ reason: IntegrationError.Reason, mentioning option: String, before end: Double,
                    _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("expected the budget to stop the integration")
        } catch let error as IntegrationError {
            #expect(error.reason == reason, "\(error)")
            #expect(error.message.contains(option), "\(error)")
            let time = error.time ?? .nan
            #expect(time >= 0 && time < end, "stopped at \(time)")
            #expect(error.message.contains("t = \(time)"), "the message names where it stopped: \(error)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func aLongHorizonStopsAtTheStepBudget() throws {
        // An oscillator to t = 10^6: its steps stay about one time unit (they do not grow as those of a flow settling
        // on its equilibrium do), so about 10^6 steps, far beyond the budget; the projection stops it early.
        let context = MPFRContext(precision: 100)
        let oscillator = try ODESystem(state: [.init("x"), .init("y")], rightHandSides: [ExpressionParser.parse("y"), ExpressionParser.parse("-x")])
        var long = try TaylorIntegrator(system: oscillator, context: context)
        expectStop(.maximumStepsExceeded, mentioning: "--max-steps", before: 1e6) {
            _ = try long.integrate(initial: [context.constant(1), context.constant(0)], from: context.constant(0), to: [context.constant(1_000_000)])
        }
        #expect(long.statistics.steps < long.budget.maximumSteps)
        var integrator = try TaylorIntegrator(system: flagshipSystem(width: 3), parameters: caseA.parameters(context),
                                              context: context)
        // Raised budgets let a shorter integration through, and a tight one stops it where it says.
        integrator.budget = IntegrationBudget(maximumSteps: 3, maximumSeconds: nil)
        expectStop(.maximumStepsExceeded, mentioning: "--max-steps", before: 50) {
            _ = try integrator.integrate(initial: caseA.initial(context), from: context.constant(0), to: [context.constant(50)])
        }
        #expect(integrator.statistics.steps == 3)
        integrator.budget.maximumSteps = 1000
        _ = try integrator.integrate(initial: caseA.initial(context), from: context.constant(0), to: [context.constant(50)])
    }

    /// Work is counted (`TaylorWork`), not timed: x' = x^2 is one series product, so a step of order 10 on
    /// 128-bit numbers (2 words) costs 2 x 10 x 11 / 2 = 110 units, and a budget stops the integration before
    /// the step it cannot pay for, at the same place on every run, naming --max-work.
    @Test func theWorkBudgetCountsProductsAndStopsBeforeAStep() throws {
        let system = try ODESystem(state: [.init("x")], rightHandSides: [ExpressionParser.parse("x^2")])
        let context = MPFRContext(precision: 128)
        var integrator = try TaylorIntegrator(system: system, context: context, order: 10)
        _ = try integrator.integrate(initial: [context.constant(BigRational(1, 2))], from: context.constant(0), to: [context.constant(1)])
        let steps = integrator.statistics.steps
        #expect(steps > 3 && integrator.statistics.work == Double(110 * steps), "\(integrator.statistics)")
        integrator.budget.maximumWork = 110 * 3 + 109
        expectStop(.workBudgetExceeded, mentioning: "--max-work", before: 1) {
            _ = try integrator.integrate(initial: [context.constant(BigRational(1, 2))], from: context.constant(0), to: [context.constant(1)])
        }
        #expect(integrator.statistics.steps == 3 && integrator.statistics.work == 330)
    }

    /// x' = -x^2 from 1 is 1/(1 + t): its steps grow with t, so t = 5242880 takes a few thousand steps. The projection
    /// of the steps still needed took the last step as if repeated and stopped the integration at t = 1.72 ("needs
    /// about 16054873 more steps"), which a limit in t then quoted after an earlier integration had reached t = 327680.
    @Test func stepsThatGrowAreNotProjectedAsIfRepeated() throws {
        let system = try ODESystem(state: [.init("x")], rightHandSides: [ExpressionParser.parse("-x^2")])
        let context = MPFRContext(precision: 128)
        var integrator = try TaylorIntegrator(system: system, context: context)
        let end = 5_242_880
        let x = try integrator.integrate(initial: [context.constant(1)], from: context.constant(0), to: [context.constant(BigRational(end))])[0][0]
        // The exact value 1/(end + 1), to the integrator's default tolerance and more.
        let exact = context.constant(BigRational(1, end + 1))
        #expect(((x - exact) / exact).doubleValue.magnitude < 1e-25, "\(x.doubleValue)")
        #expect(integrator.statistics.steps < integrator.budget.maximumSteps / 2, "\(integrator.statistics)")
    }

    @Test func aStiffFlowIsNamedAsSuch() throws {
        // x' = -eta (x - cos t) with eta = 10^26: x follows cos t, but the fast rate eta limits explicit
        // steps to about 1/eta.
        let system = try ODESystem(state: [.init("x")], rightHandSides: [ExpressionParser.parse("-eta*(x - cos(t))")],
                                   parameters: [.init("eta")])
        let context = MPFRContext(precision: 100)
        var integrator = try TaylorIntegrator(system: system, parameters: ["eta": [context.constant(BigRational("1e26")!)]],
                                              context: context)
        expectStop(.stiff, mentioning: "--max-steps", before: 10) {
            _ = try integrator.integrate(initial: [context.constant(1)], from: context.constant(0), to: [context.constant(10)])
        }
        #expect(integrator.statistics.steps < 100)
    }

    @Test func theWallClockBudgetIsEnforced() throws {
        let context = DoubleContext()
        var integrator = try TaylorIntegrator(system: flagshipSystem(width: 3), parameters: caseA.parameters(context),
                                              context: context)
        integrator.budget.maximumSeconds = 0
        expectStop(.timeBudgetExceeded, mentioning: "--max-seconds", before: 50) {
            _ = try integrator.integrate(initial: caseA.initial(context), from: 0, to: [50])
        }
        integrator.budget.maximumSeconds = nil
        let states = try integrator.integrate(initial: caseA.initial(context), from: 0, to: [50])
        #expect(states.count == 1)
    }

    /// At 3000 digits (order about 3450) one step's coefficients take far longer than 0.2 s: the budget is
    /// read inside the coefficient recursion (the first step's low-precision pilot or the step itself), not only between steps (issue 18: `verify --digits 2000` ran
    /// about 320 s against a 20 s budget).
    @Test func theWallClockBudgetHoldsInsideOneLongStep() throws {
        let context = MPFRContext(precision: 10_000)
        var integrator = try TaylorIntegrator(system: flagshipSystem(width: 3), parameters: caseA.parameters(context),
                                              context: context, tolerance: Tolerance(digits: 3000))
        integrator.budget.maximumSeconds = 0.2
        expectStop(.timeBudgetExceeded, mentioning: "Taylor coefficients (order", before: 50) {
            _ = try integrator.integrate(initial: caseA.initial(context), from: context.constant(0), to: [context.constant(50)])
        }
        #expect(integrator.statistics.steps == 0)
    }
}
