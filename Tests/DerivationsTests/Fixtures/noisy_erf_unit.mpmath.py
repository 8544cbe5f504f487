# Referee for noisy_erf_unit.phc: the mean-field ODE of a noisy erf unit,
#   x' = -x + J E_xi[erf(x + I + v xi)], xi ~ N(0, 1),   v' = -v/2   (annealed input noise),
# integrated by mpmath's odefun with the expectation taken by mpmath quad at every evaluation of the right-hand side
# (independent of the closed form E erf(a + b xi) = erf(a/sqrt(1 + 2 b^2)) the checker uses), and again with the
# closed form at higher precision; both printed, with their difference.
import time
from mpmath import mp, mpf, quad, erf, exp, sqrt, pi, inf, odefun, nstr

J, I = mpf(3) / 2, mpf(1) / 5

def drift_by_quad(x, v):
    return quad(lambda z: erf(x + I + v * z) * exp(-z * z / 2), [-inf, -4, 0, 4, inf]) / sqrt(2 * pi)

start = time.time()
mp.dps = 24
f = odefun(lambda t, y: [-y[0] + J * drift_by_quad(y[0], y[1]), -y[1] / 2], 0, [mpf(0), mpf(1)])
x_quad = f(mpf(2))[0]
print("x(2), odefun + quad at 24 digits:", nstr(x_quad, 22), "(%.0f s)" % (time.time() - start))

mp.dps = 45
g = odefun(lambda t, y: [-y[0] + J * erf((y[0] + I) / sqrt(1 + 2 * y[1] ** 2)), -y[1] / 2], 0, [mpf(0), mpf(1)])
x_closed = g(mpf(2))[0]
print("x(2), odefun + closed form at 45 digits:", nstr(x_closed, 35))
print("difference:", nstr(abs(x_closed - x_quad), 3))
# The drift at a few points, quad against the closed form.
mp.dps = 40
for x, v in [(0, 1), (mpf(1) / 3, mpf(1) / 2), (-2, 3)]:
    q = drift_by_quad(mpf(x), mpf(v))
    c = erf((mpf(x) + I) / sqrt(1 + 2 * mpf(v) ** 2))
    print("E erf(%s + I + %s xi):" % (x, v), nstr(q, 32), "closed form differs by", nstr(abs(q - c), 3))
