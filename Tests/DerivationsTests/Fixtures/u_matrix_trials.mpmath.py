"""Referee of the matrix trials u12-u20 (UnseenMatrixTrialTests): every number the .phc files state, computed
independently with mpmath matrices (closed forms) and mpmath's Taylor odefun at two precisions (the flows), and
sympy (exact fixed points, eigenvalues, the Lyapunov solution). Run in this folder:
    python3 u_matrix_trials.mpmath.py > u_matrix_trials.mpmath.out"""
import mpmath as mp
import sympy as sp
from ref import ode_at, show

def compare(name, closed, integrated, note=""):
    """A closed form against an integration (or a second method): both values and their digits of agreement."""
    d = -mp.log10(abs(closed - integrated)/max(abs(integrated), mp.mpf(10)**-40)) if closed != integrated else mp.inf
    print(f"{name}: {mp.nstr(closed, 32)}   second method {mp.nstr(integrated, 32)}   agree to {mp.nstr(d, 4)} digits {note}")

mp.mp.dps = 50
M = mp.matrix
def mat_flat(A): return [A[i, j] for i in range(A.rows) for j in range(A.cols)]
def unflat(y, m, n): return M([[y[i*n + j] for j in range(n)] for i in range(m)])
def T(A): return A.T

print("== u12 Fukumizu: balanced two-layer network, M = W2 W1 follows the Riccati closed form")
S = M([[2, '0.5'], ['0.5', 1]]); A = M([['0.1', '0.05'], ['-0.05', '0.1'], ['0.02', '0.03']])
M0 = T(A) * A
def Mc(t): return mp.expm(S*t) * mp.inverse(mp.inverse(M0) + mp.inverse(S) * (mp.expm(2*S*t) - mp.eye(2))) * mp.expm(S*t)
def net(t, y):
    W1 = unflat(y[:6], 3, 2); W2 = unflat(y[6:], 2, 3); E = S - W2*W1
    return mat_flat(T(W2)*E) + mat_flat(E*T(W1))
(vals,), agree = ode_at(net, mat_flat(A) + mat_flat(T(A)), [2], dps=30, extra=10)
Mint = unflat(vals[6:], 2, 3) * unflat(vals[:6], 3, 2)
for k, (x, y) in enumerate(zip(mat_flat(Mc(2)), mat_flat(Mint))):
    compare(f"M(2)[{k}] closed form vs the integrated network", x, y, f"(odefun at 30 and 40 digits agree to {mp.nstr(agree, 4)})")

print("== u13 Saxe et al. 2019: hierarchy of four items")
s = [mp.sqrt(7)/2, mp.sqrt(3)/2]; a0 = mp.mpf('0.01')
t1 = 1/(2*s[0])*mp.log(s[0]/a0 - 1); t2 = 1/(2*s[1])*mp.log(s[1]/a0 - 1)
show("t2 - t1 (tau = 1)", t2 - t1)
show("t2 (tau = 1)", t2)
Y = M([[1,1,1,1],[1,1,0,0],[0,0,1,1],[1,0,0,0],[0,1,0,0],[0,0,1,0],[0,0,0,1]])
Sig = Y/2
print("singular values of Sigma:", [mp.nstr(x, 30) for x in mp.svd_r(Sig, compute_uv=False)])
V2 = M([[0.5,0.5],[0.5,0.5],[0.5,-0.5],[0.5,-0.5]])
print("||Sigma - Sigma V2 V2^T||^2 =", mp.nstr(mp.mnorm(Sig - Sig*V2*T(V2), 'f')**2, 30))

print("== u14 Gidel et al. 2019: gradient descent, modes and the full matrix iteration")
eta = mp.mpf('0.05')
def modes(steps, s=(3, 1), a=(mp.mpf('0.01'), mp.mpf('0.02')), c=(mp.mpf('0.02'), mp.mpf('0.01'))):
    out = []
    for si, ai, ci in zip(s, a, c):
        for _ in range(steps):
            r = si - ai*ci
            ai, ci = ai + eta*ci*r, ci + eta*ai*r
        out.append(ai*ci)
    return out
m40 = modes(40)
U = M([['0.6','-0.8'],['0.8','0.6']]); V = M([[1,2],[2,1],[2,-2]])/3
Sg = U*mp.diag([3,1])*T(V)
W1 = mp.diag([mp.mpf('0.01'), mp.mpf('0.02')])*T(V); W2 = U*mp.diag([mp.mpf('0.02'), mp.mpf('0.01')])
for _ in range(40):
    E = Sg - W2*W1
    W1, W2 = W1 + eta*T(W2)*E, W2 + eta*E*T(W1)
Mm = T(U)*W2*W1*V
compare("mode 1 at step 40: scalar recursion vs the matrix iteration", m40[0], Mm[0,0])
compare("mode 2 at step 40: scalar recursion vs the matrix iteration", m40[1], Mm[1,1])
show("off-diagonal at step 40", Mm[0,1] + Mm[1,0])
show("m1/3 - m2 at step 40", m40[0]/3 - m40[1])
W1 = mp.diag([mp.mpf('0.01'), mp.mpf('0.02')])*T(V); W2 = U*mp.diag([mp.mpf('0.02'), mp.mpf('0.01')])
for k in range(1, 801):
    E = Sg - W2*W1
    W1, W2 = W1 + eta*T(W2)*E, W2 + eta*E*T(W1)
    if k in (200, 400, 800): show(f"||W2 W1 - Sigma||_F at step {k}", mp.mnorm(Sg - W2*W1, 'f'))

print("== u15 least squares by gradient descent: the threshold 2/lambda_max (sympy)")
Qs = sp.Matrix([[1,2,2],[2,1,-2],[2,-2,1]])/3
Cs = Qs*sp.diag(4,2,1)*Qs.T
print("eigenvalues of C:", Cs.eigenvals(), "-> eta_c = 2/4 = 1/2; B C^-1 =", sp.Matrix([[1,0,-1]])*Cs.inv())
wv = sp.symbols('w1:4'); etas = sp.Symbol('eta'); Wv = sp.Matrix([list(wv)])
Ls = (Wv*Cs*Wv.T)[0]/2 - (sp.Matrix([[1,0,-1]])*Wv.T)[0]
Gmap = sp.Matrix([w - etas*sp.diff(Ls, w) for w in wv])
print("eigenvalues of the GD map's Jacobian:", Gmap.jacobian(wv).eigenvals())

print("== u16 weight decay: critical points and eigenvalues (sympy)")
lam = sp.Rational(3,4)
Us = sp.Matrix([[sp.Rational(3,5), -sp.Rational(4,5)],[sp.Rational(4,5), sp.Rational(3,5)]])
Vs = sp.Matrix([[1,2],[2,1],[2,-2]])/3
Ss = Us*sp.diag(3,1)*Vs.T
w = sp.symbols('a1:4'); v = sp.symbols('b1:3'); X = list(w) + list(v)
W1s = sp.Matrix([list(w)]); W2s = sp.Matrix(list(v)); Es = Ss - W2s*W1s
lam_s = sp.Symbol('lam')
L = sum(x**2 for x in Es)/2 + lam_s*(sum(x**2 for x in W1s) + sum(x**2 for x in W2s))/2
F = sp.Matrix([-sp.diff(L, x) for x in X]); J = F.jacobian(X)
for name, pt in [("top", [sp.Rational(1,2), 1, 1, sp.Rational(9,10), sp.Rational(6,5)]),
                 ("second", [sp.Rational(1,3), sp.Rational(1,6), -sp.Rational(1,3), -sp.Rational(2,5), sp.Rational(3,10)]),
                 ("origin", [0]*5)]:
    sub = dict(zip(X, pt)); sub[lam_s] = lam
    print(f"{name}: F = {list(F.subs(sub))}, eigenvalues {sorted(J.subs(sub).eigenvals())}")
ev0 = J.subs(dict(zip(X, [0]*5))).eigenvals()
print("origin eigenvalues in lam:", list(ev0), "-> largest -lam + 3 vanishes at lam = 3")
print("top limit W2 W1 = (3 - lam) u1 v1^T:", (3 - lam)*Us[:, 0]*Vs[:, 0].T)

print("== u17 Yan-Helmke-Moore: Oja's subspace flow")
Qo = M([[1,2,2],[2,1,-2],[2,-2,1]])/3; C = Qo*mp.diag([4,2,1])*T(Qo); W0 = M([[1,0],[0,'0.6'],[0,'0.8']])
def oja_closed(t):
    G = T(W0)*mp.expm(2*C*t)*W0
    ev, Q = mp.eigsy(G)
    return mp.expm(C*t)*W0*(Q*mp.diag([1/mp.sqrt(x) for x in ev])*T(Q))
def oja(t, y):
    Wm = unflat(y, 3, 2); return mat_flat(C*Wm - Wm*T(Wm)*C*Wm)
(vals,), agree = ode_at(oja, mat_flat(W0), [1], dps=30, extra=10)
Wi = unflat(vals, 3, 2); Wc = oja_closed(1)
for k, (x, y) in enumerate(zip(mat_flat(Wc*T(Wc)), mat_flat(Wi*T(Wi)))):
    compare(f"W W^T(1)[{k}] closed form vs the integrated flow", x, y, f"(odefun at 30 and 40 digits agree to {mp.nstr(agree, 4)})")
print("projector:", Qo*mp.diag([1,1,0])*T(Qo))

print("== u18 linear RNN and its Gramian")
A = M([[-1,2,0],[0,-2,1],[0,0,-3]]); b = M([1,0,1]); x = mp.mpf('1.5'); h0 = M(['0.5', -1, 2])
Xl = M([[mp.mpf(7)/10, mp.mpf(1)/10, mp.mpf(4)/15], [mp.mpf(1)/10, mp.mpf(1)/60, mp.mpf(1)/30], [mp.mpf(4)/15, mp.mpf(1)/30, mp.mpf(1)/6]])
print("Lyapunov residual:", mp.mnorm(A*Xl + Xl*T(A) + b*T(b), 1))
def rnn(t, y):
    h = M(y[:3]); P = unflat(y[3:], 3, 3)
    return list(A*h + b*x) + mat_flat(A*P + P*T(A) + b*T(b))
(v1, v2), agree = ode_at(rnn, list(h0) + [0]*9, [1, 2], dps=30, extra=10)
hc = mp.expm(2*A)*h0 + mp.inverse(A)*(mp.expm(2*A) - mp.eye(3))*b*x
for k in range(3): compare(f"h(2)[{k}] closed form vs the integrated flow", hc[k], v2[k], f"(odefun at 30 and 40 digits agree to {mp.nstr(agree, 4)})")
Pc = Xl - mp.expm(A)*Xl*mp.expm(T(A))
compare("trace P(1) closed form vs the integrated flow", sum(Pc[i, i] for i in range(3)), sum(unflat(v1[3:], 3, 3)[i, i] for i in range(3)))
print("h -> -A^-1 b x =", -mp.inverse(A)*b*x, " det X =", mp.det(Xl))

print("== u19 matrix identities at random points")
import random
random.seed(4)
Mm = M([[1,2,0],[-1,'0.5',1],['0.25',-2,1]]); u = M([1,'-0.5',2]); vv = M(['0.3',1,-1])
worst = mp.inf
for _ in range(5):
    a, c, s_ = [mp.mpf(random.uniform(lo, hi)) for lo, hi in ((-1, 1), (0.1, 2), (-1, 1))]
    Am = mp.eye(3) + a*Mm; Bm = c*Am*Am - s_*Am; Sm = T(Am)*Am + c*mp.eye(3)
    r = lambda X_: mp.mpf(X_) if not isinstance(X_, mp.matrix) else X_
    checks = [mp.det(mp.expm(Am)) - mp.exp(sum(Am[i, i] for i in range(3))),
              mp.det(Am + u*T(vv)) - mp.det(Am)*(1 + (T(vv)*mp.inverse(Am)*u)[0]),
              mp.mnorm(mp.expm(Am + Bm) - mp.expm(Am)*mp.expm(Bm), 1),
              mp.mnorm(mp.sqrtm(Sm)**2 - Sm, 1),
              mp.mnorm(mp.expm(mp.logm(Sm)/3)**3 - Sm, 1)]
    worst = min(worst, min(-mp.log10(abs(z) + mp.mpf(10)**-60) for z in checks))
print("identities hold to", mp.nstr(worst, 4), "digits at 5 random points")
Am = mp.eye(3) + mp.mpf('0.7')*Mm; Bm = mp.mpf('0.4')*Am*Am - mp.mpf('0.3')*Am
print("planted, A and M^T do not commute: ||e^(A+M^T) - e^A e^(M^T)||_1 =", mp.nstr(mp.mnorm(mp.expm(Am + T(Mm)) - mp.expm(Am)*mp.expm(T(Mm)), 1), 10))

print("== u20 linear attention (Zhang, Frei and Bartlett): sympy, exact")
N = sp.Integer(4); Q2 = Us; Lam = Q2*sp.diag(2, 1)*Q2.T
Gs = ((1 + 1/N)*Lam + Lam.trace()/N*sp.eye(2)).inv()
g = sp.symbols('g0:4'); G = sp.Matrix(2, 2, g)
Lg = (1 + 1/N)/2*(Lam*G.T*Lam*G*Lam).trace() + Lam.trace()/(2*N)*(G.T*Lam*G*Lam).trace() - (Lam*G*Lam).trace() + Lam.trace()/2
grad = sp.Matrix(2, 2, [sp.diff(Lg, z) for z in g])
print("Gamma* =", Gs, " gradient there:", sp.simplify(grad.subs(dict(zip(g, Gs)))), " L* =", sp.nsimplify(Lg.subs(dict(zip(g, Gs)))))
print("Hessian eigenvalues:", sp.hessian(Lg, g).eigenvals(), "-> eta_c = 2/13")
Gk = sp.zeros(2, 2)
for _ in range(10): Gk = Gk - sp.Rational(1, 10)*grad.subs(dict(zip(g, Gk)))
print("G after 10 steps at eta = 1/10:", Gk, [str(sp.N(z, 20)) for z in Gk])
