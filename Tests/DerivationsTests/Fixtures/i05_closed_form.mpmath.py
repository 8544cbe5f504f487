# Reference for i05_closed_form.phc and the planted wrong closed form; sympy + mpmath 60 digits.
import mpmath as mp, sympy as sp
from ref import show
mp.mp.dps = 60
t, x0 = sp.symbols('t x0', positive=True)
good = x0*sp.exp(-t); bad = x0*sp.sqrt(1 - t/5)
print("sympy residual of x0 e^-t:", sp.simplify(sp.diff(good, t) + good))
res = sp.simplify(sp.diff(bad, t) + bad)
print("sympy residual of x0 sqrt(1 - t/5):", res)
for T in [sp.Rational(5, 3), sp.Rational(10, 3), 1]:
    print(f"  residual at t = {T}, x0 = 3/2:", mp.nstr(mp.mpf(sp.N(res.subs({t: T, x0: sp.Rational(3, 2)}), 60)), 20))
print("  x0 sqrt(1 - t/5) is not real for t > 5 (horizon 10): the planted closed form is FALSE (fails at t = 5/3 already)")
show("x(1)", mp.mpf(1.5)*mp.exp(-1), mp.mpf(1.5)/mp.e)
print("x e^t = x0 for the true solution: invariant TRUE")
