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
        ("asymptotic bad = trace(expm(Lam))", "`expm` has no entries made of finitely many sums, products and quotients", 24),
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
    /// (the limit `Model.maximumMatrixSize` serves both sections).
    @Test func aHugeSizeIsRefusedBeforeAnyUnrolling() throws {
        let text = try Self.text(replacing: "dim m = 3", with: "dim m = 100000")
        let error = try #require(Fixture.readError(text, file: Self.file + ".phc"))
        #expect(error.description.contains("the size m = 100000 is more than this machine can hold"), "\(error)")
        #expect(error.location.line == 16)
    }

    @Test func classifyingAMatrixIsRefused() throws {
        let text = try Self.text(replacing: "classify imbalance:", with: "classify Lam1:")
        let error = try #require(Fixture.readError(text, file: Self.file + ".phc"))
        #expect(error.description.contains("a width limit is taken of a scalar, but `Lam1` is a 2x2 matrix"), "\(error)")
        #expect(error.description.contains("(in classify)"), "\(error)")
    }
}
