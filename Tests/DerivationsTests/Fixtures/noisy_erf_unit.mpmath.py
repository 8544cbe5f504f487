# Referee for noisy_erf_unit.phc: the mean-field ODE of a noisy erf unit,
#   x' = -x + J E_xi[erf(x + I + v xi)], xi ~ N(0, 1),   v' = -v/2   (annealed input noise),
# integrated in two ways (mpmath 1.3.0):
# - by RK4 with Richardson extrapolation (16 to 128 steps), the expectation taken by a fixed Gauss-Legendre rule
#   (mpmath's nodes, 24 per unit piece of [-11, 11]) at every evaluation of the right-hand side, independently of the
#   closed form E erf(a + b xi) = erf(a/sqrt(1 + 2 b^2)) the checker uses: about 16 digits (odefun with such a
#   drift, or with an adaptive quad, did not finish in 10 minutes);
# - by odefun with that closed form, at 45 digits;
# and the rule and the closed form are compared with mpmath quad at a few states. Also the noise-free x(2) (the
# planted twin's value). Output: noisy_erf_unit.mpmath.out.
import time
from mpmath import mp, mpf, quad, erf, exp, sqrt, pi, inf, odefun, nstr
from mpmath.calculus.quadrature import GaussLegendre

mp.dps = 60
J, I = mpf(3) / 2, mpf(1) / 5   # at 60 digits (1/5 is not a binary fraction)

mp.dps = 40
for x, v in [(mpf(0), mpf(1)), (mpf(1) / 3, mpf(1) / 2), (mpf(-2), mpf(3))]:
    by_quad = quad(lambda z: erf(x + I + v * z) * exp(-z * z / 2), [-inf, -4, 0, 4, inf]) / sqrt(2 * pi)
    closed = erf((x + I) / sqrt(1 + 2 * v ** 2))
    print("E erf(%s + I + %s xi): quad %s, closed form differs by %s" % (nstr(x, 5), nstr(v, 5), nstr(by_quad, 32), nstr(abs(by_quad - closed), 3)))

mp.dps = 30
nodes = GaussLegendre(mp).calc_nodes(4, mp.prec)
rule = [(c + u / 2, w / 2 * exp(-(c + u / 2) ** 2 / 2) / sqrt(2 * pi))
        for c in [mpf(k) + mpf(1) / 2 for k in range(-11, 11)] for (u, w) in nodes]
def F(y):
    x, v = y
    return [-x + J * sum(w * erf(x + I + v * z) for z, w in rule), -v / 2]
def rk4(n):
    h = mpf(2) / n
    y = [mpf(0), mpf(1)]
    for _ in range(n):
        k1 = F(y)
        k2 = F([a + h / 2 * b for a, b in zip(y, k1)])
        k3 = F([a + h / 2 * b for a, b in zip(y, k2)])
        k4 = F([a + h * b for a, b in zip(y, k3)])
        y = [a + h / 6 * (p + 2 * q + 2 * r + s) for a, p, q, r, s in zip(y, k1, k2, k3, k4)]
    return y[0]
# RK4's global error is c4 h^4 + c5 h^5 + ...: Richardson eliminates h^4, h^5, h^6 from four step sizes.
T = [rk4(n) for n in (16, 32, 64, 128)]
for p in (4, 5, 6):
    T = [(2 ** p * T[i + 1] - T[i]) / (2 ** p - 1) for i in range(len(T) - 1)]
x_rule = T[0]
print("x(2), RK4 + Richardson with the drift by the fixed rule:", nstr(x_rule, 22))

mp.dps = 45
g = odefun(lambda t, y: [-y[0] + J * erf((y[0] + I) / sqrt(1 + 2 * y[1] ** 2)), -y[1] / 2], 0, [mpf(0), mpf(1)])
x_closed = g(mpf(2))[0]
print("x(2), odefun with the closed form at 45 digits:", nstr(x_closed, 35))
print("difference:", nstr(abs(x_closed - x_rule), 3))
print("drift at the start, erf(I/sqrt 3):", nstr(erf(I / sqrt(3)), 35))
h = odefun(lambda t, y: [-y[0] + J * erf(y[0] + I)], 0, [mpf(0)])
print("x(2) with the noise forgotten (erf(x + I)):", nstr(h(mpf(2))[0], 30))
