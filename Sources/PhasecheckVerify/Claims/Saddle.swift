import PhasecheckDynamics

/// `saddle at P`: the fixed point P (declared by a `fixedpoint` or `stationary` claim) is a saddle (eigenvalues on both sides, none on the boundary).
public struct SaddleClaim: StabilityClaim {
    package static let expected = LinearStability.Stability.saddle
    package static let documentation = [
        #"| `saddle at P` | some eigenvalues of the Jacobian at P lie on each side (real part above and below 0 for a flow, modulus above and below 1 for a map), none on the boundary, counted as for `stable` |"#,
    ]
    package static let example = ClaimExample(
        file: "derivations/meng_wang_contrastive.phc", claim: #"the uninformative state is a saddle (tau = 1/10, s2 = 0)"#,
        original: #"saddle at uninformative1"#, planted: #"saddle at informative1"#)

    public var point: String

    public init(point: String) { self.point = point }
}
