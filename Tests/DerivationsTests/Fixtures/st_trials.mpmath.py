"""Referee for the st01-st11 fixtures (issue 17, sixth session): every number the files and
UnseenStochasticTrialTests.swift state, computed here independently of the closed forms where one is claimed
(moment recursions iterated, covariance series summed, Gaussian integrals by quadrature, ODEs by odefun).
Run: python3 st_trials.mpmath.py > st_trials.mpmath.out (about 5 minutes of CPU: 2-d quadratures)."""
from fractions import Fraction
from mpmath import (mp, mpf, sqrt, pi, erf, erfc, exp, asin, acos, sin, cos, quad, inf, matrix, eig, findroot,
                    odefun, diff, eye)

mp.dps = 30
phi = lambda x: exp(-x**2/2)/sqrt(2*pi)
def E1(f, kink=0):
    """E f(xi), xi ~ N(0, 1), by quadrature split at a kink."""
    return quad(lambda x: f(x)*phi(x), [-inf, kink, inf])
def E2(f, c11, c12, c22):
    """E f(u, v) for (u, v) Gaussian with covariance [[c11, c12], [c12, c22]]: u = sqrt(c11) z, v = b z + c w."""
    a = sqrt(c11); b = c12/a; c = sqrt(c22 - b**2)
    return quad(lambda z: phi(z)*quad(lambda w: phi(w)*f(a*z, b*z + c*w), [-inf, -b*z/c, inf]), [-inf, 0, inf])
def out(name, value): print(f"{name}: {value}")

print("st01: SGD on a noisy quadratic, lambda = 2, eta = 1/4, sigma = 1, x0 = 1")
lam, eta, sigma = mpf(2), mpf(1)/4, mpf(1)
a = 1 - eta*lam
m, v = mpf(1), mpf(1)              # E x, E x^2 iterated: v -> a^2 v + eta^2 sigma^2
for n in range(1, 61):
    m, v = a*m, a**2*v + eta**2*sigma**2
    if n == 5: out("  E x_5", m); out("  E x_5^2", v)
out("  E x_60^2 (stationary to 1e-30)", v)
out("  planted eta sigma^2/(2 lambda)", eta*sigma**2/(2*lam))

print("st02: Euler-Maruyama OU, H = [[2,1],[1,3]], eta = 1/4, T = 1/2, x0 = (1, -1)")
H = matrix([[2, 1], [1, 3]]); eta, T = mpf(1)/4, mpf(1)/2
A = eye(2) - eta*H
out("  E x_3 = A^3 x0", (A**3*matrix([1, -1])).T)
S = matrix(2, 2); P = eye(2)
for k in range(400):               # S = sum_k A^k (2 eta T) A^k
    S += 2*eta*T*P*P; P = P*A
out("  stationary covariance [S11, S12, S22]", [S[0, 0], S[0, 1], S[1, 1]])
Hi = H**-1
out("  planted T H^-1", [T*Hi[0, 0], T*Hi[0, 1], T*Hi[1, 1]])

print("st03/st04: multiplicative SGD noise")
def q(eta, h, s): return (1 - eta*h)**2 + eta**2*s**2
h, s, sigma, eta = mpf(1), mpf(3)/2, mpf(1), mpf(1)/5
out("  st03 stationary v", eta**2*sigma**2/(1 - q(eta, h, s)))
out("  st03 eigenvalues [q, 1 - eta h]", [q(eta, h, s), 1 - eta*h])
out("  st03 eta_c (q = 1, findroot)", findroot(lambda e: q(e, h, s) - 1, mpf('0.6')))
out("  st03 planted stationary without s^2", eta**2*sigma**2/(1 - (1 - eta*h)**2))
out("  st03 mean edge (|1 - eta h| = 1)", findroot(lambda e: (1 - e*h)**2 - 1, mpf('1.9')))
h, s, sigma, eta = mpf(1), mpf(1), mpf(1), mpf(1)/2
m, v = mpf(1), mpf(1)
for n in range(1, 31):
    m, v = (1 - eta*h)*m, q(eta, h, s)*v + eta**2*sigma**2
    if n == 4: out("  st04 E x_4", m); out("  st04 E x_4^2", v)
out("  st04 E x_30^2", v)
a4 = 1 - eta*h
out("  st04 E (1 - eta (h + s zeta))^4 (< 1: finite fourth moment)", a4**4 + 6*a4**2*eta**2*s**2 + 3*eta**4*s**4)
out("  st04 planted without s^2", eta**2*sigma**2/(1 - (1 - eta*h)**2))

print("st05: Owen's integrals at a = 1/2, b = 2, c = 1/3")
a, b, c = mpf(1)/2, mpf(2), mpf(1)/3
out("  E (a + b xi)^4", E1(lambda x: (a + b*x)**4))
out("  E relu(a + b xi)", E1(lambda x: max(a + b*x, 0), -a/b))
out("  E relu(a + b xi)^2", E1(lambda x: max(a + b*x, 0)**2, -a/b))
out("  planted (a^2 + b^2) Phi + 2 a b phi", (a**2 + b**2)*erfc(-a/(b*sqrt(2)))/2 + 2*a*b*phi(a/b))
out("  E |xi - c|", E1(lambda x: abs(x - c), c))
out("  E e^(c xi) relu(xi)", E1(lambda x: exp(c*x)*max(x, 0)))
out("  uniform(-1, 2): E relu(xi - c)", quad(lambda x: max(x - c, 0), [-1, c, 2])/3)
out("  erfc(6)", erfc(6))
out("  E Phi(a + b xi)", E1(lambda x: erfc(-(a + b*x)/sqrt(2))/2), )
out("  Phi(a/sqrt(1 + b^2))", erfc(-a/sqrt(2*(1 + b**2)))/2)
out("  planted Phi(a/sqrt(1 + 2 b^2))", erfc(-a/sqrt(2*(1 + 2*b**2)))/2)

print("st06/st07: Saad and Solla's integrals, g(x) = erf(x/sqrt 2)")
g = lambda x: erf(x/sqrt(2)); gp = lambda x: sqrt(2/pi)*exp(-x**2/2)
def I3(C11, C12, C13, C22, C23, C33):
    L3 = (1 + C11)*(1 + C33) - C13**2
    return 2/pi/sqrt(L3)*(C23*(1 + C11) - C12*C13)/(1 + C11)
def I4(C):
    L4 = (1 + C[0][0])*(1 + C[1][1]) - C[0][1]**2
    L0 = L4*C[2][3] - C[1][2]*C[1][3]*(1 + C[0][0]) - C[0][2]*C[0][3]*(1 + C[1][1]) + C[0][1]*C[0][2]*C[1][3] + C[0][1]*C[0][3]*C[1][2]
    L1 = L4*(1 + C[2][2]) - C[1][2]**2*(1 + C[0][0]) - C[0][2]**2*(1 + C[1][1]) + 2*C[0][1]*C[0][2]*C[1][2]
    L2 = L4*(1 + C[3][3]) - C[1][3]**2*(1 + C[0][0]) - C[0][3]**2*(1 + C[1][1]) + 2*C[0][1]*C[0][3]*C[1][3]
    return 4/pi**2/sqrt(L4)*asin(L0/sqrt(L1*L2))
def cov(Q, R, T, names):
    c = {('l', 'l'): Q, ('l', 'n'): R, ('n', 'l'): R, ('n', 'n'): T}
    return [[c[(p, q)] for q in names] for p in names]
mp.dps = 15
Q, R, T = mpf('0.7'), mpf('0.3'), mpf(1)
print("  the closed forms against 2-d quadrature at Q = 0.7, R = 0.3, T = 1 (15 digits):")
out("    I3(l,n,n)", (I3(Q, R, R, T, T, T), E2(lambda l, n: gp(l)*n*g(n), Q, R, T)))
out("    I3(l,n,l)", (I3(Q, R, Q, T, R, Q), E2(lambda l, n: gp(l)*n*g(l), Q, R, T)))
out("    I3(l,l,n)", (I3(Q, Q, R, Q, R, T), E2(lambda l, n: gp(l)*l*g(n), Q, R, T)))
out("    I3(l,l,l)", (I3(Q, Q, Q, Q, Q, Q), E1(lambda z: gp(sqrt(Q)*z)*sqrt(Q)*z*g(sqrt(Q)*z))))
for names in ["llnn", "llln", "llll"]:
    f = {"llnn": lambda l, n: gp(l)**2*g(n)**2, "llln": lambda l, n: gp(l)**2*g(l)*g(n), "llll": lambda l, n: gp(l)**2*g(l)**2}[names]
    out(f"    I4({names})", (I4(cov(Q, R, T, names)), E2(f, Q, R, T)))
mp.dps = 30
Q, R, T = mpf(5)/8, mpf(1)/2, mpf(1)
out("  st06 E erf(1/2 + 2 xi) (quadrature), erf(a/sqrt(1 + 2 b^2))", (E1(lambda x: erf(mpf(1)/2 + 2*x)), erf(mpf(1)/2/sqrt(9))))
out("  st06 I2 at Q = 5/8, R = 1/2: 2-d quadrature, (2/pi) asin(R/sqrt((1 + Q)(1 + T)))",
    (E2(lambda l, n: g(l)*g(n), Q, R, T), 2/pi*asin(R/sqrt((1 + Q)*(1 + T)))))
mp.dps = 20
out("  st06 E (g(nu) - g(lam)) g'(lam) nu by 2-d quadrature", E2(lambda l, n: (g(n) - g(l))*gp(l)*n, Q, R, T))
mp.dps = 30
d3 = I3(Q, R, R, T, T, T) - I3(Q, R, Q, T, R, Q)
out("  st06 I3(l,n,n) - I3(l,n,l)", d3)
out("  st06 planted without 1/(1 + C11)", d3*(1 + Q))
def rhs(R, Q, eta, T=mpf(1)):
    dR = eta*(I3(Q, R, R, T, T, T) - I3(Q, R, Q, T, R, Q))
    dQ = 2*eta*(I3(Q, Q, R, Q, R, T) - I3(Q, Q, Q, Q, Q, Q)) + eta**2*(
        I4(cov(Q, R, T, "llnn")) - 2*I4(cov(Q, R, T, "llln")) + I4(cov(Q, R, T, "llll")))
    return [dR, dQ]
def jac(eta, f=rhs):
    return matrix([[diff(lambda r: f(r, 1, eta)[i], 1), diff(lambda q: f(1, q, eta)[i], 1)] for i in range(2)])
def top(eta): return max(e.real for e in eig(jac(eta))[0])
out("  st07 rhs at R = Q = 1", rhs(1, 1, mpf(1)))
out("  st07 eigenvalues at eta = 1", sorted(e.real for e in eig(jac(mpf(1)))[0]))
out("  st07 eta_max (top eigenvalue 0)", findroot(top, mpf('4.1')))
out("  st07 planted: eigenvalues without the eta^2 term", sorted(e.real for e in eig(jac(mpf(1), lambda r, q, e: [e*x for x in rhs(r, q, 1, )][:1] + [2*e*(I3(q, q, r, q, r, 1) - I3(q, q, q, q, q, q))]))[0]))
sol = odefun(lambda t, y: rhs(y[0], y[1], mpf(1)), 0, [mpf(1)/2, mpf(5)/8])
out("  st07 [R, Q] at t = 5", sol(5))

print("st08: arc-cosine kernels, x = (1, 0, 1), y = (0, 2, 1)")
mp.dps = 15
xx, xy, yy = mpf(2), mpf(1), mpf(5)
th = acos(xy/sqrt(xx*yy))
out("  theta", th)
step = lambda u: 1 if u > 0 else 0
out("  E step step (quadrature), (pi - theta)/(2 pi)", (E2(lambda u, v: step(u)*step(v), xx, xy, yy), (pi - th)/(2*pi)))
out("  E relu relu (quadrature), |x||y| J1/(2 pi)", (E2(lambda u, v: max(u, 0)*max(v, 0), xx, xy, yy), sqrt(xx*yy)*(sin(th) + (pi - th)*cos(th))/(2*pi)))
out("  E relu^2 relu^2 (quadrature), |x|^2|y|^2 J2/(2 pi)", (E2(lambda u, v: max(u, 0)**2*max(v, 0)**2, xx, xy, yy),
    xx*yy*(3*sin(th)*cos(th) + (pi - th)*(1 + 2*cos(th)**2))/(2*pi)))
out("  planted J1 with pi + theta", sqrt(xx*yy)*(sin(th) + (pi + th)*cos(th))/(2*pi))
mp.dps = 30
out("  theta (30 digits)", acos(1/sqrt(mpf(10))))

print("st09: dropout, x = 3/2, y = 1, eta = 1/10, w0 = 0")
x, y, eta = mpf(3)/2, mpf(1), mpf(1)/10
Ew = mpf(0)
for n in range(1, 41):   # E w_{n+1} = E w_n + eta (y x E m - x^2 E m^2 E w_n), E m = 1, E m^2 = 2 (m in {0, 2})
    Ew = Ew + eta*(y*x*1 - x**2*2*Ew)
    if n == 5: out("  E w_5", Ew)
out("  E w_40", Ew)
out("  w* = y/(2x)", y/(2*x))
out("  E_r (y - v (1 + r) x)^2 at v = 1/3 (average of r = +-1), (y - v x)^2 + v^2 x^2",
    (((y - mpf(1)/3*2*x)**2 + y**2)/2, (y - x/3)**2 + x**2/9))

print("st10: online linear regression, d = 4, eta = 1/2, B = (1, -1, 2, 0), w0 = 0")
d = 4
# E (x.e)^2 |x|^2 for x ~ N(0, I_d) by Isserlis: sum_i,j,k e_j e_k E x_i^2 x_j x_k, E x_i^2 x_j x_k = delta_jk (1 + 2 delta_ij)
e = [Fraction(-1), Fraction(1), Fraction(-2), Fraction(0)]
fourth = sum(e[j]*e[k]*(1 + 2*(i == j))*(j == k) for i in range(d) for j in range(d) for k in range(d))
out("  E (x.e)^2 |x|^2 / |e|^2 (Isserlis)", fourth/sum(t*t for t in e))
eta = mpf(1)/2
rho = 1 - 2*eta/d + eta**2*(d + 2)/d**2
out("  E w_6", [b*(1 - (1 - eta/d)**6) for b in [1, -1, 2, 0]])
out("  E |w_6 - B|^2 = rho^6 |B|^2", rho**6*6)
out("  planted rho with d for d + 2", (1 - 2*eta/d + eta**2/d)**6*6)
out("  eta_c (rho = 1)", findroot(lambda t: 1 - 2*t/d + t**2*(d + 2)/d**2 - 1, mpf('1.3')))

print("st11: signSGD, h = 1, x0 = 1, T = 2")
h, x0 = mpf(1), mpf(1)
def xT(s): return odefun(lambda t, x: -erf(h*x/(s*sqrt(2))), 0, x0)(2)
out("  one-step mean at s = 3/2: E sign by quadrature, -erf(h x0/(s sqrt 2))",
    (-E1(lambda z: 1 if h*x0 + mpf(3)/2*z > 0 else -1, -h*x0/(mpf(3)/2)), -erf(h*x0/(mpf(3)/2*sqrt(2)))))
out("  planted -erf(h x0/s)", -erf(h*x0/(mpf(3)/2)))
out("  x(2) at s = 1", xT(mpf(1)))
out("  s_c where x(2) = 1/2", findroot(lambda s: xT(s) - mpf(1)/2, mpf('2.3')))
