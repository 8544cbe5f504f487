# Reference values for i02_limit_closed.phc and i02_limit_integrated.phc (and planted twins), mpmath 60 digits + sympy.
import mpmath as mp, sympy as sp
from ref import ode_at, show
mp.mp.dps = 60
t, k, x0 = sp.symbols('t k x0', positive=True)
x = 1 - (1 - x0)*sp.exp(-k*t)
print("sympy: x' - k(1-x) =", sp.simplify(sp.diff(x, t) - k*(1 - x)), "; x(0) =", x.subs(t, 0))
print("sympy: limit x - 1 =", sp.limit(x - 1, t, sp.oo), "; limit x =", sp.limit(x, t, sp.oo))
print("sympy: (1-x) e^{kt} =", sp.simplify((1 - x)*sp.exp(k*t)), "(constant)")
print("sympy: x(log2/k) =", sp.simplify(x.subs(t, sp.log(2)/k).subs(x0, 0)))
kk = mp.mpf(1)
ys, ag = ode_at(lambda t, y: [kk*(1 - y[0])], ['0'], [mp.log(2), 10])
print("odefun agreement between runs:", mp.nstr(ag, 5))
show("x(log 2) integrated", ys[0][0], mp.mpf(1)/2)
show("x(10) integrated vs closed form", ys[1][0], 1 - mp.exp(-10))
for T in [10, 100, 1000]:
    print(f"x - 1 at t={T}: {mp.nstr(-mp.exp(-T), 20)}")
print("limit x - 1 = 0 (TRUE); PLANTED limit 10^-15: FALSE (|x - 1| = e^{-t} -> 0, never 10^-15 in the limit)")
