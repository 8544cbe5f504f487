# sympy references for the noisy double-well map of Issue17GapsTests (issue 17): perturbed gradient descent on
# L = x^4/4 - x^2/2 with the gradient taken at x + xi, xi ~ N(0, s): x -> x - eta ((x + xi)^3 - (x + xi)), eta = 1/10,
# s = 1/5. The mean map by sympy's integration against the normal density (not Phasecheck's moment rules), its fixed
# point and multiplier; and the noise-free map's at 1.
import sympy as sp
x, xi = sp.symbols('x xi', real=True)
eta, s = sp.Rational(1, 10), sp.Rational(1, 5)
M = x - eta*((x + xi)**3 - (x + xi))
density = sp.exp(-xi**2/(2*s**2))/sp.sqrt(2*sp.pi*s**2)
mean = sp.simplify(sp.integrate(M*density, (xi, -sp.oo, sp.oo)))
print('mean map', sp.expand(mean))
roots = sp.solve(sp.Eq(mean, x), x)
xs = max(r for r in roots if r.is_real)
print('fixed points', roots, '; positive', xs, '=', sp.N(xs, 30), '; multiplier', sp.diff(mean, x).subs(x, xs))
print('noise-free multiplier at 1', sp.diff(M.subs(xi, 0), x).subs(x, 1))
