
/// `fixedpoint P = expr`, `fixedpoint P = expr digits k`, `fixedpoint P near expr [within r]`: a fixed
/// point of the flow (or of the map, for a file that iterates), named for the stability claims.
public struct FixedPointClaim: FixedPointDeclaration {
    public static let keyword = "fixedpoint"
    package static let grammar = #""fixedpoint" "# + FixedPointLocation.grammar
    package static let documentation = [
        #"| `fixedpoint P = [x1, ..., xn]` | the vector field (for a file that iterates: the map minus the identity) vanishes at the point, one coordinate per state in declaration order (a vector or matrix state gives its entries, row-major): each component compared with 0 in interval arithmetic, judged against the scale of what cancelled (the agreement rule). The flow is the `ode` lines or the gradient flow; a file with `map` lines or `descent steps` has a map, except that a file with noise and `ode` lines has its flow (the mean field of the noisy map). Autonomous dynamics only. The name P is what `stable at P` and the other claims about the point refer to |"#,
        #"| `fixedpoint P = [...] digits k` | the only fixed point in the box of half-width two units in the k-th significant digit of the largest coordinate around the point (found by subdivision and the Krawczyk test) rounds to the given coordinates at k significant digits (a coordinate given as 0 must be below half a unit in the k-th digit of the largest). FAILS when the box holds no fixed point or a coordinate certainly rounds otherwise |"#,
        #"| `fixedpoint P near [...] [within r]` | exactly one fixed point lies in the box around the approximation (half-width r, by default max(\|xi\|, 1)/1000): every part of the box is either excluded (the field cannot vanish there, or the Krawczyk operator maps it outside itself) or holds one proved-unique zero. It holds when exactly one is found and is reported to the digits asked; FAILS when the search is complete and finds none or several; undecided when part of the box stays undecided (a multiple or non-isolated fixed point) |"#,
    ]
    package static let allowsVectors = true
    package static let example = ClaimExample(
        file: "derivations/meng_wang_contrastive.phc", claim: #"the informative fixed point (tau = 1/10, s2 = 0)"#,
        original: #"fixedpoint informative1 near [0.6723, 0.5663]"#, planted: #"fixedpoint informative1 near [0.6733, 0.5653] within 0.0005"#)

    public var location: FixedPointLocation

    public init(location: FixedPointLocation) { self.location = location }

    package func check(_ check: inout ClaimCheck) throws { try check.checkFixedPoint(location, reportingSpectrum: false) }
}
