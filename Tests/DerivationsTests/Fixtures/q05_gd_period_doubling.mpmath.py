# Reference values for Tests/DerivationsTests/Fixtures/q05_gd_period_doubling.phc (UnseenTrial13Tests); run: python3 q05_gd_period_doubling.mpmath.py > q05_gd_period_doubling.mpmath.out
import sympy as sp
from mpmath import mp, mpf, sqrt
mp.dps = 50
x, e = sp.symbols('x eta', positive=True)
G = lambda y: y - e*(y**3 - y)
print("G(G(x)) - x =", sp.factor(sp.expand(G(G(x)) - x)))
cp = sp.sqrt(((e + 1) + sp.sqrt((e - 1)*(e + 3)))/(2*e))
cm = sp.sqrt(((e + 1) - sp.sqrt((e - 1)*(e + 3)))/(2*e))
print("G(c+) - c- =", sp.simplify(G(cp) - cm))
print("c+ c- =", sp.simplify(cp*cm))
dG = lambda y: 1 + e - 3*e*y**2
print("multiplier", sp.simplify(sp.expand(dG(cp)*dG(cm))))
print("mean sharpness", sp.simplify((3*cp**2 - 1 + 3*cm**2 - 1)/2))
ev = sp.Rational(11, 10)
print("c+ at 11/10", sp.N(cp.subs(e, ev), 50), "c-", sp.N(cm.subs(e, ev), 50))
print("multiplier at 11/10", sp.N((9 - 2*(1 + e)**2).subs(e, ev), 50))
print("second doubling sqrt(5) - 1", sp.N(sp.sqrt(5) - 1, 50))
print("symmetric cycle sqrt(1 + 2/eta)", sp.N(sp.sqrt(1 + 2/ev), 50), "multiplier", sp.N((dG(sp.sqrt(1+2/e))**2).subs(e, ev), 30))
z = mpf(12)/10; em = mpf(11)/10
g = lambda y: y - em*(y**3 - y)
for k in range(1, 4):
    z = g(g(z))
    print("two-step iterate", k, z)
for k in range(4, 201): z = g(g(z))
print("after 200 two-steps", z)
