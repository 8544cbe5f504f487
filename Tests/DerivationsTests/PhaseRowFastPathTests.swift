import Foundation
import PhasecheckDerivations
import PhasecheckExpressions
import PhasecheckNumbers
@testable import PhasecheckReports
import PhasecheckTestSupport
@testable import PhasecheckVerify
import Testing

/// A sweep's rows made from a template row (issue 15, eleventh session: at a point no sample confirms, the
/// rows of the same cells, claimed region and flag conditions differ only in their numbers, computed in machine
/// integers) against rows computed the old way, one at a time, and against the exact rule by hand: on a grid of
/// several cells with points on their boundaries (where an integer shortcut would go wrong), for the flagship
/// and for Fixtures/g11_mixed_sign_phase.phc, whose three powers of the width cancel on a line.
struct PhaseRowFastPathTests {
    static func sweep(_ text: String, file: String, grid: String? = nil, fix: [(String, BigRational)] = []) throws -> PhaseSweep {
        let checked = try DerivationParser.check(text, file: file)
        let overrides = try grid.map(DerivationSyntax.parseGrid) ?? []
        return try PhaseSweep(checked.derivation, widthLimitModel: checked.widthLimitModel,
                              grid: PhaseGrid(section: checked.derivation.widthLimit, grid: overrides, fix: fix.map { (name: $0.0, value: $0.1) }))
    }

    /// The rows of the whole grid through `rows` (templates, two threads), and the CSV lines of those rows and
    /// of the same points computed one at a time (`row(at:samples:)`, no template), which must be identical.
    static func rowsAndCSVs(_ sweep: PhaseSweep) throws -> (rows: [PhaseRow], fast: [String], alone: [String]) {
        var rows: [PhaseRow] = []
        try sweep.rows(0 ..< sweep.grid.count, jobs: 2) { rows.append($0) }
        let samples = try sweep.sampleConfirmations(jobs: 1)
        let alone = try (0 ..< sweep.grid.count).map { try sweep.row(at: $0, samples: samples) }
        func csv(_ rows: [PhaseRow]) throws -> [String] {
            var printer = try PhasePrinter(sweep: sweep, format: .csv, run: RunRecord(arguments: [], seed: nil, digits: nil, files: []))
            var text = ""
            for row in rows { printer.write(row, to: &text) }
            return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        return (rows, try csv(rows), try csv(alone))
    }

    /// The point as rationals by name.
    static func point(_ sweep: PhaseSweep, _ index: Int) -> [String: BigRational] {
        Dictionary(uniqueKeysWithValues: zip(sweep.grid.names, sweep.grid.coordinates(at: index)))
    }

    @Test func theMixedSignFixtureMatchesTheHandRuleAndTheRowsComputedAlone() throws {
        let url = Fixture.folder.appendingPathComponent("g11_mixed_sign_phase.phc")
        let sweep = try Self.sweep(try String(contentsOf: url, encoding: .utf8), file: "g11_mixed_sign_phase.phc")
        let (rows, fast, alone) = try Self.rowsAndCSVs(sweep)
        #expect(rows.count == 150)
        #expect(fast == alone)
        // Both paths are exercised (on so small a grid most points belong to a sample and are computed alone).
        let templated = rows.count { row in row.templateKey != nil && rows.first { $0.templateKey == row.templateKey }!.index != row.index }
        #expect(templated >= 20 && templated < rows.count, "\(templated) rows made from a template")
        let quantity = try #require(sweep.model.quantities["q"])
        var boundaries = (triple: 0, eq: 0, ep: 0)
        for row in rows {
            let p = Self.point(sweep, row.index)
            let (a, b, c) = (p["a"]!, p["b"]!, p["c"]!)
            // By hand (the fixture's comment): q = d^(1 - a - b) - 2 d^c + d^(-b), zero on a = 1, c = -b.
            let eq = [1 - a - b, c, BigRational(0) - b].max()!
            let ep = a - 2 * b
            let identicallyZero = a == 1 && c == BigRational(0) - b
            if identicallyZero { boundaries.triple += 1 }
            if eq.isZero { boundaries.eq += 1 }
            if ep.isZero { boundaries.ep += 1 }
            func region(_ sign: Int) -> String { sign < 0 ? "small" : sign == 0 ? "order_one" : "large" }
            #expect(row.exponents == [eq, ep, (a - c).magnitude - b / 3], "#\(row.index)")
            #expect(row.classification.exponent == (identicallyZero ? nil : eq), "#\(row.index)")
            #expect(row.found == (identicallyZero ? "small" : region(eq.sign)), "#\(row.index)")
            #expect(row.predicted == region(eq.sign), "#\(row.index)")
            #expect(row.flags.map(\.raised) == [ep.sign > 0, ep.sign < 0] && row.flags.map(\.claimed) == [ep.sign > 0, ep.sign < 0], "#\(row.index)")
            #expect(row.agrees == (row.found == row.predicted), "#\(row.index): \(row.problems)")
            // The limit where bounded: the summed coefficient of the terms of exponent 0.
            if !identicallyZero && eq.isZero {
                let sum = (1 - a - b == 0 ? 1 : 0) + (c == 0 ? -2 : 0) + (b == 0 ? 1 : 0)
                #expect(row.classification.leadingInCell?.exactCoefficient == BigRational(sum), "#\(row.index)")
            }
            // And the expansion at the point alone, untraced, as before cells existed.
            let fresh = sweep.model.limit.leadingBehavior(of: quantity, at: p, precision: 192)
            #expect(fresh.leadingBehavior?.exponent == row.classification.exponent, "#\(row.index)")
        }
        #expect(boundaries.triple == 5 && boundaries.eq > 10 && boundaries.ep > 10, "\(boundaries)")
    }

    /// The flagship on a slice through several cells and their boundaries (e_R = 0, e_X = 0, e_f = 0, e_K = 0):
    /// the exponent of zeta_inf_typ by Benchmarks/phase_rule.c's rule (e_R / 2 where e_R > 0, 0 where e_R = 0,
    /// else max(e_R, -|e_X| - 1)) and the rows computed alone.
    @Test func theFlagshipSliceMatchesTheCRuleAndTheRowsComputedAlone() throws {
        let text = try String(contentsOf: CLI.packageRoot.appendingPathComponent("derivations/xu_ziyin_linear_network.phc"), encoding: .utf8)
        let sweep = try Self.sweep(text, file: "xu_ziyin_linear_network.phc", grid: "alpha=0:3/2:1/4,b_u=-1/2:1:1/4,c_u=-1:1:1/2", fix: [("b_w", 0)])
        let (rows, fast, alone) = try Self.rowsAndCSVs(sweep)
        #expect(rows.count == 7 * 7 * 5)
        #expect(fast == alone)
        #expect(rows.contains { $0.templateKey != nil })
        var onBoundary = 0
        for row in rows {
            let p = Self.point(sweep, row.index)
            let eGamma = 1 - p["alpha"]! - p["b_u"]! - p["b_w"]!
            let eX = p["c_u"]! - p["c_w"]! + 2 * p["b_u"]! - 2 * p["b_w"]!
            let eR = -2 * eGamma - eX.magnitude
            let expected = eR.sign > 0 ? eR / 2 : eR.isZero ? BigRational(0) : max(eR, BigRational(-1) - eX.magnitude)
            if eR.isZero || eX.isZero { onBoundary += 1 }
            #expect(row.classification.exponent == expected, "#\(row.index)")
            #expect(row.exponents[2] == eR, "#\(row.index)")
            #expect(row.agrees, "#\(row.index): \(row.problems)")
        }
        #expect(onBoundary > 20, "\(onBoundary) points on e_R = 0 or e_X = 0")
    }
}
