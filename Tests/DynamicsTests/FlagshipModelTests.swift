import PhasecheckDynamics
import PhasecheckExpressions
import PhasecheckNumbers
import Testing
import PhasecheckTestSupport

/// The flagship model against the 50-digit reference values of model.md section 8 (20-25 digits printed).
@Suite struct FlagshipModelTests {
    /// (time, a, K) printed in model.md section 8, Case A.
    static let caseAReference = [
        ("0.5", "0.03851854606271811105728002", "1.469254463457840150078177"),
        ("1", "0.5482094676074648041132344", "1.567724025577990560871609"),
        ("5", "0.9995745590317233829462955", "1.776618782705919794092255"),
    ]

    @Test func caseAInMPFRMatchesEveryPrintedDigit() throws {
        let context = MPFRContext(precision: 120)
        var integrator = try TaylorIntegrator(system: flagshipSystem(width: 3), parameters: caseA.parameters(context),
                                              context: context)
        let times = Self.caseAReference.map { big($0.0, 120) }
        let states = try integrator.integrate(initial: caseA.initial(context), from: context.constant(0), to: times)
        for (state, (t, aRef, kRef)) in zip(states, Self.caseAReference) {
            let (a, k) = caseA.outputAndKernel(state) { big($0, 120) }
            #expect(matchesPrintedDigits(a, aRef), "a(\(t)) = \(a.formatted(significantDigits: 30)), reference \(aRef)")
            #expect(matchesPrintedDigits(k, kRef), "K(\(t)) = \(k.formatted(significantDigits: 30)), reference \(kRef)")
        }
        #expect(integrator.statistics.order == Tolerance(precisionBits: 120).taylorOrder)
        #expect(integrator.statistics.steps > 1)
    }

    @Test func caseBInMPFRMatchesEveryPrintedDigit() throws {
        let context = MPFRContext(precision: 120)
        var integrator = try TaylorIntegrator(system: flagshipSystem(width: 2), parameters: caseB.parameters(context),
                                              context: context)
        let states = try integrator.integrate(initial: caseB.initial(context), from: context.constant(0),
                                              to: [context.constant(1)])
        let (a, k) = caseB.outputAndKernel(states[0]) { big($0, 120) }
        #expect(matchesPrintedDigits(a, "-0.9806612714327920927785228"), "a(1) = \(a)")
        #expect(matchesPrintedDigits(k, "5.73121157497720732286979"), "K(1) = \(k)")
    }

    @Test func caseAInDoubleIsAccurateToAboutOneHundredUlps() throws {
        let context = DoubleContext()
        var integrator = try TaylorIntegrator(system: flagshipSystem(width: 3), parameters: caseA.parameters(context),
                                              context: context)
        let states = try integrator.integrate(initial: caseA.initial(context), from: 0,
                                              to: Self.caseAReference.map { Double($0.0)! })
        for (state, (t, aRef, kRef)) in zip(states, Self.caseAReference) {
            let (a, k) = caseA.outputAndKernel(state) { Double($0)! }
            // a(0.5) is small after cancellation (a goes from -1.1 to 0.0385): measure its error against |a0|.
            #expect(Swift.abs(a - Double(aRef)!) <= 2e-14 * 1.1, "a(\(t)) = \(a), reference \(aRef)")
            #expect(relativeError(k, Double(kRef)!) <= 1e-13, "K(\(t)) = \(k), reference \(kRef)")
        }
    }

    @Test func caseBInDoubleIsAccurateToAboutOneHundredUlps() throws {
        let context = DoubleContext()
        var integrator = try TaylorIntegrator(system: flagshipSystem(width: 2), parameters: caseB.parameters(context),
                                              context: context)
        let states = try integrator.integrate(initial: caseB.initial(context), from: 0, to: [1])
        let (a, k) = caseB.outputAndKernel(states[0]) { Double($0)! }
        #expect(relativeError(a, -0.9806612714327920927785228) <= 1e-13, "a(1) = \(a)")
        #expect(relativeError(k, 5.73121157497720732286979) <= 1e-13, "K(1) = \(k)")
    }
}
