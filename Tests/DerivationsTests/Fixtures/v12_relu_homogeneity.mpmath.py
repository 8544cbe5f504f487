# Referee for v12_relu_homogeneity.phc (UnseenTrial8Tests): mpmath, the flow integrated piece by piece between the
# switches of relu(w.x2) (odefun on each smooth piece, the switch located by findroot on the piece's solution).
# f(x) = v relu(w.x), data x1 = (1, 0) -> 1, x2 = (-1, 1) -> 0, L = sum_k (f(x_k) - y_k)^2/2.
# run: python3 v12_relu_homogeneity.mpmath.py > v12_relu_homogeneity.mpmath.out
from mpmath import mp, mpf, odefun, findroot, nstr
mp.dps = 40
X = [(mpf(1), mpf(0), mpf(1)), (mpf(-1), mpf(1), mpf(0))]
def rhs_active(active):
    def rhs(t, z):
        w1, w2, v = z
        dw1 = dw2 = dv = mpf(0)
        for k, (a, b, y) in enumerate(X):
            if not active[k]: continue
            h = w1*a + w2*b; r = v*h - y
            dw1 -= v*r*a; dw2 -= v*r*b; dv -= r*h
        return [dw1, dw2, dv]
    return rhs
z0 = [mpf('0.5'), mpf('0.8'), mpf('0.4')]
sol = odefun(rhs_active([True, True]), 0, z0)
ts = findroot(lambda t: -sol(t)[0] + sol(t)[1], mpf('0.5'))
print("switch time of w.x2 = 0:", nstr(ts, 30))
zs = sol(ts)
sol2 = odefun(rhs_active([True, False]), ts, zs)
for T in (ts, mpf(2), mpf(40)):
    w1, w2, v = sol2(T) if T > ts else zs
    print(f"t = {nstr(T, 8)}: w = ({nstr(w1, 25)}, {nstr(w2, 25)}), v = {nstr(v, 25)}, |w|^2 - v^2 = {nstr(w1**2 + w2**2 - v**2, 30)}, v w1 = {nstr(v*w1, 25)}, w.x2 = {nstr(w2 - w1, 25)}")
print("|w0|^2 - v0^2 =", nstr(z0[0]**2 + z0[1]**2 - z0[2]**2, 30))
w1, w2, v = sol2(mpf(2)); print("w[2] at t = 2:", nstr(w2, 32))
