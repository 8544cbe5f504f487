# Referee for v10_symmetric_factorization.phc (UnseenTrial8Tests): mpmath odefun and expm at 50 digits.
# U' = -(U U^T - M) U (gradient flow of |U U^T - M|_F^2/4); X = U U^T obeys X' = M X + X M - 2 X^2, whose inverse
# Y = X^-1 obeys the linear Y' = 2 I - Y M - M Y: X(t) = inv(e^{-tM} X0^-1 e^{-tM} + M^-1 (I - e^{-2tM})).
# run: python3 v10_symmetric_factorization.mpmath.py > v10_symmetric_factorization.mpmath.out
from mpmath import mp, mpf, matrix, expm, inverse, odefun, eye, nstr
mp.dps = 50
M = matrix([[2, mpf(1)/2], [mpf(1)/2, 1]])
U0 = matrix([[mpf('0.3'), mpf('0.1')], [0, mpf('0.2')]])
X0 = U0*U0.T
def closed(t):
    E = expm(-t*M)
    return inverse(E*inverse(X0)*E + inverse(M)*(eye(2) - expm(-2*t*M)))
def rhs(t, z):
    U = matrix([[z[0], z[1]], [z[2], z[3]]])
    D = -(U*U.T - M)*U
    return [D[0, 0], D[0, 1], D[1, 0], D[1, 1]]
sol = odefun(rhs, 0, [U0[0, 0], U0[0, 1], U0[1, 0], U0[1, 1]])
for t in (1, 3):
    z = sol(t); U = matrix([[z[0], z[1]], [z[2], z[3]]]); X = U*U.T; C = closed(mpf(t))
    print(f"t = {t}: X (odefun) =", [[nstr(X[i, j], 30) for j in range(2)] for i in range(2)])
    print(f"t = {t}: closed form  =", [[nstr(C[i, j], 30) for j in range(2)] for i in range(2)])
    print(f"t = {t}: max difference", nstr(max(abs(X[i, j] - C[i, j]) for i in range(2) for j in range(2)), 3))
z = sol(40); U = matrix([[z[0], z[1]], [z[2], z[3]]]); X = U*U.T
print("t = 40: |X - M| max", nstr(max(abs(X[i, j] - M[i, j]) for i in range(2) for j in range(2)), 3))
print("det X at t = 1:", nstr((closed(1)[0, 0]*closed(1)[1, 1] - closed(1)[0, 1]**2), 30))
