# Reference for m01_tarmoun_imbalance.phc (Tarmoun et al. 2021, a two-layer linear network U V^T fitting a
# rectangular 3 x 2 target Y from a lambda-balanced start U0 = Q sqrtm(B^T B + lam I), V0 = B):
# mpmath's Taylor odefun at two precisions (ref.ode_at), then every claim of the file checked on its values.
import mpmath as mp
from ref import ode_at, show
mp.mp.dps = 50
m, n, k = 3, 2, 2
Y = mp.matrix([['1', '0.5'], ['0.2', '-0.7'], ['0.4', '0.3']])
Q = mp.matrix([['0.6', '0'], ['0', '1'], ['0.8', '0']])
B = mp.matrix([['0.3', '-0.1'], ['0.2', '0.25']])
lam = mp.mpf('0.5')
U0 = Q * mp.sqrtm(B.T * B + lam * mp.eye(k))
V0 = B
def unpack(y):
    U = mp.matrix([[y[i * k + j] for j in range(k)] for i in range(m)])
    V = mp.matrix([[y[m * k + i * k + j] for j in range(k)] for i in range(n)])
    return U, V
def rhs(t, y):
    U, V = unpack(y)
    E = Y - U * V.T
    dU, dV = E * V, E.T * U
    return [dU[i, j] for i in range(m) for j in range(k)] + [dV[i, j] for i in range(n) for j in range(k)]
y0 = [U0[i, j] for i in range(m) for j in range(k)] + [V0[i, j] for i in range(n) for j in range(k)]
times = [1, 2, 4, 8, 16, 32]
ys, agreement = ode_at(rhs, y0, times, dps=40, extra=10)
print("odefun agreement between 40 and 50 digits:", mp.nstr(agreement, 5))
D0 = U0.T * U0 - V0.T * V0
show("start: max |U0^T U0 - V0^T V0 - lam I|", mp.mnorm(D0 - lam * mp.eye(k), 'inf'))
for T, y in zip(times, ys):
    U, V = unpack(y)
    A, C = U.T * U, V.T * V
    show(f"t={T}: max |(U^T U - V^T V) - (U0^T U0 - V0^T V0)|", mp.mnorm(A - C - D0, 'inf'))
    show(f"t={T}: max |U^T U + V^T V - sqrtm(lam^2 I + 4 U^T U V^T V)|", mp.mnorm(A + C - mp.sqrtm(lam**2 * mp.eye(k) + 4 * A * C), 'inf'))
    show(f"t={T}: max |U V^T - Y|", mp.mnorm(U * V.T - Y, 'inf'))
    if T == 1:
        P = U * V.T
        print("U V^T at t = 1 (30 digits):", "[" + ", ".join("[" + ", ".join(mp.nstr(P[i, j], 30) for j in range(n)) + "]" for i in range(m)) + "]")
