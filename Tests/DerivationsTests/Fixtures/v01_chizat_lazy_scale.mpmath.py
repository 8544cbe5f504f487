# Referee for v01_chizat_lazy_scale.phc (UnseenTrial8Tests): mpmath at 50 digits and sympy series.
# Chizat, Oyallon and Bach (2019): f = alpha (u w - u0 w0), objective (f - y)^2/(2 alpha^2); balanced start u0 = w0 = s.
# p = u w obeys p' = 2 p (P - p), P = s^2 + y/alpha (logistic), u = w = sqrt(p).
# run: python3 v01_chizat_lazy_scale.mpmath.py > v01_chizat_lazy_scale.mpmath.out
from mpmath import mp, mpf, sqrt, exp, odefun, nstr
import sympy as sp
mp.dps = 100   # f - y (1 - e^-2t) at alpha = 1e15 cancels 16 digits: 50 would leave 19 right
def show(name, v): print(name, nstr(v, 32))
def p_closed(t, alpha, y, s):
    P = s**2 + y/alpha; p0 = s**2
    return P/(1 + (P/p0 - 1)*exp(-2*P*t))
for alpha, tag in ((mpf(1000), "alpha=1000"), (mpf(10)**15, "alpha=1e15")):
    y, s = mpf(1), mpf(1)
    p1 = p_closed(1, alpha, y, s); f1 = alpha*(p1 - s**2)
    show(f"{tag} f(1)", f1)
    show(f"{tag} f(1) - y (1 - exp(-2 s^2 t)) at t=1", f1 - y*(1 - exp(-2*s**2)))
    show(f"{tag} displacement sqrt(1 + y/(alpha s^2)) - 1", sqrt(1 + y/(alpha*s**2)) - 1)
    show(f"{tag} planted displacement y/(alpha s^2)/2 (first order only)", y/(alpha*s**2)/2)
# the closed form against the ODE u' = -(f - y) w/alpha, w' = -(f - y) u/alpha, at alpha = 1000, t = 1
alpha, y, s = mpf(1000), mpf(1), mpf(1)
sol = odefun(lambda t, z: [-(alpha*(z[0]*z[1] - s*s) - y)*z[1]/alpha, -(alpha*(z[0]*z[1] - s*s) - y)*z[0]/alpha], 0, [s, s])
u1, w1 = sol(1)
show("odefun f(1) alpha=1000", alpha*(u1*w1 - s*s)); show("closed f(1) alpha=1000", alpha*(p_closed(1, alpha, y, s) - s*s))
# the width-limit section: alpha = d^a, disp = sqrt(1 + 1/alpha) - 1, dK = (1 + 1/alpha) - 1 (y = s = 1)
d = sp.symbols('d', positive=True)
for name, alpha_d in (("lazy alpha=d", d), ("sqrt alpha=d^(1/2)", sp.sqrt(d)), ("unit alpha=1", sp.Integer(1)), ("small alpha=1/d", 1/d)):
    disp = sp.sqrt(1 + 1/alpha_d) - 1
    print(name, "disp leading:", sp.simplify(sp.limit(disp*alpha_d, d, sp.oo)) if alpha_d != 1/d else sp.limit(disp/sp.sqrt(d), d, sp.oo),
          " dK:", sp.simplify((1 + 1/alpha_d) - 1))
print("unit alpha: disp =", sp.sqrt(2) - 1, "=", sp.N(sp.sqrt(2) - 1, 30))
