import PhasecheckDynamics

/// `unstable at P`: the fixed point P (declared by a `fixedpoint` or `stationary` claim) is unstable (some eigenvalue on the unstable side).
public struct UnstableClaim: StabilityClaim {
    package static let expected = LinearStability.Stability.unstable
    package static let documentation = [
        #"| `unstable at P` | at least one eigenvalue of the Jacobian at P has positive real part (a flow) or modulus above 1 (a map), counted as for `stable` (a saddle is unstable too) |"#,
    ]
    package static let example = ClaimExample(
        file: "derivations/meng_wang_contrastive.phc", claim: #"the uninformative state is unstable (tau = 1/10, s2 = 0)"#,
        original: #"unstable at uninformative1"#, planted: #"unstable at informative1"#)

    public var point: String

    public init(point: String) { self.point = point }
}
