# Referee of t19_ziyin_weight_decay.phc and t19_ziyin_gd.phc (UnseenTrial19Tests):
#   python3 t19_ziyin_weight_decay.mpmath.py > t19_ziyin_weight_decay.mpmath.out
# Ziyin, Li and Meng (2022): a two-layer scalar linear network f = u w x with weight decay gam, whitened input,
# L = (u w - y)^2/2 + gam (u^2 + w^2)/2. Gradient flow and gradient descent (rate eta); exact algebra by sympy,
# numbers by mpmath at 50 digits (the flow by mpmath's Taylor odefun, the GD iterates exactly in rationals).
import sympy as sp
from mpmath import mp, mpf, odefun, nstr, sqrt, eig, matrix
mp.dps = 50
u, w, y, g, eta, t = sp.symbols('u w y gam eta t')
L = (u*w - y)**2/2 + g*(u**2 + w**2)/2
F = [-sp.diff(L, u), -sp.diff(L, w)]
print("d/dt (u^2 - w^2) + 2 gam (u^2 - w^2) =", sp.expand(2*u*F[0] - 2*w*F[1] + 2*g*(u**2 - w**2)))
J = sp.Matrix(F).jacobian([u, w])
s = sp.sqrt(y - g)
print("balanced point is stationary:", [sp.simplify(f.subs({u: s, w: s})) for f in F])
print("flow Jacobian eigenvalues there:", sp.simplify(J.subs({u: s, w: s})).eigenvals())
print("flow Jacobian eigenvalues at 0:", J.subs({u: 0, w: 0}).eigenvals())
vals = {y: 1, g: sp.Rational(1, 4)}
print("file values y = 1, gam = 1/4: min at", sp.sqrt(sp.Rational(3, 4)), "eigs", J.subs({u: s, w: s}).subs(vals).eigenvals(),
      "origin eigs", J.subs({u: 0, w: 0}).subs(vals).eigenvals())
# the flow from (3/10, 1/10)
f = odefun(lambda t, z: [-(z[0]*z[1] - 1)*z[1] - z[0]/4, -(z[0]*z[1] - 1)*z[0] - z[1]/4], 0, [mpf(3)/10, mpf(1)/10])
for T in (1, 5):
    U, W = f(T)
    print("t =", T, ": u =", nstr(U, 40), " w =", nstr(W, 40), " u w =", nstr(U*W, 40),
          " u^2 - w^2 =", nstr(U**2 - W**2, 30), " (8/100) e^(-T/2) =", nstr(mpf(8)/100*mp.exp(-mpf(T)/2), 30))
U, W = f(60)
print("t = 60: u w =", nstr(U*W, 30), " (y - gam = 3/4)")
# collapse scenario gam = 3/2 > y: the origin attracts
# Gradient descent: Hessian at the minimum has eigenvalues 2(y - gam) and 2 gam, so the step multipliers are
# 1 - 2 eta (y - gam) and 1 - 2 eta gam; the minimum loses stability at eta = 1/max(y - gam, gam).
H = sp.hessian(L, [u, w]).subs({u: s, w: s})
print("Hessian eigenvalues at the minimum:", sp.simplify(H).eigenvals())
for e in (sp.Rational(1, 2), sp.Rational(6, 5)):
    M = sp.eye(2) - e*H.subs(vals)
    print("eta =", e, ": GD multipliers", M.eigenvals())
# GD iterates from (3/10, 1/10) at eta = 1/2, exact rationals
U, W = sp.Rational(3, 10), sp.Rational(1, 10)
e = sp.Rational(1, 2)
for k in range(1, 4):
    U, W = U - e*((U*W - 1)*W + U/4), W - e*((U*W - 1)*U + W/4)
    if k in (1, 3):
        print("GD step", k, ": u =", U, "=", sp.N(U, 40), " w =", sp.N(W, 40))
# GD imbalance: u+^2 - w+^2 = (1 - eta gam)^2 (u^2 - w^2) - eta^2 (u w - y)^2 (u^2 - w^2)... exact form:
up, wp = u - eta*sp.diff(L, u), w - eta*sp.diff(L, w)
print("u+^2 - w+^2 - (u^2 - w^2)((1 - eta gam)^2 - eta^2 (u w - y)^2) =",
      sp.expand(up**2 - wp**2 - (u**2 - w**2)*((1 - eta*g)**2 - eta**2*(u*w - y)**2)))
