import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckNumbers
import Testing
import PhasecheckTestSupport

/// The flagship model at large width: d = 10^4 in Double, d = 10^3 in MPFR, against its invariant
/// C = |u|^2/eta_u - |w|^2/eta_w and the exact solution of model.md section 3.
@Suite struct LargeWidthTests {
    /// Mean-field scaling (gamma = 1/d, eta = d, O(1) weights) so that a and K are O(1) at any width.
    static func meanField(width d: Int) -> FlagshipCase {
        // Deterministic O(1) weights, exact rationals: u_i in [-1.25, 1.25), w_i correlated with u_i.
        let u = (0..<d).map { i in "\((i * 7919 + 13) % 1000 - 500)/400" }
        let w = (0..<d).map { i in "\((i * 104729 + 7) % 1000 - 500)/500" }
        return FlagshipCase(u0: u, w0: w, gamma: "1/\(d)", etaU: "\(d)", etaW: "\(d)", astar: "1")
    }

    /// a(t) from the closed form of model.md section 3 (z-form), in MPFR.
    static func exactOutput(_ c: FlagshipCase, t: String, bits: Int) -> BigFloat {
        func r(_ s: String) -> BigFloat { BigFloat(BigRational(s)!, precision: bits) }
        let etaU = r(c.etaU), etaW = r(c.etaW), gamma = r(c.gamma), kappa = r(c.kappa), astar = r(c.astar)
        let one = BigFloat(1, precision: bits), two = BigFloat(2, precision: bits), four = BigFloat(4, precision: bits)
        let lambda = gamma * BigFloat.sqrt(etaU * etaW)
        var P = BigFloat(0, precision: bits), M = BigFloat(0, precision: bits)
        for (ui, wi) in zip(c.u0, c.w0) {
            let uT = r(ui) / BigFloat.sqrt(etaU), wT = r(wi) / BigFloat.sqrt(etaW)
            P = P + (uT + wT) * (uT + wT)
            M = M + (uT - wT) * (uT - wT)
        }
        let D = lambda * lambda * lambda * lambda * P * M
        let kInf = BigFloat.sqrt(D + four * lambda * lambda * astar * astar)
        let root = BigFloat.sqrt(four * astar * astar + lambda * lambda * P * M)
        let zPlus = (two * astar + root) / (lambda * P), zMinus = (two * astar - root) / (lambda * P)
        let q = (one - zPlus) / (one - zMinus) * BigFloat.exp(-kappa * kInf * r(t))
        let z = (zPlus - q * zMinus) / (one - q)
        return lambda / four * (P * z - M / z)
    }

    @Test func closedFormHelperReproducesModelMdCaseA() {
        // a(1) of model.md section 8, Case A: checks the helper used below.
        #expect(matchesPrintedDigits(Self.exactOutput(caseA, t: "1", bits: 128), "0.5482094676074648041132344"))
    }

    func invariant<V: Scalar>(_ state: [V], _ c: FlagshipCase, _ constant: (String) -> V) -> V {
        let d = c.u0.count
        var uu = state[0] * state[0], ww = state[d] * state[d]
        for i in 1..<d { uu = uu + state[i] * state[i]; ww = ww + state[d + i] * state[d + i] }
        return uu / constant(c.etaU) - ww / constant(c.etaW)
    }

    @Test func width10000InDouble() throws {
        let c = Self.meanField(width: 10_000)
        let context = DoubleContext()
        var integrator = try TaylorIntegrator(system: flagshipSystem(width: 10_000), parameters: c.parameters(context),
                                              context: context)
        let initial = c.initial(context)
        let times = ["0.02", "0.1"]
        let states = try integrator.integrate(initial: initial, from: 0, to: times.map { Double($0)! })
        let value: (String) -> Double = { BigRational($0)!.doubleValue }
        let c0 = invariant(initial, c, value)
        for (state, t) in zip(states, times) {
            #expect(relativeError(invariant(state, c, value), c0) < 1e-13, "C drifts at t = \(t)")
            let a = c.outputAndKernel(state, value).a
            let exact = Self.exactOutput(c, t: t, bits: 128).doubleValue
            #expect(Swift.abs(a - exact) < 1e-13, "a(\(t)) = \(a) vs \(exact)")
        }
        #expect(Swift.abs(c.outputAndKernel(states[1], value).a - c.outputAndKernel(initial, value).a) > 0.01,
                "the output must actually move in this window")
    }

    @Test func width1000InMPFR() throws {
        let c = Self.meanField(width: 1000)
        let bits = 128
        let context = MPFRContext(precision: bits)
        var integrator = try TaylorIntegrator(system: flagshipSystem(width: 1000), parameters: c.parameters(context),
                                              context: context)
        let initial = c.initial(context)
        let states = try integrator.integrate(initial: initial, from: context.constant(0), to: [big("0.02", bits)])
        let value: (String) -> BigFloat = { BigFloat(BigRational($0)!, precision: bits) }
        let c0 = invariant(initial, c, value), c1 = invariant(states[0], c, value)
        #expect(relativeError(c1, c0) < 1e-33, "C drifts by \(relativeError(c1, c0))")
        let a = c.outputAndKernel(states[0], value).a
        let exact = Self.exactOutput(c, t: "0.02", bits: bits + 64)
        #expect(relativeError(a.rounded(toPrecision: bits + 64), exact) < 1e-32)
    }
}
