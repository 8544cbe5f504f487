# Arora, Cohen and Hazan (2018), arXiv:1802.06509, Theorem 1 for a depth-3 linear network on whitened inputs:
# L = |W3 W2 W1 - Phi|^2 / 2, Wj' = -dL/dWj, from a balanced start (W_{j+1}^T W_{j+1} = W_j W_j^T). The end-to-end
# matrix We = W3 W2 W1 then follows We' = -sum_{j=1..3} (We We^T)^{(j-1)/3} (We - Phi) (We^T We)^{(3-j)/3}.
# Both flows are integrated here with mpmath's Taylor odefun; they agree, and We(1) is printed.
from mpmath import mp, matrix, mpf, eighe, diag, eye, odefun, nstr
mp.dps = 45
d = 2
def rot(c, s): return matrix([[c, -s], [s, c]])
R1, R2, R3, V = rot(mpf('0.6'), mpf('0.8')), rot(mpf('0.8'), mpf('-0.6')), rot(0, 1), rot(mpf('0.28'), mpf('0.96'))
Sg = diag([mpf('0.5'), mpf('0.8')])
Phi = matrix([[1, mpf('0.5')], [mpf('-0.3'), mpf('0.8')]])
W1, W2, W3 = R1 * Sg * V.T, R2 * Sg * R1.T, R3 * Sg * R2.T
assert mp.mnorm(W2.T * W2 - W1 * W1.T, 1) < mpf(10)**-40 and mp.mnorm(W3.T * W3 - W2 * W2.T, 1) < mpf(10)**-40
def unpack(y, k): return matrix([[y[4 * k + 2 * i + j] for j in range(2)] for i in range(2)])
def pack(*Ms): return [M[i, j] for M in Ms for i in range(2) for j in range(2)]
def layers(t, y):
    A, B, C = unpack(y, 0), unpack(y, 1), unpack(y, 2)
    G = C * B * A - Phi
    return pack(-(C * B).T * G, -C.T * G * A.T, -G * (B * A).T)
def powm(S, p):
    ev, Q = eighe(S)
    return Q * diag([x**p for x in ev]) * Q.T
def theorem(t, y):
    We = unpack(y, 0)
    G = We - Phi
    P, Qm = We * We.T, We.T * We
    return pack(-sum((powm(P, mpf(j - 1) / 3) * G * powm(Qm, mpf(3 - j) / 3) for j in (1, 2, 3)), matrix(2, 2)))
a = odefun(layers, 0, pack(W1, W2, W3))
b = odefun(theorem, 0, pack(W3 * W2 * W1))
for t in [1]:
    y = a(t)
    We = unpack(y, 2) * unpack(y, 1) * unpack(y, 0)
    print("We(%s) from the layers:" % t, [[nstr(We[i, j], 32) for j in range(2)] for i in range(2)])
    print("   Theorem 1 flow - layers:", nstr(mp.mnorm(unpack(b(t), 0) - We, 1), 5))
print("W1", W1, "W2", W2, "W3", W3)
