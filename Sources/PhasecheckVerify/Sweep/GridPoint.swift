import PhasecheckNumbers

/// Points of a grid numbered 0..<count, the first axis varying slowest: one numbering for the width-exponent
/// and the parameter sweeps, so shards and reports of both agree.
enum GridPoint {
    /// The coordinates of point `index` over axes that take `axisValues`.
    static func coordinates(of index: Int, axisValues: [[BigRational]]) -> [BigRational] {
        var rest = index
        var result = [BigRational](repeating: 0, count: axisValues.count)
        for i in axisValues.indices.reversed() {
            result[i] = axisValues[i][rest % axisValues[i].count]
            rest /= axisValues[i].count
        }
        return result
    }
}
