# Referee for v08_heavy_ball_noise.phc (UnseenTrial8Tests): sympy (exact stationary moments) and exact rational
# iteration of the moment map. Heavy-ball SGD on h x^2/2 with gradient noise: v' = mu v - eta (h x + xi), x' = x + v',
# xi ~ N(0, s^2). The second moments (a, b, c) = (E x^2, E x v, E v^2) follow a linear map.
# run: python3 v08_heavy_ball_noise.mpmath.py > v08_heavy_ball_noise.mpmath.out
import sympy as sp
e, h, mu, s = sp.symbols('eta h mu s', positive=True)
a, b, c = sp.symbols('a b c')
p = 1 - e*h
A = p**2*a + 2*p*mu*b + mu**2*c + e**2*s**2
B = -e*h*p*a + mu*(1 - 2*e*h)*b + mu**2*c + e**2*s**2
C = e**2*h**2*a - 2*e*h*mu*b + mu**2*c + e**2*s**2
sol = sp.solve([A - a, B - b, C - c], [a, b, c], dict=True)[0]
va = sp.factor(sol[a]); print("stationary E x^2 =", va)
print("  equals eta s^2 (1 + mu)/(h (1 - mu)(2 (1 + mu) - eta h)):", sp.simplify(va - e*s**2*(1 + mu)/(h*(1 - mu)*(2*(1 + mu) - e*h))) == 0)
print("stationary E x v =", sp.factor(sol[b])); print("stationary E v^2 =", sp.factor(sol[c]))
sub = {e: sp.Rational(1, 2), h: 2, mu: sp.Rational(1, 2), s: 1}
print("at eta = 1/2, h = 2, mu = 1/2, s = 1:", {k: sol[k].subs(sub) for k in (a, b, c)})
J = sp.Matrix([[sp.diff(F, z) for z in (a, b, c)] for F in (A, B, C)])
print("eigenvalues of the moment map at eta = 1/2, h = 2, mu = 1/2:", [sp.nsimplify(ev) for ev in J.subs(sub).eigenvals()])
# the moment map loses stability where the stationary variance blows up: 2 (1 + mu) = eta h, eta = 3/2 at h = 2, mu = 1/2
ev_edge = J.subs({e: sp.Rational(3, 2), h: 2, mu: sp.Rational(1, 2)}).eigenvals(); print("eigenvalues at eta = 3/2:", ev_edge)
# exact moments from x0 = 1, v0 = 0 (a, b, c) = (1, 0, 0)
z = (sp.Integer(1), sp.Integer(0), sp.Integer(0))
for n in range(1, 41):
    z = tuple(sp.expand(F.subs(sub).subs({a: z[0], b: z[1], c: z[2]})) for F in (A, B, C))
    if n in (1, 3): print(f"moments at step {n}:", z)
    if n in (3, 40): print(f"moments at step {n}:", [sp.N(q, 32) for q in z])
