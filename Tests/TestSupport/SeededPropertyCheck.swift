import Foundation
import PropertyBased
import Testing

/// Property tests with fixed seeds, so that a red CI run always reproduces (issue 18).
///
/// `propertyCheck` of swift-property-based draws a fresh seed on every run (and its `.fixedSeed` trait
/// replays a single failing case). `seededPropertyCheck` takes the same generators but draws the `count`
/// cases from a seed fixed per test: the test's name mixed with `PHASECHECK_PROPERTY_SEED` (default 0).
/// To explore new cases, run with `PHASECHECK_PROPERTY_SEED=<n>` (any UInt64) or `random` (the seed is
/// printed), e.g. `PHASECHECK_PROPERTY_SEED=random swift test --filter NumbersTests`; every failure found
/// that way becomes a fixed regression case.
public enum PropertySeed {
    public static let base: UInt64 = {
        guard let text = ProcessInfo.processInfo.environment["PHASECHECK_PROPERTY_SEED"] else { return 0 }
        guard text == "random" else { return UInt64(text) ?? 0 }
        let seed = UInt64.random(in: 0...UInt64.max)
        print("PHASECHECK_PROPERTY_SEED=\(seed)")
        return seed
    }()

    /// The generator of one test: FNV-1a of its name, mixed with the base seed.
    static func generator(for test: String) -> Xoshiro {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in test.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        var state = SplitMix(hash ^ base)
        return Xoshiro(seed: (state.next(), state.next(), state.next(), state.next()))
    }

    struct SplitMix {
        var state: UInt64
        init(_ seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}

/// Runs `body` on `count` inputs drawn from `input` with the test's fixed seed (see `PropertySeed`). A
/// thrown error is recorded with the case's number and input.
public func seededPropertyCheck<In, Out>(count: Int, input: Generator<Out, some Sequence<In>>,
                                         sourceLocation: SourceLocation = #_sourceLocation,
                                         perform body: (Out) async throws -> Void) async {
    var rng = PropertySeed.generator(for: Test.current?.name ?? "\(sourceLocation)")
    for i in 0..<count {
        let value = input.run(using: &rng)
        do { try await body(value) } catch {
            Issue.record("case \(i) of \(count) (PHASECHECK_PROPERTY_SEED=\(PropertySeed.base)), input \(value): \(error)", sourceLocation: sourceLocation)
        }
    }
}

public func seededPropertyCheck<InA, InB, OutA, OutB>(count: Int, input a: Generator<OutA, some Sequence<InA>>, _ b: Generator<OutB, some Sequence<InB>>,
                                                      sourceLocation: SourceLocation = #_sourceLocation,
                                                      perform body: (OutA, OutB) async throws -> Void) async {
    await seededPropertyCheck(count: count, input: zip(a, b), sourceLocation: sourceLocation) { try await body($0.0, $0.1) }
}

public func seededPropertyCheck<InA, InB, InC, OutA, OutB, OutC>(
    count: Int, input a: Generator<OutA, some Sequence<InA>>, _ b: Generator<OutB, some Sequence<InB>>, _ c: Generator<OutC, some Sequence<InC>>,
    sourceLocation: SourceLocation = #_sourceLocation, perform body: (OutA, OutB, OutC) async throws -> Void) async {
    await seededPropertyCheck(count: count, input: zip(a, b, c), sourceLocation: sourceLocation) { try await body($0.0, $0.1, $0.2) }
}

public func seededPropertyCheck<InA, InB, InC, InD, OutA, OutB, OutC, OutD>(
    count: Int, input a: Generator<OutA, some Sequence<InA>>, _ b: Generator<OutB, some Sequence<InB>>, _ c: Generator<OutC, some Sequence<InC>>,
    _ d: Generator<OutD, some Sequence<InD>>,
    sourceLocation: SourceLocation = #_sourceLocation, perform body: (OutA, OutB, OutC, OutD) async throws -> Void) async {
    await seededPropertyCheck(count: count, input: zip(a, b, c, d), sourceLocation: sourceLocation) { try await body($0.0, $0.1, $0.2, $0.3) }
}
