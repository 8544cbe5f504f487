/* The flagship's exact exponent rule in C (Benchmarks/README.md, "Phase sweep benchmark"): the compiled
 * floor `phasecheck phase` is timed against. The same rule and columns as phase_rule.py: per point of
 * alpha, b_u, b_w in [-1, 2], c_u in [-2, 2] (step 1/S), c_w = 0, the named exponents, the leading
 * exponent of zeta_inf_typ, the claimed and found regions and the three flags, as CSV. Exponents are
 * integers over 2S (every value of the rule is a multiple of 1/(2S)). Not part of the package build:
 * Benchmarks/phase_benchmark.sh compiles it with `cc -O2`.
 *
 * Usage: phase_rule [S] > out.csv   (default S = 4: 37349 points)
 */
#include <stdio.h>
#include <stdlib.h>

static long gcd(long a, long b) { return b == 0 ? a : gcd(b, a % b); }

/* n / den in lowest terms, as phasecheck prints rationals (`-3`, `7/4`). */
static void put(FILE *out, long n, long den) {
    long g = gcd(labs(n), den);
    if (g == 0) g = 1;
    if (den / g == 1) fprintf(out, "%ld", n / g); else fprintf(out, "%ld/%ld", n / g, den / g);
}

static long max(long a, long b) { return a > b ? a : b; }

int main(int argc, char **argv) {
    long s = argc > 1 ? atol(argv[1]) : 4, D = 2 * s; /* coordinates in units of 1/D */
    static const char *names[] = {"kernel", "feature_learning", "ultra_rich"};
    static char buffer[1 << 16];
    setvbuf(stdout, buffer, _IOFBF, sizeof buffer);
    puts("alpha,b_u,b_w,c_u,c_w,e_Gamma,e_X,e_R,e_f,e_K,exponent,claimed,found,divergent_output,ntk_blows_up,ntk_vanishes");
    long cw = 0;
    for (long a = -D; a <= 2 * D; a += 2)
        for (long bu = -D; bu <= 2 * D; bu += 2)
            for (long bw = -D; bw <= 2 * D; bw += 2)
                for (long cu = -2 * D; cu <= 2 * D; cu += 2) {
                    long eG = D - a - bu - bw, eX = cu - cw + 2 * bu - 2 * bw;
                    long eR = -2 * eG - labs(eX), eF = eG - D / 2;
                    long eK = D - 2 * a + max(cu - 2 * bw, cw - 2 * bu);
                    /* e_R / 2 when e_R > 0: keep it over 2D. */
                    long expN = eR > 0 ? eR : eR == 0 ? 0 : 2 * max(eR, -labs(eX) - D), expD = 2 * D;
                    int sign = (expN > 0) - (expN < 0), region = (eR > 0) - (eR < 0);
                    long v[] = {a, bu, bw, cu, cw, eG, eX, eR, eF, eK};
                    for (int i = 0; i < 10; i++) { put(stdout, v[i], D); putchar(','); }
                    put(stdout, expN, expD);
                    printf(",%s,%s,%s,%s,%s\n", names[region + 1], names[sign + 1], eF > 0 ? "yes" : "no",
                           eK > 0 ? "yes" : "no", eK < 0 ? "yes" : "no");
                }
    return 0;
}
