import CMPFR

extension BigFloat {
    /// The MPFR routine computing `f`, each correctly rounded.
    @inlinable package static func mpfrFunction(_ f: ElementaryFunction) -> MPFRUnary {
        switch f {
        case .sqrt: return mpfr_sqrt
        case .cbrt: return mpfr_cbrt
        case .exp: return mpfr_exp
        case .expm1: return mpfr_expm1
        case .log: return mpfr_log
        case .log1p: return mpfr_log1p
        case .sin: return mpfr_sin
        case .cos: return mpfr_cos
        case .tan: return mpfr_tan
        case .asin: return mpfr_asin
        case .acos: return mpfr_acos
        case .atan: return mpfr_atan
        case .sinh: return mpfr_sinh
        case .cosh: return mpfr_cosh
        case .tanh: return mpfr_tanh
        case .asinh: return mpfr_asinh
        case .acosh: return mpfr_acosh
        case .atanh: return mpfr_atanh
        case .abs: return mpfr_abs
        case .erf: return mpfr_erf
        case .erfc: return mpfr_erfc
        case .sign:
            return { r, x, _ in
                if mpfr_nan_p(x) != 0 { mpfr_set_nan(r); return 0 }
                return mpfr_set_si(r, mpfr_zero_p(x) != 0 ? 0 : mpfr_signbit(x) != 0 ? -1 : 1, MPFR_RNDN)
            }
        }
    }

    /// The MPFR routine computing a two-argument function (`atan2` takes y first, as in C). `min` and
    /// `max` return NaN when either argument is NaN, as the Double fast path and intervals do (MPFR's own
    /// `mpfr_min` would return the other argument). `atan2` reads a zero as +0: over the reals there is no signed
    /// zero, so atan2(0, x < 0) is pi (as the width-limit expansion and intervals take it), not MPFR's -pi for
    /// a -0 that `-(g - g)` produces.
    @inlinable package static func mpfrFunction(_ f: BinaryFunction) -> MPFRBinary {
        switch f {
        case .pow: return mpfr_pow
        case .atan2:
            return { r, y, x, rounding in
                guard mpfr_zero_p(y) != 0, mpfr_nan_p(x) == 0 else { return mpfr_atan2(r, y, x, rounding) }
                if mpfr_zero_p(x) == 0, mpfr_signbit(x) != 0 { return mpfr_const_pi(r, rounding) }
                mpfr_set_zero(r, 1)
                return 0
            }
        case .min: return { r, a, b, rnd in nanPropagating(mpfr_min, r, a, b, rnd) }
        case .max: return { r, a, b, rnd in nanPropagating(mpfr_max, r, a, b, rnd) }
        }
    }

    @inlinable static func nanPropagating(_ op: MPFRBinary, _ r: UnsafeMutablePointer<__mpfr_struct>,
                                          _ a: UnsafePointer<__mpfr_struct>, _ b: UnsafePointer<__mpfr_struct>,
                                          _ rounding: mpfr_rnd_t) -> Int32 {
        if mpfr_nan_p(a) != 0 || mpfr_nan_p(b) != 0 {
            mpfr_set_nan(r)
            return 0
        }
        return op(r, a, b, rounding)
    }
}
