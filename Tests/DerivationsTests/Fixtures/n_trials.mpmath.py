# Referee for the n01-n14 trial derivations (FreshTrialTests): mpmath 1.3 at 40 digits, Taylor odefun and closed forms;
# run `python3 n_trials.mpmath.py > n_trials.mpmath.out` in this folder.
from mpmath import mp, mpf, matrix, odefun, sqrt, exp, log, findroot, nstr
mp.dps = 40
def show(name, v): print(name, v if isinstance(v, str) else nstr(v, 30))

# n01: W1' = W2^T E, W2' = E W1^T, E = Y - W2 W1; W1 (3x2) = A0, W2 = A0^T.
Y = matrix([[1, '0.3'], ['-0.2', '0.8']]); A0 = matrix([['0.3', '-0.2'], ['0.1', '0.4'], ['-0.25', '0.15']])
def unpack(s):
    W1 = matrix(3, 2); W2 = matrix(2, 3)
    for i in range(3):
        for j in range(2): W1[i, j] = s[2*i + j]
    for i in range(2):
        for j in range(3): W2[i, j] = s[6 + 3*i + j]
    return W1, W2
def f01(t, s):
    W1, W2 = unpack(s); E = Y - W2*W1; d1 = W2.T*E; d2 = E*W1.T
    return [d1[i, j] for i in range(3) for j in range(2)] + [d2[i, j] for i in range(2) for j in range(3)]
s0 = [A0[i, j] for i in range(3) for j in range(2)] + [A0.T[i, j] for i in range(2) for j in range(3)]
sol = odefun(f01, 0, s0)
W1, W2 = unpack(sol(2)); P = W2*W1
show("N01 W2 W1 at t=2", "[[" + "], [".join(", ".join(nstr(P[i, j], 25) for j in range(2)) for i in range(2)) + "]]")
I = W1*W1.T - W2.T*W2; show("n01 imbalance at t=2 max", max(abs(I[i, j]) for i in range(3) for j in range(3)))
W1i, W2i = unpack(s0); S = W1*W1.T + W2.T*W2 - (W1i*W1i.T + W2i.T*W2i); show("n01 planted drift max", max(abs(S[i, j]) for i in range(3) for j in range(3)))

# n02: Saxe's mode, closed form at t = 3 and against odefun.
s, a0, tau = mpf(2), mpf('0.01'), mpf('1.5')
a = lambda t: s*exp(2*s*t/tau)/(exp(2*s*t/tau) - 1 + s/a0)
show("N02 a(3) closed", a(3)); show("n02 a(3) odefun", odefun(lambda t, x: 2*x*(s - x)/tau, 0, a0)(3))
th = tau/(2*s)*log(s/a0 - 1); show("n02 a(t_half) - s/2", a(th) - s/2); show("n02 planted a(2 t_half)", a(2*th))

# n03: Oja.
C = matrix([[2, '0.5'], ['0.5', 1]])
def f03(t, w):
    w = matrix(w); q = (w.T*C*w)[0]; d = C*w - q*w; return [d[0], d[1]]
sol = odefun(f03, 0, [mpf('0.3'), mpf('0.8')]); w2 = sol(2)
show("N03 w(2)", "[" + ", ".join(nstr(x, 25) for x in w2) + "]")
w40 = sol(40); show("n03 w(40)", "[" + ", ".join(nstr(x, 25) for x in w40) + "]")
v = [1/sqrt(4 - 2*sqrt(2)), (sqrt(2) - 1)/sqrt(4 - 2*sqrt(2))]; show("n03 eigvec", "[" + ", ".join(nstr(x, 25) for x in v) + "]")
show("n03 lambda_max", (3 + sqrt(2))/2)

# n04: logistic, K - x at t = 40.
r, K, x0 = mpf(1), mpf(2), mpf('0.5')
x = lambda t: K/(1 + (K/x0 - 1)*exp(-r*t))
show("N04 K - x(40)", K - x(40))
show("n04 limit (K - x) e^rt at t=60", (K - x(60))*exp(r*60)); show("n04 K (K/x0 - 1)", K*(K/x0 - 1))

# n09: x' = A(x - b) -> b.
A = matrix([[-2, 1, 0], ['0.5', '-1.5', '0.3'], [0, '0.4', -1]]); b = matrix([1, -2, '0.5'])
sol = odefun(lambda t, x: list(A*(matrix(x) - b)), 0, [mpf(0)]*3); show("n09 x(30)", str([nstr(v, 20) for v in sol(30)]))
show("n09 eigenvalues", str([nstr(e, 10) for e in mp.eig(A)[0]]))

# n10: two-layer scalar network.
y = mpf('1.5')
sol = odefun(lambda t, s: [s[1]*(y - s[0]*s[1]), s[0]*(y - s[0]*s[1])], 0, [mpf('0.3'), mpf('0.1')])
u, w = sol(40); show("n10 u(40) w(40)", u*w); D = mpf('0.08'); show("n10 u(40)", u); show("n10 predicted u", sqrt(D/2 + sqrt(D**2/4 + y**2)))

# n12: x' = 1 - |x| from -1/2, the piecewise solution against odefun on each piece.
show("n12 1 - 2e^-2", 1 - 2*exp(-2)); show("n12 odefun piece 2", odefun(lambda t, x: 1 - x, log(2), mpf(0))(2))
show("n12 e^0.5/2 - 1", exp(mpf('0.5'))/2 - 1)

# n13: ridge.
X = matrix([[1, '0.2', '-0.3'], ['0.5', 1, '0.1'], ['-0.2', '0.3', 1], ['0.4', '-0.6', '0.2']]); yv = matrix([1, '-0.5', '0.25', 2]); lam = mpf('0.1')
sol = odefun(lambda t, w: list(X.T*(yv - X*matrix(w)) - lam*matrix(w)), 0, [mpf(0)]*3)
show("N13 w(1)", "[" + ", ".join(nstr(v, 25) for v in sol(1)) + "]")
wr = (X.T*X + lam*mp.eye(3))**-1*X.T*yv; show("n13 ridge", str([nstr(v, 20) for v in wr])); show("n13 w(60)", str([nstr(v, 20) for v in sol(60)]))
wo = (X.T*X)**-1*X.T*yv; show("n13 OLS (planted)", str([nstr(v, 20) for v in wo]))

# n14: forced decay.
show("n14 odefun x(3)", odefun(lambda t, x: -x + exp(-t), 0, mpf('0.5'))(3)); show("n14 (x0 + 3) e^-3", (mpf('0.5') + 3)*exp(-3))
