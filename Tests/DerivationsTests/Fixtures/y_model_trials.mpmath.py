# Referee for the twelfth-session trials y07..y12 (UnseenTrial12Tests): every reference value the files state,
# computed here with mpmath (ODEs by mpmath.odefun, a Taylor method to the working precision; roots by polyroots and
# findroot; matrices by mpmath's own linear algebra) and sympy where an exact form is derived.
# Run: python3 y_model_trials.mpmath.py  (output: y_model_trials.mpmath.out)
from mpmath import mp, mpf, mpc, sqrt, exp, log, matrix, expm, inverse, polyroots, findroot, odefun, eig
import sympy as sp
mp.dps = 50

def show(label, v, digits=32):
    print(label, mp.nstr(v, digits))

# y07 Polyak's heavy ball on a quadratic: x+ = x - eta (H x - b) + beta (x - xp), xp+ = x.
print("# y07")
Q = matrix([[3, -4], [4, 3]])/5
H = Q*matrix([[2, 0], [0, mpf(1)/2]])*Q.T
b = matrix([1, -1])
eta, beta = mpf(1)/2, mpf(3)/10
xs = inverse(H)*b
show("x* 1", xs[0]); show("x* 2", xs[1])
for lam in (mpf(2), mpf(1)/2):
    r = polyroots([1, -(1 + beta - eta*lam), beta])
    for z in r: show("root lam=%s" % lam, z)
x = matrix([0, 0]); xp = matrix([0, 0])
for k in range(3):
    x, xp = x - eta*(H*x - b) + beta*(x - xp), x
show("x1 at step 3", x[0]); show("x2 at step 3", x[1])
show("eta_c = 2 (1 + beta)/lam_max", 2*(1 + beta)/2)
# sympy: the characteristic polynomial's constant term is beta per eigenvalue of H
e, bt, l, z = sp.symbols('eta beta lam z')
J = sp.Matrix([[1 + bt - e*l, -bt], [1, 0]])
print("charpoly per mode", sp.factor(J.charpoly(z).as_expr()))

# y08 Gunasekar et al. (2017): U' = -grad (tr(A U U^T) - y)^2/2, U0 = alpha I, A = Q diag(1, 2) Q^T.
print("# y08")
al, y = mpf(1)/10, mpf(3)
a1, a2 = mpf(1), mpf(2)
# X = Q diag(x1, x2) Q^T, x_i' = -4 r a_i x_i, r = a1 x1 + a2 x2 - y
def g(t, v):
    r = a1*v[0] + a2*v[1] - y
    return [-4*r*a1*v[0], -4*r*a2*v[1]]
sol = odefun(g, 0, [al**2, al**2])
v1 = sol(1)
show("x1(1)", v1[0]); show("x2(1)", v1[1])
# the limit: a2 log x1 - a1 log x2 is conserved, a1 x1 + a2 x2 = y
c = a2*log(al**2) - a1*log(al**2)
x2inf = findroot(lambda x2: a1*exp((c + a1*log(x2))/a2) + a2*x2 - y, y/a2)
x1inf = (y - a2*x2inf)/a1
show("x1(inf)", x1inf); show("x2(inf)", x2inf); show("trace X(inf) (nuclear norm)", x1inf + x2inf)
show("min nuclear norm y/a2", y/a2)
closed = lambda al: al**2*(sqrt(1 + 8*y/al**2) - 1)/4
show("x1(inf) closed form alpha^2 (sqrt(1 + 8 y/alpha^2) - 1)/4", closed(al))
tiny = mpf(1)/1000
x2t = findroot(lambda x2: a1*exp((a2*log(tiny**2) - a1*log(tiny**2) + a1*log(x2))/a2) + a2*x2 - y, y/a2)
x1t = y - a2*x2t
show("alpha = 1/1000: trace X(inf) - y/2 (findroot)", x1t + x2t - y/2); show("  closed form x1/2", closed(tiny)/2)
dd = sp.symbols('d', positive=True)
gap = lambda al: al**2*(sp.sqrt(1 + 24/al**2) - 1)/8
print("alpha = 1/d: d * gap ->", sp.limit(gap(1/dd)*dd, dd, sp.oo), "; alpha = d: gap ->", sp.limit(gap(dd), dd, sp.oo))

# y09 a 3x3 linear system x' = A x, A the companion matrix of s^3 + 3 s^2 + 7 s + k (k = 5: (s + 1)(s^2 + 2 s + 5)).
print("# y09")
A = matrix([[0, 1, 0], [0, 0, 1], [-5, -7, -3]])
x0 = matrix([1, 0, 0])
x2 = expm(2*A)*x0
show("x1(2)", x2[0]); show("x2(2)", x2[1]); show("x3(2)", x2[2])
for r in polyroots([1, 3, 7, 5]): show("eigenvalue", r)
As = sp.Matrix([[0, 1, 0], [0, 0, 1], [-5, -7, -3]])
P = sp.MatrixSymbol('P', 3, 3)
Ps = sp.Matrix(3, 3, lambda i, j: sp.Symbol('p%d%d' % (min(i, j), max(i, j))))
solP = sp.solve(list(As.T*Ps + Ps*As + sp.eye(3)), list(Ps.free_symbols))
print("Lyapunov P", Ps.subs(solP))
ks = sp.symbols('k')
print("Routh: stable iff 3*7 > k: k_c =", sp.solve(sp.Eq(3*7, ks), ks))
for r in polyroots([1, 3, 7, 21]): show("eigenvalue at k = 21", r)

# y10 the tangent kernel of a two-layer linear network f = w2 . (W1 x), one sample.
print("# y10")
W1 = matrix([[mpf(1)/2, 0], [0, mpf(1)/4], [mpf(1)/4, mpf(1)/4]]); w2 = matrix([mpf(1)/2, mpf(-1)/4, mpf(1)/4])
xv = matrix([1, 2]); yt = mpf(2)
def flow(t, v):
    W = matrix([[v[0], v[1]], [v[2], v[3]], [v[4], v[5]]]); w = matrix([v[6], v[7], v[8]])
    h = W*xv; f = (w.T*h)[0]
    r = f - yt
    dW = -r*w*xv.T; dw = -r*h
    return [dW[0, 0], dW[0, 1], dW[1, 0], dW[1, 1], dW[2, 0], dW[2, 1], dw[0], dw[1], dw[2]]
s10 = odefun(flow, 0, [W1[0, 0], W1[0, 1], W1[1, 0], W1[1, 1], W1[2, 0], W1[2, 1], w2[0], w2[1], w2[2]])
def kernel(v):
    W = matrix([[v[0], v[1]], [v[2], v[3]], [v[4], v[5]]]); w = matrix([v[6], v[7], v[8]])
    h = W*xv
    return (w.T*w)[0]*(xv.T*xv)[0] + (h.T*h)[0], (w.T*h)[0]
K0, f0 = kernel([W1[0, 0], W1[0, 1], W1[1, 0], W1[1, 1], W1[2, 0], W1[2, 1], w2[0], w2[1], w2[2]])
show("K(0)", K0); show("f(0)", f0)
Kt, ft = kernel(s10(1)); show("K(1)", Kt); show("f(1)", ft)
# The limit: the flow on (W1 x, w2) conserves |x|^2 w2 w2^T - (W1 x)(W1 x)^T entrywise along the direction; the
# kernel at t = inf is taken from a long integration (f settles at rate K >= K0).
Kinf, finf = kernel(s10(40)); show("K(inf) via t=40", Kinf); show("f(40)", finf)
Kinf2, _ = kernel(s10(60)); show("K(inf) via t=60", Kinf2)

# y11 width limits of one gradient step (Yang and Hu 2021): sizes of the output at initialization and of the
# updates, in the exponents of sigma_v = d^-b, eta_w = d^-c, eta_v = d^-e; relu moments E relu(z)^2 = 1/2,
# E relu'(z)^2 = 1/2.
print("# y11")
zz = sp.symbols('z', real=True)
phi = sp.exp(-zz**2/2)/sp.sqrt(2*sp.pi)
print("E relu^2 =", sp.integrate(zz**2*phi, (zz, 0, sp.oo)), " E relu'^2 =", sp.integrate(phi, (zz, 0, sp.oo)))
print("E relu =", sp.integrate(zz*phi, (zz, 0, sp.oo)))

# y12 Nesterov's method on a quadratic f = lam x^2/2: x+ = y - eta lam y, y+ = x+ + beta (x+ - x).
print("# y12")
lam, eta, beta = mpf(4), mpf(1)/5, mpf(1)/2
q = 1 - eta*lam
for r in polyroots([1, -(1 + beta)*q, beta*q]): show("root", r)
show("eta_c = 2 (1 + beta)/((1 + 2 beta) lam)", 2*(1 + beta)/((1 + 2*beta)*lam))
x, yv = mpf(1), mpf(1)
for k in range(4):
    xn = yv - eta*lam*yv
    x, yv = xn, xn + beta*(xn - x)
show("x at step 4", x)
show("spectral radius sqrt(beta q)", sqrt(beta*q))
