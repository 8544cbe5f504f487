import PhasecheckFormat
import PhasecheckNumbers

/// `region NAME: condition` lines are claims too: where the condition holds (and no earlier region's does),
/// the `classify`d quantity must be in the regime that names the region. `verify` checks them on the file's
/// grid as `phasecheck phase` does, on every point when the grid has at most `RegionCheck.fullGrid` points,
/// otherwise on a sample: the grid is split into cells by which regions' conditions hold at a point (a
/// wrong boundary makes a cell of its own, such as the plane `e_R == 0` claimed by `region kernel: e_R <= 0`),
/// and up to `RegionCheck.perCell` points evenly spread over each cell are classified.
enum RegionCheck {
    static let fullGrid = 400
    static let perCell = 8

    /// The grid indices to classify, and a description of the sample for the report.
    static func sample(_ sweep: PhaseSweep) throws -> ([Int], String) {
        let count = sweep.grid.count
        if count <= fullGrid { return (Array(0..<count), "at all \(count) points of the grid") }
        var cells: [[Bool]: [Int]] = [:]
        for index in 0..<count {
            // In machine integers as the sweep decides them (`PhaseSweep.row`), in rationals where those would overflow.
            let scaled = sweep.integers.grid.point(at: index)
            var point: [String: BigRational]? = nil
            let key = try sweep.regionConditions.indices.map { c in
                if let holds = sweep.integers.holds(c, at: scaled) { return holds }
                point = point ?? Dictionary(uniqueKeysWithValues: zip(sweep.grid.names, sweep.grid.coordinates(at: index)))
                return try sweep.regionConditions[c].condition.holds(at: point!)
            }
            cells[key, default: []].append(index)
        }
        var chosen: [Int] = []
        for (_, members) in cells {
            let n = Swift.min(perCell, members.count)
            chosen += (0..<n).map { members[$0 * members.count / n] }
        }
        return (chosen.sorted(), "at \(chosen.count) of the grid's \(count) points (up to \(perCell) in each of the \(cells.count) cells cut by the regions' conditions)")
    }
}

extension Verifier {
    /// Whether the file has `region` lines to check: a `classify` and a grid to check them on.
    public var hasRegionLines: Bool {
        let section = derivation.widthLimit
        return !section.regions.isEmpty && section.classification != nil && !section.grid.isEmpty
    }

    /// One result per `region` line (none when the file has no `classify` and grid to check them on).
    public func regionResults() -> [ClaimResult] {
        let section = derivation.widthLimit
        guard hasRegionLines else { return [] }
        let clock = ContinuousClock.now
        var results = section.regions.map { region in
            ClaimResult(name: "region \(region.name): \(region.condition)", kind: "region", status: .holds, agreement: nil,
                        requiredDigits: options.digits, worstCase: [], detail: "", points: 0, seconds: 0,
                        location: "\(derivation.file):\(region.location)")
        }
        do {
            let sweep = try PhaseSweep(derivation, grid: PhaseGrid(section: section), confirm: .all)
            let (indices, how) = try RegionCheck.sample(sweep)
            for index in indices {
                let row = try sweep.row(at: index, samples: nil)
                for (i, region) in section.regions.enumerated() where results[i].status != .fails {
                    let claimed = row.predicted == region.name
                    guard claimed || row.found == region.name else { continue }
                    results[i].points += 1
                    let place = zip(sweep.grid.names, row.coordinates).map { ($0, $1.description) }
                    if row.classification.regime == nil {
                        if results[i].status == .holds {
                            results[i].status = .undecided
                            results[i].worstCase = place
                            results[i].detail = "\(sweep.classification.quantity) undecided: \(row.classification.analysis)"
                        }
                    } else if row.predicted != row.found {
                        results[i].status = .fails
                        results[i].worstCase = place
                        results[i].compared = [("claimed", row.predicted ?? "no region"), ("found", row.found ?? "unnamed regime")]
                        results[i].detail = "\(sweep.classification.quantity) is \(row.classification.regime!.word) here"
                            + (claimed ? ", which is not `\(region.name)`" : ", but the point is claimed by " + (row.predicted.map { "`\($0)`" } ?? "no region"))
                    }
                }
            }
            for i in results.indices {
                let checked = "the regime of \(sweep.classification.quantity) compared with the claim " + how
                results[i].detail = results[i].detail.isEmpty ? checked : results[i].detail + "; " + checked
            }
        } catch {
            for i in results.indices {
                results[i].status = .error
                results[i].detail = "\(error)"
            }
        }
        let seconds = (ContinuousClock.now - clock).seconds
        for i in results.indices { results[i].seconds = seconds }
        return results
    }
}
