"""References for Tests/CLITests/HostileInputTests.swift: values at t = 10^9, far beyond MPFR's default
exponent range (about 10^±323228496). Run: python3 Benchmarks/references/hostile_large_times.py"""
from mpmath import mp, mpf, sqrt, exp

mp.dps = 60
# derivations/xu_ziyin_linear_network.phc, case A: q = (1 - zp)/(1 - zm) exp(-kappa Kinf t).
gamma, eta_u, eta_w, kappa, astar = mpf('0.5'), mpf(1), mpf(1), mpf(1), mpf(1)
u0, w0 = [mpf(1), mpf(-2), mpf('0.5')], [mpf('0.3'), mpf(1), mpf(-1)]
dot = lambda x, y: sum(a * b for a, b in zip(x, y))
a0 = gamma * dot(u0, w0)
K0 = gamma**2 * (eta_u * dot(w0, w0) + eta_w * dot(u0, u0))
lam = gamma * sqrt(eta_u * eta_w)
D0 = K0**2 - 4 * lam**2 * a0**2
Kinf = sqrt(D0 + 4 * lam**2 * astar**2)
ut0, wt0 = [x / sqrt(eta_u) for x in u0], [x / sqrt(eta_w) for x in w0]
P = dot([a + b for a, b in zip(ut0, wt0)], [a + b for a, b in zip(ut0, wt0)])
M = dot([a - b for a, b in zip(ut0, wt0)], [a - b for a, b in zip(ut0, wt0)])
zp = (2 * astar + sqrt(4 * astar**2 + lam**2 * P * M)) / (lam * P)
zm = (2 * astar - sqrt(4 * astar**2 + lam**2 * P * M)) / (lam * P)
print("q(10^9) =", mp.nstr((1 - zp) / (1 - zm) * exp(-kappa * Kinf * mpf(10)**9), 30))
# derivations/saxe_logistic.phc: u(t) -> sqrt(astar/gamma) = sqrt(2).
print("sqrt(2) =", mp.nstr(sqrt(2), 30))
# eval --digits 40000 'exp(1)': the last 40 of 40,000 significant digits.
mp.dps = 40020
print("e to 40000 digits ends", mp.nstr(+mp.e, 40000)[-40:])
