import PhasecheckDynamics

/// `stable at P`: the fixed point P (declared by a `fixedpoint` or `stationary` claim) is asymptotically stable (every eigenvalue on the stable side).
public struct StableClaim: StabilityClaim {
    package static let expected = LinearStability.Stability.stable
    package static let documentation = [
        #"| `stable at P` | every eigenvalue of the Jacobian at P (symbolic derivatives, evaluated in interval arithmetic over the enclosure of P) has negative real part (a flow) or modulus below 1 (a map): the Routh-Hurwitz test (the first column of the Routh array, the ratios of successive Hurwitz determinants, has no sign change) or the Schur-Cohn test (Marden's products all positive) on the characteristic polynomial. FAILS when some eigenvalue certainly lies on the unstable side; undecided when one may lie on the boundary (the imaginary axis, the unit circle), where linearisation decides nothing |"#,
    ]
    package static let example = ClaimExample(
        file: "derivations/meng_wang_contrastive.phc", claim: #"the informative state is stable (tau = 1/10, s2 = 0)"#,
        original: #"stable at informative1"#, planted: #"stable at uninformative1"#)

    public var point: String

    public init(point: String) { self.point = point }
}
