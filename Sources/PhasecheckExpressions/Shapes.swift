import PhasecheckNumbers

/// Which nodes are scalars whatever their symbols stand for.
///
/// A symbol may name a vector (its length comes from the context that compiles the tree), so a tree is
/// known to be scalar only when it is a number, `pi`, a symbol the caller declared scalar, a reduction
/// (`dot`, `norm`, `sum`, `trace`, `u[i]`, `W[i, j]`) or a scalar operation on known scalars. Rewrites that could shrink a
/// vector to a scalar (`u^0 -> 1`, `0*u -> 0`) ask this first.
struct ScalarShapes {
    let scalarSymbols: Set<String>
    private var memo: [ObjectIdentifier: Bool] = [:]

    init(scalarSymbols: Set<String> = []) { self.scalarSymbols = scalarSymbols }

    mutating func isScalar(_ e: Expr) -> Bool {
        if let known = memo[ObjectIdentifier(e)] { return known }
        for node in Expr.postorder(from: [e], skipping: { memo[ObjectIdentifier($0)] != nil }) {
            let result: Bool
            switch node.kind {
            case .number, .dot, .norm, .sum, .index, .trace:
                result = true
            case .symbol(let name):
                result = name == ReservedSymbols.pi || scalarSymbols.contains(name)
            case .vector, .matmul, .identity, .zeros, .diag, .outer, .row, .column:
                result = false
            case .matrixFunction(let f):
                result = f.isScalarValued
            case .add, .subtract, .multiply, .divide, .negate, .power, .function, .binaryFunction, .transpose:
                result = node.arguments.allSatisfy { memo[ObjectIdentifier($0)]! }
            }
            memo[ObjectIdentifier(node)] = result
        }
        return memo[ObjectIdentifier(e)]!
    }
}
