# Referee for v04_catapult_f_lambda.phc (UnseenTrial8Tests): the (f, lambda) map iterated in mpmath at 60 digits,
# and checked against gradient descent on the vector uv model it reduces.
# run: python3 v04_catapult_f_lambda.mpmath.py > v04_catapult_f_lambda.mpmath.out
from mpmath import mp, mpf, sqrt, nstr
mp.dps = 60
def show(name, v): print(name, nstr(v, 32))
n, f0, l0 = mpf(100), mpf(1)/2, mpf(1)
def run(eta, steps):
    f, l = f0, l0
    out = [(f, l)]
    for k in range(steps):
        f, l = f*(1 - eta*l + eta**2*f**2/n), l + eta*f**2/n*(eta*l - 4)
        out.append((f, l))
        if abs(f) > mpf(10)**40: break
    return out
for eta in (mpf(3)/2, mpf(3), mpf(5)):
    tr = run(eta, 300)
    f, l = tr[-1]
    print(f"eta={nstr(eta, 4)}: steps run {len(tr) - 1}, max |f| {nstr(max(abs(a) for a, b in tr), 6)}")
    show(f"  f at step 1", tr[1][0]); show(f"  lambda at step 1", tr[1][1])
    if len(tr) == 301:
        show(f"  f at step 300", f); show(f"  lambda at step 300", l); show("  lambda at step 150", tr[150][1]); show("  eta*lambda at step 300", eta*l)
# the first step grows |f| iff 1 - eta lam0 + eta^2 f0^2/n < -1: eta_c = (lam0 - sqrt(lam0^2 - 8 f0^2/n))/(2 f0^2/n)
show("eta_c (|f_1| = |f_0|)", (l0 - sqrt(l0**2 - 8*f0**2/n))/(2*f0**2/n))
# divergence: the smallest eta (on a grid of 1/100) whose iteration passes 1e30 within 300 steps, near 4/lam0
for eta in (mpf('3.9'), mpf('4.0'), mpf('4.1'), mpf('4.2')):
    tr = run(eta, 300)
    print(f"eta={nstr(eta, 4)}: passes 1e30 within 300 steps: {max(abs(a) for a, b in tr) > mpf(10)**30}")
# the vector model: u, v in R^4 (n = 4 here), f = u.v/sqrt(n), lambda = (|u|^2 + |v|^2)/n, GD on f^2/2
import mpmath
nv = 4
u = [mpf(1)/2, mpf(1)/4, mpf(-1)/3, mpf(1)]; v = [mpf(1), mpf(1)/2, mpf(1)/5, mpf(-1)/4]
eta = mpf(3)/2
def fl(u, v): return sum(a*b for a, b in zip(u, v))/sqrt(nv), (sum(a*a for a in u) + sum(b*b for b in v))/nv
f, l = fl(u, v)
for k in range(3):
    fu = f
    u, v = [a - eta*fu*b/sqrt(nv) for a, b in zip(u, v)], [b - eta*fu*a/sqrt(nv) for a, b in zip(u, v)]
    f2, l2 = fu*(1 - eta*l + eta**2*fu**2/nv), l + eta*fu**2/nv*(eta*l - 4)
    f, l = fl(u, v)
    print(f"vector model step {k+1}: f {nstr(f, 25)} (map {nstr(f2, 25)}), lambda {nstr(l, 25)} (map {nstr(l2, 25)})")
    f, l = f2, l2
