# Reference values for Tests/DerivationsTests/Fixtures/r04_sinkhorn.phc (UnseenTrial16Tests); run:
# python3 r04_sinkhorn.sympy.py > r04_sinkhorn.sympy.out
# Sinkhorn's iteration (Sinkhorn 1967; Cuturi 2013) for entropic optimal transport between a = (a1, 1 - a1) and
# b = (b1, 1 - b1) with the Gibbs kernel K = [[1, k], [k, 1]], k = exp(-1/eps) (cost 0 on the diagonal, 1 off it):
# u = a/(K v), v = b/(K^T u). The pair (u, v) is fixed only up to (c u, v/c), so the file follows the ratio x = v1/v2:
# y = u1/u2 = (a1/a2) (k x + 1)/(x + k), x+ = (b1/b2) (k y + 1)/(y + k). The plan P = diag(u) K diag(v) has rows a;
# its first entry is P11 = a1 x/(x + k) and its first column sums to a1 x/(x + k) + a2 k x/(k x + 1) = b1 at the fixed point.
import sympy as sp
from mpmath import mp, mpf
mp.dps = 50
x, k, a1, b1 = sp.symbols('x k a1 b1', positive=True)
a2, b2 = 1 - a1, 1 - b1
y = (a1/a2)*(k*x + 1)/(x + k)
F = sp.simplify((b1/b2)*(k*y + 1)/(y + k))
print("x+ =", sp.factor(F))
vals = {k: sp.exp(-1), a1: sp.Rational(1, 3), b1: sp.Rational(3, 4)}
Fv = F.subs(vals)
# fixed points: F(x) = x is a quadratic in x (F is a Moebius map)
num = sp.numer(sp.together(F - x))
print("F(x) - x numerator:", sp.factor(num))
xr = sp.symbols('xr', real=True)
roots = [r.subs(xr, x) for r in sp.solve(num.subs(vals).subs(x, xr), xr)]
print("fixed points at k = 1/e, a1 = 1/3, b1 = 3/4:", [sp.N(r, 40) for r in roots])
xs = [r for r in roots if sp.N(r) > 0][0]
xs_n = sp.N(xs, 50)
print("positive fixed point x* =", xs_n, " closed form", sp.simplify(xs))
mult = sp.diff(Fv, x).subs(x, xs)
print("multiplier F'(x*) =", sp.N(mult, 40))
neg = [r for r in roots if sp.N(r) < 0][0]
print("the other fixed point", sp.N(neg, 40), "multiplier", sp.N(sp.diff(Fv, x).subs(x, neg), 40))
# a Moebius map's multipliers at its two fixed points are reciprocal
print("product of the multipliers:", sp.N(sp.diff(Fv, x).subs(x, xs)*sp.diff(Fv, x).subs(x, neg), 40))
P11 = (a1*x/(x + k)).subs(vals).subs(x, xs)
col1 = (a1*x/(x + k) + a2*k*x/(k*x + 1)).subs(vals).subs(x, xs)
print("P11 at x* =", sp.N(P11, 40), " first column sum =", sp.N(col1, 40))
# at a1 = b1 the plan is symmetric and x* = 1 is a fixed point for every k with a1 = b1 = 1/2; there the multiplier is
# ((1 - k)/(1 + k))^2 = tanh(1/(2 eps))^2 ... checked here
m_half = sp.simplify(sp.diff(F.subs({a1: sp.Rational(1, 2), b1: sp.Rational(1, 2)}), x).subs(x, 1))
print("uniform marginals: F(1) =", sp.simplify(F.subs({a1: sp.Rational(1, 2), b1: sp.Rational(1, 2), x: 1})), " F'(1) =", sp.factor(m_half))
# Birkhoff-Hopf: the contraction ratio in Hilbert's metric is tanh(Delta/4)^2 per full iteration, Delta = log(1/k^2):
print("tanh(Delta/4)^2 at k = 1/e:", sp.N(sp.tanh(sp.Rational(1, 2))**2, 40), " vs ((1 - k)/(1 + k))^2:", sp.N(((1 - sp.exp(-1))/(1 + sp.exp(-1)))**2, 40))
# iterate from x = 1 at 50 digits
xv = mpf(1); kk = mp.e**-1; A1 = mpf(1)/3; B1 = mpf(3)/4
for n in range(1, 101):
    yv = (A1/(1 - A1))*(kk*xv + 1)/(xv + kk)
    xv = (B1/(1 - B1))*(kk*yv + 1)/(yv + kk)
    if n in (1, 3):
        print("step", n, "x =", xv)
print("step 100 x =", xv)
print("step 1 exact:", sp.simplify(Fv.subs(x, 1)))
