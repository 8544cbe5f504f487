import PhasecheckExpressions
import PhasecheckNumbers
import Testing

/// The reverse-mode gradient against a second method: the forward differentiator applied to the loss
/// with the vector written out as scalar symbols, one partial derivative per component.
@Suite struct GradientTests {
    static let point: [String: [Double]] = [
        "u": [0.7, -1.3, 0.4], "w": [1.1, 0.25, -0.6], "gamma": [0.5], "kappa": [1.5], "astar": [0.8], "c": [0.3],
    ]

    static func components(_ name: String) -> [Expr] { (1...3).map { Expr.symbol("\(name)_\($0)") } }

    @Test(arguments: [
        "kappa/2*(gamma*dot(u, w) - astar)^2",
        "norm(u)^3 + sum(exp(w*u))/(1 + dot(u, u))",
        "c*sum(u) + sum(c + u*w)^2 + dot(u, c*w + 1)",
        "log(1 + norm(u - w)) * sqrt(dot(w, w)) - max(dot(u, w), c) + atan2(sum(u), 2)",
        "sum(tanh(gamma*u)*w) + pow(dot(u, u), 1.5) - sum(u^2/(2 + w))",
    ])
    func matchesForwardPartials(text: String) throws {
        let loss = try ExpressionParser.parse(text)
        let context = MPFRContext(precision: 200)
        let values = Self.point.mapValues { $0.map { BigFloat($0, precision: 200) } }
        for name in ["u", "w"] {
            let gradient = try loss.gradient(withRespectTo: name, vectorSymbols: ["u", "w"])
            let reverse = try #require(gradient.tapeValues(context, values), "\(gradient)")
            // Written out: u -> [u_1, u_2, u_3], then d/du_i by the forward rules.
            let symbols = Self.components(name)
            let unrolled = loss.substituting([name: .vector(symbols)])
            var scalarValues = values
            scalarValues[name] = nil
            for (i, s) in symbols.enumerated() { scalarValues[s.symbolName!] = [values[name]![i]] }
            for (i, s) in symbols.enumerated() {
                let partial = try unrolled.derivative(withRespectTo: s.symbolName!)
                let forward = try #require(partial.tapeValues(context, scalarValues))[0]
                let got = reverse.count == 1 ? reverse[0] : reverse[i]
                #expect(agree(got, forward, tolerance: 1e-50), "\(text): d/d\(name)_\(i + 1) = \(got) vs \(forward)")
            }
        }
    }

    @Test func scalarVariableAgreesWithTheForwardDerivative() throws {
        let loss = try ExpressionParser.parse("kappa/2*(gamma*dot(u, w) - astar)^2 + exp(gamma)*c")
        let reverse = try loss.gradient(withRespectTo: "gamma", vectorSymbols: ["u", "w"])
        let forward = try loss.derivative(withRespectTo: "gamma")
        let context = MPFRContext(precision: 200)
        let values = Self.point.mapValues { $0.map { BigFloat($0, precision: 200) } }
        let a = try #require(reverse.tapeValues(context, values))[0]
        let b = try #require(forward.tapeValues(context, values))[0]
        #expect(agree(a, b, tolerance: 1e-50))
    }

    @Test func aLossNotDependingOnTheVariableHasZeroGradient() throws {
        let loss = try ExpressionParser.parse("dot(w, w)")
        #expect(try loss.gradient(withRespectTo: "u", vectorSymbols: ["u", "w"]).numberValue == 0)
    }

    @Test func componentsAreRejectedWithAReason() throws {
        let loss = try ExpressionParser.parse("u[1]^2")
        #expect(throws: GradientError.self) { try loss.gradient(withRespectTo: "u", vectorSymbols: ["u"]) }
        let vectorLoss = try ExpressionParser.parse("u*2")
        #expect(throws: GradientError.self) { try vectorLoss.gradient(withRespectTo: "u", vectorSymbols: ["u"]) }
    }
}
