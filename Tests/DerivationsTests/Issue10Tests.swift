import Foundation
import PhasecheckDerivations
import PhasecheckExpressions
import PhasecheckNumbers
import Testing

/// The trial derivations of issue 10 (Fixtures/, with their mpmath references): correct files hold, each
/// planted twin FAILS on its planted claim and nowhere else.
enum Fixture {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// What the suites of fresh trials (derivations of papers nobody here wrote a checker for) verify with: 3 random
    /// parameter sets and 3 sample times, enough to catch a planted claim at a fraction of the default cost.
    static func trialConfiguration(_ options: inout VerifyOptions) {
        options.parameterDraws = 3
        options.timeSamples = 3
    }

    static func derivation(_ name: String, text: String? = nil) throws -> Derivation {
        let contents = try text ?? String(contentsOf: folder.appendingPathComponent(name + ".phc"), encoding: .utf8)
        return try DerivationParser.parse(contents, file: name + ".phc")
    }

    /// The fixture's text with each original replaced by its planted version (each original must be there).
    static func text(_ name: String, planting plants: [(original: String, planted: String)]) throws -> String {
        text(try String(contentsOf: folder.appendingPathComponent(name + ".phc"), encoding: .utf8), planting: plants, name: name)
    }

    /// `text` with each original replaced by its planted version (each original must be there).
    static func text(_ text: String, planting plants: [(original: String, planted: String)], name: String) -> String {
        var text = text
        for (original, planted) in plants {
            #expect(text.contains(original), "\(name): no `\(original)`")
            text = text.replacingOccurrences(of: original, with: planted)
        }
        return text
    }

    /// A planted twin: the claims named in `failingTogether` (a planted region fails with the regions it now
    /// overlaps) FAIL, some other claim says PLANTED, and the rest are as `expectPlantedOnlyFail` says.
    static func expectPlantedTwin(_ results: [String: ClaimResult], file: String, failingTogether: [String] = []) {
        var results = results
        for name in failingTogether {
            #expect(results.removeValue(forKey: name)?.status == .fails, "\(file): \(name)")
        }
        if failingTogether.isEmpty {
            #expect(results.keys.contains { $0.contains("PLANTED") }, "\(file): no PLANTED claim")
        }
        expectPlantedOnlyFail(results, file: file)
    }

    /// A planted error along the integrator is caught: it FAILS, or, where no validated enclosure of the flow could
    /// be given within its work budget (the same on every machine), it is undecided saying so, since the
    /// integrator's estimate alone certifies no failure (docs/derivation-format.md, "What a FAILS along the
    /// integrator rests on"). A planted error that holds is never accepted.
    static func isCaught(_ result: ClaimResult) -> Bool {
        result.status == .fails || (result.status == .undecided && result.detail.contains("no validated enclosure"))
    }

    /// The twin `name`_planted has exactly one claim named PLANTED, and it is caught (`isCaught`) by the verifier
    /// of the whole twin, whose other claims may declare what it names (they are the correct file's, checked there).
    static func expectPlantedClaimCaught(_ name: String, configure: (inout VerifyOptions) -> Void) throws {
        let derivation = try derivation(name + "_planted")
        var options = VerifyOptions()
        configure(&options)
        let verifier = Verifier(derivation: derivation, options: options)
        let planted = derivation.claims.filter { $0.name.contains("PLANTED") }
        #expect(planted.count == 1, "\(name)_planted")
        for claim in planted {
            let result = verifier.verify(claim)
            #expect(isCaught(result), "\(name)_planted: \(claim.name): \(result.status) \(result.detail)")
        }
    }

    /// Every claim of the twin `name`_planted marked PLANTED (at least `minimum` of them; its other claims stay in the
    /// file, declaring the fixed points the planted ones name) FAILS, but those `otherwise` accepts as they are.
    static func expectEveryPlantedClaimFails(_ name: String, minimum: Int, otherwise: (String, ClaimResult) -> Bool = { _, _ in false }) throws {
        let derivation = try derivation(name + "_planted")
        var options = VerifyOptions()
        trialConfiguration(&options)
        let verifier = Verifier(derivation: derivation, options: options)
        let planted = derivation.claims.filter { $0.name.contains("PLANTED") }
        #expect(planted.count >= minimum, "\(name)")
        for claim in planted {
            let result = verifier.verify(claim)
            #expect(result.status == .fails || otherwise(claim.name, result), "\(name)_planted: \(claim.name): \(result.status) \(result.detail)")
        }
    }

    /// The error of reading `text`; nil when it reads (the caller's `#require` then says so).
    static func readError(_ text: String, file: String = "bad.phc") -> DerivationError? {
        do {
            _ = try DerivationParser.parse(text, file: file)
            return nil
        } catch {
            return error
        }
    }

    /// The results of the file's claims whose names pass `keep` (all by default), by claim name.
    static func results(_ name: String, text: String? = nil, configure: (inout VerifyOptions) -> Void = { _ in },
                        keep: (String) -> Bool = { _ in true }) throws -> [String: ClaimResult] {
        var derivation = try derivation(name, text: text)
        derivation.claims = derivation.claims.filter { keep($0.name) }
        var options = VerifyOptions()
        configure(&options)
        // A kept claim's check may add results under other names: those are left out too.
        let results = Verifier(derivation: derivation, options: options).verifyAllInParallel().filter { keep($0.name) }
        return Dictionary(results.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Every claim holds, except those whose name says PLANTED, which fail.
    static func expectPlantedOnlyFail(_ results: [String: ClaimResult], file: String) {
        for (name, r) in results {
            let expected: ClaimResult.Status = name.contains("PLANTED") ? .fails : .holds
            #expect(r.status == expected, "\(file): \(name): \(r.status) \(r.detail)")
        }
    }

    /// A fresh trial's true file (`trialConfiguration`): at least `minimumClaims` claims; each claim named in `notHeld` is
    /// not held (with `status`, when given) and its detail has the words given, the reason it must state; every other
    /// claim holds, except those whose name says PLANTED, which fail.
    static func expectTrialFileHolds(_ file: String, minimumClaims: Int, notHeld: [String: String], status: ClaimResult.Status? = nil) throws {
        let results = try results(file, configure: trialConfiguration)
        #expect(results.count >= minimumClaims, "\(file)")
        for (name, words) in notHeld {
            guard let result = results[name] else { continue }
            #expect(result.status != .holds && status.map { result.status == $0 } ?? true && result.detail.contains(words),
                    "\(file): \(name): \(result.status) \(result.detail)")
        }
        expectPlantedOnlyFail(results.filter { notHeld[$0.key] == nil }, file: file)
    }
}

struct ZeroValuedComparisonTests {
    @Test func zeroValuedIdentitiesAndInvariantsHoldAgainstTheScaleOfWhatCancelled() throws {
        let results = try Fixture.results("i01_zero_values") { $0.parameterDraws = 3; $0.timeSamples = 3 }
        Fixture.expectPlantedOnlyFail(results, file: "i01_zero_values")
        let zero = try #require(results["sinh^2 - cosh^2 + 1 == 0"])
        let agreement = try #require(zero.agreement)
        #expect(agreement.basis.hasPrefix("absolute at scale"))
        // The scale is cosh(k)^2 + sinh(k)^2 + 1 at the worst k (computed here in doubles).
        let kText = try #require(zero.worstCase.first { $0.name == "k" }?.value)
        let k = try #require(Double(kText))
        let expected = cosh(k) * cosh(k) + sinh(k) * sinh(k) + 1
        let scale = try #require(agreement.scale)
        #expect(abs(scale - expected) <= 1e-9 * expected)
    }

    @Test func aPlantedNonzeroRightSideFailsAtTheDigitsOfItsGap() throws {
        let results = try Fixture.results("i01_zero_values_planted") { $0.parameterDraws = 3; $0.timeSamples = 3 }
        Fixture.expectPlantedOnlyFail(results, file: "i01_zero_values_planted")
        let r = try #require(results["sinh^2 - cosh^2 + 1 == 10^-20 (PLANTED)"])
        // mpmath (i01_zero_values.mpmath.out): the gap is 10^-20; at scale cosh(1)^2 + sinh(1)^2 + 1 = 4.76 that is 20.68 digits.
        #expect(r.agreement?.shown == "20")
        #expect(r.compared.first { $0.name == "right" }?.value == "1e-20")
    }
}

struct TimeLimitTests {
    @Test(arguments: ["i02_limit_closed", "i02_limit_integrated", "i02_limit_closed_planted", "i02_limit_integrated_planted"])
    func limitsOfZeroAreProvedAndAPlantedLimitFails(file: String) throws {
        let results = try Fixture.results(file)
        Fixture.expectPlantedOnlyFail(results, file: file)
        if let planted = results["x - 1 -> 10^-15 (PLANTED)"] {
            // x' = k (1 - x) contracts towards x* = 1 at rate k: proved, not watched.
            #expect(planted.detail.contains("contracts at rate"), "\(planted.detail)")
            #expect(planted.compared.count == 2)
        }
    }

    /// Weight decay: u w -> y - lam and u^2 - w^2 -> 0 with no closed form, proved by a contracting ball
    /// around the balanced equilibrium (mpmath: i02_weight_decay_limit.mpmath.out, where u w at t = 60 agrees
    /// with y - lam = 3/2 and findroot from there gives u* = sqrt(3/2)); the planted twins 10^-20 off fail,
    /// one by contraction, one (E depending on t) along the sampled route. Nothing waits on the clock.
    @Test func limitsAreProvedByContractionWithoutAClosedForm() throws {
        let results = try Fixture.results("i02_weight_decay_limit")
        Fixture.expectPlantedOnlyFail(results, file: "i02_weight_decay_limit")
        for name in ["u w -> y - lam", "the imbalance decays to 0", "u -> sqrt(y - lam) to 25 digits", "u w -> y - lam + 10^-20 (PLANTED)"] {
            let r = try #require(results[name])
            #expect(r.detail.contains("contracts at rate"), "\(name): \(r.detail)")
            #expect(r.worstCase.contains { $0.name == "t" && $0.value.hasPrefix("inf (certified by contraction") }, "\(name)")
        }
        #expect(try #require(results["u w - e^-t -> y - lam + 10^-20 (PLANTED, sampled)"]).detail.contains("settled away"))
    }

    /// A limit that cannot be settled stops at the claim's budget (here 40 Taylor steps), not at a fixed wall
    /// time, and says which budget to raise. (With 300 steps the growing steps of this decay, now projected as
    /// growing, reach all 24 doublings: then it is undecided for its slow convergence, not for the budget.)
    @Test func anUnsettledLimitStopsAtTheClaimsBudget() throws {
        let text = """
        state x = 1
        ode x' = 1/(2*x)
        claim "algebraic decay": value 1/x at t = inf == 0
        """
        let r = try #require(try Fixture.results("unsettled", text: text) { $0.budget.maximumSteps = 40 }["algebraic decay"])
        #expect(r.status == .undecided)
        #expect(r.detail.contains("stopped:") && r.detail.contains("--max-steps"), "\(r.detail)")
    }

    /// Issue 18, second round: at a horizon far below the flow's time scale, the logistic x = 2/(1 + 199 e^-2t) has
    /// not started to move at the digits asked over 24 doublings of t (nor come near enough to 2 for a contraction
    /// proof), which is not settling: `x -> 2` is undecided, not failed (it failed, "settled away"). From horizon 1
    /// x moves, so `x -> 2` holds and a planted `x -> 3` still fails.
    @Test func aLimitThatHasNotStartedToMoveIsNotSettled() throws {
        let file = { (horizon: String) in "state x = 1/100\node x' = x*(2 - x)\nsolution x = 2/(1 + 199*exp(-2*t))\nhorizon \(horizon)\nclaim \"to 2\": value x at t = inf == 2\nclaim \"to 3 (PLANTED)\": value x at t = inf == 3\n" }
        let tiny = try Fixture.results("tiny-horizon", text: file("1e-300"))
        let r = try #require(tiny["to 2"])
        #expect(r.status == .undecided, "\(r.status) \(r.detail)")
        let unit = try Fixture.results("unit-horizon", text: file("1"))
        #expect(try #require(unit["to 2"]).status == .holds)
        #expect(try #require(unit["to 3 (PLANTED)"]).status == .fails)
    }

    @Test func limitsThatCannotBeSettledAreUndecidedWithTheReason() throws {
        let text = """
        state x = 1
        ode x' = 1/(2*x)
        solution x = sqrt(1 + t)
        claim "algebraic decay": value 1/x at t = inf == 0
        claim "no limit": value sin(t) at t = inf == 0
        claim "growing": value x at t = inf == 3
        """
        let results = try Fixture.results("undecidable", text: text)
        for name in ["algebraic decay", "no limit", "growing"] {
            let r = try #require(results[name])
            #expect(r.status == .undecided, "\(name): \(r.status) \(r.detail)")
            #expect(r.detail.contains("undecided: at t ="), "\(r.detail)")
        }
    }
}

/// Values exactly at a kink (issue 10 item 4): x = e^t/2 reaches 1 at t = log 2, the kink of max(x - 1, 0),
/// min(1 - x, 0) and max(x, 1), and of y' = max(x, 1) (Fixtures/i04_value_at_kink.sympy.out: the values there
/// are 0, 0, 1 and log 2; y(2) = log 2 + e^2/2 - 1 by quadrature split at the kink). Along the closed form the
/// ReLU's enclosure at the kink is [0, 10^-44]: judged against the scale of x - 1 (the larger argument scale at
/// the kink), not of 0, it holds; its planted twins 10^-25 off fail. Along the integration as well.
struct ValueAtKinkTests {
    @Test(arguments: [true, false])
    func valuesAtAKinkAreDecidedAndAPlantedOffsetFails(closedForm: Bool) throws {
        var text = try String(contentsOf: Fixture.folder.appendingPathComponent("i04_value_at_kink.phc"), encoding: .utf8)
        if !closedForm {
            text = text.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.hasPrefix("solution") && !$0.contains("solves ode") }.joined(separator: "\n")
        }
        let results = try Fixture.results("i04_value_at_kink", text: text)
        #expect(results.count == (closedForm ? 8 : 7))
        Fixture.expectPlantedOnlyFail(results, file: "i04_value_at_kink")
        if closedForm {
            #expect(results["relu(x - 1) at its kink"]?.agreement?.basis == "absolute at scale 2")
        }
    }
}

struct CancellationTests {
    @Test(arguments: ["i03_logistic_cancel", "i03_logistic_closed", "i03_logistic_cancel_planted", "i03_logistic_closed_planted"])
    func theLogisticLogOddsHoldAtT60AndAPlantedSlopeFails(file: String) throws {
        let results = try Fixture.results(file)
        Fixture.expectPlantedOnlyFail(results, file: file)
        if let planted = results["log-odds grow linearly (PLANTED)"] {
            // mpmath (i03_logistic.mpmath.out): relative gap 1e-12 at every t, t = 60 included. The failure is
            // reported at the first sampled time where the validated enclosure certifies it.
            #expect(planted.agreement?.shown == "11" || planted.agreement?.shown == "12")
            #expect(planted.worstCase.contains { $0.name == "t" })
        }
    }
}

struct WrongClosedFormTests {
    @Test func theDecayClosedFormHoldsAndTheSquareRootFailsWithItsResidual() throws {
        Fixture.expectPlantedOnlyFail(try Fixture.results("i05_closed_form"), file: "i05_closed_form")
        let planted = try #require(try Fixture.results("i05_closed_form_planted")["closed form"])
        #expect(planted.status == .fails)
        // x0 sqrt(1 - t/5) has derivative -x0/10 at t = 0 against -x0 = -1.5 (i05_closed_form.mpmath.out: residual 1.35 there).
        #expect(planted.worstCase.contains { $0.name == "check" && $0.value == "residual" })
        #expect(planted.compared.map(\.value) == ["-0.15", "-1.5"])
    }

    @Test func aClosedFormThatLeavesItsDomainWhereTheIntegrationDoesNotFails() throws {
        // Right wherever it is defined, undefined for t > 5: the residual's sqrt(1 - t/5) has no value at t = 20/3.
        let text = """
        param x0v = 1.5 in (0, inf)
        state x = x0v
        ode x' = -x
        solution x = x0*exp(-t) + 0*sqrt(1 - t/5)
        claim "closed form": solves ode
        """
        let r = try #require(try Fixture.results("domain", text: text)["closed form"])
        #expect(r.status == .fails, "\(r.detail)")
        #expect(r.worstCase.contains { $0.name == "check" && $0.value == "domain" })
        #expect(r.detail.contains("leaves its domain"))
        // The integrated x(20/3) = 1.5 e^(-20/3), in doubles here: 0.00190895070200971...
        let shown = try #require(r.compared.first?.value)
        let value = try #require(Double(shown))
        #expect(abs(value - 1.5 * exp(-20.0 / 3)) < 1e-15)
    }
}

struct AssumptionTests {
    @Test(arguments: ["i07_assume", "i07_assume_planted"])
    func drawsOutsideTheAssumedRegionAreRejected(file: String) throws {
        Fixture.expectPlantedOnlyFail(try Fixture.results(file), file: file)
    }

    @Test func withoutTheAssumptionTheSignClaimFailsAtANegativeDelta() throws {
        let r = try #require(try Fixture.results("i07_noassume")["delta > 0: sqrt(delta^2) = delta"])
        #expect(r.status == .fails)
        let delta = try #require(r.worstCase.first { $0.name == "delta" }?.value)
        #expect(delta.hasPrefix("-"))
    }

    @Test func anEmptyRegionIsAnErrorAndTheFilesValuesMustSatisfyTheAssumptions() throws {
        // Draws of x from (0, inf) are 1/8 .. 8 above 0: never below 1/10. (An identity the exact route proves, such
        // as x^2 == x*x, needs no draws; sqrt(x^2) == x takes the numeric route, which draws.)
        let empty = "param x = 1/20 in (0, inf)\nassume x < 1/10\nclaim \"c\": identity sqrt(x^2) == x\n"
        let r = try #require(try Fixture.results("empty", text: empty)["c"])
        #expect(r.status == .error)
        #expect(r.detail.contains("seems empty"), "\(r.detail)")
        let violated = "param x = 1 in (0, inf)\nassume x < 1/2\nclaim \"c\": identity x^2 == x*x\n"
        let verifier = Verifier(derivation: try Fixture.derivation("violated", text: violated), options: VerifyOptions())
        #expect(throws: DerivationError.self) { try verifier.validateInputs() }
        do { try verifier.validateInputs() } catch { #expect(error.description.contains("violated.phc:2:1")) }
    }

    @Test func assumptionsUseParametersOnly() throws {
        let text = "param x = 1 in (0, inf)\nstate u = 1\node u' = -u\nassume u < 2\n"
        #expect(throws: DerivationError.self) { try Fixture.derivation("state_in_assume", text: text) }
    }
}

struct IdentitiesOnlyTests {
    @Test(arguments: ["i08_identities_only", "i08_identities_only_planted"])
    func aFileOfIdentitiesAloneIsValid(file: String) throws {
        Fixture.expectPlantedOnlyFail(try Fixture.results(file), file: file)
    }
}

struct RegionClaimTests {
    static func regions(_ file: String) throws -> [ClaimResult] {
        Verifier(derivation: try Fixture.derivation(file), options: VerifyOptions()).regionResults()
    }

    @Test func theFlagshipRegionsHold() throws {
        let results = try Self.regions("i09_region")
        #expect(results.count == 3)
        for r in results { #expect(r.status == .holds, "\(r.name): \(r.detail)") }
    }

    @Test func aRegionThatClaimsTheBoundaryFailsOnIt() throws {
        let kernel = try #require(try Self.regions("i09_region_planted").first { $0.name == "region kernel: e_R <= 0" })
        #expect(kernel.status == .fails)
        #expect(kernel.compared.map(\.value) == ["kernel", "feature_learning"])
        // The counterexample lies on e_R = -2 (1 - alpha - b_u - b_w) - |c_u - c_w + 2 b_u - 2 b_w| = 0
        // (i09_region.mpmath.out: feature learning there), computed here in rationals.
        let at = Dictionary(uniqueKeysWithValues: kernel.worstCase.map { ($0.name, BigRational($0.value)!) })
        let eGamma = BigRational(1) - at["alpha"]! - at["b_u"]! - at["b_w"]!
        let eX = at["c_u"]! - at["c_w"]! + BigRational(2) * at["b_u"]! - BigRational(2) * at["b_w"]!
        #expect((BigRational(-2) * eGamma - (eX.sign < 0 ? -eX : eX)).isZero)
    }
}

/// Item 6: a failing claim shows the two values compared, the agreement and the point, in every format.
struct FailureReportTests {
    @Test func failuresShowTheValuesComparedInTextJSONAndMarkdown() throws {
        let derivation = try Fixture.derivation("i08_identities_only_planted")
        let report = FileReport(file: "i08_identities_only_planted.phc", title: nil, citation: nil,
                                results: Verifier(derivation: derivation, options: VerifyOptions()).verifyAll(), seconds: 0)
        // sinh(0.7 + 0.3) = 1.1752011936438014569 and sinh(0.7 - 0.3) = 0.41075232580281550854 (mpmath, 20 digits).
        let left = "1.1752011936438014569", right = "0.41075232580281550854"
        let run = RunRecord(arguments: [], seed: nil, digits: nil, files: [])
        let text = ReportPrinter.render([report], format: .text, run: run)
        #expect(text.contains("compared: left = \(left), right = \(right) (0 digits, relative)"), "\(text)")
        let markdown = ReportPrinter.render([report], format: .markdown, run: run)
        #expect(markdown.contains("compared: left = \(left)"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(ReportPrinter.render([report], format: .json, run: run).utf8)) as? [String: Any])
        let files = try #require(json["files"] as? [[String: Any]])
        let claims = try #require(files.first?["claims"] as? [[String: Any]])
        let planted = try #require(claims.first { ($0["name"] as? String) == "sinh addition (PLANTED)" })
        #expect((planted["compared"] as? [String: String]) == ["left": left, "right": right])
        #expect(planted["basis"] as? String == "relative")
    }
}

/// Domine et al.'s implicit solution G(a(t)) = G(a0) e^{Kinf t} divides by a - y, which the integration
/// resolves to about 10^-40 while its true value at t = 10 is about 10^-62: both tolerances' values of G are
/// noise, so the comparison must not FAIL (it did, at 0 digits, with a gap larger than the two runs' spread).
/// The claim is true: Fixtures/b6_domine_lambda_balanced.mpmath.out (d/dt G - Kinf G = 2e-187 at 60 digits).
struct CancelledIntegrationTests {
    @Test func anImplicitSolutionDividingByAVanishingGapIsNotAFalseAlarm() throws {
        let results = try Fixture.results("b6_domine_lambda_balanced") { $0.parameterDraws = 3; $0.timeSamples = 3 }
        let implicit = try #require(results["implicit solution G(a) = G(a0) e^{Kinf t}"])
        #expect(implicit.status != .fails, "\(implicit.detail)")
        Fixture.expectPlantedOnlyFail(results.filter { $0.key != "implicit solution G(a) = G(a0) e^{Kinf t}" }, file: "b6_domine_lambda_balanced")
    }
}
