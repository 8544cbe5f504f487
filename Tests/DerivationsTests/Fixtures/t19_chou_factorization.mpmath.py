# Referee of t19_chou_factorization.phc (UnseenTrial19Tests):
#   python3 t19_chou_factorization.mpmath.py > t19_chou_factorization.mpmath.out
# Chou, Gieshoff, Maly and Rauhut (2023): gradient flow on deep matrix factorization from identical (scaled identity)
# initialization. Depth 2, L = |W2 W1 - Y|_F^2/2, Y = [[2, 1], [1, 2]] (eigenvalues 3 and 1, eigenvectors (1, 1) and
# (1, -1)), W1(0) = W2(0) = al I: both layers stay equal to Q diag(sqrt(s_i)) Q^T with the logistic modes
# s_i = y_i al^2 e^(2 y_i t)/(y_i - al^2 + al^2 e^(2 y_i t)); depth 3 on a scalar, L = (w^3 - y)^2/2, w' = -3 w^2 (w^3 - y)
# with y = s^3, whose implicit solution G(w) - t = G(w0) is checked by sympy. Numbers by mpmath at 50 digits.
import sympy as sp
from mpmath import mp, mpf, odefun, nstr, log, exp, sqrt, atan, matrix
mp.dps = 50
t, al = sp.symbols('t al', positive=True)
def mode(y):
    return y*al**2*sp.exp(2*y*t)/(y - al**2 + al**2*sp.exp(2*y*t))
r1, r2 = sp.sqrt(mode(3)), sp.sqrt(mode(1))
W = sp.Matrix([[(r1 + r2)/2, (r1 - r2)/2], [(r1 - r2)/2, (r1 + r2)/2]])
Y = sp.Matrix([[2, 1], [1, 2]])
res = sp.simplify(sp.diff(W, t) + W.T*(W*W - Y))
print("depth 2: the closed form's residual (W1 = W2 = W):", res, " W(0) =", sp.simplify(W.subs(t, 0)))
A = mpf(1)/10
for y in (3, 1):
    print("mode", y, "reaches y/2 at t =", nstr(log((y - A**2)/A**2)/(2*y), 40))
def s(y, T):
    return y*A**2*exp(2*y*T)/(y - A**2 + A**2*exp(2*y*T))
T = log((3 - A**2)/A**2)/6
P = matrix([[s(3, T) + s(1, T), s(3, T) - s(1, T)], [s(3, T) - s(1, T), s(3, T) + s(1, T)]])/2
print("at that time of the top mode the product W2 W1 is", [nstr(P[i, j], 40) for i in range(2) for j in range(2)])
print("  P[1, 1] + P[1, 2] =", nstr(P[0, 0] + P[0, 1], 40), " P[1, 1] - P[1, 2] =", nstr(P[0, 0] - P[0, 1], 40))
T = mpf(1)
print("W1[1, 2] at t = 1:", nstr((sqrt(s(3, T)) - sqrt(s(1, T)))/2, 40))
# depth 3
w, S = sp.symbols('w s', positive=True)
G = -1/(3*S**3*w) + (-sp.log(S - w) + sp.log(w**2 + S*w + S**2)/2 - sp.sqrt(3)*sp.atan((2*w + S)/(sp.sqrt(3)*S)))/(9*S**4)
print("depth 3: G'(w) - 1/(3 w^2 (s^3 - w^3)) =", sp.simplify(sp.diff(G, w) - 1/(3*w**2*(S**3 - w**3))))
Sv = mpf(5)/4; W0 = mpf(1)/5
g = odefun(lambda t, z: -3*z**2*(z**3 - Sv**3), 0, W0)
Gf = sp.lambdify([w, S], G, 'mpmath')
for T in (1, 2, 4):
    print("depth 3, s = 5/4, w0 = 1/5: w(", T, ") =", nstr(g(T), 40), "; G(w) - t - G(w0) =", nstr(Gf(g(T), Sv) - T - Gf(W0, Sv), 5))
print("  time for w^3 to reach y/2:", nstr(Gf(Sv/mpf(2)**(mpf(1)/3), Sv) - Gf(W0, Sv), 40))
