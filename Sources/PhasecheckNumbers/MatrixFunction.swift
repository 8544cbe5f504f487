/// The functions of a whole square matrix (as opposed to entrywise functions) that expressions can name.
///
/// The raw value is the name used in the expression language (`det(A)`, `powm(A, p)`). `det` gives a
/// scalar, the others an n x n matrix; `sqrtm` and `powm` are defined for symmetric positive definite
/// arguments only.
public enum MatrixFunction: String, Sendable, CaseIterable, Hashable {
    case det, inv, expm, sqrtm, powm

    /// Whether the function takes a scalar exponent after the matrix (`powm(A, p)`).
    public var takesExponent: Bool { self == .powm }
    /// Whether the value is a scalar rather than an n x n matrix.
    public var isScalarValued: Bool { self == .det }
}
