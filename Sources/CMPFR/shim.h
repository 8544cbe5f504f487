#ifndef PHASECHECK_CMPFR_SHIM_H
#define PHASECHECK_CMPFR_SHIM_H
#include <stdlib.h>
#include <gmp.h>
#include <mpfr.h>
#include "kronecker.h"
#include "seriesdot.h"

/* GMP names its functions through object-like macros (mpq_add -> __gmpq_add), which Swift does not
   import; these inline wrappers give the rational operations Phasecheck uses stable Swift names. */
static inline void pc_mpq_init(mpq_ptr q) { mpq_init(q); }
static inline void pc_mpq_clear(mpq_ptr q) { mpq_clear(q); }
static inline void pc_mpq_set_si(mpq_ptr q, long n, unsigned long d) { mpq_set_si(q, n, d); mpq_canonicalize(q); }
/* Returns 0 on success; the string is "n" or "n/d" in base 10. The result is canonical. */
static inline int pc_mpq_set_str(mpq_ptr q, const char *s) {
    int status = mpq_set_str(q, s, 10);
    if (status == 0) {
        if (mpz_sgn(mpq_denref(q)) == 0) return -1;
        mpq_canonicalize(q);
    }
    return status;
}
static inline void pc_mpq_add(mpq_ptr r, mpq_srcptr a, mpq_srcptr b) { mpq_add(r, a, b); }
static inline void pc_mpq_sub(mpq_ptr r, mpq_srcptr a, mpq_srcptr b) { mpq_sub(r, a, b); }
static inline void pc_mpq_mul(mpq_ptr r, mpq_srcptr a, mpq_srcptr b) { mpq_mul(r, a, b); }
static inline void pc_mpq_div(mpq_ptr r, mpq_srcptr a, mpq_srcptr b) { mpq_div(r, a, b); }
static inline void pc_mpq_neg(mpq_ptr r, mpq_srcptr a) { mpq_neg(r, a); }
static inline void pc_mpq_set(mpq_ptr r, mpq_srcptr a) { mpq_set(r, a); }
static inline int pc_mpq_cmp(mpq_srcptr a, mpq_srcptr b) { return mpq_cmp(a, b); }
static inline int pc_mpq_sgn(mpq_srcptr a) { return mpq_sgn(a); }
static inline int pc_mpq_is_integer(mpq_srcptr a) { return mpz_cmp_ui(mpq_denref(a), 1) == 0; }
/* r = a^n for n >= 0 (numerator and denominator raised separately; stays canonical). */
static inline void pc_mpq_pow_ui(mpq_ptr r, mpq_srcptr a, unsigned long n) {
    mpz_pow_ui(mpq_numref(r), mpq_numref(a), n);
    mpz_pow_ui(mpq_denref(r), mpq_denref(a), n);
}
/* Whether numerator and denominator both fit a long; if so they are stored in *num and *den. */
static inline int pc_mpq_get_si(mpq_srcptr a, long *num, long *den) {
    if (!mpz_fits_slong_p(mpq_numref(a)) || !mpz_fits_slong_p(mpq_denref(a))) return 0;
    *num = mpz_get_si(mpq_numref(a));
    *den = mpz_get_si(mpq_denref(a));
    return 1;
}
/* Base-10 "n" or "n/d"; the caller frees the result with free(). */
static inline char *pc_mpq_get_str(mpq_srcptr a) { return mpq_get_str(NULL, 10, a); }
/* Number of bits of the numerator and of the denominator, for size limits on exact arithmetic. */
static inline size_t pc_mpq_bits(mpq_srcptr a) {
    return mpz_sizeinbase(mpq_numref(a), 2) + mpz_sizeinbase(mpq_denref(a), 2);
}
/* MPFR's default exponent range (about 2^±2^30, i.e. 10^±323228496) is far narrower than it allows, so
   values such as exp(4e9) overflowed to infinity and exp(-2e9) underflowed to zero. Phasecheck uses the
   widest range (2^±(2^62-1)). The range is thread-local (MPFR built with TLS), so every thread that computes
   calls this; it costs one thread-local test after the first call. */
static inline void pc_use_widest_exponent_range(void) {
    static _Thread_local int widened = 0;
    if (!widened) {
        mpfr_set_emin(mpfr_get_emin_min());
        mpfr_set_emax(mpfr_get_emax_max());
        widened = 1;
    }
}
#endif
