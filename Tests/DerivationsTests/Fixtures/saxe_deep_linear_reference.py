# Reference values for derivations/saxe_deep_linear.phc (Saxe, McClelland and Ganguli 2014): the full
# matrix gradient flow integrated by mpmath's Taylor ODE solver at 40 digits, independent of the closed form.
from mpmath import mp, matrix, odefun, mpf, log, exp, sqrt, diag
mp.dps = 40
third = mpf(1) / 3
U = matrix([[third, 2 * third], [2 * third, third], [2 * third, -2 * third]])
V = matrix([[0.5, 0.5], [0.5, -0.5], [0.5, 0.5], [0.5, -0.5]])
R = matrix([[mpf('0.6'), mpf('-0.8')], [mpf('0.8'), mpf('0.6')]])
s = [mpf(3), mpf(1)]
a0 = [mpf('0.1'), mpf('0.05')]
tau = mpf(1)
S31 = U * diag(s) * V.T
W21 = R * diag(a0) * V.T
W32 = U * diag(a0) * R.T
def pack(W21, W32): return [W21[i, j] for i in range(2) for j in range(4)] + [W32[i, j] for i in range(3) for j in range(2)]
def unpack(y): return matrix([y[0:4], y[4:8]]), matrix([y[8:10], y[10:12], y[12:14]])
def F(t, y):
    W21, W32 = unpack(y)
    E = S31 - W32 * W21
    return pack(W32.T * E / tau, E * W21.T / tau)
f = odefun(F, 0, pack(W21, W32))
W21t, W32t = unpack(f(1))
P = W32t * W21t
print("W32 W21 at t = 1:")
print("[" + ", ".join("[" + ", ".join(mp.nstr(P[i, j], 30) for j in range(4)) + "]" for i in range(3)) + "]")
# The closed form at t = 1 for comparison (each mode's sigmoid).
u0 = [a * a for a in a0]
u = [si * exp(2 * si) / (exp(2 * si) - 1 + si / ui) for si, ui in zip(s, u0)]
Q = U * diag(u) * V.T
print("closed form - integrated, largest entry:", mp.nstr(max(abs(x) for x in (Q - P)), 5))
for si, ui in zip(s, u0):
    print("learning time to s/2 for s =", si, ":", mp.nstr(tau / (2 * si) * log((si - ui) / ui), 30))
