// swift-tools-version: 6.1
import PackageDescription

/// Dependencies point one way: Numbers <- Expressions <- Dynamics, Asymptotics <- Format <- Verify <- Reports <- CLI.
/// Format is the .phc language (syntax and names, no evaluation), Verify checks claims, sweeps and solves,
/// Reports renders every result; PhasecheckDerivations re-exports the three for library users.
/// The numeric modules are compiled with -O in debug builds too: `phasecheck verify`, the test suite and the
/// Monte Carlo, Taylor and interval kernels spend most of their time in them, and unoptimized they run
/// several times slower (Benchmarks/README.md, "verify in under 40 s"). Tests still import them @testable
/// (SwiftPM passes -enable-testing in debug builds, which -O keeps).
let optimizedInDebug: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "Phasecheck",
    products: [
        .executable(name: "phasecheck", targets: ["phasecheck"]),
        .library(name: "PhasecheckDerivations", targets: ["PhasecheckDerivations"]),
        .library(name: "PhasecheckFormat", targets: ["PhasecheckFormat"]),
        .library(name: "PhasecheckVerify", targets: ["PhasecheckVerify"]),
        .library(name: "PhasecheckReports", targets: ["PhasecheckReports"]),
        .library(name: "PhasecheckTesting", targets: ["PhasecheckTesting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CMPFR",
            pkgConfig: "mpfr",
            providers: [.apt(["libmpfr-dev", "libgmp-dev"]), .brew(["mpfr", "gmp"])]
        ),
        .target(name: "PhasecheckNumbers", dependencies: ["CMPFR"], swiftSettings: optimizedInDebug),
        .target(name: "PhasecheckExpressions", dependencies: ["PhasecheckNumbers"], swiftSettings: optimizedInDebug),
        .target(name: "PhasecheckDynamics", dependencies: ["PhasecheckExpressions"], swiftSettings: optimizedInDebug),
        .target(name: "PhasecheckAsymptotics", dependencies: ["PhasecheckExpressions"]),
        .target(name: "PhasecheckFormat", dependencies: ["PhasecheckExpressions", "PhasecheckAsymptotics", "PhasecheckNumbers"]),
        .target(
            name: "PhasecheckVerify",
            dependencies: ["PhasecheckFormat", "PhasecheckDynamics", "PhasecheckAsymptotics", "PhasecheckExpressions", "PhasecheckNumbers"]
        ),
        .target(
            name: "PhasecheckReports",
            dependencies: ["PhasecheckVerify", "PhasecheckFormat", "PhasecheckAsymptotics", "PhasecheckExpressions", "PhasecheckNumbers"]
        ),
        .target(name: "PhasecheckDerivations", dependencies: ["PhasecheckFormat", "PhasecheckVerify", "PhasecheckReports"]),
        // Swift Testing helpers for library users: one test case per claim, failures at the claim's line.
        .target(name: "PhasecheckTesting", dependencies: ["PhasecheckDerivations"]),
        .executableTarget(
            name: "phasecheck",
            dependencies: [
                "PhasecheckFormat", "PhasecheckVerify", "PhasecheckReports", "PhasecheckAsymptotics", "PhasecheckExpressions", "PhasecheckNumbers",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "NumbersTests", dependencies: ["PhasecheckNumbers", "PhasecheckTestSupport", .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "ExpressionsTests", dependencies: ["PhasecheckExpressions", .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "DynamicsTests", dependencies: ["PhasecheckDynamics", "PhasecheckTestSupport"]),
        .testTarget(name: "AsymptoticsTests", dependencies: ["PhasecheckAsymptotics", "PhasecheckTestSupport", .product(name: "PropertyBased", package: "swift-property-based")]),
        // Helpers shared by test targets: the package root, the bundled derivations, the CLI runner, relativeError,
        // seeded property checks.
        .target(name: "PhasecheckTestSupport", dependencies: ["PhasecheckNumbers", .product(name: "PropertyBased", package: "swift-property-based")], path: "Tests/TestSupport"),
        .testTarget(name: "DerivationsTests", dependencies: ["PhasecheckDerivations", "PhasecheckTestSupport", "PhasecheckTesting", "DerivationsFuzzing"], exclude: ["Fixtures"]),
        .testTarget(name: "CLITests", dependencies: ["PhasecheckDerivations", "PhasecheckTestSupport"], exclude: ["Golden"]),
        // Benchmarks (see Benchmarks/README.md): executables run with `swift run -c release NAME`.
        .target(name: "NumbersCFloor", dependencies: ["CMPFR"], path: "Benchmarks/NumbersCFloor"),
        .executableTarget(name: "NumbersBenchmark", dependencies: ["PhasecheckNumbers", "NumbersCFloor"], path: "Benchmarks/NumbersBenchmark"),
        .executableTarget(name: "NumbersLeakDriver", dependencies: ["PhasecheckNumbers"], path: "Benchmarks/NumbersLeakDriver"),
        .executableTarget(name: "ExpressionsBenchmark", dependencies: ["PhasecheckExpressions", "PhasecheckNumbers"], path: "Benchmarks/ExpressionsBenchmark"),
        .executableTarget(name: "ExpressionsFuzz", dependencies: ["PhasecheckExpressions", "PhasecheckNumbers"], path: "Benchmarks/ExpressionsFuzz"),
        .target(name: "DerivationsFuzzing", dependencies: ["PhasecheckDerivations", "PhasecheckNumbers"], path: "Benchmarks/DerivationsFuzzing"),
        .executableTarget(name: "DerivationsFuzz", dependencies: ["DerivationsFuzzing"], path: "Benchmarks/DerivationsFuzz"),
        // Arb is loaded at run time (dlopen), so this needs no Arb headers and builds without Arb.
        .executableTarget(name: "EnclosureBenchmark", dependencies: ["PhasecheckNumbers", "CMPFR"], path: "Benchmarks/EnclosureBenchmark",
                         swiftSettings: optimizedInDebug),
        .executableTarget(name: "DynamicsBenchmark", dependencies: ["PhasecheckDynamics"], path: "Benchmarks/DynamicsBenchmark"),
    ]
)
