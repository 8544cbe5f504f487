# Reference values for Tests/DerivationsTests/StochasticMapTests.swift: the unadjusted Langevin algorithm on
# the quadratic potential h x^2 / 2, x <- x - eta h x + sqrt(2 eta T) xi, xi ~ N(0, 1), from x_0 = 3 with
# eta = 1/10, h = 2, T = 1/2. Mean and variance obey m' = (1 - eta h) m, v' = (1 - eta h)^2 v + 2 eta T;
# iterated here in mpmath at 30 digits (a second method beside the closed forms the test's claims state).
# Run: python3 Benchmarks/langevin_reference.py
import mpmath as mp
mp.mp.dps = 30
eta, h, T = mp.mpf(1)/10, mp.mpf(2), mp.mpf(1)/2
m, v = mp.mpf(3), mp.mpf(0)
for step in range(1, 11):
    m, v = (1 - eta*h)*m, (1 - eta*h)**2*v + 2*eta*T
    if step in (1, 10):
        print(f'step {step}: E x = {mp.nstr(m, 25)}, E x^2 = {mp.nstr(v + m*m, 25)}, Var x = {mp.nstr(v, 25)}')
