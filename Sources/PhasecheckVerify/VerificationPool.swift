import Dispatch
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
        DispatchQueue.concurrentPerform(iterations: items.count) { n in
            let item = items[n]
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
}
