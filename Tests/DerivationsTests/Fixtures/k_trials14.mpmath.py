# References for the fourteenth trials k01-k06 (UnseenTrial14Tests), at 40 digits: quadratures split at every kink,
# odefun, findroot, exact rational recursions. Run: python3 k_trials14.mpmath.py > k_trials14.mpmath.out
from mpmath import mp, mpf, sqrt, pi, exp, erf, erfc, quad, inf, odefun, atan, findroot, log, cos, sin, tanh, e, limit
from fractions import Fraction as F
mp.dps = 40
def show(name, v): print(f"{name} = {mp.nstr(v, 34)}")
def normal(f, kinks=(), m=0, s=1):
    return quad(lambda z: f(m + s*z)*exp(-z**2/2)/sqrt(2*pi), [-inf] + sorted(kinks) + [inf])
relu = lambda u: max(u, 0)
step = lambda u: 1 if u > 0 else 0

print("# k01 Tian (2017): population gradient of a ReLU student w against the teacher e1, x ~ N(0, I_2)")
# A degree-2 homogeneous integrand h(x) has E h = (1/pi) int_0^{2 pi} h(cos phi, sin phi) dphi (the radial part gives 2/(2 pi)).
def gauss2(h, w):
    phis = sorted({mpf(0), pi/2, 3*pi/2, 2*pi} | {(atan(-w[0]/w[1]) + k*pi) % (2*pi) for k in range(2)})
    return quad(lambda p: h(cos(p), sin(p)), phis)/pi
def tian(w1, w2):
    n = sqrt(w1**2 + w2**2); th = atan(w2/w1); st = w2/n
    g1 = (w1 - 1)/2 + (th - st*w1/n)/(2*pi)
    g2 = w2/2 - st*w2/(2*pi*n)
    J = n**2/4 + mpf(1)/4 - n*(st + (pi - th)*w1/n)/(2*pi)
    return g1, g2, J
p = (mpf(3)/10, mpf(4)/5)
for i in (0, 1):
    show(f"k01 E[(relu(w.x) - relu(x1)) step(w.x) x{i+1}] by quad", gauss2(lambda a, b: (relu(p[0]*a + p[1]*b) - relu(a))*step(p[0]*a + p[1]*b)*(a, b)[i], p))
    show(f"k01 Tian's g{i+1}", tian(*p)[i])
show("k01 E (relu(w.x) - relu(x1))^2/2 by quad", gauss2(lambda a, b: (relu(p[0]*a + p[1]*b) - relu(a))**2/2, p))
show("k01 Tian's J", tian(*p)[2])
flow = odefun(lambda t, w: [-tian(w[0], w[1])[0], -tian(w[0], w[1])[1]], 0, [p[0], p[1]])
show("k01 w1(2)", flow(2)[0]); show("k01 w2(2)", flow(2)[1])
show("k01 J(2)", tian(*flow(2))[2])
show("k01 min w1 on [0, 10] (w1 stays > 0)", min(flow(mpf(k)/10)[0] for k in range(101)))
h = mpf(10)**-15
J = [[(-tian(1 + (h if j == 0 else 0), (h if j == 1 else 0))[i] + tian(1 - (h if j == 0 else 0), -(h if j == 1 else 0))[i])/(2*h) for j in (0, 1)] for i in (0, 1)]
print("k01 Jacobian at the teacher (central differences):", [[mp.nstr(x, 12) for x in r] for r in J])

print("# k02 Li, Tai and E (2017): SGD x -> x - eta (a x + s xi), xi ~ uniform(-sqrt 3, sqrt 3), a = 1, eta = 1/10, s = 1/2")
a, eta, s = F(1), F(1, 10), F(1, 2)
k4 = F(9, 5)   # E xi^4 of the unit-variance uniform law
m1, m2, m4 = F(1), F(1), F(1)
for k in range(20):
    m1, m2, m4 = (1 - eta*a)*m1, (1 - eta*a)**2*m2 + eta**2*s**2, (1 - eta*a)**4*m4 + 6*(1 - eta*a)**2*eta**2*s**2*m2 + eta**4*s**4*k4
show("k02 E x at step 20", mpf(m1.numerator)/m1.denominator)
show("k02 E x^2 at step 20 (exact recursion)", mpf(m2.numerator)/m2.denominator)
show("k02 E x^4 at step 20 (exact recursion)", mpf(m4.numerator)/m4.denominator)
m2s = eta*s**2/(a*(2 - eta*a)); m4s = (6*(1 - eta*a)**2*eta**2*s**2*m2s + eta**4*s**4*k4)/(1 - (1 - eta*a)**4)
print("k02 stationary E x^2 =", m2s, "; stationary E x^4 =", m4s, "=", mp.nstr(mpf(m4s.numerator)/m4s.denominator, 34))
show("k02 SME stationary eta s^2/(2 a)", (mpf(1)/80))
vs = (mpf(1)/80); show("k02 SME v(3) = vs + (1 - vs) exp(-6)", vs + (1 - vs)*exp(-6))
# the recursions above are the moments of the map: check one step by exact enumeration of the uniform's moments
x = mpf(7)/10
one = quad(lambda u: (x - float(eta)*(x + float(s)*u))**4, [-sqrt(3), sqrt(3)])/(2*sqrt(3))
show("k02 one-step E x'^4 at x = 7/10 by quad", one)
show("k02 one-step by the recursion", (1 - mpf(1)/10)**4*x**4 + 6*(1 - mpf(1)/10)**2*mpf(1)/100/4*x**2 + mpf(1)/10**4/16*mpf(9)/5)

print("# k03 width limits (exact values, mpmath limits as a check)")
for name, f, v in [("sqrt(d^2 + d) - d", lambda d: sqrt(d**2 + d) - d, mpf(1)/2),
                   ("d (sqrt(1 + 1/d) - 1)", lambda d: d*(sqrt(1 + 1/d) - 1), mpf(1)/2),
                   ("d^2 (exp(1/d) - 1 - 1/d)", lambda d: d**2*(exp(1/d) - 1 - 1/d), mpf(1)/2),
                   ("d (d log(1 + 1/d) - 1)", lambda d: d*(d*log(1 + 1/d) - 1), -mpf(1)/2),
                   ("(1 + 1/d)^d", lambda d: (1 + 1/d)**d, e),
                   ("d (cos(1/sqrt d) - 1)", lambda d: d*(cos(1/sqrt(d)) - 1), -mpf(1)/2)]:
    with mp.workdps(120): show(f"k03 {name} at d = 10^30", f(mpf(10)**30))
    show(f"k03   claimed", v)
show("k03 E relu(w)^2 + E step(w)", normal(lambda z: relu(z)**2 + step(z), [0]))

print("# k04 Bishop (1995): input noise as Tikhonov; a ReLU unit whose bias moves its kink")
x1, x2, x3, y, sd = mpf(1), -mpf(1)/2, mpf(2), mpf(1), mpf(1)/2
show("k04 |x|^2 + s^2", x1**2 + x2**2 + x3**2 + sd**2)
w = (mpf(1)/3, mpf(1)/5, -mpf(1)/7)
# the noisy loss by nested quadrature over e3 (inner, exact Gaussian moments would do) at one w
def noisy(w):
    mu = w[0]*x1 + w[1]*x2 + w[2]*x3 - y
    v = sd**2*(w[0]**2 + w[1]**2 + w[2]**2)
    return normal(lambda r: r**2/2, m=mu, s=sqrt(v))
show("k04 E noisy loss at w = (1/3, 1/5, -1/7) by quad", noisy(w))
show("k04 (w.x - y)^2/2 + s^2 |w|^2/2", (w[0]*x1 + w[1]*x2 + w[2]*x3 - y)**2/2 + sd**2*(w[0]**2 + w[1]**2 + w[2]**2)/2)
x0, yb = mpf(1)/2, mpf(1)
Phi = lambda u: (1 + erf(u/sqrt(2)))/2
phi = lambda u: exp(-u**2/2)/sqrt(2*pi)
gb = lambda b: (x0 + b - yb)*Phi((x0 + b)/sd) + sd*phi((x0 + b)/sd)
show("k04 drift at b = 1/5 by quad", -normal(lambda e: (relu(x0 + e + mpf(1)/5) - yb)*step(x0 + e + mpf(1)/5), [-(x0 + mpf(1)/5)/sd], s=sd))   # kinks in z units
show("k04 drift at b = 1/5 closed form", -gb(mpf(1)/5))
bstar = findroot(gb, 0.4); show("k04 b* (mu* - x0)", bstar)
show("k04 d(-g)/db at b*", -(Phi((x0 + bstar)/sd)))
show("k04 b(1)", odefun(lambda t, b: -gb(b), 0, mpf(0))(1))
xc = mpf(1)/4
gc = lambda c: quad(lambda e: (xc + e + c - yb*mpf(3)/4)*step(xc + e + c), [-1, -(xc + c), 1])/2
show("k04 uniform drift at c = 0 by quad", -gc(mpf(0)))
show("k04 c(1)", odefun(lambda t, c: -quad(lambda e: (xc + e + c - mpf(3)/4)*step(xc + e + c), [-1, -(xc + c), 1])/2, 0, mpf(0))(1))

print("# k06 Gaussian-equivalence constants (mu0, mu1, mu*) and three-variable averages")
for b in (mpf(0), mpf(1)/2):
    show(f"k06 mu0 of relu(z - {b})", normal(lambda z: relu(z - b), [b]))
    show(f"k06 mu1 of relu(z - {b})", normal(lambda z: z*relu(z - b), [b]))
    show(f"k06 E relu(z - {b})^2", normal(lambda z: relu(z - b)**2, [b]))
show("k06 mu*^2 of relu, 1/4 - 1/(2 pi)", mpf(1)/4 - 1/(2*pi))
show("k06 mu1 of tanh = E (1 - tanh^2)", normal(lambda z: z*tanh(z)))
show("k06 E tanh^2", normal(lambda z: tanh(z)**2))
show("k06 E relu(g1 + 2 g2 + 2 g3 + 1) = 3 phi(1/3) + Phi(1/3)", 3*phi(mpf(1)/3) + Phi(mpf(1)/3))
show("k06   by one quad over u = a.g/3", normal(lambda u: relu(3*u + 1), [-mpf(1)/3]))
# E relu(u1 + u2 + u3), u_i uniform(-1, 1): the density of the sum is piecewise quadratic; integrate u3 exactly, then quad
def inner(s12):   # E_u3 relu(s12 + u3) for u3 ~ U(-1, 1)
    lo = max(-1, -s12)
    return 0 if lo >= 1 else ((s12 + 1)**2 - (s12 + lo)**2)/4
show("k06 E relu(u1 + u2 + u3), uniform(-1, 1)", quad(lambda u1: quad(lambda u2: inner(u1 + u2), [-1, -1 - u1 if -1 - u1 > -1 else -1, 1 - u1 if 1 - u1 < 1 else 1, 1])/2, [-1, 0, 1])/2)
print("k06 E (u1 + u2 + u3)^4 = 13/5 (exact moments 1/3, 1/5)")

print("# k05 Heskes-Kappen: LMS with Rademacher inputs, uniform label noise, eta = 1/5, c = 1/2")
from itertools import product
eta, c = F(1, 5), F(1, 2)
def step(S):   # exact one-step second moments by enumerating x in {+-1}^2 (eps independent, E eps^2 = c^2/3)
    S11, S22, S12 = S
    M = [[S11, S12], [S12, S22]]; out = [[F(0)]*2 for _ in range(2)]
    for x in product((-1, 1), repeat=2):
        A = [[(1 if i == j else 0) - eta*x[i]*x[j] for j in range(2)] for i in range(2)]
        AM = [[sum(A[i][k]*M[k][j] for k in range(2)) for j in range(2)] for i in range(2)]
        AMA = [[sum(AM[i][k]*A[j][k] for k in range(2)) for j in range(2)] for i in range(2)]
        for i in range(2):
            for j in range(2): out[i][j] += (AMA[i][j] + eta**2*c**2/3*x[i]*x[j])/4
    return (out[0][0], out[1][1], out[0][1])
S = (F(1), F(1, 4), F(-1, 2))
for k in range(15): S = step(S)
print("k05 S11, S22, S12 at step 15 by enumeration:", *(mp.nstr(mpf(v.numerator)/v.denominator, 34) for v in S))
S = (F(1), F(1, 4), F(-1, 2))
for k in range(15): S = ((1 - eta)**2*S[0] + eta**2*S[1] + eta**2*c**2/3, (1 - eta)**2*S[1] + eta**2*S[0] + eta**2*c**2/3, (1 - 2*eta + 2*eta**2)*S[2])
print("k05 the same by the file's recursion:      ", *(mp.nstr(mpf(v.numerator)/v.denominator, 34) for v in S))
print("k05 stationary S11 = eta c^2/(6 (1 - eta)) =", eta*c**2/(6*(1 - eta)))

print("# tails that grow like a power (UnseenTrial14Tests.powerGrowingTailsAreBounded)")
show("tails E z^3 tanh(z)", normal(lambda z: z**3*tanh(z)))
show("tails E exp(z^2/4) tanh(z)^2 (converges; grows faster than every power)", normal(lambda z: exp(z**2/4)*tanh(z)**2))
