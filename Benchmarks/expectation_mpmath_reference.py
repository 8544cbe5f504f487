"""Reference expectations for Tests/ExpressionsTests/ExpectationTests.swift, by mpmath quadrature.

Run: python3 Benchmarks/expectation_mpmath_reference.py
Each integral is split at the integrand's kinks and computed by mp.quad (tanh-sinh) at 60 digits, independently
of Phasecheck's closed forms; printed to 40 significant digits as Swift array entries.
"""
import mpmath as mp

mp.mp.dps = 60
q = mp.mpf
relu = lambda y: y if y > 0 else q(0)


def normal(f, mu, s, kinks=()):
    """E f(xi), xi ~ N(mu, s^2), splitting at the kinks (values of xi)."""
    density = lambda x: mp.npdf(x, mu, s)
    points = [-mp.inf] + sorted(kinks) + [mp.inf]
    return mp.quad(lambda x: f(x) * density(x), points)


def uniform(f, a, b, kinks=()):
    points = [a] + sorted(k for k in kinks if a < k < b) + [b]
    return mp.quad(f, points) / (b - a)


F, s, mr, ml = q('0.05'), q('0.1'), q('0.1'), q('0.12')
deadzone = lambda z: relu(z - mr) + min(z + ml, q(0))
cases = [
    ("expect(xi^4 - 3*xi, xi ~ normal(0.3, 0.7))", normal(lambda x: x**4 - 3*x, q('0.3'), q('0.7'))),
    ("expect(xi^7, xi ~ normal(-0.4, 1.3))", normal(lambda x: x**7, q('-0.4'), q('1.3'))),
    ("expect(max(xi, 0), xi ~ normal(0, 1))", normal(lambda x: relu(x), 0, 1, [0])),
    # Shi, Pan and Dokmanic's mean-field drift g(F) = E phi(F + s xi), phi the dead zone (seed-systems.md S4).
    ("expect(max(0.05 + 0.1*xi - 0.1, 0) + min(0.05 + 0.1*xi + 0.12, 0), xi ~ normal(0, 1))",
     normal(lambda x: deadzone(F + s*x), 0, 1, [(mr - F)/s, (-ml - F)/s])),
    ("expect(xi^3*abs(xi - 0.4) - 2*xi*min(1 - 2*xi, 0.5), xi ~ normal(0.2, 1.5))",
     normal(lambda x: x**3*abs(x - q('0.4')) - 2*x*min(1 - 2*x, q('0.5')), q('0.2'), q('1.5'), [q('0.4'), q('0.25')])),
    ("expect(max(0.3 - 2*xi, 0)^2*xi, xi ~ normal(-0.1, 0.8))",
     normal(lambda x: relu(q('0.3') - 2*x)**2*x, q('-0.1'), q('0.8'), [q('0.15')])),
    ("expect(xi^2*max(xi - 0.3, 0) + abs(2*xi - 1), xi ~ uniform(-1, 2))",
     uniform(lambda x: x**2*relu(x - q('0.3')) + abs(2*x - 1), -1, 2, [q('0.3'), q('0.5')])),
    ("expect(xi*max(0.5 - xi, 0) + max(xi - 5, 0), xi ~ uniform(0, 1))",
     uniform(lambda x: x*relu(q('0.5') - x) + relu(x - 5), 0, 1, [q('0.5')])),
    ("expect(tanh(0.3 + xi)*xi, xi ~ rademacher)", (mp.tanh(q('1.3')) - mp.tanh(q('-0.7')))/2),
    ("expect(exp(0.3 + 0.5*xi), xi ~ normal(0.2, 1.1))", normal(lambda x: mp.exp(q('0.3') + x/2), q('0.2'), q('1.1'))),
    ("expect(xi^2*cosh(xi)*max(1 - xi, 0) + sinh(2*xi - 1)*abs(xi), xi ~ normal(0.1, 0.7))",
     normal(lambda x: x**2*mp.cosh(x)*relu(1 - x) + mp.sinh(2*x - 1)*abs(x), q('0.1'), q('0.7'), [0, 1])),
    # erf and erfc of an affine function, alone and times exp of one (a noisy erf unit's mean activation).
    ("expect(erf(0.3 + 0.7*xi), xi ~ normal(-0.2, 1.3))", normal(lambda x: mp.erf(q('0.3') + q('0.7')*x), q('-0.2'), q('1.3'))),
    ("expect(3*erfc(1 - 2*xi)*exp(0.5*xi) - erf(xi)/2, xi ~ normal(0.4, 0.6))",
     normal(lambda x: 3*mp.erfc(1 - 2*x)*mp.exp(x/2) - mp.erf(x)/2, q('0.4'), q('0.6'))),
]
for text, value in cases:
    print(f'        ("{text}", "{mp.nstr(value, 40)}"),', flush=True)

# Hierarchical: y ~ N(x, 2^2) given x, x ~ N(1, 1), by SymPy's exact integration (nested mp.quad is slow).
import sympy as sp
x, y = sp.symbols('x y', real=True)
density = lambda v, m, s: sp.exp(-(v - m)**2/(2*s**2))/sp.sqrt(2*sp.pi*s**2)
inner = sp.integrate((x**2*y**2 + x*y)*density(y, x, 2), (y, -sp.oo, sp.oo))
print('hierarchical:', sp.simplify(sp.integrate(sp.expand(inner)*density(x, 1, 1), (x, -sp.oo, sp.oo))), flush=True)

# g'(F) = Q(a) + Q(b), by numerical differentiation of the quadrature.
g = lambda f: normal(lambda x: deadzone(f + s*x), 0, 1, [(mr - f)/s, (-ml - f)/s])
print("g'(0.05) =", mp.nstr(mp.diff(g, F), 30))

# Meng and Wang's cross term -E f(z+) f(z-) (ExpectationTests.mengWangCrossTerm), by expanding the polynomial in
# SymPy and replacing each monomial by its moments.
Q, R, s, rho, b = sp.Rational(3, 10), sp.Rational(6, 10), sp.Rational(1, 2), sp.Rational(-1, 2), sp.Rational(1, 4)
g, e1, e2, c = sp.symbols('g e1 e2 c')
zp = c*Q + sp.sqrt(R)*(g + s*e1)
zm = c*Q + sp.sqrt(R)*(g + s*(rho*e1 + sp.sqrt(1 - rho**2)*e2))
f = lambda z: z - b*z**3/3
moment = lambda k: 0 if k % 2 else sp.factorial2(k - 1)
total = sum(co*moment(i)*moment(j)*moment(k)*(1 if l % 2 == 0 else 0)
            for (i, j, k, l), co in sp.Poly(sp.expand(f(zp)*f(zm)), g, e1, e2, c).terms())
print('Meng-Wang -E f(z+) f(z-):', sp.nsimplify(-total))
