# References for IntegrationEstimateTests (the error estimate of integrated values at 300 digits and more).
# mpmath 1.3.0 (gmpy2 backend), 360 significant digits; run: python3 integration_estimate.mpmath.py
#
# 1. Saddle x' = 3 y, y' = x/3, x(0) = 1, y(0) = -1/3: x(t) = e^-t exactly (the decaying solution); an error in the
#    growing direction e^t is amplified relative to x by e^(2t) (e^20 = 10^8.7 at t = 10, e^40 = 10^17.4 at t = 20,
#    10^52 at t = 60).
# 2. The flagship's Case A (model.md section 8; Benchmarks/dynamics_flagship_reference.py has the same closed
#    form): a(t) = gamma dot(u(t), w(t)) at t = 2 and t = 10, and C = dot(u, u) - dot(w, w), conserved, so
#    C(t) = C(0) = 1 + 4 + 0.25 - 0.09 - 1 - 1 = 3.16 exactly at every t.
import mpmath
from mpmath import mp

mp.dps = 380
for t in (10, 20, 60):
    print("saddle x(%d) = e^-%d =" % (t, t), mpmath.nstr(mpmath.exp(-t), 360))

u0 = [mpmath.mpf(1), mpmath.mpf(-2), mpmath.mpf("0.5")]
w0 = [mpmath.mpf("0.3"), mpmath.mpf(1), mpmath.mpf(-1)]
gamma = mpmath.mpf("0.5")
lam = gamma
P = sum((a + b) ** 2 for a, b in zip(u0, w0))
M = sum((a - b) ** 2 for a, b in zip(u0, w0))
D0 = lam ** 4 * P * M
kinf = mpmath.sqrt(D0 + 4 * lam ** 2)
root = mpmath.sqrt(4 + lam ** 2 * P * M)
zp, zm = (2 + root) / (lam * P), (2 - root) / (lam * P)
for t in (2, 10):
    q = (1 - zp) / (1 - zm) * mpmath.exp(-kinf * t)
    z = (zp - q * zm) / (1 - q)
    S = -mpmath.log(z) / 2
    u = [a * mpmath.cosh(S) - b * mpmath.sinh(S) for a, b in zip(u0, w0)]
    w = [b * mpmath.cosh(S) - a * mpmath.sinh(S) for a, b in zip(u0, w0)]
    a = gamma * sum(x * y for x, y in zip(u, w))
    C = sum(x * x for x in u) - sum(y * y for y in w)
    print("flagship a(%d) =" % t, mpmath.nstr(a, 360))
    print("flagship C(%d) - 3.16 =" % t, mpmath.nstr(C - mpmath.mpf("3.16"), 5))

# 3. The matrix benchmark's network (Benchmarks/matrix_benchmark.sh) at n = 2: W1' = W2^T (S - W2 W1),
#    W2' = (S - W2 W1) W1^T, W1 = W2 = I/10 at t = 0, S_ij = 1/(i + j + 1) + [i = j] (1-based); W2 W1 follows the
#    matrix Riccati solution P(t) = e^{Ft} Q0 [I + Q0^T F^-1 (e^{2Ft} - I) Q0 / 2]^-1 Q0^T e^{Ft}, its lower left
#    block (F = [[0, S^T], [S, 0]], Q0 = [W1^T; W2]); here its entries at t = 2, row by row.
n = 2
S = mpmath.matrix(n, n)
for i in range(n):
    for j in range(n):
        S[i, j] = mpmath.mpf(1) / (i + j + 3) + (1 if i == j else 0)
F = mpmath.zeros(2 * n, 2 * n)
for i in range(n):
    for j in range(n):
        F[n + i, j] = S[i, j]
        F[j, n + i] = S[i, j]
Q0 = mpmath.zeros(2 * n, n)
for i in range(n):
    Q0[i, i] = mpmath.mpf(1) / 10
    Q0[n + i, i] = mpmath.mpf(1) / 10
t = 2
E = mpmath.expm(F * t)
inner = mpmath.eye(n) + Q0.T * mpmath.inverse(F) * (mpmath.expm(2 * F * t) - mpmath.eye(2 * n)) * Q0 / 2
P = E * Q0 * mpmath.inverse(inner) * Q0.T * E
for i in range(n):
    for j in range(n):
        print("riccati (W2 W1)[%d,%d](2) =" % (i + 1, j + 1), mpmath.nstr(P[n + i, j], 80))
