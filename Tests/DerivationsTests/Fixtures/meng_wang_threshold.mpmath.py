# M9 of derivations/meng_wang_contrastive.phc: the learnability threshold tau_c at s2 = 1/4, rho = 1/2, lam = 1/2,
# Rademacher c, by another route than the claim's (which brackets the sign of Q'/Q along the integrated flow).
# Qdot = -tau*(...) with (...) free of tau, so g0 = dQ'/dQ at Q = 0 vanishes where g(R) = g0/tau does, at an R_c
# found by findroot; R' = 0 on the axis Q = 0 reads -tau A(R) + tau^2 B(R) = 0, so tau_c = A(R_c)/B(R_c).
# The formulas are read from the .phc file itself (the `let` lines, sympified, by meng_wang_common.py). Also printed: the settling rate
# dR'/dR and dg0/dR at the threshold, which bound how far the root of Q'/Q at t = T lies from tau_c (see the
# comment above M9), and that distance for T = 80.
# Run (from the repository root): python3 Tests/DerivationsTests/Fixtures/meng_wang_threshold.mpmath.py
#   > Tests/DerivationsTests/Fixtures/meng_wang_threshold.mpmath.out   (about 10 s)
import sympy as sp, mpmath as mp
mp.mp.dps = 50
from meng_wang_common import overlap_field
Q, R, tau, Qdot, Rdot = overlap_field()
Qdot, Rdot = sp.expand(Qdot), sp.expand(Rdot)
g0 = sp.diff(Qdot, Q).subs(Q, 0)
Rc = mp.findroot(sp.lambdify(R, sp.expand(g0 / tau), 'mpmath'), mp.mpf('0.7687'))
onAxis = sp.expand(Rdot.subs(Q, 0))
tauc = sp.lambdify(R, -onAxis.coeff(tau, 1) / onAxis.coeff(tau, 2), 'mpmath')(Rc)
settling = sp.lambdify((R, tau), sp.diff(onAxis, R), 'mpmath')(Rc, tauc)
dg0dR = sp.lambdify((R, tau), sp.diff(g0, R), 'mpmath')(Rc, tauc)
# dg0/dtau along the axis fixed point R0(tau): dR0/dtau = -(dR'/dtau)/(dR'/dR).
dR0 = -sp.lambdify((R, tau), sp.diff(onAxis, tau), 'mpmath')(Rc, tauc) / settling
slope = sp.lambdify((R, tau), sp.diff(g0, tau), 'mpmath')(Rc, tauc) + dg0dR * dR0
print('R_c', mp.nstr(Rc, 40))
print('tau_c', mp.nstr(tauc, 40))
print("dR'/dR at the threshold", mp.nstr(settling, 20))
print('dg0/dR', mp.nstr(dg0dR, 20), ' dg0/dtau along R0(tau)', mp.nstr(slope, 20))
# From R(0) = 0.77, R(T) - R0 ~ (0.77 - R0) e^{T dR'/dR}; the root of Q'/Q at T moves by dg0/dR (R(T) - R0) / slope.
T = 80
print('T = %d: root of Q\'/Q at T minus tau_c about' % T, mp.nstr(abs(dg0dR * (mp.mpf('0.77') - Rc) * mp.exp(T * settling) / slope), 3))
