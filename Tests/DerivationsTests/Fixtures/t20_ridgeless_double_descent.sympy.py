# Referee for t20_ridgeless_double_descent.phc (UnseenTrial20Tests): sympy series in x = 1/d of the exact finite-size
# risks for each parameterization, sympy's minimiser of the overparameterized limit, and the exponents near the
# interpolation peak at every a of the grid (sympy's limit of R/d^(1 - a), R/d^(a - 1) for the bias).
# Run: python3 t20_ridgeless_double_descent.sympy.py
import sympy as sp
x, g, snr = sp.symbols('x g snr', positive=True)   # x = 1/d
d = 1/x
def under(p, n=d, s2=1): return s2*p/(n - p - 1)
def over(p, n=d, r2=4, s2=1): return r2*(1 - n/p) + s2*n/(p - n - 1)
print("half:   R =", sp.series(under(d/2), x, 0, 2))
print("double: R =", sp.series(over(2*d), x, 0, 2))
print("wide (n = 10, p = d): R =", sp.series(over(d, n=10), x, 0, 2))
lim = 3*(1 - 1/g) + 1/(g - 1)
gstar = sp.solve(sp.diff(lim, g), g)
print("SNR = 3: dR/dgamma = 0 at", gstar, "=", [sp.N(v, 30) for v in gstar], "; sqrt(3)/(sqrt(3) - 1) =", sp.N(sp.sqrt(3)/(sp.sqrt(3) - 1), 30))
gs = sp.sqrt(3)/(sp.sqrt(3) - 1)
print("  least risk:", sp.nsimplify(sp.simplify(lim.subs(g, gs))), "; the file's limit at p = gamma* d:", sp.simplify(sp.limit(over(gs*d, r2=3), x, 0)))
print("  sign of snr/g^2 - 1/(g - 1)^2 at 5/4 and 4:", sp.sign((3/g**2 - 1/(g - 1)**2).subs(g, sp.Rational(5, 4))), sp.sign((3/g**2 - 1/(g - 1)**2).subs(g, 4)))
for k in range(1, 8):
    a = sp.Rational(k, 8)
    below = sp.limit(under(d - d**a)/d**(1 - a), x, 0)
    above = sp.limit(over(d + d**a)/d**(1 - a), x, 0)
    bias = sp.limit(4*(1 - d/(d + d**a))/d**(a - 1), x, 0)
    print(f"a = {a}: R_below/d^(1-a) -> {below}, R_above/d^(1-a) -> {above}, bias/d^(a-1) -> {bias}")
