import Foundation
import PhasecheckDerivations
import PhasecheckTestSupport
import Testing

/// Issue 17's classes tried again on inputs written here as a new user would (sixth session), from papers not
/// bundled: Fixtures/st01 ... st11 (SGD on a noisy quadratic, Euler-Maruyama for a 2-d Ornstein-Uhlenbeck
/// process, multiplicative SGD noise as a moment map and as a Monte Carlo, Owen's normal integrals, Saad and
/// Solla's erf integrals and ODEs, Cho and Saul's arc-cosine kernels, dropout, online linear regression, signSGD).
/// Every number the files state comes from `st_trials.mpmath.py` (output `st_trials.mpmath.out`). Each correct
/// file holds; each `_planted` twin changes one factor in the claims it names PLANTED, and those FAIL.
struct UnseenStochasticTrialTests {
    static let files = ["st01_sgd_noisy_quadratic", "st02_ou_euler_maruyama", "st03_multiplicative_moments",
                        "st04_multiplicative_monte_carlo", "st05_owen_gaussian_integrals", "st06_saad_solla_integrals",
                        "st07_saad_solla_ode", "st08_arccos_kernel", "st09_dropout", "st10_online_linear_regression",
                        "st11_signsgd"]

    static func options(_ options: inout VerifyOptions) {
        options.parameterDraws = 3
        options.timeSamples = 3
    }

    /// The results of the claims whose names contain `only` (all claims when nil), by name.
    static func results(_ file: String, only: String? = nil, jobs: Int = 1) throws -> [String: ClaimResult] {
        let derivation = try Fixture.derivation(file)
        var options = VerifyOptions()
        Self.options(&options)
        options.jobs = jobs
        let verifier = Verifier(derivation: derivation, options: options)
        let claims = derivation.claims.filter { only == nil || $0.name.contains(only!) }
        return Dictionary(uniqueKeysWithValues: claims.map { ($0.name, verifier.verify($0)) })
    }

    static func entry(_ r: ClaimResult, _ name: String) -> String? { r.worstCase.first { $0.name == name }?.value }

    @Test(arguments: files)
    func everyClaimHolds(file: String) throws {
        let results = try Self.results(file)
        #expect(!results.isEmpty)
        Fixture.expectPlantedOnlyFail(results, file: file)
    }

    /// Only the planted claims are verified: the twin's other claims are the correct file's, word for word
    /// (`everyClaimHolds`). A planted Monte Carlo mean is off by many standard errors (the tests ask for
    /// 4, so a true claim fails with probability 0.0063% per component): its |z| is far beyond 4.
    @Test(arguments: files)
    func thePlantedTwinFails(file: String) throws {
        let twin = file + "_planted"
        let planted = try Self.results(twin, only: "PLANTED")
        #expect(!planted.isEmpty, "\(twin): no PLANTED claim")
        Fixture.expectPlantedTwin(planted, file: twin)
        let correct = try Fixture.derivation(file).claims.count, all = try Fixture.derivation(twin).claims
        #expect(all.count - planted.count <= correct, "\(twin): claims other than the planted ones were added")
        for (name, r) in planted {
            guard let z = Self.entry(r, "z").flatMap(Double.init) else { continue }
            #expect(z.magnitude >= 8, "\(twin): \(name): z = \(z)")
        }
    }

    /// The false-alarm rate is stated in each report: k = 4 standard errors, 2 (1 - Phi(4)) = 6.334e-5 per component
    /// (mpmath: 2*(1 - ncdf(4)) = 6.3342483666239957e-05), at most 3 times that over three components. The
    /// documentation gives the rate at k = 3 (0.27%).
    @Test func theFalseAlarmRateIsStatedAndDocumented() throws {
        let results = try Self.results("st02_ou_euler_maruyama", only: "stationary covariance")
        let r = try #require(results.values.first)
        #expect(r.detail.contains("fails a component with probability 0.0063%"), "\(r.detail)")
        #expect(r.detail.contains("some component with at most 0.019%"), "\(r.detail)")
        let docs = try String(contentsOf: CLI.packageRoot.appendingPathComponent("docs/derivation-format.md"), encoding: .utf8)
        #expect(docs.contains("2(1 - Phi(k)) per component, 0.27% at k = 3"))
    }

    /// `--jobs` changes no byte of a report with Monte Carlo claims (JSON, which has no timings), and the seed
    /// is recorded in it and in each claim's worst case; another seed gives other numbers.
    @Test func reportsAreByteIdenticalAcrossJobCountsAndRecordTheSeed() throws {
        let paths = ["st08_arccos_kernel", "st11_signsgd"].map { Fixture.folder.appendingPathComponent($0 + ".phc").path }
        let one = try CLI.run(["verify"] + paths + ["--format", "json", "--seed", "5", "--jobs", "1"])
        let three = try CLI.run(["verify"] + paths + ["--format", "json", "--seed", "5", "--jobs", "3"])
        #expect(one.status == 0, "\(one.stdout)\(one.stderr)")
        #expect(one.stdout == three.stdout)
        #expect(one.stdout.contains("\"seed\" : 5") || one.stdout.contains("\"seed\": 5"), "\(one.stdout.prefix(600))")
        #expect(one.stdout.contains("seed 5;"))
        let other = try CLI.run(["verify", paths[0], "--format", "json", "--seed", "6"])
        #expect(other.stdout.contains("\"seed\" : 6") || other.stdout.contains("\"seed\": 6"))
    }

    /// Reference values that the claims do not restate: the Monte Carlo estimates lie where the referee puts them
    /// (st_trials.mpmath.out: E x_60^2 = 1/12 for st01, the stationary covariance (0.386207, -0.0827586, 0.303448) of
    /// st02), and the thresholds land on eta_c = 8/13 (st03) and the Saad-Solla eta_max = 4.05577867597361189695 (st07).
    @Test func estimatesAndThresholdsMatchTheReferee() throws {
        let st01 = try #require(try Self.results("st01_sgd_noisy_quadratic", only: "stationary variance").values.first)
        let mean = try #require(Self.entry(st01, "mean").flatMap(Double.init)), se = try #require(Self.entry(st01, "s.e.").flatMap(Double.init))
        #expect(abs(mean - 1.0 / 12) <= 4 * se, "\(mean) ± \(se)")
        let st03 = try #require(try Self.results("st03_multiplicative_moments", only: "edge eta_c").values.first)
        #expect(Self.entry(st03, "eta").map { $0.hasPrefix("0.61538461538") } == true, "\(st03.worstCase)")
        let st07 = try #require(try Self.results("st07_saad_solla_ode", only: "eta_max").values.first)
        #expect(Self.entry(st07, "eta").map { $0.hasPrefix("4.05577867597361") } == true, "\(st07.worstCase)")
    }

    /// Found by these trials: the start of a noisy map is not random (no noise is drawn before step 1), so `value E at
    /// step 0` is checked like any value; a later step still needs the noise switched off.
    @Test func theStartOfANoisyMapIsAValue() throws {
        let text = """
        param s = 1
        state x = 3
        noise xi ~ normal(0, s)
        map x -> x/2 + xi
        claim "start": value x^2 at step 0 == 9
        claim "start (PLANTED)": value x^2 at step 0 == 9 + 10^-20
        claim "one step": value x at step 1 == 3/2
        """
        let results = try Fixture.results("noisy_start", text: text)
        #expect(results["start"]?.status == .holds, "\(String(describing: results["start"]?.detail))")
        #expect(results["start (PLANTED)"]?.status == .fails)
        let later = try #require(results["one step"])
        #expect(later.status == .error && later.detail.contains("its iterates are random"), "\(later.detail)")
    }

    /// Found by these trials: dropout without label noise sends every path to w* = y/(2x) (both masks fix it; by step 200
    /// to rounding),
    /// so the paths do not spread and the z-test cannot judge; the reason says why, and that a `value` claim needs a
    /// scenario that switches the noise off (the old hint proposed `value E at step n` alone, an error on a noisy map).
    @Test func pathsThatAgreeAreUndecidedWithAnAccurateHint() throws {
        let text = try Fixture.text("st09_dropout", planting: [("map w -> w + eta*(y + eps - w*m*x)*m*x", "map w -> w + eta*(y - w*m*x)*m*x"),
                                                                   ("mean of w at step 40", "mean of w at step 200")])
        let r = try #require(try Fixture.results("st09_noiseless_labels", text: text)["SGD with dropout settles at w* = y/(2x) in the mean"])
        #expect(r.status == .undecided)
        #expect(r.detail.contains("does not spread over the paths") && r.detail.contains("a scenario whose noise has standard deviation 0"), "\(r.detail)")
    }
}
