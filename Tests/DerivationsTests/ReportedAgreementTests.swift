import Foundation
import PhasecheckDerivations
import Testing

/// What a report says about how a claim was shown: `exact` identities from the canonical form, and the
/// switching times of integrations that crossed a kink (issue 10).
@Suite struct ReportedAgreementTests {
    /// Issue 10's kink example: for x < 0 the flow is x' = 1 - x, so x = 1 - 3 e^-t crosses 0 at t = ln 3.
    /// mpmath, `mp.dps = 40; print(mp.log(3))`: 1.098612288668109691395245236922525704647.
    static let kink = """
        title "kink"
        state x = -2
        horizon 2
        ode x' = 1 + abs(x)
        claim "cancels": identity (x - 1)^3 + (1 - x)^3 == 0
        claim "cancels to a planted gap": identity (x - 1)^3 + (1 - x)^3 == 10^-20
        claim "divides": identity x*x/x == x
        claim "needs a function identity": identity cosh(x)^2 - sinh(x)^2 == 1
        claim "end": value x at t = 2 == exp(2)/3 - 1
        """

    static func results() throws -> [String: ClaimResult] {
        let derivation = try DerivationParser.parse(kink, file: "kink.phc")
        var options = VerifyOptions()
        options.parameterDraws = 1
        options.timeSamples = 3
        let results = Verifier(derivation: derivation, options: options).verifyAllInParallel()
        return Dictionary(results.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    }

    @Test func identitiesTheCanonicalFormShowsAreExactAndOthersSayTheirDigits() throws {
        let r = try Self.results()
        for name in ["cancels", "divides"] {
            let result = try #require(r[name])
            #expect(result.status == .holds && result.agreement?.basis == "exact", "\(name): \(result.status) \(result.detail)")
        }
        // A polynomial identity is proved for all values by the exact route (no random draws); so is x*x/x == x, which
        // divides by the state: an identity compares point by point, and it holds wherever its sides are defined.
        #expect(try #require(r["cancels"]).detail.contains("exactly: L - R expands to 0"))
        #expect(try #require(r["divides"]).detail.contains("exactly: L - R expands to 0"))
        #expect(try #require(r["divides"]).detail.contains("where every subexpression is defined"))
        // cosh^2 - sinh^2 = 1 is a function identity the canonical form does not know: shown to digits.
        let cosh = try #require(r["needs a function identity"])
        #expect(cosh.status == .holds && cosh.agreement?.basis != "exact")
        // The planted gap of 10^-20 is not a canonical zero and fails at 30 digits (the terms that cancel are
        // at most 2*3^3, so the gap is at least 10^-22 of their scale).
        let planted = try #require(r["cancels to a planted gap"])
        #expect(planted.status == .fails && planted.agreement?.basis != "exact")
    }

    @Test func switchingTimesAreReportedWithTheFunctionAndHowTheyAreKnown() throws {
        let r = try Self.results()
        let end = try #require(r["end"])
        #expect(end.status == .holds)
        let switches = end.switchingTimes
        try #require(switches.count == 1)
        #expect(switches[0].function == "abs(x)")
        #expect(switches[0].basis == .estimated)
        // The time shown is ln 3 (mpmath above) correctly rounded to its last digit, with at least 15 digits.
        let shown = switches[0].time
        let decimals = try #require(shown.split(separator: ".").last).count
        let ln3 = try #require(Decimal(string: "1.098612288668109691395245236922525704647"))
        let error = try #require(Decimal(string: shown)) - ln3
        #expect(decimals >= 15 && abs(error) <= Decimal(sign: .plus, exponent: -decimals, significand: 5) / 10, "\(shown)")

        // Text, JSON and Markdown show them.
        let report = FileReport(file: "kink.phc", title: "kink", citation: nil, results: [end], seconds: 0)
        let run = RunRecord(arguments: [], seed: 1, digits: 30, files: [])
        #expect(ReportPrinter.render([report], format: .text, run: run).contains("switches: t = 1.0986123 abs(x) (estimated)"))
        #expect(ReportPrinter.render([report], format: .markdown, run: run).contains("switches: t = \(switches[0].time) `abs(x)` (estimated)"))
        let json = ReportPrinter.render([report], format: .json, run: run)
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let claim = ((object?["files"] as? [[String: Any]])?.first?["claims"] as? [[String: Any]])?.first
        let times = try #require(claim?["switchingTimes"] as? [[String: String]])
        #expect(times == [["time": switches[0].time, "function": "abs(x)", "basis": "estimated"]])
    }
}
