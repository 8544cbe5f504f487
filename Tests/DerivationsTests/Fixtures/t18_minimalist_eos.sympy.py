# Referee of t18_minimalist_eos.phc (UnseenTrial18Tests): python3 t18_minimalist_eos.sympy.py > t18_minimalist_eos.sympy.out
# Gradient descent on L(x, y) = (1 - x^2 y^2)^2/4 (Zhu et al. 2023's minimalist example), two steps at a time:
# one step is x+ = x + eta g x y^2, y+ = y + eta g x^2 y with g = 1 - x^2 y^2. On the minima (x y = +-1) the sharpness is
# 2 (x^2 + y^2) >= 4; on the balanced line x = y the minimum (1, 1) loses stability at eta = 1/2 and a period-2 orbit
# (p, p) <-> (q, q) appears: a fixed point of the two-step map. Exact algebra by sympy, numbers by mpmath at 60 digits.
import sympy as sp
from mpmath import mp, mpf, findroot, eig, matrix, nstr, polyroots
mp.dps = 60
x, y, eta = sp.symbols('x y eta')
def one(x, y):
    g = 1 - x**2*y**2
    return x + eta*g*x*y**2, y + eta*g*x**2*y
a, b = one(x, y); F = one(a, b)
# Exact identities of one step:
g = 1 - x**2*y**2
print("balance: a^2 - b^2 - (x^2 - y^2)(1 - eta^2 g^2 x^2 y^2) =", sp.expand(a**2 - b**2 - (x**2 - y**2)*(1 - eta**2*g**2*x**2*y**2)))
print("product: a b - x y (1 + eta g (x^2 + y^2) + eta^2 g^2 x^2 y^2) =", sp.expand(a*b - x*y*(1 + eta*g*(x**2 + y**2) + eta**2*g**2*x**2*y**2)))
H = sp.hessian((1 - x**2*y**2)**2/4, [x, y]).subs(y, 1/x)
print("Hessian on x y = 1, trace:", sp.simplify(H.trace()), " det:", sp.simplify(H.det()))
J = sp.Matrix(F).jacobian([x, y])
Jf = sp.lambdify([x, y, eta], J, 'mpmath')
line = sp.lambdify([x, eta], F[0].subs(y, x) - x, 'mpmath')
one_l = sp.lambdify([x, eta], a.subs(y, x), 'mpmath')
e = mpf(11)/20
p = findroot(lambda p: line(p, e), mpf('1.04')); q = one_l(p, e)
print("eta = 11/20: p =", nstr(p, 40), " q =", nstr(q, 40), " one step of q:", nstr(one_l(q, e), 40))
ev = sorted([v.real for v in eig(matrix(Jf(p, p, e)))[0]])
print("  eigenvalues of the two-step Jacobian at (p, p):", [nstr(v, 40) for v in ev])
ev = sorted([v.real for v in eig(matrix(Jf(q, q, e)))[0]])
print("  and at (q, q):", [nstr(v, 40) for v in ev])
# Where the orbit loses stability: the eigenvalue along the line passes -1.
def lowest(e):
    p = findroot(lambda p: line(p, e), mpf('1.05'))
    return min(v.real for v in eig(matrix(Jf(p, p, e)))[0]) + 1
ec = findroot(lowest, mpf('0.62'))
print("the orbit's stability changes at eta =", nstr(ec, 40))
# The edge of stability at eta = 1/4 from (2, 3/10): sharpness far above 2/eta = 8 at the start, GD settles below it.
e = mpf(1)/4
Ff = sp.lambdify([x, y, eta], F, 'mpmath')
X, Y = mpf(2), mpf(3)/10
vals = {}
for k in range(1, 3001):
    X, Y = Ff(X, Y, e)
    if k in (1, 5, 1500, 3000):
        vals[k] = (X, Y)
print("step 1:", nstr(vals[1][0], 40), nstr(vals[1][1], 40))
print("step 5: x =", nstr(vals[5][0], 40))
for k in (1500, 3000):
    X, Y = vals[k]
    print("step", k, ": x y - 1 =", nstr(X*Y - 1, 5), " sharpness 2(x^2 + y^2) =", nstr(2*(X**2 + Y**2), 40))
