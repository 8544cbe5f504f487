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

/* slot[0 .. L) = |N|, N = round(x 2^shift) (to nearest, ties away from zero), x nonzero and finite with |N| < 2^(64 L),
   read straight off x's limbs (x = M 2^(exp - 64 l), M its l-limb mantissa). */
static inline void pc_kronecker_round_into(mp_limb_t *slot, long L, mpfr_srcptr x, long shift) {
    long l = (long)((mpfr_get_prec(x) - 1) / GMP_NUMB_BITS + 1);
    const mp_limb_t *m = x->_mpfr_d;
    long sh = (long)mpfr_get_exp(x) - GMP_NUMB_BITS * l + shift;
    memset(slot, 0, sizeof(mp_limb_t) * (size_t)L);
    if (sh >= 0) {                                   /* exact: M 2^sh */
        long q = sh / GMP_NUMB_BITS;
        unsigned r = (unsigned)(sh % GMP_NUMB_BITS);
        if (r == 0) { memcpy(slot + q, m, sizeof(mp_limb_t) * (size_t)l); return; }
        mp_limb_t out = mpn_lshift(slot + q, m, l, r);
        if (q + l < L) slot[q + l] = out;
        return;
    }
    long d = -sh, q = d / GMP_NUMB_BITS;
    unsigned r = (unsigned)(d % GMP_NUMB_BITS);
    if (q > l || (q == l && r > 0)) return;          /* M < 2^(d - 1): rounds to 0 */
    if (q == l) { slot[0] = 1; return; }             /* 2^(d - 1) <= M < 2^d (M normalized): rounds to 1 */
    if (r > 0) mpn_rshift(slot, m + q, l - q, r);
    else memcpy(slot, m + q, sizeof(mp_limb_t) * (size_t)(l - q));
    /* floor(M / 2^d) plus bit d - 1 of M: round(M / 2^d), ties away from zero */
    mp_limb_t half = r > 0 ? (m[q] >> (r - 1)) & 1 : m[q - 1] >> (GMP_NUMB_BITS - 1);
    if (half) mpn_add_1(slot, slot, L, 1);
}

/* The n slots of L limbs hold |N[i]| with signs sign[i] (+1, -1, or 0 for N[i] = 0; with flipOdd, the odd ones negated); in place, they become the limbs of
   |sum_i N[i] 2^(64 L i)| (two's complement per slot with a borrow into the next, then the whole negated if it is
   negative). Returns the sign of the sum (+1 or -1; +1 for 0). Needs every |N[i]| < 2^(64 L). */
static inline int pc_kronecker_signed_digits(mp_limb_t *limbs, long n, long L, const signed char *sign, int flipOdd) {
    int borrow = 0;
    for (long i = 0; i < n; i++) {
        mp_limb_t *slot = limbs + i * L;
        int s = sign[i];
        if (flipOdd && (i & 1)) s = -s;
        if (s < 0) {                                 /* -|N| - borrow, stored as 2^(64 L) - (|N| + borrow) */
            if (borrow) mpn_add_1(slot, slot, L, 1);
            mpn_neg(slot, slot, L);
            borrow = 1;
        } else if (borrow) {                         /* |N| - 1, or 2^(64 L) - 1 with the borrow passed on */
            if (mpn_zero_p(slot, L)) { for (long j = 0; j < L; j++) slot[j] = ~(mp_limb_t)0; }
            else { mpn_sub_1(slot, slot, L, 1); borrow = 0; }
        }
    }
    if (!borrow) return 1;
    mpn_neg(limbs, limbs, n * L);                    /* the sum was (stored) - 2^(64 L n) */
    return -1;
}

/* out = sum_i N[i] 2^(64 slotLimbs i), N[i] = round(x[i] 2^(slope i + F - emax)) (to nearest, ties away), and, when
   `alternate` is not NULL, alternate = sum_i (-1)^i N[i] 2^(64 slotLimbs i) (the block evaluated at -2^(64 slotLimbs)),
   as views (mpz_roinit_n) of `space` (2 n slotLimbs limbs; n slotLimbs without `alternate`) and `sign` (n entries).
   Each |N[i]| <= 2^F must fit in a slot (F < 64 slotLimbs - 1). */
static inline void pc_kronecker_pack(mpz_ptr out, mpz_ptr alternate, mpfr_ptr const *x, long n, long slope, mpfr_exp_t emax, long F,
                                     long slotLimbs, mp_limb_t *space, signed char *sign) {
    long size = n * slotLimbs;
    for (long i = 0; i < n; i++) {
        mp_limb_t *slot = space + i * slotLimbs;
        if (mpfr_zero_p(x[i])) { memset(slot, 0, sizeof(mp_limb_t) * (size_t)slotLimbs); sign[i] = 0; continue; }
        pc_kronecker_round_into(slot, slotLimbs, x[i], (long)(-emax) + slope * i + F);
        sign[i] = mpn_zero_p(slot, slotLimbs) ? 0 : mpfr_sgn(x[i]) > 0 ? 1 : -1;
    }
    if (alternate) memcpy(space + size, space, sizeof(mp_limb_t) * (size_t)size);
    int s = pc_kronecker_signed_digits(space, n, slotLimbs, sign, 0);
    mpz_roinit_n(out, space, s * size);
    if (alternate) {
        int t = pc_kronecker_signed_digits(space + size, n, slotLimbs, sign, 1);
        mpz_roinit_n(alternate, space + size, t * size);
    }
}

/* acc[first + step j] += d_j 2^(exponent - slope (first + step j)) for the first `digits` signed digits d_j of z in
   slots of slotLimbs limbs (z = sum_j d_j 2^(64 slotLimbs j), every |d_j| < 2^(64 slotLimbs - 2)), for the indices
   below count; each acc rounded once at its own precision. The digits are read from the lowest up, a slot whose top
   bit is set (after the carry from below) being the negative digit slot - 2^(64 slotLimbs). `digit`: room for
   slotLimbs limbs; `term`: an mpfr_t of 64 slotLimbs bits, so that every digit is set exactly. */
static inline void pc_kronecker_unpack(mpfr_ptr const *acc, long count, mpz_srcptr z, long digits, long slotLimbs, long first,
                                       long step, mpfr_exp_t exponent, long slope, mp_limb_t *digit, mpfr_ptr term) {
    const mp_limb_t *read = mpz_limbs_read(z);
    long available = (long)mpz_size(z);
    int sign = mpz_sgn(z), carry = 0;
    mpz_t view;
    for (long j = 0, k = first; j < digits && k < count; j++, k += step) {
        long from = j * slotLimbs, present = available - from;
        if (present > slotLimbs) present = slotLimbs;
        if (present < 0) present = 0;
        if (present > 0) memcpy(digit, read + from, sizeof(mp_limb_t) * (size_t)present);
        memset(digit + present, 0, sizeof(mp_limb_t) * (size_t)(slotLimbs - present));
        if (carry && mpn_add_1(digit, digit, slotLimbs, 1)) continue;   /* 2^(64 slotLimbs): digit 0, carry 1 */
        int negative = (digit[slotLimbs - 1] >> (GMP_NUMB_BITS - 1)) != 0;
        carry = negative;
        if (negative) mpn_neg(digit, digit, slotLimbs);
        if (mpn_zero_p(digit, slotLimbs)) continue;
        mpfr_set_z_2exp(term, mpz_roinit_n(view, digit, (negative ? -sign : sign) * slotLimbs), exponent - slope * k, MPFR_RNDN);
        mpfr_add(acc[k], acc[k], term, MPFR_RNDN);
    }
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
    mpz_t x, y, z, scratch, xa, ya;
    mpz_inits(z, scratch, NULL);
    if (split < 0) split = slotLimbs * (na < nb ? nb : na) >= PC_KRONECKER_SPLIT_LIMBS;
    long half = (slotLimbs + 1) / 2, widest = (fa > fb ? fa : fb) + 1;
    if (half * GMP_NUMB_BITS < widest) half = (widest + GMP_NUMB_BITS - 1) / GMP_NUMB_BITS;
    long slot = split ? half : slotLimbs, width = split ? 2 * half : slotLimbs;
    /* Packed blocks (two evaluations each when split), their signs, one digit and its mpfr_t, taken before anything is
       added so that running out of memory adds nothing. */
    long packed = (split ? 2 : 1) * (na + nb) * slot;
    mp_limb_t *space = malloc(sizeof(mp_limb_t) * (size_t)(packed + width));
    signed char *signs = malloc((size_t)(na + nb));
    int failed = space == NULL || signs == NULL;
    if (!failed) {
        mp_limb_t *digit = space + packed;
        mpfr_t term;
        mpfr_init2(term, width * GMP_NUMB_BITS);
        mp_limb_t *bSpace = space + (split ? 2 : 1) * na * slot;
        pc_kronecker_pack(x, split ? xa : NULL, a, na, slope, amax, fa, slot, space, signs);
        if (!squaring) pc_kronecker_pack(y, split ? ya : NULL, b, nb, slope, bmax, fb, slot, bSpace, signs + na);
        if (!split) {
            mpz_mul(z, x, squaring ? x : y);
            pc_kronecker_unpack(acc, count, z, m, slotLimbs, 0, 1, exponent, slope, digit, term);
        } else {
            /* h = a b at 2^N and -2^N (N = 64 half, about half the slot): two integer products of half the size,
               h(2^N) + h(-2^N) = 2 sum_k c_2k 2^(2N k) and h(2^N) - h(-2^N) = 2^(N+1) sum_k c_(2k+1) 2^(2N k), whose
               digits of 2N >= W bits are read as above (Harvey 2009, "KS2"). */
            mpz_t odd;
            mpz_init(odd);
            mpz_mul(z, x, squaring ? x : y);
            mpz_mul(scratch, xa, squaring ? xa : ya);
            mpz_sub(odd, z, scratch);
            mpz_add(z, z, scratch);
            mpz_tdiv_q_2exp(z, z, 1);
            mpz_tdiv_q_2exp(odd, odd, (mp_bitcnt_t)(half * GMP_NUMB_BITS + 1));
            pc_kronecker_unpack(acc, count, z, (m + 1) / 2, 2 * half, 0, 2, exponent, slope, digit, term);
            pc_kronecker_unpack(acc, count, odd, m / 2, 2 * half, 1, 2, exponent, slope, digit, term);
            mpz_clear(odd);
        }
        mpfr_clear(term);
    }
    free(space);
    free(signs);
    mpz_clears(z, scratch, NULL);
    return failed;
}
#endif
