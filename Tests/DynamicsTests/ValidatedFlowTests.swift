@testable import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckNumbers
import Testing

/// The validated interval Taylor method (`ValidatedFlow`) against closed forms. References computed with
/// mpmath at 60 digits (/tmp/validflow_refs.py of the session that wrote this; the expressions are given
/// next to each value) and printed to 40 significant digits.
@Suite struct ValidatedFlowTests {
    static func system(_ names: [String], _ rightHandSides: [Expr], time: Bool = false) throws -> ODESystem {
        try ODESystem(state: names.map { ODESystem.Variable($0) }, rightHandSides: rightHandSides, timeSymbol: time ? "t" : nil)
    }

    static func point(_ q: BigRational, _ bits: Int) -> BigInterval { BigInterval(q, precision: bits) }

    /// A flow with room for long runs: these tests are about what it encloses.
    static func flow(_ system: ODESystem, parameters: [String: [BigInterval]] = [:], precision: Int) throws -> ValidatedFlow {
        var flow = try ValidatedFlow(system: system, parameters: parameters, precision: precision)
        flow.workBudget.steps = 10_000
        return flow
    }

    /// Whether the enclosure meets the reference's own interval (printed to `digits` significant digits).
    static func meets(_ x: BigInterval, _ reference: String, digits: Int = 40) -> Bool {
        let ref = BigInterval(reference, precision: 256)!
        let unit = BigInterval(BigFloat.abs(ref.midpoint) * BigFloat(BigRational(1) / BigRational(10).power(digits - 1), precision: 256))
        let widened = ref + BigInterval(lower: -unit.upper, upper: unit.upper)
        return !(x.upper < widened.lower) && !(widened.upper < x.lower)
    }

    static func relativeWidth(_ x: BigInterval) -> Double { (x.width / x.magnitudeUpper).doubleValue }

    @Test func decayContainsExpOfMinusT() throws {
        let x = Expr.symbol("x")
        var flow = try Self.flow(Self.system(["x"], [-x]), precision: 200)
        let times = [1, 5, 10].map { Self.point(BigRational($0), 200) }
        let boxes = try flow.enclose(initial: [Self.point(1, 200)], at: times)
        // exp(-1), exp(-5), exp(-10)
        let references = ["0.3678794411714423215955237701614608674458", "0.00673794699908546709663604842314842424885",
                          "0.00004539992976248485153559151556055061023792"]
        for (box, reference) in zip(boxes, references) {
            #expect(Self.meets(box[0], reference), "\(box[0]) against \(reference)")
            #expect(Self.relativeWidth(box[0]) < 1e-45, "width \(box[0].width)")
        }
    }

    /// A time known only as an interval (t = pi at 160 bits) gets the state over all of it: x' = 1 from 0 reaches pi
    /// there (sympy: sin(pi) = 0), and the enclosure must hold pi itself, so sin of it holds 0. The step toward the
    /// time lands on its upper end, and the state there alone was returned: sin(x) at t = pi then "certainly"
    /// was -1.4e-45, a wrong FAILS of `value sin(x) at t = pi == 0`.
    @Test func anIntervalTimeGetsTheStateOverAllOfIt() throws {
        let pi = BigInterval.pi(precision: 160)
        #expect(pi.width.sign > 0)
        var flow = try Self.flow(Self.system(["x"], [Expr.number(1)]), precision: 160)
        let x = try flow.enclose(initial: [Self.point(0, 160)], at: [Self.point(1, 160), pi])[1][0]
        #expect(!(pi.lower < x.lower) && !(x.upper < pi.upper), "\(x) does not hold \(pi)")
        var sine = x
        BigInterval.apply(.sin, x, into: &sine)
        #expect(sine.lower.sign <= 0 && sine.upper.sign >= 0, "sin(\(x)) = \(sine)")
    }

    /// The logistic a' = a (1 - a) from 1/2 to t = 60, where 1 - a ~ 1e-26: the centred form contracts
    /// with the flow, so 1 - a keeps many digits.
    @Test func logisticToSixtyKeepsOneMinusA() throws {
        let a = Expr.symbol("a")
        var flow = try Self.flow(Self.system(["a"], [a * (Expr.number(1) - a)]), precision: 256)
        let box = try flow.enclose(initial: [Self.point(BigRational(1, 2), 256)], at: [Self.point(60, 256)])[0][0]
        // a(60) = 1/(1 + e^-60); 1 - a(60) = e^-60/(1 + e^-60) (computed so, not as 1 - a: that loses 27 digits)
        #expect(Self.meets(box, "0.999999999999999999999999991243489237303479662", digits: 45))
        let oneMinus = Self.point(1, 256) - box
        #expect(Self.meets(oneMinus, "8.756510762696520338488732724062685299337e-27"))
        #expect(Self.relativeWidth(oneMinus) < 1e-30, "1 - a = \(oneMinus)")
    }

    /// x' = -y, y' = x from (1, 0): (cos t, sin t); the box does not rotate, so it pays the wrapping effect.
    @Test func rotationContainsCosAndSin() throws {
        let x = Expr.symbol("x"), y = Expr.symbol("y")
        var flow = try Self.flow(Self.system(["x", "y"], [-y, x]), precision: 200)
        let box = try flow.enclose(initial: [Self.point(1, 200), Self.point(0, 200)], at: [Self.point(10, 200)])[0]
        // cos(10), sin(10)
        #expect(Self.meets(box[0], "-0.8390715290764524522588639478240648345199"))
        #expect(Self.meets(box[1], "-0.5440211108893698134047476618513772816836"))
        #expect(box.allSatisfy { Self.relativeWidth($0) < 1e-40 })
    }

    /// The flagship model (vector states, width 3) against model.md section 8, Case A (50-digit references
    /// printed to 25 digits).
    @Test func flagshipCaseAContainsTheReference() throws {
        let bits = 160
        var flow = try Self.flow(flagshipSystem(width: 3), parameters: caseA.parameters(IntervalContext(precision: bits)), precision: bits)
        let times = FlagshipModelTests.caseAReference.map { BigInterval($0.0, precision: bits)! }
        let boxes = try flow.enclose(initial: caseA.initial(IntervalContext(precision: bits)), at: times)
        for (box, (t, aRef, kRef)) in zip(boxes, FlagshipModelTests.caseAReference) {
            let (a, k) = caseA.outputAndKernel(box) { BigInterval($0, precision: bits)! }
            #expect(Self.meets(a, aRef, digits: 25), "a(\(t)) = \(a)")
            #expect(Self.meets(k, kRef, digits: 25), "K(\(t)) = \(k)")
            #expect(Self.relativeWidth(a) < 1e-30 && Self.relativeWidth(k) < 1e-30, "a(\(t)) = \(a)")
        }
    }

    /// The order follows the precision (Jorba and Zou's rule), and so does the step's remainder.
    @Test func widthsShrinkWhenPrecisionRises() throws {
        let a = Expr.symbol("a")
        let logistic = try Self.system(["a"], [a * (Expr.number(1) - a)])
        func width(bits: Int) throws -> Double {
            var flow = try Self.flow(logistic, precision: bits)
            return Self.relativeWidth(try flow.enclose(initial: [Self.point(BigRational(1, 10), bits)], at: [Self.point(5, bits)])[0][0])
        }
        let (low, high) = (try width(bits: 100), try width(bits: 200))
        #expect(low < 1e-24 && high < low * 1e-24, "\(low) at 100 bits, \(high) at 200")
    }

    /// x' = 1 + |x| from -2 (issue 10 item 4): x = 1 - 3 e^-t until x = 0 at t1 = ln 3, then x = e^t/3 - 1, so
    /// x(2) = e^2/3 - 1. mpmath at 50 digits agrees with these closed forms to every digit: odefun(1 - x) from
    /// (0, -2), t1 = findroot of it, odefun(1 + x) from (t1, 0). The enclosure crosses the switch, and its
    /// switching interval holds ln 3.
    @Test func aTransversalSwitchIsCrossed() throws {
        let x = Expr.symbol("x")
        let system = try Self.system(["x"], [Expr.number(1) + .call(.abs, x)])
        var flow = try Self.flow(system, precision: 160)
        let boxes = try flow.enclose(initial: [Self.point(-2, 160)], at: [Self.point(1, 160), Self.point(2, 160)])
        // 1 - 3 e^-1, e^2/3 - 1
        #expect(Self.meets(boxes[0][0], "-0.1036383235143269647865713104843826023374"))
        #expect(Self.meets(boxes[1][0], "1.463018699643550075743475820191669271060"), "\(boxes[1][0])")
        #expect(Self.relativeWidth(boxes[1][0]) < 1e-35, "width \(boxes[1][0].width)")
        let switches = flow.switches
        #expect(switches.count == 1 && switches.first?.functions == [.abs])
        #expect(switches.first.map { system.expression(ofRegister: $0.registers[0]).description } == "abs(x)")
        // ln 3
        let lnThree = BigInterval("1.0986122886681096913952452369225257046474905578227", precision: 160)!
        #expect(switches.first.map { $0.time.overlaps(lnThree) && $0.time.width.doubleValue < 1e-40 } == true, "\(switches)")
    }

    /// The work budget counts arithmetic, not seconds: the same run stops at the same place with the same work
    /// on any machine. x' = -x to t = 100 at 128 bits takes a few dozen steps; with 3 steps' worth it stops
    /// after its first step (out of budget, or because at that rate it would need far more); with room it
    /// reaches t = 100 (e^-100, mpmath: 3.720075976020835962959695803863118337358e-44) and counts the same work each time.
    @Test func theWorkBudgetIsDeterministic() throws {
        let x = Expr.symbol("x")
        let decay = try Self.system(["x"], [-x])
        func run(steps: Int) throws -> (outcome: String, work: Int, steps: Int) {
            var flow = try ValidatedFlow(system: decay, parameters: [:], precision: 128)
            flow.workBudget.steps = steps
            do {
                let box = try flow.enclose(initial: [Self.point(1, 128)], at: [Self.point(100, 128)])[0][0]
                #expect(Self.meets(box, "3.720075976020835962959695803863118337358e-44", digits: 25), "\(box)")
                return ("reached", flow.work, flow.statistics.steps)
            } catch let refusal as ValidationRefusal {
                return (refusal.message, flow.work, flow.statistics.steps)
            }
        }
        let stopped = try run(steps: 3)
        #expect(stopped.outcome.contains("work budget (3 steps' worth") && stopped.outcome.contains("--max-steps"), "\(stopped)")
        #expect(stopped.steps == 1, "\(stopped)")
        #expect(try run(steps: 3) == stopped)
        let reached = try run(steps: 1000)
        #expect(reached.outcome == "reached" && reached.steps > 3 && reached.work > 0)
        #expect(try run(steps: 1000) == reached)
        // No wall clock unless a caller sets one.
        #expect(try ValidatedFlow(system: decay, parameters: [:], precision: 128).budget.maximumSeconds == nil)
    }

    /// The early stop projects the rate so far only after 4 steps or an eighth of the budget: a first step of 0.05
    /// toward t = 40 (one step's worth of 250) projected 799 steps' worth, over twice the 249 left, and stopped
    /// a transient after one step. At that rate after 4 steps (4 of 250 at t = 0.2: 796 > 2 * 246) it stops, and
    /// with an eighth spent in fewer steps (32 of 250 in 3 steps at t = 1.6: 768 > 2 * 218).
    @Test func theEarlyStopWaitsForAFairShareOfTheBudget() throws {
        let budget = ValidatedWorkBudget(steps: 250)
        #expect(throws: Never.self) { try budget.check(spent: 1, allowed: 250, at: 0.05, toward: 40, steps: 1) }
        #expect(throws: Never.self) { try budget.check(spent: 3, allowed: 250, at: 0.15, toward: 40, steps: 3) }
        #expect(throws: ValidationRefusal.self) { try budget.check(spent: 4, allowed: 250, at: 0.2, toward: 40, steps: 4) }
        #expect(throws: ValidationRefusal.self) { try budget.check(spent: 32, allowed: 250, at: 1.6, toward: 40, steps: 3) }
    }

    /// A jump in the field (sign(x) written x/abs(x)) and min/max kinks, against the solutions on each branch:
    /// x' = 2 - sign(x) from -1 is -1 + 3t until t = 1/3, then x' = 1: x(1) = 2/3. x' = min(1, x) from 1/2 is
    /// e^t/2 until t = ln 2, then x(2) = 3 - ln 2; x' = -max(x, 2x - 1) from 3 is 1/2 + (5/2) e^-2t until
    /// t = ln(5)/2, then x(2) = sqrt(5) e^-2. mpmath at 45 digits (odefun on the first branch, findroot for the
    /// switch, odefun on the second from there) agrees with the three closed forms, printed to 40 digits.
    @Test func jumpsAndMinMaxAreCrossed() throws {
        let cases: [(rhs: String, x0: BigRational, at: BigRational, reference: String)] = [
            ("2 - x/abs(x)", -1, 1, "0.6666666666666666666666666666666666666667"),
            ("min(1, x)", BigRational(1, 2), 2, "2.306852819440054690582767878541823431924"),
            ("-max(x, 2*x - 1)", 3, 2, "0.3026188930712537344182159368642997458934"),
        ]
        for c in cases {
            var flow = try Self.flow(Self.system(["x"], [try ExpressionParser.parse(c.rhs)]), precision: 160)
            let box = try flow.enclose(initial: [Self.point(c.x0, 160)], at: [Self.point(c.at, 160)])[0][0]
            #expect(Self.meets(box, c.reference) && Self.relativeWidth(box) < 1e-35, "\(c.rhs): \(box)")
            #expect(flow.switches.count == 1, "\(c.rhs): \(flow.switches)")
        }
    }

    /// Where the branch after a switch is not classical, the enclosure refuses: x' = 1 - 2 sign(x) from 1
    /// reaches 0 at t = 1 and is driven back to it from both sides (sliding); x' = -(1 + sign(x))/2 from 1
    /// rests at 0 from t = 1 on (the argument and its rate vanish together).
    @Test func slidingAndRestingAreRefused() throws {
        for (rhs, word) in [("1 - 2*(x/abs(x))", "sliding"), ("-(1 + x/abs(x))/2", "grazing")] {
            var flow = try Self.flow(Self.system(["x"], [try ExpressionParser.parse(rhs)]), precision: 128)
            do {
                _ = try flow.enclose(initial: [Self.point(1, 128)], at: [Self.point(2, 128)])
                Issue.record("\(rhs): expected a refusal")
            } catch let refusal as ValidationRefusal {
                #expect(refusal.message.contains(word) && Swift.abs(refusal.time - 1) < 1e-6, "\(rhs): \(refusal)")
            }
        }
    }

    @Test func aBlowUpIsRefused() throws {
        let x = Expr.symbol("x")
        var flow = try Self.flow(Self.system(["x"], [x * x]), precision: 128)
        // x = 1/(1 - t) blows up at t = 1.
        #expect(throws: ValidationRefusal.self) {
            try flow.enclose(initial: [Self.point(1, 128)], at: [Self.point(2, 128)])
        }
    }
}
