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
        "u[2]^2*c + sum(w)*u[1]",
    ])
    func matchesForwardPartials(text: String) throws {
        let loss = try ExpressionParser.parse(text)
        let context = MPFRContext(precision: 200)
        let values = Self.point.mapValues { $0.map { BigFloat($0, precision: 200) } }
        for name in ["u", "w"] {
            let gradient = try loss.gradient(withRespectTo: name, shapes: ["u": .vector(3), "w": .vector(3)])
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

    /// Matrix variables: the reverse gradient of each entry against the forward partial of the loss with
    /// the matrix written out as a literal of scalar symbols.
    @Test(arguments: [
        "norm(B - A @ A @ B)^2/2",
        "trace(A @ A)*c + det(A + eye(2)*3) + sum(inv(A + eye(2)*3) @ B)",
        "sum(col(B, 1) * col(A @ B, 3)) + B[2, 3]^2 + dot(col(B, 2), [1, 2]) + sum(diag(A)^3) + sum(outer(diag(A), row(B, 2)))",
        "[1, -1] @ A @ [2, 1] + sum(transpose(B) @ A)",
        "trace(sqrtm(transpose(A) @ A + eye(2)) @ B @ transpose(B)) + sum(powm(A @ transpose(A) + eye(2)*c, -2/3) @ B)",
    ])
    func matrixGradientsMatchForwardPartials(text: String) throws {
        let loss = try ExpressionParser.parse(text)
        let context = MPFRContext(precision: 200)
        let point: [String: [Double]] = ["A": [0.7, -0.2, 0.4, 1.1], "B": [0.5, 1, -1, 2, 0.75, -0.25], "c": [0.3]]
        let values = point.mapValues { $0.map { BigFloat($0, precision: 200) } }
        let shapes: [String: Shape] = ["A": .matrix(2, 2), "B": .matrix(2, 3)]
        for (name, shape) in shapes {
            guard case .matrix(let m, let n) = shape else { continue }
            let gradient = try loss.gradient(withRespectTo: name, shapes: shapes)
            let reverse = try #require(gradient.tapeValues(context, values), "\(gradient)")
            #expect(reverse.count == m * n, "\(text): the gradient in \(name) has \(reverse.count) entries")
            let symbols = (1...m).map { i in (1...n).map { j in Expr.symbol("\(name)_\(i)_\(j)") } }
            let unrolled = loss.substituting([name: .vector(symbols.map { .vector($0) })])
            var scalarValues = values
            scalarValues[name] = nil
            for (k, s) in symbols.joined().enumerated() { scalarValues[s.symbolName!] = [values[name]![k]] }
            for (k, s) in symbols.joined().enumerated() {
                let forward = try #require(try unrolled.derivative(withRespectTo: s.symbolName!).tapeValues(context, scalarValues))[0]
                #expect(agree(reverse[k], forward, tolerance: 1e-50), "\(text): d/d\(s) = \(reverse[k]) vs \(forward)")
            }
        }
    }

    @Test func scalarVariableAgreesWithTheForwardDerivative() throws {
        let loss = try ExpressionParser.parse("kappa/2*(gamma*dot(u, w) - astar)^2 + exp(gamma)*c")
        let reverse = try loss.gradient(withRespectTo: "gamma", shapes: ["u": .vector(3), "w": .vector(3)])
        let forward = try loss.derivative(withRespectTo: "gamma")
        let context = MPFRContext(precision: 200)
        let values = Self.point.mapValues { $0.map { BigFloat($0, precision: 200) } }
        let a = try #require(reverse.tapeValues(context, values))[0]
        let b = try #require(forward.tapeValues(context, values))[0]
        #expect(agree(a, b, tolerance: 1e-50))
    }

    @Test func aLossNotDependingOnTheVariableHasZeroGradient() throws {
        let loss = try ExpressionParser.parse("dot(w, w)")
        #expect(try loss.gradient(withRespectTo: "u", shapes: ["u": .vector(3), "w": .vector(3)]).numberValue == 0)
    }

    @Test func literalsAndVectorLossesAreRejectedWithAReason() throws {
        let loss = try ExpressionParser.parse("dot(u, [u[1], 2, 3])")
        #expect(throws: GradientError.self) { try loss.gradient(withRespectTo: "u", shapes: ["u": .vector(3)]) }
        let vectorLoss = try ExpressionParser.parse("u*2")
        #expect(throws: GradientError.self) { try vectorLoss.gradient(withRespectTo: "u", shapes: ["u": .vector(3)]) }
    }
}
