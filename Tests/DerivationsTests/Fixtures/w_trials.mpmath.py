"""Referee of the ninth-session trials w01-w10 (UnseenTrial9Tests): every number the .phc files state, computed
independently here with mpmath (closed forms, odefun at two precisions, quadrature, iterations at 60 digits) and
numpy (the Monte Carlo of w08). Run in this folder:
    python3 w_trials.mpmath.py > w_trials.mpmath.out"""
import mpmath as mp
from ref import ode_at, show
mp.mp.dps = 60
mpf = mp.mpf

print("== w01 Kunin et al. 2021: a scale-invariant loss with weight decay")
c, lam = mpf('0.6'), mpf('0.1')
w0 = [mpf(1), mpf('0.5')]
def grad(w, lam):
    r2 = w[0]**2 + w[1]**2; r = mp.sqrt(r2); e = w[0]/r - c
    return [e*w[1]**2/r**3 + lam*w[0], -e*w[0]*w[1]/r**3 + lam*w[1]]
def flow(lam):
    return lambda t, w: [-g for g in grad(w, lam)]
(v3,), ag = ode_at(flow(lam), w0, [3], dps=40)
show("|w(3)|^2 (lam = 1/10)", v3[0]**2 + v3[1]**2, (w0[0]**2 + w0[1]**2)*mp.exp(-6*lam), f"odefun 40/55 agree {mp.nstr(ag, 4)}")
show("w1(3)/|w(3)| (lam = 1/10)", v3[0]/mp.sqrt(v3[0]**2 + v3[1]**2))
(v5,), ag = ode_at(flow(0), w0, [5], dps=40)
show("w1(5) (lam = 0)", v5[0])
# gradient descent without weight decay: |w|^2 grows by eta^2 |grad|^2 each step
eta = mpf('0.5'); w = list(w0)
for k in range(10):
    g = grad(w, 0); w = [w[0] - eta*g[0], w[1] - eta*g[1]]
show("|w|^2 after 10 GD steps (eta = 1/2, lam = 0)", w[0]**2 + w[1]**2)
show("w1/|w| after 10 GD steps", w[0]/mp.sqrt(w[0]**2 + w[1]**2))
# the limit direction under GD: the iteration's last value at 400 steps
w = list(w0)
for k in range(400):
    g = grad(w, 0); w = [w[0] - eta*g[0], w[1] - eta*g[1]]
show("|w|^2 after 400 GD steps", w[0]**2 + w[1]**2)
show("w1/|w| after 400 GD steps", w[0]/mp.sqrt(w[0]**2 + w[1]**2))

print("== w02 Soudry et al. 2018 / Ji and Telgarsky 2019: separable data")
w10, w20, w30 = mpf(0), mpf('0.5'), mpf(0)
rhs = lambda t, w: [mp.exp(-w[0]), 2*mp.exp(-2*w[1]), 1/(1 + mp.exp(w[2]))]
(v,), ag = ode_at(rhs, [w10, w20, w30], [3], dps=40)
show("w1(3) integrated", v[0], mp.log(3 + mp.exp(w10)), f"odefun agree {mp.nstr(ag, 4)}")
show("w2(3) integrated", v[1], mp.log(12 + mp.exp(2*w20))/2)
show("w3(3) (logistic)", v[2])
show("w3 + exp(w3) - t at t = 3", v[2] + mp.exp(v[2]) - 3, w30 + mp.exp(w30))
# limits: w2 - w1/2 -> log 2; w3 - log t -> 0 (w3 = log(t + C - w3), C = w30 + e^w30)
show("w2 - w1/2 at t = 10^12 (closed form), still approaching log 2 like 1/t: its gap", mp.log(4*mpf(10)**12 + mp.exp(2*w20))/2 - mp.log(mpf(10)**12 + mp.exp(w10))/2 - mp.log(2))
show("margin ratio w2/w1 at t = 10^8 (still 0.06 from 1/2)", (mp.log(4*mpf(10)**8 + mp.exp(2*w20))/2)/mp.log(mpf(10)**8 + mp.exp(w10)))
def w3_at(t):
    C = w30 + mp.exp(w30); return mp.findroot(lambda w: w + mp.exp(w) - t - C, mp.log(t))
show("w3 - log t at t = 10^6", w3_at(mpf(10)**6) - mp.log(mpf(10)**6))

print("== w03 Pesme and Flammarion 2023: u^2 - v^2 from alpha, one coordinate in closed form")
def beta_closed(t, alpha, y):
    k = 4*mp.sqrt(y**2 + 4*alpha**4)
    zp = (y + mp.sqrt(y**2 + 4*alpha**4))/(2*alpha**2); zm = (y - mp.sqrt(y**2 + 4*alpha**4))/(2*alpha**2)
    C = (1 - zp)/(1 - zm); E = C*mp.exp(-k*t)
    z = (zp - E*zm)/(1 - E)
    return alpha**2*(z - 1/z), z
alpha, y1, y2 = mpf('0.01'), mpf(1), mpf('0.25')
def gf(t, s):  # u1, v1, u2, v2
    b1 = s[0]**2 - s[1]**2 - y1; b2 = s[2]**2 - s[3]**2 - y2
    return [-2*b1*s[0], 2*b1*s[1], -2*b2*s[2], 2*b2*s[3]]
(v3, v12), ag = ode_at(gf, [alpha]*4, [3, 12], dps=40)
show("beta1(3) integrated", v3[0]**2 - v3[1]**2, beta_closed(3, alpha, y1)[0], f"odefun agree {mp.nstr(ag, 4)}")
show("beta2(3) integrated", v3[2]**2 - v3[3]**2, beta_closed(3, alpha, y2)[0])
show("beta2(12) integrated", v12[2]**2 - v12[3]**2, beta_closed(12, alpha, y2)[0])
show("u1(3) integrated", v3[0], alpha*mp.sqrt(beta_closed(3, alpha, y1)[1]))
# the time at which beta_i reaches y_i/2, and the alpha at which that time is T
def t_half(alpha, y):
    return mp.findroot(lambda t: beta_closed(t, alpha, y)[0] - y/2, mp.log(1/alpha)/(2*y))
show("t_half coordinate 1 (alpha = 0.01)", t_half(alpha, y1))
show("t_half coordinate 2 (alpha = 0.01)", t_half(alpha, y2))
show("the small-alpha time scale log(1/alpha^2)/(4 y1)", mp.log(1/alpha**2)/(4*y1))
a_c = mp.findroot(lambda a: beta_closed(2, a, y1)[0] - y1/2, mp.exp(-4))
show("alpha where beta1(2) = y1/2", a_c)
show("  check: t_half at that alpha", t_half(a_c, y1), mpf(2))

print("== w04 Elkabetz and Cohen 2021: depth-3 scalar network, GF and GD")
a0 = mpf('0.5')
def F3(q):  # antiderivative: t = -(1/q) - log(1-q)/3 + log(q^2+q+1)/6 - atan((2q+1)/sqrt3)/sqrt3 + const ... with y = 1
    return -1/q - mp.log(1 - q)/3 + mp.log(q**2 + q + 1)/6 - mp.atan((2*q + 1)/mp.sqrt(3))/mp.sqrt(3)
g3 = lambda t, s: [-(s[0]*s[1]*s[2] - 1)*s[1]*s[2], -(s[0]*s[1]*s[2] - 1)*s[0]*s[2], -(s[0]*s[1]*s[2] - 1)*s[0]*s[1]]
(v,), ag = ode_at(g3, [a0]*3, [2], dps=40)
p2 = v[0]*v[1]*v[2]; q2 = mp.cbrt(p2)
show("p(2) = abc at t = 2 (integrated)", p2, None, f"odefun agree {mp.nstr(ag, 4)}")
show("implicit: F(q(2)) - F(q(0)) (should be 3*2 = 6 / check factor)", F3(q2) - F3(a0))
# GD from (0.5, 0.6, 0.7) with eta = 0.1, 20 steps; the flow at t = 20*0.1 = 2
def gd(s, eta, n):
    a, b, c_ = s
    for _ in range(n):
        r = a*b*c_ - 1
        a, b, c_ = a - eta*r*b*c_, b - eta*r*a*c_, c_ - eta*r*a*b
    return a, b, c_
s0 = [mpf('0.5'), mpf('0.6'), mpf('0.7')]
for eta in (mpf('0.1'), mpf('0.05'), mpf('0.025')):
    a, b, c_ = gd(s0, eta, int(2/eta))
    show(f"GD abc at time 2, eta = {eta}", a*b*c_)
(v,), ag = ode_at(g3, s0, [2], dps=40)
show("GF abc at t = 2 from (0.5, 0.6, 0.7)", v[0]*v[1]*v[2])
a, b, c_ = gd(s0, mpf('0.1'), 20)
show("GD a^2 - b^2 after 20 steps, eta = 0.1", a**2 - b**2)
a, b, c_ = gd(s0, mpf('0.1'), 1)
show("GD a^2 - b^2 after one step", a**2 - b**2, (s0[0]**2 - s0[1]**2)*(1 - mpf('0.01')*(s0[0]*s0[1]*s0[2] - 1)**2*s0[2]**2))

print("== w05 Wang et al. 2022: large learning rates balance the layers of xy (GD on (xy - 1)^2/2)")
def gd_xy(x, y, eta, n):
    for _ in range(n):
        r = x*y - 1
        x, y = x - eta*r*y, y - eta*r*x
    return x, y
x0, y0 = mpf(3), mpf('0.1')
for eta in (mpf('0.05'), mpf('0.25'), mpf('0.3')):
    for n in (1, 5, 100, 300, 600):
        x, y = gd_xy(x0, y0, eta, n)
        print(f"eta = {eta}, step {n}: xy = {mp.nstr(x*y, 32)}, x^2 + y^2 = {mp.nstr(x**2 + y**2, 32)}, x^2 - y^2 = {mp.nstr(x**2 - y**2, 32)}, 2/eta = {mp.nstr(2/eta, 6)}")
# the flow conserves x^2 - y^2: the flow's limit has x^2 - y^2 = 8.99 and xy = 1
d = x0**2 - y0**2
xf2 = (d + mp.sqrt(d**2 + 4))/2
show("gradient flow's limit sharpness x^2 + y^2 = sqrt((x0^2 - y0^2)^2 + 4)", mp.sqrt(d**2 + 4))
x, y = gd_xy(x0, y0, mpf('0.25'), 1)
show("imbalance after one step (eta = 1/4)", x**2 - y**2, (x0**2 - y0**2)*(1 - mpf('0.25')**2*(x0*y0 - 1)**2))

print("== w06 Advani, Saxe and Sompolinsky 2020: generalization error of linear regression under gradient flow")
# Marchenko-Pastur law of ratio c = P/N (mean 1): lambda = 1 + c + 2 sqrt(c) cos(theta) maps theta ~ U(0, pi) onto
# its support, and E_MP[g] = E_theta[2 sin^2(theta) g(lambda)/lambda]; checked here against the density itself.
c, sw, sn = mpf(1)/2, mpf(1), mpf(1)/2
lm, lp = (1 - mp.sqrt(c))**2, (1 + mp.sqrt(c))**2
rho = lambda l: mp.sqrt((lp - l)*(l - lm))/(2*mp.pi*c*l)
def EMP(g): return mp.quad(lambda l: rho(l)*g(l), [lm, 1 + c, lp])
def Etheta(g): return mp.quad(lambda th: 2*mp.sin(th)**2*g(1 + c + 2*mp.sqrt(c)*mp.cos(th))/(1 + c + 2*mp.sqrt(c)*mp.cos(th)), [0, mp.pi])/mp.pi
show("E_MP[1] (density)", EMP(lambda l: 1), Etheta(lambda l: 1))
show("E_MP[lambda]", EMP(lambda l: l), mpf(1))
show("E_MP[lambda^2]", EMP(lambda l: l**2), 1 + c)
show("E_MP[1/lambda]", EMP(lambda l: 1/l), 1/(1 - c))
def Eg(tau): return c*Etheta(lambda l: sw**2*mp.exp(-2*l*tau) + sn**2*(1 - mp.exp(-l*tau))**2/l) + sn**2
def dEg(tau): return c*Etheta(lambda l: -2*l*sw**2*mp.exp(-2*l*tau) + 2*sn**2*(1 - mp.exp(-l*tau))*mp.exp(-l*tau))
show("E_g(1)", Eg(1), c*EMP(lambda l: sw**2*mp.exp(-2*l) + sn**2*(1 - mp.exp(-l))**2/l) + sn**2)
show("E_g(0)", Eg(0), c*sw**2 + sn**2)
show("E_g(inf) = sigma^2/(1 - c)", c*Etheta(lambda l: sn**2/l) + sn**2, sn**2/(1 - c))
ts = mp.findroot(dEg, 2)
show("optimal early-stopping time (dE_g/dtau = 0)", ts)
show("E_g at the optimal time", Eg(ts))
show("dE_g/dtau at tau = 1", dEg(1))

print("== w07 Amari / Zhang, Martens and Grosse 2019: GD, natural gradient and sqrtm-preconditioned flows of least squares")
M = mp.matrix
Sig = M([[2, mpf(1)/2], [mpf(1)/2, 1]]); Ws = M([[1, 2], [0, -1]]); W0 = M([[0, 0], [0, 0]])
def lossm(W): D = W - Ws; return (D*Sig*D.T)[0, 0]/2 + (D*Sig*D.T)[1, 1]/2
def flat(A): return [A[i, j] for i in range(2) for j in range(2)]
def unflat(v): return M([[v[0], v[1]], [v[2], v[3]]])
R = mp.sqrtm(Sig)
def flows(t, y):
    W, N, S = unflat(y[0:4]), unflat(y[4:8]), unflat(y[8:12])
    return flat(-(W - Ws)*Sig) + flat(-(N - Ws)) + flat(-(S - Ws)*R)
(v1,), ag = ode_at(flows, [0]*12, [1], dps=40)
Wc = Ws + (W0 - Ws)*mp.expm(-Sig*1); Sc = Ws + (W0 - Ws)*mp.expm(-R*1)
for k in range(4):
    show(f"GD W(1) entry {k}", v1[k], flat(Wc)[k], f"odefun agree {mp.nstr(ag, 4)}")
for k in range(4):
    show(f"sqrtm-preconditioned S(1) entry {k}", v1[8 + k], flat(Sc)[k])
show("GD loss at t = 1", lossm(unflat(v1[0:4])), lossm(Wc))
show("NGD loss at t = 1", lossm(unflat(v1[4:8])), lossm(W0)*mp.exp(-2))
show("preconditioned loss at t = 1", lossm(unflat(v1[8:12])), lossm(Sc))
show("loss at the start", lossm(W0))
print("sqrtm(Sigma) =", R)
show("trace(sqrtm(Sigma))", R[0, 0] + R[1, 1], mp.sqrt(Sig[0, 0] + Sig[1, 1] + 2*mp.sqrt(mp.det(Sig))))

print("== w08 Blanc et al. 2020 / Damian et al. 2021: SGD with label noise on f = u v")
import numpy as np
eta, sig, y = mpf('0.1'), mpf('0.5'), mpf(1)
u0, v0 = mpf(2), mpf('0.3')
r = u0*v0 - y; K = u0**2 + v0**2
show("E[u1 v1] exact", u0*v0 - eta*r*K + eta**2*(r**2 + sig**2)*u0*v0)
show("E[u1^2 + v1^2] exact", K - 4*eta*r*u0*v0 + eta**2*(r**2 + sig**2)*K)
show("E[u1 v1] without the noise term", u0*v0 - eta*r*K + eta**2*r**2*u0*v0)
# many steps: a Monte Carlo of 4 x 10^6 paths in doubles (numpy, its own generator); mean and standard error
rng = np.random.default_rng(20261207)
def mc(n, paths, e=0.1, s=0.5):
    u = np.full(paths, 2.0); v = np.full(paths, 0.3)
    for _ in range(n):
        g = u*v - 1.0 - s*rng.standard_normal(paths)
        u, v = u - e*g*v, v - e*g*u
    return u, v
u, v = mc(200, 4_000_000)
k = u**2 + v**2
print(f"MC step 200 (4e6 paths): mean u^2 + v^2 = {k.mean():.10f} +- {k.std()/np.sqrt(k.size):.2e}; mean (u - v)^2 = {((u - v)**2).mean():.10f} +- {((u - v)**2).std()/np.sqrt(k.size):.2e}; mean u v = {(u*v).mean():.10f} +- {(u*v).std()/np.sqrt(k.size):.2e}")
# noise-free: GD drifts to the minimum with u^2 - v^2 conserved up to eta^2 terms
uu, vv = mpf(2), mpf('0.3')
for _ in range(200):
    g = uu*vv - 1; uu, vv = uu - eta*g*vv, vv - eta*g*uu
show("noise-free GD: u^2 + v^2 at step 200", uu**2 + vv**2)

print("== w09 Mei, Montanari and Nguyen 2018 against the NTK: exponents by sympy's series in d")
import sympy as sp
d = sp.symbols('d', positive=True)
def q(m, eta):
    K = 2*m**2*d
    return {"K": K, "df": eta*K, "dnorm": sp.sqrt(1 + 2*eta*m + eta**2*m**2) - 1}
for name, (m, eta) in {"ntk": (d**sp.Rational(-1, 2), 1), "meanfield": (1/d, d)}.items():
    for k, v in q(m, eta).items():
        e = sp.limit(sp.log(v)/sp.log(d), d, sp.oo); c = sp.limit(v/d**e, d, sp.oo)
        print(f"  {name}: {k} ~ {c} d^{e}")
# on the grid a = 0:1:1/4, c = -1:1:1/4: dnorm's exponent is c - a exactly (sqrt((1 + x)^2) - 1 = x for x > 0)
cancel = assumed = 0
for ia in range(5):
    for ic in range(9):
        A, C = sp.Rational(ia, 4), sp.Rational(ic - 4, 4)
        v = q(d**-A, d**C)["dnorm"]
        e = sp.limit(sp.log(v)/sp.log(d), d, sp.oo)
        assert e == C - A, (A, C, e)
        if C <= A:
            assumed += 1
            if e != 0: cancel += 1
print(f"  dnorm ~ d^(c - a) at all 45 grid points; where c <= a ({assumed} points) the no-cancellation exponent 0 is wrong at {cancel}")

print("== w10 Rosset, Zhu and Hastie 2004: ridge-regularized logistic regression on one separable point")
lam = mpf('0.1')
ws = mp.findroot(lambda w: 1/(1 + mp.exp(w)) - lam*w, 2)
H = mp.exp(ws)/(1 + mp.exp(ws))**2 + lam
show("w* (1/(1 + e^w) = lam w)", ws)
show("L''(w*)", H)
show("GD eigenvalue at w*, eta = 1: 1 - L''", 1 - H)
show("stability edge 2/L''(w*)", 2/H)
(v,), ag = ode_at(lambda t, w: [1/(1 + mp.exp(w[0])) - lam*w[0]], [0], [2], dps=40)
show("flow w(2) from 0", v[0], None, f"odefun agree {mp.nstr(ag, 4)}")
for l in (mpf('0.01'), mpf('0.001')):
    w = mp.findroot(lambda w: 1/(1 + mp.exp(w)) - l*w, 5)
    show(f"w*(lam = {l}), and its slowly approached asymptote log(1/lam) - log(log(1/lam))", w, None, mp.nstr(mp.log(1/l) - mp.log(mp.log(1/l)), 10))
