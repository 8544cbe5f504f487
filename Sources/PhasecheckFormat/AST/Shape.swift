/// The shape of a value once the width is known: a scalar or a vector of n components. Matrices
/// (`matrix(m, n)`) join when expressions support them; code that needs the number of components asks
/// `count`, and the tape and integrator, which take a vector length or nil, ask `length`.
public enum Shape: Sendable, Equatable, CustomStringConvertible {
    case scalar
    case vector(Int)

    /// The number of components (1 for a scalar).
    public var count: Int {
        switch self {
        case .scalar: return 1
        case .vector(let n): return n
        }
    }

    /// The vector length, nil for a scalar (how `Tape` and `ODESystem` declare their inputs).
    public var length: Int? {
        switch self {
        case .scalar: return nil
        case .vector(let n): return n
        }
    }

    public var description: String {
        switch self {
        case .scalar: return "scalar"
        case .vector(let n): return "vector of length \(n)"
        }
    }
}
