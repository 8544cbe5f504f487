# Referee for drift_quadrature.phc (mpmath 1.3.0), three flows whose drift is an expectation of the state:
# - x' = -x + J E tanh(x + I + s xi), xi ~ N(0, 1): odefun at 30 digits, the drift by a fixed Gauss-Legendre rule
#   (96 nodes on each of 12 pieces of width 2 of [-12, 12], weight the normal density), which agrees with mpmath quad
#   to 1e-30 at the states printed; x(1) took about 10 minutes on the loaded machine (x(2) did not finish in 15);
#   also x(1) without the noise (J tanh(x + I)), the planted twin's value;
# - m' = -E sin(m + s xi): E sin(m + s xi) = e^(-s^2/2) sin m (checked against quad), so
#   tan(m/2) = tan(m0/2) exp(-e^(-s^2/2) t) exactly;
# - y' = -y + E tanh(y + u) + 1/5, u ~ U(-1, 1): the drift (log cosh(y + 1) - log cosh(y - 1))/2 (checked against
#   quad), integrated by odefun at 40 digits.
# Output: drift_quadrature.mpmath.out.
from mpmath import mp, mpf, quad, tanh, sin, exp, sqrt, pi, inf, odefun, nstr, log, cosh, atan, tan
from mpmath.calculus.quadrature import GaussLegendre

mp.dps = 30
J, I, s = mpf(3) / 2, mpf(1) / 5, mpf(1) / 2
nodes = GaussLegendre(mp).calc_nodes(6, mp.prec)   # 3 * 2^5 = 96 nodes on [-1, 1]
rule = [(c + u, w * exp(-(c + u) ** 2 / 2) / sqrt(2 * pi)) for c in [mpf(k) + 1 for k in range(-12, 12, 2)] for (u, w) in nodes]
def Etanh(a): return sum(w * tanh(a + s * z) for z, w in rule)
for a in [mpf(0), I, mpf(1), mpf(-3)]:
    q = quad(lambda z: tanh(a + s * z) * exp(-z * z / 2), [-inf, -4, 0, 4, inf]) / sqrt(2 * pi)
    print("E tanh(%s + xi/2): quad %s rule-quad %s" % (nstr(a, 4), nstr(q, 28), nstr(Etanh(a) - q, 3)))
print("noisy tanh unit x(1) =", nstr(odefun(lambda t, x: -x + J * Etanh(x + I), 0, mpf(0))(1), 25))
print("without the noise x(1) =", nstr(odefun(lambda t, x: -x + J * tanh(x + I), 0, mpf(0))(1), 20))

mp.dps = 40
for m in [mpf(1), mpf(-2)]:
    q = quad(lambda z: sin(m + s * z) * exp(-z * z / 2), [-inf, -4, 0, 4, inf]) / sqrt(2 * pi)
    print("E sin(m + xi/2) at m = %s: quad - closed form = %s" % (m, nstr(q - exp(-s * s / 2) * sin(m), 3)))
for t in [1, 2]:
    print("m(%d) = %s" % (t, nstr(2 * atan(tan(mpf(1) / 2) * exp(-exp(-s * s / 2) * t)), 35)))
for y in [mpf(1) / 3, mpf(2)]:
    q = quad(lambda u: tanh(y + u), [-1, 1]) / 2
    print("E tanh(y + u) at y = %s: quad - closed form = %s" % (nstr(y, 5), nstr(q - (log(cosh(y + 1)) - log(cosh(y - 1))) / 2, 3)))
f = odefun(lambda t, y: -y + (log(cosh(y + 1)) - log(cosh(y - 1))) / 2 + mpf(1) / 5, 0, mpf(1) / 2)
for t in [1, 2]:
    print("y(%d) = %s" % (t, nstr(f(t), 35)))
# The planted twins' values: the flows without their noise.
print("without the noise m(1) =", nstr(2 * atan(tan(mpf(1) / 2) * exp(-1)), 15))
print("without the noise y(1) =", nstr(odefun(lambda t, y: -y + tanh(y) + mpf(1) / 5, 0, mpf(1) / 2)(1), 15))
