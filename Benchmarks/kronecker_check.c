/* One Kronecker block product (Sources/CMPFR/kronecker.h) against a reference at 4x the precision and
   against the same pairs term by term (mpfr_mul + mpfr_add), made as one integer product and split in two (trials
   alternate): prints the worst error over 20 random trials
   relative to the sum of |terms| (the proven bound is 2^(2 - bits)) and the time of each.
   cc -O2 -o kronecker_check Benchmarks/kronecker_check.c -lmpfr -lgmp -lm && ./kronecker_check BITS SIDE */
#include <stdio.h>
#include <math.h>
#include "../Sources/CMPFR/kronecker.h"
#include <time.h>
int main(int argc, char **argv) {
  long prec = atol(argv[1]), n = atol(argv[2]); int trials = 20;
  gmp_randstate_t st; gmp_randinit_default(st); gmp_randseed_ui(st, 7);
  mpfr_set_emin(mpfr_get_emin_min()); mpfr_set_emax(mpfr_get_emax_max());
  double worst = -1e9;
  for (int t = 0; t < trials; t++) {
    mpfr_ptr a[n], b[n], acc[2*n], ref[2*n], bound[2*n];
    for (long i = 0; i < n; i++) {
      a[i] = malloc(sizeof(__mpfr_struct)); b[i] = malloc(sizeof(__mpfr_struct));
      mpfr_init2(a[i], prec); mpfr_init2(b[i], prec);
      mpfr_urandomb(a[i], st); mpfr_urandomb(b[i], st);
      if (gmp_urandomm_ui(st, 2)) mpfr_neg(a[i], a[i], MPFR_RNDN);
      if (gmp_urandomm_ui(st, 2)) mpfr_neg(b[i], b[i], MPFR_RNDN);
      mpfr_mul_2si(a[i], a[i], -(long)(1.6 * i) + 5, MPFR_RNDN);
      mpfr_mul_2si(b[i], b[i], -(long)(t % 3 * i), MPFR_RNDN);
      if (t % 4 == 0 && i % 3 == 1) mpfr_set_zero(a[i], 1);
    }
    for (long k = 0; k < 2*n-1; k++) {
      acc[k] = malloc(sizeof(__mpfr_struct)); ref[k] = malloc(sizeof(__mpfr_struct)); bound[k] = malloc(sizeof(__mpfr_struct));
      mpfr_init2(acc[k], prec); mpfr_init2(ref[k], 4*prec + 64); mpfr_init2(bound[k], 64);
      mpfr_set_ui(acc[k], 0, MPFR_RNDN); mpfr_set_ui(ref[k], 0, MPFR_RNDN); mpfr_set_ui(bound[k], 0, MPFR_RNDN);
    }
    mpfr_t p; mpfr_init2(p, 4*prec+64);
    for (long i = 0; i < n; i++) for (long j = 0; j < n; j++) {
      mpfr_mul(p, a[i], b[j], MPFR_RNDN); mpfr_mul_2si(p, p, 1, MPFR_RNDN); mpfr_add(ref[i+j], ref[i+j], p, MPFR_RNDN);
      mpfr_abs(p, p, MPFR_RNDN); mpfr_add(bound[i+j], bound[i+j], p, MPFR_RNDU);
    }
    int sq = (t % 5 == 4);
    int rc = pc_kronecker_addmul(acc, 2*n-1, a, n, sq ? a : b, n, prec, 100000, 1, t % 2);
    if (sq) { /* recompute reference for squaring */
      for (long k = 0; k < 2*n-1; k++) { mpfr_set_ui(ref[k], 0, MPFR_RNDN); mpfr_set_ui(bound[k], 0, MPFR_RNDN); }
      for (long i = 0; i < n; i++) for (long j = 0; j < n; j++) {
        mpfr_mul(p, a[i], a[j], MPFR_RNDN); mpfr_mul_2si(p, p, 1, MPFR_RNDN); mpfr_add(ref[i+j], ref[i+j], p, MPFR_RNDN);
        mpfr_abs(p, p, MPFR_RNDN); mpfr_add(bound[i+j], bound[i+j], p, MPFR_RNDU); }
    }
    if (rc) { printf("rc=%d\n", rc); return 1; }
    for (long k = 0; k < 2*n-1; k++) {
      mpfr_sub(p, acc[k], ref[k], MPFR_RNDN); mpfr_abs(p, p, MPFR_RNDN);
      /* allowed: 2^(1-prec) * bound + half ulp of acc (2^-prec |acc|) */
      if (mpfr_zero_p(bound[k])) { if (!mpfr_zero_p(p)) { printf("nonzero where zero\n"); return 1;} continue; }
      double r = mpfr_get_d(p, MPFR_RNDN) == 0 ? -1e9 : (mpfr_get_d_2exp(&(long){0}, p, MPFR_RNDN), 0);
      mpfr_t q; mpfr_init2(q, 64); mpfr_div(q, p, bound[k], MPFR_RNDN);
      long e; double d = mpfr_get_d_2exp(&e, q, MPFR_RNDN);
      double l2 = mpfr_zero_p(q) ? -1e9 : e + log2(fabs(d));
      if (l2 > worst) worst = l2;
      mpfr_clear(q); (void)r;
    }
  }
  printf("prec %ld n %ld: worst log2(error / sum|terms|) = %.2f (bound %ld)\n", prec, n, worst, 2 - prec);
  /* timing vs naive */
  mpfr_ptr a[n], b[n], acc[2*n]; 
  for (long i = 0; i < n; i++) { a[i] = malloc(sizeof(__mpfr_struct)); b[i] = malloc(sizeof(__mpfr_struct)); mpfr_init2(a[i], prec); mpfr_init2(b[i], prec); mpfr_urandomb(a[i], st); mpfr_urandomb(b[i], st); mpfr_mul_2si(a[i], a[i], -(long)(1.6*i), MPFR_RNDN); mpfr_mul_2si(b[i], b[i], -(long)(1.6*i), MPFR_RNDN);}
  for (long k = 0; k < 2*n-1; k++) { acc[k] = malloc(sizeof(__mpfr_struct)); mpfr_init2(acc[k], prec); mpfr_set_ui(acc[k], 0, MPFR_RNDN); }
  /* One integer product per block (split 0) and two of half the size (split 1), interleaved. */
  double tk = 0, ts = 0; int reps = 0;
  for (clock_t start = clock(); clock() - start < CLOCKS_PER_SEC / 2; reps++) {
    clock_t c0 = clock(); pc_kronecker_addmul(acc, 2*n-1, a, n, b, n, prec, 100000, 0, 0);
    clock_t c1 = clock(); pc_kronecker_addmul(acc, 2*n-1, a, n, b, n, prec, 100000, 0, 1);
    clock_t c2 = clock(); tk += (double)(c1 - c0); ts += (double)(c2 - c1);
  }
  tk /= (double)CLOCKS_PER_SEC * reps; ts /= (double)CLOCKS_PER_SEC * reps;
  mpfr_t pr; mpfr_init2(pr, prec);
  clock_t c0 = clock(); int reps2 = 0;
  while (clock() - c0 < CLOCKS_PER_SEC / 5) { for (long i = 0; i < n; i++) for (long j = 0; j < n; j++) { mpfr_mul(pr, a[i], b[j], MPFR_RNDN); mpfr_add(acc[i+j], acc[i+j], pr, MPFR_RNDN);} reps2++; }
  double tn = (double)(clock() - c0) / CLOCKS_PER_SEC / reps2;
  printf("  kronecker %.1f us, split %.1f us (%.2fx), term by term %.1f us (%.1fx the split)\n", tk*1e6, ts*1e6, tk/ts, tn*1e6, tn/ts);
  return 0;
}
