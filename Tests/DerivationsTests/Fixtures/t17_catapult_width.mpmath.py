# Referee for t17_catapult_width.phc (UnseenTrial17Tests): the catapult map iterated in mpmath at 60 digits (the
# limits read at steps 1000 and 2000, equal to every digit printed), the first-order kernel change and t* as sympy
# series in x = 1/d, and the exponent of the kernel change at every grid point measured at d = 10^100, 10^200.
# Run: python3 t17_catapult_width.mpmath.py
import sympy as sp
import mpmath as mp

mp.mp.dps = 60
def run(n, eta, N, f=mp.mpf(1), lam=mp.mpf(1), show=()):
    n = mp.mpf(n); eta = mp.mpf(eta)
    for t in range(1, N + 1):
        f, lam = f*(1 - eta*lam + eta**2*f**2/n), lam + eta*f**2/n*(eta*lam - 4)
        if t in show: print("   step", t, "f =", mp.nstr(f, 25), "lambda =", mp.nstr(lam, 25))
        if abs(f) > 1e30: return ("diverges at step", t)
    return f, lam
for n, eta, name in [(10**4, '1.5', "lazy"), (10**6, '1.5', "lazy, wide"), (10**4, 3, "catapult"), (10**6, 3, "catapult, wide")]:
    f1, l1 = run(n, eta, 1000)
    f2, l2 = run(n, eta, 2000)
    print(name, "n =", n, ": f(1000) =", mp.nstr(f1, 5), " lambda(1000) =", mp.nstr(l1, 40), " lambda(2000) =", mp.nstr(l2, 40),
          " n (lambda - 1) =", mp.nstr(n*(l2 - 1), 30))
run(10**4, 3, 6, show=(6,))
print("eta = 5:", run(10**4, 5, 1000))

x = sp.symbols('x', positive=True)   # x = 1/d
def dlam(gap, f0): eta = 2 - gap; return f0**2*(eta - 4)/((1/x)*(2 - eta))
def tstar(gap, f0): return sp.log(1/(x*f0**2))/(2*sp.log(1 + gap))
print("fixed_rate dlam:", sp.series(dlam(sp.Rational(1, 2), 1), x, 0, 2))
print("edge dlam:", sp.series(dlam(x, 1), x, 0, 2))
print("root_edge dlam:", sp.series(dlam(sp.sqrt(x), 1), x, 0, 2))
print("large_output dlam:", sp.series(dlam(sp.Rational(1, 2), x**sp.Rational(-1, 4)), x, 0, 1))
print("far_catapult t*:", sp.simplify(tstar(1, 1)))
mp.mp.dps = 50
for D in [mp.mpf(10)**50, mp.mpf(10)**100]:
    print("d = %s: t*(edge)/(d log d/2) =" % mp.nstr(D, 3), mp.nstr(mp.log(D)/(2*mp.log1p(1/D))/(D*mp.log(D)/2), 20),
          " t*(root_edge)/(sqrt(d) log d/2) =", mp.nstr(mp.log(D)/(2*mp.log1p(1/mp.sqrt(D)))/(mp.sqrt(D)*mp.log(D)/2), 20))
mp.mp.dps = 800
count = {"lazy": 0, "critical": 0, "breaks_down": 0}
for i in range(9):
    for j in range(-2, 3):
        s, g = mp.mpf(i)/4, mp.mpf(j)/4
        vals = []
        for D in (mp.mpf(10)**100, mp.mpf(10)**200):
            gap = D**(-s); eta = 2 - gap
            vals.append(abs(D**(2*g)*(eta - 4)/(D*(2 - eta))))
        slope = (mp.log(vals[1]) - mp.log(vals[0]))/(100*mp.log(10))
        assert abs(slope - (2*g + s - 1)) < 1e-6, (s, g, slope)
        count["lazy" if 2*g + s < 1 else "critical" if 2*g + s == 1 else "breaks_down"] += 1
print("grid s = 0:2:1/4, g = -1/2:1/2:1/4: |dlam| ~ d^(2g + s - 1) at all 45 points;", count)
