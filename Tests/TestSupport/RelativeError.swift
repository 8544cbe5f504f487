import PhasecheckNumbers

/// |x - reference| / |reference|, the difference taken at 64 bits more than either operand (so that it is
/// exact), and the absolute error |x| when the reference is zero. The one measure of error the numeric
/// test targets share.
public func relativeError(_ x: BigFloat, _ reference: BigFloat) -> Double {
    let p = Swift.max(x.precision, reference.precision) + 64
    let difference = BigFloat.abs(x.rounded(toPrecision: p) - reference.rounded(toPrecision: p))
    return reference.isZero ? difference.doubleValue : (difference / BigFloat.abs(reference.rounded(toPrecision: p))).doubleValue
}

/// The same for doubles.
public func relativeError(_ x: Double, _ reference: Double) -> Double {
    reference == 0 ? Swift.abs(x) : Swift.abs((x - reference) / reference)
}
