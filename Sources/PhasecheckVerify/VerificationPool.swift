import Dispatch
import PhasecheckExpressions
import PhasecheckFormat
import Synchronization

/// Checks the claims of several files in one pool of threads (issue 15), so that a slow claim of one file
/// runs beside the claims of the next instead of holding them back. Results come back per file, in file
/// order, exactly as each file checked alone would give them: claims share work only within their file
/// (`Verifier.shared`), and no value depends on which thread or in what order a claim runs.
public enum VerificationPool {
    /// One unit of work: claim `index` of file `file`, or, with `index` equal to the file's claim count,
    /// all of the file's `region` lines (checked together on one grid, after its claims in the report).
    public struct Item: Hashable, Sendable {
        public let file: Int
        public let index: Int
    }

    /// The items of `verifiers`, in report order: each file's claims, then its region lines if it has any.
    public static func items(of verifiers: [Verifier]) -> [Item] {
        verifiers.enumerated().flatMap { file, verifier in
            let claims = verifier.derivation.claims.count
            return (0..<(claims + (verifier.hasRegionLines ? 1 : 0))).map { Item(file: file, index: $0) }
        }
    }

    /// Checks every item on all cores. `started` and `finished` are called as each item starts and ends (one
    /// call at a time, in completion order, from worker threads), so that a terminal can show each result as
    /// soon as it is known; `finished` gets one result for a claim and one per region line for the region item.
    /// A file's seconds run from its first item's start to its last item's end.
    public static func reports(_ verifiers: [Verifier],
                               started: @Sendable (Item) -> Void = { _ in },
                               finished: @Sendable (Item, [ClaimResult]) -> Void = { _, _ in }) -> [FileReport] {
        let items = items(of: verifiers)
        struct FileProgress {
            var results: [[ClaimResult]?]
            var first: ContinuousClock.Instant?
            var last: ContinuousClock.Instant?
        }
        let progress = Mutex(verifiers.map { FileProgress(results: Array(repeating: nil, count: $0.derivation.claims.count + 1)) })
        let order = startOrder(of: items, in: verifiers)
        DispatchQueue.concurrentPerform(iterations: order.count) { n in
            let item = order[n]
            progress.withLock { files in
                files[item.file].first = files[item.file].first ?? ContinuousClock.now
                started(item)
            }
            let verifier = verifiers[item.file]
            let claims = verifier.derivation.claims
            let results = item.index < claims.count ? [verifier.verify(claims[item.index])] : verifier.regionResults()
            progress.withLock { files in
                files[item.file].results[item.index] = results
                files[item.file].last = ContinuousClock.now
                finished(item, results)
            }
        }
        return progress.withLock { files in
            zip(verifiers, files).map { verifier, file in
                let d = verifier.derivation
                let seconds = file.first.flatMap { first in file.last.map { ($0 - first).seconds } } ?? 0
                return FileReport(file: d.file, title: d.title, citation: d.citation,
                                  results: file.results.flatMap { $0 ?? [] }, seconds: seconds)
            }
        }
    }

    /// The items in the order to start them: the costliest first (by `estimatedCost`), ties in report order.
    /// Workers take items in this order, so a long claim started last cannot hold up the end of the run
    /// (longest-first scheduling); the report order does not depend on it.
    package static func startOrder(of items: [Item], in verifiers: [Verifier]) -> [Item] {
        var sharedRuns: Set<SharedRunKey> = []
        let costs = items.map { item -> Double in
            let claims = verifiers[item.file].derivation.claims
            guard item.index < claims.count else { return 2 }   // a file's region lines, checked on one grid
            let (cost, run) = estimatedCost(of: claims[item.index], in: verifiers[item.file].derivation)
            // A claim that reuses a run an earlier claim computes costs little, once that run is done; started
            // late, it finds it done instead of holding a worker while it waits.
            guard let run else { return cost }
            return sharedRuns.insert(SharedRunKey(file: item.file, run: run)).inserted ? cost : 0.5
        }
        return items.indices.sorted { costs[$0] != costs[$1] ? costs[$0] > costs[$1] : $0 < $1 }.map { items[$0] }
    }

    /// A run of noisy paths or an iteration that claims of one file share (`SharedWork`).
    private struct SharedRunKey: Hashable {
        let file: Int
        let run: String
    }

    /// A rough cost of checking `claim` (1: a typical claim; about seconds of a debug build), and the shared
    /// run that carries most of it, if any. Only the shapes that cost much more than a typical claim are
    /// told apart: Monte Carlo means (steps times paths), values along long iterations (steps) and thresholds
    /// that locate a sign change (ten or more evaluations, each an integration or iteration).
    static func estimatedCost(of claim: Claim, in derivation: Derivation) -> (cost: Double, sharedRun: String?) {
        let scenario = claim.modelScenario ?? ""
        func count(_ e: Expr?) -> Double? { e.flatMap { $0.simplified().numberValue?.doubleValue } }
        switch claim.statement {
        case let mean as MeanClaim:
            guard let steps = count(mean.step) else { return (1, nil) }
            return (Swift.max(1, steps * Double(mean.paths) / 4e5), "paths \(scenario) \(steps) \(mean.paths)")
        case let value as ValueClaim:
            guard let steps = count(value.step) else { return (1, nil) }
            return (Swift.max(1, steps / 1e3), "iteration \(scenario) \(steps)")
        case let threshold as ThresholdClaim:
            switch threshold.form {
            case .stability: return (Swift.max(1, 2 * Double(derivation.training.steps?.value ?? 0) / 1e3), nil)
            case .signChange(let s) where s.step != nil: return (Swift.max(10, 10 * (count(s.step) ?? 0) / 1e3), nil)
            case .signChange(let s) where s.time != nil: return (20, nil)
            case .signChange: return (1, nil)
            case .stabilityChange: return (5, nil)
            }
        default:
            return (1, nil)
        }
    }
}
