# References for the fifteenth trials l01-l06 (UnseenTrial15Tests), at 40 digits: odefun, quad split at every kink,
# findroot, exact rational recursions (fractions), sympy for eigenvalues. Run: python3 l_trials15.mpmath.py > l_trials15.mpmath.out
from mpmath import mp, mpf, sqrt, pi, exp, log, tan, atan, atanh, cos, sin, quad, inf, odefun, findroot, tanh, e, matrix, eig
from fractions import Fraction as F
import sympy as sp
mp.dps = 40
def show(name, v): print(f"{name} = {mp.nstr(v, 34)}")
def frac(name, q): print(f"{name} = {q.numerator}/{q.denominator} = {mp.nstr(mpf(q.numerator)/q.denominator, 34)}")
def normal(f, kinks=()):
    return quad(lambda z: f(z)*exp(-z**2/2)/sqrt(2*pi), [-inf] + sorted(kinks) + [inf])

print("# l01 Geshkovski et al. (2023): two tokens on the circle, x_i' = (1/2) sum_j e^(beta <x_i, x_j>) P_(x_i)(x_j)")
# c = <x, y> obeys c' = e^(beta c) (1 - c^2); the angle th = p2 - p1 obeys th' = -e^(beta cos th) sin th.
th0 = mpf(2)
for beta in (mpf(0), mpf(1)):
    f = odefun(lambda t, c: exp(beta*c)*(1 - c**2), 0, cos(th0))
    show(f"l01 c(1) at beta = {beta} by odefun", f(1))
show("l01 c(1) at beta = 0, tanh(1 + atanh(cos 2))", tanh(1 + atanh(cos(th0))))
# the angle by odefun on the Cartesian vectors (beta = 1), as a check of the reduction to c
g = odefun(lambda t, v: [exp(v[0]*v[2] + v[1]*v[3])*(v[2] - (v[0]*v[2] + v[1]*v[3])*v[0])/2,
                        exp(v[0]*v[2] + v[1]*v[3])*(v[3] - (v[0]*v[2] + v[1]*v[3])*v[1])/2,
                        exp(v[0]*v[2] + v[1]*v[3])*(v[0] - (v[0]*v[2] + v[1]*v[3])*v[2])/2,
                        exp(v[0]*v[2] + v[1]*v[3])*(v[1] - (v[0]*v[2] + v[1]*v[3])*v[3])/2], 0, [1, 0, cos(th0), sin(th0)])
w = g(1); show("l01 <x, y>(1) at beta = 1 from the vectors", w[0]*w[2] + w[1]*w[3])
show("l01 |x|^2(1) at beta = 1", w[0]**2 + w[1]**2)
show("l01 bisector invariant (x1 + y1) sin(th0/2) - (x2 + y2) cos(th0/2) at t = 1", (w[0] + w[2])*sin(th0/2) - (w[1] + w[3])*cos(th0/2))
show("l01 time for th: 2 -> pi/2 at beta = 0, log(tan(1))", log(tan(th0/2)))
show("l01 th0 with th(1) = pi/2 at beta = 0, 2 atan(e)", 2*atan(e))
show("l01 limit of atanh(1/2) - atanh(d^-1/2): log(3)/2", log(3)/2)
for d in (mpf(10)**20, mpf(10)**30):
    show(f"l01 sqrt(d) (atanh(1/2) - atanh(d^-1/2) - log(3)/2) at d = {mp.nstr(d, 3)}", sqrt(d)*(atanh(mpf(1)/2) - atanh(1/sqrt(d)) - log(3)/2))

print("# l02 Barrett and Dherin (2021): GD on lam u^2/2 + mu v^2/2 against the flow of L + h/4 |grad L|^2")
h, lam, mu = F(1, 10), F(2), F(1, 2)
frac("l02 u at step 20 = (1 - h lam)^20", (1 - h*lam)**20)
show("l02 modified flow u(20) = exp(-20 h (lam + h lam^2/2))", exp(-20*mpf(1)/10*(2 + mpf(1)/10*4/2)))
show("l02 plain flow u(20) = exp(-20 h lam)", exp(-4))
for d in (mpf(10)**20, mpf(10)**40):
  with mp.workdps(200):
    show(f"l02 d^3 (log(1 - 2/d) + 2/d + 2/d^2) at d = {mp.nstr(d, 3)}", d**3*(log(1 - 2/d) + 2/d + 2/d**2))
    show(f"l02 d^2 (log(1 - 2/d) + 2/d) at d = {mp.nstr(d, 3)}", d**2*(log(1 - 2/d) + 2/d))
print("l02 exact limits: -8/3 and -2 (log(1 - x) = -x - x^2/2 - x^3/3 - ...)")
print("l02 map multipliers at the origin: 1 - h lam = 4/5, 1 - h mu = 19/20; threshold h = 2/lam = 1")

print("# l03 Stoger and Soltanolkotabi (2021): U' = (M - U U^T) U, M = diag(3, 1), U(0) = alpha I, alpha = 1/100")
l1, l2, al = mpf(3), mpf(1), mpf(1)/100
s = lambda l, t: l*al**2*exp(2*l*t)/(l + al**2*(exp(2*l*t) - 1))
sol = odefun(lambda t, v: [(l1 - v[0]**2)*v[0], (l2 - v[1]**2)*v[1]], 0, [al, al])
show("l03 U11(1) by odefun", sol(1)[0]); show("l03 sqrt(s1(1)) closed form", sqrt(s(l1, 1)))
show("l03 U22(2) by odefun", sol(2)[1]); show("l03 sqrt(s2(2)) closed form", sqrt(s(l2, 2)))
T1 = log(l1/al**2 - 1)/(2*l1)
show("l03 escape time T1 = log(l1/alpha^2 - 1)/(2 l1)", T1); show("l03 s1(T1)", s(l1, T1))
show("l03 alpha with s1(1) = l1/2: sqrt(l1/(1 + e^(2 l1)))", sqrt(l1/(1 + exp(2*l1))))
show("l03 check s1(1) at that alpha", (lambda a: l1*a**2*exp(2*l1)/(l1 + a**2*(exp(2*l1) - 1)))(sqrt(l1/(1 + exp(2*l1)))))
for d in (mpf(10)**20, mpf(10)**40):
    E2 = (3*d - 1)**(mpf(1)/3); s2 = E2/d/(1 + (E2 - 1)/d)
    show(f"l03 s2(T1) d^(2/3) at alpha^2 = 1/d, d = {mp.nstr(d, 3)}", s2*d**(mpf(2)/3))
    show(f"l03 log(d - 1) - log(3 d - 1) at d = {mp.nstr(d, 3)}", log(d - 1) - log(3*d - 1))
show("l03 3^(1/3)", mpf(3)**(mpf(1)/3)); show("l03 -log 3", -log(3))

print("# l04 Gurbuzbalaban, Simsekli and Zhu (2021): x -> (1 - eta z^2) x + eta sb b, z, b ~ N(0, 1), eta = 1/5, sb = 1")
eta, sb = F(1, 5), F(1)
Ea = [1, 1 - eta, 1 - 2*eta + 3*eta**2, 1 - 3*eta + 9*eta**2 - 15*eta**3, 1 - 4*eta + 18*eta**2 - 60*eta**3 + 105*eta**4]
# check E a^k by sympy
zz = sp.symbols('z'); et = sp.Rational(1, 5)
for k in range(1, 5):
    assert sp.integrate((1 - et*zz**2)**k*sp.exp(-zz**2/2)/sp.sqrt(2*sp.pi), (zz, -sp.oo, sp.oo)) == Ea[k], k
m1, m2, m4 = F(1), F(1), F(1)
for n in range(1, 11):
    m1, m2, m4 = Ea[1]*m1, Ea[2]*m2 + eta**2*sb**2, Ea[4]*m4 + 6*Ea[2]*m2*eta**2*sb**2 + 3*eta**4*sb**4
    if n == 5: frac("l04 m2 at step 5", m2)
frac("l04 E x at step 10", m1); frac("l04 m2 at step 10", m2); frac("l04 m4 at step 10", m4)
m2s = eta*sb**2/(2 - 3*eta); m4s = (6*Ea[2]*m2s*eta**2*sb**2 + 3*eta**4*sb**4)/(1 - Ea[4])
frac("l04 stationary m2 = eta sb^2/(2 - 3 eta)", m2s); frac("l04 stationary m4", m4s)
print("l04 multipliers of the averaged map at the stationary point: E a, E a^2, E a^4 =", Ea[1], Ea[2], Ea[4])
show("l04 E|1 - eta z^2| at eta = 1/5", normal(lambda z: abs(1 - z**2/5), (-sqrt(5), sqrt(5))))
ea = lambda a, et: normal(lambda z: abs(1 - et*z**2)**a, (-1/sqrt(et), 1/sqrt(et)))
show("l04 E|1 - z^2/2|^3 (eta = 1/2)", ea(3, mpf(1)/2))
show("l04 E|1 - z^2/2|^(5/2) (eta = 1/2)", ea(mpf(5)/2, mpf(1)/2))
alpha_star = findroot(lambda a: ea(a, mpf(1)/2) - 1, 3)
show("l04 Kesten tail index at eta = 1/2: E|1 - z^2/2|^alpha = 1", alpha_star)
show("l04 residual", ea(alpha_star, mpf(1)/2) - 1)
show("l04 eta where E a^4 = 1: root of 105 eta^3 - 60 eta^2 + 18 eta - 4", findroot(lambda x: 105*x**3 - 60*x**2 + 18*x - 4, mpf(1)/2))

print("# l05 Bordelon and Pehlevan (2022): one-pass SGD e -> e - eta x (x.e), x = (sqrt(l1) g1, sqrt(l2) g2), l = (1, 1/2)")
eta, L1, L2 = F(1, 4), F(1), F(1, 2)
c1, c2 = F(1), F(1)
for n in range(1, 4):
    c1, c2 = (1 - 2*eta*L1 + 2*eta**2*L1**2)*c1 + eta**2*L1*(L1*c1 + L2*c2), (1 - 2*eta*L2 + 2*eta**2*L2**2)*c2 + eta**2*L2*(L1*c1 + L2*c2)
frac("l05 c1 at step 3", c1); frac("l05 c2 at step 3", c2)
ee = sp.symbols('eta', positive=True)
A = sp.Matrix([[1 - 2*ee + 2*ee**2 + ee**2, ee**2/2], [ee**2/2, 1 - ee + ee**2/2 + ee**2/4]])
crit = [r for r in sp.solve(sp.expand((A - sp.eye(2)).det()), ee) if r.is_real and r > 0]
print("l05 det(A - I) = 0 at eta =", crit, [sp.N(r, 34) for r in crit])
A4 = A.subs(ee, sp.Rational(1, 4))
ev = sorted(sp.N(v, 34) for v in A4.eigenvals())
print("l05 eigenvalues of A at eta = 1/4:", ev, "; of the averaged e-map: 1 - eta l = 3/4, 7/8")
# Monte Carlo-free check of the moment recursion: E[x x^T C x x^T] = 2 L C L + L tr(L C) for Gaussian x, by sympy
g1, g2 = sp.symbols('g1 g2'); C11, C12, C22 = sp.symbols('C11 C12 C22'); Cs = sp.Matrix([[C11, C12], [C12, C22]])
xv = sp.Matrix([g1, g2/sp.sqrt(2)]); Lm = sp.diag(1, sp.Rational(1, 2))
lhs = (xv*xv.T*Cs*xv*xv.T).applyfunc(lambda q: sp.expand(q))
gm = lambda p: sp.Integer(0) if p % 2 else sp.factorial2(p - 1)
Eg = lambda q: sum(c*gm(m[0])*gm(m[1]) for m, c in sp.Poly(q, g1, g2).terms())
assert sp.simplify(lhs.applyfunc(Eg) - (2*Lm*Cs*Lm + Lm*(Lm*Cs).trace())) == sp.zeros(2, 2)
print("l05 E[x x^T C x x^T] = 2 L C L + L tr(L C) checked by sympy")
for d in (mpf(10)**20, mpf(10)**40):
  with mp.workdps(200):
    show(f"l05 (1 - 2c/d + c^2 (d + 2)/d^2)^d at c = 1/2, d = {mp.nstr(d, 3)}", (1 - 1/d + (d + 2)/(4*d**2))**d)
show("l05 exp(-(2c - c^2)) at c = 1/2 = exp(-3/4)", exp(-mpf(3)/4))

print("# l06 Malladi et al. (2022): RMSprop SDE on lam theta^2/2, P = sqrt(u) + eps, moment ODEs")
lam, sig, eps, eta, c = mpf(1), mpf(1), mpf(1)/10, mpf(1)/10, mpf(3)
P = sig + eps
sinf = eta*sig**2/(2*lam*P)
show("l06 stationary second moment eta sig^2/(2 lam (sig + eps))", sinf)
f = odefun(lambda t, v: [-lam*v[0]/(sqrt(v[2]) + eps), -2*lam*v[1]/(sqrt(v[2]) + eps) + eta*sig**2/(sqrt(v[2]) + eps)**2, c*(sig**2 - v[2])], 0, [1, 1, sig**2])
show("l06 s(2) by odefun", f(2)[1]); show("l06 closed form s(2)", sinf + (1 - sinf)*exp(-2*lam*2/P))
print("l06 Jacobian eigenvalues at the stationary point: -c, -2 lam/P, -lam/P =", -3, "-20/11", "-10/11")
f2 = odefun(lambda t, v: [-lam*v[0]/(sqrt(v[2]) + eps), -2*lam*v[1]/(sqrt(v[2]) + eps) + eta*sig**2/(sqrt(v[2]) + eps)**2, c*(sig**2 - v[2])], 0, [1, 1, 4])
show("l06 s(2) from u0 = 4 by odefun", f2(2)[1])
for d in (mpf(10)**20, mpf(10)**40):
    show(f"l06 d^(1/2) s_inf(kappa = d, eps fixed) at d = {mp.nstr(d, 3)}", sqrt(d)*eta*sqrt(d)*(1/d)/(2*(1/sqrt(d) + eps)))
    show(f"l06 s_inf(kappa = d, eps/sqrt(kappa)) at d = {mp.nstr(d, 3)}", eta*sqrt(d)*(1/d)/(2*(1/sqrt(d) + eps/sqrt(d))))
print("l06 limits: 1/2 (eps fixed, ~ d^-1/2) and 1/22 (eps scaled)")
