# Reference values for Tests/DerivationsTests/Fixtures/q03_lqr_policy_gradient.phc (UnseenTrial13Tests); run: python3 q03_lqr_policy_gradient.mpmath.py > q03_lqr_policy_gradient.mpmath.out
import sympy as sp
from mpmath import mp, mpf
mp.dps = 50
k, a, b, q, r, s, eta = sp.symbols('k a b q r sigma eta')
C = (q + r*k**2)*s/(1 - (a - b*k)**2)
dC = sp.diff(C, k)
d2C = sp.diff(C, k, 2)
vals = {a: sp.Rational(6,5), b: 1, q: 1, r: 1, s: 1}
# Riccati: P = q + a^2 P - a^2 b^2 P^2/(r + b^2 P)
P = sp.symbols('P')
sol = sp.solve(sp.Eq(P, q + a**2*r*P/(r + b**2*P)), P)
print("Riccati roots", sol)
Ps = [z for z in sol][1]
Pstar = sp.nsimplify(Ps.subs(vals))
print("P* exact", sp.simplify(Ps.subs(vals)))
Pn = sp.N(Ps.subs(vals), 50)
kstar = (a*b*P/(r + b**2*P)).subs(vals).subs(P, Ps.subs(vals))
print("P*", Pn, "k*", sp.N(kstar, 50))
print("dC(k*)", sp.N(dC.subs(vals).subs(k, kstar), 30))
c2 = d2C.subs(vals).subs(k, kstar)
print("C''(k*)", sp.N(c2, 50), "eta_c", sp.N(2/c2, 50))
print("C(k*)", sp.N(C.subs(vals).subs(k, kstar), 50))
print("closed loop (a - b k*)^2", sp.N(((a - b*k)**2).subs(vals).subs(k, kstar), 50))
print("dC simplified", sp.simplify(dC))
etav = sp.Rational(1,5)
print("GD multiplier 1 - eta C''", sp.N(1 - etav*c2, 50))
# iterate
kk = mpf(1); PP = mpf(1)
f = sp.lambdify(k, dC.subs(vals), 'mpmath')
for i in range(3):
    kk = kk - mpf(1)/5*f(kk)
    PP = 1 + mpf(36)/25*PP/(1 + PP)
    print("step", i+1, "k", kk, "P", PP)
print("C(k0=1)", sp.N(C.subs(vals).subs(k, 1), 30))
