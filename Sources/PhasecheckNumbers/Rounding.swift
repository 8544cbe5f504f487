import CMPFR

/// The rounding direction of one operation (MPFR's `mpfr_rnd_t` stays inside this module).
public enum Rounding: Sendable {
    /// To nearest, ties to even: the correctly rounded result.
    case toNearest
    /// Toward minus infinity (lower bounds of enclosures).
    case down
    /// Toward plus infinity (upper bounds of enclosures).
    case up
    case towardZero

    @inlinable package var mpfr: mpfr_rnd_t {
        switch self {
        case .toNearest: return MPFR_RNDN
        case .down: return MPFR_RNDD
        case .up: return MPFR_RNDU
        case .towardZero: return MPFR_RNDZ
        }
    }
}
