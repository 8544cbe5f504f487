"""The NumbersBenchmark chain in mpmath, run by the Swift benchmark as a subprocess.

Usage: python3 numbers_mpmath.py PRECISION:ITERATIONS ...
Prints the backend, then per precision: "precision iterations best_seconds final_x" (best of 3 runs,
in CPU seconds of the running thread, as the Swift side measures).
"""
import sys
import time

import mpmath
from mpmath import mp


def chain(iterations):
    x, y = mp.mpf(1) / 7, mp.mpf(1) / 3
    z, w = mp.mpf(2) / 3, mp.mpf(1) / (3 * iterations)
    for _ in range(iterations):
        x = mp.sqrt(mp.exp(mp.log(x * y + z)))
        z = z + w
    return x


def main():
    print("backend", mpmath.libmp.BACKEND)
    for arg in sys.argv[1:]:
        precision, iterations = (int(s) for s in arg.split(":"))
        mp.prec = precision
        best, x = float("inf"), None
        for _ in range(3):
            start = time.thread_time()
            x = chain(iterations)
            best = min(best, time.thread_time() - start)
        print(precision, iterations, repr(best), mpmath.nstr(x, int(precision * 0.30103) + 5))


if __name__ == "__main__":
    main()
