# Referee of t19_lyu_li_margin.phc (UnseenTrial19Tests): python3 t19_lyu_li_margin.mpmath.py > t19_lyu_li_margin.mpmath.out
# Lyu and Li (2020) / Soudry et al. (2018): a 2-homogeneous network f = u w x on one separable point (x = 1, label 1)
# trained by gradient flow on the logistic loss L = log(1 + exp(-u w)). Exact algebra by sympy, the flow by mpmath's
# Taylor odefun at 50 digits; monotonicity checked on a grid of 2001 times (and the derivative's sign by sympy).
import sympy as sp
from mpmath import mp, mpf, odefun, nstr, log, exp, sqrt
mp.dps = 50
u, w = sp.symbols('u w', positive=True)
L = sp.log(1 + sp.exp(-u*w))
F = [-sp.diff(L, u), -sp.diff(L, w)]
print("u' =", sp.simplify(F[0]), " w' =", sp.simplify(F[1]))
p = u*w
print("d/dt (u^2 - w^2) =", sp.simplify(2*u*F[0] - 2*w*F[1]))
print("d/dt (u w) - (u^2 + w^2)/(1 + e^(u w)) =", sp.simplify(sp.diff(p, u)*F[0] + sp.diff(p, w)*F[1] - (u**2 + w**2)/(1 + sp.exp(u*w))))
f = odefun(lambda t, z: [z[1]/(1 + exp(z[0]*z[1])), z[0]/(1 + exp(z[0]*z[1]))], 0, [mpf(1), mpf(1)/2])
def q(z): return z[0]*z[1]/(z[0]**2 + z[1]**2)
def smooth(z): return -log(log(1 + exp(-z[0]*z[1])))/(z[0]**2 + z[1]**2)
prev_q = prev_s = None; mono_q = mono_s = True
for k in range(0, 2001):
    z = f(mpf(k)/20)
    if prev_q is not None:
        mono_q &= q(z) > prev_q; mono_s &= smooth(z) > prev_s
    prev_q, prev_s = q(z), smooth(z)
print("normalized margin u w/(u^2 + w^2) increasing on [0, 100] (grid):", mono_q, "; smoothed margin log(1/L)/(u^2 + w^2):", mono_s)
for T in (1, 10, 100):
    z = f(T)
    print("t =", T, ": u =", nstr(z[0], 40), " u w =", nstr(z[0]*z[1], 40), " q =", nstr(q(z), 30), " smoothed =", nstr(smooth(z), 30))
# the large-t behaviour: with c = u0^2 - w0^2 = 3/4, u^2 + w^2 = sqrt(c^2 + 4 p^2) and q = p/sqrt(c^2 + 4 p^2) -> 1/2 like
# 1/2 - c^2/(16 p^2), p ~ log t: q is within 10^-30 of 1/2 only when p ~ 10^15, t ~ exp(10^15).
print("q at p = 10^3:", nstr(mpf(1000)/sqrt(mpf(9)/16 + 4*mpf(10)**6), 30))
