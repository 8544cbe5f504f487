# Referee for t17_yang_hu_deep_abc.phc (UnseenTrial17Tests): sympy series in x = 1/d for each parameterization,
# and at every point of the file's grid (and of a wider grid in a1, a2) the leading exponent of dx, df and f0
# measured with mpmath at d = 10^200 and 10^400, against r and e_df as the file defines them, with the regions
# and flags it claims. Run: python3 t17_yang_hu_deep_abc.mpmath.py
import itertools
import sympy as sp
import mpmath as mp

x = sp.symbols('x', positive=True)   # x = 1/d

def model(m1, m2, m3, s3, eta, d):
    g = m3*s3 + m3**2*eta
    dx = g*eta*(m1**2 + m2**2*d)
    f0 = m3*s3*sp.sqrt(d) if isinstance(d, sp.Basic) else m3*s3*mp.sqrt(d)
    df = m3*s3*d*dx + eta*m3**2*d
    return dx, df, f0

d = 1/x
rows = {
    "muP": (sp.sqrt(d), 1, 1/sp.sqrt(d), 1/sp.sqrt(d), 1),
    "NTK": (1, 1/sp.sqrt(d), 1/sp.sqrt(d), 1, 1),
    "SP": (1, 1, 1, 1/sp.sqrt(d), 1),
    "SP_small_rate": (1, 1, 1, 1/sp.sqrt(d), x),
    "muP_large_rate": (sp.sqrt(d), 1, 1/sp.sqrt(d), 1/sp.sqrt(d), d),
}
for name, hp in rows.items():
    dx, df, f0 = model(*hp, d)
    print(name, " dx:", sp.series(sp.expand(dx), x, 0, 1), " df:", sp.series(sp.expand(df), x, 0, 1), " f0:", sp.simplify(f0))

mp.mp.dps = 1000
def exponent(fn):
    d1, d2 = mp.mpf(10)**200, mp.mpf(10)**400
    return (mp.log(fn(d2)) - mp.log(fn(d1)))/(mp.log(d2) - mp.log(d1))

def r_of(a1, a2, a3, b3, c):
    return min(a3 + b3, 2*a3 + c) + c - 1 + min(2*a1 + 1, 2*a2)

def check(a1, a2, a3, b3, c):
    P = lambda e: (lambda D: D**(-e))
    def q(D):
        return model(D**(-a1), D**(-a2), D**(-a3), D**(-b3), D**(-c), D)
    r = r_of(a1, a2, a3, b3, c)
    edx = exponent(lambda D: q(D)[0]); edf = exponent(lambda D: q(D)[1]); ef0 = exponent(lambda D: q(D)[2])
    assert abs(edx + r) < 1e-3, (a1, a2, a3, b3, c, edx, r)
    e_df = max(1 - 2*a3 - c, 1 - a3 - b3 - r)
    assert abs(edf - e_df) < 1e-3
    assert abs(ef0 - (0.5 - a3 - b3)) < 1e-3
    return r

F = lambda k: mp.mpf(k)/4
count = {"unstable": 0, "feature_learning": 0, "kernel": 0}
for a3, b3, c in itertools.product([F(k) for k in range(0, 5)], [mp.mpf(0), mp.mpf(1)/2, mp.mpf(1)], [F(k) for k in range(-4, 5)]):
    r = check(mp.mpf(-1)/2, mp.mpf(0), a3, b3, c)
    count["unstable" if r < 0 else "feature_learning" if r == 0 else "kernel"] += 1
print("file grid (a1 = -1/2, a2 = 0):", count, "- exponents of dx, df, f0 measured at d = 1e200, 1e400 match -r, e_df, 1/2 - a3 - b3")
for a1, a2, a3, c in itertools.product([F(k) for k in range(-2, 3)], [F(k) for k in range(0, 3)], [F(k) for k in range(0, 5)], [F(k) for k in range(-2, 3)]):
    check(a1, a2, a3, mp.mpf(1)/2, c)
print("wider grid a1 = -1/2:1/2:1/4, a2 = 0:1/2:1/4, a3 = 0:1:1/4, c = -1/2:1/2:1/4 (b3 = 1/2): the same")
