# Reference values for i02_weight_decay_limit.phc, mpmath 50 digits.
import mpmath as mp
from ref import ode_at, show
mp.mp.dps = 50
y, lam = mp.mpf(2), mp.mpf(1) / 2
rhs = lambda t, s: [-(s[0]*s[1] - y)*s[1] - lam*s[0], -(s[0]*s[1] - y)*s[0] - lam*s[1]]
ys, ag = ode_at(rhs, ['1.5', '0.2'], [60], dps=40, extra=10)
u, w = ys[0]
print("odefun agreement between runs:", mp.nstr(ag, 5))
show("u w at t = 60", u*w, y - lam)
show("u^2 - w^2 at t = 60", u**2 - w**2)
# The equilibrium the state at t = 60 is nearest to, by Newton's method, and the Jacobian's eigenvalues there.
F = lambda a, b: rhs(0, [a, b])
us, ws = mp.findroot(F, (u, w))
show("equilibrium u*", us, mp.sqrt(y - lam))
show("equilibrium u* w*", us*ws, y - lam)
J = mp.matrix(2, 2)
h = mp.mpf(10)**-20
for j in range(2):
    e = [us, ws]; e[j] += h
    fp = F(*e); fm = F(*[us - h if j == 0 else us, ws - h if j == 1 else ws])
    for i in range(2): J[i, j] = (fp[i] - fm[i]) / (2*h)
print("Jacobian eigenvalues at the equilibrium:", [mp.nstr(mp.re(v), 10) for v in mp.eig(J)[0]], "(both negative: attracting)")
print("sqrt(y - lam) to 25 digits:", mp.nstr(mp.sqrt(y - lam), 25))
print("limit u w = y - lam = 3/2 (TRUE); PLANTED y - lam + 10^-20: FALSE")
