# Reference values for Tests/DerivationsTests/Fixtures/r02_em_two_gaussians.phc (UnseenTrial16Tests); run:
# python3 r02_em_two_gaussians.mpmath.py > r02_em_two_gaussians.mpmath.out
# Population EM for the balanced mixture (1/2) N(ts, 1) + (1/2) N(-ts, 1) (Xu, Hsu and Maleki 2016; Daskalakis,
# Tzamos and Zampetakis 2017): theta+ = M(theta) = E[X tanh(theta X)], and by the mixture's symmetry
# M(theta) = E[(ts + z) tanh(theta (ts + z))], z ~ N(0, 1). Fixed points: ts (M(ts) = ts, Stein's identity:
# E[(ts + z) tanh(ts (ts + z))] = ts), 0 and -ts; M'(theta) = E[X^2 sech^2(theta X)], M'(0) = E X^2 = 1 + ts^2.
from mpmath import mp, mpf, quad, tanh, sech, exp, sqrt, pi, inf, findroot
mp.dps = 40
def E(f):
    return quad(lambda z: f(z)*exp(-z**2/2)/sqrt(2*pi), [-inf, -5, 0, 5, inf])
ts = mpf(1)
M = lambda th: E(lambda z: (ts + z)*tanh(th*(ts + z)))
dM = lambda th: E(lambda z: (ts + z)**2*sech(th*(ts + z))**2)
print("M(ts) - ts =", M(ts) - ts)
th = mpf(1)/2
for k in range(1, 4):
    th = M(th)
    print("step", k, "theta =", th)
print("M'(ts) =", dM(ts))
print("M'(0) =", dM(mpf(0)), "(1 + ts^2 =", 1 + ts**2, ")")
print("M(1/2) =", M(mpf(1)/2))
# The file iterates EM for the same symmetric mixture with within-component noise +-s (Rademacher) instead of
# N(0, 1): X = ts r + s u, r and u fair signs, so M(theta) = E[(ts + s u) tanh(theta (ts + s u))]
# = ((ts + s) tanh(theta (ts + s)) + (ts - s) tanh(theta (ts - s)))/2. Stein's identity fails off the Gaussian: the
# fixed point theta_hat is not ts; M'(0) = E X^2 = ts^2 + s^2.
s = mpf(1)/2
Mr = lambda th: ((ts + s)*tanh(th*(ts + s)) + (ts - s)*tanh(th*(ts - s)))/2
dMr = lambda th: ((ts + s)**2*sech(th*(ts + s))**2 + (ts - s)**2*sech(th*(ts - s))**2)/2
th_hat = findroot(lambda t: Mr(t) - t, mpf(1))
print("Rademacher noise: theta_hat =", th_hat, " M'(theta_hat) =", dMr(th_hat), " M'(0) =", dMr(mpf(0)))
print("M(ts) =", Mr(ts))
th = mpf(1)/2
for k in range(1, 4):
    th = Mr(th)
    print("Rademacher EM step", k, "theta =", th)
# the threshold in s at which 0 stops repelling: M'(0) = ts^2 + s^2 = 1 never for ts >= 1; for ts = 1/2 at s = sqrt(3)/2
print("ts = 1/2: M'(0) = 1 at s = sqrt(3)/2 =", sqrt(3)/2)
