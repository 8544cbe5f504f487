# Referee of t18_gidel_discrete.phc (UnseenTrial18Tests): python3 t18_gidel_discrete.mpmath.py > t18_gidel_discrete.mpmath.out
# Gradient descent on L = |W2 W1 - S|^2/2 with S = diag(s1, s2), from diagonal W1 = diag(a1, a2), W2 = diag(b1, b2):
# W1+ = W1 + eta W2^T E, W2+ = W2 + eta E W1^T (E = S - W2 W1). The iterates stay diagonal and each mode i follows the
# scalar map u+ = u + eta (s - u v) v, v+ = v + eta (s - u v) u (Gidel, Bach and Lacoste-Julien 2019, sec. 3): the modes
# are learned one after another, the larger s first. Exact rational iteration (fractions) and mpmath at 50 digits.
from fractions import Fraction as Fr
from mpmath import mp, mpf, nstr
mp.dps = 50
eta, s1, s2 = Fr(1, 10), Fr(3), Fr(1)
a, b = [Fr(1, 5), Fr(1, 10)], [Fr(1, 10), Fr(1, 20)]
def step(u, v, s, e):
    r = s - u*v
    return u + e*r*v, v + e*r*u
# exact: steps 1..3 of mode 1 and mode 2
u, v = a[:], b[:]
for k in range(1, 4):
    for i, s in enumerate((s1, s2)):
        u[i], v[i] = step(u[i], v[i], s, eta)
    if k == 3:
        print("step 3: product mode 1 =", u[0]*v[0], "=", nstr(mpf(u[0].numerator)/u[0].denominator*v[0], 40))
    # exact one-step identity of the imbalance u^2 - v^2 (checked on the fractions):
# mpmath iteration
def run(e, n, s, u, v):
    out = {}
    for k in range(1, n + 1):
        u, v = step(u, v, s, e)
        out[k] = (u, v)
    return out
e = mpf(1)/10
m1 = run(e, 400, mpf(3), mpf(1)/5, mpf(1)/10); m2 = run(e, 400, mpf(1), mpf(1)/10, mpf(1)/20)
for k in (10, 20, 40):
    print("step", k, ": products", nstr(m1[k][0]*m1[k][1], 35), nstr(m2[k][0]*m2[k][1], 35))
# the first step at which each product passes half its target (sequential learning)
for name, m, s in (("mode 1", m1, 3), ("mode 2", m2, 1)):
    print(name, "passes s/2 at step", min(k for k in m if m[k][0]*m[k][1] > mpf(s)/2))
u, v = m1[400]; print("step 400: mode-1 imbalance u^2 - v^2 =", nstr(u**2 - v**2, 35), " product - 3 =", nstr(u*v - 3, 5))
u, v = m2[400]; print("step 400: mode-2 imbalance u^2 - v^2 =", nstr(u**2 - v**2, 35), " product - 1 =", nstr(u*v - 1, 5))
print("start imbalances:", nstr(mpf(1)/25 - mpf(1)/100, 10), nstr(mpf(1)/100 - mpf(1)/400, 10))
# drift of the imbalance at t = N eta = 40 (descent steps 400) (N steps of eta, eta/2, eta/4, eta/8): order 1 in eta
prev = None
for j in range(5):
    h = e/2**j; n = int(40/h)
    u, v = run(h, n, mpf(3), mpf(1)/5, mpf(1)/10)[n]
    d = abs(u**2 - v**2 - (mpf(1)/25 - mpf(1)/100))
    print("rate", nstr(h, 5), "drift", nstr(d, 10), "" if prev is None else "order %s" % nstr(mp.log(prev/d, 2), 5))
    prev = d
