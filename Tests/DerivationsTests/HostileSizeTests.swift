import PhasecheckDerivations
import PhasecheckExpressions
import Testing

/// Issue 18: sizes that made memory explode. Memory and time are measured by Benchmarks/hostile_inputs.sh;
/// these check what is kept and what is refused.
struct HostileSizeTests {
    static func source(width: Int) -> String {
        """
        width d = \(width)
        state u[d] ~ normal(0, 1) seed 5
        ode u' = -u
        let energy = dot(u, u)/2
        claim "energy decays": monotone energy decreasing on [0, 1]
        """
    }

    @Test func aWideRandomStateKeepsOneDoublePerComponent() throws {
        let model = try Model(try DerivationParser.parse(Self.source(width: 1_000_000), file: "wide.phc"))
        guard case .normal(_, _, let draws) = model.initialValues["u"]! else {
            Issue.record("expected the draws of a normal initial value")
            return
        }
        #expect(draws.count == 1_000_000)
        // The same stream as at a small width: the first draws do not depend on the width.
        let small = try Model(try DerivationParser.parse(Self.source(width: 3), file: "small.phc"))
        guard case .normal(_, _, let first) = small.initialValues["u"]! else { return }
        #expect(Array(draws.prefix(3)) == first)
    }

    @Test func aWidthBeyondTheMachineIsRefusedNamingTheLimit() throws {
        let width = Model.maximumWidth + 1
        #expect {
            _ = try DerivationParser.parse(Self.source(width: width), file: "huge.phc")
        } throws: { error in
            let text = "\(error)"
            return text.contains("huge.phc:1:7") && text.contains("at most \(Model.maximumWidth)")
        }
    }
}
