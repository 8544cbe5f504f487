import Foundation
import PhasecheckDerivations
import PhasecheckExpressions
import PhasecheckNumbers
import PhasecheckTestSupport
@testable import PhasecheckVerify
import Testing

/// The 30-digit floor of `verify` (issue 15, fifteenth session): work repeated at every point of a claim done once,
/// each checked against the old way of doing it.
/// - `region` lines: the cells the sample is drawn from, found in machine integers (`PhaseSweep.integers`), against
///   the old rational evaluation of every condition at every grid point.
/// - Signs along a closed form at many models (a basin's starts): the tapes compiled once per claim, against a
///   trajectory of each model compiling its own.
struct VerifyFloorTests {
    /// The old sample: every region condition in exact rationals at every grid point, up to `RegionCheck.perCell`
    /// evenly spread members of each cell.
    static func rationalSample(_ sweep: PhaseSweep) throws -> (indices: [Int], cells: Int) {
        var cells: [[Bool]: [Int]] = [:]
        for index in 0 ..< sweep.grid.count {
            let point = Dictionary(uniqueKeysWithValues: zip(sweep.grid.names, sweep.grid.coordinates(at: index)))
            cells[try sweep.regionConditions.map { try $0.condition.holds(at: point) }, default: []].append(index)
        }
        let chosen = cells.values.flatMap { members in
            let n = Swift.min(RegionCheck.perCell, members.count)
            return (0 ..< n).map { members[$0 * members.count / n] }
        }
        return (chosen.sorted(), cells.count)
    }

    static func sweep(_ text: String, file: String) throws -> PhaseSweep {
        let checked = try DerivationParser.check(text, file: file)
        return try PhaseSweep(checked.derivation, widthLimitModel: checked.widthLimitModel,
                              grid: PhaseGrid(section: checked.derivation.widthLimit), confirm: .all)
    }

    /// The flagship's regions (3 cells on its 37349 points), the same with a planted boundary `e_R < -1/2` (the slab
    /// -1/2 <= e_R < 0 claimed by no region: a fourth cell), and with a region reading two exponents (`e_R > e_K`).
    @Test(arguments: [
        (nil, nil, 3),
        ("region kernel: e_R < 0", "region kernel: e_R < -1/2", 4),
        ("region ultra_rich: e_R > 0", "region ultra_rich: e_R > e_K", nil),
    ] as [(String?, String?, Int?)])
    func theRegionSampleIsTheRationalOne(original: String?, planted: String?, cells: Int?) throws {
        var text = try String(contentsOfFile: Fixtures.path("xu_ziyin_linear_network.phc"), encoding: .utf8)
        if let original, let planted {
            #expect(text.contains(original))
            text = text.replacingOccurrences(of: original, with: planted)
        }
        let sweep = try Self.sweep(text, file: "xu_ziyin_linear_network.phc")
        #expect(sweep.grid.count > RegionCheck.fullGrid, "the grid is sampled, not checked whole")
        let (indices, how) = try RegionCheck.sample(sweep)
        let reference = try Self.rationalSample(sweep)
        #expect(indices == reference.indices)
        #expect(how.contains("in each of the \(reference.cells) cells"), "\(how)")
        if let cells { #expect(reference.cells == cells) }
    }

    /// Kunin et al.'s closed form at several random starts: the signs' values, taken with tapes shared over the starts
    /// (the quantity along the closed form at t = 60, the predicate C+ at the start), equal those of a trajectory of
    /// each start compiling its own tapes, and differ from start to start (nothing kept from an earlier start's values).
    @Test func signsAlongAClosedFormAtManyStartsAreThoseOfEachStartAlone() throws {
        let model = try Model(try DerivationParser.parse(String(contentsOfFile: Fixtures.path("kunin_get_rich_quick.phc"), encoding: .utf8),
                                                         file: "kunin_get_rich_quick.phc"))
        let budget = ComputeBudget()
        let bits = ClaimCheck.startBits(digits: 30)
        let signs = SignEvaluator(digits: 30, budget: budget, escalation: Precision.Escalation(start: bits, cap: 4 * bits),
                                  deadline: Deadline(budget: budget))
        let a = model.expand(.symbol("a")), cPlus = model.expand(.symbol("Cp"))
        let starts: [(a: BigRational, w: [BigRational])] = [
            (BigRational(2, 5), [BigRational(-6, 5), BigRational(1, 2), BigRational(3, 10)]),
            (BigRational(-7, 4), [BigRational(1, 3), BigRational(-2, 7), BigRational(9, 10)]),
            (BigRational(1, 8), [BigRational(3, 2), BigRational(5, 4), BigRational(-1, 6)]),
            (BigRational(-1, 2), [BigRational(-3, 5), BigRational(-4, 3), BigRational(2, 9)]),
        ]
        var seen: [BigInterval] = []
        for start in starts {
            var m = model
            m.setInitialValue("a", .components([.number(start.a)]))
            m.setInitialValue("w", .components(start.w.map(Expr.number)))
            let (end, endCertified) = try signs.value(of: a, on: m, at: .time(.number(60)))
            let (condition, _) = try signs.value(of: cPlus, on: m, at: .constant)
            let alone = try ClosedFormTrajectory(model: m, closedForm: try #require(m.closedForm)).values(of: [a], at: [.number(60)], bits: bits)[0][0][0]
            let conditionAlone = try ClosedFormTrajectory(model: m, closedForm: [:]).values(of: [cPlus], at: [.number(0)], bits: bits)[0][0][0]
            #expect(endCertified)
            #expect(try #require(end) == alone)
            #expect(try #require(condition) == conditionAlone)
            #expect(!seen.contains(alone))
            seen.append(alone)
        }
    }
}
