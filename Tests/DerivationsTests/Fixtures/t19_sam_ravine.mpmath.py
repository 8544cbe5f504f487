# Referee of t19_sam_ravine.phc (UnseenTrial19Tests): python3 t19_sam_ravine.mpmath.py > t19_sam_ravine.mpmath.out
# Bartlett, Long and Bousquet (2023): SAM on the quadratic L = (l1 x^2 + l2 y^2)/2 (l1 > l2), one step
# theta+ = theta - eta grad L(theta + rho g/|g|), g = grad L(theta). Along the top direction (y = 0) a step is
# x+ = (1 - eta l1) x - eta l1 rho sign(x): SAM bounces across the ravine on the 2-cycle +-x*, x* = eta l1 rho/(2 - eta l1),
# where eta l1 (1 + rho l1/|g|) = 2 exactly (its effective sharpness sits at 2/eta). The two-step Jacobian at (x*, 0) is
# diag((1 - eta l1)^2, (1 - eta l2 (1 + rho l2/(l1 x*)))^2). Exact algebra by sympy; the iteration by mpmath at 60 digits.
import sympy as sp
from mpmath import mp, mpf, nstr, sqrt
mp.dps = 60
x, y, l1, l2, eta, rho = sp.symbols('x y l1 l2 eta rho', positive=True)
def step(x, y, l1, l2, eta, rho):
    gx, gy = l1*x, l2*y
    ng = sp.sqrt(gx**2 + gy**2)
    return x - eta*l1*(x + rho*gx/ng), y - eta*l2*(y + rho*gy/ng)
xs = eta*l1*rho/(2 - eta*l1)
print("edge identity eta l1 (1 + rho l1/(l1 x*)) - 2 =", sp.simplify(eta*l1*(1 + rho*l1/(l1*xs)) - 2))
a, b = step(x, y, l1, l2, eta, rho)
A, B = step(a, b, l1, l2, eta, rho)
vals = {l1: 2, l2: sp.Rational(1, 2), eta: sp.Rational(3, 4), rho: sp.Rational(1, 10)}
X = xs.subs(vals)
print("x* =", X, "; one step of (x*, 0):", [sp.simplify(v.subs(vals).subs({x: X, y: 0})) for v in (a, b)],
      "; two steps:", [sp.simplify(v.subs(vals).subs({x: X, y: 0})) for v in (A, B)])
J = sp.Matrix([A, B]).jacobian([x, y]).subs(vals)
Jx = J.subs({y: 0}).subs({x: X})
print("two-step Jacobian at (x*, 0):", sp.simplify(Jx), " eigenvalues", sp.simplify(Jx).eigenvals())
print("formula: (1 - eta l1)^2 =", ((1 - eta*l1)**2).subs(vals), " (1 - eta l2 (1 + rho l2/(l1 x*)))^2 =",
      sp.simplify(((1 - eta*l2*(1 + rho*l2/(l1*xs)))**2).subs(vals)))
print("loss on the orbit l1 x*^2/2 =", (l1*xs**2/2).subs(vals), "; |g| =", (l1*xs).subs(vals))
# iterate two steps at a time from (1, 1)
f = sp.lambdify([x, y], [A.subs(vals), B.subs(vals)], 'mpmath')
p = [mpf(1), mpf(1)]
for k in range(1, 201):
    p = f(*p)
    if k in (1, 5, 200):
        print("two-step", k, ": x =", nstr(p[0], 45), " y =", nstr(p[1], 45))
