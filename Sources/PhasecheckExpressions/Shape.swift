/// The shape of a value: a scalar, a vector of n components, or an m x n matrix. Values of every shape
/// are unrolled to scalar registers when compiled (matrices row-major), so code that needs the number of
/// components asks `count`.
public enum Shape: Sendable, Hashable, CustomStringConvertible {
    case scalar
    case vector(Int)
    /// Rows, then columns.
    case matrix(Int, Int)

    /// The number of components (1 for a scalar).
    public var count: Int {
        switch self {
        case .scalar: return 1
        case .vector(let n): return n
        case .matrix(let m, let n): return m * n
        }
    }

    /// The shape of a vector input declared by its length (nil for a scalar), as older callers declare them.
    public init(length: Int?) { self = length.map { .vector($0) } ?? .scalar }

    public var isMatrix: Bool {
        if case .matrix = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .scalar: return "scalar"
        case .vector(let n): return "vector of length \(n)"
        case .matrix(let m, let n): return "\(m)x\(n) matrix"
        }
    }

    /// The shape as an error message names a value of it: `a scalar`, `a 4-vector`, `a 4x3 matrix`.
    public var phrase: String {
        switch self {
        case .scalar: return "a scalar"
        case .vector(let n): return "a \(n)-vector"
        case .matrix(let m, let n): return "a \(m)x\(n) matrix"
        }
    }

    /// How reports name component `c` (0-based, row-major): `3` for a vector, `(2,3)` for a matrix.
    public func componentLabel(_ c: Int) -> String {
        if case .matrix(_, let n) = self { return "(\(c / n + 1),\(c % n + 1))" }
        return "\(c + 1)"
    }
}
