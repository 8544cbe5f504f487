
/// `stationary P = expr` / `stationary P near expr`: a stationary state of the flow or the map, as
/// `fixedpoint` states it, reported with the Jacobian's spectrum there and the stability it gives.
public struct StationaryClaim: FixedPointDeclaration {
    public static let keyword = "stationary"
    package static let grammar = #""stationary" "# + FixedPointLocation.grammar
    package static let documentation = [
        #"| `stationary P = [...]`, `stationary P near [...]` | as `fixedpoint` (the same three forms), for the flow or the map; the report adds the eigenvalues of the Jacobian at the point (enclosed and proved simple, complex pairs as a +- b i) and the stability they give (stable or unstable node or focus, saddle) |"#,
    ]
    package static let allowsVectors = true
    package static let example = ClaimExample(
        file: "derivations/meng_wang_contrastive.phc", claim: #"the uninformative state (tau = 1/10, s2 = 0)"#,
        original: #"stationary uninformative1 near [0, 0.7099]"#, planted: #"stationary uninformative1 near [0, 0.7109] within 0.0005"#)

    public var location: FixedPointLocation

    public init(location: FixedPointLocation) { self.location = location }

    package func check(_ check: inout ClaimCheck) throws { try check.checkFixedPoint(location, reportingSpectrum: true) }
}
