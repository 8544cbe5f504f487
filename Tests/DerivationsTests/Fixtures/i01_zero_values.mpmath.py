# Reference values for i01_zero_values.phc (and its planted twin), mpmath at 60 digits + sympy.
import mpmath as mp, sympy as sp
from ref import ode_at, show
mp.mp.dps = 60
k = sp.symbols('k', positive=True)
print("sympy simplify(sinh(k)^2 - cosh(k)^2 + 1) =", sp.simplify(sp.sinh(k)**2 - sp.cosh(k)**2 + 1))
for kv in ['1', '0.125', '3', '8']:
    kv = mp.mpf(kv)
    show(f"sinh^2-cosh^2+1 at k={kv}", mp.sinh(kv)**2 - mp.cosh(kv)**2 + 1, mp.mpf(0), f"(scale cosh^2 = {mp.nstr(mp.cosh(kv)**2, 6)})")
print("PLANTED: claimed 10^-20 vs true 0 -> FALSE (gap 1e-20, at scale cosh(1)^2 = 2.38 that is 20 digits, below the 30 asked)")
# Symbolic invariant: d/dt (u^2 - w^2) = 2u(s-a)w - 2w(s-a)u = 0
u, w, s = sp.symbols('u w s')
a = u*w
print("sympy d/dt(u^2-w^2) =", sp.simplify(2*u*(s - a)*w - 2*w*(s - a)*u))
s = mp.mpf(2)
rhs = lambda t, y: [(s - y[0]*y[1])*y[1], (s - y[0]*y[1])*y[0]]
ys, ag = ode_at(rhs, ['0.1', '0.1'], [1, 5, 10])
print("odefun agreement between 50 and 65 digit runs:", mp.nstr(ag, 5))
for T, (uu, ww) in zip([1, 5, 10], ys):
    show(f"u^2 - w^2 at t={T}", uu**2 - ww**2, mp.mpf(0))
    show(f"u - w at t={T}", uu - ww, mp.mpf(0))
print("(by symmetry u(t) = w(t) exactly: the ODE maps (u,w)->(w,u) and the start is symmetric)")
# single neuron c, v (width 2), beta = [1, 2]
beta = [mp.mpf(1), mp.mpf(2)]
def rhs2(t, y):
    c, v1, v2 = y
    r1, r2 = beta[0] - c*v1, beta[1] - c*v2
    return [r1*v1 + r2*v2, c*r1, c*r2]
c_, v1_, v2_ = sp.symbols('c v1 v2')
r1, r2 = 1 - c_*v1_, 2 - c_*v2_
print("sympy d/dt(c^2 - |v|^2) =", sp.expand(2*c_*(r1*v1_ + r2*v2_) - 2*v1_*c_*r1 - 2*v2_*c_*r2))
ys, ag = ode_at(rhs2, ['0.5', '0.3', '0.4'], [1, 3, 10])
print("odefun agreement between runs:", mp.nstr(ag, 5))
for T, (c, v1, v2) in zip([1, 3, 10], ys):
    show(f"c^2 - |v|^2 at t={T}", c**2 - v1**2 - v2**2, mp.mpf(0), f"(c = {mp.nstr(c, 20)}, scale c^2 = {mp.nstr(c**2, 6)})")
