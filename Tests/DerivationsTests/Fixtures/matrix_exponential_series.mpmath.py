# Reference values for expm of a matrix that changes along the flow (Tests/DynamicsTests/MatrixExponentialSeriesTests.swift).
# 1. Taylor coefficients E_0..E_6 at t = 0 of expm(A(t)), A(t) = A0 + C1 t + C2 t^2 (3 x 3; A0, C1, C2 do not
#    commute), by the block-Toeplitz identity: E_0..E_6 are the first block row of expm(T), T the 7 x 7
#    block upper-triangular Toeplitz matrix with A0 on the diagonal, C1 above it and C2 above that (the
#    algebra of matrix series truncated after t^6); checked against mpmath.taylor of expm(A(t)) (numerical
#    differentiation at 60 digits), whose largest gap is printed.
# 2. X' = expm(X) @ J, J = [[0, 1], [-1, 0]], X(0) = [[0.1, 0.2], [0, 0.3]]: X(1) by mpmath's Taylor odefun at 40 digits.
from mpmath import mp, matrix, mpf, expm, taylor, nstr, odefun, zeros
mp.dps = 60
def m(rows): return matrix([[mpf(x) for x in row] for row in rows])   # decimal strings, not binary floats
A0 = m([['1.2', '-0.7', '0.4'], ['0.5', '-0.8', '1.1'], ['-0.3', '0.9', '0.6']])
C1 = m([['0.4', '-0.2', '0.1'], ['0.6', '0.3', '0'], ['0.1', '-0.5', '-0.2']])
C2 = m([['0.1', '0.05', '0'], ['-0.35', '-0.2', '0.1'], ['0', '0.1', '0.3']])
n, K = 3, 7
T = zeros(n * K, n * K)
for b in range(K):
    for d, C in enumerate([A0, C1, C2]):
        if b + d < K:
            for i in range(n):
                for j in range(n):
                    T[b * n + i, (b + d) * n + j] = C[i, j]
E = expm(T)
blocks = [[E[i, k * n + j] for i in range(n) for j in range(n)] for k in range(K)]
numeric = [taylor(lambda t, i=i, j=j: expm(A0 + C1 * t + C2 * t**2)[i, j], 0, K - 1) for i in range(n) for j in range(n)]
print("largest gap, block-Toeplitz vs mpmath.taylor:", nstr(max(abs(blocks[k][e] - numeric[e][k]) for k in range(K) for e in range(n * n)), 3))
print("commutator norms |A0 C1 - C1 A0|, |A0 C2 - C2 A0|:", nstr(mp.mnorm(A0 * C1 - C1 * A0, 1), 5), nstr(mp.mnorm(A0 * C2 - C2 * A0, 1), 5))
for k in range(K):
    print(k, [nstr(x, 45) for x in blocks[k]])

mp.dps = 40
J = m([['0', '1'], ['-1', '0']])
def rhs(t, y):
    D = expm(matrix([[y[0], y[1]], [y[2], y[3]]])) * J
    return [D[0, 0], D[0, 1], D[1, 0], D[1, 1]]
f = odefun(rhs, 0, [mpf('0.1'), mpf('0.2'), mpf(0), mpf('0.3')])
print("X(1) =", [nstr(v, 30) for v in f(mpf(1))])

# 3. X' = expm(t B), X(0) = 0: X(2) = B^-1 (expm(2 B) - I), checked against quadrature of expm(s B).
B = m([['0.5', '3'], ['-2.5', '-1']])
X2 = B**-1 * (expm(2 * B) - mp.eye(2))
print("int_0^2 expm(sB) ds =", [nstr(X2[i, j], 30) for i in range(2) for j in range(2)],
      "quadrature gap:", nstr(max(abs(mp.quad(lambda s: expm(s * B)[i, j], [0, 2]) - X2[i, j]) for i in range(2) for j in range(2)), 3))
