#ifndef PHASECHECK_CMPFR_SERIESDOT_H
#define PHASECHECK_CMPFR_SERIESDOT_H
#include <gmp.h>
#include <mpfr.h>

/* The Taylor coefficient of order k of a sum of products of series, sum_m a_m(t) b_m(t): the sum over m and
   j = 0..k of slot(a[m] + j) slot(b[m] + k - j), for the fused matrix products of PhasecheckDynamics
   (TaylorMatrixOperations.swift). A matrix product unrolls every entry to such a sum of n products, which
   term by term costs an MPFR multiplication and an MPFR addition (each rounded, each with its thread-local
   state) per pair: here every product of mantissas is exact (mpn_mul) and added into one fixed-point
   accumulator, and the sum is rounded once.

   Rounding: with Emax the largest exponent bound ex + ey of the nonzero products (|x y| < 2^(ex+ey)), the
   accumulator's unit is 2^L, L = Emax - prec(r) - 64 - log2(N) for N nonzero products; each product is
   truncated to a multiple of 2^L, so the sum before its one rounding is off by less than
   N 2^L <= 2^(Emax - prec(r) - 64): below one unit in the last place of the largest term, 2^-64 of it, where
   summing rounded products term by term errs by up to N half units in the last place of the partial sums.

   Returns 0 on success; 1, with r untouched, when an operand is not a finite number or its exponent is
   beyond 2^60 in magnitude, or the accumulator would exceed PC_SERIES_DOT_MAX_LIMBS (the caller then sums
   term by term). */
#define PC_SERIES_DOT_MAX_LIMBS 512

static inline long pc_series_dot_limbs(mpfr_srcptr x) { return (long)((x->_mpfr_prec - 1) / GMP_NUMB_BITS + 1); }

/* Products of up to PC_SERIES_DOT_SMALL limbs in all are inlined (GMP's calls cost more than their work there). */
#define PC_SERIES_DOT_SMALL 8

/* p[0 .. lx + ly) = x y, schoolbook (the common sizes with constant bounds, which the compiler unrolls). */
static inline void pc_series_dot_mul_any(mp_limb_t *p, const mp_limb_t *x, long lx, const mp_limb_t *y, long ly);
static inline void pc_series_dot_mul_small(mp_limb_t *p, const mp_limb_t *x, long lx, const mp_limb_t *y, long ly) {
    if (lx == 2 && ly == 2) pc_series_dot_mul_any(p, x, 2, y, 2);
    else if (lx == 3 && ly == 3) pc_series_dot_mul_any(p, x, 3, y, 3);
    else if (lx == 4 && ly == 4) pc_series_dot_mul_any(p, x, 4, y, 4);
    else pc_series_dot_mul_any(p, x, lx, y, ly);
}
__attribute__((always_inline)) static inline void pc_series_dot_mul_any(mp_limb_t *p, const mp_limb_t *x, long lx, const mp_limb_t *y, long ly) {
    for (long i = 0; i < lx + ly; i++) p[i] = 0;
    for (long i = 0; i < lx; i++) {
        unsigned __int128 carry = 0;
        for (long j = 0; j < ly; j++) {
            carry += (unsigned __int128)x[i] * y[j] + p[i + j];
            p[i + j] = (mp_limb_t)carry;
            carry >>= GMP_NUMB_BITS;
        }
        p[i + ly] = (mp_limb_t)carry;
    }
}

/* acc[0 .. size) += floor(p[0 .. n) 2^-bits) (0 <= bits < 64; the sum fits). */
static inline void pc_series_dot_add_truncated(mp_limb_t *acc, long size, const mp_limb_t *p, long n, unsigned bits) {
    unsigned __int128 carry = 0;
    long i = 0;
    for (; i < n; i++) {
        mp_limb_t limb = bits == 0 ? p[i] : (p[i] >> bits) | (i + 1 < n ? p[i + 1] << (GMP_NUMB_BITS - bits) : 0);
        carry += (unsigned __int128)acc[i] + limb;
        acc[i] = (mp_limb_t)carry;
        carry >>= GMP_NUMB_BITS;
    }
    for (; carry != 0 && i < size; i++) {
        carry += acc[i];
        acc[i] = (mp_limb_t)carry;
        carry >>= GMP_NUMB_BITS;
    }
}

/* acc[0 .. size) += p[0 .. n) 2^bits (0 <= bits < 64; the sum fits). */
static inline void pc_series_dot_add_shifted(mp_limb_t *acc, long size, const mp_limb_t *p, long n, unsigned bits) {
    unsigned __int128 carry = 0;
    mp_limb_t previous = 0;
    long i = 0;
    for (; i < n; i++) {
        mp_limb_t limb = bits == 0 ? p[i] : (p[i] << bits) | (previous >> (GMP_NUMB_BITS - bits));
        previous = p[i];
        carry += (unsigned __int128)acc[i] + limb;
        acc[i] = (mp_limb_t)carry;
        carry >>= GMP_NUMB_BITS;
    }
    if (bits != 0) {
        carry += (unsigned __int128)acc[i] + (previous >> (GMP_NUMB_BITS - bits));
        acc[i] = (mp_limb_t)carry;
        carry >>= GMP_NUMB_BITS;
        i++;
    }
    for (; carry != 0 && i < size; i++) {
        carry += acc[i];
        acc[i] = (mp_limb_t)carry;
        carry >>= GMP_NUMB_BITS;
    }
}

/* The same sum over the pairs j = lo .. hi but skipFrom .. skipTo (nothing skipped when skipFrom > skipTo): the relaxed
   products of RelaxedProducts.swift take the pairs between from block products. */
static inline int pc_series_dot_outer(mpfr_ptr r, mpfr_ptr const *slots, const long *a, const long *b, long count, long k,
                                      long lo, long hi, long skipFrom, long skipTo) {
    const mpfr_exp_t limit = (mpfr_exp_t)1 << 60;
    mpfr_exp_t emax = 0;
    long nonzero = 0, widest = 1;
    if (skipFrom > skipTo) { skipFrom = hi + 1; skipTo = hi; }
    long first = lo >= skipFrom && lo <= skipTo ? skipTo + 1 : lo;
    for (long m = 0; m < count; m++) {
        for (long j = first; j <= hi; j = j + 1 == skipFrom ? skipTo + 1 : j + 1) {
            mpfr_srcptr x = slots[a[m] + j], y = slots[b[m] + k - j];
            if (!mpfr_regular_p(x) || !mpfr_regular_p(y)) {
                if (!mpfr_number_p(x) || !mpfr_number_p(y)) return 1;
                continue;                                               /* a zero */
            }
            mpfr_exp_t ex = x->_mpfr_exp, ey = y->_mpfr_exp;
            if (ex > limit || ex < -limit || ey > limit || ey < -limit) return 1;
            if (nonzero == 0 || ex + ey > emax) emax = ex + ey;
            long lx = pc_series_dot_limbs(x), ly = pc_series_dot_limbs(y);
            if (lx + ly > widest) widest = lx + ly;
            nonzero++;
        }
    }
    if (nonzero == 0) { mpfr_set_zero(r, 1); return 0; }
    long lg = 0;
    while ((1L << lg) <= nonzero) lg++;
    long span = (long)mpfr_get_prec(r) + GMP_NUMB_BITS + lg;           /* bits from 2^L up to 2^Emax */
    long limbs = (span + lg + 2) / GMP_NUMB_BITS + 2;                   /* room for the carries of the sum */
    if (limbs > PC_SERIES_DOT_MAX_LIMBS || widest + 1 > PC_SERIES_DOT_MAX_LIMBS) return 1;
    mpfr_exp_t low = emax - span;                                       /* L */
    mp_limb_t positive[limbs], negative[limbs], product[widest], shifted[widest + 1];
    for (long i = 0; i < limbs; i++) { positive[i] = 0; negative[i] = 0; }
    for (long m = 0; m < count; m++) {
        for (long j = first; j <= hi; j = j + 1 == skipFrom ? skipTo + 1 : j + 1) {
            mpfr_srcptr x = slots[a[m] + j], y = slots[b[m] + k - j];
            if (!mpfr_regular_p(x) || !mpfr_regular_p(y)) continue;
            long lx = pc_series_dot_limbs(x), ly = pc_series_dot_limbs(y), n = lx + ly;
            if (n <= PC_SERIES_DOT_SMALL) pc_series_dot_mul_small(product, x->_mpfr_d, lx, y->_mpfr_d, ly);
            else if (lx >= ly) mpn_mul(product, x->_mpfr_d, lx, y->_mpfr_d, ly);
            else mpn_mul(product, y->_mpfr_d, ly, x->_mpfr_d, lx);
            mp_limb_t *into = (x->_mpfr_sign > 0) == (y->_mpfr_sign > 0) ? positive : negative;
            /* The product is the integer `product` times 2^(ex + ey - 64 n); its bit 0 lands at bit `shift` of the accumulator. */
            long shift = (long)(x->_mpfr_exp + y->_mpfr_exp - low) - GMP_NUMB_BITS * n;
            if (shift >= 0) {
                long q = shift / GMP_NUMB_BITS;
                unsigned bits = (unsigned)(shift % GMP_NUMB_BITS);
                if (n <= PC_SERIES_DOT_SMALL) pc_series_dot_add_shifted(into + q, limbs - q, product, n, bits);
                else if (bits == 0) { mpn_add(into + q, into + q, limbs - q, product, n); }
                else {
                    shifted[n] = mpn_lshift(shifted, product, n, bits);
                    mpn_add(into + q, into + q, limbs - q, shifted, n + 1);
                }
            } else {
                long q = (-shift) / GMP_NUMB_BITS;
                unsigned bits = (unsigned)((-shift) % GMP_NUMB_BITS);
                if (q >= n) continue;                                   /* below 2^L altogether */
                if (n <= PC_SERIES_DOT_SMALL) pc_series_dot_add_truncated(into, limbs, product + q, n - q, bits);
                else if (bits == 0) { mpn_add(into, into, limbs, product + q, n - q); }
                else {
                    mpn_rshift(shifted, product + q, n - q, bits);
                    mpn_add(into, into, limbs, shifted, n - q);
                }
            }
        }
    }
    int sign = mpn_cmp(positive, negative, limbs);
    if (sign == 0) { mpfr_set_zero(r, 1); return 0; }
    if (sign > 0) mpn_sub_n(positive, positive, negative, limbs);
    else mpn_sub_n(positive, negative, positive, limbs);
    long size = limbs;
    while (size > 0 && positive[size - 1] == 0) size--;
    mpz_t view;
    mpfr_set_z_2exp(r, mpz_roinit_n(view, positive, sign > 0 ? size : -size), low, MPFR_RNDN);
    return 0;
}

static inline int pc_series_dot(mpfr_ptr r, mpfr_ptr const *slots, const long *a, const long *b, long count, long k) {
    return pc_series_dot_outer(r, slots, a, b, count, k, 0, k, 1, 0);
}
#endif
