import Foundation
import PhasecheckDerivations
import Testing

/// Maps with Gaussian noise, run along independent paths, and `mean of` claims about them.
struct StochasticMapTests {
    /// The Langevin step on the quadratic h x^2 / 2, without claims (other suites state their own about it).
    static let langevinModel = """
    param eta = 1/10 in (0, 1)
    param h = 2 in (0, inf)
    param T = 1/2 in [0, inf)
    state x = 3
    noise xi ~ normal(0, sqrt(2*eta*T))
    map x -> x - eta*h*x + xi
    """

    /// The unadjusted Langevin algorithm on h x^2/2 (the temperature T in the noise's law, so that a scenario
    /// with T = 0 switches the noise off and single iterates can be checked). Moments from Benchmarks/langevin_reference.py (mpmath,
    /// iterating the mean and variance): E x_10 = 0.3221225472, E x_10^2 = 0.37833815345737498624.
    static let langevin = """
    title "Unadjusted Langevin algorithm on a quadratic"
    \(langevinModel)
    scenario cold: T = 0
    claim "mean": mean of x at step 10 over 2000 paths == 0.3221225472 within 3 standard errors
    claim "second moment": mean of x^2 at step 10 over 2000 paths == 0.37833815345737498624 within 3 standard errors
    claim "one step": mean of x at step 1 over 2000 paths == 2.4 within 3 standard errors
    claim "cold iterate": value x at step 10 == 0.3221225472 under cold
    claim "noisy iterate": value x at step 10 == 0.3221225472
    claim "cold mean": mean of x at step 10 over 100 paths == 0.3221225472 within 3 standard errors under cold
    """

    static func results(_ text: String, seed: UInt64 = 1, jobs: Int = 1) throws -> [String: ClaimResult] {
        let derivation = try DerivationParser.parse(text, file: "langevin.phc")
        var options = VerifyOptions()
        options.seed = seed
        options.jobs = jobs
        let verifier = Verifier(derivation: derivation, options: options)
        return Dictionary(uniqueKeysWithValues: derivation.claims.map { ($0.name, verifier.verify($0)) })
    }

    static func entry(_ r: ClaimResult, _ name: String) -> String? { r.worstCase.first { $0.name == name }?.value }

    @Test func theLangevinMomentsHoldAndTheReportSaysTheTestIsStatistical() throws {
        let results = try Self.results(Self.langevin)
        for name in ["mean", "second moment", "one step", "cold iterate"] {
            #expect(results[name]!.status == .holds, "\(name): \(results[name]!.detail)")
        }
        let mean = results["mean"]!
        #expect(Self.entry(mean, "seed") == "1")
        #expect(Self.entry(mean, "paths") == "2000")
        #expect(Self.entry(mean, "test") == "statistical |z|<=3")
        for name in ["mean", "s.e.", "claimed", "z"] { #expect(Self.entry(mean, name) != nil, "\(name) in \(mean.worstCase)") }
        #expect(mean.detail.hasPrefix("statistical test, not certified"))
        #expect(mean.detail.contains("0.27%"))
        #expect(mean.agreement == nil)   // no digits are claimed
        // The mean shows no digit finer than its standard error's second: s.e. 0.0xy, mean to 3 decimals.
        let shown = try #require(Self.entry(mean, "mean")), se = try #require(Self.entry(mean, "s.e."))
        #expect(shown.split(separator: ".").last?.count == se.split(separator: ".").last?.count, "\(shown) ± \(se)")
    }

    @Test func aWrongMeanFailsWithItsZScore() throws {
        let planted = Self.langevin.replacingOccurrences(of: "at step 10 over 2000 paths == 0.3221225472", with: "at step 10 over 2000 paths == 0.4026531840")
        let result = try #require(try Self.results(planted)["mean"])
        #expect(result.status == .fails)
        let z = try #require(Double(Self.entry(result, "z") ?? ""))
        #expect(z < -3)
    }

    @Test func singleIteratesOfANoisyMapNeedTheNoiseSwitchedOff() throws {
        let results = try Self.results(Self.langevin)
        let noisy = results["noisy iterate"]!
        #expect(noisy.status == .error)
        #expect(noisy.detail.contains("draws noise `xi`"), "\(noisy.detail)")
        let cold = results["cold mean"]!
        #expect(cold.status == .undecided)
        #expect(cold.detail.contains("does not spread over the paths"), "\(cold.detail)")
    }

    /// The seed decides the noise; the number of jobs decides nothing.
    @Test func theSeedChangesTheNumbersAndTheJobsDoNot() throws {
        let one = try Self.results(Self.langevin, seed: 1, jobs: 1)["mean"]!
        let threeJobs = try Self.results(Self.langevin, seed: 1, jobs: 3)["mean"]!
        let otherSeed = try Self.results(Self.langevin, seed: 2, jobs: 1)["mean"]!
        #expect(threeJobs.worstCase.map(\.value) == one.worstCase.map(\.value))
        #expect(threeJobs.detail == one.detail)
        #expect(Self.entry(otherSeed, "mean") != Self.entry(one, "mean"))
        #expect(Self.entry(otherSeed, "seed") == "2")
    }

    @Test(arguments: [
        ("ode x' = -x + xi", "noise `xi` cannot be used in the ODE of `x`", "8:15"),
        ("let drift = x + xi\nclaim \"c\": value drift at step 1 == 0", "`drift`, which draws noise, cannot be used in claim \"c\"", "9:18"),
        ("noise eps ~ normal(0, x)", "`x` cannot be used in the law of noise `eps`", "8:7"),
        ("noise eps ~ poisson(1)", "expected a noise law, one of normal(mean, sd), rademacher, uniform(a, b), found `poisson`", "8:13"),
        ("noise xi ~ normal(0, 1)", "`xi` is already defined at line 4", "8:7"),
        ("claim \"m\": mean of x at step 1 == 0 within 3 standard errors", "expected `over` after the step", "8:32"),
        ("claim \"m\": mean of x at step 1 over 1 paths == 0 within 3 standard errors", "expected the number of paths of at least 2, found 1", "8:37"),
        ("claim \"m\": mean of x at step 1 over 10 paths == 0 within 3 sigma", "expected `standard` after the number of standard errors", "8:60"),
    ])
    func malformedNoiseIsReportedAtItsPlace(line: String, message: String, location: String) throws {
        let text = "param s = 1\nstate x = 0\nstate v = 0\nnoise xi ~ normal(0, s)\nmap x -> x + xi\nmap v -> v\node v' = 0\n\(line)\n"
        let error = try #require(Fixture.readError(text), "parsed: \(line)")
        #expect(error.all.contains { $0.message.contains(message) && "\($0.location.line):\($0.location.column)" == location },
                "\(error.all.map { "\($0.location.line):\($0.location.column) \($0.message)" })")
    }

    /// A law that cannot be drawn from (a negative standard deviation at the file's values or under a
    /// scenario) is an input error at the noise line when the file is read, not a claim error (issue 18).
    @Test(arguments: [
        ("noise xi ~ normal(0, -1)", "", "the law of noise `xi` is normal(0, -1); expected a finite mean and a standard deviation >= 0 at the file's parameter values"),
        ("noise xi ~ normal(0, s - 2)", "", "the law of noise `xi` is normal(0, -1); expected a finite mean and a standard deviation >= 0 at the file's parameter values"),
        ("noise xi ~ normal(0, s)", "scenario neg: s = -1\n", "the law of noise `xi` is normal(0, -1); expected a finite mean and a standard deviation >= 0 in scenario `neg`"),
    ])
    func aLawThatCannotBeDrawnIsAnInputError(noise: String, scenario: String, message: String) throws {
        let text = "param s = 1\nstate x = 0\n\(noise)\nmap x -> x + xi\n\(scenario)claim \"m\": mean of x at step 1 over 10 paths == 0 within 3 standard errors\n"
        let error = try #require(Fixture.readError(text), "parsed: \(noise)")
        #expect(error.all.map { "\($0.location.line):\($0.location.column) \($0.message)" } == ["3:7 \(message)"])
    }

    @Test func noiseNeedsMapsAndMeansNeedNoise() throws {
        for (text, message) in [
            ("state x = 0\node x' = -x\nnoise xi ~ normal(0, 1)\n", "noise `xi` is drawn at each step of the `map` lines, but the file has none"),
            ("state x = 0\nmap x -> x/2\nclaim \"m\": mean of x at step 1 over 10 paths == 0 within 3 standard errors\n", "averages over paths of a noisy map"),
        ] {
            #expect(throws: DerivationError.self) { try DerivationParser.parse(text, file: "bad.phc") }
            do { _ = try DerivationParser.parse(text, file: "bad.phc") } catch { #expect(error.message.contains(message), "\(error)") }
        }
    }

    /// Stochastic gradient descent on least squares with two features, f(x) = w . x, where each step sees
    /// one sample: x ~ N(0, I), label y = w* . x + label noise. In expectation it is gradient descent on the
    /// population loss, E w_{k+1} = (1 - eta) E w_k + eta w*, so E w_k = w* + (1 - eta)^k (w_0 - w*) exactly
    /// (Benchmarks/sgd_reference.py, mpmath: E w_20 = [0.64151407759145776564, -0.32075703879572888282]).
    static let sgd = """
    width d = 2
    param eta = 1/20 in (0, 1)
    param sigma = 1/2 in [0, inf)
    state w[d] = [0, 0]
    noise feature[d] ~ normal(0, 1)
    noise label ~ normal(0, sigma)
    let wstar = [1, -1/2]
    let residual = dot(w - wstar, feature) - label
    map w -> w - eta*residual*feature
    claim "SGD follows GD in expectation": mean of w at step 20 over 3000 paths == [0.64151407759145776564, -0.32075703879572888282] within 3 standard errors
    claim "a biased claim fails": mean of w at step 20 over 3000 paths == [0.66, -0.33] within 3 standard errors
    """

    @Test func stochasticGradientDescentFollowsGradientDescentInExpectation() throws {
        let results = try Self.results(Self.sgd, jobs: 2)
        #expect(results["SGD follows GD in expectation"]!.status == .holds, "\(results["SGD follows GD in expectation"]!.worstCase)")
        #expect(results["a biased claim fails"]!.status == .fails)
        #expect(Self.entry(results["a biased claim fails"]!, "component") != nil)
    }
}
