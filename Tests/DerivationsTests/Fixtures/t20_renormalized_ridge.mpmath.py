# Referee for t20_renormalized_ridge.phc (UnseenTrial20Tests): sympy series in x = 1/d for each parameterization,
# then at every point of the file's grid the exponents of kappa, 1 - gam and E_g measured with mpmath at d = 10^200
# and 10^400 (1000 digits, so the cancellations in q + lam - 1 and 1 - gam are resolved), against the file's
# e_kappa = max(-s, -l/2), and the regime of shrink = kappa^2/lam against the file's regions.
# Run: python3 t20_renormalized_ridge.mpmath.py
import itertools
import sympy as sp
import mpmath as mp

x = sp.symbols('x', positive=True)   # x = 1/d

def model(delta, lam, sqrt):
    q = 1 + delta
    kappa = ((q + lam - 1) + sqrt((q + lam - 1)**2 + 4*lam))/2
    gam = q/(1 + kappa)**2
    Eg = (kappa**2/(1 + kappa)**2 + gam/4)/(1 - gam)
    return kappa, gam, Eg, kappa**2/lam

for name, delta in [("over", 1), ("under", sp.Rational(-1, 2)), ("critical", 0), ("boundary", sp.sqrt(x))]:
    kappa, gam, Eg, _ = model(delta, x, sp.sqrt)
    print(name, " kappa:", sp.series(kappa, x, 0, 2), " Eg:", sp.series(Eg, x, 0, 2) if name in ("over", "under") else "(below)")
print("boundary Eg leading coefficient:", sp.nsimplify(sp.limit(model(sp.sqrt(x), x, sp.sqrt)[2]*sp.sqrt(x), x, 0)))
print("critical Eg - sqrt(d)/8 ->", sp.limit(model(0, x, sp.sqrt)[2] - 1/(8*sp.sqrt(x)), x, 0))

mp.mp.dps = 1000
def exponent(fn):
    d1, d2 = mp.mpf(10)**200, mp.mpf(10)**400
    return (mp.log(abs(fn(d2))) - mp.log(abs(fn(d1))))/(mp.log(d2) - mp.log(d1))

F = lambda k: mp.mpf(k)/4
count = {"ridge_limited": 0, "dimension_limited": 0}
for s, l in itertools.product([F(k) for k in range(1, 9)], [F(k) for k in range(1, 17)]):
    q = lambda D: model(D**(-s), D**(-l), mp.sqrt)
    e = max(-s, -l/2)
    assert abs(exponent(lambda D: q(D)[0]) - e) < 1e-3, (s, l)
    assert abs(exponent(lambda D: 1 - q(D)[1]) - e) < 1e-3, (s, l)
    assert abs(exponent(lambda D: q(D)[2]) + e) < 1e-3, (s, l)
    es = exponent(lambda D: q(D)[3])
    found = "dimension_limited" if es > 1e-3 else "ridge_limited"
    assert abs(es) < 1e-3 or es > 1e-3
    claimed = "dimension_limited" if l > 2*s else "ridge_limited"
    assert found == claimed, (s, l, es)
    count[found] += 1
print("grid s = 1/4:2:1/4, l = 1/4:4:1/4:", count, "- exponents of kappa, 1 - gam, E_g match max(-s, -l/2), its negative")
# Below the threshold, q = 1 - delta: the exponent of kappab on the grid (the root cancels q + lam - 1 to a relative
# lam/delta^2, 10^-1100 at d = 10^400: 3000 digits), and the coefficients of the `below` parameterization.
mp.mp.dps = 3000
for s, l in itertools.product([F(k) for k in range(1, 9)], [F(k) for k in range(1, 17)]):
    assert abs(exponent(lambda D: model(-D**(-s), D**(-l), mp.sqrt)[0]) - min(s - l, -l/2)) < 1e-3, (s, l)
print("q = 1 - d^-s on the same grid: the exponent of kappa is min(s - l, -l/2)")
kb, _, Egb, _ = model(-sp.sqrt(x), x**2, sp.sqrt)
print("below (delta = d^(-1/2), lam = d^(-2)): kappa d^(3/2) ->", sp.limit(kb/x**sp.Rational(3, 2), x, 0), "; E_g d^(-1/2) ->", sp.limit(Egb*sp.sqrt(x), x, 0))
