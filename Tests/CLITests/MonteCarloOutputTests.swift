import Foundation
import PhasecheckTestSupport
import Testing

/// `--jobs` spreads the paths of Monte Carlo claims over threads without changing a byte of the report, and
/// the seed that fixes the noise is recorded in it.
struct MonteCarloOutputTests {
    /// Two noisy claims (a scalar and a vector) and a deterministic one; E x_10 = 3 (4/5)^10 (Benchmarks/langevin_reference.py).
    static let file = """
    width d = 2
    param eta = 1/10
    param T = 1/2
    state x = 3
    state v[d] = [1, -1]
    noise xi ~ normal(0, sqrt(2*eta*T))
    noise zeta[d] ~ normal(0, 1/10)
    map x -> x - 2*eta*x + xi
    map v -> v/2 + zeta
    claim "Langevin mean": mean of x at step 10 over 300 paths == 0.3221225472 within 3 standard errors
    claim "vector mean": mean of v at step 5 over 300 paths == [1/32, -1/32] within 3 standard errors
    """

    @Test func jobsOneAndTwoWriteIdenticalReports() throws {
        let path = try CLI.temporaryFile(named: "noisy.phc", contents: Self.file)
        let one = try CLI.run(["verify", path, "--format", "json", "--seed", "7", "--jobs", "1"])
        let two = try CLI.run(["verify", path, "--format", "json", "--seed", "7", "--jobs=2"])
        #expect(one.status == 0, "\(one.stdout)\(one.stderr)")
        #expect(one.stdout == two.stdout)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as? [String: Any])
        let run = try #require(document["run"] as? [String: Any])
        #expect(run["seed"] as? Int == 7)
        #expect(run["arguments"] as? [String] == ["verify", path, "--format", "json", "--seed", "7"])
        let other = try CLI.run(["verify", path, "--format", "json", "--seed", "8", "--jobs", "2"])
        #expect(other.stdout != one.stdout)
    }

    @Test func theTextReportNamesTheSeedAndThePaths() throws {
        let path = try CLI.temporaryFile(named: "noisy-text.phc", contents: Self.file)
        let result = try CLI.run(["verify", path, "--seed", "7", "--jobs", "2"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("test=statistical |z|<=3"), "\(result.stdout)")
        #expect(result.stdout.contains("paths=300"), "\(result.stdout)")
        #expect(result.stdout.contains("seed=7"), "\(result.stdout)")
        #expect(try CLI.run(["verify", path, "--jobs", "0"]).status == 2)
    }
}
