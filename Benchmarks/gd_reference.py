# Reference values for derivations/gd_scalar_network.phc and Tests/DerivationsTests/GradientDescentTests.swift:
# gradient descent on L = kappa/2 (gamma u w - astar)^2 + h/2 x^2 with rates eta (u, w) and eta_x (x).
# Run: python3 Benchmarks/gd_reference.py
from fractions import Fraction as F
import mpmath as mp

def gd(u, w, x, gamma, eta, kappa, astar, h, eta_x, steps):
    for _ in range(steps):
        r = kappa*gamma*(gamma*u*w - astar)
        u, w, x = u - eta*r*w, w - eta*r*u, x - eta_x*h*x
    return u, w, x

u, w, x = gd(F(1), F(1, 2), F(1), 1, F(3, 10), 1, 1, 4, F(1, 10), 1)
print('a1 =', u*w)
mp.mp.dps = 50
u, w, x = gd(mp.mpf(1), mp.mpf(1)/2, mp.mpf(1), 1, mp.mpf(3)/10, 1, 1, 4, mp.mpf(1)/10, 10)
print('a10 =', mp.nstr(u*w, 30))
