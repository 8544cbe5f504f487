/// Which nodes are scalars whatever their symbols stand for.
///
/// A symbol may name a vector (its length comes from the context that compiles the tree), so a tree is
/// known to be scalar only when it is a number, a reduction (`dot`, `norm`, `sum`, `u[i]`) or a scalar
/// operation on known scalars. Rewrites that could shrink a vector to a scalar (`u^0 -> 1`) ask this first.
struct ScalarShapes {
    private var memo: [ObjectIdentifier: Bool] = [:]

    mutating func isScalar(_ e: Expr) -> Bool {
        if let known = memo[ObjectIdentifier(e)] { return known }
        var result: Bool
        switch e.kind {
        case .number, .dot, .norm, .sum, .index:
            result = true
        case .symbol, .vector:
            result = false
        case .add, .subtract, .multiply, .divide, .negate, .power, .function, .binaryFunction:
            result = true
            for argument in e.arguments where !isScalar(argument) {
                result = false
                break
            }
        }
        memo[ObjectIdentifier(e)] = result
        return result
    }
}
