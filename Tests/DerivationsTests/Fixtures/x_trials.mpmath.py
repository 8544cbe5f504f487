# Referee for the tenth-session trials x01..x09 (UnseenTrial10Tests): every reference value the files state,
# computed here with mpmath (ODEs by mpmath.odefun, a Taylor method to the working precision; roots by
# findroot; matrices by mpmath's own linear algebra) and sympy where a closed form is derived.
# Run: python3 x_trials.mpmath.py  (output: x_trials.mpmath.out)
from mpmath import mp, mpf, sqrt, sin, cos, log, exp, odefun, findroot, matrix, expm, inverse, pi, lu_solve, eig
mp.dps = 50

def show(label, v, digits=32):
    print(label, mp.nstr(v, digits))

# x01 Su, Boyd and Candes (2014): x'' + (r/tau) x' + x = 0, tau = t + 1 (f = x^2/2).
print("# x01")
def nesterov(r, T):
    f = odefun(lambda t, y: [y[1], -r/(t + 1)*y[1] - y[0]], 0, [sin(1), cos(1) - sin(1)])
    return f(T)
x10 = nesterov(2, 10)
show("r=2 x(10) closed", sin(11)/11); show("r=2 x(10) ode", x10[0])
x3 = nesterov(3, 10)
show("r=3 x(10)", x3[0])
show("r=3 E(10)", (x3[0]**2 + x3[1]**2)/2)

# x02 Wan et al. (2021): s -> (1 - eta lam)^2 s + eta^2 G^2 / s.
print("# x02")
eta, lam, G = mpf('0.5'), mpf('0.1'), mpf(1)
a = (1 - eta*lam)**2
sstar = eta*G/sqrt(1 - a)
show("s*", sstar); show("multiplier 2a - 1", 2*a - 1)
s = mpf(1)
for k in range(5): s = a*s + eta**2*G**2/s
show("s at step 5", s)
show("tan^2 Delta at equilibrium", 1/a - 1)

# x03 Mandt, Hoffman and Blei (2017): SGD on a quadratic with gradient noise B xi.
print("# x03")
A = matrix([[2, mpf(1)/2], [mpf(1)/2, 1]]); C = matrix([[1, 0], [0, mpf(1)/2]]); eta = mpf(1)/10
M = matrix(2, 2)
for i in range(2):
    for j in range(2): M[i, j] = (1 if i == j else 0) - eta*A[i, j]
# discrete Lyapunov S = M S M^T + eta^2 C, solved as a 4x4 linear system (vec, row-major)
K = matrix(4, 4); rhs = matrix(4, 1)
for i in range(2):
    for j in range(2):
        r = 2*i + j
        rhs[r] = eta**2*C[i, j]
        for k in range(2):
            for l in range(2):
                K[r, 2*k + l] = (1 if (i, j) == (k, l) else 0) - M[i, k]*M[j, l]
Sd = lu_solve(K, rhs)
show("Sd11", Sd[0]); show("Sd12", Sd[1]); show("Sd22", Sd[3])
# continuous Lyapunov A Sc + Sc A^T = C
K2 = matrix(4, 4)
for i in range(2):
    for j in range(2):
        r = 2*i + j
        for k in range(2):
            for l in range(2):
                K2[r, 2*k + l] = (A[i, k] if j == l else 0) + (A[j, l] if i == k else 0)
Sc = lu_solve(K2, matrix([C[0, 0], C[0, 1], C[1, 0], C[1, 1]]))
show("Sc11", Sc[0]); show("Sc12", Sc[1]); show("Sc22", Sc[3])
S = matrix(2, 2)
for n in range(20):
    S = M*S*M.T + eta**2*C
show("S11 at step 20", S[0, 0]); show("S12 at step 20", S[0, 1]); show("S22 at step 20", S[1, 1])
import sympy as sp
q = sp.Rational
Ms = sp.eye(2) - q(1, 10)*sp.Matrix([[2, q(1, 2)], [q(1, 2), 1]])
sa, sb, sc = sp.symbols('a b c')
Ss = sp.Matrix([[sa, sb], [sb, sc]])
print("Sd exact (sympy)", sp.solve(list(Ms*Ss*Ms.T + q(1, 100)*sp.diag(1, q(1, 2)) - Ss), [sa, sb, sc]))
# the eigenvalues of the map S -> M S M^T on symmetric matrices: mu_i mu_j (mu the eigenvalues of M)
mus = eig(M)[0]
show("mu1", mus[0]); show("mu2", mus[1])

# x04 Ben Arous, Gheissari and Jagannath (2021): m' = k m^(k-1) (1 - m^2), k = 3.
print("# x04")
F = lambda m: -1/(3*m) + log((1 + m)/(1 - m))/6
m0 = mpf(1)/10
T = F(mpf(1)/2) - F(m0)
show("T(1/2)", T)
f = odefun(lambda t, m: 3*m**2*(1 - m**2), 0, m0)
show("m(T) (should be 1/2)", f(T))
show("m(2)", f(2))
f2 = odefun(lambda t, m: 2*m*(1 - m**2), 0, m0)
show("k=2 m(1) ode", f2(1)); show("k=2 closed", m0*exp(2)/sqrt(1 - m0**2 + m0**2*exp(4)))

# x05 Tian, Chen and Ganguli (2021): w' = p (tau - (1+s2) p) w - eta w, p' = alpha (tau - (1+s2) p) w^2 - eta p.
print("# x05")
tau, s2, eta, alpha = mpf(1), mpf('0.5'), mpf('0.1'), mpf(2)
disc = sqrt(tau**2 - 4*eta*(1 + s2))
pp, pm = (tau + disc)/(2*(1 + s2)), (tau - disc)/(2*(1 + s2))
show("p+", pp); show("w+", pp/sqrt(alpha)); show("p-", pm); show("w-", pm/sqrt(alpha))
rhs5 = lambda t, y: [y[1]*(tau - (1 + s2)*y[1])*y[0] - eta*y[0], alpha*(tau - (1 + s2)*y[1])*y[0]**2 - eta*y[1]]
g = odefun(rhs5, 0, [mpf('0.5'), mpf('0.3')])
y3 = g(3)
show("w(3)", y3[0]); show("p(3)", y3[1])
def jac5(w, p):
    return matrix([[p*(tau - (1 + s2)*p) - eta, (tau - 2*(1 + s2)*p)*w], [2*alpha*(tau - (1 + s2)*p)*w, -alpha*(1 + s2)*w**2 - eta]])
ev = eig(jac5(pp/sqrt(alpha), pp))[0]; show("eig+ 1", min(ev, key=lambda z: z.real).real); show("eig+ 2", max(ev, key=lambda z: z.real).real)
ev = eig(jac5(pm/sqrt(alpha), pm))[0]; show("eig- 1", min(ev, key=lambda z: z.real).real); show("eig- 2", max(ev, key=lambda z: z.real).real)
show("eta_c = tau^2/(4(1+s2))", tau**2/(4*(1 + s2)))

# x06 Ziyin, Li and Meng (2022): L = (uvw - 1)^2/2 + (ab - 1)^2/2 + lam (u^2+v^2+w^2+a^2+b^2)/2.
print("# x06")
lam = mpf('0.2')
big = findroot(lambda s: s**4 - s + lam, 0.9); small = findroot(lambda s: s**4 - s + lam, 0.2)
show("s big", big); show("s small", small); show("c = sqrt(1 - lam)", sqrt(1 - lam))
L3 = lambda s, lam: (s**3 - 1)**2/2 + 3*lam*s**2/2
def lstar_gap(lam):
    s = findroot(lambda s: s**4 - s + lam, (mpf('0.64'), mpf(1)), solver='anderson')
    return L3(s, lam) - mpf(1)/2
lamstar = findroot(lstar_gap, (mpf('0.3'), mpf('0.47')), solver='anderson')
show("lam* (L3 at the minimum = 1/2)", lamstar)
show("lam_c = 3 4^(-4/3)", 3*mpf(4)**(-mpf(4)/3))
def flow6(lam, T):
    def rhs(t, y):
        u, v, w, a, b = y
        r = u*v*w - 1; q = a*b - 1
        return [-(r*v*w + lam*u), -(r*u*w + lam*v), -(r*u*v + lam*w), -(q*b + lam*a), -(q*a + lam*b)]
    return odefun(rhs, 0, [mpf(1), mpf('0.9'), mpf('1.1'), mpf('0.5'), mpf('1.5')])(T)
y = flow6(lam, 2)
show("u(2)", y[0]); show("a(2)", y[3])

# x07 Lee et al. (2019): f' = -eta K (f - Y), g' = -eta k*.(f - Y).
print("# x07")
Kt = matrix([[2, mpf(1)/2], [mpf(1)/2, 1]]); Y = matrix([1, -1]); ks = matrix([1, mpf(1)/4]); f0 = matrix([mpf(1)/10, -mpf(2)/10]); eta = mpf(1)
ft = lambda t: Y + expm(-eta*t*Kt)*(f0 - Y)
show("f1(1)", ft(1)[0]); show("f2(1)", ft(1)[1])
ginf = -(ks.T*inverse(Kt)*(f0 - Y))[0]
show("g(inf)", ginf)
g1 = (ks.T*inverse(Kt)*(expm(-eta*Kt) - matrix([[1, 0], [0, 1]]))*(f0 - Y))[0]
show("g(1)", g1)
lmax = max(eig(Kt)[0], key=lambda z: z.real).real
show("2/lambda_max", 2/lmax)

# x08 Tanaka and Kunin (2021): m u'' + gamma u' = -dL/du, L = (uv - y)^2/2.
print("# x08")
mm, gam, yy = mpf('0.5'), mpf(1), mpf(2)
def rhs8(t, z):
    u, v, pu, pv = z
    r = u*v - yy
    return [pu, pv, (-gam*pu - r*v)/mm, (-gam*pv - r*u)/mm]
h = odefun(rhs8, 0, [mpf('0.2'), mpf(1), mpf(0), mpf(0)])
z5 = h(5)
show("u^2 - v^2 at t = 5", z5[0]**2 - z5[1]**2)
z40 = h(40)
show("u^2 - v^2 at t = 40", z40[0]**2 - z40[1]**2)
show("uv at 40", z40[0]*z40[1])
z160 = h(160)
show("u^2 - v^2 at t = 160 (the limit)", z160[0]**2 - z160[1]**2)
show("uv at 160", z160[0]*z160[1])

# x09 Gissin, Shalev-Shwartz and Daniely (2020): sigma' = N sigma^(2 - 2/N) (s - sigma), N = 4.
print("# x09")
def Fg(x, s): return (-1/x + log((sqrt(s) + x)/(sqrt(s) - x))/(2*sqrt(s)))/(2*s)
s1, s2_, sig0 = mpf(1), mpf('0.5'), mpf('0.01')
T1 = Fg(sqrt(s1/2), s1) - Fg(sqrt(sig0), s1); T2 = Fg(sqrt(s2_/2), s2_) - Fg(sqrt(sig0), s2_)
show("T1", T1); show("T2", T2)
fa = odefun(lambda t, y: [4*y[0]**mpf(1.5)*(s1 - y[0]), 4*y[1]**mpf(1.5)*(s2_ - y[1])], 0, [sig0, sig0])
show("sigma1(T1) (should be 1/2)", fa(T1)[0]); show("sigma2(T2) (should be 1/4)", fa(T2)[1])
show("sigma1(3)", fa(3)[0]); show("sigma2(3)", fa(3)[1])

# x10 Ziyin, Liu, Mori and Ueda (2022): online SGD on 1D least squares, e -> e - eta x (x e - eps), x ~ N(0, 1),
# eps ~ N(0, s^2): E e^2 obeys m -> (1 - 2 eta + 3 eta^2) m + eta^2 s^2 (E x^4 = 3).
print("# x10")
eta, s = mpf('0.1'), mpf(1)
a = 1 - 2*eta + 3*eta**2
mstar = eta*s**2/(2 - 3*eta)
m = mpf(1)
for k in range(30): m = a*m + eta**2*s**2
show("m* = eta s^2/(2 - 3 eta)", mstar); show("m at step 30", m); show("multiplier", a)
