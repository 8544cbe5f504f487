# Reference values for Tests/DerivationsTests/Fixtures/two_layer_matrix.phc: a two-layer linear network
# y = W2 W1 x on whitened inputs, W1' = W2^T (S - W2 W1), W2' = (S - W2 W1) W1^T, integrated by mpmath's
# Taylor ODE solver at 50 digits.
from mpmath import mp, matrix, odefun, mpf
mp.dps = 50
S = matrix([[2, mpf('0.5'), 0], [mpf('0.3'), 1, mpf('-0.4')]])
R = matrix([[mpf('0.6'), mpf('-0.8')], [mpf('0.8'), mpf('0.6')]])
V = matrix([[1, 0], [0, mpf('0.6')], [0, mpf('0.8')]])
a = [mpf('0.2'), mpf('0.05')]
D = matrix([[a[0], 0], [0, a[1]]])
W1 = R * D * V.T
W2 = matrix([[mpf('0.2'), mpf('0.1')], [mpf('-0.1'), mpf('0.15')]])
def pack(W1, W2): return [W1[i, j] for i in range(2) for j in range(3)] + [W2[i, j] for i in range(2) for j in range(2)]
def unpack(y): return matrix([[y[0], y[1], y[2]], [y[3], y[4], y[5]]]), matrix([[y[6], y[7]], [y[8], y[9]]])
def F(t, y):
    W1, W2 = unpack(y)
    E = S - W2 * W1
    return pack(W2.T * E, E * W1.T)
f = odefun(F, 0, pack(W1, W2))
W1t, W2t = unpack(f(2))
P = W2t * W1t
for i in range(2):
    print([mp.nstr(P[i, j], 30) for j in range(3)])
B0 = W2.T * W2 - W1 * W1.T
Bt = W2t.T * W2t - W1t * W1t.T
print("balancedness change", mp.nstr(max(abs(x) for x in (Bt - B0)), 5))
print("W1(0)", W1)
