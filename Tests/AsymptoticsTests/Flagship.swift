import PhasecheckAsymptotics
import PhasecheckExpressions
import PhasecheckNumbers

/// The flagship model's width-limit quantities (model.md section 5), built from the hyperparameter symbols.
enum Flagship {
    static let gamma = Expr.symbol("gamma"), sigmaU = Expr.symbol("sigma_u"), sigmaW = Expr.symbol("sigma_w")
    static let etaU = Expr.symbol("eta_u"), etaW = Expr.symbol("eta_w"), astar = Expr.symbol("astar")
    static func square(_ x: Expr) -> Expr { .power(x, .number(2)) }

    static let Gamma = gamma * d * sigmaU * sigmaW
    static let X = etaU * square(sigmaW) / (etaW * square(sigmaU))
    static let B = Expr.number(4) * X / square(Expr.number(1) + X)
    static let R = B * square(astar) / square(Gamma)
    static let K0 = square(gamma) * (etaU * d * square(sigmaW) + etaW * d * square(sigmaU))
    /// zeta_inf in the width limit.
    static let zeta = Expr.call(.sqrt, Expr.number(1) + R) - Expr.number(1)

    /// gamma = d^-alpha, sigma = d^-b, eta = d^c, astar = 1.
    static let symbolicLimit = WidthLimit(scalings: [
        "gamma": .power(of: "alpha", sign: -1),
        "sigma_u": .power(of: "b_u", sign: -1),
        "sigma_w": .power(of: "b_w", sign: -1),
        "eta_u": .power(of: "c_u"),
        "eta_w": .power(of: "c_w"),
        "astar": WidthScaling(exponent: 0),
    ])

    /// A named parameterization: gamma, sigma_u^2, sigma_w^2, eta_u, eta_w as expressions in d.
    static func parameterization(gamma g: Expr, sigmaSquaredU su: Expr, sigmaSquaredW sw: Expr, eta: Expr) -> WidthLimit {
        WidthLimit(scalings: [
            "gamma": WidthScaling(coefficient: g, exponent: 0),
            "sigma_u": WidthScaling(coefficient: .call(.sqrt, su), exponent: 0),
            "sigma_w": WidthScaling(coefficient: .call(.sqrt, sw), exponent: 0),
            "eta_u": WidthScaling(coefficient: eta, exponent: 0),
            "eta_w": WidthScaling(coefficient: eta, exponent: 0),
            "astar": WidthScaling(exponent: 0),
        ])
    }
}
