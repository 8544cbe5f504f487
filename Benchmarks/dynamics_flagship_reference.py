"""Flagship model, Case A (model.md section 8), from its closed form in mpmath at high precision.

The exact solution at any width (model.md section 3; derivations/xu_ziyin_linear_network.phc):
    u = u0 cosh S - sqrt(eta_u/eta_w) w0 sinh S,  w = w0 cosh S - sqrt(eta_w/eta_u) u0 sinh S,  S = -log(z)/2,
    z = (zp - q zm)/(1 - q),  q = (1 - zp)/(1 - zm) exp(-kappa Kinf t),
    zp, zm = (2 astar +- sqrt(4 astar^2 + lambda^2 P M))/(lambda P),  Kinf = sqrt(D0 + 4 lambda^2 astar^2),
    P = |u0/sqrt(eta_u) + w0/sqrt(eta_w)|^2,  M = |u0/sqrt(eta_u) - w0/sqrt(eta_w)|^2,  D0 = lambda^4 P M,
    lambda = gamma sqrt(eta_u eta_w).
Case A: u0 = (1, -2, 0.5), w0 = (0.3, 1, -1), gamma = 0.5, eta_u = eta_w = kappa = astar = 1.

Usage: python3 Benchmarks/dynamics_flagship_reference.py DIGITS T [T ...]
Prints u and w at each T with DIGITS significant digits (working precision DIGITS + 20).
"""
import sys

import mpmath
from mpmath import mp


def main():
    digits = int(sys.argv[1])
    mp.dps = digits + 20
    u0 = [mpmath.mpf(1), mpmath.mpf(-2), mpmath.mpf("0.5")]
    w0 = [mpmath.mpf("0.3"), mpmath.mpf(1), mpmath.mpf(-1)]
    gamma, eta_u, eta_w, kappa, astar = mpmath.mpf("0.5"), mpmath.mpf(1), mpmath.mpf(1), mpmath.mpf(1), mpmath.mpf(1)
    lam = gamma * mpmath.sqrt(eta_u * eta_w)
    ut = [x / mpmath.sqrt(eta_u) for x in u0]
    wt = [x / mpmath.sqrt(eta_w) for x in w0]
    P = sum((a + b) ** 2 for a, b in zip(ut, wt))
    M = sum((a - b) ** 2 for a, b in zip(ut, wt))
    D0 = lam ** 4 * P * M
    kinf = mpmath.sqrt(D0 + 4 * lam ** 2 * astar ** 2)
    root = mpmath.sqrt(4 * astar ** 2 + lam ** 2 * P * M)
    zp, zm = (2 * astar + root) / (lam * P), (2 * astar - root) / (lam * P)
    for text in sys.argv[2:]:
        t = mpmath.mpf(text)
        q = (1 - zp) / (1 - zm) * mpmath.exp(-kappa * kinf * t)
        z = (zp - q * zm) / (1 - q)
        S = -mpmath.log(z) / 2
        u = [a * mpmath.cosh(S) - mpmath.sqrt(eta_u / eta_w) * b * mpmath.sinh(S) for a, b in zip(u0, w0)]
        w = [b * mpmath.cosh(S) - mpmath.sqrt(eta_w / eta_u) * a * mpmath.sinh(S) for a, b in zip(u0, w0)]
        for name, values in (("u", u), ("w", w)):
            for i, v in enumerate(values):
                print("%s%d(%s) %s" % (name, i + 1, text, mpmath.nstr(v, digits)))


if __name__ == "__main__":
    main()
