# Reference values for i03_logistic_cancel.phc / i03_logistic_closed.phc and planted twins; mpmath 60 digits + sympy.
import mpmath as mp, sympy as sp
from ref import ode_at, show
mp.mp.dps = 60
t = sp.symbols('t', real=True)
a = 1/(1 + sp.exp(-t))
print("sympy: a' - a(1-a) =", sp.simplify(sp.diff(a, t) - a*(1 - a)), "; a(0) =", a.subs(t, 0))
print("sympy: log(a/(1-a)) simplified =", sp.simplify(sp.expand_log(sp.log(sp.simplify(a/(1 - a))), force=True)))
af = lambda T: 1/(1 + mp.exp(-T))
ys, ag = ode_at(lambda t, y: [y[0]*(1 - y[0])], ['0.5'], [10, 30, 60], dps=60, extra=20)
print("odefun agreement between 60- and 80-digit runs:", mp.nstr(ag, 5))
for T, (av,) in zip([10, 30, 60], ys):
    show(f"a({T}) integrated vs 1/(1+e^-T)", av, af(mp.mpf(T)))
    show(f"log(a/(1-a)) at t={T} (integrated a)", mp.log(av/(1 - av)), mp.mpf(T))
show("value a(60)", af(mp.mpf(60)), 1/(1 + mp.exp(-60)))
with mp.workdps(120):  # 1 - a loses 26 digits to cancellation: evaluate at 120 digits
    show("value 1 - a(60) (at 120 digits)", 1 - af(mp.mpf(60)), 1/(1 + mp.exp(60)))
print("sympy: 1 - a - 1/(1+e^t) =", sp.simplify(1 - a - 1/(1 + sp.exp(t))))
print("1 - a(60) =", mp.nstr(1 - af(mp.mpf(60)), 20), " -> 26 digits of a(60) are lost to cancellation in 1 - a")
print("limit a -> 1: TRUE (a = 1/(1 + e^-t)); monotone: a' = a(1-a) > 0 for 0 < a < 1: TRUE")
print("PLANTED: log(a/(1-a)) - t*(1+1e-12) at t = 60 is", mp.nstr(mp.mpf(60) - 60*(1 + mp.mpf(10)**-12), 10), "relative 1e-12: FALSE at 30 digits")
