/// The shapes (component counts) of many expressions over the same inputs, compiled into one growing tape
/// so that a subexpression shared between them is compiled once. Checking n `let`s that each use the
/// previous one costs O(n) this way, against O(n^2) with one tape per expression.
public struct ShapeChecker {
    private var builder: TapeBuilder

    /// - Parameter inputs: as for `Tape(compiling:inputs:)`.
    public init(inputs: [(name: String, length: Int?)]) { builder = TapeBuilder(inputs: inputs) }

    /// The number of components of `e`; throws `CompileError` as `Tape(compiling:inputs:)` does.
    public mutating func length(of e: Expr) throws -> Int { try builder.compile(e).count }
}
