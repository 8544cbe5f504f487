@testable import PhasecheckDynamics
@testable import PhasecheckExpressions
import PhasecheckNumbers
import Testing

/// The polynomial normal form the Taylor engine runs for point values (`Tape.collectingPolynomials`): its Taylor
/// coefficients against exact ones, and against the written form's enclosures on random polynomials.
@Suite struct PolynomialFormTests {
    /// A teacher-student-like right-hand side: V = R (1 + s2), Cv = R (1 + rho s2), 1/R and 1/R^2 factors, a power of a
    /// sum, a zero coefficient and a term that cancels.
    static let qDot = "-tau*((Cv^3/24 - 5*V^2/16)*Q^3 + m*Q*(V - 2)/R + lam*Q + 0*Q^5 - Cv*V^2*Q^7/R^2)"
    static let rDot = "tau^2*((Cv^2*V - 3*V^4)/(7*R) + (2 - V)^3*Q^2 + (Q^2 - Q^2)*R) - 2*lam*R"
    static let parameters = ["tau", "s2", "rho", "lam", "m"]

    static func system(_ rightHandSides: [String], states: [String] = ["Q", "R"], parameters: [String] = parameters) throws -> ODESystem {
        let lets = ["V": "R*(1 + s2)", "Cv": "R*(1 + rho*s2)"]
        let exprs = try rightHandSides.map { text in
            try lets.reduce(ExpressionParser.parse(text)) { e, entry in e.substituting([entry.key: try ExpressionParser.parse(entry.value)]) }
        }
        return try ODESystem(state: states.map { .init($0) }, rightHandSides: exprs, parameters: parameters.map { .init($0) }, timeSymbol: nil)
    }

    /// Exact coefficients 0 ... 10 of (Q, R) through (3/10, 3/5) at tau = 1/2, s2 = 1/4, rho = -1/2, lam = 1/2, m = 3: Python
    /// fractions, truncated power series order by order (x_{k+1} = f(x)_k / (k + 1)), written independently of the
    /// engine: Tests/DerivationsTests/Fixtures/polynomial_form.reference.py.
    static let exact: [(String, String)] = [
        ("3/10", "3/5"),
        ("177127701/204800000", "-21513/35840"),
        ("587818892839127139/293601280000000000", "110747360847/205520896000"),
        ("724290241745624862887955897/210453397504000000000000000", "6852894084044047679/36829344563200000000"),
        ("2878026625781432550639410716622577763/603411981323468800000000000000000000", "8080475717601050026397283299/7542649766543360000000000000"),
        ("10288968610697428761945961068753524706237048087/2162628541063312179200000000000000000000000000", "5652702542429536345221590678636012777/3379107095411425280000000000000000000"),
        ("15025422723836630489745943467610045764558748842201808393/9301032829405093020303360000000000000000000000000000000", "20622845567185681366656690016531475087745308909/7266431897972728922112000000000000000000000000"),
        ("-301186219935193172857628531254551593968005601513312652656248632983/46668862324822994738674139136000000000000000000000000000000000000", "29414724875193528583977995990964268703483609580927043189/9115012172816991159897292800000000000000000000000000000"),
        ("-700624436942427375562170498199870400095724710884040066225234417613725042451/38231132016494997289921854780211200000000000000000000000000000000000000000", "48973188745889577189943499726027014236124087470645479172703227763/26134562901900877053657517916160000000000000000000000000000000000"),
        ("-5549081762490399678520913865538471361478580819387547263194511266449888573116509381599/246636678864812526516743869558098493440000000000000000000000000000000000000000000000", "-41775378662249906948305285513119876293984049680505941755721298337702524013/10537455762046433628034711223795712000000000000000000000000000000000000000"),
        ("4835940365122364919695308563510054828859147844797123654271573150038308113331045893773713630977/252555959157568027153145722427492857282560000000000000000000000000000000000000000000000000000", "-620939717596471651429770466451510832949743227434242242079960407000792107240859451271/37766241451174418122876405026083831808000000000000000000000000000000000000000000000"),
    ]

    @Test func theCollectedFormHasFewerSeriesProducts() throws {
        let tape = try Self.system([Self.qDot, Self.rDot]).tape
        let fixed = 2..<(2 + Self.parameters.count)
        let collected = tape.collectingPolynomials(constantSlots: fixed)
        let before = tape.seriesProductCount(isConstant: tape.constantRegisters(constantSlots: fixed))
        let after = collected.seriesProductCount(isConstant: collected.constantRegisters(constantSlots: fixed))
        #expect(after < before, "\(after) series products collected against \(before) written")
    }

    @Test(arguments: [64, 300])
    func taylorCoefficientsAreTheExactOnes(bits: Int) throws {
        let system = try Self.system([Self.qDot, Self.rDot])
        let context = MPFRContext(precision: bits)
        let values = ["1/2", "1/4", "-1/2", "1/2", "3"].map { context.constant(BigRational($0)!) }
        var engine = try TaylorCoefficientEngine(tape: system.tape, order: 10, context: context, stateSlotCount: 2, parameterValues: values, hasTime: false)
        _ = engine.computeCoefficients(state: ["3/10", "3/5"].map { context.constant(BigRational($0)!) }, time: nil)
        for (k, (q, r)) in Self.exact.enumerated() {
            for (i, text) in [q, r].enumerated() {
                let exact = BigRational(text)!
                let error = BigFloat.abs(engine.stateCoefficient(i, k) - context.constant(exact))
                // A few hundred roundings of terms of size up to about 10^3 times the coefficient's, each within 2^-bits.
                let allowed = (BigFloat.abs(context.constant(exact)) + context.constant(1)) * BigFloat(pow2(20 - bits), precision: 64)
                #expect(error <= allowed, "order \(k) of state \(i) at \(bits) bits: error \(error.doubleValue)")
            }
        }
    }

    /// Random polynomials in (Q, R) with 1/R factors, powers of sums, zero and negative coefficients, and parameters drawn
    /// anew for every integration (as a threshold's tau): the collected form's coefficients lie in the enclosures of the
    /// written form's (the interval engine runs the tape as written), up to the point engine's rounding.
    @Test func randomPolynomialsAgreeWithTheWrittenFormsEnclosures() throws {
        var random = SplitMix64(seed: 15)
        func draw(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }
        let factors = ["Q", "R", "V", "Cv", "1/R", "(2 - V)", "(Q + R)^2", "a", "b"]
        var collectedTrials = 0   // trials whose tape the engine collected (else it runs the written one)
        for trial in 0..<12 {
            let sides = (0..<2).map { _ in
                (0..<(3 + draw(10))).map { _ -> String in
                    let coefficient = "\(draw(7) - 3)/\(1 + draw(5))"
                    let monomial = (0..<(1 + draw(4))).map { _ in factors[draw(factors.count)] + (draw(3) == 0 ? "^\(2 + draw(4))" : "") }
                    return "(" + ([coefficient] + monomial).joined(separator: "*") + ")"
                }.joined(separator: " + ")
            }
            let system = try Self.system(sides, parameters: ["s2", "rho", "a", "b"])
            let collectedTape = system.tape.collectingPolynomials(constantSlots: 2..<6)
            if collectedTape.instructions != system.tape.instructions { collectedTrials += 1 }
            for bits in [64, 200] {
                let parameterValues = (0..<4).map { _ in BigRational(draw(41) - 20, 1 + draw(9)) }
                let state = [BigRational(1 + draw(9), 10), BigRational(1 + draw(9), 5)]
                try Self.expectWithinWrittenEnclosures(system.tape, state: state, parameters: parameterValues, order: 8, bits: bits,
                                                       "trial \(trial): \(sides)")
            }
        }
        #expect(collectedTrials >= 8, "the collected form ran in \(collectedTrials) of 12 trials")
    }

    /// Expects the Taylor coefficients 0 ... order of the point engine (which runs the collected form where it
    /// chooses it) at `bits` to lie in the interval engine's enclosures of the written form's, at bits + 64, up to
    /// the point engine's rounding (relative 2^(24 - bits)).
    static func expectWithinWrittenEnclosures(_ tape: Tape, state: [BigRational], parameters: [BigRational], order: Int, bits: Int,
                                              _ label: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let point = MPFRContext(precision: bits), enclosure = IntervalContext(precision: bits + 64)
        var collected = try TaylorCoefficientEngine(tape: tape, order: order, context: point, stateSlotCount: state.count,
                                                    parameterValues: parameters.map(point.constant), hasTime: false)
        var written = try TaylorCoefficientEngine(tape: tape, order: order, context: enclosure, stateSlotCount: state.count,
                                                  parameterValues: parameters.map(enclosure.constant), hasTime: false)
        _ = collected.computeCoefficients(state: state.map(point.constant), time: nil)
        _ = written.computeCoefficients(state: state.map(enclosure.constant), time: nil)
        for i in state.indices {
            for k in 0...order {
                let value = collected.stateCoefficient(i, k), box = written.stateCoefficient(i, k)
                let scale = BigFloat.max(BigFloat.abs(box.lower), BigFloat.abs(box.upper)) + BigFloat(1, precision: 64)
                let slack = scale * BigFloat(pow2(24 - bits), precision: 64)
                #expect(value >= box.lower - slack && value <= box.upper + slack,
                        "\(label), \(bits) bits, state \(i) order \(k): \(value.doubleValue) outside [\(box.lower.doubleValue), \(box.upper.doubleValue)]",
                        sourceLocation: sourceLocation)
            }
        }
    }

    /// Right-hand sides whose written form is undefined at a = a0 (p = 0) though a factor's coefficients cancel:
    /// 0 log(0), 0/0, 0/p at p = 0. The collected form (forced here, whichever form the engine would choose) is
    /// not finite there either, and the engine's Taylor coefficient of order 1 (the right-hand side) is not finite.
    /// Before, the collected form dropped the cancelled terms and the atoms they multiplied, and gave 0.
    static let undefined: [(rightHandSide: String, a0: String)] = [
        ("((a + 1)*a - a - a*a) * log(a - 1/2)", "1/2"),
        ("0*log(a - 1/2) + (a - a)*log(a - 1/2)", "1/2"),
        ("((a + 1)*a - a - a*a) / p", "1/2"),
        ("((a + 1)*a - a - a*a) / a", "0"),
        ("((a + 1)*a - a - a*a) / (a - 1/2)", "1/2"),
        ("(a*a - a*a) * (1/a)^3", "0"),
    ]

    /// The written and the collected tape of a right-hand side in a with the parameter p, and their values at (a, p).
    static func writtenAndCollected(_ rightHandSide: String, a: String, p: String) throws -> (written: Double, collected: Double, changed: Bool) {
        let tape = try Self.system([rightHandSide], states: ["a"], parameters: ["p"]).tape
        var collector = TapePolynomials(tape: tape, constantSlots: 1..<2)
        let collection = collector.collect()
        let collected = try #require(collection)
        let inputs = [Double(BigRational(a)!.doubleValue), Double(BigRational(p)!.doubleValue)]
        var written = TapeEvaluator(tape: tape, context: DoubleContext()), forced = TapeEvaluator(tape: collected, context: DoubleContext())
        return (written.evaluate(inputs)[0][0], forced.evaluate(inputs)[0][0], collected.instructions != tape.instructions)
    }

    @Test(arguments: undefined.indices)
    func aCancelledFactorKeepsTheWrittenFormsDomain(index: Int) throws {
        let (rightHandSide, a0) = Self.undefined[index]
        let values = try Self.writtenAndCollected(rightHandSide, a: a0, p: "0")
        #expect(!values.written.isFinite, "the written form of \(rightHandSide) is undefined at a = \(a0)")
        #expect(!values.collected.isFinite, "collected \(rightHandSide) at a = \(a0): \(values.collected)")
        let context = MPFRContext(precision: 64)
        var engine = try TaylorCoefficientEngine(tape: Self.system([rightHandSide], states: ["a"], parameters: ["p"]).tape, order: 4, context: context,
                                                 stateSlotCount: 1, parameterValues: [context.constant(0)], hasTime: false)
        _ = engine.computeCoefficients(state: [context.constant(BigRational(a0)!)], time: nil)
        #expect(!engine.stateCoefficient(0, 1).isFinite, "\(rightHandSide) at a = \(a0): \(engine.stateCoefficient(0, 1).doubleValue)")
    }

    /// Products of a factor that is one term (or a constant) and a cancelled one, in both operand orders, with the
    /// states x, y and the parameter p: each is undefined at (x, y, p) = (1, 1/2, 1) as written (a log or square
    /// root of a negative number, a quotient by 0, all times 0: NaN), so the collected form must be too. The
    /// reference is the written tape itself, evaluated on the same point.
    static let undefinedProducts: [(String, String)] = [
        ("log(x - 2)", "x - x"),
        ("sqrt(-1 - y^2)", "x*y - y*x"),
        ("x/(y - y)", "0"),
        ("(x - x)^-1", "y - y"),
        ("log(y - y)", "x - x"),
        ("1/(p - 1)", "x*y - y*x"),
        ("x/(p - 1)", "y - y"),
        ("log(p - 2)*x", "x - x"),
    ]

    @Test(arguments: undefinedProducts.indices, [false, true])
    func aCancelledFactorTimesOneTermKeepsTheWrittenFormsDomain(index: Int, swapped: Bool) throws {
        let (f, g) = Self.undefinedProducts[index]
        let rightHandSide = swapped ? "1 + (\(g))*(\(f))" : "1 + (\(f))*(\(g))"
        let tape = try Self.system([rightHandSide, "0"], states: ["x", "y"], parameters: ["p"]).tape
        var collector = TapePolynomials(tape: tape, constantSlots: 2..<3)
        let collection = collector.collect()
        let collected = try #require(collection)
        let inputs = [1.0, 0.5, 1.0]
        var written = TapeEvaluator(tape: tape, context: DoubleContext()), forced = TapeEvaluator(tape: collected, context: DoubleContext())
        let (writtenValue, collectedValue) = (written.evaluate(inputs)[0][0], forced.evaluate(inputs)[0][0])
        #expect(!writtenValue.isFinite, "the written form of \(rightHandSide) is undefined: \(writtenValue)")
        #expect(!collectedValue.isFinite, "collected \(rightHandSide): \(collectedValue)")
    }

    /// Where the atoms a cancelled factor multiplies are finite, the cancellation changes nothing: log(a + 1) and
    /// 1/(a + 1) times 0 at a = 1/2 and p = 3 give the written form's value, which is a + 1/p (exact: 5/6).
    @Test func aHarmlessCancellationGivesTheWrittenValue() throws {
        let rightHandSide = "log(a + 1)*((a + 1)*a - a - a*a) + (a*a - a*a)/(a + 1) + ((2*a - a - a)*a)/p + a + 1/p"
        let values = try Self.writtenAndCollected(rightHandSide, a: "1/2", p: "3")
        #expect(values.changed, "the collector rewrote the tape")
        #expect(abs(values.written - 5.0 / 6) <= 1e-15 && abs(values.collected - 5.0 / 6) <= 1e-15, "written \(values.written), collected \(values.collected)")
    }

    // MARK: Bounded collection (adversarial right-hand sides)

    /// A tape written instruction by instruction over the state x (slot 0) and a parameter p (slot 1): `body`
    /// appends its instructions after the two inputs and returns the register of x'.
    static func handwritten(_ body: (inout [Tape.Instruction]) -> Int) -> Tape {
        var instructions: [Tape.Instruction] = [.input(0), .input(1)]
        let output = body(&instructions)
        return Tape(instructions: instructions, inputs: [.init(name: "x", component: nil), .init(name: "p", component: nil)],
                    outputs: [[output]], outputShapes: [.scalar])
    }

    /// Appends an instruction and returns its register.
    static func append(_ instruction: Tape.Instruction, _ instructions: inout [Tape.Instruction]) -> Int {
        instructions.append(instruction)
        return instructions.count - 1
    }

    /// Right-hand sides whose polynomial, expanded without bounds, has 2^40 terms (t <- t + t sin(x + k), t read
    /// twice per line: the budget stops it), the exponent 2^70 (x squared 70 times: an Int overflow), or degree
    /// 3000 (a polynomial written by Horner's rule, t <- t x + 1/(k + 2)), with whether the collection completes.
    static let adversarial: [(name: String, tape: Tape, x: BigRational, p: BigRational, collects: Bool)] = [
        ("doubling", handwritten { tape in
            var t = 0
            for k in 0..<40 {
                let shifted = append(.add(0, append(.constant(BigRational(k, 7)), &tape)), &tape)
                t = append(.add(t, append(.multiply(t, append(.function(.sin, shifted), &tape)), &tape)), &tape)
            }
            return append(.multiply(t, 1), &tape)
        }, BigRational(1, 10), BigRational(-1, 3), false),
        ("squarings", handwritten { tape in
            var t = append(.multiply(0, 1), &tape)
            for _ in 0..<70 { t = append(.multiply(t, t), &tape) }
            return t
        }, BigRational(1), BigRational(1), true),
        ("Horner", handwritten { tape in
            var t = 0
            for k in 0..<3000 { t = append(.add(append(.multiply(t, 0), &tape), append(.constant(BigRational(1, k + 2)), &tape)), &tape) }
            return append(.multiply(t, 1), &tape)
        }, BigRational(1, 2), BigRational(-1, 3), true),
    ]

    /// Each adversarial right-hand side is collected within the bounds (its oversized parts run as written, the
    /// rest is still collected) or, past the budget, left as written; the point engine's Taylor coefficients lie
    /// in the written form's enclosures.
    @Test(arguments: adversarial.indices)
    func anAdversarialRightHandSideIsCollectedWithinItsBudget(index: Int) throws {
        let (name, tape, x, p, collects) = Self.adversarial[index]
        var collector = TapePolynomials(tape: tape, constantSlots: 1..<2)
        let collected = collector.collect()
        #expect((collected != nil) == collects, "\(name): \(collector.work) term operations, budget \(collector.budget)")
        try Self.expectWithinWrittenEnclosures(tape, state: [x], parameters: [p], order: 6, bits: 64, name)
    }

    /// The bound checked before collecting (`mayFitBudget`) skips only collections that go past the budget: each
    /// adversarial tape, in the notation or written by hand, and the teacher-student-like one that collects, is
    /// tried where its collection completes.
    @Test func theBoundBeforeCollectingSkipsOnlyCollectionsPastTheBudget() throws {
        var tapes = Self.adversarial.map { ($0.name, $0.tape, 1..<2) }
        tapes += try Self.adversarialInNotation.indices.map { ("in notation \($0)", try Self.system([Self.adversarialInNotation[$0], "Q - R"], parameters: ["a", "b"]).tape, 2..<4) }
        tapes.append(("teacher-student", try Self.system([Self.qDot, Self.rDot]).tape, 2..<7))
        for (name, tape, constantSlots) in tapes {
            var collector = TapePolynomials(tape: tape, constantSlots: constantSlots)
            let collects = collector.collect() != nil
            let tried = TapePolynomials.mayFitBudget(tape, isConstant: tape.constantRegisters(constantSlots: constantSlots))
            #expect(tried || !collects, "\(name): skipped, but collects in \(collector.work) term operations of \(collector.budget)")
        }
    }

    /// Right-hand sides in the notation, compiled as the tool does: a power of a sum, a product of many sums, a
    /// nested product of sums, a long product chain (exponents past the bound), a sum shared by many products.
    static let adversarialInNotation: [String] = [
        "(Q + R + 1)^40 - a*(Q - R)^41",
        (1...30).map { "(Q + \($0)*R - a)" }.joined(separator: "*"),
        (1...30).reduce("Q") { inner, k in "((\(inner))*R + \(k)*Q*b)" },
        Array(repeating: "Q*R", count: 60).joined(separator: "*") + " + a*Q",
        (1...40).map { k in "(" + (1...200).map { "\($0)*Q^\($0 % 7)*R^\($0 % 5)" }.joined(separator: " + ") + ")*Q^\(k % 4)*R^\(k % 3)*a" }
            .joined(separator: " + "),
    ]

    @Test(arguments: adversarialInNotation.indices)
    func anAdversarialRightHandSideAgreesWithTheWrittenForm(index: Int) throws {
        let system = try Self.system([Self.adversarialInNotation[index], "Q - R"], parameters: ["a", "b"])
        try Self.expectWithinWrittenEnclosures(system.tape, state: [BigRational(1, 5), BigRational(-1, 7)], parameters: [BigRational(3, 2), BigRational(-2, 3)],
                                               order: 6, bits: 64, "right-hand side \(index)")
    }

    /// A sum of d products shared by 2d products with the state (the flagship model's (a - a*) w_i and (a - a*)
    /// u_i): copied into every reader it would be 2 d^2 terms; at d = 2000 the collection stops at its budget
    /// (linear in the tape) and the tape runs as written.
    @Test func aWideSharedSumStopsAtTheBudget() throws {
        let d = 2000
        var instructions = (0..<(2 * d + 1)).map { Tape.Instruction.input($0) }
        var a = Self.append(.multiply(0, d), &instructions)
        for i in 1..<d { a = Self.append(.add(a, Self.append(.multiply(i, d + i), &instructions)), &instructions) }
        let error = Self.append(.subtract(a, 2 * d), &instructions)
        let outputs = (0..<(2 * d)).map { [Self.append(.multiply(error, $0 < d ? d + $0 : $0 - d), &instructions)] }
        let tape = Tape(instructions: instructions, inputs: (0...(2 * d)).map { .init(name: "s", component: $0) },
                        outputs: outputs, outputShapes: outputs.map { _ in .scalar })
        var collector = TapePolynomials(tape: tape, constantSlots: (2 * d)..<(2 * d + 1))
        let collected = collector.collect()
        #expect(collected == nil, "collected in \(collector.work) term operations, budget \(collector.budget)")
        #expect(collector.budget < 100 * tape.instructions.count)
        #expect(!TapePolynomials.mayFitBudget(tape, isConstant: tape.constantRegisters(constantSlots: (2 * d)..<(2 * d + 1))),
                "the bound before collecting sees the d^2 terms, so the collection is not tried")
        #expect(tape.collectingPolynomials(constantSlots: (2 * d)..<(2 * d + 1)).instructions == tape.instructions)
    }
}

private func pow2(_ n: Int) -> Double { Double(sign: .plus, exponent: n, significand: 1) }
