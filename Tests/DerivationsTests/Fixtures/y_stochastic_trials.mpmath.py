# References for the eleventh-session trials y01-y06 (UnseenTrial11Tests), at 40 digits: closed forms, quad split at
# every kink, odefun, polyroots, exact sums. Run: python3 y_stochastic_trials.mpmath.py > y_stochastic_trials.mpmath.out
from mpmath import mp, mpf, sqrt, pi, exp, erf, quad, inf, odefun, acos, findroot, polyroots, fsum
from itertools import product
mp.dps = 40
def normal(f, kinks=()):
    return quad(lambda z: f(z)*exp(-z**2/2)/sqrt(2*pi), [-inf] + sorted(kinks) + [inf])
def show(name, v): print(f"{name} = {mp.nstr(v, 33)}")

print("# y01 Jacot-Gabriel-Hongler NTK of a two-layer ReLU net, x = (1, 0), y = (3/5, 4/5)")
c, s = mpf(3)/5, mpf(4)/5; th = acos(c)
# E relu'(w.x) relu'(w.y): quad over w1 > 0 of P(c w1 + s w2 > 0 | w1) against the arc-cosine closed form
show("y01 E step(w.x) step(w.y), quad", quad(lambda z: (1 + erf(c*z/(s*sqrt(2))))/2*exp(-z**2/2)/sqrt(2*pi), [0, inf]))
show("y01 (pi - theta)/(2 pi)", (pi - th)/(2*pi))
mp.dps = 20   # nested quadratures: 20 digits suffice for the Monte Carlo's reference
show("y01 E relu(w.x) relu(w.y), nested quad", quad(lambda a: a*normal(lambda b: max(c*a + s*b, 0), [-c*a/s])*exp(-a**2/2)/sqrt(2*pi), [0, inf]))
mp.dps = 40
show("y01 |x||y| J1(theta)/(2 pi)", (s + (pi - th)*c)/(2*pi))
show("y01 NTK = |x||y| J1/(2 pi) + x.y (pi - theta)/(2 pi)", (s + (pi - th)*c)/(2*pi) + c*(pi - th)/(2*pi))

print("# y02 Nesterov-Spokoiny Gaussian smoothing of |x|, w0 = 1/2, mu = 1/3")
w0, mu = mpf(1)/2, mpf(1)/3
show("y02 f_mu(0) = mu sqrt(2/pi)", normal(lambda z: abs(mu*z), [0]))
show("y02 E|w0 + mu xi| by quad", normal(lambda z: abs(w0 + mu*z), [-w0/mu]))
show("y02 E|w0 + mu xi| closed form", mu*sqrt(2/pi)*exp(-w0**2/(2*mu**2)) + w0*erf(w0/(mu*sqrt(2))))
show("y02 E (|w0 + mu xi| - |w0|) xi/mu by quad", normal(lambda z: (abs(w0 + mu*z) - abs(w0))*z/mu, [-w0/mu]))
show("y02 erf(w0/(mu sqrt 2))", erf(w0/(mu*sqrt(2))))
show("y02 oracle second moment", normal(lambda z: (abs(w0 + mu*z) - abs(w0))**2*z**2/mu**2, [-w0/mu]))
show("y02 x(1/4) of x' = -erf(x/(mu sqrt 2)), x(0) = w0", odefun(lambda t, x: -erf(x/(mu*sqrt(2))), 0, w0)(mpf(1)/4))

print("# y03 Mobahi-Fisher Gaussian continuation of ((w^2 - 1)^2/4 + a w), a = 1/10, s = 1/5")
a, s3 = mpf(1)/10, mpf(1)/5
# The smoothed gradient: d/dw E[((w + s xi)^2 - 1)^2/4 + a (w + s xi)] = w^3 + (3 s^2 - 1) w + a (E xi^2 = 1, E xi^4 = 3).
w = mpf(1)/3
show("y03 smoothed gradient at w = 1/3 by quad", normal(lambda z: ((w + s3*z)**2 - 1)*(w + s3*z) + a))
show("y03 w^3 + (3 s^2 - 1) w + a at w = 1/3", w**3 + (3*s3**2 - 1)*w + a)
show("y03 right-well minimizer", max(r.real for r in polyroots([1, 0, 3*s3**2 - 1, a])))
flow = lambda s: odefun(lambda t, w: -(w**3 + (3*s**2 - 1)*w + a), 0, mpf(1))
show("y03 w(1)", flow(s3)(1))
show("y03 saddle-node s_c = sqrt((1 - (27 a^2/4)^(1/3))/3)", sqrt((1 - (27*a**2/4)**(mpf(1)/3))/3))
mp.dps = 24
sT = findroot(lambda s: flow(s)(10), (mpf('0.49'), mpf('0.51')), solver='secant', tol=mpf(10)**-20)
print(f"y03 s_T where w(10) = 0 (at 24 digits) = {mp.nstr(sT, 18)}")
mp.dps = 40

print("# y04 LMS with inputs uniform on [-sqrt 3, sqrt 3], eta = 1/10, s = 1/2")
eta, s4 = mpf(1)/10, mpf(1)/2
k2 = quad(lambda x: x**2, [-sqrt(3), sqrt(3)])/(2*sqrt(3)); k4 = quad(lambda x: x**4, [-sqrt(3), sqrt(3)])/(2*sqrt(3))
show("y04 E x^2", k2); show("y04 E x^4", k4)
m = mpf(1)
for _ in range(30): m = (1 - 2*eta*k2 + eta**2*k4)*m + eta**2*s4**2*k2
show("y04 m at step 30", m)
show("y04 stationary eta s^2/(2 - 9 eta/5)", eta*s4**2/(2 - 9*eta/5))

print("# y05 Rademacher and Gaussian averages, x = (1, 2, 3)")
xs = [1, 2, 3]
E3 = fsum(abs(sum(r*x for r, x in zip(rs, xs))) for rs in product([1, -1], repeat=3))/8
show("y05 E|sum r_i x_i| (exact sum over 8 signs)", E3)
show("y05 gap to |x|/sqrt 2", E3 - sqrt(14)/sqrt(2))
show("y05 Massart E max(r1 + 2 r2, 2 r1 - r2)", fsum(max(r1 + 2*r2, 2*r1 - r2) for r1, r2 in product([1, -1], repeat=2))/4)
mp.dps = 20
show("y05 E|g1 + 2 g2|, nested quad (20 digits)", normal(lambda a: normal(lambda b: abs(a + 2*b), [-a/2])))
mp.dps = 40
show("y05 sqrt 5 sqrt(2/pi)", sqrt(5)*sqrt(2/pi))
show("y05 sqrt 14 sqrt(2/pi)", sqrt(14)*sqrt(2/pi))
show("y05 E|r + g| = E|1 + g| by quad", normal(lambda z: abs(1 + z), [-1]))

print("# y06 Yaida FDR on h = (1, 3), eta = 1/5, sigma = 1/2")
eta6, h, sg = mpf(1)/5, [mpf(1), mpf(3)], mpf(1)/2
ms = [mpf(0), mpf(0)]
for _ in range(40): ms = [(1 - eta6*hh)**2*mm + eta6**2*sg**2 for hh, mm in zip(h, ms)]
show("y06 m1 at step 40", ms[0]); show("y06 m2 at step 40", ms[1])
v = [eta6*sg**2/(hh*(2 - eta6*hh)) for hh in h]
show("y06 stationary v2", v[1])
show("y06 FDR1 residual at step 40", fsum(hh*mm - eta6/2*(hh**2*mm + sg**2) for hh, mm in zip(h, ms)))
