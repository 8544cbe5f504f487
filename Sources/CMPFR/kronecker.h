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

/* out = sum_i N[i] 2^(64 slotLimbs i), N[i] = round(x[i] 2^(slope i + F - emax)) (to nearest, ties away), and, when
   `alternate` is not NULL, alternate = sum_i (-1)^i N[i] 2^(64 slotLimbs i) (the block evaluated at -2^(64 slotLimbs)).
   Each |N[i]| <= 2^F must fit in a slot (F < 64 slotLimbs). Returns 0, or 1 (out untouched) when memory runs out. */
static inline int pc_kronecker_pack(mpz_ptr out, mpz_ptr alternate, mpfr_ptr const *x, long n, long slope, mpfr_exp_t emax, long F,
                                     long slotLimbs, mpz_ptr z) {
    long size = n * slotLimbs;
    mp_limb_t *pos = calloc((size_t)size, sizeof(mp_limb_t)), *neg = calloc((size_t)size, sizeof(mp_limb_t));
    if (!pos || !neg) { free(pos); free(neg); return 1; }
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
        size_t used = mpz_size(z);
        if (used == 0) continue;
        memcpy((sign > 0 ? pos : neg) + i * slotLimbs, mpz_limbs_read(z), sizeof(mp_limb_t) * used);
    }
    mpz_t positive, negative;
    mpz_sub(out, mpz_roinit_n(positive, pos, size), mpz_roinit_n(negative, neg, size));
    if (alternate) {
        /* A slot is in at most one of the two arrays: exchanging the odd slots negates the odd coefficients. */
        for (long i = 1; i < n; i += 2) {
            for (long l = i * slotLimbs; l < (i + 1) * slotLimbs; l++) { mp_limb_t t = pos[l]; pos[l] = neg[l]; neg[l] = t; }
        }
        mpz_sub(alternate, mpz_roinit_n(positive, pos, size), mpz_roinit_n(negative, neg, size));
    }
    free(pos);
    free(neg);
    return 0;
}

/* acc[first + step j] += d_j 2^(exponent - slope (first + step j)) for the first `digits` signed digits d_j of z in
   slots of slotLimbs limbs (z = sum_j d_j 2^(64 slotLimbs j), every |d_j| < 2^(64 slotLimbs - 2)), for the indices
   below count; each acc rounded once at its own precision. `digit`: room for slotLimbs limbs. */
static inline void pc_kronecker_unpack(mpfr_ptr const *acc, long count, mpz_ptr z, long digits, long slotLimbs, long first,
                                       long step, mpfr_exp_t exponent, long slope, mp_limb_t *digit) {
    if (digits <= 0) return;   /* nothing to read (and mpz_limbs_write needs a positive size) */
    long width = slotLimbs * GMP_NUMB_BITS;
    mpz_t bias, offset, d, view;
    mpz_inits(bias, offset, d, NULL);
    /* Add 2^(W - 1) to every digit so that all digits are in [0, 2^W) and can be read off the limbs. */
    mp_limb_t *limbs = mpz_limbs_write(bias, digits * slotLimbs);
    memset(limbs, 0, sizeof(mp_limb_t) * digits * slotLimbs);
    for (long j = 0; j < digits; j++) limbs[j * slotLimbs + slotLimbs - 1] = (mp_limb_t)1 << (GMP_NUMB_BITS - 1);
    mpz_limbs_finish(bias, digits * slotLimbs);
    mpz_add(z, z, bias);
    mpz_setbit(offset, (mp_bitcnt_t)(width - 1));
    const mp_limb_t *read = mpz_limbs_read(z);
    long available = (long)mpz_size(z);
    mpfr_t term;
    mpfr_init2(term, width);
    for (long j = 0, k = first; j < digits && k < count; j++, k += step) {
        long from = j * slotLimbs, present = available - from;
        if (present > slotLimbs) present = slotLimbs;
        if (present < 0) present = 0;
        memset(digit, 0, sizeof(mp_limb_t) * slotLimbs);
        if (present > 0) memcpy(digit, read + from, sizeof(mp_limb_t) * present);
        mpz_sub(d, mpz_roinit_n(view, digit, slotLimbs), offset);
        if (mpz_sgn(d) == 0) continue;
        mpfr_set_z_2exp(term, d, exponent - slope * k, MPFR_RNDN);   /* exact: |d| < 2^(W-1) */
        mpfr_add(acc[k], acc[k], term, MPFR_RNDN);
    }
    mpfr_clear(term);
    mpz_clears(bias, offset, d, NULL);
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

/* Block products whose larger operand packs into at least this many limbs are split in two at +-2^N (see
   pc_kronecker_addmul): GMP's multiplication is subquadratic, so two products of half the size cost less than one
   (1.01-1.29x at 400-3450 bits and sides 8-512, Benchmarks/README.md, but 0.85x at 2600 bits side 256 and 0.87-0.91x
   at 700 bits side 512, where a half-size product lands on a slow GMP FFT size; below about 128 limbs the gain is lost). */
#define PC_KRONECKER_SPLIT_LIMBS 128

/* acc[m] += 2^doubling sum_{i+j=m} a[i] b[j] for m = 0 .. min(na + nb - 1, count) - 1, each acc[m] rounded once at its own
   precision (see the rounding note above; `bits` is the relative precision kept for every coefficient).
   Returns 0 on success; 1, with nothing added, when a coefficient is not finite, the exponents of the
   nonzero coefficients spread over more than maxSpread bits in the two blocks together, or memory runs out (the caller then
   multiplies smaller blocks, or term by term). a == b with na == nb squares. `split`: 1 evaluates the blocks at
   2^N and -2^N (two integer products of about half the size), 0 at 2^W only (one product), -1 by the size
   (PC_KRONECKER_SPLIT_LIMBS); the digits added are the same exact sums either way.
   Both blocks are first scaled by 2^(slope i) (x -> 2^slope x, exact), with slope the mean decay of their
   coefficients, so that geometrically decaying series spread over few bits; the digits are scaled back. */
static inline int pc_kronecker_addmul(mpfr_ptr const *acc, long count, mpfr_ptr const *a, long na, mpfr_ptr const *b, long nb,
                                      long bits, long maxSpread, long doubling, int split) {
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
    mpfr_exp_t exponent = (amax - fa) + (bmax - fb) + doubling;
    long m = na + nb - 1;
    int squaring = a == b && na == nb;
    mpz_t x, y, z, scratch;
    mpz_inits(x, y, z, scratch, NULL);
    if (split < 0) split = slotLimbs * (na < nb ? nb : na) >= PC_KRONECKER_SPLIT_LIMBS;
    long half = (slotLimbs + 1) / 2, widest = (fa > fb ? fa : fb) + 1;
    if (half * GMP_NUMB_BITS < widest) half = (widest + GMP_NUMB_BITS - 1) / GMP_NUMB_BITS;
    /* One digit's scratch, taken before anything is added so that running out of memory adds nothing. */
    mp_limb_t *digit = malloc(sizeof(mp_limb_t) * (size_t)(split ? 2 * half : slotLimbs));
    int failed = digit == NULL;
    if (!failed && !split) {
        failed = pc_kronecker_pack(x, NULL, a, na, slope, amax, fa, slotLimbs, scratch)
              || (!squaring && pc_kronecker_pack(y, NULL, b, nb, slope, bmax, fb, slotLimbs, scratch));
        if (!failed) {
            mpz_mul(z, x, squaring ? x : y);
            pc_kronecker_unpack(acc, count, z, m, slotLimbs, 0, 1, exponent, slope, digit);
        }
    } else if (!failed) {
        /* h = a b at 2^N and -2^N (N = 64 half, about half the slot): two integer products of half the size,
           h(2^N) + h(-2^N) = 2 sum_k c_2k 2^(2N k) and h(2^N) - h(-2^N) = 2^(N+1) sum_k c_(2k+1) 2^(2N k), whose
           digits of 2N >= W bits are read as above (Harvey 2009, "KS2"). */
        mpz_t xa, ya;
        mpz_inits(xa, ya, NULL);
        failed = pc_kronecker_pack(x, xa, a, na, slope, amax, fa, half, scratch)
              || (!squaring && pc_kronecker_pack(y, ya, b, nb, slope, bmax, fb, half, scratch));
        if (!failed) {
            mpz_mul(z, x, squaring ? x : y);
            mpz_mul(scratch, xa, squaring ? xa : ya);
            mpz_sub(x, z, scratch);
            mpz_add(z, z, scratch);
            mpz_tdiv_q_2exp(z, z, 1);
            mpz_tdiv_q_2exp(x, x, (mp_bitcnt_t)(half * GMP_NUMB_BITS + 1));
            pc_kronecker_unpack(acc, count, z, (m + 1) / 2, 2 * half, 0, 2, exponent, slope, digit);
            pc_kronecker_unpack(acc, count, x, m / 2, 2 * half, 1, 2, exponent, slope, digit);
        }
        mpz_clears(xa, ya, NULL);
    }
    free(digit);
    mpz_clears(x, y, z, scratch, NULL);
    return failed;
}
#endif
