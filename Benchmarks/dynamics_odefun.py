"""mpmath odefun on the 2-D scalar linear network a' = b(1 - a b), b' = a(1 - a b), a(0) = b(0) = 0.01.

Usage: python3 Benchmarks/dynamics_odefun.py DIGITS [T ...]
Prints the mpmath backend, the values a(T) (default T = 10) and the wall time of the integration,
one `key value` pair per line.
"""
import sys
import time

import mpmath
from mpmath import mp


def main():
    digits = int(sys.argv[1])
    times = [mpmath.mpf(t) for t in sys.argv[2:]] or [mpmath.mpf(10)]
    mp.dps = digits
    start = time.perf_counter()
    f = mp.odefun(lambda t, y: [y[1] * (1 - y[0] * y[1]), y[0] * (1 - y[0] * y[1])], 0,
                  [mpmath.mpf("0.01"), mpmath.mpf("0.01")])
    values = [f(t) for t in times]
    elapsed = time.perf_counter() - start
    print("backend", mpmath.libmp.BACKEND)
    print("mpmath", mpmath.__version__)
    for t, (a, b) in zip(times, values):
        print("a(%s)" % mpmath.nstr(t, 10), mpmath.nstr(a, digits))
        print("b(%s)" % mpmath.nstr(t, 10), mpmath.nstr(b, digits))
    print("seconds", "%.6f" % elapsed)


if __name__ == "__main__":
    main()
