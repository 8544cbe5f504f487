# Reference for b6_domine_lambda_balanced.phc: sympy (invariant, NTK, implicit solution) and mpmath closed-form checks.
import mpmath as mp, sympy as sp
from ref import ode_at, show
mp.mp.dps = 50
w1, w2, y, lam, a = sp.symbols('w1 w2 y lam a', positive=True)
A = w1*w2; f1 = (y - A)*w2; f2 = (y - A)*w1
print("sympy d/dt(w2^2 - w1^2) =", sp.expand(2*w2*f2 - 2*w1*f1))
print("sympy (w1^2+w2^2)^2 - ((w2^2-w1^2)^2 + 4 a^2) =", sp.expand((w1**2 + w2**2)**2 - ((w2**2 - w1**2)**2 + 4*A**2)))
Kinf = sp.sqrt(lam**2 + 4*y**2)
G = (lam**2 + 4*a*y + Kinf*sp.sqrt(lam**2 + 4*a**2))/(a - y)
adot = (y - a)*sp.sqrt(lam**2 + 4*a**2)
expr = sp.diff(G, a)*adot - Kinf*G
import random; rng = random.Random(5)
worst = 0
for _ in range(8):
    sub = {lam: sp.Rational(rng.randint(1, 50), 7), y: sp.Rational(rng.randint(1, 30), 11), a: sp.Rational(rng.randint(1, 40), 13)}
    v = abs(sp.N(expr.subs(sub), 60)); worst = max(worst, v)
print("d/dt G(a) - Kinf G along a' = (y - a) sqrt(lam^2 + 4 a^2), worst |.| over 8 rational points at 60 digits:", sp.N(worst, 5), "(0 up to rounding: TRUE)")
def sol(W1, W2, Y, times):
    return ode_at(lambda t, u: [(Y - u[0]*u[1])*u[1], (Y - u[0]*u[1])*u[0]], [W1, W2], times, dps=40, extra=10)
Y = mp.mpf(1)
ys, ag = sol('0.2', '0.6', Y, [1, 3])
L0 = mp.mpf('0.32'); KI = mp.sqrt(L0**2 + 4*Y**2)
Gf = lambda A: (L0**2 + 4*A*Y + KI*mp.sqrt(L0**2 + 4*A**2))/(A - Y)
print("odefun agreement:", mp.nstr(ag, 5))
for T, (u, v) in zip([1, 3], ys):
    show(f"t={T}: lambda", v**2 - u**2, L0); show(f"t={T}: K vs sqrt(lam^2+4a^2)", u**2 + v**2, mp.sqrt(L0**2 + 4*(u*v)**2))
    show(f"t={T}: G(a) vs G(a0) e^(Kinf t)", Gf(u*v), Gf(mp.mpf('0.12'))*mp.exp(KI*T)); print(f"   a - y = {mp.nstr(u*v - Y, 5)}")
print("limits: G(a(t)) = G(a0) e^{Kinf t} -> -inf forces a -> y (G has a pole at a = y): a -> y TRUE; K -> sqrt(lam^2 + 4 y^2) TRUE")
yr, agr = sol('0.1', '0.1', Y, [3])
show("rich: w2^2 - w1^2 at t=3", yr[0][1]**2 - yr[0][0]**2, mp.mpf(0), "(u = w by symmetry)")
yl, agl = sol('0.01', '20', Y, [1])
al = yl[0][0]*yl[0][1]
print(f"lazy: a(1) = {mp.nstr(al, 30)} (odefun agreement {mp.nstr(agl, 4)}); y + (a0 - y) e^(-Kinf t) = {mp.nstr(Y + (mp.mpf('0.2') - Y)*mp.exp(-mp.sqrt(400**2 + 4)), 10)}; to 3 digits: {mp.nstr(al, 3)}")
