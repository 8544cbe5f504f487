# Referee for the drifts with a kink or jump at a fixed place (kink_drift.phc and DriftQuadratureTests), mpmath 1.3.0:
# each flow's drift E f(x, xi) by a Gauss-Legendre rule (24 nodes on each unit piece of [-10, 10], split at the kink,
# weight the normal density), checked against mpmath quad split at the kink, integrated by odefun at 20 digits; the
# uniform-law drifts by their closed forms (log cosh). Output: kink_drift.mpmath.out.
from mpmath import mp, mpf, quad, tanh, exp, sqrt, pi, inf, odefun, nstr, log, cosh, sign
from mpmath.calculus.quadrature import GaussLegendre

mp.dps = 20
gl = GaussLegendre(mp).calc_nodes(4, mp.prec)   # 24 nodes on [-1, 1]

def normal_rule(kink):
    breaks = sorted(set([mpf(j) for j in range(-10, 11)] + ([kink] if -10 < kink < 10 else [])))
    rule = []
    for lo, hi in zip(breaks, breaks[1:]):
        c, h = (lo + hi) / 2, (hi - lo) / 2
        rule += [(c + h * u, h * w * exp(-(c + h * u) ** 2 / 2) / sqrt(2 * pi)) for u, w in gl]
    return rule

def expectation(f, kink):
    rule = normal_rule(kink)
    def E(x): return sum(w * f(x, z) for z, w in rule)
    for x in [mpf(0), mpf(-2)]:
        q = quad(lambda z: f(x, z) * exp(-z * z / 2), [-inf, kink, inf]) / sqrt(2 * pi)
        print("  rule - quad at x = %s: %s" % (x, nstr(E(x) - q, 3)))
    return E

def flow(name, drift, x0, times):
    f = odefun(lambda t, x: drift(x), 0, x0)
    for t in times:
        print("%s(%s) = %s" % (name, t, nstr(f(t), 18)))

third, theta = mpf(1) / 3, mpf(1) / 3
def logcosh(a): return log(cosh(a))

print("x' = -x + E sign(xi - 1/3) tanh(x + xi), x(0) = 1/2")
E = expectation(lambda x, z: sign(z - third) * tanh(x + z), third)
flow("x", lambda x: -x + E(x), mpf(1) / 2, [1])

print("b' = E (sign(xi - 1/3) - tanh(xi + b)) (1 - tanh(xi + b)^2), b(0) = 0 (a tanh unit learning a sign teacher's threshold)")
E = expectation(lambda b, z: (sign(z - theta) - tanh(z + b)) * (1 - tanh(z + b) ** 2), theta)
flow("b", E, mpf(0), [2])
print("  planted: the teacher's threshold at 0")
E = expectation(lambda b, z: (sign(z) - tanh(z + b)) * (1 - tanh(z + b) ** 2), mpf(0))
flow("b", E, mpf(0), [2])

print("y' = -y + E (1 + sign(xi))/2 tanh(y + xi), y(0) = 1/2 (the kink at a piece boundary)")
E = expectation(lambda y, z: (1 + sign(z)) / 2 * tanh(y + z), mpf(0))
flow("y", lambda y: -y + E(y), mpf(1) / 2, [1])
print("  planted: without the gate, y' = -y + E tanh(y + xi)")
E = expectation(lambda y, z: tanh(y + z), mpf(0))
flow("y", lambda y: -y + E(y), mpf(1) / 2, [1])

print("x' = -x + E sign(xi - 40) tanh(x + xi) + 1/5, x(0) = 0 (the kink far in the tail: -E tanh(x + xi) + 1/5 to 1e-300)")
flow("x", lambda x: -x - E(x) + mpf(1) / 5, mpf(0), [1])

print("z' = -z + E sign(u - 1/4) tanh(z + u) + 1/5, u ~ U(-1, 1), z(0) = 0: drift (logcosh(z+1) - 2 logcosh(z+1/4) + logcosh(z-1))/2")
for z in [mpf(0), mpf(3) / 2]:
    q = quad(lambda u: sign(u - mpf(1) / 4) * tanh(z + u), [-1, mpf(1) / 4, 1]) / 2
    print("  quad - closed form at z = %s: %s" % (z, nstr(q - (logcosh(z + 1) - 2 * logcosh(z + mpf(1) / 4) + logcosh(z - 1)) / 2, 3)))
flow("z", lambda z: -z + (logcosh(z + 1) - 2 * logcosh(z + mpf(1) / 4) + logcosh(z - 1)) / 2 + mpf(1) / 5, mpf(0), [1])

print("w' = -w + E sign(u - 2) tanh(w + u) + 1/5, u ~ U(-1, 1), w(0) = 0 (the kink outside the support): drift -(logcosh(w+1) - logcosh(w-1))/2")
flow("w", lambda w: -w - (logcosh(w + 1) - logcosh(w - 1)) / 2 + mpf(1) / 5, mpf(0), [1])
