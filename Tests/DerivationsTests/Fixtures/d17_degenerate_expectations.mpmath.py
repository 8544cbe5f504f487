# mpmath 1.3 references for d17_degenerate_expectations.phc and DegenerateExpectationTests (issue 17): closed forms
# built for every parameter value, checked at values where a step's slope, a law's spread or a uniform law's width is 0,
# and at nonzero symbolic slopes (the same blended form's other branch). Each value is a direct mp.quad of the
# integrand as written (split at its jump), or, at a zero slope or spread, the integrand's value (noted): the language's
# sign(0) = 0. Run: python3 d17_degenerate_expectations.mpmath.py
from mpmath import mp, mpf, quad, sign, npdf, inf, sqrt, pi, tanh, odefun

mp.dps = 40
third, k = mpf(1) / 3, mpf(-7) / 10

def normal(f, m, s, cuts=()):
    return quad(lambda z: f(m + s * z) * npdf(z), [-inf] + sorted((c - m) / s for c in cuts) + [inf])

# Nonzero symbolic slopes: the generic branch of the blended closed forms.
print("E max(k xi + 1/3, 0), k = -7/10, N(0, 1):", normal(lambda x: max(k * x + third, 0), 0, 1, [third / -k]))
print("E sign(-2 xi + 1) xi, U(0, 1):", quad(lambda x: sign(-2 * x + 1) * x, [0, mpf(1) / 2, 1]))
print("E sign(xi)^2 xi^2 + sign(xi - 1/2)^2, N(1/2, 3/10):",
      normal(lambda x: sign(x) ** 2 * x ** 2 + sign(x - mpf(1) / 2) ** 2, mpf(1) / 2, mpf(3) / 10, [0, mpf(1) / 2]))
print("E sign(a xi) xi at a = 9/10, N(0, 1) (= sqrt(2/pi)):", normal(lambda x: sign(mpf(9) / 10 * x) * x, 0, 1, [0]), sqrt(2 / pi))
print("E max(xi - 1/2, 0), the law on [0, 1] (= 1/8):", quad(lambda x: max(x - mpf(1) / 2, 0), [0, mpf(1) / 2, 1]))
# Zero slopes and spreads: the integrand is constant in xi (value at any xi, sign(0) = 0).
f = lambda x: (1 + sign(0 * x)) / 2; print("E (1 + sign(0 xi))/2:", f(mpf(3)))
f = lambda x: sign(0 * x + third) ** 3 + sign(0 * x) ** 3; print("E sign(0 xi + 1/3)^3 + sign(0 xi)^3:", f(mpf(3)))
print("E tanh(xi), N(1/4, 0) = tanh(1/4):", tanh(mpf(1) / 4))
# The drift y' = -y + E tanh(y + xi), xi ~ normal(0, 0): the point mass, y' = -y + tanh(y), y(0) = 1 (Taylor ODE solver).
print("y(1) of y' = -y + tanh(y), y(0) = 1:", odefun(lambda t, y: -y + tanh(y), 0, mpf(1))(1))
