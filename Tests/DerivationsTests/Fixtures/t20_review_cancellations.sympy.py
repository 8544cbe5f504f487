# Referee for UnseenTrial20ReviewTests (sympy): exact values of the reviewer's quantities for d >= 1.
import sympy as sp
d = sp.symbols('d', positive=True)
M = sp.symbols('M', positive=True)
print("max(d,d^2)-d^2 at d>=1:", sp.simplify(sp.Max(d, d**2).subs(d, d+1) - (d+1)**2))
print("max(2M,M)-2M:", sp.simplify(sp.Max(2*M, M) - 2*M))
print("(2M)^3-8M^3:", sp.expand((2*M)**3 - 8*M**3))
print("max(2,2+1/d)-2:", sp.simplify(sp.Max(2, 2 + 1/d) - 2))
m, n = sp.Rational(1), sp.Rational(-1, 8)
E = d**m * (sp.Max(2, 2 + 1/d) - 2) + d**n
print("E at m=1,n=-1/8:", sp.simplify(E), " limit:", sp.limit(E, d, sp.oo))
for mm in [sp.Rational(-7,4), sp.Rational(-1,2)]:
    C = d**mm + (sp.Max(2, 2 + 1/d) - 2)
    print("C exponent at m=%s:" % mm, sp.limit(sp.log(C)/sp.log(d), d, sp.oo))
