# Reference values for Tests/DerivationsTests/Fixtures/r06_sgd_linear_stability.phc (UnseenTrial16Tests); run:
# python3 r06_sgd_linear_stability.sympy.py > r06_sgd_linear_stability.sympy.out
# Linear stability of SGD at a minimum (Wu, Ma and E 2018): two samples with Hessians H+- = H0 +- H1 (both PSD), batch 1:
# x+ = x - eta H_r x, r = +-1 fair. The mean obeys x+ = (I - eta H0) x (stable for eta < 2/lam_max(H0) = 2); the second
# moment S = E x x^T obeys the linear map S+ = (I - eta H0) S (I - eta H0)^T + eta^2 H1 S H1^T, whose spectral radius
# reaches 1 first, at the mean-square edge eta* < 2.
import sympy as sp
from mpmath import mp, mpf, findroot, polyroots
mp.dps = 50
e = sp.symbols('eta', positive=True)
H0 = sp.Matrix([[1, 0], [0, sp.Rational(1, 2)]])
H1 = sp.Matrix([[sp.Rational(1, 2), sp.Rational(1, 4)], [sp.Rational(1, 4), 0]])
print("H+ eigenvalues", [sp.N(k, 20) for k in (H0 + H1).eigenvals()], "H- eigenvalues", [sp.N(k, 20) for k in (H0 - H1).eigenvals()])
I2 = sp.eye(2)
M = lambda et, S: (I2 - et*H0)*S*(I2 - et*H0).T + et**2*H1*S*H1.T
S = sp.Matrix([[1, 1], [1, 1]])  # x0 = [1, 1]
et = sp.Rational(1, 2)
S1 = M(et, S); print("S at step 1 =", S1.tolist())
Sk = S
for k in range(4):
    Sk = M(et, Sk)
print("S at step 4 =", Sk.tolist(), [sp.N(q, 30) for q in Sk])
# Monte Carlo check of the moment (the file's claim is a Monte Carlo one; this is exact enumeration of 2^4 paths)
import itertools
acc = sp.zeros(2, 2)
for rs in itertools.product([1, -1], repeat=4):
    xv = sp.Matrix([1, 1])
    for r in rs:
        xv = xv - et*(H0 + r*H1)*xv
    acc += xv*xv.T/16
print("enumerated E x x^T at step 4 =", acc.tolist(), "equal:", acc == Sk)
# Jacobian of the joint map (x mean map, then S entries row-major) at 0
s = sp.symbols('s11 s12 s21 s22')
Sm = sp.Matrix([[s[0], s[1]], [s[2], s[3]]])
L = sp.Matrix(list(M(e, Sm))).jacobian(s)
Lh = L.subs(e, et)
print("eigenvalues of the mean map at eta = 1/2:", (I2 - et*H0).eigenvals())
evs = Lh.eigenvals()
print("eigenvalues of the moment map at eta = 1/2:", [(sp.nsimplify(k), sp.N(k, 40), m) for k, m in evs.items()])
charL = sp.factor(L.charpoly().as_expr())
print("charpoly of the moment map:", charL)
# the edge: spectral radius of L(eta) = 1. A real eigenvalue crosses +1 or -1 where charpoly(+-1) = 0 (a complex pair
# crossing |z| = 1 would show as rho = 1 with neither; rho is checked on both sides below)
lamb = sp.symbols('lambda')
chp = L.charpoly(lamb).as_expr()
for name, z in [("+1", 1), ("-1", -1)]:
    pol = sp.Poly(sp.expand(chp.subs(lamb, z)), e)
    print("charpoly(" + name + ") =", sp.factor(pol.as_expr()))
    for fac, _ in sp.factor_list(pol.as_expr())[1]:
        for r in sp.Poly(fac, e).nroots(n=40, maxsteps=500):
            if abs(sp.im(r)) < 1e-30 and 0 < sp.re(r) < 3:
                print("   root", sp.re(r), "of", fac)
# verify: spectral radius just below and above the candidate
import mpmath
def rho(x):
    Ln = mpmath.matrix([[mpf(sp.N(L[i, j].subs(e, x), 60)) for j in range(4)] for i in range(4)])
    return max(abs(z) for z in mpmath.eig(Ln)[0])
print("rho(1) =", rho(sp.Rational(1)), "rho(3/2) =", rho(sp.Rational(3, 2)), "rho(19/10) =", rho(sp.Rational(19, 10)))
# 1-D picture: E (1 - eta h)^2 with h = a +- b is (1 - eta a)^2 + eta^2 b^2, < 1 iff eta < 2a/(a^2 + b^2)
a, b = sp.symbols('a b', positive=True)
print("1-D identity:", sp.expand((1 - e*a)**2 + e**2*b**2 - 1 - e*((a**2 + b**2)*e - 2*a)) == 0)
