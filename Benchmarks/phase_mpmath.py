"""Plain mpmath reference for `phasecheck phase` on the flagship grid (Benchmarks/README.md, "Phase sweep benchmark").

For every grid point (alpha, b_u, b_w in [-1, 2] step 1/4, c_u in [-2, 2] step 1/4, c_w = 0) evaluate
zeta_inf_typ, a0_typ and K0_typ at d = 10^k1 and 10^k2 in mpmath, estimate each exponent from the two
values, and classify (vanishing / bounded / diverging; kernel / feature learning / ultra-rich and the
flags). The working precision covers the cancellation in sqrt(1 + R - B xi^2/d) - 1 (up to ~8k digits).

Usage: python3 phase_mpmath.py [STRIDE]   # every STRIDE-th point (default 1: the whole grid)
"""
import sys
import time
from fractions import Fraction as Q

import mpmath
from mpmath import mp, mpf, sqrt, log10

K1, K2 = 25, 50


def axis(lo, hi, step=Q(1, 4)):
    n = int((hi - lo) / step)
    return [lo + i * step for i in range(n + 1)]


def quantities(alpha, bu, bw, cu, cw, k):
    d = mpf(10) ** k
    p = lambda e: mpf(10) ** (k * mpf(e.numerator) / e.denominator)
    gamma, su, sw, eu, ew = p(-alpha), p(-bu), p(-bw), p(cu), p(cw)
    xi = mpf(1) / 2
    Gamma = gamma * d * su * sw
    X = eu * sw**2 / (ew * su**2)
    B = 4 * X / (1 + X) ** 2
    R = B / Gamma**2
    zeta = sqrt(1 + R - B * xi**2 / d) - 1
    a0 = gamma * sqrt(d) * su * sw * xi
    K0 = gamma**2 * (eu * d * sw**2 + ew * d * su**2)
    return zeta, a0, K0


def exponent(v1, v2):
    return float(log10(abs(v2 / v1)) / (K2 - K1))


def regime(e):
    return "vanishing" if e < -0.05 else ("diverging" if e > 0.05 else "bounded")


def main():
    stride = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    grid = [(a, bu, bw, cu) for a in axis(-1, 2) for bu in axis(-1, 2) for bw in axis(-1, 2) for cu in axis(-2, 2)]
    points = grid[::stride]
    counts = {}
    start = time.perf_counter()
    for (a, bu, bw, cu) in points:
        values = []
        for k in (K1, K2):
            mp.dps = 40 + 9 * k  # exponents down to about -8: 8k digits cancel
            values.append(quantities(a, bu, bw, cu, Q(0), k))
        ez, ea, eK = (exponent(values[0][i], values[1][i]) for i in range(3))
        region = {"vanishing": "kernel", "bounded": "feature_learning", "diverging": "ultra_rich"}[regime(ez)]
        flags = (regime(ea) == "diverging", regime(eK) == "diverging", regime(eK) == "vanishing")
        counts[region] = counts.get(region, 0) + 1
    elapsed = time.perf_counter() - start
    print(f"mpmath {mpmath.__version__} backend {mpmath.libmp.BACKEND}: {len(points)} of {len(grid)} points in {elapsed:.2f} s "
          f"({elapsed / len(points) * 1e3:.2f} ms/point; whole grid extrapolated: {elapsed / len(points) * len(grid):.0f} s)")
    print("found:", counts)


if __name__ == "__main__":
    main()
