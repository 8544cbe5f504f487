# Reference values for Tests/DerivationsTests/Fixtures/r05_rmsprop_period_two.phc (UnseenTrial16Tests); run:
# python3 r05_rmsprop_period_two.sympy.py > r05_rmsprop_period_two.sympy.out
# RMSprop on f(x) = lam x^2/2: v+ = beta v + (1 - beta) g^2, x+ = x - eta g/(sqrt(v+) + eps), g = lam x.
# With v = lam^2 c^2 and x = +-c the step is x+ = -x exactly when lam c + eps = eta lam/2: c = eta/2 - eps/lam.
import sympy as sp
from mpmath import mp, mpf, sqrt as msqrt
mp.dps = 50
x, v, e = sp.symbols('x v e', real=True)
lam, eps, beta = 1, sp.Rational(1, 10), sp.Rational(9, 10)
def step(x, v, e):
    v1 = beta*v + (1 - beta)*(lam*x)**2
    return x - e*lam*x/(sp.sqrt(v1) + eps), v1
x1, v1 = step(x, v, 1)
x2, v2 = step(x1, v1, 1)
c = sp.Rational(1, 2) - eps
print("c = eta/2 - eps/lam =", c)
print("one step from (c, c^2):", [sp.simplify(t.subs({x: c, v: c**2})) for t in (x1, v1)])
print("two steps:", [sp.simplify(t.subs({x: c, v: c**2})) for t in (x2, v2)])
Jc = sp.simplify(sp.Matrix([x2, v2]).jacobian([x, v]).subs({x: c, v: c**2}))
print("two-step Jacobian at the orbit:", Jc.tolist())
for k in Jc.eigenvals():
    print("eigenvalue", sp.nsimplify(k), "=", sp.N(k, 40))
print("trace, det:", Jc.trace(), Jc.det())
# By hand (checked here): on the orbit sqrt(v+) = lam c, so the one-step Jacobian at (+-c, c^2) is
# [[-(20 e + 1)/(25 e), +-9/(5 e)], [+-c/5, 9/10]] (lam = 1, eps = 1/10, beta = 9/10, c = e/2 - 1/10); the two-step
# Jacobian has det = beta^2 = 81/100 for every e and trace T(e) = (20 e + 1)^2/(625 e^2) + 81/100 - 18 c/(25 e).
T = lambda e_: (20*e_ + 1)**2/(625*e_**2) + sp.Rational(81, 100) - 18*(e_/2 - sp.Rational(1, 10))/(25*e_)
print("T(1) =", T(sp.Integer(1)), " T(1/2) =", T(sp.Rational(1, 2)))
for ev_ in [sp.Rational(1, 2), sp.Integer(1), sp.Integer(2)]:
    cv = ev_/2 - sp.Rational(1, 10)
    xa, va = step(x, v, ev_); xb, vb = step(xa, va, ev_)
    Jn = sp.Matrix([xb, vb]).jacobian([x, v]).subs({x: cv, v: cv**2})
    print("check at eta =", ev_, ": trace", sp.nsimplify(sp.N(Jn.trace(), 60)), "=", T(ev_), " det", sp.nsimplify(sp.N(Jn.det(), 60)))
# The eigenvalues are complex (a focus) while T^2 < 4 det = 81/25, i.e. T < 9/5; T(1/5+) = 181/100, so the orbit turns
# from a node into a focus at the root of T(e) = 9/5 above 1/5:
es = sp.symbols('es', positive=True)
roots = [r for r in sp.solve(sp.Eq(T(es), sp.Rational(9, 5)), es) if r > sp.Rational(1, 5)]
print("node -> focus at eta =", roots, [sp.N(r, 40) for r in roots])
# the one-step iteration from (x, v) = (1, 0); the file's state follows two steps at a time
xx, vv = mpf(1), mpf(0)
for k in range(1, 401):
    vv = mpf(9)/10*vv + mpf(1)/10*xx**2
    xx = xx - xx/(msqrt(vv) + mpf(1)/10)
    if k in (2, 6):
        print("two-step iterate", k//2, "x =", xx, "v =", vv)
print("after 200 two-steps x =", xx, "v =", vv)
