import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckNumbers

func big(_ text: String, _ bits: Int) -> BigFloat {
    guard let x = BigFloat(text, precision: bits) else { fatalError("not a number: \(text)") }
    return x
}

/// Whether x matches a decimal reference printed (correctly rounded) with n significant digits: x must lie
/// within 0.6 units of the last printed digit (the rounding itself accounts for up to 0.5).
func matchesPrintedDigits(_ x: BigFloat, _ reference: String) -> Bool {
    let mantissa = reference.split(whereSeparator: { $0 == "e" || $0 == "E" })[0]
    let digits = mantissa.drop(while: { $0 == "-" || $0 == "0" || $0 == "." }).filter(\.isNumber).count
    let ref = big(reference, x.precision + 64)
    let leadingExponent = Int((log10Double(Swift.abs(ref.doubleValue))).rounded(.down))
    let unit = pow10(leadingExponent - (digits - 1))
    return BigFloat.abs(x.rounded(toPrecision: x.precision + 64) - ref).doubleValue <= 0.6 * unit
}

func pow10(_ n: Int) -> Double {
    var r = 1.0
    for _ in 0..<Swift.abs(n) { r *= 10 }
    return n < 0 ? 1 / r : r
}

/// Digits of agreement: -log10 of the relative error (capped at the precision).
func agreementDigits(_ error: Double) -> Double { error == 0 ? .infinity : -log10Double(error) }

func log10Double(_ x: Double) -> Double { Precision.decimalLog(natural: BigFloat.log(BigFloat(x, precision: 53)).doubleValue) }

/// The flagship model of model.md section 2: u' = -eta_u gamma kappa (a - astar) w,
/// w' = -eta_w gamma kappa (a - astar) u with a = gamma u.w (u, w of length d).
func flagshipSystem(width d: Int) throws -> ODESystem {
    let u = Expr.symbol("u"), w = Expr.symbol("w")
    let etaU = Expr.symbol("eta_u"), etaW = Expr.symbol("eta_w"), gamma = Expr.symbol("gamma")
    let kappa = Expr.symbol("kappa"), astar = Expr.symbol("astar")
    let a = gamma * Expr.dot(u, w)
    return try ODESystem(
        state: [.init("u", shape: .vector(d)), .init("w", shape: .vector(d))],
        rightHandSides: [-etaU * gamma * kappa * (a - astar) * w, -etaW * gamma * kappa * (a - astar) * u],
        parameters: ["eta_u", "eta_w", "gamma", "kappa", "astar"].map { ODESystem.Variable($0) },
        timeSymbol: nil)
}

/// One set of flagship hyperparameters and an initial condition, as decimal strings (exact rationals).
struct FlagshipCase {
    var u0: [String], w0: [String]
    var gamma: String, etaU = "1", etaW = "1", kappa = "1", astar: String

    func parameters<C: ScalarContext>(_ context: C) -> [String: [C.Value]] {
        func value(_ s: String) -> [C.Value] { [context.constant(BigRational(s)!)] }
        return ["eta_u": value(etaU), "eta_w": value(etaW), "gamma": value(gamma), "kappa": value(kappa), "astar": value(astar)]
    }

    func initial<C: ScalarContext>(_ context: C) -> [C.Value] {
        (u0 + w0).map { context.constant(BigRational($0)!) }
    }

    /// a = gamma u.w and K = gamma^2 (eta_u |w|^2 + eta_w |u|^2) from a state (u then w).
    func outputAndKernel<V: Scalar>(_ state: [V], _ constant: (String) -> V) -> (a: V, K: V) {
        let d = u0.count
        let u = Array(state[0..<d]), w = Array(state[d..<(2 * d)])
        var dot = u[0] * w[0], uu = u[0] * u[0], ww = w[0] * w[0]
        for i in 1..<d { dot = dot + u[i] * w[i]; uu = uu + u[i] * u[i]; ww = ww + w[i] * w[i] }
        let g = constant(gamma)
        return (g * dot, g * g * (constant(etaU) * ww + constant(etaW) * uu))
    }
}

let caseA = FlagshipCase(u0: ["1", "-2", "0.5"], w0: ["0.3", "1", "-1"], gamma: "0.5", astar: "1")
let caseB = FlagshipCase(u0: ["3", "1"], w0: ["2", "1"], gamma: "1", astar: "-1")

/// The 2-D scalar linear network a' = b (1 - a b), b' = a (1 - a b).
func scalarNetworkSystem() throws -> ODESystem {
    let a = Expr.symbol("a"), b = Expr.symbol("b")
    return try ODESystem(state: [.init("a"), .init("b")],
                         rightHandSides: [b * (Expr.number(1) - a * b), a * (Expr.number(1) - a * b)],
                         timeSymbol: nil)
}

/// Its closed form for a(0) = b(0) = u0: a = b = u with u^2 = 1 / (1 + (1/u0^2 - 1) e^{-2t}).
func scalarNetworkClosedForm(u0: String, t: String, bits: Int) -> BigFloat {
    let u = big(u0, bits), one = BigFloat(1, precision: bits)
    let e = BigFloat.exp(BigFloat(-2, precision: bits) * big(t, bits))
    return BigFloat.sqrt(one / (one + (one / (u * u) - one) * e))
}
