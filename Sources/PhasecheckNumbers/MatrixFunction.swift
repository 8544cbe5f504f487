/// The functions of a whole square matrix (as opposed to entrywise functions) that expressions can name.
///
/// The raw value is the name used in the expression language (`det(A)`, `powm(A, p)`). `det` gives a
/// scalar, the others an n x n matrix; `sqrtm` and `powm` are defined for symmetric positive definite
/// arguments only. `dpowm(A, p, E)` is the derivative of `powm` at A along the direction E,
/// d/ds powm(A + s E, p) at s = 0 (the Fréchet derivative, what `diff` of `sqrtm` and `powm` gives);
/// `dexpm(A, E)` likewise of `expm`, d/ds expm(A + s E) at s = 0.
public enum MatrixFunction: String, Sendable, CaseIterable, Hashable {
    case det, inv, expm, sqrtm, powm, dpowm, dexpm

    /// Whether the function takes a scalar exponent after the matrix (`powm(A, p)`, `dpowm(A, p, E)`).
    public var takesExponent: Bool { self == .powm || self == .dpowm }
    /// How many n x n matrices it reads: 2 for `dpowm` and `dexpm` (the point A, then the direction E).
    public var matrixOperandCount: Int { self == .dpowm || self == .dexpm ? 2 : 1 }
    /// The argument that is the direction E (after powm's exponent), for the functions with one.
    public var directionIndex: Int? { matrixOperandCount > 1 ? (takesExponent ? 2 : 1) : nil }
    /// Whether the value is a scalar rather than an n x n matrix.
    public var isScalarValued: Bool { self == .det }
}
