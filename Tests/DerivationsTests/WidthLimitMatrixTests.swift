import Foundation
import PhasecheckDerivations
import PhasecheckExpressions
import PhasecheckNumbers
import Testing

/// Matrices of fixed size in the width-limit section (issue 11): unrolled to their entries, so `limit`
/// claims, `classify`, regions and tables read traces, determinants, inverses, norms and entries of them.
/// Fixtures/m02_imbalance_width_limit.phc is Tarmoun et al.'s (2021) imbalance U^T U - V^T V at an init
/// scale that is a power of the width; references from m02_imbalance_width_limit.sympy.py (sympy's exact
/// series, m02_imbalance_width_limit.sympy.out).
struct WidthLimitMatrixTests {
    static let file = "m02_imbalance_width_limit"

    static func text(replacing original: String, with planted: String) throws -> String {
        let text = try String(contentsOf: Fixture.folder.appendingPathComponent(file + ".phc"), encoding: .utf8)
        #expect(text.contains(original), "the fixture no longer contains `\(original)`")
        return text.replacingOccurrences(of: original, with: planted)
    }

    /// Every limit claim holds: det(Lam) ~ 16 d^-4, |Lam|_F ~ 4 sqrt(7) d^-2, Lam[1,2] ~ 4 d^-2 near balance
    /// (the d^-1 terms cancel), trace(inv(U0^T U0) V0^T V0) -> 2 and ~ d^(2 b_u - 2 b_v), |Lam1|_F ~ d^e_L and
    /// = 2 sqrt(2) at unit scales (sympy, m02_imbalance_width_limit.sympy.out).
    @Test func theImbalanceClaimsHold() throws {
        let results = try Fixture.results(Self.file)
        #expect(results.count == 11)   // and the three regions
        Fixture.expectPlantedOnlyFail(results, file: Self.file)
        let det = try #require(results["near balance the leading terms cancel: det(Lam) ~ 16 d^-4"])
        #expect(det.worstCase.contains { $0.name == "leading" && $0.value == "16 d^-4" }, "\(det.worstCase)")
    }

    /// The regions of the phase diagram in e_L = max(-2 b_u, -2 b_v) hold on the 5 x 5 grid (sympy: the
    /// imbalance's leading exponent is e_L at the sampled points), and a region claiming the boundary
    /// e_L == 0 for the balanced one fails there.
    @Test func theImbalanceRegionsHoldAndAPlantedBoundaryFails() throws {
        let regions = Verifier(derivation: try Fixture.derivation(Self.file), options: VerifyOptions()).regionResults()
        #expect(regions.count == 3)
        for r in regions { #expect(r.status == .holds, "\(r.name): \(r.detail)") }
        let planted = try Self.text(replacing: "region balanced: e_L < 0", with: "region balanced: e_L <= 0")
        let wrong = Verifier(derivation: try Fixture.derivation(Self.file, text: planted), options: VerifyOptions()).regionResults()
        #expect(wrong.first { $0.name == "region balanced: e_L <= 0" }?.status == .fails)
    }

    /// Planted twins: each coefficient or exponent off by a little FAILS (16 -> 15, 4 sqrt(7) -> 4 sqrt(6),
    /// the entry (1,2) -> 4 d^-1, the limit 2 -> 2.001, the order d^(2 b_u - 2 b_v) -> d^(2 b_u - b_v)).
    @Test(arguments: [
        ("limit det(Lam) ~ 16*d^-4 under near_balanced", "limit det(Lam) ~ 15*d^-4 under near_balanced"),
        ("limit norm(Lam) ~ 4*sqrt(7)*d^-2 under near_balanced", "limit norm(Lam) ~ 4*sqrt(6)*d^-2 under near_balanced"),
        ("limit Lam[1, 2] ~ 4*d^-2 under near_balanced", "limit Lam[1, 2] ~ 4*d^-1 under near_balanced"),
        ("limit ratio -> 2 under near_balanced", "limit ratio -> 2.001 under near_balanced"),
        ("limit ratio ~ d^(2*b_u - 2*b_v)", "limit ratio ~ d^(2*b_u - b_v)"),
    ])
    func aPlantedLimitFails(original: String, planted: String) throws {
        let results = try Fixture.results(Self.file, text: try Self.text(replacing: original, with: planted))
        let failed = results.values.filter { $0.status == .fails }
        #expect(failed.count == 1, "\(results.values.map { "\($0.name): \($0.status) \($0.detail)" })")
    }

    /// A limit of a matrix, a size that is the width, a matrix function without finitely many scalar
    /// operations and a `classify` of a matrix are refused when the file is read, at the operation, saying why.
    @Test(arguments: [
        ("claim \"x\": limit Lam -> 0", "a width limit is taken of a scalar, but `Lam` is a 2x2 matrix: write `norm(Lam)`", 18),
        ("asymptotic bad = trace(eye(d))", "the width-limit section unrolls a matrix to its entries", 24),
        ("asymptotic bad = trace(expm(Lam))", "`expm` is written entry by entry only for a constant matrix", 24),
        ("asymptotic bad = trace(expm(sigma_u*[[0, 1], [-1, 0]]))", "the eigenvalues of its constant matrix are not all rational (2 of them are roots of x^2 + 1)", 24),
        ("asymptotic bad = trace(sqrtm(Lam))", "`sqrtm` has no entries made of finitely many sums, products and quotients", 24),
        ("asymptotic bad = trace(Lam @ V0 @ U0)", "cannot multiply a 2x2 matrix by a 3x2 matrix", 24),
    ])
    func badMatrixUsesAreRefusedAtTheirLine(statement: String, message: String, column: Int) throws {
        let text = try Self.text(replacing: "exponent e_L", with: statement + "\nexponent e_L")
        let error = try #require(Fixture.readError(text, file: Self.file + ".phc"))
        #expect(error.description.contains(message), "\(error)")
        let line = text.components(separatedBy: "\n").firstIndex { $0 == statement }! + 1
        #expect(error.location.line == line, "\(error)")
        #expect(error.location.column == column, "\(error)")
    }

    /// A size larger than the machine can hold is refused at its `dim` line before anything is unrolled
    /// (`Model.maximumMatrixSize`, for the sizes the section uses; an unused one costs nothing).
    @Test func aHugeSizeIsRefusedBeforeAnyUnrolling() throws {
        let text = try Self.text(replacing: "dim m = 3", with: "dim m = 100000")
            .replacingOccurrences(of: "exponent e_L", with: "asymptotic big = trace(eye(m))\nexponent e_L")
        let error = try #require(Fixture.readError(text, file: Self.file + ".phc"))
        #expect(error.description.contains("the size m = 100000 is more than this machine can hold"), "\(error)")
        #expect(error.location.line == 16)
    }

    /// `--set n_h=...` resizes the width-limit section's matrices too (Fixtures/m03_sizes_width_limit.phc:
    /// Lam = (2 d^-2 + d^-3) (I + J/2)^2 for an n_h x n_h start). References from
    /// m03_sizes_width_limit.sympy.py (.sympy.out): trace ~ 33/2, 65/2, 90 d^-2 and |Lam|_F ~ 3 sqrt(73)/2,
    /// sqrt(2465)/2, 6 sqrt(145) d^-2 at n_h = 3, 5, 10; det ~ 50 d^-6 at 3 and 392 d^-10 at 5.
    @Test func aSetSizeReachesTheWidthLimitSection() throws {
        let file = "m03_sizes_width_limit"
        Fixture.expectPlantedOnlyFail(try Fixture.results(file), file: file)
        func results(_ n: Int, _ claims: [(String, String)]) throws -> [String: ClaimResult] {
            var text = try String(contentsOf: Fixture.folder.appendingPathComponent(file + ".phc"), encoding: .utf8)
            for (original, resized) in claims {
                #expect(text.contains(original), "the fixture no longer contains `\(original)`")
                text = text.replacingOccurrences(of: original, with: resized)
            }
            return try Fixture.results(file, text: text) { $0.overrides = [("n_h", .number(n))] }
        }
        // The file's values for n_h = 3 no longer hold at n_h = 10 (det is not expanded beyond 8x8)...
        let unchanged = try results(10, [])
        #expect(unchanged["trace(Lam) ~ 33/2 d^-2"]?.status == .fails, "\(unchanged)")
        #expect(unchanged["|Lam|_F ~ 3 sqrt(73)/2 d^-2"]?.status == .fails, "\(unchanged)")
        #expect(unchanged["det(Lam) ~ 50 d^-6"]?.status == .error, "\(unchanged)")
        // ...and sympy's for n_h = 10 and n_h = 5 hold.
        let ten = try results(10, [("~ 33/2*d^-2", "~ 90*d^-2"), ("~ 3*sqrt(73)/2*d^-2", "~ 6*sqrt(145)*d^-2"),
                                   ("claim \"det(Lam) ~ 50 d^-6\": limit det(Lam) ~ 50*d^-6 under near_balanced\n", "")])
        #expect(ten.count == 7)
        Fixture.expectPlantedOnlyFail(ten, file: file + " at n_h = 10")
        let five = try results(5, [("~ 33/2*d^-2", "~ 65/2*d^-2"), ("~ 3*sqrt(73)/2*d^-2", "~ sqrt(2465)/2*d^-2"), ("~ 50*d^-6", "~ 392*d^-10")])
        Fixture.expectPlantedOnlyFail(five, file: file + " at n_h = 5")
        // A size beyond the machine set from the command line is refused like one in the file.
        let huge = try Fixture.results(file) { $0.overrides = [("n_h", .number(100000))] }
        #expect(huge.values.allSatisfy { $0.status == .error && $0.detail.contains("the size n_h = 100000 is more than this machine can hold") }, "\(huge)")
    }

    /// `expm` of a scalar times a constant matrix with rational eigenvalues, written exactly (Putzer): a
    /// planted twin of each kind FAILS (sympy, m03_sizes_width_limit.sympy.out: trace(expm(s [[2, 1], [1, 2]]))
    /// - 2 ~ 4 d^-1/2, expm(s N)[1,3] ~ 2 d^-1/2 for the nilpotent N, trace(expm([[0, 1], [1, 0]])) = 2 cosh(1)).
    @Test(arguments: [
        ("limit trace(Grow) - 2 ~ 4*d^(-1/2)", "limit trace(Grow) - 2 ~ 3*d^(-1/2)"),
        ("limit Nilpotent[1, 3] ~ 2*d^(-1/2)", "limit Nilpotent[1, 3] ~ 2*d^(-1)"),
        ("-> 2*cosh(1) under", "-> 2*cosh(1) + 1/1000 under"),
    ])
    func aPlantedMatrixExponentialLimitFails(original: String, planted: String) throws {
        let file = "m03_sizes_width_limit"
        let text = try String(contentsOf: Fixture.folder.appendingPathComponent(file + ".phc"), encoding: .utf8)
        #expect(text.contains(original), "the fixture no longer contains `\(original)`")
        let results = try Fixture.results(file, text: text.replacingOccurrences(of: original, with: planted))
        let failed = results.values.filter { $0.status == .fails }
        #expect(failed.count == 1, "\(results.values.map { "\($0.name): \($0.status) \($0.detail)" })")
    }

    @Test func classifyingAMatrixIsRefused() throws {
        let text = try Self.text(replacing: "classify imbalance:", with: "classify Lam1:")
        let error = try #require(Fixture.readError(text, file: Self.file + ".phc"))
        #expect(error.description.contains("a width limit is taken of a scalar, but `Lam1` is a 2x2 matrix"), "\(error)")
        #expect(error.description.contains("(in classify)"), "\(error)")
    }
}
