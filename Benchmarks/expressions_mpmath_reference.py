"""mpmath reference for the ExpressionsBenchmark executable: the flagship closed form a(t) of model.md
section 3 (Case A of section 8) at N time points in [0, 10).

Usage: python3 Benchmarks/expressions_mpmath_reference.py BITS N
Prints: backend, seconds, and the sum of a(t) over the points (a checksum compared with Swift's).
"""
import sys
import time

import mpmath
from mpmath import mp, mpf

bits, n = int(sys.argv[1]), int(sys.argv[2])
mp.prec = bits
lam, kappa, astar = mpf(1) / 2, mpf(1), mpf(1)
P, M = mpf("2.94"), mpf("11.74")
root = mp.sqrt(4 * astar**2 + lam**2 * P * M)
zp, zm = (2 * astar + root) / (lam * P), (2 * astar - root) / (lam * P)
q0 = (1 - zp) / (1 - zm)
Kinf = mp.sqrt(lam**4 * P * M + 4 * lam**2 * astar**2)
ts = [mpf(10) * i / n for i in range(n)]

start = time.perf_counter()
total = mpf(0)
for t in ts:
    q = q0 * mp.exp(-kappa * Kinf * t)
    z = (zp - q * zm) / (1 - q)
    total += lam / 4 * (P * z - M / z)
elapsed = time.perf_counter() - start
print(mpmath.libmp.BACKEND, elapsed, mp.nstr(total, 20))
