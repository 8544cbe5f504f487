# Reference for two_layer_3x3.phc and its planted twin (ValidatedVerdictTests): a 3-3-3 linear network y = W2 W1 x
# trained by gradient flow on whitened inputs, W1' = W2^T E, W2' = E W1^T with E = Sigma31 - W2 W1 (18 state
# slots). mpmath's odefun (Taylor) at 40 and 55 digits; prints W2 W1 at t = 1 and the two runs' difference.
import mpmath as mp

S = [[2, '0.5', 0], ['0.3', 1, '-0.4'], [0, '0.2', '1.5']]
W10 = [['0.3', '-0.1', '0.2'], ['0.1', '0.25', '-0.15'], ['-0.2', '0.05', '0.1']]
W20 = [['0.2', '0.1', '-0.05'], ['-0.1', '0.15', '0.2'], ['0.05', '-0.2', '0.25']]

def run(dps):
    with mp.workdps(dps):
        Sig = mp.matrix([[mp.mpf(x) for x in r] for r in S])
        def f(t, y):
            W1 = mp.matrix(3, 3); W2 = mp.matrix(3, 3)
            for k in range(9): W1[k // 3, k % 3] = y[k]; W2[k // 3, k % 3] = y[9 + k]
            E = Sig - W2 * W1
            d1 = W2.T * E; d2 = E * W1.T
            return [d1[k // 3, k % 3] for k in range(9)] + [d2[k // 3, k % 3] for k in range(9)]
        y0 = [mp.mpf(x) for r in W10 for x in r] + [mp.mpf(x) for r in W20 for x in r]
        y = mp.odefun(f, 0, y0)(1)
        W1 = mp.matrix(3, 3); W2 = mp.matrix(3, 3)
        for k in range(9): W1[k // 3, k % 3] = y[k]; W2[k // 3, k % 3] = y[9 + k]
        return W2 * W1

low, high = run(40), run(55)
mp.mp.dps = 55
print("W2 W1 at t = 1 (55 digits; largest difference from the 40-digit run:", mp.nstr(max(abs(low[i, j] - high[i, j]) for i in range(3) for j in range(3)), 3), ")")
print("[" + ", ".join("[" + ", ".join(mp.nstr(high[i, j], 30) for j in range(3)) + "]" for i in range(3)) + "]")
