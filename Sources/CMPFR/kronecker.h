#ifndef PHASECHECK_CMPFR_KRONECKER_H
#define PHASECHECK_CMPFR_KRONECKER_H
#include <string.h>
#include <stdlib.h>
#include <gmp.h>
#include <mpfr.h>

/* Block products of Taylor series by Kronecker substitution, for the relaxed Cauchy products of
   PhasecheckDynamics (RelaxedProducts.swift): the polynomial product of two blocks of MPFR coefficients as
   one GMP integer product.

   Rounding: each coefficient x[i] of a block becomes the integer N[i] = round(x[i] 2^(F - Emax)), with
   Emax, Emin the largest and smallest exponents of the block's nonzero coefficients and
   F = bits + (Emax - Emin). So |N[i] 2^(Emax - F) - x[i]| <= 2^(Emax - F - 1) = 2^(Emin - bits - 1), at most
   2^-bits |x[i]| for every nonzero x[i] (zeros are exact). The integer product and its sums are exact, so
   each term a[i] b[j] enters with a relative error at most 2^(1 - bits) + 2^(-2 bits), and the only other
   rounding is the addition into the accumulator (at its precision): more accurate than summing rounded
   products term by term at `bits`. */

/* Largest and smallest exponent of the nonzero x[i] 2^(slope i); returns 0 if all are finite (nonzero: *any = 1). */
static inline int pc_kronecker_exponents(mpfr_ptr const *x, long n, long slope, mpfr_exp_t *emax, mpfr_exp_t *emin, int *any) {
    *any = 0;
    for (long i = 0; i < n; i++) {
        if (!mpfr_number_p(x[i])) return 1;
        if (mpfr_zero_p(x[i])) continue;
        mpfr_exp_t e = mpfr_get_exp(x[i]) + slope * i;
        if (!*any || e > *emax) *emax = e;
        if (!*any || e < *emin) *emin = e;
        *any = 1;
    }
    return 0;
}

/* out = sum_i N[i] 2^(64 slotLimbs i), N[i] = round(x[i] 2^(slope i + F - emax)) (to nearest, ties away). */
static inline void pc_kronecker_pack(mpz_ptr out, mpfr_ptr const *x, long n, long slope, mpfr_exp_t emax, long F, long slotLimbs,
                                     mpz_ptr positive, mpz_ptr negative, mpz_ptr z) {
    mp_limb_t *pos = mpz_limbs_write(positive, n * slotLimbs), *neg = mpz_limbs_write(negative, n * slotLimbs);
    memset(pos, 0, sizeof(mp_limb_t) * n * slotLimbs);
    memset(neg, 0, sizeof(mp_limb_t) * n * slotLimbs);
    for (long i = 0; i < n; i++) {
        if (mpfr_zero_p(x[i])) continue;
        mpfr_exp_t e = mpfr_get_z_2exp(z, x[i]);      /* x[i] = z 2^e exactly */
        int sign = mpz_sgn(z);
        mpz_abs(z, z);
        long shift = (long)(e - emax) + slope * i + F;
        if (shift >= 0) {
            mpz_mul_2exp(z, z, (mp_bitcnt_t)shift);
        } else {
            mp_bitcnt_t drop = (mp_bitcnt_t)(-shift);
            if (drop > mpz_sizeinbase(z, 2) + 1) { mpz_set_ui(z, 0); }
            else {
                mpz_t half;
                mpz_init(half);
                mpz_setbit(half, drop - 1);
                mpz_add(z, z, half);
                mpz_fdiv_q_2exp(z, z, drop);
                mpz_clear(half);
            }
        }
        size_t size = mpz_size(z);
        if (size == 0) continue;
        memcpy((sign > 0 ? pos : neg) + i * slotLimbs, mpz_limbs_read(z), sizeof(mp_limb_t) * size);
    }
    mpz_limbs_finish(positive, n * slotLimbs);
    mpz_limbs_finish(negative, n * slotLimbs);
    mpz_sub(out, positive, negative);
}

/* The decay of the coefficients, in bits per order, estimated from the first and last nonzero ones (0 when
   fewer than two are nonzero). */
static inline long pc_kronecker_decay(mpfr_ptr const *x, long n, int *found) {
    long first = -1, last = -1;
    for (long i = 0; i < n; i++) if (mpfr_regular_p(x[i])) { if (first < 0) first = i; last = i; }
    *found = last > first;
    if (!*found) return 0;
    return (long)(mpfr_get_exp(x[first]) - mpfr_get_exp(x[last])) / (last - first);
}

/* acc[m] += 2^doubling sum_{i+j=m} a[i] b[j] for m = 0 .. min(na + nb - 1, count) - 1, each acc[m] rounded once at its own
   precision (see the rounding note above; `bits` is the relative precision kept for every coefficient).
   Returns 0 on success; 1, with nothing added, when a coefficient is not finite or the exponents of the
   nonzero coefficients spread over more than maxSpread bits in the two blocks together (the caller then
   multiplies smaller blocks, or term by term). a == b with na == nb squares.
   Both blocks are first scaled by 2^(slope i) (x -> 2^slope x, exact), with slope the mean decay of their
   coefficients, so that geometrically decaying series spread over few bits; the digits are scaled back. */
static inline int pc_kronecker_addmul(mpfr_ptr const *acc, long count, mpfr_ptr const *a, long na, mpfr_ptr const *b, long nb,
                                      long bits, long maxSpread, long doubling) {
    mpfr_exp_t amax = 0, amin = 0, bmax = 0, bmin = 0;
    int anyA, anyB, foundA, foundB;
    long decayA = pc_kronecker_decay(a, na, &foundA), decayB = pc_kronecker_decay(b, nb, &foundB);
    long slope = foundA && foundB ? (decayA + decayB) / 2 : foundA ? decayA : decayB;
    if (pc_kronecker_exponents(a, na, slope, &amax, &amin, &anyA) || pc_kronecker_exponents(b, nb, slope, &bmax, &bmin, &anyB)) return 1;
    if (!anyA || !anyB) return 0;
    if ((amax - amin) + (bmax - bmin) > maxSpread) return 1;
    long fa = bits + (long)(amax - amin), fb = bits + (long)(bmax - bmin);
    /* |N| <= 2^F, so |sum N M| <= min(na, nb) 2^(fa + fb) < 2^(W - 1) with W = fa + fb + log2 + 2. */
    long shortest = na < nb ? na : nb, lg = 0;
    while ((1L << lg) <= shortest) lg++;
    long slotLimbs = (fa + fb + lg + 2 + GMP_NUMB_BITS - 1) / GMP_NUMB_BITS;
    long width = slotLimbs * GMP_NUMB_BITS;
    mpz_t x, y, positive, negative, z;
    mpz_inits(x, y, positive, negative, z, NULL);
    pc_kronecker_pack(x, a, na, slope, amax, fa, slotLimbs, positive, negative, z);
    int squaring = a == b && na == nb;
    if (!squaring) pc_kronecker_pack(y, b, nb, slope, bmax, fb, slotLimbs, positive, negative, z);
    mpz_mul(z, x, squaring ? x : y);
    /* Add 2^(W - 1) to every digit so that all digits are in [0, 2^W) and can be read off the limbs. */
    long m = na + nb - 1;
    mp_limb_t *bias = mpz_limbs_write(positive, m * slotLimbs);
    memset(bias, 0, sizeof(mp_limb_t) * m * slotLimbs);
    for (long k = 0; k < m; k++) bias[k * slotLimbs + slotLimbs - 1] = (mp_limb_t)1 << (GMP_NUMB_BITS - 1);
    mpz_limbs_finish(positive, m * slotLimbs);
    mpz_add(z, z, positive);
    mpz_set_ui(negative, 0);
    mpz_setbit(negative, (mp_bitcnt_t)(width - 1));
    const mp_limb_t *digits = mpz_limbs_read(z);
    long available = (long)mpz_size(z);
    mp_limb_t *digit = malloc(sizeof(mp_limb_t) * slotLimbs);
    mpfr_t term;
    mpfr_init2(term, width);
    mpz_t view;
    for (long k = 0; k < m && k < count; k++) {
        long from = k * slotLimbs, count = available - from;
        if (count > slotLimbs) count = slotLimbs;
        if (count < 0) count = 0;
        memset(digit, 0, sizeof(mp_limb_t) * slotLimbs);
        if (count > 0) memcpy(digit, digits + from, sizeof(mp_limb_t) * count);
        mpz_sub(y, mpz_roinit_n(view, digit, slotLimbs), negative);
        if (mpz_sgn(y) == 0) continue;
        mpfr_set_z_2exp(term, y, (amax - fa) + (bmax - fb) + doubling - slope * k, MPFR_RNDN);   /* exact: |y| < 2^(W-1) */
        mpfr_add(acc[k], acc[k], term, MPFR_RNDN);
    }
    mpfr_clear(term);
    free(digit);
    mpz_clears(x, y, positive, negative, z, NULL);
    return 0;
}
#endif
