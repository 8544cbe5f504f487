import Foundation
import PhasecheckDerivations
import PhasecheckTestSupport
import Testing

/// The exact route of `invariant`, `rate`, `identity` and `ode follows from loss` (ExactIdentity): the bundled
/// conservation laws hold exactly, with no integration, and their planted twins still FAIL on the numeric route.
/// The twins are the bundled claims with one sign or factor changed; each is false, as the numeric route shows.
struct ExactRouteTests {
    /// The claim `name` of `file` (with `original` replaced by `planted` when given), checked at 20 digits.
    static func result(_ file: String, _ name: String, replacing original: String? = nil, with planted: String = "") throws -> ClaimResult {
        let text = try #require(original.map { Fixtures.text(file, replacing: $0, with: planted) } ?? Fixtures.text(file),
                                "\(file) no longer contains `\(original ?? "")`")
        let derivation = try DerivationParser.parse(text, file: file)
        let claim = try #require(derivation.claims.first { $0.name == name }, "no claim \"\(name)\" in \(file)")
        var options = VerifyOptions()
        options.digits = 20
        return Verifier(derivation: derivation, options: options).verify(claim)
    }

    static func isExact(_ r: ClaimResult) -> Bool { r.agreement?.atLeast == .infinity && r.detail.contains("exactly: ") }

    @Test(arguments: [
        ("derivations/saxe_deep_linear.phc", "the layers stay balanced",
         "invariant transpose(W32) @ W32 - W21 @ transpose(W21)", "invariant transpose(W32) @ W32 - 2*W21 @ transpose(W21)"),
        ("derivations/domine_lambda_balanced.phc", "the balancedness W2^T W2 - W1 W1^T is conserved",
         "invariant transpose(W2) @ W2 - W1 @ transpose(W1)", "invariant transpose(W2) @ W2 + W1 @ transpose(W1)"),
        ("derivations/xu_ziyin_linear_network.phc", "Q = u u^T/eta_u - w w^T/eta_w is conserved (column 1)",
         "invariant u*u[1]/eta_u - w*w[1]/eta_w", "invariant u*u[1]/eta_w - w*w[1]/eta_u"),
        ("derivations/kunin_single_neuron.phc", "R = a^2 - |w|^2 is conserved", "invariant R", "invariant R + a"),
        ("derivations/arora_depth3.phc", "W3^T W3 - W2 W2^T is conserved",
         "invariant transpose(W3) @ W3 - W2 @ transpose(W2)", "invariant transpose(W3) @ W3 - transpose(W2) @ W2"),
        ("derivations/xu_ziyin_linear_network.phc", "the function moves by the NTK: a' = -kappa K (a - astar)",
         "rate a == -kappa*K*(a - astar)", "rate a == -kappa*K*(a + astar)"),
        // A rate compares point by point: its flow divides by the state R (exact since session 12; sympy: dL/dQ - L_Q and
        // dL/dR - L_R expand to 0, Fixtures/meng_wang.mpmath.py generates L_Q and L_R as those partial derivatives).
        ("derivations/meng_wang_contrastive.phc", "L_Q and L_R are the partial derivatives of L",
         "rate L == L_Q*Qdot + L_R*Rdot", "rate L == L_Q*Qdot + 2*L_R*Rdot"),
        // A state its flow cannot move from its initial value (Q' is odd in Q); the twin starts off the line Q = 0.
        ("derivations/meng_wang_contrastive.phc", "Q = 0 is invariant", "scenario on_axis: Q = 0", "scenario on_axis: Q = 10^-3"),
    ])
    func bundledIdentitiesHoldExactlyAndTheirTwinsFail(file: String, name: String, original: String, planted: String) throws {
        let r = try Self.result(file, name)
        #expect(r.status == .holds, "\(r.detail)")
        #expect(Self.isExact(r), "\(r.detail)")
        let twin = try Self.result(file, name, replacing: original, with: planted)
        #expect(twin.status == .fails, "\(twin.detail)")
        #expect(!Self.isExact(twin))
    }

    /// A claim that holds only along the scenario's trajectory (it depends on the initial values) is not an
    /// identity in the free ring: it holds on the numeric route, not exactly.
    @Test(arguments: [
        ("derivations/kunin_get_rich_quick.phc", "K1: delta is conserved for any learning rates and target"),   // identity delta == delta0
        ("derivations/xu_ziyin_linear_network.phc", "one-dimensional reduction"),                               // rate with D0 and sqrt
    ])
    func claimsAlongTheTrajectoryOnlyGoTheNumericRoute(file: String, name: String) throws {
        let r = try Self.result(file, name)
        #expect(r.status == .holds, "\(r.detail)")
        #expect(!Self.isExact(r), "\(r.detail)")
    }
}
