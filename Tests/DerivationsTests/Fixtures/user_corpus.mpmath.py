"""Independent references for the user-corpus fixtures u01-u11 (mpmath/sympy). Each claim of each correct file
is checked here at 50+ digits (ODEs by mpmath's Taylor odefun at two precisions, limits by the closed forms or
by integration far out), and each digits value written into a file is computed here.
Run from this folder: python3 user_corpus.mpmath.py > user_corpus.mpmath.out (about 5 minutes).
user_corpus_plant.py plants one error in each claim of each file (the model and that claim alone) and counts
those `phasecheck verify` FAILS: python3 user_corpus_plant.py ../../../.build/debug/phasecheck u*[0-9a-z].phc"""
import mpmath as mp
import sympy as sp
from ref import ode_at, show

mp.mp.dps = 50

def check(name, value, claimed, tol=40):
    d = mp.inf if value == claimed else -mp.log10(abs(value - claimed) / max(abs(claimed), abs(value), mp.mpf(10)**-60))
    print(f"  {name}: {mp.nstr(value, 30)} vs {mp.nstr(claimed, 30)}  -> {'TRUE' if d > tol else 'FALSE'} ({mp.nstr(d, 4)} digits)")

print("u01 Tarmoun: y = 1.5, u0 = 0.2, w0 = 0.9")
y, u0, w0 = mp.mpf('1.5'), mp.mpf('0.2'), mp.mpf('0.9')
lam = u0**2 - w0**2
K = mp.sqrt(lam**2 + 4*y**2)
G = lambda a: (K*mp.sqrt(lam**2 + 4*a**2) + 4*y*a + lam**2)/(a - y)
rhs = lambda t, v: [-(v[0]*v[1] - y)*v[1], -(v[0]*v[1] - y)*v[0]]
vals, agree = ode_at(rhs, [u0, w0], [2, 8])
for T, (u, w) in zip([2, 8], vals):
    a = u*w
    check(f"t={T} imbalance", u**2 - w**2, lam)
    check(f"t={T} u^2+w^2", u**2 + w**2, mp.sqrt(lam**2 + 4*a**2))
    check(f"t={T} implicit |G| = |G0| e^(Kt)", abs(G(a)), abs(G(u0*w0))*mp.exp(K*T))
# symbolic: d/dt ln|G(a)| along a' = -s (a - y) equals K
A, L, Y = sp.symbols('a lam y', positive=True)
Ks = sp.sqrt(L**2 + 4*Y**2); ss = sp.sqrt(L**2 + 4*A**2)
Gs = (Ks*ss + 4*Y*A + L**2)/(A - Y)
expr = sp.diff(sp.log(Gs), A)*(-ss*(A - Y)) - Ks
print("  symbolic d/dt log G - K at random points:", [mp.nstr(sp.N(expr.subs({A: av, L: lv, Y: yv}), 30), 5) for av, lv, yv in [(0.3, -0.5, 1.5), (2.1, 0.7, 0.9)]])
print("  u^2 -> (lam + K)/2 since u^2 - w^2 = lam, u^2 w^2 = y^2:", mp.nstr((lam + K)/2, 30))
with mp.workdps(60):
    f = mp.odefun(rhs, 0, [u0, w0]); u, w = f(60)
    check("t=60 a vs y", u*w, y, 20); check("t=60 u^2 vs (lam+K)/2", u**2, (lam + K)/2, 20)

print("u02 silent alignment")
beta = [mp.mpf(1), mp.mpf('0.5'), mp.mpf('-0.5')]
B = mp.sqrt(sum(b*b for b in beta))
def rhs2(t, v):
    a, w = v[0], v[1:]
    ww = sum(x*x for x in w); wb = sum(x*b for x, b in zip(w, beta))
    return [-(a*ww - wb)] + [-a*(a*x - b) for x, b in zip(w, beta)]
v0 = [mp.mpf('0.01'), mp.mpf('0.002'), mp.mpf('0.01'), mp.mpf('0.005')]
times = [1, 5, 10, 20, 30, 60]
vals, agree = ode_at(rhs2, v0, times, dps=40, extra=10)
print("  two-run agreement digits:", mp.nstr(agree, 5))
prev = None
for T, v in zip(times, vals):
    a, w = v[0], v[1:]
    par = sum(x*b for x, b in zip(w, beta))/B
    perp = [x - par*b/B for x, b in zip(w, beta)]
    cos = par/mp.sqrt(sum(x*x for x in w))
    print(f"  t={T}: a^2-|w|^2 = {mp.nstr(a*a - sum(x*x for x in w), 20)}, a*par = {mp.nstr(a*par, 20)} (B = {mp.nstr(B, 20)}), |perp|^2 = {mp.nstr(sum(p*p for p in perp), 10)}, cos = {mp.nstr(cos, 20)}")
a0 = v0[0]; wv0 = v0[1:]
print("  a0^2 - |w0|^2 =", mp.nstr(a0**2 - sum(x*x for x in wv0), 20))
# rates: symbolic check of d/dt |perp|^2 = -2 a^2 |perp|^2 and d/dt par = a B - a^2 par
a_, w1, w2, w3 = sp.symbols('a w1 w2 w3')
bv = sp.Matrix([1, sp.Rational(1, 2), -sp.Rational(1, 2)]); Bs = sp.sqrt(bv.dot(bv))
wv = sp.Matrix([w1, w2, w3]); adot = -(a_*wv.dot(wv) - wv.dot(bv)); wdot = -a_*(a_*wv - bv)
pars = wv.dot(bv)/Bs; perpv = wv - pars*bv/Bs
print("  d/dt |perp|^2 + 2 a^2 |perp|^2 =", sp.simplify(sp.Matrix([perpv.dot(perpv)]).jacobian(wv)*wdot + sp.Matrix([2*a_**2*perpv.dot(perpv)])))
print("  d/dt par - (a B - a^2 par) =", sp.simplify(sp.Matrix([pars]).jacobian(wv)*wdot - sp.Matrix([a_*Bs - a_**2*pars])))

print("u03 logistic and Gompertz: r = 0.7, K = 2 r + 0.6 = 2, x0 = 0.1")
r = mp.mpf('0.7'); Kc = 2*r + mp.mpf('0.6'); x0 = mp.mpf('0.1')
xs = lambda t: Kc/(1 + (Kc/x0 - 1)*mp.exp(-r*t))
ys = lambda t: Kc*mp.exp(mp.log(x0/Kc)*mp.exp(-r*t))
vals, agree = ode_at(lambda t, v: [r*v[0]*(1 - v[0]/Kc), r*v[1]*mp.log(Kc/v[1])], [x0, x0], [3, 20])
for T, v in zip([3, 20], vals):
    check(f"t={T} logistic closed form", xs(T), v[0]); check(f"t={T} Gompertz closed form", ys(T), v[1])
check("logistic inflection", xs(mp.log(Kc/x0 - 1)/r), Kc/2)
check("Gompertz inflection", ys(mp.log(mp.log(Kc/x0))/r), Kc/mp.e)
print("  x(5) =", mp.nstr(xs(5), 28))
T = mp.mpf(3); check("log-log linear", mp.log(mp.log(Kc/ys(T))), mp.log(mp.log(Kc/x0)) - r*T)
check("logit rate", mp.diff(lambda t: mp.log(xs(t)/(Kc - xs(t))), 3), r, 30)

print("u04 Lotka-Volterra: alpha = 1.1, beta = 0.4, delta = 0.1, g = 0.4, x0 = y0 = 10")
al, be, de, g = mp.mpf('1.1'), mp.mpf('0.4'), mp.mpf('0.1'), mp.mpf('0.4')
V = lambda x, y: de*x - g*mp.log(x) + be*y - al*mp.log(y)
vals, agree = ode_at(lambda t, v: [al*v[0] - be*v[0]*v[1], de*v[0]*v[1] - g*v[1]], [10, 10], [5, 20], dps=40, extra=10)
print("  two-run agreement digits:", mp.nstr(agree, 5))
for T, v in zip([5, 20], vals):
    check(f"t={T} V conserved", V(*v), V(10, 10), 30)
print("  x(5) =", mp.nstr(vals[0][0], 28))
print("  equilibrium [g/delta, alpha/beta] =", mp.nstr(g/de, 25), mp.nstr(al/be, 25))

print("u05 quadratic, A = [[2, .5], [.5, 1]], xs = [1, -1], c = 1")
Am = mp.matrix([[2, mp.mpf('0.5')], [mp.mpf('0.5'), 1]]); xsv = mp.matrix([1, -1])
xq = lambda t: xsv + mp.expm(-t*Am)*(mp.matrix([0, 0]) - xsv)
Lq = lambda t: ((xq(t) - xsv).T*Am*(xq(t) - xsv))[0]/2
print("  L(1) =", mp.nstr(Lq(1), 28))
vals, agree = ode_at(lambda t, v: list(-(Am*(mp.matrix(v) - xsv))), [0, 0], [3])
check("t=3 expm form vs integration", (xq(3) - mp.matrix(vals[0])).apply(abs)[0] + 1, 1, 30)
check("L(120) -> 0 (below 10^-40)", Lq(120) + 1, 1)

print("u06 kinks: x' = 1 + max(x, 0) from -2, z' = 2 - |z| from -1")
with mp.workdps(40):
    # piecewise by hand: x = t - 2 until 2; then e^(t-2) - 1. z = e^t - 2 until ln 2; then 2 - 4 e^-t.
    X = lambda t: t - 2 if t <= 2 else mp.expm1(t - 2)
    Z = lambda t: mp.exp(t) - 2 if t <= mp.log(2) else 2 - 4*mp.exp(-t)
    # integrate each piece with odefun from the switch to confirm
    f = mp.odefun(lambda t, v: [1 + max(v[0], 0)], 2, [mp.mpf(0)]); check("x(3) by odefun after the switch", f(3)[0], mp.e - 1, 30)
    f = mp.odefun(lambda t, v: [2 - abs(v[0])], mp.log(2), [mp.mpf(0)]); check("z(1) by odefun after the switch", f(1)[0], 2 - 4/mp.e, 30)
    check("x(3) closed", X(3), mp.e - 1); check("x(1)", X(1), -1); check("z(1)", Z(1), 2 - 4/mp.e); check("z(ln 2) + 1", Z(mp.log(2)) + 1, 1); check("z(ln 2 + 1)", Z(mp.log(2) + 1), 2 - 2/mp.e)
    print("  the closed forms of the file: min(t - 2, 0) + expm1(max(t - 2, 0)) and min(e^t - 2, 0) + max(2 - 4 e^-t, 0):",
          [mp.nstr(min(t - 2, 0) + mp.expm1(max(t - 2, 0)) - X(t), 3) for t in [1, 2, 3]], [mp.nstr(min(mp.exp(t) - 2, 0) + max(2 - 4*mp.exp(-t), 0) - Z(t), 3) for t in [0.5, 1, 3]])

print("u07 oscillator: omega = 2, q0 = [1, 0.5]")
om = 2; q0 = [mp.mpf(1), mp.mpf('0.5')]
qs = lambda t: [q0[0]*mp.cos(om*t) + q0[1]/om*mp.sin(om*t), -q0[0]*om*mp.sin(om*t) + q0[1]*mp.cos(om*t)]
E = lambda q: (q[1]**2 + om**2*q[0]**2)/2
vals, agree = ode_at(lambda t, v: [v[1], -om**2*v[0]], q0, [3, 10])
for T, v in zip([3, 10], vals):
    check(f"t={T} closed vs integrated q1", qs(T)[0], v[0]); check(f"t={T} E", E(v), E(q0))
check("period", qs(2*mp.pi/om)[0], 1); check("half period", qs(mp.pi/om)[1], mp.mpf('-0.5')); check("E(3)", E(qs(3)), mp.mpf('2.125'))

print("u08 identities")
for x, y, k in [(mp.mpf('0.7'), mp.mpf('1.3'), 2), (mp.mpf('3.1'), mp.mpf('5'), -7)]:
    check("atan", mp.atan(x) + mp.atan(1/x), mp.pi/2); check("log", mp.log(x*y), mp.log(x) + mp.log(y))
    check("cube", (1 + x)**3 - 1 - 3*x - 3*x**2 - x**3 + 1, 1); check("cosh", mp.cosh(k)**2 - mp.sinh(k)**2, 1)
    check("tanh", mp.tanh(2*k), 2*mp.tanh(k)/(1 + mp.tanh(k)**2)); check("erf", mp.erf(x) + mp.erfc(x), 1)
    check("log ratio", mp.log(y/x), abs(mp.log(y) - mp.log(x))); check("asinh", mp.asinh(k), mp.log(k + mp.sqrt(k*k + 1)))
    check("E z^4", mp.quad(lambda z: z**4*mp.npdf(z, k, 1), [-mp.inf, mp.inf]), k**4 + 6*k**2 + 3, 30)
check("E relu", mp.quad(lambda z: max(z, 0)*mp.npdf(z), [-mp.inf, 0, mp.inf]), 1/mp.sqrt(2*mp.pi), 30)
print("  exp(pi sqrt 163) =", mp.nstr(mp.exp(mp.pi*mp.sqrt(163)), 35), " sqrt(2) =", mp.nstr(mp.sqrt(2), 32))

print("u09 Arora depth 3: y = 2, s = 0.5")
yv, s = 2, mp.mpf('0.5')
def rhs9(t, v):
    p = v[0]*v[1]*v[2]
    return [-(p - yv)*v[1]*v[2], -(p - yv)*v[0]*v[2], -(p - yv)*v[0]*v[1]]
vals, agree = ode_at(rhs9, [s, s, s], [1, 10])
p1 = vals[0][0]*vals[0][1]*vals[0][2]
print("  p(1) =", mp.nstr(p1, 25), " agreement", mp.nstr(agree, 4))
# p' = -3 p^(4/3)(p - y) integrated directly
f = mp.odefun(lambda t, v: [-3*v[0]**(mp.mpf(4)/3)*(v[0] - yv)], 0, [s**3]); check("p(1) from the end-to-end ODE", f(1)[0], p1)
check("w1 = p^(1/3) at t=1", vals[0][0], p1**(mp.mpf(1)/3))

print("u10 limits: k = 1.5, c = 2, x0 = 0, y0 = 3")
k, c = mp.mpf('1.5'), 2
xl = lambda t: c/k + (0 - c/k)*mp.exp(-k*t)
check("(x - c/k) e^(kt) = x0 - c/k", (xl(7) - c/k)*mp.exp(k*7), -c/k, 30)
f = mp.odefun(lambda t, v: [c - k*v[0], -v[1] + v[0]**2], 0, [mp.mpf(0), mp.mpf(3)])
check("y(60) -> (c/k)^2", f(60)[1], (c/k)**2, 25)

print("u11 abc: dh = eta*mult*sv = d^(-a-b-c); NTK: d^-1/2; muP: d*d^-1/2*d^-1/2 = 1; f0 under muP = d^-1/2 d^1/2 d^-1/2 -> 0")
