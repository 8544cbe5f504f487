# Referee for t17_everett_adam_epsilon.phc (UnseenTrial17Tests): sympy series in x = 1/d for each parameterization
# (atan2(y, x) = atan(y/x) for x > 0), and the exponent of dh and the flags' regimes at every grid point measured with
# mpmath at d = 10^100, 10^200. Run: python3 t17_everett_adam_epsilon.sympy.py
import sympy as sp
import mpmath as mp

x = sp.symbols('x', positive=True)     # x = 1/d
d = 1/x
def quantities(eta, eps, A):
    gr, sig = x, 2*x
    upd = gr/(gr + eps)
    return {"dh": eta*upd*A, "dh_sgd": eta*gr*A, "upd_atan": sp.atan(gr/sp.sqrt(gr**2 + sig**2)), "upd_atan_eps": sp.atan(gr/(gr + eps))}
rows = {"muP_adam": (x, x**2, d), "eps_one_over_width": (x, x, d), "fixed_eps": (x, sp.Rational(1, 10**8), d),
        "unaligned": (sp.sqrt(x), x**2, sp.sqrt(d)), "sgd_mup": (1, x**2, d)}
for name, hp in rows.items():
    q = quantities(*hp)
    print(name, {k: sp.series(sp.simplify(v), x, 0, 2) for k, v in q.items()})

mp.mp.dps = 600
def slope(fn):
    a, b = mp.mpf(10)**100, mp.mpf(10)**200
    return (mp.log(abs(fn(b))) - mp.log(abs(fn(a))))/(100*mp.log(10))
count = {}
for i in range(9):
    for j in range(9):
        c, e = mp.mpf(i)/4, mp.mpf(j)/4
        dh = lambda D: D**(-c)*(1/D)/(1/D + D**(-e))*D
        s = slope(dh)
        assert abs(s - (1 - c + min(0, e - 1))) < 1e-6, (c, e, s)
        upd = slope(lambda D: (1/D)/(1/D + D**(-e)))
        ua = slope(lambda D: mp.atan2(1/D, 1/D + D**(-e)))
        assert (upd < -0.1) == (e < 1) and (ua < -0.1) == (e < 1)
        region = "frozen" if s < -1e-6 else "feature_learning" if abs(s) < 1e-6 else "unstable"
        count[region] = count.get(region, 0) + 1
print("grid c = 0:2:1/4, e = 0:2:1/4 (al = 1): dh ~ d^(1 - c + min(0, e - 1)) at all 81 points;", count,
      "; upd and atan2(gr, gr + eps) vanish exactly where e < 1")
