# Referee for v03_two_step_gd.phc (UnseenTrial8Tests): sympy for the 2-cycle polynomial, mpmath at 50 digits.
# GD on L = (x^2 - mu)^2/4: G(x) = x - eta x (x^2 - mu). The minimum x = sqrt(mu) has G' = 1 - 2 eta mu, stable iff
# eta < 1/mu; beyond, a 2-cycle {xa, xb} (period doubling), fixed points of G(G(x)) that are not fixed points of G.
# run: python3 v03_two_step_gd.mpmath.py > v03_two_step_gd.mpmath.out
import sympy as sp
from mpmath import mp, mpf, nstr, findroot
mp.dps = 50
x, eta, mu = sp.symbols('x eta mu')
G = x - eta*x*(x**2 - mu)
GG = sp.expand(G.subs(x, G))
q = sp.factor(sp.cancel((GG - x)/(G - x)))
print("(G(G(x)) - x)/(G(x) - x) =", q)
def show(name, v): print(name, nstr(v, 32))
def cycle(e, m=1):
    roots = sp.Poly(q.subs({eta: e, mu: m}), x).nroots(n=50)
    return sorted([r for r in roots if abs(sp.im(r)) < 1e-40 and sp.re(r) > 0], key=lambda r: sp.re(r))
e = sp.Rational(11, 10)
print("positive real 2-cycle points at eta = 1.1, mu = 1:", [sp.N(r, 35) for r in cycle(e)])
dG = sp.diff(G, x)
for r in cycle(e):
    xa = sp.re(r); xb = G.subs({x: xa, eta: e, mu: 1})
    mult = (dG.subs({x: xa, eta: e, mu: 1})*dG.subs({x: xb, eta: e, mu: 1}))
    print("xa =", sp.N(xa, 35), " G(xa) =", sp.N(xb, 35), " multiplier G'(xa) G'(xb) =", sp.N(mult, 35))
# the 2-cycle through the branch near sqrt(mu): its multiplier as a function of eta, and where it reaches -1
# (the next period doubling). On the branch xa*xb > 0? The branch from x = 1 has xa, xb both near 1.
def branch(ev):
    ev = sp.nsimplify(ev)
    rs = [sp.re(r) for r in sp.Poly(q.subs({eta: ev, mu: 1}), x).nroots(n=50) if abs(sp.im(r)) < 1e-40]
    near = [r for r in rs if abs(r - 1) < 0.6]
    xa = min(near); xb = G.subs({x: xa, eta: ev, mu: 1})
    return xa, xb, dG.subs({x: xa, eta: ev, mu: 1})*dG.subs({x: xb, eta: ev, mu: 1})
# symbolic: on the 2-cycle, xa + xb and xa xb satisfy a quadratic; multiplier as a function of eta exactly:
s_, p_ = sp.symbols('s p')
# solve numerically for the next doubling eta2: multiplier(eta2) = -1
mp.dps = 50
def mult(ev):
    xa, xb, m = branch(sp.Float(ev, 60))
    return mpf(str(sp.N(m, 55)))
eta2 = findroot(lambda ev: mult(ev) + 1, mpf('1.2'))
show("eta2 (the 2-cycle's multiplier reaches -1)", eta2)
xa, xb, m = branch(sp.Rational(11, 10))
show("branch at eta=1.1: xa", mpf(str(sp.N(xa, 55)))); show("branch at eta=1.1: xb", mpf(str(sp.N(xb, 55)))); show("multiplier", mpf(str(sp.N(m, 55))))
# exact: the branch's points are roots of eta^2 x^2 - eta (eta mu + 2) ... print the quadratic factor at mu = 1
print("factor of q at mu=1:", sp.factor(q.subs(mu, 1)))
# iterate G from x0 = 1.2 at eta = 1.1 for 400 steps: where does it end up (even steps)?
xv = mpf('1.2'); ev = mpf('1.1')
for n in range(400): xv = xv - ev*xv*(xv**2 - 1)
show("G^400(1.2) at eta=1.1", xv)
# one step and two steps from 1.2 at eta = 0.9 (below the edge): the minimum attracts
xv = mpf('1.2'); ev = mpf('0.9')
x1 = xv - ev*xv*(xv**2 - 1); show("G(1.2) at eta=0.9", x1); show("G(G(1.2)) at eta=0.9", x1 - ev*x1*(x1**2 - 1))
# exact: the branch x^2 = ((eta mu + 1) -+ sqrt((eta mu + 1)^2 - 4))/(2 eta); its multiplier is 7 - 4 eta mu - 2 eta^2 mu^2
e_, m_ = sp.symbols('eta mu', positive=True)
r = sp.sqrt((e_*m_ + 1)**2 - 4)
xa = sp.sqrt((e_*m_ + 1 - r)/(2*e_)); xb = sp.sqrt((e_*m_ + 1 + r)/(2*e_))
Gs = lambda z: z - e_*z*(z**2 - m_)
for ev, mv in ((sp.Rational(11, 10), 1), (sp.Rational(3, 5), 2), (sp.Rational(23, 20), sp.Rational(9, 10))):
    sub = {e_: ev, m_: mv}
    a, b = sp.N(xa.subs(sub), 40), sp.N(xb.subs(sub), 40)
    mult = sp.N((sp.diff(Gs(x), x).subs({e_: ev, m_: mv, x: a}))*(sp.diff(Gs(x), x).subs({e_: ev, m_: mv, x: b})), 40)
    print(f"eta={ev} mu={mv}: G(xa) - xb = {sp.N(Gs(a).subs(sub) - b, 5)}, xa xb - 1/eta = {sp.N(a*b - 1/ev, 5)}, multiplier {mult} vs 7 - 4 eta mu - 2 eta^2 mu^2 = {sp.N((7 - 4*e_*m_ - 2*e_**2*m_**2).subs(sub), 40)}")
print("sqrt(5) - 1 =", sp.N(sp.sqrt(5) - 1, 40))
