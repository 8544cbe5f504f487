import Foundation
import PhasecheckExpressions
import PhasecheckFormat
import PhasecheckNumbers

/// `mean of E at step n over N paths == V within k standard errors`: the Monte Carlo estimate of E's
/// expectation at step n of the noisy map (the mean over N independent runs) is within k of its standard errors of V,
/// component by component. A statistical test, never a certificate: a true claim fails it with the
/// probability the report states.
public struct MeanClaim: ClaimKind {
    public static let keyword = "mean"
    package static let grammar = #""mean" "of" expr "at" "step" expr "over" INTEGER "paths" "==" expr "within" expr "standard" "errors""#
    package static let documentation = [
        #"| `mean of E at step n over N paths == V within k standard errors` | a statistical test, not a certificate: N runs of the noisy map (`noise` and `map` lines) are iterated in double precision, path p drawing its noise from a stream fixed by `--seed` and p (so `--jobs` changes no number); per component, the mean m of E at step n and its standard error s/sqrt(N) (s the sample standard deviation) give z = (m - V)/(s/sqrt(N)). Holds when \|z\| <= k for every component, fails otherwise; the report gives m, the standard error, V and z of the component with the largest \|z\|, and the chance that a true claim fails (normal approximation: 2(1 - Phi(k)) per component, 0.27% at k = 3). Undecided when the paths do not spread (standard error 0, or below 10^-12 of \|m\|, where double rounding could matter) |"#,
    ]
    package static let example = ClaimExample(
        file: "derivations/shi_spring_block.phc", claim: #"S4: the noisy update's mean step is the drift g(F)"#,
        original: #"0.3750021030648765069753453, 0.01795087667139422735593025]"#, planted: #"0.3750021030648765069753453, 0.02795087667139422735593025]"#)
    package static let allowsVectors = true

    public var expression: Expr
    public var step: Expr
    /// N: the number of independent runs averaged.
    public var paths: Int
    public var expected: Expr
    /// k: how many standard errors the estimate may be from `expected`.
    public var standardErrors: Expr

    public static func read(_ reader: inout StatementReader) throws(ParseError) -> Self {
        try reader.keyword("of", "after `mean` (as in `mean of x at step 100 over 400 paths == 0.5 within 3 standard errors`)")
        let e = try reader.parser.parseExpression()
        try reader.keyword("at", "after the quantity (as in `mean of x at step 100 == ...`)")
        try reader.keyword("step", "after `at` (a mean is taken over paths of the noisy map at a step)")
        let step = try reader.parser.parseExpression()
        try reader.keyword("over", "after the step (as in `at step 100 over 400 paths`)")
        let paths = try reader.integer("the number of paths", atLeast: 2)
        try reader.keyword("paths", "after the number of paths")
        try reader.parser.expect("==", "before the expected mean")
        let expected = try reader.parser.parseExpression()
        try reader.keyword("within", "after the expected mean (as in `== 0.5 within 3 standard errors`)")
        let k = try reader.parser.parseExpression()
        try reader.keyword("standard", "after the number of standard errors")
        try reader.keyword("errors", "after `standard`")
        return Self(expression: e, step: step, paths: paths, expected: expected, standardErrors: k)
    }

    public var expressions: [Expr] { [expression, step, expected, standardErrors] }

    public func checkNames(of claim: Claim, in scope: NameScope) throws(DerivationError) {
        try scope.checkModelClaim(claim)
        let training = scope.derivation.training
        guard !training.noise.isEmpty else {
            throw scope.error("claim \"\(claim.name)\" averages over paths of a noisy map; expected `noise xi ~ normal(0, s)` and `map` lines that use it", at: claim.location)
        }
    }

    /// V at step n: a V that reads states (a moment map iterated beside its Monte Carlo, `== m`) is their iterate at
    /// step n along the map, which must not draw noise of a standard deviation above 0 for them (an error says so; noise
    /// with standard deviation 0 is at its mean), not their start.
    func claimedValue(_ check: ClaimCheck, step n: Int) throws -> [Double] {
        let model = check.model
        let iteration = IteratedTrajectory(model: model)
        guard try iteration.statesRead(by: [expected]).isEmpty else {
            if let noisy = try check.noisyState(readBy: [expected]) {
                throw CheckError("V = `\(expected)` reads `\(noisy.state)`, whose map draws noise: V must be a number at step \(n), such as a constant or states "
                                 + "whose maps draw no noise (a moment map); average a random state with its own `mean of` claim")
            }
            return try iteration.values(of: [expected], at: [.number(BigRational(n))], bits: 128)[0][0].map { $0.midpoint.doubleValue }
        }
        let inputs = try ModelInputs(model: model, context: DoubleContext())
        var evaluator = try inputs.evaluator(for: [model.expand(expected)])
        return evaluator.evaluate(inputs.vector(t: Double(n), reading: evaluator.tape))[0]
    }

    package func check(_ check: inout ClaimCheck) throws {
        let model = check.model
        let n = try IteratedTrajectory(model: model).stepNumbers([step])[0]
        guard let k = try model.constantValue(standardErrors), k > 0 else {
            throw CheckError("the number of standard errors must be a positive constant, found `\(standardErrors)`")
        }
        let seed = check.options.seed
        let noisy = NoisyPaths(model: model)
        let (jobs, deadline) = (check.options.jobs, check.deadline.end)
        let states = try check.shared.noisyRuns.value(for: .init(scenario: check.claim.modelScenario, step: n, paths: paths), deadline: deadline) {
            try noisy.states(atStep: n, paths: paths, seed: seed, jobs: jobs, deadline: deadline)
        }
        let samples = try noisy.values(of: [model.expand(expression)], on: states, atStep: n).map { $0[0] }
        let claimed = try claimedValue(check, step: n)
        let components = samples[0].count
        guard claimed.count == components || claimed.count == 1 else {
            throw CheckError("E has \(components) components but V has \(claimed.count)")
        }
        let estimates = (0..<components).map { c in
            SampleMean(samples.map { $0[c] }, claimed: claimed[claimed.count == 1 ? 0 : c])
        }
        check.points = components
        let bound = k.doubleValue
        let worst = estimates.indices.max { estimates[$0].z.magnitude < estimates[$1].z.magnitude }!
        let shown = estimates[worst]
        check.worstCase = (components > 1 ? [("component", "\(worst + 1)")] : []) + [
            ("step", "\(n)"), ("mean", shown.meanText), ("s.e.", shown.standardErrorText), ("claimed", String(format: "%.10g", shown.claimed)),
            ("z", String(format: "%.2f", shown.z)), ("test", "statistical |z|<=\(decimal(k))"), ("paths", "\(paths)"), ("seed", "\(seed)"),
        ]
        let perComponent = 2 * (1 - normalCDF(bound))
        check.detail = "statistical test, not certified: \(paths) paths of the noisy map in double precision (seed \(seed); each path's noise "
            + "is fixed by the seed and its index, whatever --jobs); per component the mean of E at step \(n) and its standard error "
            + "s/sqrt(\(paths)); holds when |mean - V| <= \(decimal(k)) standard errors" + (components > 1 ? " for each of the \(components) components. " : ". ")
            + "Under the normal approximation a true claim fails a component with probability \(percent(perComponent))"
            + (components > 1 ? " and some component with at most \(percent(min(1, Double(components) * perComponent)))" : "")
        if let flat = estimates.firstIndex(where: { !($0.standardError > 1e-12 * $0.mean.magnitude) }) {
            check.status = .undecided
            check.undecidedReason = "component \(flat + 1) of E does not spread over the paths (standard error \(estimates[flat].standardErrorText)), "
                + "so double-precision rounding could decide the test: the paths agree (a map whose noise vanishes where they "
                + "end up, or a quantity the noise does not reach); state a value that does not depend on the noise with "
                + "`value E at step n` under a scenario whose noise has standard deviation 0, or average a quantity that spreads"
            return
        }
        check.status = estimates.allSatisfy { $0.z.magnitude <= bound } ? .holds : .fails
    }
}

/// The sample mean of one component over the paths (summed in path order, so the same for any number of
/// jobs), its standard error s/sqrt(N) and z = (mean - claimed) / standard error.
struct SampleMean {
    let mean: Double
    let standardError: Double
    let claimed: Double

    init(_ samples: [Double], claimed: Double) {
        let count = Double(samples.count)
        let mean = samples.reduce(0, +) / count
        let variance = samples.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (count - 1)
        self.mean = mean
        self.standardError = (variance / count).squareRoot()
        self.claimed = claimed
    }

    var z: Double { (mean - claimed) / standardError }

    /// The standard error to two significant digits, and the mean to the same decimal place: no digit
    /// finer than the statistics back.
    var standardErrorText: String {
        let text = String(format: "%#.2g", standardError)   // `#` keeps a trailing zero: 0.00080, not 0.0008
        return text.hasSuffix(".") ? String(text.dropLast()) : text
    }
    var meanText: String {
        guard standardError > 0, standardError.isFinite else { return String(format: "%.17g", mean) }
        let places = Swift.max(0, Swift.min(17, 1 - Int(log10(standardError).rounded(.down))))
        return String(format: "%.\(places)f", mean)
    }
}

/// Phi, the standard normal distribution function.
func normalCDF(_ x: Double) -> Double { 0.5 * erfc(-x / 2.squareRoot()) }

/// A probability as a percentage with two significant digits.
func percent(_ p: Double) -> String { String(format: "%.2g%%", 100 * p) }
