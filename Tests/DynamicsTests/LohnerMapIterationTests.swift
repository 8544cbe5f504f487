import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckNumbers
import Testing

/// Lohner's centred form against plain boxes on maps whose Jacobian cancels what |J| adds up.
@Suite struct LohnerMapIterationTests {
    let bits = 128
    var context: IntervalContext { IntervalContext(precision: bits) }
    let x = Expr.symbol("x"), y = Expr.symbol("y")

    /// The rotation x' = (3x - 4y)/5, y' = (4x + 3y)/5 (exact: (x + iy) times (3 + 4i)/5) from (1, 0).
    var rotation: [Expr] { [(Expr.number(3) * x - Expr.number(4) * y) / Expr.number(5), (Expr.number(4) * x + Expr.number(3) * y) / Expr.number(5)] }

    func centred(_ updates: [Expr], from start: [Int], steps: Int) throws -> MapIterator<IntervalContext>.Run {
        let problem = try ZeroProblem(unknowns: ["x", "y"], equations: zip(updates, [x, y]).map { $0 - $1 }, parameters: [])
        var iteration = LohnerMapIteration(fixedPointEquations: problem.evaluator(parameterValues: [], precision: bits))
        return iteration.iterate(initial: start.map { context.constant($0) }, keeping: [steps])
    }

    func plain(_ updates: [Expr], from start: [Int], steps: Int) throws -> MapIterator<IntervalContext>.Run {
        let system = try MapSystem(state: [.init("x", shape: .scalar), .init("y", shape: .scalar)], updates: updates)
        var iterator = try MapIterator(system: system, parameters: [:], context: context)
        return iterator.iterate(initial: start.map { context.constant($0) }, keeping: [steps])
    }

    /// ((3 + 4i)/5)^k from exact integer powers (python3: re, im = 3 re - 4 im, 4 re + 3 im, k times, over
    /// 5^k; printed by mpmath at 35 digits). Plain boxes grow by |J|'s norm 7/5 a step (2^-128 * 1.4^300 is
    /// about 2^18): at 128 bits they have lost every digit by step 300, where the centred form keeps 30.
    @Test(arguments: [(300, "-0.15696376952976275643018374758290776", "0.98760436160185497677591804197350911"),
                      (1000, "-0.86513081388014144708532475818182902", "-0.50154628388124266799213365559216824")])
    func aRotationKeepsItsDigits(steps: Int, re: String, im: String) throws {
        let run = try centred(rotation, from: [1, 0], steps: steps)
        let state = try #require(run.states[steps])
        for (value, reference) in zip(state, [re, im]) {
            #expect(matchesPrintedDigits(value.midpoint, reference), "\(value) against \(reference)")
            #expect(value.width.doubleValue < 1e-30, "\(value)")
        }
        let boxes = try plain(rotation, from: [1, 0], steps: 300)
        let wide = boxes.states[300].map { $0.allSatisfy { !$0.isFinite || $0.width.doubleValue > 1 } } ?? true
        #expect(wide, "plain boxes were expected to lose the rotation by step 300")
    }

    /// Gradient descent on the two-layer scalar network with weight decay, L = (x y - 1)^2/2 + (x^2 + y^2)/20,
    /// at eta = 1/4 from (3/2, 1/4) (the files' test in GradientDescentTests): iterate 200 against mpmath.
    /// python3 (mpmath, 60 digits): u, w = u - eta (r w + lam u), w - eta (r u + lam w), r = u w - 1, 200 times.
    @Test func gradientDescentOnANetworkAgreesWithMpmath() throws {
        let eta = Expr.number(BigRational(1, 4)), lam = Expr.number(BigRational(1, 10))
        let r = x * y - Expr.number(1)
        let updates = [x - eta * (r * y + lam * x), y - eta * (r * x + lam * y)]
        let problem = try ZeroProblem(unknowns: ["x", "y"], equations: zip(updates, [x, y]).map { $0 - $1 }, parameters: [])
        var iteration = LohnerMapIteration(fixedPointEquations: problem.evaluator(parameterValues: [], precision: bits))
        let start = [context.constant(BigRational(3, 2)), context.constant(BigRational(1, 4))]
        let state = try #require(iteration.iterate(initial: start, keeping: [200]).states[200])
        #expect(matchesPrintedDigits(state[0].midpoint, "0.94870298820564334157626957240451645"))
        #expect(matchesPrintedDigits(state[1].midpoint, "0.94866360841708193850654036712545517"))
        #expect(state.allSatisfy { $0.width.doubleValue < 1e-30 })
    }
}
