import PhasecheckExpressions
import PhasecheckFormat
import PhasecheckNumbers
@testable import PhasecheckVerify
import Testing

/// Verdicts do not depend on the machine's load: integrations and escalations stop on counted work
/// (`TaylorWork`, `--max-work`), never on the wall clock unless the user sets `--max-seconds`, and then the
/// report says that it was the wall clock.
///
/// The logistic flow x' = x (1 - x), x(0) = 1/10, has x(t) = 1/(1 + 9 e^-t); with no `solution` line the claims
/// go along the integrator. References: mpmath at 50 digits, `mp.dps = 50; 1/(1 + 9*exp(-1))` and the same at 3.
struct WorkBudgetTests {
    static let logistic = """
        title "logistic"
        state x = 1/10
        horizon 3
        ode x' = x*(1 - x)
        claim "x(1)": value x at t = 1 == 0.23196931668407393638823496061136379641995144226732
        claim "x(3)": value x at t = 3 == 0.6905678577030156078688783430676784031589018518593
        claim "x(3) planted": value x at t = 3 == 0.6905678577030156078688793
        claim "x rises": monotone x increasing on [0, 3]

        """

    static func verify(_ configure: (inout VerifyOptions) -> Void = { _ in }) throws -> [ClaimResult] {
        var options = VerifyOptions()
        configure(&options)
        return try Verifier(derivation: DerivationParser.parse(logistic, file: "logistic.phc"), options: options).verifyAll()
    }

    /// What a report shows of a claim: verdict, digits, place, values and reason.
    static func shown(_ r: ClaimResult) -> String {
        "\(r.status) \(r.agreement?.shown ?? "-") \(r.worstCase.map { "\($0.name)=\($0.value)" }) \(r.compared.map { "\($0.name)=\($0.value)" }) \(r.detail)"
    }

    /// A clock that runs 10^9 times fast plays a machine 10^9 times slower (or loaded): without --max-seconds
    /// nothing reads it, and every verdict and digit is the same. The planted error (one unit in the 25th digit)
    /// FAILS both times, the true values hold.
    @Test func aSlowedClockChangesNoVerdictAndNoDigit() throws {
        let normal = try Self.verify()
        let slowed = try Self.verify { $0.budget.wallClockRate = 1e9 }
        #expect(normal.map(\.status) == [.holds, .holds, .fails, .holds], "\(normal.map(Self.shown))")
        #expect(normal.map(Self.shown) == slowed.map(Self.shown))
    }

    /// With --max-seconds the user's wall clock is a safety net: on the slowed clock it stops every claim, and
    /// the report says that it was the wall clock (not the work budget), naming the option.
    @Test func theWallClockLimitStopsAClaimAndSaysSo() throws {
        let stopped = try Self.verify { $0.budget.wallClockRate = 1e9; $0.budget.maximumSeconds = 60 }
        for result in stopped {
            #expect(result.status == .undecided, "\(Self.shown(result))")
            #expect(result.detail.contains("wall-clock limit of --max-seconds") && !result.detail.contains("work budget"), "\(result.detail)")
        }
    }

    /// A claim whose integration needs more work than the budget is undecided, never FAILS (the planted error
    /// too), and the reason names the work budget, that it is counted, and the option that raises it.
    @Test func aClaimBeyondTheWorkBudgetIsUndecidedNamingTheOption() throws {
        // One step of order 25 on 2-word numbers costs about 700 units.
        let starved = try Self.verify { $0.budget.maximumWork = 100 }
        for result in starved.prefix(3) {
            #expect(result.status == .undecided, "\(Self.shown(result))")
            #expect(result.detail.contains("work budget") && result.detail.contains("--max-work")
                    && result.detail.contains("same on every machine"), "\(result.detail)")
        }
        // The same claims at the default budget decide (the wall clock is never read).
        #expect(try Self.verify().prefix(3).map(\.status) == [.holds, .holds, .fails])
    }

    /// The precision of a comparison along the integrator is not raised when 8 times the work done at the last
    /// one would pass what is left of the budget: counted, so the limit falls at the same place on every run.
    @Test func anEscalationStopsBeforeAPrecisionItCannotAfford() throws {
        let model = try Model(DerivationParser.parse(Self.logistic, file: "logistic.phc"))
        let exprs = [Expr.symbol("x")], times = [Expr.number(3)], bits = 148
        func trajectory(work: Double) throws -> IntegratedTrajectory {
            var budget = ComputeBudget()
            budget.maximumWork = work
            let trajectory = IntegratedTrajectory(model: model, digits: 30, budget: budget)
            _ = try trajectory.values(of: exprs, at: times, bits: bits)
            return trajectory
        }
        let measured = try trajectory(work: ComputeBudget().maximumWork)
        let work = try #require(measured.meter.work(atBits: bits))
        #expect(work > 0 && work == measured.meter.spent)
        #expect(measured.unaffordable(raisingFrom: bits) == nil)
        // The same integrations again: the same count.
        #expect(try trajectory(work: ComputeBudget().maximumWork).meter.spent == work)
        let reason = try #require(try trajectory(work: 8 * work).unaffordable(raisingFrom: bits))
        #expect(reason.contains("not run at \(2 * bits) bits") && reason.contains("--max-work") && reason.contains("same on every machine"), "\(reason)")
        #expect(try trajectory(work: 9 * work).unaffordable(raisingFrom: bits) == nil)
    }
}
