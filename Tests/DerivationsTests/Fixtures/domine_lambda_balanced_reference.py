# Domine et al. (2024), arXiv:2409.14623: lambda-balanced two-layer linear network, whitened inputs.
# W1' = W2^T (S - W2 W1), W2' = (S - W2 W1) W1^T; Q = [W1^T; W2], P = Q Q^T obeys P' = F P + P F - P^2
# with F = [[-lam/2 I, S^T], [S, lam/2 I]]; P(t) = e^{Ft} Q0 [I + Q0^T F^{-1}(e^{2Ft} - I) Q0 / 2]^{-1} Q0^T e^{Ft}.
from mpmath import mp, matrix, mpf, expm, inverse, eye, zeros, odefun, nstr, sqrt
mp.dps = 50
S = matrix([[2, mpf('0.5'), 0], [mpf('0.3'), 1, mpf('-0.4')]])
n_in, n_h, n_out = 3, 2, 2
s1, s2 = mpf('0.3'), mpf('0.5')
W10 = s1 * matrix([[mpf('0.6'), mpf('-0.8')], [mpf('0.8'), mpf('0.6')]]) * matrix([[1, 0, 0], [0, mpf('0.6'), mpf('0.8')]])
W20 = s2 * matrix([[0, 1], [-1, 0]])
lam = s2**2 - s1**2
B0 = W20.T * W20 - W10 * W10.T
assert mp.mnorm(B0 - lam * eye(2), 1) < mpf(10)**-45
N = n_in + n_out
F = zeros(N, N)
for i in range(n_in): F[i, i] = -lam / 2
for i in range(n_out): F[n_in + i, n_in + i] = lam / 2
for i in range(n_out):
    for j in range(n_in):
        F[n_in + i, j] = S[i, j]; F[j, n_in + i] = S[i, j]
Q0 = zeros(N, n_h)
for i in range(n_in):
    for k in range(n_h): Q0[i, k] = W10[k, i]
for i in range(n_out):
    for k in range(n_h): Q0[n_in + i, k] = W20[i, k]
def P(t):
    E = expm(F * t)
    inner = eye(n_h) + Q0.T * inverse(F) * (expm(2 * F * t) - eye(N)) * Q0 / 2
    return E * Q0 * inverse(inner) * Q0.T * E
def flow(t, y):
    W1 = matrix(n_h, n_in); W2 = matrix(n_out, n_h)
    for k in range(n_h * n_in): W1[k // n_in, k % n_in] = y[k]
    for k in range(n_out * n_h): W2[k // n_h, k % n_h] = y[n_h * n_in + k]
    E = S - W2 * W1
    d1 = W2.T * E; d2 = E * W1.T
    return [d1[k // n_in, k % n_in] for k in range(n_h * n_in)] + [d2[k // n_h, k % n_h] for k in range(n_out * n_h)]
y0 = [W10[k // n_in, k % n_in] for k in range(n_h * n_in)] + [W20[k // n_h, k % n_h] for k in range(n_out * n_h)]
sol = odefun(flow, 0, y0)
for t in [1, 2]:
    y = sol(t)
    W1 = matrix(n_h, n_in); W2 = matrix(n_out, n_h)
    for k in range(n_h * n_in): W1[k // n_in, k % n_in] = y[k]
    for k in range(n_out * n_h): W2[k // n_h, k % n_h] = y[n_h * n_in + k]
    M = W2 * W1
    Pt = P(t)
    block = matrix(n_out, n_in)
    for i in range(n_out):
        for j in range(n_in): block[i, j] = Pt[n_in + i, j]
    print("t =", t, "integrated W2 W1:", [[nstr(M[i, j], 30) for j in range(n_in)] for i in range(n_out)])
    print("   closed form - integrated:", nstr(mp.mnorm(block - M, 1), 5))
print("lambda", lam)
print("W10", W10)
