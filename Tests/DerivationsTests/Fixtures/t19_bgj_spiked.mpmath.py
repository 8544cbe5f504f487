# Referee of t19_bgj_matrix.phc and t19_bgj_tensor.phc (UnseenTrial19Tests):
#   python3 t19_bgj_spiked.mpmath.py > t19_bgj_spiked.mpmath.out
# Ben Arous, Gheissari and Jagannath (2021): the population flow of spherical gradient ascent on the spiked
# matrix (k = 2) and tensor (k = 3) models, Phi(x) = lam (x . v)^k on the unit sphere, v = e1. The spherical
# gradient is k lam m^(k-1) (v - m x), m = x . v, so m' = k lam m^(k-1) (1 - m^2). Exact algebra by sympy,
# numbers by mpmath at 50 digits.
import sympy as sp
from mpmath import mp, mpf, odefun, nstr, atanh, log, sqrt, findroot
mp.dps = 50
t, lam, a0, b0, c0 = sp.symbols('t lam a0 b0 c0', positive=True)
# k = 2: the closed form a = a0 e^(2 lam t)/sqrt(D), b = b0/sqrt(D), c = c0/sqrt(D), D = 1 - a0^2 + a0^2 e^(4 lam t)
D = 1 - a0**2 + a0**2*sp.exp(4*lam*t)
a, b, c = a0*sp.exp(2*lam*t)/sp.sqrt(D), b0/sp.sqrt(D), c0/sp.sqrt(D)
m = a
on_sphere = {b0: sp.sqrt(1 - a0**2 - c0**2)}
res = [sp.simplify((sp.diff(q, t) - 2*lam*m*((1 if q is a else 0) - m*q)).subs(on_sphere)) for q in (a, b, c)]
print("k = 2 closed form residuals on the sphere:", res)
print("k = 2: a^2 + b^2 + c^2 on the sphere:", sp.simplify((a**2 + b**2 + c**2).subs(on_sphere)))
# time to reach m = 1/2 from m0: e^(4 lam T) = (1 - m0^2)/(3 m0^2)
A0 = mpf(1)/10; B0 = mpf(3)/10; C0 = sqrt(1 - A0**2 - B0**2); L = mpf(1)/2
T = log((1 - A0**2)/(3*A0**2))/(4*L)
print("k = 2, lam = 1/2, x0 = (1/10, 3/10, sqrt(90)/10): T(1/2) =", nstr(T, 40))
f = odefun(lambda t, z: [2*L*z[0]*(1 - z[0]*z[0]), -2*L*z[0]*z[0]*z[1], -2*L*z[0]*z[0]*z[2]], 0, [A0, B0, C0])
z = f(T); print("  integrated m at T:", nstr(z[0], 40))
z = f(1); print("  at t = 1: m =", nstr(z[0], 40), " b =", nstr(z[1], 40), " b/c =", nstr(z[1]/z[2], 30), "(b0/c0 =", nstr(B0/C0, 30), ")")
# k = 3: m' = 3 lam m^2 (1 - m^2); int dm/(m^2 (1 - m^2)) = -1/m + atanh(m)
mm = sp.symbols('m')
print("k = 3: d/dm (atanh(m) - 1/m) - 1/(m^2 (1 - m^2)) =", sp.simplify(sp.diff(sp.atanh(mm) - 1/mm, mm) - 1/(mm**2*(1 - mm**2))))
M0 = mpf(1)/20; L = mpf(1)/3
T3 = (atanh(mpf(1)/2) - 2 - atanh(M0) + 1/M0)/(3*L)
print("k = 3, lam = 1/3, m0 = 1/20: T(1/2) =", nstr(T3, 40), " (1/(3 lam m0) =", nstr(1/(3*L*M0), 10), ")")
g = odefun(lambda t, z: 3*L*z*z*(1 - z*z), 0, M0)
print("  integrated m at T:", nstr(g(T3), 40), "; m at t = 10:", nstr(g(10), 40), "; m at t = 25:", nstr(g(25), 40))
print("  Jacobian of m' at m = 1: ", sp.diff(3*sp.Rational(1, 3)*mm**2*(1 - mm**2), mm).subs(mm, 1), " at m = 0: 0")
