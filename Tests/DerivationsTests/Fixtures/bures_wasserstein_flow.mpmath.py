# Reference for bures_wasserstein_flow.phc (Chewi et al. 2020, arXiv:2001.01700): the Bures-Wasserstein
# gradient flow Sigma' = (T - I) Sigma + Sigma (T - I), T = Sigma^(-1/2) (Sigma^(1/2) S1 Sigma^(1/2))^(1/2) Sigma^(-1/2),
# integrated with mpmath's Taylor odefun at 40 digits (mpmath's sqrtm), against the geodesic closed form
# ((1 - s) I + s T0) Sigma0 ((1 - s) I + s T0), s = 1 - exp(-t); prints Sigma(1) and the 1-norm of the gap.
from mpmath import mp, matrix, mpf, sqrtm, powm, odefun, exp, eye, nstr, mnorm
mp.dps = 40
S0 = matrix([[2, mpf('0.3')], [mpf('0.3'), mpf('0.5')]])
S1 = matrix([[1, mpf('-0.4')], [mpf('-0.4'), mpf('1.5')]])
def T(S):
    r = sqrtm(S); ir = r**-1
    return ir * sqrtm(r * S1 * r) * ir
def rhs(t, y):
    S = matrix([[y[0], y[1]], [y[2], y[3]]])
    M = T(S) - eye(2)
    D = M * S + S * M
    return [D[0,0], D[0,1], D[1,0], D[1,1]]
f = odefun(rhs, 0, [S0[0,0], S0[0,1], S0[1,0], S0[1,1]])
T0 = T(S0)
for t in [mpf(1)]:
    y = f(t)
    s = 1 - exp(-t)
    G = (1 - s) * eye(2) + s * T0
    C = G * S0 * G
    print(t, [nstr(v, 30) for v in y], nstr(mnorm(matrix([[y[0], y[1]], [y[2], y[3]]]) - C, 1), 5))
