# Referee for t20_lin_linear_regression_scaling.phc (UnseenTrial20Tests): the compute-optimal split found by
# minimising the exponent max(-(a - 1) m, -(1 - m)(a - 1)/a) over m (sympy), the parameterizations' coefficients
# (sympy limits), and at every m of the grid the exponents of R2, V2, V2/R2 and balance measured with mpmath at
# d = 10^200 and 10^400, against the file's formulas and regions. Run: python3 t20_lin_linear_regression_scaling.mpmath.py
import sympy as sp
import mpmath as mp
from fractions import Fraction
m, a, x = sp.symbols('m a x', positive=True)
mstar = sp.solve(sp.Eq(-(a - 1)*m, -(1 - m)*(a - 1)/a), m)[0]
print("m* =", mstar, "; risk exponent at m*:", sp.simplify(-(a - 1)*mstar), "; a = 2:", mstar.subs(a, 2), sp.simplify(-(a - 1)*mstar).subs(a, 2),
      "; a = 3:", mstar.subs(a, 3), sp.simplify(-(a - 1)*mstar).subs(a, 3))
d = 1/x
print("optimal2: R2/d^(-1/3) ->", sp.limit((d**sp.Rational(-1, 3) + (d**sp.Rational(2, 3))**sp.Rational(-1, 2))/d**sp.Rational(-1, 3), x, 0))
print("optimal3: R3/d^(-1/2) ->", sp.limit((d**sp.Rational(-1, 2) + (d**sp.Rational(3, 4))**sp.Rational(-2, 3))/d**sp.Rational(-1, 2), x, 0))
sq = d**sp.Rational(1, 2)
print("square: R2/d^(-1/4) ->", sp.limit((1/sq + sq**sp.Rational(-1, 2))/d**sp.Rational(-1, 4), x, 0),
      "; V2/d^(-1/4) ->", sp.limit(sp.sqrt(sq)/sq/d**sp.Rational(-1, 4), x, 0), "(min(M, sqrt(N)) = sqrt(N) = d^(1/4) < M = d^(1/2))")
mp.mp.dps = 300
def exponent(fn):
    d1, d2 = mp.mpf(10)**200, mp.mpf(10)**400
    return (mp.log(fn(d2)) - mp.log(fn(d1)))/(mp.log(d2) - mp.log(d1))
count = {}
for k in range(0, 25):
    mm = mp.mpf(k)/24
    R2 = lambda D: D**(-mm) + D**(-(1 - mm)/2)
    V2 = lambda D: min(D**mm, D**((1 - mm)/2))/D**(1 - mm)
    f = Fraction(k, 24)   # the exponents exactly
    eR = max(-f, (f - 1)/2); eV = min(f, (1 - f)/2) + f - 1
    eR, eV, gap = mp.mpf(eR.numerator)/eR.denominator, mp.mpf(eV.numerator)/eV.denominator, eV - eR
    assert abs(exponent(R2) - eR) < 1e-6 and abs(exponent(V2) - eV) < 1e-6, k
    assert abs(exponent(lambda D: V2(D)/R2(D)) - (eV - eR)) < 1e-6 and gap <= 0, k
    eb = exponent(lambda D: D**(-mm)/D**(-(1 - mm)/2))
    found = "model_limited" if eb > 1e-6 else "data_limited" if eb < -1e-6 else "balanced"
    claimed = "model_limited" if k < 8 else "balanced" if k == 8 else "data_limited"   # m = k/24 against 1/3
    assert found == claimed, k
    count[found] = count.get(found, 0) + 1
print("grid m = 0:1:1/24:", count, "- exponents of R2, V2, V2/R2 match the file's; V2/R2's is never positive")
