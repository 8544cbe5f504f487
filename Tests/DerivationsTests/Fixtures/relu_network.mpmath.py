# Reference values for relu_network.phc and its planted twin (ValidatedVerdictTests); mpmath, 50 and 65 digits.
# f(x) = a*relu(w*x + b), trained by gradient flow on L = 1/2 sum_s (f(x_s) - y_s)^2 over (x, y) = (1, 1), (1/2, 1/2),
# from (a, w, b) = (1/2, 1, -4/5): sample 1 is active (z1 = 1/5), sample 2 inactive (z2 = -3/10) until z2 = w/2 + b
# crosses 0. Each activation pattern is a smooth ODE: integrate it with odefun, locate the switch with findroot
# on z2 along the first pattern, continue with the second pattern from there (and check that no other
# preactivation changes sign on [0, 3]).
import mpmath as mp

def rhs(pattern):
    def f(t, y):
        a, w, b = y
        out = [mp.mpf(0)] * 3
        for (x, target), active in zip([(1, 1), (mp.mpf(1)/2, mp.mpf(1)/2)], pattern):
            if not active: continue
            z = w*x + b
            r = a*z - target
            out[0] -= r*z
            out[1] -= r*a*x
            out[2] -= r*a
        return out
    return f

def solve(dps):
    with mp.workdps(dps):
        first = mp.odefun(rhs((True, False)), 0, [mp.mpf(1)/2, mp.mpf(1), -mp.mpf(4)/5])
        ts = mp.findroot(lambda t: first(t)[1]/2 + first(t)[2], 0.5)
        second = mp.odefun(rhs((True, True)), ts, first(ts))
        y1, y3 = second(1), second(3)
        # the other preactivation keeps its sign, and z2 stays positive after the switch
        assert all(first(t)[1] + first(t)[2] > 0 for t in mp.linspace(0, ts, 20))
        assert all(second(t)[1] + second(t)[2] > 0 and second(t)[1]/2 + second(t)[2] > 0 for t in mp.linspace(ts + mp.mpf(10)**-6, 3, 40))
        return ts, y1, y3

ts50, y50_1, y50 = solve(50)
ts65, y65_1, y65 = solve(65)
mp.mp.dps = 65
print("switch of z2 = w/2 + b: t =", mp.nstr(ts65, 40), " (50 vs 65 digits:", mp.nstr(abs(ts65 - ts50), 3), ")")
for T, low, high in [(1, y50_1, y65_1), (3, y50, y65)]:
    for name, v50, v65 in zip("awb", low, high):
        print(f"{name}({T}) =", mp.nstr(v65, 40), " (50 vs 65 digits:", mp.nstr(abs(v65 - v50), 3), ")")
a, w, b = y65
loss = ((a*(w + b) - 1)**2 + (a*(w/2 + b) - mp.mpf(1)/2)**2)/2
print("L(3) =", mp.nstr(loss, 40))
