# Reference values for the SGD test of Tests/DerivationsTests/StochasticMapTests.swift: least squares with
# two standard normal features, w* = (1, -1/2), one sample per step, w <- w - eta (w.x - y) x with
# y = w*.x + label noise, eta = 1/20, w_0 = 0. E[(w.x - y) x | w] = w - w*, so the mean obeys the
# gradient-descent recursion m' = m - eta (m - w*); iterated here in mpmath, and its closed form
# w* (1 - (1 - eta)^k). Run: python3 Benchmarks/sgd_reference.py
import mpmath as mp
mp.mp.dps = 30
eta = mp.mpf(1)/20
wstar = [mp.mpf(1), -mp.mpf(1)/2]
m = [mp.mpf(0), mp.mpf(0)]
for _ in range(20):
    m = [mi - eta*(mi - si) for mi, si in zip(m, wstar)]
print('E w_20 by the recursion:', [mp.nstr(v, 20) for v in m])
print('E w_20 closed form:    ', [mp.nstr(s*(1 - (1 - eta)**20), 20) for s in wstar])
