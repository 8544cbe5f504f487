# Reference for expm_parametrization.phc (Lezcano-Casado and Martinez-Rubio 2019, arXiv:1901.08428): the orthogonal
# W = expm(K - K^T) trained by gradient flow on K for the Procrustes loss ||W X - Y||^2 / 2, integrated at 25 digits
# by classical Runge-Kutta with h = 1/16, 1/32, 1/64 and Richardson extrapolation twice (the last correction, printed,
# bounds the error well below the 10 digits claimed; mpmath's odefun takes over 20 minutes here). The gradient D - D^T, D = L(S^T, (W X - Y) X^T), takes the Frechet derivative L of
# expm from the block identity expm([[A, E], [0, A]]) = [[expm(A), L(A, E)], [0, expm(A)]]; at K(0) it is checked
# against mpmath.diff of the loss entry by entry (numerical differentiation), whose largest gap is printed.
from mpmath import mp, matrix, mpf, expm, nstr, diff, zeros
mp.dps = 30
def m(rows): return matrix([[mpf(x) for x in row] for row in rows])   # decimal strings, not binary floats
n = 3
X = m([['1', '0.2', '0'], ['0', '0.8', '-0.3'], ['0.1', '0', '0.6']])
Y = m([['0.3', '0.9', '0.1'], ['-0.8', '0.4', '0.2'], ['0.2', '-0.1', '0.7']])
K0 = m([['0', '0.3', '-0.1'], ['0.2', '0', '0.4'], ['0', '-0.2', '0']])
def frechet(A, E):
    B = zeros(2 * n, 2 * n)
    for i in range(n):
        for j in range(n):
            B[i, j] = B[n + i, n + j] = A[i, j]
            B[i, n + j] = E[i, j]
    F = expm(B)
    return matrix([[F[i, n + j] for j in range(n)] for i in range(n)])
def loss(K):
    R = expm(K - K.T) * X - Y
    return sum(R[i, j]**2 for i in range(n) for j in range(n)) / 2
def gradient(K):
    S = K - K.T
    D = frechet(S.T, (expm(S) * X - Y) * X.T)
    return D - D.T
def unpack(y): return matrix([[y[n * i + j] for j in range(n)] for i in range(n)])
G0 = gradient(K0)
def numeric(i, j):
    def f(s):
        K = K0.copy(); K[i, j] += s
        return loss(K)
    return diff(f, 0)
print("gradient at K(0) vs mpmath.diff, largest gap:", nstr(max(abs(G0[i, j] - numeric(i, j)) for i in range(n) for j in range(n)), 3))
mp.dps = 25
def rk4(steps):
    K = K0.copy(); h = mpf(1) / steps
    for _ in range(steps):
        k1 = -gradient(K); k2 = -gradient(K + h/2*k1); k3 = -gradient(K + h/2*k2); k4 = -gradient(K + h*k3)
        K = K + h/6*(k1 + 2*k2 + 2*k3 + k4)
    return K
a, b, c = rk4(16), rk4(32), rk4(64)
once = (16*c - b)/15
K1 = (32*once - (16*b - a)/15)/31
W1 = expm(K1 - K1.T)
print("loss at t = 0 and 1:", nstr(loss(K0), 25), nstr(loss(K1), 20), "last correction:", nstr(abs(loss(K1) - loss(once)), 3))
print("||W(1)^T W(1) - I||:", nstr(mp.mnorm(W1.T * W1 - mp.eye(n), 1), 3))
