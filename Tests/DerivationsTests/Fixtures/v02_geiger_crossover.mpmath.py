# Referee for v02_geiger_crossover.phc (UnseenTrial8Tests): mpmath odefun at 40 and 55 digits, sympy series.
# a = u.w, K = |u|^2 + |w|^2 of a width-h linear network f = alpha/sqrt(h) (u.w - u0.w0), loss (f - y)^2/(2 alpha^2):
# a' = -(f - y) K/(alpha sqrt h), K' = -4 (f - y) a/(alpha sqrt h).
# run: python3 v02_geiger_crossover.mpmath.py > v02_geiger_crossover.mpmath.out
from mpmath import mp, mpf, sqrt, odefun, nstr
import sympy as sp
def show(name, v): print(name, nstr(v, 32))
h, xi, y = mpf(100), mpf(1)/2, mpf(1)
for alpha_text in ('10', '0.01'):
    # alpha is made at each precision (mpf(1)/100 at the default 15 digits is 0.01 to 16 digits only)
    vals = []
    for dps in (40, 55):
        mp.dps = dps
        alpha = mpf(alpha_text)
        a0, K0 = sqrt(h)*xi, 2*h
        rhs = lambda t, z: [-(alpha/sqrt(h)*(z[0] - a0) - y)*z[1]/(alpha*sqrt(h)), -4*(alpha/sqrt(h)*(z[0] - a0) - y)*z[0]/(alpha*sqrt(h))]
        sol = odefun(rhs, 0, [a0, K0])
        a1, K1 = sol(1)
        a40, K40 = sol(40)
        vals.append((alpha/sqrt(h)*(a1 - a0), K40/K0 - 1))
    mp.dps = 55
    alpha = mpf(alpha_text)
    print(f"alpha={nstr(alpha, 5)}: runs agree to", nstr(abs(vals[0][0] - vals[1][0]), 3), nstr(abs(vals[0][1] - vals[1][1]), 3))
    show(f"alpha={nstr(alpha, 5)} f(1)", vals[1][0])
    show(f"alpha={nstr(alpha, 5)} K(40)/K0 - 1 (settled)", vals[1][1])
    show(f"alpha={nstr(alpha, 5)} zeta_inf formula sqrt(1 + (2 xi y/alpha + y^2/alpha^2)/h) - 1", sqrt(1 + (2*xi*y/alpha + y**2/alpha**2)/h) - 1)
    show(f"alpha={nstr(alpha, 5)} planted (no cross term) sqrt(1 + y^2/(alpha^2 h)) - 1", sqrt(1 + y**2/(alpha**2*h)) - 1)
d = sp.symbols('d', positive=True)
X = sp.Rational(1, 2)
for name, al in (("ntk alpha=1", sp.Integer(1)), ("mean_field alpha=d^-1/2", 1/sp.sqrt(d)), ("feature alpha=1/d", 1/d)):
    zeta = sp.sqrt(1 + (2*X/al + 1/al**2)/d) - 1
    print(name, sp.series(zeta.subs(d, 1/sp.Symbol('e', positive=True)), sp.Symbol('e', positive=True), 0, 2))
