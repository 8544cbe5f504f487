"""The check `phasecheck verify` runs on Benchmarks/matrix_riccati.phc (see matrix_benchmark.sh), written with
mpmath matrices: integrate the two-layer network W1' = W2^T (S - W2 W1), W2' = (S - W2 W1) W1^T (n x n, balanced
start W1 = W2 = I/10, S_ij = 1/(i + j + 1) + [i = j]) with mpmath's Taylor `odefun`, and compare W2 W1 at
t = k H/6, k = 1..6 (the horizon H defaults to 2), with the matrix Riccati solution P(t) = e^{Ft} Q0 [I + Q0^T F^-1 (e^{2Ft} - I) Q0 / 2]^-1
Q0^T e^{Ft} (F = [[0, S^T], [S, 0]], Q0 = [W1^T; W2]).

Usage: python3 matrix_riccati_mpmath.py N DIGITS [HORIZON]   prints "seconds <cpu s> digits <agreement> integration <cpu s
of them in odefun>" (the rest is the set-up and the closed form at the 6 times)."""
import sys, time
from mpmath import mp, matrix, mpf, expm, inverse, eye, zeros, odefun, log10

n, digits = int(sys.argv[1]), int(sys.argv[2])
horizon = mpf(sys.argv[3]) if len(sys.argv) > 3 else mpf(2)
mp.dps = digits + 5
start = time.process_time()
S = matrix(n, n)
for i in range(n):
    for j in range(n):
        S[i, j] = mpf(1) / (i + j + 3) + (1 if i == j else 0)   # 1-based i + j + 1
W10 = eye(n) / 10
W20 = eye(n) / 10
F = zeros(2 * n, 2 * n)
for i in range(n):
    for j in range(n):
        F[n + i, j] = S[i, j]
        F[j, n + i] = S[i, j]
Q0 = zeros(2 * n, n)
for i in range(n):
    for k in range(n):
        Q0[i, k] = W10[k, i]
        Q0[n + i, k] = W20[i, k]
Finv = inverse(F)

def closed(t):
    E = expm(F * t)
    inner = eye(n) + Q0.T * Finv * (expm(2 * F * t) - eye(2 * n)) * Q0 / 2
    P = E * Q0 * inverse(inner) * Q0.T * E
    return matrix([[P[n + i, j] for j in range(n)] for i in range(n)])

def flow(t, y):
    W1 = matrix([[y[i * n + j] for j in range(n)] for i in range(n)])
    W2 = matrix([[y[n * n + i * n + j] for j in range(n)] for i in range(n)])
    E = S - W2 * W1
    d1, d2 = W2.T * E, E * W1.T
    return [d1[i, j] for i in range(n) for j in range(n)] + [d2[i, j] for i in range(n) for j in range(n)]

solution = odefun(flow, 0, [W10[i, j] for i in range(n) for j in range(n)] + [W20[i, j] for i in range(n) for j in range(n)])
worst = mpf(0)
integrating = 0.0   # CPU seconds in odefun (its Taylor steps up to t), the rest being the set-up and the closed form
for k in range(1, 7):
    t = horizon * k / 6
    mark = time.process_time()
    y = solution(t)
    integrating += time.process_time() - mark
    W1 = matrix([[y[i * n + j] for j in range(n)] for i in range(n)])
    W2 = matrix([[y[n * n + i * n + j] for j in range(n)] for i in range(n)])
    worst = max(worst, mp.mnorm(W2 * W1 - closed(t), 1) / mp.mnorm(W2 * W1, 1))
print("seconds %.2f digits %.1f integration %.2f" % (time.process_time() - start, -log10(worst) if worst > 0 else digits, integrating))
