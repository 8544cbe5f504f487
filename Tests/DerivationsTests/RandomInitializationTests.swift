import PhasecheckDerivations
import PhasecheckExpressions
import PhasecheckNumbers
import Testing

/// `state w[d] ~ normal(mean, sd) seed S`: reproducible draws with the right distribution.
struct RandomInitializationTests {
    static func source(width: Int, seed: Int) -> String {
        """
        width d = \(width)
        param sigma = 0.5 in (0, inf)
        param eta = 1
        state u[d] ~ normal(0, sigma) seed \(seed)
        state w[d] ~ normal(1, 2*sigma) seed \(seed + 1)
        ode u' = -eta*(dot(u, w) - 1)*w
        ode w' = -eta*(dot(u, w) - 1)*u
        claim "C conserved": invariant dot(u, u) - dot(w, w)
        """
    }

    static func initial(_ name: String, width: Int, seed: Int) throws -> [Double] {
        let model = try Model(try DerivationParser.parse(source(width: width, seed: seed), file: "random.phc"))
        return try model.initialValues[name]!.expressions.map { e in
            try e.evaluate(in: DoubleContext(), at: ["sigma": 0.5])
        }
    }

    @Test func drawsAreReproducibleAndDependOnTheSeed() throws {
        let a = try Self.initial("u", width: 8, seed: 7), b = try Self.initial("u", width: 8, seed: 7)
        let c = try Self.initial("u", width: 8, seed: 8)
        #expect(a == b)
        #expect(a != c)
    }

    @Test func drawsHaveTheDeclaredMeanAndStandardDeviation() throws {
        let n = 3_000
        for (name, mean, sd) in [("u", 0.0, 0.5), ("w", 1.0, 1.0)] {
            let x = try Self.initial(name, width: n, seed: 3)
            let m = x.reduce(0, +) / Double(n)
            let v = x.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(n - 1)
            // Five standard errors: the sample mean's is sd/sqrt(n), the sample variance's about sd^2 sqrt(2/n).
            #expect(abs(m - mean) < 5 * sd / Double(n).squareRoot(), "\(name): mean \(m)")
            #expect(abs(v - sd * sd) < 5 * sd * sd * (2 / Double(n)).squareRoot(), "\(name): variance \(v)")
        }
    }

    @Test func claimsHoldOnRandomInitialValues() throws {
        let d = try DerivationParser.parse(Self.source(width: 5, seed: 11), file: "random.phc")
        let results = Verifier(derivation: d, options: VerifyOptions()).verifyAll()
        #expect(results.allSatisfy { $0.status == .holds }, "\(results.map { ($0.name, $0.status, $0.detail) })")
    }
}
